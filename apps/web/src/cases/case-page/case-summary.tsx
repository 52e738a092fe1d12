import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { CaseView, ProcessView } from './case-data';
import type { EditRights } from './case-editing';
import { CaseEditForm } from './case-edit-form';
import { CaseRefLink } from './case-ref-link';

/** What the case is about, as a list of facts; the parts the caller may change, changeable. */
export function CaseSummary({
  caseData,
  rights,
  processes,
  onSaved,
}: {
  caseData: CaseView;
  rights: EditRights;
  processes: ProcessView[] | undefined;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const savedNote = useRef<HTMLParagraphElement>(null);
  const process = processes?.find((p) => p.id === caseData.process.id);
  const processName = process && i18n.language === 'en' ? process.nameEn : caseData.process.nameNb;
  const text = (value: string) => (value.trim() ? <span className="case-text">{value}</span> : <span className="case-empty">{t('casePage.values.empty')}</span>);
  const canEdit = rights.text || rights.process;

  return (
    <section aria-labelledby="case-summary" className="case-section">
      <Heading level={2} data-size="sm" id="case-summary">
        {t('casePage.sections.summary')}
      </Heading>
      {saved && (
        <Paragraph role="status" ref={savedNote} tabIndex={-1} className="case-note">
          {t('casePage.edit.saved')}
        </Paragraph>
      )}
      {editing ? (
        <CaseEditForm
          caseData={caseData}
          rights={rights}
          processes={processes}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => openButton.current?.focus());
          }}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            onSaved();
            requestAnimationFrame(() => savedNote.current?.focus());
          }}
        />
      ) : (
        <>
          <dl className="case-facts">
            <div>
              <dt>{t('casePage.fields.reference')}</dt>
              <dd>{caseData.reference}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.state')}</dt>
              <dd>{format.label(caseData.stateLabel)}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.process')}</dt>
              <dd>{processName}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.unit')}</dt>
              <dd>{caseData.reportingUnit.nameNb}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.reporter')}</dt>
              <dd>{caseData.reporter.name}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.estimatedSize')}</dt>
              <dd>{caseData.estimatedSize ? t(`casePage.sizes.${caseData.estimatedSize}`) : t('casePage.values.notAssessed')}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.significantItComponent')}</dt>
              <dd>{yesNo(caseData.significantItComponent, t)}</dd>
            </div>
            <div>
              <dt>{t('casePage.fields.createdAt')}</dt>
              <dd>
                <time dateTime={caseData.createdAt}>{format.dateTime(caseData.createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('casePage.fields.updatedAt')}</dt>
              <dd>
                <time dateTime={caseData.updatedAt}>{format.dateTime(caseData.updatedAt)}</time>
              </dd>
            </div>
            {caseData.heldSince && (
              <div>
                <dt>{t('casePage.fields.heldSince')}</dt>
                <dd>
                  <time dateTime={caseData.heldSince}>{format.dateTime(caseData.heldSince)}</time>
                </dd>
              </div>
            )}
            {caseData.duplicateOf.length > 0 && (
              <div>
                <dt>{t('casePage.fields.duplicateOf')}</dt>
                <dd>
                  <ul className="plain-list">
                    {caseData.duplicateOf.map((id) => (
                      <li key={id}>
                        <CaseRefLink id={id} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            <div className="case-facts-wide">
              <dt>{t('casePage.fields.strategicGoals')}</dt>
              <dd>
                {caseData.strategicGoals.length === 0 ? (
                  t('casePage.values.none')
                ) : (
                  <ul className="plain-list">
                    {caseData.strategicGoals.map((goal) => (
                      <li key={goal}>{`${t('casePage.goalNumber', { number: goal })}: ${t(`casePage.goals.${goal}`)}`}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div className="case-facts-wide">
              <dt>{t('casePage.fields.problem')}</dt>
              <dd>{text(caseData.problem)}</dd>
            </div>
            <div className="case-facts-wide">
              <dt>{t('casePage.fields.expectedBenefits')}</dt>
              <dd>{text(caseData.expectedBenefits)}</dd>
            </div>
            <div className="case-facts-wide">
              <dt>{t('casePage.fields.description')}</dt>
              <dd>{text(caseData.description)}</dd>
            </div>
          </dl>
          {canEdit && (
            <div>
              <Button
                ref={openButton}
                variant="secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('casePage.edit.open')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function yesNo(value: boolean | null, t: (key: string) => string): string {
  return value === null ? t('casePage.values.notAssessed') : value ? t('casePage.values.yes') : t('casePage.values.no');
}
