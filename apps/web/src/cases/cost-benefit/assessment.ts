/**
 * The cost-benefit assessment as the API holds it (CostBenefitAssessment in the OpenAPI document;
 * docs/domain.md, "Cost-benefit and benefits realisation"), its computed figures, and the form
 * values that edit it. The rules (what is required, what is complete) are the API's: it answers
 * with field errors and with `costBenefitMissing`.
 */

export const VALUE_NATURES = ['direct', 'indirect'] as const;
export const VALUE_KINDS = ['efficiency', 'quality', 'gainsForOthers'] as const;
export const CONTRIBUTOR_LEVELS = ['unit', 'faculty', 'central'] as const;

export interface BenefitValue {
  description: string;
  nature: (typeof VALUE_NATURES)[number];
  kind: (typeof VALUE_KINDS)[number];
  priced: boolean;
  yearlyAmountNok: number | null;
  yearlyHours: number | null;
  firstYear: number;
}

export interface OneOffCost {
  description: string;
  amountNok: number;
  year: number;
}

export interface YearlyCost {
  description: string;
  amountNok: number;
  firstYear: number;
}

export interface CostShift {
  unitId: string;
  description: string;
  yearlyCostNok: number | null;
  yearlyHours: number | null;
}

export interface Contributor {
  name: string;
  userId: string | null;
  level: (typeof CONTRIBUTOR_LEVELS)[number];
  unitId: string | null;
}

export interface CostBenefitAssessment {
  values: BenefitValue[];
  costs: { oneOff: OneOffCost[]; yearly: YearlyCost[] } | null;
  /** null: not answered yet; []: answered, none. */
  costShifts: CostShift[] | null;
  contributors: Contributor[];
  horizonYears: number | null;
  durationMonths: number | null;
  needsResourcesOutsideUnit: boolean | null;
}

export interface CostBenefitFigures {
  discountRate: number;
  horizonYears: number;
  /** Year 0 holds the one-off costs due before the values start. */
  cashFlows: { year: number; benefitsNok: number; costsNok: number; netNok: number }[];
  presentValueBenefitsNok: number;
  presentValueCostsNok: number;
  netPresentValueNok: number;
  /** null: the investment does not pay back within the horizon. */
  paybackYears: number | null;
  unpricedValues: number;
}

/** What the section reads of a case (GET /api/cases/{id}). */
export interface CostBenefitCase {
  id: string;
  costBenefit: CostBenefitAssessment | null;
  costBenefitFigures: CostBenefitFigures | null;
  /** What the assessment lacks before the case can go to the programme, in the API's words; empty when complete. */
  costBenefitMissing: string[];
}

// Form values: text as typed until it is sent.
export interface ValueForm {
  description: string;
  nature: string;
  kind: string;
  priced: boolean;
  yearlyAmountNok: string;
  yearlyHours: string;
  firstYear: string;
}
export interface OneOffForm {
  description: string;
  amountNok: string;
  year: string;
}
export interface YearlyForm {
  description: string;
  amountNok: string;
  firstYear: string;
}
export interface ShiftForm {
  unitId: string;
  description: string;
  yearlyCostNok: string;
  yearlyHours: string;
}
export interface ContributorForm {
  name: string;
  level: string;
  unitId: string;
  /** Kept as it was: the form does not choose people. */
  userId: string | null;
}
export type Answer = '' | 'yes' | 'no';

export interface AssessmentForm {
  values: ValueForm[];
  oneOff: OneOffForm[];
  yearly: YearlyForm[];
  /** Does the measure move costs or work to other units? '' not answered yet. */
  shiftsAnswer: Answer;
  costShifts: ShiftForm[];
  contributors: ContributorForm[];
  horizonYears: string;
  durationMonths: string;
  needsResourcesOutsideUnit: Answer;
}

export const EMPTY_VALUE: ValueForm = { description: '', nature: '', kind: '', priced: true, yearlyAmountNok: '', yearlyHours: '', firstYear: '1' };
export const EMPTY_ONE_OFF: OneOffForm = { description: '', amountNok: '', year: '0' };
export const EMPTY_YEARLY: YearlyForm = { description: '', amountNok: '', firstYear: '1' };
export const EMPTY_SHIFT: ShiftForm = { unitId: '', description: '', yearlyCostNok: '', yearlyHours: '' };
export const EMPTY_CONTRIBUTOR: ContributorForm = { name: '', level: '', unitId: '', userId: null };

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const answerOf = (b: boolean | null | undefined): Answer => (b === true ? 'yes' : b === false ? 'no' : '');

/** The stored assessment as form values; none yet gives an empty form. */
export function formOf(assessment: CostBenefitAssessment | null): AssessmentForm {
  return {
    values: (assessment?.values ?? []).map((v) => ({
      description: v.description,
      nature: v.nature,
      kind: v.kind,
      priced: v.priced,
      yearlyAmountNok: text(v.yearlyAmountNok),
      yearlyHours: text(v.yearlyHours),
      firstYear: text(v.firstYear),
    })),
    oneOff: (assessment?.costs?.oneOff ?? []).map((c) => ({ description: c.description, amountNok: text(c.amountNok), year: text(c.year) })),
    yearly: (assessment?.costs?.yearly ?? []).map((c) => ({ description: c.description, amountNok: text(c.amountNok), firstYear: text(c.firstYear) })),
    shiftsAnswer: assessment?.costShifts === null || assessment?.costShifts === undefined ? '' : assessment.costShifts.length > 0 ? 'yes' : 'no',
    costShifts: (assessment?.costShifts ?? []).map((s) => ({
      unitId: s.unitId,
      description: s.description,
      yearlyCostNok: text(s.yearlyCostNok),
      yearlyHours: text(s.yearlyHours),
    })),
    contributors: (assessment?.contributors ?? []).map((c) => ({ name: c.name, level: c.level, unitId: c.unitId ?? '', userId: c.userId })),
    horizonYears: text(assessment?.horizonYears),
    durationMonths: text(assessment?.durationMonths),
    needsResourcesOutsideUnit: answerOf(assessment?.needsResourcesOutsideUnit),
  };
}

/**
 * A number as people type it: «1 500 000», «12,5». Text that is no number is sent as it is, and
 * the API names the field; empty is `empty` (left out for a default, or null).
 */
function numberOf(value: string, empty: null | undefined): number | string | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return empty;
  const number = Number(trimmed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return Number.isFinite(number) ? number : trimmed;
}

/** Leaves out what is undefined, so the API's defaults apply. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** The form as the body of PATCH /api/cases/{id} `costBenefit`: the whole assessment, replacing the one stored. */
export function assessmentOf(form: AssessmentForm): Record<string, unknown> {
  const answer = (a: Answer) => (a === 'yes' ? true : a === 'no' ? false : null);
  const costs =
    form.oneOff.length === 0 && form.yearly.length === 0
      ? null
      : {
          oneOff: form.oneOff.map((c) => defined({ description: c.description, amountNok: numberOf(c.amountNok, undefined), year: numberOf(c.year, undefined) })),
          yearly: form.yearly.map((c) => defined({ description: c.description, amountNok: numberOf(c.amountNok, undefined), firstYear: numberOf(c.firstYear, undefined) })),
        };
  return {
    values: form.values.map((v) =>
      defined({
        description: v.description,
        nature: v.nature || undefined,
        kind: v.kind || undefined,
        priced: v.priced,
        // An unpriced value has no amount: what was typed before unticking "priced" is not sent.
        yearlyAmountNok: v.priced ? numberOf(v.yearlyAmountNok, null) : null,
        yearlyHours: numberOf(v.yearlyHours, null),
        firstYear: numberOf(v.firstYear, undefined),
      }),
    ),
    costs,
    costShifts:
      form.shiftsAnswer === ''
        ? null
        : form.shiftsAnswer === 'no'
          ? []
          : form.costShifts.map((s) =>
              defined({
                unitId: s.unitId || undefined,
                description: s.description,
                yearlyCostNok: numberOf(s.yearlyCostNok, null),
                yearlyHours: numberOf(s.yearlyHours, null),
              }),
            ),
    contributors: form.contributors.map((c) => defined({ name: c.name, level: c.level || undefined, unitId: c.unitId || null, userId: c.userId })),
    horizonYears: numberOf(form.horizonYears, null),
    durationMonths: numberOf(form.durationMonths, null),
    needsResourcesOutsideUnit: answer(form.needsResourcesOutsideUnit),
  };
}

/** The API's words for what an assessment lacks (costBenefitMissing), by the key of their words in the locale files. */
export const MISSING_WORDS: Readonly<Record<string, string>> = {
  'the cost-benefit assessment': 'assessment',
  'at least one value': 'values',
  'the costs': 'costs',
  'the costs in kroner (every cost is 0 NOK)': 'zeroCosts',
  'whether costs or work move to other units': 'costShifts',
  'who contributed': 'contributors',
  'the horizon in years': 'horizonYears',
  'how long the measure runs, in months': 'durationMonths',
  "whether it needs people or money beyond the unit's ordinary structure": 'needsResourcesOutsideUnit',
};

/** The id of a field's input, which the error summary links to: `values.0.amountNok` → `cb-values-0-amountNok`. */
export function cbFieldId(path: string): string {
  return `cb-${path.replace(/\./g, '-')}`;
}
