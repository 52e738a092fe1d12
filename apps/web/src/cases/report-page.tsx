import { Button, Checkbox, ErrorSummary, Fieldset, Heading, Paragraph, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { useProcessCatalogue } from './report/catalogue';
import { useFormProblem } from './report/field-errors';
import { ProcessPicker } from './report/process-picker';
import { createBody, EMPTY_REPORT, ESTIMATED_SIZES, REPORT_FIELDS, reportFieldId, STRATEGIC_GOALS, type ReportForm } from './report/report-form';
import { ReportReview, type ReportSection } from './report/report-review';
import { useReportingUnits } from './report/reporting-units';
import { UnitPicker } from './report/unit-picker';
import './report/report.css';

/** The first field of each section: where "change" on the review takes the person. */
const SECTION_START: Record<ReportSection, string> = {
  where: 'report-process-search',
  need: reportFieldId('title'),
  assessment: reportFieldId('significantItComponent'),
};

/**
 * Reporting an improvement need (POST /api/cases): where it belongs, the need in words, a first
 * assessment, then a review of it all before it is sent. The API checks it; what it refuses comes
 * back at the fields, listed above the form, and the input stays. See docs/domain.md.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ReportForm>(EMPTY_REPORT);
  const [step, setStep] = useState<'form' | 'review'>('form');
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const reporting = useReportingUnits();
  const processes = useProcessCatalogue();

  const set = <K extends keyof ReportForm>(field: K, value: ReportForm[K]) => setForm((current) => ({ ...current, [field]: value }));

  // A person reports for their own unit unless they choose another they manage.
  const defaultUnit = reporting.units.find((u) => u.id === reporting.homeUnitId) ?? (reporting.units.length === 1 ? reporting.units[0] : undefined);
  useEffect(() => {
    if (!form.reportingUnitId && defaultUnit) setForm((current) => ({ ...current, reportingUnitId: defaultUnit.id }));
  }, [defaultUnit, form.reportingUnitId]);

  const sending = useMutation({
    mutationFn: () => api<{ id: string }>('/api/cases', { method: 'POST', body: createBody(form) }),
    onSuccess: async (created) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['inbox'] }), queryClient.invalidateQueries({ queryKey: ['cases', 'list'] })]);
      navigate(`/cases/${created.id}`);
    },
  });
  const problem = useFormProblem(sending.error, { known: (path) => (REPORT_FIELDS as string[]).includes(path) });
  const fieldErrors = problem?.fields ?? {};
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  // Refused fields are fixed in the form: back to it, where the error summary takes focus.
  useEffect(() => {
    if (hasFieldErrors) setStep('form');
  }, [hasFieldErrors, sending.error]);

  useEffect(() => {
    if (step === 'review') reviewHeading.current?.focus();
  }, [step]);
  useEffect(() => {
    if (step === 'form' && focusTarget) {
      const target = document.getElementById(focusTarget);
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
      setFocusTarget(null);
    }
  }, [step, focusTarget]);

  const toReview = (event: FormEvent) => {
    event.preventDefault();
    setStep('review');
  };
  const edit = (section: ReportSection) => {
    setStep('form');
    setFocusTarget(SECTION_START[section]);
  };

  if (reporting.pending) return <><PageHeading>{t('report.title')}</PageHeading><Loading /></>;
  if (reporting.failed) return <><PageHeading>{t('report.title')}</PageHeading><LoadError onRetry={reporting.retry} /></>;

  const chosenUnit = reporting.units.find((u) => u.id === form.reportingUnitId);
  const chosenProcess = processes.data?.items.find((p) => p.id === form.processId);
  const orderedErrors = REPORT_FIELDS.filter((field) => fieldErrors[field]);

  return (
    <>
      <PageHeading>{t('report.title')}</PageHeading>
      <Paragraph>{t('report.intro')}</Paragraph>
      <ol className="report-steps" aria-label={t('report.steps.label')}>
        <li aria-current={step === 'form' ? 'step' : undefined}>{t('report.steps.fill')}</li>
        <li aria-current={step === 'review' ? 'step' : undefined}>{t('report.steps.review')}</li>
      </ol>
      {reporting.units.length === 0 ? (
        <Paragraph>{t('report.noUnit')}</Paragraph>
      ) : step === 'review' ? (
        <ReportReview
          ref={reviewHeading}
          form={form}
          process={chosenProcess}
          unit={chosenUnit}
          sending={sending.isPending}
          failure={!hasFieldErrors && problem ? problem.general : sending.isError && !problem ? [t('common.errorBody')] : []}
          onEdit={edit}
          onSend={() => sending.mutate()}
        />
      ) : (
        <form className="report-form" onSubmit={toReview} noValidate aria-label={t('report.title')}>
          {hasFieldErrors && (
            <ErrorSummary>
              <ErrorSummary.Heading>{t('report.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                {orderedErrors.map((field) => (
                  <ErrorSummary.Item key={field}>
                    <ErrorSummary.Link
                      href={`#${reportFieldId(field)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        setFocusTarget(reportFieldId(field));
                      }}
                    >
                      {`${t(`report.fields.${field}`)}: ${fieldErrors[field]}`}
                    </ErrorSummary.Link>
                  </ErrorSummary.Item>
                ))}
                {problem!.general.map((line) => (
                  <ErrorSummary.Item key={line}>{line}</ErrorSummary.Item>
                ))}
              </ErrorSummary.List>
            </ErrorSummary>
          )}

          <section aria-labelledby="report-where" className="report-section">
            <Heading level={2} data-size="sm" id="report-where">
              {t('report.sections.where')}
            </Heading>
            <ProcessPicker value={form.processId} onChange={(id) => set('processId', id)} error={fieldErrors.processId} />
            <UnitPicker units={reporting.units} value={form.reportingUnitId} onChange={(id) => set('reportingUnitId', id)} error={fieldErrors.reportingUnitId} />
          </section>

          <section aria-labelledby="report-need" className="report-section">
            <Heading level={2} data-size="sm" id="report-need">
              {t('report.sections.need')}
            </Heading>
            <Textfield
              id={reportFieldId('title')}
              label={t('report.fields.title')}
              // No character counter: Designsystemet's counter clears aria-invalid, and the API names the limit if it is passed.
              description={t('report.help.title')}
              value={form.title}
              error={fieldErrors.title}
              onChange={(event) => set('title', event.target.value)}
            />
            <Textfield
              id={reportFieldId('problem')}
              multiline
              rows={5}
              label={t('report.fields.problem')}
              description={t('report.help.problem')}
              value={form.problem}
              error={fieldErrors.problem}
              onChange={(event) => set('problem', event.target.value)}
            />
            <Textfield
              id={reportFieldId('expectedBenefits')}
              multiline
              rows={4}
              label={`${t('report.fields.expectedBenefits')} (${t('report.optional')})`}
              description={t('report.help.expectedBenefits')}
              value={form.expectedBenefits}
              error={fieldErrors.expectedBenefits}
              onChange={(event) => set('expectedBenefits', event.target.value)}
            />
            <Textfield
              id={reportFieldId('description')}
              multiline
              rows={4}
              label={`${t('report.fields.description')} (${t('report.optional')})`}
              description={t('report.help.description')}
              value={form.description}
              error={fieldErrors.description}
              onChange={(event) => set('description', event.target.value)}
            />
          </section>

          <section aria-labelledby="report-assessment" className="report-section">
            <Heading level={2} data-size="sm" id="report-assessment">
              {t('report.sections.assessment')}
            </Heading>
            <Fieldset id={reportFieldId('significantItComponent')} tabIndex={-1} className="report-choice-group">
              <Fieldset.Legend>{t('report.fields.significantItComponent')}</Fieldset.Legend>
              <Fieldset.Description>{t('report.help.significantItComponent')}</Fieldset.Description>
              {(['yes', 'no', 'unknown'] as const).map((answer) => (
                <Radio
                  key={answer}
                  name="significantItComponent"
                  value={answer}
                  label={t(`report.answers.${answer}`)}
                  checked={form.significantItComponent === answer}
                  onChange={() => set('significantItComponent', answer)}
                />
              ))}
              {fieldErrors.significantItComponent && <ValidationMessage>{fieldErrors.significantItComponent}</ValidationMessage>}
            </Fieldset>
            <Fieldset id={reportFieldId('strategicGoals')} tabIndex={-1} className="report-choice-group">
              <Fieldset.Legend>{`${t('report.fields.strategicGoals')} (${t('report.optional')})`}</Fieldset.Legend>
              <Fieldset.Description>{t('report.help.strategicGoals')}</Fieldset.Description>
              {STRATEGIC_GOALS.map((goal) => (
                <Checkbox
                  key={goal}
                  value={String(goal)}
                  label={t('report.goalNumbered', { number: goal, goal: t(`report.goals.${goal}`) })}
                  checked={form.strategicGoals.includes(goal)}
                  onChange={(event) =>
                    set('strategicGoals', event.target.checked ? [...form.strategicGoals, goal] : form.strategicGoals.filter((g) => g !== goal))
                  }
                />
              ))}
              {fieldErrors.strategicGoals && <ValidationMessage>{fieldErrors.strategicGoals}</ValidationMessage>}
            </Fieldset>
            <Fieldset id={reportFieldId('estimatedSize')} tabIndex={-1} className="report-choice-group">
              <Fieldset.Legend>{`${t('report.fields.estimatedSize')} (${t('report.optional')})`}</Fieldset.Legend>
              <Fieldset.Description>{t('report.help.estimatedSize')}</Fieldset.Description>
              {[...ESTIMATED_SIZES, 'unknown' as const].map((size) => (
                <Radio
                  key={size}
                  name="estimatedSize"
                  value={size}
                  label={t(`report.sizes.${size}`)}
                  checked={form.estimatedSize === size}
                  onChange={() => set('estimatedSize', size)}
                />
              ))}
              {fieldErrors.estimatedSize && <ValidationMessage>{fieldErrors.estimatedSize}</ValidationMessage>}
            </Fieldset>
          </section>

          <div className="report-buttons">
            <Button type="submit">{t('report.toReview')}</Button>
          </div>
        </form>
      )}
    </>
  );
}
