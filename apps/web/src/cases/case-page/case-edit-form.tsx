import { Alert, Button, Checkbox, ErrorSummary, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrorsOf, problemOf } from '../../api/problem';
import { useCounter } from '../../forms/counter';
import { reasonsInWords } from '../../forms/reasons';
import { ESTIMATED_SIZES, STRATEGIC_GOALS, type CaseView, type EstimatedSize, type ProcessView } from './case-data';
import type { EditRights } from './case-editing';

interface Draft {
  title: string;
  problem: string;
  description: string;
  expectedBenefits: string;
  strategicGoals: number[];
  estimatedSize: EstimatedSize | '';
  significantItComponent: 'yes' | 'no' | '';
  processId: string;
}

const draftOf = (c: CaseView): Draft => ({
  title: c.title,
  problem: c.problem,
  description: c.description,
  expectedBenefits: c.expectedBenefits,
  strategicGoals: [...c.strategicGoals],
  estimatedSize: c.estimatedSize ?? '',
  significantItComponent: c.significantItComponent === null ? '' : c.significantItComponent ? 'yes' : 'no',
  processId: c.process.id,
});

/** The draft as the PATCH body: the fields that changed, and only those the caller may change. */
function changesOf(before: Draft, after: Draft, rights: EditRights): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (rights.text) {
    for (const field of ['title', 'problem', 'description', 'expectedBenefits'] as const) if (after[field] !== before[field]) body[field] = after[field];
    const goals = [...after.strategicGoals].sort((a, b) => a - b);
    if (goals.join(',') !== [...before.strategicGoals].sort((a, b) => a - b).join(',')) body.strategicGoals = goals;
    if (after.estimatedSize !== before.estimatedSize) body.estimatedSize = after.estimatedSize || null;
    if (after.significantItComponent !== before.significantItComponent) {
      body.significantItComponent = after.significantItComponent === '' ? null : after.significantItComponent === 'yes';
    }
  }
  if (rights.process && after.processId !== before.processId) body.processId = after.processId;
  return body;
}

const FIELD_ORDER = ['title', 'problem', 'description', 'expectedBenefits', 'strategicGoals', 'estimatedSize', 'significantItComponent', 'processId'];
const inputId = (field: string) => `case-edit-${field}`;

/** Changing the case's text and process (PATCH /api/cases/{id}); the API's field reasons at the fields. */
export function CaseEditForm({
  caseData,
  rights,
  processes,
  onCancel,
  onSaved,
}: {
  caseData: CaseView;
  rights: EditRights;
  processes: ProcessView[] | undefined;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const counter = useCounter();
  const [before] = useState(() => draftOf(caseData));
  const [draft, setDraft] = useState(before);
  const [unchanged, setUnchanged] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const saving = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CaseView>(`/api/cases/${caseData.id}`, { method: 'PATCH', body }),
    onSuccess: onSaved,
  });
  const problem = problemOf(saving.error);
  // The API names list items `strategicGoals[2]`: the form shows them at the list.
  const byField: Record<string, string> = {};
  for (const [field, reason] of Object.entries(reasonsInWords(fieldErrorsOf(problem), t))) {
    const name = field.replace(/\[\d+\]/g, '').split('.')[0]!;
    byField[name] = byField[name] ? `${byField[name]} ${reason}` : reason;
  }
  const fieldsWithErrors = FIELD_ORDER.filter((field) => byField[field]);
  const otherErrors = Object.entries(byField).filter(([field]) => !FIELD_ORDER.includes(field));

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (saving.isError || unchanged) summary.current?.focus();
  }, [saving.isError, saving.error, unchanged]);

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setUnchanged(false);
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = changesOf(before, draft, rights);
    if (Object.keys(body).length === 0) {
      saving.reset();
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    saving.mutate(body);
  };
  const processName = (p: ProcessView) => (i18n.language === 'en' ? p.nameEn : p.nameNb);
  const choosable = (processes ?? []).filter((p) => !p.endedAt || p.id === caseData.process.id);

  return (
    <form className="case-edit-form" onSubmit={submit} noValidate aria-labelledby="case-edit-heading">
      <Heading level={3} data-size="xs" id="case-edit-heading" ref={heading} tabIndex={-1}>
        {t('casePage.edit.title')}
      </Heading>
      <Paragraph data-size="sm">{rights.text ? t('casePage.edit.intro') : t('casePage.edit.processOnly')}</Paragraph>
      <div ref={summary} tabIndex={-1} className="form-problem">
        {unchanged && (
          <Alert data-color="info" role="status">
            {t('casePage.edit.nothingChanged')}
          </Alert>
        )}
        {problem && fieldsWithErrors.length > 0 && (
          <ErrorSummary>
            <ErrorSummary.Heading>{t('casePage.edit.errorSummary')}</ErrorSummary.Heading>
            <ErrorSummary.List>
              {fieldsWithErrors.map((field) => (
                <ErrorSummary.Item key={field}>
                  <ErrorSummary.Link href={`#${inputId(field)}`}>{`${t(`casePage.fields.${field}`)}: ${byField[field]}`}</ErrorSummary.Link>
                </ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        )}
        {saving.isError && fieldsWithErrors.length === 0 && (
          <Alert data-color="danger" role="alert">
            <Heading level={4} data-size="2xs">
              {t('casePage.edit.refused')}
            </Heading>
            <Paragraph>{otherErrors.map(([, reason]) => reason).join(' ') || problem?.detail || problem?.title || t('casePage.loadError')}</Paragraph>
          </Alert>
        )}
      </div>
      {rights.text && (
        <>
          <Textfield
            id={inputId('title')}
            className="form-field"
            label={t('casePage.fields.title')}
            value={draft.title}
            error={byField.title}
            counter={counter(200, byField.title)}
            onChange={(e) => set('title', e.target.value)}
          />
          {(['problem', 'expectedBenefits', 'description'] as const).map((field) => (
            <Textfield
              key={field}
              id={inputId(field)}
              className="form-field"
              multiline
              rows={5}
              label={t(`casePage.fields.${field}`)}
              value={draft[field]}
              error={byField[field]}
              onChange={(e) => set(field, e.target.value)}
            />
          ))}
          <Fieldset className="form-group" id={inputId('strategicGoals')} tabIndex={-1}>
            <Fieldset.Legend>{t('casePage.fields.strategicGoals')}</Fieldset.Legend>
            <Fieldset.Description>{t('casePage.edit.goalsHelp')}</Fieldset.Description>
            {STRATEGIC_GOALS.map((goal) => (
              <Checkbox
                key={goal}
                label={`${t('casePage.goalNumber', { number: goal })}: ${t(`casePage.goals.${goal}`)}`}
                value={String(goal)}
                checked={draft.strategicGoals.includes(goal)}
                onChange={(e) => set('strategicGoals', e.target.checked ? [...draft.strategicGoals, goal] : draft.strategicGoals.filter((g) => g !== goal))}
              />
            ))}
            {byField.strategicGoals && <ValidationMessage>{byField.strategicGoals}</ValidationMessage>}
          </Fieldset>
          <Field className="form-field">
            <Label htmlFor={inputId('estimatedSize')}>{t('casePage.fields.estimatedSize')}</Label>
            <Select
              id={inputId('estimatedSize')}
              value={draft.estimatedSize}
              aria-invalid={byField.estimatedSize ? true : undefined}
              onChange={(e) => set('estimatedSize', e.target.value as EstimatedSize | '')}
            >
              <Select.Option value="">{t('casePage.values.notAssessed')}</Select.Option>
              {ESTIMATED_SIZES.map((size) => (
                <Select.Option key={size} value={size}>
                  {t(`casePage.sizes.${size}`)}
                </Select.Option>
              ))}
            </Select>
            {byField.estimatedSize && <ValidationMessage>{byField.estimatedSize}</ValidationMessage>}
          </Field>
          <Fieldset className="form-group" id={inputId('significantItComponent')} tabIndex={-1}>
            <Fieldset.Legend>{t('casePage.fields.significantItComponent')}</Fieldset.Legend>
            {(
              [
                ['yes', 'casePage.values.yes'],
                ['no', 'casePage.values.no'],
                ['', 'casePage.values.notAssessed'],
              ] as const
            ).map(([value, key]) => (
              <Radio
                key={value || 'unknown'}
                name="case-edit-it-component"
                label={t(key)}
                value={value}
                checked={draft.significantItComponent === value}
                onChange={() => set('significantItComponent', value)}
              />
            ))}
            {byField.significantItComponent && <ValidationMessage>{byField.significantItComponent}</ValidationMessage>}
          </Fieldset>
        </>
      )}
      {rights.process && (
        <Field className="form-field">
          <Label htmlFor={inputId('processId')}>{t('casePage.fields.processId')}</Label>
          <Field.Description>{t('casePage.edit.processHelp')}</Field.Description>
          <Select id={inputId('processId')} value={draft.processId} aria-invalid={byField.processId ? true : undefined} onChange={(e) => set('processId', e.target.value)}>
            {choosable.length === 0 && <Select.Option value={caseData.process.id}>{caseData.process.nameNb}</Select.Option>}
            {choosable.map((p) => (
              <Select.Option key={p.id} value={p.id}>
                {processName(p)}
              </Select.Option>
            ))}
          </Select>
          {byField.processId && <ValidationMessage>{byField.processId}</ValidationMessage>}
        </Field>
      )}
      <div className="form-buttons">
        <Button type="submit" disabled={saving.isPending}>
          {saving.isPending ? t('casePage.edit.saving') : t('casePage.edit.save')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('casePage.edit.cancel')}
        </Button>
      </div>
    </form>
  );
}
