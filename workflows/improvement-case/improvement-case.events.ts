import { z } from 'zod';
import { personText, type WorkflowEvent } from '#flyt/workflow-runtime/domain';

/**
 * The roles the improvement-case guards check. The cases layer computes which of them a caller
 * holds for one case, now (role assignments, mandates and deputies in force today).
 */
export const CASE_ROLES = [
  'reporter',
  /** Line manager of the case's reporting unit. */
  'lineManager',
  /** Process responsible of the case's process, or a deputy standing in. */
  'processResponsible',
  'processOwner',
  /** The programme for digitalisation and process development, through its secretariat. */
  'programme',
  /** From version 3: the project owner and the project manager of the project the case became; they keep its estimates up to date. */
  'projectOwner',
  'projectManager',
  /**
   * Timers and other workflows: the priority round that decides the case (from version 2), the
   * project workflow, and the benefits follow-up that concludes it (from version 3).
   */
  'system',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** The roles of versions 1 and 2, which had no projects. */
export const CASE_ROLES_V1 = ['reporter', 'lineManager', 'processResponsible', 'processOwner', 'programme', 'system'] as const satisfies readonly CaseRole[];

/** Each role in words a user knows, for refusals and for the API's description of the workflow. */
export const CASE_ROLE_NAMES: Readonly<Record<CaseRole, { nb: string; en: string }>> = {
  reporter: { nb: 'innmelderen', en: 'the reporter' },
  lineManager: { nb: 'linjelederen for enheten som meldte saken (eller en enhet over den)', en: 'the line manager of the reporting unit (or a unit above it)' },
  processResponsible: { nb: 'prosessansvarlig for sakens prosess (eller stedfortrederen)', en: "the process responsible of the case's process (or their deputy)" },
  processOwner: { nb: 'prosesseieren for sakens prosess', en: "the process owner of the case's process" },
  programme: { nb: 'programsekretariatet', en: 'the programme secretariat' },
  projectOwner: { nb: 'prosjekteieren for prosjektet saken ble til', en: "the project owner of the case's project" },
  projectManager: { nb: 'prosjektlederen for prosjektet saken ble til', en: "the project manager of the case's project" },
  system: {
    nb: 'Flyt selv (en frist, prioriteringsrunden som avgjorde saken, prosjektet den ble til, eller gevinstoppfølgingen etter det)',
    en: 'Flyt itself (a deadline, the priority round that decided the case, the project it became, or the benefits follow-up after it)',
  },
};

/**
 * Facts about the case's data at send time that guards need. Computed by the cases layer and
 * stored with the event, so a replay takes the same transitions.
 */
export interface ImprovementCaseFacts {
  /** A complete cost-benefit assessment is attached to the case. */
  costBenefitComplete?: boolean;
  /** What the cost-benefit assessment still lacks, in words (for the refusals). */
  costBenefitMissing?: readonly string[];
  /** Whether a solution needs a significant IT component (null: not assessed yet); without one the case is outside the policy's scope. */
  significantItComponent?: boolean | null;
  /** The case's process now: a case moved to another process while it was triaged keeps its first one in the context. */
  processId?: string;
  /**
   * The thresholds for a local improvement the case's estimates cross (docs/domain.md, "Larger than
   * local"), in words; empty when it crosses none. Given with the events people send, under the
   * thresholds configured; ACCEPT_LOCAL (version 3) needs it empty.
   */
  localThresholdsCrossed?: readonly string[];
}

export const REJECTION_REASONS = ['out_of_scope_no_it_component', 'duplicate', 'not_feasible', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

const text = (what: string) => personText({ max: 4000 }).describe(what);

/** Version 1: the programme secretariat decided by hand, and might leave everything but a reason out. */
const PROGRAMME_DECISIONS_V1 = {
  PRIORITISE: z
    .strictObject({
      roundId: z.uuid().describe('The priority round that selected the case.').optional(),
      allocation: z
        .strictObject({
          amountNok: z.number().nonnegative().describe('Budget allocated, NOK.'),
          note: text('Conditions of the allocation.').optional(),
        })
        .describe('The allocation approved by the rector.')
        .optional(),
    })
    .describe('The priority round, on the rector’s approval, prioritises the case (BP1): it goes into realisation.'),
  DEFER: z
    .strictObject({
      reason: text('Why the case waits for a later round.'),
      roundId: z.uuid().describe('The priority round that deferred the case.').optional(),
    })
    .describe('The priority round defers the case to the next round.'),
  DECLINE: z
    .strictObject({
      reason: text('Why the programme declines the case.'),
      roundId: z.uuid().describe('The priority round that declined the case.').optional(),
    })
    .describe('The programme declines the case.'),
} as const;

/** What every decision of a priority round tells the case: which round, and how the council scored it. */
const roundOf = (why: string) => ({
  roundId: z.uuid().describe('The priority round that decided the case.'),
  roundTitle: text('The round’s title, as the council and the rector know it.'),
  score: z
    .number()
    .min(0)
    .max(5)
    .nullable()
    .describe('The case’s weighted mean score in the round, 0–5; null when no member could vote on it (every member had a conflict of interest).'),
  explanation: text(why),
});
const NOK = z.number().nonnegative();

/**
 * Version 2: only a priority round decides, on the rector’s approval (docs/priority-rounds.md),
 * so every decision names its round and carries the council’s score and the reason in words.
 */
const ROUND_DECISIONS_V2 = {
  PRIORITISE: z
    .strictObject({
      ...roundOf('Why the round selected the case (docs/selection.md).'),
      allocation: z
        .strictObject({
          amountNok: NOK.describe('Budget allocated over every year of the frame, NOK.'),
          byYear: z
            .array(
              z
                .strictObject({
                  year: z.number().int().min(2000).max(2100).describe('A year of the round’s budget frame.'),
                  amountNok: NOK.describe('Budget allocated in that year, NOK.'),
                })
                .describe('The allocation in one year.'),
            )
            .min(1)
            .describe('The allocation per year of the frame: the case’s cost in each year.'),
          note: text('Conditions of the allocation.').optional(),
        })
        .describe('The allocation the rector approved.'),
    })
    .describe('The priority round, on the rector’s approval, prioritises the case (BP1): it goes into realisation.'),
  DEFER: z
    .strictObject({
      ...roundOf('Why the round left the case out of its portfolio (docs/selection.md).'),
      reason: text('Why the case waits for the next round.'),
    })
    .describe('The priority round, on the rector’s approval, leaves the case out and defers it to the next round.'),
  DECLINE: z
    .strictObject({
      ...roundOf('Why the round left the case out of its portfolio (docs/selection.md).'),
      reason: text('Why the programme declines the case, as the secretariat gave it in the round.'),
    })
    .describe('The priority round, on the rector’s approval, leaves the case out and declines it.'),
} as const;

/** The events both versions take alike, up to the programme's decisions... */
const BEFORE_THE_PROGRAMME = {
  SUBMIT: z.strictObject({}).describe('The line manager submits the case they reported to the process responsible.'),
  ENDORSE: z
    .strictObject({ comment: text('Why the line manager takes up the employee’s idea.').optional() })
    .describe('The line manager of the reporting unit takes up an employee’s idea and submits it.'),
  WITHDRAW: z
    .strictObject({ reason: text('Why the reporter withdraws the case.').optional() })
    .describe('The reporter withdraws the case (possible until it is prioritised or accepted as a local improvement).'),
  REQUEST_INFO: z
    .strictObject({ question: text('What the process responsible needs to know.') })
    .describe('The process responsible asks the reporter for more information.'),
  PROVIDE_INFO: z
    .strictObject({ answer: text('The reporter’s answer to the question.') })
    .describe('The reporter answers the open question; the case returns to the process responsible.'),
  REJECT: z
    .strictObject({
      reason: z.enum(REJECTION_REASONS).describe('Why the case is rejected; out_of_scope_no_it_component is the policy’s scope rule.'),
      text: text('Explanation for the reporter.'),
    })
    .describe('The process responsible (at triage) or the process owner rejects the case.'),
  MERGE_INTO: z
    .strictObject({
      caseId: z.uuid().describe('The case this one duplicates.'),
      text: text('Note on the merge.').optional(),
    })
    .describe('The process responsible marks the case as a duplicate of another case.'),
  ACCEPT_LOCAL: z
    .strictObject({ plan: text('First outline of the local improvement.').optional() })
    .describe('The process responsible hands the case to the reporting unit as a local improvement.'),
  COMPLETE_STEP: z
    .strictObject({
      summary: text('What was done and learned in this step.'),
      nextStepDueOn: z.iso.date().describe('When the next step is due (ISO date).').optional(),
    })
    .describe('The line manager completes the current local-improvement step (plan, trial, follow-up, evaluation, adjustment).'),
  RESTART_CYCLE: z
    .strictObject({
      reason: text('What the evaluation showed and why another cycle is needed.'),
      nextStepDueOn: z.iso.date().describe('When the new plan is due (ISO date).').optional(),
    })
    .describe('The line manager starts a new improvement cycle because the change did not work as intended.'),
  ESCALATE: z
    .strictObject({ text: text('Why the case needs the process owner.') })
    .describe('The process responsible escalates the case to the process owner.'),
  RETURN_TO_RESPONSIBLE: z
    .strictObject({ text: text('What the process responsible should do with the case.') })
    .describe('The process owner returns the case to the process responsible.'),
  PROPOSE_TO_PROGRAMME: z
    .strictObject({ text: text('The proposal to the programme.').optional() })
    .describe('The process owner proposes the case to the programme; needs a complete cost-benefit assessment.'),
} as const;
/** ...and after them. */
const AFTER_THE_PROGRAMME = {
  PROJECT_CLOSED: z
    .strictObject({
      projectId: z.uuid().describe('The project that realised the case.').optional(),
      summary: text('Final report summary (BP5).').optional(),
    })
    .describe('The project workflow reports the project closed at BP5: benefits follow-up starts.'),
  PROJECT_STOPPED: z
    .strictObject({
      reason: text('Why the project was stopped.'),
      projectId: z.uuid().describe('The project that was stopped.').optional(),
    })
    .describe('The project workflow reports the project stopped at a gate: the case is closed.'),
  CONCLUDE_BENEFITS: z
    .strictObject({ summary: text('Realised vs planned benefits, and whether more work is needed (BP6).') })
    .describe('The process owner concludes the benefits work (BP6): the case is closed.'),
} as const;

/** How the benefits turned out at BP6, as the benefits follow-up concludes them. */
export const BENEFIT_OUTCOMES = ['realised', 'partlyRealised', 'notRealised'] as const;
export type BenefitOutcome = (typeof BENEFIT_OUTCOMES)[number];

/** Version 3: the benefits follow-up concludes the benefits work, with its outcome. */
const CONCLUDED_BY_THE_FOLLOW_UP = {
  CONCLUDE_BENEFITS: z
    .strictObject({
      summary: text('Realised vs planned benefits, and whether more work is needed (BP6).'),
      outcome: z.enum(BENEFIT_OUTCOMES).describe('How the benefits turned out: realised, partlyRealised or notRealised.').optional(),
    })
    .describe('The benefits follow-up concludes the benefits work (BP6), on the process owner’s conclusion there: the case is closed.'),
} as const;

/** Every event's payload schema, the programme's decisions as the version takes them; in the order of the lifecycle. */
const caseEventPayloads = <D extends typeof PROGRAMME_DECISIONS_V1 | typeof ROUND_DECISIONS_V2>(decisions: D) => ({
  ...BEFORE_THE_PROGRAMME,
  ...decisions,
  ...AFTER_THE_PROGRAMME,
});

/** Payload schema of every event a person or the system may send to a case of version 1 (not the `xstate.*` timer events). */
export const CASE_EVENT_PAYLOADS_V1 = caseEventPayloads(PROGRAMME_DECISIONS_V1);
/** Version 2: PRIORITISE, DEFER and DECLINE come from a priority round only. */
export const CASE_EVENT_PAYLOADS_V2 = caseEventPayloads(ROUND_DECISIONS_V2);
/** Version 3: as version 2, and CONCLUDE_BENEFITS comes from the benefits follow-up, with the outcome. */
export const CASE_EVENT_PAYLOADS_V3 = { ...CASE_EVENT_PAYLOADS_V2, ...CONCLUDED_BY_THE_FOLLOW_UP };
/** The newest version's payload schemas. */
export const CASE_EVENT_PAYLOADS = CASE_EVENT_PAYLOADS_V3;

export type CaseEventType = keyof typeof CASE_EVENT_PAYLOADS;
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_PAYLOADS) as CaseEventType[];
/** The events a priority round decides a case with (from version 2; the secretariat's by hand in version 1). */
export const ROUND_DECISION_TYPES = ['PRIORITISE', 'DEFER', 'DECLINE'] as const satisfies readonly CaseEventType[];
export type RoundDecisionType = (typeof ROUND_DECISION_TYPES)[number];
/** A payload as the newest version takes it. */
export type CaseEventPayload<T extends CaseEventType> = z.infer<(typeof CASE_EVENT_PAYLOADS)[T]>;
export type CaseEventPayloadV1<T extends CaseEventType> = z.infer<(typeof CASE_EVENT_PAYLOADS_V1)[T]>;

/** Every event the improvement-case machine receives from a person or the system, in any version's payload. */
export type ImprovementCaseEvent = {
  [T in CaseEventType]: WorkflowEvent<T, CaseEventPayloadV1<T> | CaseEventPayload<T>, ImprovementCaseFacts>;
}[CaseEventType];
