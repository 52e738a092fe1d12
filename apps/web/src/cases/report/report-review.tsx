import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { forwardRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames, type ProcessItem } from './catalogue';
import type { ReportForm } from './report-form';
import type { ReportingUnit } from './reporting-units';

export type ReportSection = 'where' | 'need' | 'assessment';

/** The report as it will be sent, section by section, each with a way back to change it. */
export const ReportReview = forwardRef<
  HTMLHeadingElement,
  {
    form: ReportForm;
    process?: ProcessItem;
    unit?: ReportingUnit;
    sending: boolean;
    /** What the API said when sending failed, other than about a field. */
    failure: string[];
    onEdit: (section: ReportSection) => void;
    onSend: () => void;
  }
>(function ReportReview({ form, process, unit, sending, failure, onEdit, onSend }, ref) {
  const { t } = useTranslation();
  const names = useNames();
  const empty = <span className="report-empty">{t('report.review.empty')}</span>;
  const text = (value: string) => (value.trim() ? <span className="report-text">{value}</span> : empty);
  const answer = { yes: t('report.answers.yes'), no: t('report.answers.no'), unknown: t('report.answers.unknown'), '': '' }[form.significantItComponent];
  const goals = [...form.strategicGoals].sort((a, b) => a - b);

  const section = (id: ReportSection, rows: [string, ReactNode][]) => (
    <section aria-labelledby={`review-${id}`} className="report-review-section">
      <div className="report-review-head">
        <Heading level={3} data-size="xs" id={`review-${id}`}>
          {t(`report.sections.${id}`)}
        </Heading>
        <Button variant="tertiary" data-size="sm" onClick={() => onEdit(id)} aria-label={t('report.review.editSection', { section: t(`report.sections.${id}`) })}>
          {t('report.review.edit')}
        </Button>
      </div>
      <dl className="report-review-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );

  return (
    <div className="report-review">
      <Heading level={2} data-size="sm" ref={ref} tabIndex={-1} className="report-focus-target">
        {t('report.review.title')}
      </Heading>
      <Paragraph>{t('report.review.intro')}</Paragraph>
      {section('where', [
        [t('report.fields.processId'), process ? names(process) : empty],
        [t('report.fields.reportingUnitId'), unit ? names(unit) : empty],
      ])}
      {section('need', [
        [t('report.fields.title'), text(form.title)],
        [t('report.fields.problem'), text(form.problem)],
        [t('report.fields.expectedBenefits'), text(form.expectedBenefits)],
        [t('report.fields.description'), text(form.description)],
      ])}
      {section('assessment', [
        [t('report.fields.significantItComponent'), answer || empty],
        [
          t('report.fields.strategicGoals'),
          goals.length ? (
            <ul className="report-goal-list">
              {goals.map((goal) => (
                <li key={goal}>{t('report.goalNumbered', { number: goal, goal: t(`report.goals.${goal}`) })}</li>
              ))}
            </ul>
          ) : (
            empty
          ),
        ],
        [t('report.fields.estimatedSize'), form.estimatedSize ? t(`report.sizes.${form.estimatedSize}`) : empty],
      ])}
      {unit && (
        <Alert data-color="info">
          <Paragraph>{unit.asLineManager ? t('report.review.nextAsLineManager') : t('report.review.nextAsEmployee')}</Paragraph>
        </Alert>
      )}
      {failure.length > 0 && (
        <Alert data-color="danger" role="alert">
          <Heading level={3} data-size="2xs">
            {t('report.failedTitle')}
          </Heading>
          {failure.map((line) => (
            <Paragraph key={line}>{line}</Paragraph>
          ))}
          <Paragraph>{t('report.keptInput')}</Paragraph>
        </Alert>
      )}
      <div className="report-buttons">
        <Button onClick={onSend} disabled={sending}>
          {sending ? t('report.sending') : t('report.send')}
        </Button>
        <Button variant="secondary" onClick={() => onEdit('where')}>
          {t('report.review.back')}
        </Button>
      </div>
    </div>
  );
});
