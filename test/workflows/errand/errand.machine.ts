import { and, assertEvent, assign, not, setup } from 'xstate';
import { z } from 'zod';
import {
  type DeadlineRule,
  type MachineVersion,
  nominalDelays,
  personText,
  PLATFORM_ACTIONS,
  type StateMeta,
  type WorkflowDefinition,
  type WorkflowEvent,
} from '#flyt/workflow-runtime/domain';

/*
 * The errand: a second workflow that exists only for the tests (docs/adding-a-workflow.md uses it
 * as its example). Someone is given an errand for an improvement case in realisation; they are
 * reminded when it waits; they may put it on hold and resume it, hand a part of it to a new errand
 * of its own, and when it is done it tells the case that its project is closed. Version 2 renames
 * `open` to `inProgress` and adds a review before `done`; `parked` has no counterpart in it.
 */

export const ERRAND_ID = 'errand';
export const ERRAND_ROLES = ['owner', 'system'] as const;
type ErrandRole = (typeof ERRAND_ROLES)[number];

export const ERRAND_DEADLINES = {
  /** The owner is reminded while the errand waits on them. */
  errandReminder: { workingDays: 2 },
} as const satisfies Record<string, DeadlineRule>;

export const ERRAND_INPUT = z.strictObject({
  caseId: z.uuid().describe('The improvement case the errand is for'),
  ownerId: z.uuid().describe('Who does the errand'),
  title: z.string().trim().min(1).max(200),
});
export type ErrandInput = z.infer<typeof ERRAND_INPUT>;

const text = personText({ max: 1000 });
export const ERRAND_EVENTS = {
  DONE: z.strictObject({ summary: text.describe('What was done') }).describe('The owner has done the errand.'),
  HOLD: z.strictObject({ reason: text.describe('Why the errand waits') }).describe('The owner puts the errand on hold: its reminder stops.'),
  RESUME: z.strictObject({}).describe('The owner resumes the errand: its reminder runs again with the time it had left.'),
  DELEGATE: z.strictObject({ title: text.describe('The part handed on') }).describe('The owner hands a part of the errand to a new errand.'),
  PARK: z.strictObject({}).describe('The owner lays the errand aside (version 1 only).'),
  REOPEN: z.strictObject({}).describe('The owner takes a parked errand up again (version 1 only).'),
  APPROVE: z.strictObject({}).describe('The owner approves the reviewed errand (version 2 only).'),
};
export type ErrandEventType = keyof typeof ERRAND_EVENTS;
export type ErrandEvent = { [T in ErrandEventType]: WorkflowEvent<T, z.infer<(typeof ERRAND_EVENTS)[T]>> }[ErrandEventType];

export interface ErrandContext extends ErrandInput {
  onHold: boolean;
  summary: string | null;
  delegated: number;
}

const meta = (nb: string, en: string, waitsFor: ErrandRole[] = []): { meta: StateMeta } => ({ meta: { label: { nb, en }, waitsFor } });
const by = (role: ErrandRole) => ({ type: 'actorHolds', params: { roles: [role] } }) as const;
const notifyOwner = (template: 'errandAssigned' | 'errandReminder') => ({ type: 'notify', params: { to: 'owner', template } }) as const;
/** The case hears that its project is closed: the errand stands in for the project workflow here. */
const tellTheCase = {
  type: 'sendToWorkflow',
  params: ({ context }: { context: ErrandContext }) => ({
    workflowId: 'improvement-case',
    instanceId: context.caseId,
    event: { type: 'PROJECT_CLOSED', payload: { summary: context.summary ?? 'Done.' } },
  }),
} as const;

type Params = { context: ErrandContext; event: ErrandEvent };
const payloadOf = <T>(event: ErrandEvent) => event.payload as T;

/** The working state of both versions: `open` in version 1, `inProgress` in version 2. */
const working = (version: 1 | 2) =>
  ({
    ...(version === 1 ? meta('Åpen', 'Open', ['owner']) : meta('Under arbeid', 'In progress', ['owner'])),
    entry: [notifyOwner('errandAssigned')],
    after: { errandReminder: { actions: [notifyOwner('errandReminder')] } },
    on: {
      DONE: { target: version === 1 ? 'done' : 'review', guard: and([by('owner'), not('onHold')]), actions: ['recordSummary', ...(version === 1 ? [tellTheCase] : [])] },
      HOLD: {
        guard: and([by('owner'), not('onHold')]),
        actions: ['recordHold', { type: 'holdDeadlines', params: ({ event }: Params) => ({ reason: payloadOf<{ reason: string }>(event).reason }) }],
      },
      RESUME: { guard: and([by('owner'), 'onHold']), actions: ['recordResume', 'resumeDeadlines'] },
      DELEGATE: {
        guard: and([by('owner'), not('onHold')]),
        actions: [
          {
            type: 'startWorkflow',
            params: ({ context, event }: Params) => ({
              workflowId: ERRAND_ID,
              key: `delegated-${context.delegated + 1}`,
              input: { caseId: context.caseId, ownerId: context.ownerId, title: payloadOf<{ title: string }>(event).title },
            }),
          },
          'recordDelegation',
        ],
      },
      ...(version === 1 ? { PARK: { target: 'parked', guard: by('owner') } } : {}),
    },
  }) as const;

const errand = setup({
  types: {} as { context: ErrandContext; input: ErrandInput; events: ErrandEvent },
  guards: {
    actorHolds: ({ event }, params: { roles: readonly ErrandRole[] }) => params.roles.some((role) => event.actor.roles.includes(role)),
    onHold: ({ context }) => context.onHold,
  },
  actions: {
    ...PLATFORM_ACTIONS,
    recordSummary: assign(({ event }) => {
      assertEvent(event, 'DONE');
      return { summary: event.payload.summary };
    }),
    recordHold: assign({ onHold: true }),
    recordResume: assign({ onHold: false }),
    recordDelegation: assign(({ context }) => ({ delegated: context.delegated + 1 })),
  },
  delays: nominalDelays(ERRAND_DEADLINES),
});
const context = ({ input }: { input: ErrandInput }): ErrandContext => ({ ...input, onHold: false, summary: null, delegated: 0 });
const done = { type: 'final', ...meta('Utført', 'Done') } as const;

export const errandMachineV1 = errand.createMachine({
  id: ERRAND_ID,
  initial: 'open',
  context,
  states: {
    open: working(1),
    parked: { ...meta('Lagt til side', 'Parked', ['owner']), on: { REOPEN: { target: 'open', guard: by('owner') } } },
    done,
  },
});

export const errandMachineV2 = errand.createMachine({
  id: ERRAND_ID,
  initial: 'inProgress',
  context,
  states: {
    inProgress: working(2),
    review: { ...meta('Til gjennomsyn', 'In review', ['owner']), on: { APPROVE: { target: 'done', guard: by('owner'), actions: [tellTheCase] } } },
    done,
  },
});

export const ERRAND_V1: MachineVersion = { version: 1, machine: errandMachineV1, roles: ERRAND_ROLES, events: ERRAND_EVENTS, input: ERRAND_INPUT };
/** Version 2: `open` is `inProgress`; a done errand stays done; a parked one has no place to go and is refused. */
export const ERRAND_V2: MachineVersion = {
  version: 2,
  machine: errandMachineV2,
  roles: ERRAND_ROLES,
  events: ERRAND_EVENTS,
  input: ERRAND_INPUT,
  migrateFrom: { from: 1, states: { open: 'inProgress', done: 'done' } },
};

const by2 = (deadline: string | null, nb: boolean) => (deadline ? (nb ? ` Fristen var ${deadline}.` : ` It was due ${deadline}.`) : '');

/** The errand as the platform knows it, with the versions a test chooses to run. */
export function errandDefinition(versions: readonly MachineVersion[] = [ERRAND_V1]): WorkflowDefinition {
  return {
    id: ERRAND_ID,
    noun: { nb: 'oppdrag', en: 'errand' },
    roleNames: {
      owner: { nb: 'den som har oppdraget', en: 'the one who has the errand' },
      system: { nb: 'Flyt selv', en: 'Flyt itself' },
    },
    versions,
    deadlines: ERRAND_DEADLINES,
    notifications: {
      recipients: ['owner'],
      templates: {
        errandAssigned: {
          nb: { subject: 'Du har fått et oppdrag', lead: () => 'Du har fått et oppdrag i en sak under realisering.' },
          en: { subject: 'You have an errand', lead: () => 'You have been given an errand for a case in realisation.' },
        },
        errandReminder: {
          nb: { subject: 'Påminnelse: oppdraget venter på deg', lead: (d) => `Oppdraget venter fortsatt på deg.${by2(d, true)}` },
          en: { subject: 'Reminder: the errand awaits you', lead: (d) => `The errand still awaits you.${by2(d, false)}` },
        },
      },
      deadlineOf: { errandReminder: 'errandReminder' },
      openLink: { nb: 'Åpne oppdraget', en: 'Open the errand' },
    },
  };
}
