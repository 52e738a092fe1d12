import { z } from 'zod';
import { personText, type WorkflowEvent } from '#flyt/workflow-runtime/domain';

/**
 * The roles the priority-round guards check; libs/portfolio computes which of them a caller holds
 * for one round, now (docs/priority-rounds.md, "Who does what").
 */
export const ROUND_ROLES = [
  /** The programme secretariat: sets the round up, extends, recommends, cancels. */
  'secretariat',
  /** A member of the programme council named in this round: votes. */
  'member',
  /** The rector: approves the recommended portfolio or returns it. */
  'rector',
  /** Deadlines: the voting window closes by itself. */
  'system',
] as const;
export type RoundRole = (typeof ROUND_ROLES)[number];

export const ROUND_ROLE_NAMES: Readonly<Record<RoundRole, { nb: string; en: string }>> = {
  secretariat: { nb: 'programsekretariatet', en: 'the programme secretariat' },
  member: { nb: 'et medlem av programrådet i denne runden', en: 'a member of the programme council in this round' },
  rector: { nb: 'rektor', en: 'the rector' },
  system: { nb: 'Flyt selv (fristen for stemmegivningen)', en: 'Flyt itself (the voting deadline)' },
};

/** One case's outcome of an approved round: the event the round sends it, with its payload. */
export interface RoundDecision {
  caseId: string;
  type: 'PRIORITISE' | 'DEFER' | 'DECLINE';
  payload: Record<string, unknown>;
}

/**
 * Facts about the round's data that guards read, computed by libs/portfolio under the round's
 * lock and stored with the event, so a replay takes the same transitions and sends the same
 * decisions.
 */
export interface RoundFacts {
  /** Everything a round needs before voting opens is there. */
  readyToOpen?: boolean;
  /** What the set-up still lacks, in words (for the refusal). */
  setupMissing?: readonly string[];
  /** Enough members voted on every candidate (the quorum). */
  quorumReached?: boolean;
  /** Every member has a complete ballot. */
  allVoted?: boolean;
  /** The scenario named in RECOMMEND exists in this round and has a result. */
  scenarioReady?: boolean;
  /** On APPROVE: each candidate's outcome under the recommended scenario. */
  decisions?: readonly RoundDecision[];
}

const text = (what: string) => personText({ max: 4000 }).describe(what);
/** An instant with its offset: the voting window closes at a time of day, in Oslo or wherever it was set. */
const CLOSES_AT = z.iso.datetime({ offset: true, error: 'must be a date and time with its offset, e.g. 2026-12-10T12:00:00+01:00' });

/** Payload schema of every event a person may send to a round. */
export const ROUND_EVENT_PAYLOADS = {
  OPEN: z
    .strictObject({ closesAt: CLOSES_AT.describe('When voting closes (the members are reminded two working days before).') })
    .describe('The secretariat opens the round for voting, once its budget, candidates, criteria and members are set.'),
  CLOSE_VOTING: z.strictObject({}).describe('The secretariat closes voting early, once every member has voted.'),
  EXTEND: z
    .strictObject({
      closesAt: CLOSES_AT.describe('The new closing time.'),
      reason: text('Why the round gets more time.').optional(),
    })
    .describe('The secretariat gives a round whose quorum was not reached one more voting window (once).'),
  RECOMMEND: z
    .strictObject({
      scenarioId: z.uuid('must be the id of one of the round’s scenarios').describe('The scenario (portfolio) the secretariat recommends.'),
      note: text('What the rector should know about the recommendation.').optional(),
    })
    .describe('The secretariat recommends one scenario to the rector.'),
  APPROVE: z
    .strictObject({ note: text('The rector’s note to the decision.').optional() })
    .describe('The rector approves the recommended portfolio: each candidate case is prioritised, deferred or declined.'),
  RETURN: z
    .strictObject({ reason: text('What the secretariat should change.') })
    .describe('The rector returns the recommendation to the secretariat.'),
  CANCEL: z
    .strictObject({ reason: text('Why the round is cancelled.') })
    .describe('The secretariat cancels the round; its candidates wait for the next one.'),
} as const;

export type RoundEventType = keyof typeof ROUND_EVENT_PAYLOADS;
export type RoundEventPayload<T extends RoundEventType> = z.infer<(typeof ROUND_EVENT_PAYLOADS)[T]>;

export type PriorityRoundEvent = {
  [T in RoundEventType]: WorkflowEvent<T, RoundEventPayload<T>, RoundFacts>;
}[RoundEventType];
