import { z } from 'zod';
import { personText } from '#flyt/workflow-runtime/domain';

/**
 * The cost-benefit assessment the policy demands for every measure (section 6.3): direct and
 * indirect values, costs, and — explicitly — where a gain in one unit creates cost or work in
 * another. Several levels of the organisation contribute. An assessment is filled in over time,
 * so the schema accepts a partial one; `costBenefitCompleteness` says what is still missing.
 */

export const VALUE_NATURES = ['direct', 'indirect'] as const;
export const VALUE_KINDS = ['efficiency', 'quality', 'gainsForOthers'] as const;
export const CONTRIBUTOR_LEVELS = ['unit', 'faculty', 'central'] as const;

const MAX_HORIZON = 30;
const DESCRIPTION = personText({ max: 2000 });
const NOK = z.number().min(0, 'must not be negative').max(1e11).describe('Norwegian kroner');
const HOURS = z.number().min(0, 'must not be negative').max(1e7);
const YEAR = z.number().int('a whole year').min(1).max(MAX_HORIZON);

export const BENEFIT_VALUE = z
  .strictObject({
    description: DESCRIPTION,
    nature: z.enum(VALUE_NATURES).describe('direct: in the process itself; indirect: follows from it'),
    kind: z.enum(VALUE_KINDS),
    priced: z.boolean().describe('Is the value given in kroner? Unpriced values are described, not counted'),
    yearlyAmountNok: NOK.nullable().default(null).describe('Per year, when priced'),
    yearlyHours: HOURS.nullable().default(null).describe('Hours saved per year, when known'),
    firstYear: YEAR.default(1).describe('The year (1 = the first after the one-off costs) the value starts'),
  })
  .superRefine((value, ctx) => {
    if (value.priced && value.yearlyAmountNok === null) {
      ctx.addIssue({ code: 'custom', path: ['yearlyAmountNok'], message: 'a priced value needs its amount per year' });
    }
    if (!value.priced && value.yearlyAmountNok !== null) {
      ctx.addIssue({ code: 'custom', path: ['yearlyAmountNok'], message: 'an unpriced value has no amount; set priced to true' });
    }
  });

export const ONE_OFF_COST = z.strictObject({
  description: DESCRIPTION,
  amountNok: NOK,
  year: z.number().int().min(0).max(MAX_HORIZON).default(0).describe('0 = before the values start'),
});

export const YEARLY_COST = z.strictObject({ description: DESCRIPTION, amountNok: NOK, firstYear: YEAR.default(1) });

/** "A gain here creates cost or work there": what the measure costs another unit each year. */
export const COST_SHIFT = z
  .strictObject({
    unitId: z.uuid('must be a UUID').describe('The unit that bears the cost or work'),
    description: DESCRIPTION,
    yearlyCostNok: NOK.nullable().default(null),
    yearlyHours: HOURS.nullable().default(null),
  })
  .refine((shift) => shift.yearlyCostNok !== null || shift.yearlyHours !== null, {
    path: ['yearlyCostNok'],
    message: 'give the yearly cost, the yearly hours, or both',
  });

export const CONTRIBUTOR = z.strictObject({
  name: personText({ max: 200 }),
  userId: z.uuid().nullable().default(null),
  level: z.enum(CONTRIBUTOR_LEVELS).describe('The level of the organisation the contributor speaks for'),
  unitId: z.uuid().nullable().default(null),
});

export const COST_BENEFIT_ASSESSMENT = z.strictObject({
  values: z.array(BENEFIT_VALUE).max(100).default([]),
  costs: z
    .strictObject({ oneOff: z.array(ONE_OFF_COST).max(100).default([]), yearly: z.array(YEARLY_COST).max(100).default([]) })
    .nullable()
    .default(null)
    .describe('null: not stated yet'),
  costShifts: z
    .array(COST_SHIFT)
    .max(100)
    .nullable()
    .default(null)
    .describe('Costs or work the measure moves to other units; null: not answered yet, []: answered, none'),
  contributors: z.array(CONTRIBUTOR).max(100).default([]),
  horizonYears: z.number().int().min(1).max(MAX_HORIZON).nullable().default(null).describe('Years the values are counted over'),
  // The policy's test of what is larger than local asks these two (docs/domain.md, "Larger than local").
  durationMonths: z.number().min(0, 'must not be negative').max(600, 'at most 600 months').nullable().default(null).describe('How long the measure runs, in months; null: not estimated yet'),
  needsResourcesOutsideUnit: z
    .boolean()
    .nullable()
    .default(null)
    .describe("Needs people or money beyond the unit's ordinary structure; null: not answered yet"),
});
export type CostBenefitAssessment = z.infer<typeof COST_BENEFIT_ASSESSMENT>;

/**
 * An assessment as stored: one saved before a field existed lacks it, which means what the field's
 * default means (not answered yet), so reading it gives the default.
 */
export function storedAssessment(stored: unknown): CostBenefitAssessment | null {
  if (stored === null || stored === undefined) return null;
  const assessment = stored as Partial<CostBenefitAssessment>;
  return { ...assessment, durationMonths: assessment.durationMonths ?? null, needsResourcesOutsideUnit: assessment.needsResourcesOutsideUnit ?? null } as CostBenefitAssessment;
}

/**
 * What is still missing before the assessment can go to the programme; empty when complete. "None"
 * and "no" are answers; a question not answered yet (null) is not.
 */
export function costBenefitMissing(assessment: CostBenefitAssessment | null): string[] {
  if (!assessment) return ['the cost-benefit assessment'];
  const missing: string[] = [];
  if (assessment.values.length === 0) missing.push('at least one value');
  const costs = assessment.costs ? [...assessment.costs.oneOff, ...assessment.costs.yearly] : [];
  if (costs.length === 0) missing.push('the costs');
  // Nothing is free: a measure that costs 0 NOK has not been costed yet.
  else if (costs.every((cost) => cost.amountNok === 0)) missing.push('the costs in kroner (every cost is 0 NOK)');
  if (assessment.costShifts === null) missing.push('whether costs or work move to other units');
  if (assessment.contributors.length === 0) missing.push('who contributed');
  if (assessment.horizonYears === null) missing.push('the horizon in years');
  // Asked, like the cost shifts, because the programme needs the answer: whether a project is large,
  // and so who decides its gates, is read from them (docs/projects.md). Unknown would mean small.
  if ((assessment.durationMonths ?? null) === null) missing.push('how long the measure runs, in months');
  if ((assessment.needsResourcesOutsideUnit ?? null) === null) missing.push("whether it needs people or money beyond the unit's ordinary structure");
  return missing;
}

/** The completeness PROPOSE_TO_PROGRAMME needs. */
export function costBenefitComplete(assessment: CostBenefitAssessment | null): boolean {
  return costBenefitMissing(assessment).length === 0;
}

export interface CashFlowYear {
  year: number;
  benefitsNok: number;
  costsNok: number;
  netNok: number;
}

export interface CostBenefitFigures {
  discountRate: number;
  horizonYears: number;
  cashFlows: CashFlowYear[];
  presentValueBenefitsNok: number;
  presentValueCostsNok: number;
  netPresentValueNok: number;
  /** Years (fractional) until the undiscounted cumulative net flow stays at or above zero; null when it never does within the horizon. */
  paybackYears: number | null;
  /** Values described but not priced: they count in the decision, not in the figures. */
  unpricedValues: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Yearly cash flows over the horizon, their net present value at the real discount rate, and the
 * payback period. Year 0 holds the one-off costs due before the values start; yearly values,
 * yearly costs and the costs moved to other units count from their first year to the horizon.
 * Costs moved to other units count as costs: the university as a whole bears them.
 * Null when the horizon is not stated yet.
 */
export function costBenefitFigures(assessment: CostBenefitAssessment | null, discountRate: number): CostBenefitFigures | null {
  if (!assessment || assessment.horizonYears === null) return null;
  const horizon = assessment.horizonYears;
  const cashFlows: CashFlowYear[] = [];
  for (let year = 0; year <= horizon; year += 1) {
    let benefits = 0;
    let costs = 0;
    if (year >= 1) {
      for (const v of assessment.values) if (v.priced && v.firstYear <= year) benefits += v.yearlyAmountNok ?? 0;
      for (const c of assessment.costs?.yearly ?? []) if (c.firstYear <= year) costs += c.amountNok;
      for (const s of assessment.costShifts ?? []) costs += s.yearlyCostNok ?? 0;
    }
    for (const c of assessment.costs?.oneOff ?? []) if (c.year === year) costs += c.amountNok;
    cashFlows.push({ year, benefitsNok: benefits, costsNok: costs, netNok: benefits - costs });
  }
  let pvBenefits = 0;
  let pvCosts = 0;
  for (const flow of cashFlows) {
    const factor = (1 + discountRate) ** flow.year;
    pvBenefits += flow.benefitsNok / factor;
    pvCosts += flow.costsNok / factor;
  }
  return {
    discountRate,
    horizonYears: horizon,
    cashFlows,
    presentValueBenefitsNok: round2(pvBenefits),
    presentValueCostsNok: round2(pvCosts),
    netPresentValueNok: round2(pvBenefits - pvCosts),
    paybackYears: paybackYears(cashFlows),
    unpricedValues: assessment.values.filter((v) => !v.priced).length,
  };
}

/** Flows within a year are taken as even, so the crossing inside a year is interpolated. */
function paybackYears(cashFlows: CashFlowYear[]): number | null {
  const cumulative: number[] = [];
  let sum = 0;
  for (const flow of cashFlows) cumulative.push((sum += flow.netNok));
  let lastNegative = -1;
  cumulative.forEach((c, year) => {
    if (c < 0) lastNegative = year;
  });
  if (lastNegative === -1) return 0;
  if (lastNegative === cumulative.length - 1) return null;
  const next = cashFlows[lastNegative + 1]!.netNok;
  return Math.round((lastNegative + -cumulative[lastNegative]! / next) * 100) / 100;
}
