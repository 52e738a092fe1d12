import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MISSING_WORDS, type CostBenefitCase } from './assessment';
import { CostBenefitFigures } from './cost-benefit-figures';
import { CostBenefitForm } from './cost-benefit-form';
import { CostBenefitView } from './cost-benefit-view';
import './cost-benefit.css';

export type { CostBenefitAssessment, CostBenefitCase, CostBenefitFigures as CostBenefitFiguresData } from './assessment';

/**
 * A case's cost-benefit assessment on its page: what is still missing before the case can go to the
 * programme, the figures the API computes (net present value, payback, cash flow), the assessment
 * itself, and, where the person may change it (`editable`), a form for the whole of it. The API
 * decides who may change it and when (docs/domain.md, "Changing a case"); `onSaved` lets the page
 * fetch the case again, whose figures and allowed events follow from the new assessment.
 */
export function CostBenefitSection({ caseData, editable, onSaved }: { caseData: CostBenefitCase; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<CostBenefitCase | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // The answer to a save already holds the new figures; the case as the page fetches it again replaces it.
  useEffect(() => setSaved(null), [caseData]);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  const shown = saved ?? caseData;
  const missing = shown.costBenefitMissing;
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  return (
    <section aria-labelledby="cost-benefit-heading" className="cost-benefit">
      <Heading level={2} data-size="sm" id="cost-benefit-heading">
        {t('costBenefit.title')}
      </Heading>

      {missing.length > 0 ? (
        <Alert data-color="warning" className="cb-missing">
          <Heading level={3} data-size="2xs">
            {t('costBenefit.missing.title')}
          </Heading>
          <ul>
            {missing.map((text) => (
              <li key={text}>{MISSING_WORDS[text] ? t(`costBenefit.missing.${MISSING_WORDS[text]}`) : text}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert data-color="success" className="cb-missing">
          <Paragraph>{t('costBenefit.missing.complete')}</Paragraph>
        </Alert>
      )}

      <p role="status" className="cb-status">
        {justSaved ? t('costBenefit.saved') : ''}
      </p>

      {shown.costBenefit && <CostBenefitFigures figures={shown.costBenefitFigures} />}

      {editing ? (
        <CostBenefitForm
          caseData={shown}
          onCancel={close}
          onSaved={(answer) => {
            setSaved(answer);
            setJustSaved(true);
            close();
            onSaved();
          }}
        />
      ) : (
        <>
          {shown.costBenefit ? <CostBenefitView assessment={shown.costBenefit} /> : <Paragraph>{t('costBenefit.none')}</Paragraph>}
          {editable && (
            <div>
              <Button
                ref={editButton}
                variant="secondary"
                onClick={() => {
                  setJustSaved(false);
                  setEditing(true);
                }}
              >
                {shown.costBenefit ? t('costBenefit.edit') : t('costBenefit.start')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
