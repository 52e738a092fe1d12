import { and, assertEvent, assign, setup } from 'xstate';
import { nominalDelays, PLATFORM_ACTIONS, type SendToWorkflowParams, type StateMeta, stateLabels } from '#flyt/workflow-runtime/domain';
import { ROUND_DEADLINES } from './priority-round.deadlines.js';
import type { PriorityRoundEvent, RoundDecision, RoundFacts, RoundRole } from './priority-round.events.js';

export * from './priority-round.events.js';
export * from './priority-round.deadlines.js';

/*
 * A priority round of the programme council (docs/priority-rounds.md), as pure data for the
 * durable runtime. The round's own data (budget, candidates, criteria, members, ballots,
 * scenarios) lives in libs/portfolio; the machine holds where the round stands, and reads what
 * the data allows from `event.facts`, which the lib computes under the round's lock.
 *
 * draft → open (voting; reminder, then closes by itself at `closesAt`) → closed, or
 * quorumNotReached (extend once, or cancel) → recommended (a scenario) → approved by the rector,
 * who may instead return it to closed. On approval each candidate case gets PRIORITISE, DEFER or
 * DECLINE through the runtime, as the facts of the approval list them.
 */

export const PRIORITY_ROUND_MACHINE_ID = 'priority-round';

export interface PriorityRoundInput {
  roundId: string;
  title: string;
}

export interface PriorityRoundContext extends PriorityRoundInput {
  /** When voting closes (ISO 8601 with offset): the `votingCloses` deadline falls on it. */
  closesAt: string | null;
  /** The one extension a round whose quorum was not reached may get. */
  extension: { previousClosesAt: string | null; closesAt: string; reason: string | null; by: string | null } | null;
  /** How voting ended: at its deadline, or closed early by the secretariat once all had voted. */
  votingClosedBy: 'deadline' | 'secretariat' | null;
  recommendation: { scenarioId: string; note: string | null; by: string | null } | null;
  returns: { scenarioId: string | null; reason: string; by: string | null }[];
  approval: { note: string | null; by: string | null; decided: number } | null;
  cancellation: { reason: string; by: string | null } | null;
}

export const ROUND_RECIPIENTS = [
  /** Every member of the council in this round. */
  'members',
  /** Members without a complete ballot. */
  'membersWhoHaveNotVoted',
  'secretariat',
  'rector',
] as const;
export type RoundRecipient = (typeof ROUND_RECIPIENTS)[number];
export type RoundNotificationTemplate =
  | 'roundOpened'
  | 'votingReminder'
  | 'votingClosed'
  | 'quorumNotReached'
  | 'roundExtended'
  | 'roundRecommended'
  | 'roundReturned'
  | 'roundApproved'
  | 'roundCancelled';

const meta = (nb: string, en: string, waitsFor: RoundRole[] = [], deadlineOwner?: RoundRole): { meta: StateMeta } => ({
  meta: { label: { nb, en }, waitsFor, ...(deadlineOwner ? { deadlineOwner } : {}) },
});
/** States in which the ballots may change. */
const VOTING = { tags: ['voting'] };
/** States in which the secretariat may still change the set-up (budget, candidates, criteria, members). */
const SETUP = { tags: ['setupEditable'] };
/** States in which what-if scenarios may be run and kept. */
const SCENARIOS = { tags: ['scenariosEditable'] };

const by = (...roles: RoundRole[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const notify = (to: RoundRecipient, template: RoundNotificationTemplate) => ({ type: 'notify', params: { to, template } }) as const;
const userOf = (event: { actor?: { userId?: string | null } }): string | null => event.actor?.userId ?? null;
const factsOf = (event: { facts?: unknown }): RoundFacts => (event.facts ?? {}) as RoundFacts;

/** One case's outcome as the message the runtime carries to it. */
export const messageOf = (decision: RoundDecision): SendToWorkflowParams => ({
  workflowId: 'improvement-case',
  instanceId: decision.caseId,
  event: { type: decision.type, payload: decision.payload },
});

const cancel = {
  target: '#priority-round.cancelled',
  guard: by('secretariat'),
  actions: ['recordCancellation', notify('members', 'roundCancelled')],
} as const;

export const priorityRoundMachine = setup({
  types: {
    context: {} as PriorityRoundContext,
    events: {} as PriorityRoundEvent,
    input: {} as PriorityRoundInput,
  },
  guards: {
    /** The sender holds one of the roles for this round now. */
    actorHolds: ({ event }, params: { roles: readonly RoundRole[] }) => event.actor?.roles?.some((r) => (params.roles as readonly string[]).includes(r)) ?? false,
    readyToOpen: ({ event }) => factsOf(event).readyToOpen === true,
    quorumReached: ({ event }) => factsOf(event).quorumReached === true,
    allVoted: ({ event }) => factsOf(event).allVoted === true,
    notExtended: ({ context }) => context.extension === null,
    scenarioReady: ({ event }) => factsOf(event).scenarioReady === true,
    decisionsReady: ({ event }) => (factsOf(event).decisions?.length ?? 0) > 0,
  },
  actions: {
    notify: PLATFORM_ACTIONS.notify as (_: unknown, params: { to: RoundRecipient; template: RoundNotificationTemplate }) => void,
    sendToWorkflow: PLATFORM_ACTIONS.sendToWorkflow,
    recordOpening: assign(({ event }) => {
      assertEvent(event, 'OPEN');
      return { closesAt: event.payload.closesAt, votingClosedBy: null };
    }),
    recordExtension: assign(({ context, event }) => {
      assertEvent(event, 'EXTEND');
      return {
        extension: { previousClosesAt: context.closesAt, closesAt: event.payload.closesAt, reason: event.payload.reason ?? null, by: userOf(event) },
        closesAt: event.payload.closesAt,
        votingClosedBy: null,
      };
    }),
    recordClosedByDeadline: assign({ votingClosedBy: 'deadline' as const }),
    recordClosedEarly: assign({ votingClosedBy: 'secretariat' as const }),
    recordRecommendation: assign(({ event }) => {
      assertEvent(event, 'RECOMMEND');
      return { recommendation: { scenarioId: event.payload.scenarioId, note: event.payload.note ?? null, by: userOf(event) } };
    }),
    recordReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN');
      return { returns: [...context.returns, { scenarioId: context.recommendation?.scenarioId ?? null, reason: event.payload.reason, by: userOf(event) }], recommendation: null };
    }),
    recordApproval: assign(({ event }) => {
      assertEvent(event, 'APPROVE');
      return { approval: { note: event.payload.note ?? null, by: userOf(event), decided: factsOf(event).decisions?.length ?? 0 } };
    }),
    recordCancellation: assign(({ event }) => {
      assertEvent(event, 'CANCEL');
      return { cancellation: { reason: event.payload.reason, by: userOf(event) } };
    }),
  },
  delays: nominalDelays(ROUND_DEADLINES),
}).createMachine({
  id: PRIORITY_ROUND_MACHINE_ID,
  initial: 'draft',
  context: ({ input }) => ({
    roundId: input.roundId,
    title: input.title,
    closesAt: null,
    extension: null,
    votingClosedBy: null,
    recommendation: null,
    returns: [],
    approval: null,
    cancellation: null,
  }),
  states: {
    draft: {
      ...meta('Under oppsett', 'Being set up', ['secretariat']),
      ...SETUP,
      on: {
        OPEN: { target: 'open', guard: and([by('secretariat'), 'readyToOpen']), actions: ['recordOpening', notify('members', 'roundOpened')] },
        CANCEL: cancel,
      },
    },
    open: {
      ...meta('Åpen for stemmegivning', 'Open for voting', ['member'], 'secretariat'),
      ...VOTING,
      after: {
        votingReminder: { actions: [notify('membersWhoHaveNotVoted', 'votingReminder')] },
        votingCloses: [
          { target: 'closed', guard: 'quorumReached', actions: ['recordClosedByDeadline', notify('secretariat', 'votingClosed')] },
          { target: 'quorumNotReached', actions: ['recordClosedByDeadline', notify('secretariat', 'quorumNotReached')] },
        ],
      },
      on: {
        CLOSE_VOTING: {
          target: 'closed',
          guard: and([by('secretariat'), 'allVoted']),
          actions: ['recordClosedEarly', notify('members', 'votingClosed'), notify('secretariat', 'votingClosed')],
        },
        CANCEL: cancel,
      },
    },
    quorumNotReached: {
      ...meta('For få stemmer', 'Quorum not reached', ['secretariat']),
      on: {
        EXTEND: {
          target: 'open',
          guard: and([by('secretariat'), 'notExtended']),
          actions: ['recordExtension', notify('members', 'roundExtended')],
        },
        CANCEL: cancel,
      },
    },
    closed: {
      ...meta('Stemmegivningen er avsluttet', 'Voting closed', ['secretariat']),
      ...SCENARIOS,
      on: {
        RECOMMEND: {
          target: 'recommended',
          guard: and([by('secretariat'), 'scenarioReady']),
          actions: ['recordRecommendation', notify('rector', 'roundRecommended')],
        },
        CANCEL: cancel,
      },
    },
    recommended: {
      ...meta('Til godkjenning hos rektor', 'Awaiting the rector’s approval', ['rector']),
      on: {
        APPROVE: {
          target: 'approved',
          guard: and([by('rector'), 'decisionsReady']),
          actions: [
            'recordApproval',
            { type: 'sendToWorkflow', params: ({ event }) => ({ messages: (factsOf(event).decisions ?? []).map(messageOf) }) },
            notify('members', 'roundApproved'),
            notify('secretariat', 'roundApproved'),
          ],
        },
        RETURN: { target: 'closed', guard: by('rector'), actions: ['recordReturn', notify('secretariat', 'roundReturned')] },
      },
    },
    approved: { type: 'final', ...meta('Godkjent av rektor', 'Approved by the rector') },
    cancelled: { type: 'final', ...meta('Avlyst', 'Cancelled') },
  },
});

export type PriorityRoundMachine = typeof priorityRoundMachine;

export const ROUND_STATE_LABELS: Readonly<Record<string, { nb: string; en: string }>> = stateLabels(priorityRoundMachine);
