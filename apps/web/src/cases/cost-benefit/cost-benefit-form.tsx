import { Alert, Button, Checkbox, ErrorSummary, Fieldset, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useNames, useUnitCatalogue } from '../report/catalogue';
import { useFormProblem } from '../report/field-errors';
import {
  assessmentOf,
  cbFieldId,
  CONTRIBUTOR_LEVELS,
  EMPTY_CONTRIBUTOR,
  EMPTY_ONE_OFF,
  EMPTY_SHIFT,
  EMPTY_VALUE,
  EMPTY_YEARLY,
  formOf,
  VALUE_KINDS,
  VALUE_NATURES,
  type AssessmentForm,
  type CostBenefitCase,
} from './assessment';
import { AnswerField, ChoiceField, ItemList, TextField } from './form-fields';

/** The paths the form shows a field (or a group) for: a reason for any other goes above the form. */
const KNOWN_PATHS = [
  /^values\.\d+\.(description|nature|kind|priced|yearlyAmountNok|yearlyHours|firstYear)$/,
  /^costs\.oneOff\.\d+\.(description|amountNok|year)$/,
  /^costs\.yearly\.\d+\.(description|amountNok|firstYear)$/,
  /^costShifts\.\d+\.(unitId|description|yearlyCostNok|yearlyHours)$/,
  /^contributors\.\d+\.(name|level|unitId)$/,
  /^(values|costs\.oneOff|costs\.yearly|costShifts|contributors|horizonYears|durationMonths|needsResourcesOutsideUnit)$/,
];
const LISTS: Record<string, string> = { values: 'values', 'costs.oneOff': 'oneOff', 'costs.yearly': 'yearly', costShifts: 'costShifts', contributors: 'contributors' };

/**
 * The whole assessment as a form, saved with PATCH /api/cases/{id} `{ costBenefit }`. It may be
 * saved unfinished: the API says what is wrong field by field, and the case says what is still
 * missing before the case can go to the programme.
 */
export function CostBenefitForm({
  caseData,
  onSaved,
  onCancel,
}: {
  caseData: CostBenefitCase;
  onSaved: (saved: CostBenefitCase) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const units = useUnitCatalogue();
  const [form, setForm] = useState<AssessmentForm>(() => formOf(caseData.costBenefit));
  const heading = useRef<HTMLHeadingElement>(null);
  const saving = useMutation({
    mutationFn: () => api<CostBenefitCase>(`/api/cases/${caseData.id}`, { method: 'PATCH', body: { costBenefit: assessmentOf(form) } }),
    onSuccess: onSaved,
  });
  const problem = useFormProblem(saving.error, { prefix: 'costBenefit.', known: (path) => KNOWN_PATHS.some((re) => re.test(path)) });
  const errors = problem?.fields ?? {};
  const errorPaths = Object.keys(errors);

  useEffect(() => heading.current?.focus(), []);

  const set = <K extends keyof AssessmentForm>(field: K, value: AssessmentForm[K]) => setForm((current) => ({ ...current, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    saving.mutate();
  };
  const unitOptions: [string, string][] = (units.data?.items ?? []).filter((u) => !u.endedAt).map((u) => [u.id, names(u)]);
  const choose = t('costBenefit.form.choose');
  const nok = t('costBenefit.form.nok');
  const hoursSuffix = t('costBenefit.form.hours');

  /** A refused field's name as the error summary says it: «Verdi 2, beløp per år». */
  const labelOf = (path: string) => {
    const match = /^(costs\.oneOff|costs\.yearly|values|costShifts|contributors)(?:\.(\d+)\.(\w+))?$/.exec(path);
    if (!match) return t(`costBenefit.fields.${path}`);
    const [, list, index, field] = match;
    const listKey = LISTS[list!]!;
    if (index === undefined) return t(`costBenefit.parts.${listKey}`);
    return `${t(`costBenefit.items.${listKey}`, { number: Number(index) + 1 })}, ${t(`costBenefit.fields.${field}`).toLocaleLowerCase()}`;
  };

  return (
    <form className="cb-form" onSubmit={submit} noValidate aria-labelledby="cb-form-heading">
      <Heading level={3} data-size="xs" id="cb-form-heading" ref={heading} tabIndex={-1} className="cb-focus-target">
        {caseData.costBenefit ? t('costBenefit.form.editTitle') : t('costBenefit.form.newTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('costBenefit.form.intro')}</Paragraph>

      {problem && errorPaths.length > 0 && (
        <ErrorSummary>
          <ErrorSummary.Heading>{t('costBenefit.form.errorSummary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {errorPaths.map((path) => (
              <ErrorSummary.Item key={path}>
                <ErrorSummary.Link
                  href={`#${cbFieldId(path)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const target = document.getElementById(cbFieldId(path));
                    target?.focus();
                    target?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {`${labelOf(path)}: ${errors[path]}`}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
            {problem.general.map((line) => (
              <ErrorSummary.Item key={line}>{line}</ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {problem && errorPaths.length === 0 && (
        <Alert data-color="danger" role="alert">
          <Heading level={4} data-size="2xs">
            {t('costBenefit.form.failedTitle')}
          </Heading>
          {problem.general.map((line) => (
            <Paragraph key={line}>{line}</Paragraph>
          ))}
          <Paragraph>{t('costBenefit.form.keptInput')}</Paragraph>
        </Alert>
      )}
      {saving.isError && !problem && (
        <Alert data-color="danger" role="alert">
          {t('common.errorBody')}
        </Alert>
      )}

      <ItemList
        path="values"
        legend={t('costBenefit.parts.values')}
        description={t('costBenefit.form.valuesHelp')}
        items={form.values}
        empty={EMPTY_VALUE}
        itemLabel={(n) => t('costBenefit.items.values', { number: n })}
        addLabel={t('costBenefit.form.addValue')}
        firstField="description"
        onChange={(items) => set('values', items)}
        errors={errors}
      >
        {(value, i, update) => (
          <>
            <TextField path={`values.${i}.description`} label={t('costBenefit.fields.description')} multiline value={value.description} onChange={(v) => update({ description: v })} errors={errors} />
            <div className="cb-row">
              <ChoiceField
                path={`values.${i}.nature`}
                label={t('costBenefit.fields.nature')}
                value={value.nature}
                options={VALUE_NATURES.map((n) => [n, t(`costBenefit.natures.${n}`)])}
                onChange={(v) => update({ nature: v })}
                errors={errors}
                chooseLabel={choose}
              />
              <ChoiceField
                path={`values.${i}.kind`}
                label={t('costBenefit.fields.kind')}
                value={value.kind}
                options={VALUE_KINDS.map((k) => [k, t(`costBenefit.kinds.${k}`)])}
                onChange={(v) => update({ kind: v })}
                errors={errors}
                chooseLabel={choose}
              />
            </div>
            <Checkbox
              id={cbFieldId(`values.${i}.priced`)}
              label={t('costBenefit.fields.priced')}
              description={t('costBenefit.form.pricedHelp')}
              checked={value.priced}
              onChange={(event) => update({ priced: event.target.checked })}
            />
            <div className="cb-row">
              {value.priced && (
                <TextField
                  path={`values.${i}.yearlyAmountNok`}
                  label={t('costBenefit.fields.yearlyAmountNok')}
                  number
                  suffix={nok}
                  value={value.yearlyAmountNok}
                  onChange={(v) => update({ yearlyAmountNok: v })}
                  errors={errors}
                />
              )}
              <TextField
                path={`values.${i}.yearlyHours`}
                label={`${t('costBenefit.fields.yearlyHours')} (${t('costBenefit.form.optional')})`}
                number
                suffix={hoursSuffix}
                value={value.yearlyHours}
                onChange={(v) => update({ yearlyHours: v })}
                errors={errors}
              />
              <TextField
                path={`values.${i}.firstYear`}
                label={t('costBenefit.fields.firstYear')}
                description={t('costBenefit.form.firstYearHelp')}
                number
                value={value.firstYear}
                onChange={(v) => update({ firstYear: v })}
                errors={errors}
              />
            </div>
          </>
        )}
      </ItemList>

      <ItemList
        path="costs.oneOff"
        legend={t('costBenefit.parts.oneOff')}
        description={t('costBenefit.form.oneOffHelp')}
        items={form.oneOff}
        empty={EMPTY_ONE_OFF}
        itemLabel={(n) => t('costBenefit.items.oneOff', { number: n })}
        addLabel={t('costBenefit.form.addOneOff')}
        firstField="description"
        onChange={(items) => set('oneOff', items)}
        errors={errors}
      >
        {(cost, i, update) => (
          <>
            <TextField path={`costs.oneOff.${i}.description`} label={t('costBenefit.fields.description')} value={cost.description} onChange={(v) => update({ description: v })} errors={errors} />
            <div className="cb-row">
              <TextField path={`costs.oneOff.${i}.amountNok`} label={t('costBenefit.fields.amountNok')} number suffix={nok} value={cost.amountNok} onChange={(v) => update({ amountNok: v })} errors={errors} />
              <TextField
                path={`costs.oneOff.${i}.year`}
                label={t('costBenefit.fields.year')}
                description={t('costBenefit.form.yearHelp')}
                number
                value={cost.year}
                onChange={(v) => update({ year: v })}
                errors={errors}
              />
            </div>
          </>
        )}
      </ItemList>

      <ItemList
        path="costs.yearly"
        legend={t('costBenefit.parts.yearly')}
        description={t('costBenefit.form.yearlyHelp')}
        items={form.yearly}
        empty={EMPTY_YEARLY}
        itemLabel={(n) => t('costBenefit.items.yearly', { number: n })}
        addLabel={t('costBenefit.form.addYearly')}
        firstField="description"
        onChange={(items) => set('yearly', items)}
        errors={errors}
      >
        {(cost, i, update) => (
          <>
            <TextField path={`costs.yearly.${i}.description`} label={t('costBenefit.fields.description')} value={cost.description} onChange={(v) => update({ description: v })} errors={errors} />
            <div className="cb-row">
              <TextField path={`costs.yearly.${i}.amountNok`} label={t('costBenefit.fields.yearlyAmount')} number suffix={nok} value={cost.amountNok} onChange={(v) => update({ amountNok: v })} errors={errors} />
              <TextField
                path={`costs.yearly.${i}.firstYear`}
                label={t('costBenefit.fields.firstYear')}
                description={t('costBenefit.form.firstYearHelp')}
                number
                value={cost.firstYear}
                onChange={(v) => update({ firstYear: v })}
                errors={errors}
              />
            </div>
          </>
        )}
      </ItemList>

      <div className="cb-group">
        <AnswerField
          path="costShifts"
          legend={t('costBenefit.form.shiftsQuestion')}
          description={t('costBenefit.form.shiftsHelp')}
          value={form.shiftsAnswer}
          onChange={(answer) =>
            setForm((current) => ({
              ...current,
              shiftsAnswer: answer,
              // «Yes» asks for the first shift at once.
              costShifts: answer === 'yes' && current.costShifts.length === 0 ? [EMPTY_SHIFT] : current.costShifts,
            }))
          }
          errors={errors}
        />
        {form.shiftsAnswer === 'yes' && (
          <ItemList
            path="costShifts"
            groupId="cb-costShifts-list"
            legend={t('costBenefit.parts.costShifts')}
            items={form.costShifts}
            empty={EMPTY_SHIFT}
            itemLabel={(n) => t('costBenefit.items.costShifts', { number: n })}
            addLabel={t('costBenefit.form.addShift')}
            firstField="unitId"
            onChange={(items) => set('costShifts', items)}
            errors={{ ...errors, costShifts: '' }}
          >
            {(shift, i, update) => (
              <>
                <ChoiceField
                  path={`costShifts.${i}.unitId`}
                  label={t('costBenefit.fields.unitId')}
                  value={shift.unitId}
                  options={unitOptions}
                  onChange={(v) => update({ unitId: v })}
                  errors={errors}
                  chooseLabel={choose}
                />
                <TextField path={`costShifts.${i}.description`} label={t('costBenefit.fields.description')} multiline value={shift.description} onChange={(v) => update({ description: v })} errors={errors} />
                <div className="cb-row">
                  <TextField
                    path={`costShifts.${i}.yearlyCostNok`}
                    label={t('costBenefit.fields.yearlyCostNok')}
                    number
                    suffix={nok}
                    value={shift.yearlyCostNok}
                    onChange={(v) => update({ yearlyCostNok: v })}
                    errors={errors}
                  />
                  <TextField
                    path={`costShifts.${i}.yearlyHours`}
                    label={t('costBenefit.fields.yearlyHours')}
                    number
                    suffix={hoursSuffix}
                    value={shift.yearlyHours}
                    onChange={(v) => update({ yearlyHours: v })}
                    errors={errors}
                  />
                </div>
              </>
            )}
          </ItemList>
        )}
      </div>

      <ItemList
        path="contributors"
        legend={t('costBenefit.parts.contributors')}
        description={t('costBenefit.form.contributorsHelp')}
        items={form.contributors}
        empty={EMPTY_CONTRIBUTOR}
        itemLabel={(n) => t('costBenefit.items.contributors', { number: n })}
        addLabel={t('costBenefit.form.addContributor')}
        firstField="name"
        onChange={(items) => set('contributors', items)}
        errors={errors}
      >
        {(contributor, i, update) => (
          <>
            <TextField path={`contributors.${i}.name`} label={t('costBenefit.fields.name')} value={contributor.name} onChange={(v) => update({ name: v })} errors={errors} />
            <div className="cb-row">
              <ChoiceField
                path={`contributors.${i}.level`}
                label={t('costBenefit.fields.level')}
                value={contributor.level}
                options={CONTRIBUTOR_LEVELS.map((l) => [l, t(`costBenefit.levels.${l}`)])}
                onChange={(v) => update({ level: v })}
                errors={errors}
                chooseLabel={choose}
              />
              <ChoiceField
                path={`contributors.${i}.unitId`}
                label={`${t('costBenefit.fields.unitId')} (${t('costBenefit.form.optional')})`}
                value={contributor.unitId}
                options={unitOptions}
                onChange={(v) => update({ unitId: v })}
                errors={errors}
                chooseLabel={t('costBenefit.form.noUnit')}
              />
            </div>
          </>
        )}
      </ItemList>

      <Fieldset className="cb-list">
        <Fieldset.Legend className="cb-list-legend">{t('costBenefit.parts.scope')}</Fieldset.Legend>
        <div className="cb-row">
          <TextField
            path="horizonYears"
            label={t('costBenefit.fields.horizonYears')}
            description={t('costBenefit.form.horizonHelp')}
            number
            suffix={t('costBenefit.form.yearsSuffix')}
            value={form.horizonYears}
            onChange={(v) => set('horizonYears', v)}
            errors={errors}
          />
          <TextField
            path="durationMonths"
            label={t('costBenefit.fields.durationMonths')}
            description={t('costBenefit.form.durationHelp')}
            number
            suffix={t('costBenefit.form.monthsSuffix')}
            value={form.durationMonths}
            onChange={(v) => set('durationMonths', v)}
            errors={errors}
          />
        </div>
        <AnswerField
          path="needsResourcesOutsideUnit"
          legend={t('costBenefit.fields.needsResourcesOutsideUnit')}
          description={t('costBenefit.form.outsideUnitHelp')}
          value={form.needsResourcesOutsideUnit}
          onChange={(answer) => set('needsResourcesOutsideUnit', answer)}
          errors={errors}
        />
      </Fieldset>

      <div className="cb-buttons">
        <Button type="submit" disabled={saving.isPending}>
          {saving.isPending ? t('costBenefit.form.saving') : t('costBenefit.form.save')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('costBenefit.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
