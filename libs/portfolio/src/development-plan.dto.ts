import { z } from 'zod';
import { queryInteger } from '#flyt/http';

const LABEL = z.object({ nb: z.string(), en: z.string() });
const PROCESS = z.object({ id: z.uuid(), name: z.string() });
const MONEY_YEAR = z.object({ year: z.number().int(), amountNok: z.number() });
const ROUND_REF = z.object({ id: z.uuid(), reference: z.string(), title: z.string() });

/** Path parameters arrive as text; the years a round may plan for. */
export const PLAN_YEAR_PARAMS = z.object({ year: queryInteger(2000, 2100).describe('The plan year') });

const PLAN_ROUND = ROUND_REF.extend({
  planYear: z.number().int(),
  approvedAt: z.iso.datetime(),
});

const PLAN_ITEM = z.object({
  caseId: z.uuid(),
  reference: z.string().describe('FLYT-<year>-<number>'),
  title: z.string(),
  process: PROCESS.describe('The owning process'),
  round: PLAN_ROUND.describe('The approved round that prioritised the case'),
  carriedForward: z.boolean().describe('Prioritised for an earlier plan year; its allocation runs into this one'),
  score: z.number().nullable().describe('The weighted mean score the round gave it, 0–5'),
  explanation: z.string().describe('Why the round selected it, in bokmål, as delivered to the case'),
  allocation: z.object({ amountNok: z.number(), byYear: z.array(MONEY_YEAR) }).describe('As the rector approved it'),
  allocationInYearNok: z.number().describe('The allocation in the plan year'),
  totalCostNok: z.number().nullable().describe('Every cost over the assessment’s horizon, undiscounted; null until a horizon is stated'),
  presentValueBenefitsNok: z.number().nullable().describe('The priced values over the horizon at the configured discount rate'),
  netPresentValueNok: z.number().nullable(),
  paybackYears: z.number().nullable().describe('Null when it does not pay back within the horizon'),
  strategicGoals: z.array(z.number().int()).describe("The policy's strategic goals (1–12) the case supports"),
  state: z.string().describe('Where the case stands now'),
  stateLabel: LABEL,
});

const CARRIED_OVER = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  process: PROCESS,
  deferredBy: PLAN_ROUND,
  score: z.number().nullable(),
  explanation: z.string(),
  reason: z.string(),
  state: z.string(),
  stateLabel: LABEL,
  candidateIn: ROUND_REF.nullable().describe('The round it is a candidate in now'),
});

export const DEVELOPMENT_PLAN = z
  .object({
    year: z.number().int(),
    discountRate: z.number().describe('The real discount rate the present values use'),
    rounds: z.array(PLAN_ROUND).describe('The approved rounds of this plan year'),
    items: z.array(PLAN_ITEM).describe('This year’s prioritised cases first, then those earlier plans carry forward; best scored first'),
    totals: z.object({ amountNok: z.number(), byYear: z.array(MONEY_YEAR) }).describe('What the plan’s cases are allocated from the plan year on'),
    carriedOver: z.array(CARRIED_OVER).describe('Cases this year’s rounds deferred that still await prioritisation'),
  })
  .meta({ id: 'DevelopmentPlan' });
