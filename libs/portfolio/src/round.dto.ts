import { z } from 'zod';
import { PAGE_QUERY, pageOf } from '#flyt/http';
import { personText } from '#flyt/workflow-runtime';
import { ROUND_STATE_LABELS } from '#workflows/priority-round/priority-round.machine';
import { MAX_SCORE, MIN_SCORE } from './domain/index.js';

const LABEL = z.object({ nb: z.string(), en: z.string() });
const YEAR = z.number().int('a calendar year').min(2000, 'a year from 2000').max(2100, 'a year up to 2100');
const NOK = z.number().int('whole kroner').min(0, 'not negative').max(1e13, 'at most 10 000 billion');
const ID = z.uuid('must be a UUID');
const STATES = Object.keys(ROUND_STATE_LABELS) as [string, ...string[]];

const unique = <T>(key: (item: T) => string, what: string) => (items: readonly T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} ${k} appears twice` });
    seen.add(k);
  });
};

export const BUDGET_YEAR = z.strictObject({ year: YEAR, amountNok: NOK.describe('The frame for the year, NOK') });
const BUDGET = z.array(BUDGET_YEAR).min(1).max(10).superRefine(unique((b) => String(b.year), 'the year'));

export const CRITERION = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'letters and digits, starting with a letter, at most 40'),
  label: z.strictObject({ nb: personText({ max: 100 }), en: personText({ max: 100 }) }),
  weight: z.number().min(0, 'not negative').max(100, 'at most 100').describe('Only the ratios between the weights matter'),
});

const SETUP_FIELDS = {
  title: personText({ max: 200 }).describe('E.g. "Utviklingsplan 2027"'),
  planYear: YEAR.describe('The year of the development plan the round decides'),
  boardDecision: personText({ max: 2000, min: 0 }).describe('Reference to the board’s decision on the budget frame'),
  budget: BUDGET.describe('The budget frame per year, NOK: every year the programme may spend in'),
  quorum: z.number().gt(0, 'more than 0').max(1, 'at most 1').describe('The fraction of members whose ballots make the tally valid; default 2/3'),
  scoreFloor: z.number().min(MIN_SCORE).max(MAX_SCORE).nullable().describe('Cases scoring below it are left out unless mandatory; null: no floor'),
  criteria: z.array(CRITERION).min(1).max(12).superRefine(unique((c) => c.key, 'the criterion')).describe('Default: the five criteria of the policy, equal weights'),
  memberIds: z.array(ID).max(50).superRefine(unique((id) => id, 'the member')).describe('Council members who vote in this round'),
  candidates: z
    .array(z.strictObject({ caseId: ID, mandatory: z.boolean().default(false).describe('In the portfolio whatever its score') }))
    .max(2000)
    .superRefine(unique((c) => c.caseId, 'the case'))
    .describe('Cases awaiting prioritisation; their cost per year is read from their cost-benefit assessment'),
  dependencies: z.array(z.strictObject({ caseId: ID, requires: ID })).max(2000).describe('Case `caseId` only together with case `requires`'),
  alternatives: z.array(z.array(ID).min(2).max(50)).max(500).describe('Groups of cases of which at most one may be selected'),
};

export const CREATE_ROUND = z
  .strictObject({
    ...SETUP_FIELDS,
    boardDecision: SETUP_FIELDS.boardDecision.default(''),
    quorum: SETUP_FIELDS.quorum.default(2 / 3),
    scoreFloor: SETUP_FIELDS.scoreFloor.default(null),
    criteria: SETUP_FIELDS.criteria.optional(),
    memberIds: SETUP_FIELDS.memberIds.default([]),
    candidates: SETUP_FIELDS.candidates.default([]),
    dependencies: SETUP_FIELDS.dependencies.default([]),
    alternatives: SETUP_FIELDS.alternatives.default([]),
  })
  .meta({ id: 'CreatePriorityRound' });
export type CreateRoundBody = z.infer<typeof CREATE_ROUND>;

export const UPDATE_ROUND = z
  .strictObject(Object.fromEntries(Object.entries(SETUP_FIELDS).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof SETUP_FIELDS]: z.ZodOptional<(typeof SETUP_FIELDS)[K]> })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change')
  .meta({ id: 'UpdatePriorityRound' });
export type UpdateRoundBody = z.infer<typeof UPDATE_ROUND>;

export const LIST_ROUNDS = PAGE_QUERY.extend({
  state: z.union([z.enum(STATES), z.array(z.enum(STATES))]).optional().transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
});
export type ListRoundsQuery = z.infer<typeof LIST_ROUNDS>;

export const SEND_ROUND_EVENT = z
  .strictObject({
    type: z.string().trim().min(1).max(100).describe('The event, e.g. OPEN; see allowedEvents of the round'),
    payload: z.unknown().optional().describe("Checked against the event's payload schema"),
    expectedRevision: z.number().int().min(0).optional().describe('Refused with 409 when the round has moved on'),
    idempotencyKey: z.string().trim().min(1).max(200).optional().describe('A repeated key is applied once'),
  })
  .meta({ id: 'SendRoundEvent' });
export type SendRoundEventBody = z.infer<typeof SEND_ROUND_EVENT>;

const SCORE = z.number().int('a whole number').min(MIN_SCORE, `from ${MIN_SCORE}`).max(MAX_SCORE, `to ${MAX_SCORE}`);
export const SAVE_BALLOT = z
  .strictObject({
    votes: z
      .array(
        z.strictObject({
          caseId: ID,
          scores: z.record(z.string().max(40), SCORE).describe('0–5 for every criterion of the round'),
          comment: personText({ max: 4000 }).nullable().optional(),
        }),
      )
      .min(1)
      .max(2000)
      .superRefine(unique((v) => v.caseId, 'the case')),
  })
  .meta({ id: 'SaveBallot' });
export type SaveBallotBody = z.infer<typeof SAVE_BALLOT>;

export const DECLARE_CONFLICT = z
  .strictObject({ caseId: ID, reason: personText({ max: 2000 }).optional().describe('How you are connected to the case') })
  .meta({ id: 'DeclareConflict' });
export type DeclareConflictBody = z.infer<typeof DECLARE_CONFLICT>;

export const DECIDE_CONFLICT = z
  .strictObject({
    memberId: ID,
    caseId: ID,
    decision: z.enum(['upheld', 'dismissed']).describe('upheld: the member is left out of the case’s tally; dismissed: their votes count'),
    note: personText({ max: 2000 }).optional(),
  })
  .meta({ id: 'DecideConflict' });
export type DecideConflictBody = z.infer<typeof DECIDE_CONFLICT>;

export const CANDIDATE_OUTCOME = z
  .strictObject({
    ifLeftOut: z.enum(['defer', 'decline']).describe('What approval does with the case if the portfolio leaves it out'),
    declineReason: personText({ max: 4000 }).optional().describe('Needed to decline'),
  })
  .refine((b) => b.ifLeftOut === 'defer' || b.declineReason !== undefined, { path: ['declineReason'], message: 'give the reason to decline the case' })
  .meta({ id: 'CandidateOutcome' });
export type CandidateOutcomeBody = z.infer<typeof CANDIDATE_OUTCOME>;

export const CREATE_SCENARIO = z
  .strictObject({
    name: personText({ max: 200 }),
    budget: BUDGET.optional().describe('Another budget frame; default the round’s'),
    weights: z.record(z.string().max(40), z.number().min(0).max(100)).optional().describe('Other weights per criterion key; default the round’s'),
    scoreFloor: z.number().min(MIN_SCORE).max(MAX_SCORE).nullable().optional().describe('Another floor; null: none'),
    mandatory: z.array(ID).max(2000).optional().describe('Another set of mandatory cases; default the round’s'),
  })
  .meta({ id: 'CreateScenario' });
export type CreateScenarioBody = z.infer<typeof CREATE_SCENARIO>;

export const CASE_AND_ROUND_PARAMS = z.object({ id: ID, caseId: ID });

// Answers.
const PERSON = z.object({ id: z.uuid(), name: z.string() });
const ALLOWED_EVENT = z.object({ type: z.string(), payloadSchema: z.record(z.string(), z.unknown()) });
const BLOCKED_EVENT = z.object({ type: z.string(), reason: z.string() });

export const ROUND_SUMMARY = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('RUNDE-<number>'),
    title: z.string(),
    planYear: z.number().int(),
    state: z.string(),
    stateLabel: LABEL,
    closesAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PriorityRoundSummary' });
export const ROUND_PAGE = pageOf(ROUND_SUMMARY, 'PriorityRoundPage');

const CANDIDATE = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  caseState: z.string(),
  process: z.object({ id: z.uuid(), name: z.string() }),
  costByYear: z.array(z.object({ year: z.number().int(), amountNok: z.number() })),
  totalCostNok: z.number(),
  mandatory: z.boolean(),
  carriedOver: z.boolean().describe('Deferred by an earlier round'),
  ifLeftOut: z.enum(['defer', 'decline']),
  declineReason: z.string().nullable(),
  suggestedConflicts: z
    .array(z.object({ memberId: z.uuid(), because: z.enum(['reportedByOwnUnit', 'costsOnOwnUnit']) }))
    .describe('Members Flyt thinks may have a conflict of interest for the case'),
});

const CONFLICT = z.object({
  member: PERSON,
  caseId: z.uuid(),
  declaredAt: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
  decision: z.enum(['upheld', 'dismissed']).nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  counts: z.boolean().describe('The member is left out of the case’s tally'),
});

export const ROUND = ROUND_SUMMARY.extend({
  boardDecision: z.string(),
  quorum: z.number(),
  scoreFloor: z.number().nullable(),
  status: z.string(),
  revision: z.number().int(),
  budget: z.array(z.object({ year: z.number().int(), amountNok: z.number() })),
  criteria: z.array(z.object({ key: z.string(), label: LABEL, weight: z.number() })),
  members: z.array(PERSON.extend({ hasVoted: z.boolean().describe('Every case the member may vote on is scored') })),
  candidates: z.array(CANDIDATE),
  dependencies: z.array(z.object({ caseId: z.uuid(), requires: z.uuid() })),
  alternatives: z.array(z.array(z.uuid())),
  conflicts: z.array(CONFLICT).describe('All, for the secretariat and once voting has closed; otherwise your own'),
  quorumStatus: z
    .object({ members: z.number().int(), voted: z.number().int(), required: z.number().int(), reached: z.boolean() })
    .nullable()
    .describe('For the secretariat, and for everyone once voting has closed'),
  recommendedScenarioId: z.uuid().nullable(),
  context: z.record(z.string(), z.unknown()).describe('Extension, returns, approval and cancellation as the workflow recorded them'),
  myRoles: z.array(z.string()),
  allowedEvents: z.array(ALLOWED_EVENT),
  blockedEvents: z.array(BLOCKED_EVENT),
}).meta({ id: 'PriorityRound' });

const VOTE = z.object({ caseId: z.uuid(), scores: z.record(z.string(), z.number()), comment: z.string().nullable(), updatedAt: z.iso.datetime() });
export const BALLOT = z
  .object({
    member: PERSON,
    votes: z.array(VOTE),
    toVoteOn: z.array(z.uuid()).describe('Cases still without your scores (cases you are left out of are not listed)'),
    complete: z.boolean(),
  })
  .meta({ id: 'Ballot' });
export const BALLOTS = z.object({ items: z.array(BALLOT) }).meta({ id: 'Ballots' });

export const SCENARIO = z
  .object({
    id: z.uuid(),
    name: z.string(),
    baseline: z.boolean().describe('The council’s own set-up'),
    recommended: z.boolean(),
    parameters: z.record(z.string(), z.unknown()).describe('What differs from the round’s set-up'),
    result: z.record(z.string(), z.unknown()).describe('parametersInForce, tally, selection (portfolio or infeasible, with greedy beside it), explanations per case in nb and en, solverNote'),
    createdBy: PERSON.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Scenario' });
export const SCENARIOS = z
  .object({
    items: z.array(SCENARIO),
    comparison: z
      .array(z.object({ caseId: z.uuid(), reference: z.string(), selectedIn: z.array(z.uuid()) }))
      .describe('Per candidate, the scenarios that select it: the scenarios side by side'),
  })
  .meta({ id: 'Scenarios' });

export const AVAILABLE_CANDIDATES = z
  .object({
    items: z.array(
      z.object({
        caseId: z.uuid(),
        reference: z.string(),
        title: z.string(),
        process: z.object({ id: z.uuid(), name: z.string() }),
        deferredBefore: z.number().int().describe('Times earlier rounds deferred it: these come first'),
        oneOffCostNok: z.number(),
        yearlyCostNok: z.number(),
      }),
    ),
  })
  .meta({ id: 'AvailableCandidates' });
