import { and, assertEvent, assign, not, setup } from 'xstate';
import type { MachineRegistration } from '#flyt/workflow-runtime';
import {
  CASE_EVENT_PAYLOADS,
  CASE_ROLES,
  type CaseRole,
  type ImprovementCaseEvent,
  type ImprovementCaseFacts,
  type RejectionReason,
} from './improvement-case.events.js';

export * from './improvement-case.events.js';

/*
 * The lifecycle of an improvement case (DESIGN.md §2), as pure data for the durable runtime.
 *
 * Who decides is read from `event.actor.roles` (the roles the sender holds for this case now)
 * through the parameterised guard `actorHolds`; what the case data allows is read from
 * `event.facts` and `context`. Guards never read the payload: the runtime validates it against
 * CASE_EVENT_PAYLOADS before stepping.
 *
 * WITHDRAW: the reporter may withdraw while the case waits for a decision (draft, submitted,
 * awaitingInformation, withProcessOwner, awaitingPrioritisation: "until it is prioritised").
 * Not in localImprovement: once accepted locally the change is the line manager's ordinary
 * responsibility for change work in the unit (policy §6 "Småstegsutvikling og kontinuerlig
 * forbedring": "Linjeledere har alltid ansvar for endringsarbeid innenfor sitt
 * myndighetsområde ... en del av det ordinære ansvaret for den enkelte enhet"), and it ends
 * through the policy's own steps (evaluation, adjustment, a new cycle), not by the reporter.
 */

export const IMPROVEMENT_CASE_MACHINE_ID = 'improvement-case';

export interface ImprovementCaseInput {
  caseId: string;
  processId: string;
  reportingUnitId: string;
  reporterId: string;
  /** true: an employee reported it and their line manager ENDORSEs it; false: a line manager reported it and SUBMITs it. */
  reportedByEmployee: boolean;
}

/** The policy's steps for continuous improvement: planlegging, utprøving, oppfølging, evaluering, justering. */
export const LOCAL_IMPROVEMENT_STEPS = ['plan', 'trial', 'followUp', 'evaluation', 'adjustment'] as const;
export type LocalImprovementStep = (typeof LOCAL_IMPROVEMENT_STEPS)[number];

export interface LocalStepLogEntry {
  cycle: number;
  step: LocalImprovementStep;
  outcome: 'completed' | 'restarted';
  summary: string;
  by: string | null;
}

export interface ImprovementCaseContext extends ImprovementCaseInput {
  endorsement: { by: string | null; comment: string | null } | null;
  /** The open (or last) question to the reporter; `rounds` counts the questions asked. */
  infoRequest: { question: string; answer: string | null; askedBy: string | null; rounds: number } | null;
  rejection: { reason: RejectionReason; text: string; by: 'processResponsible' | 'processOwner'; userId: string | null } | null;
  mergedInto: { caseId: string; text: string | null } | null;
  withdrawal: { by: 'reporter' | 'system'; reason: string | null } | null;
  localImprovement: {
    cycle: number;
    plan: string | null;
    /** ISO date the current step is due; issue 4 derives the `stepDue` deadline from it. */
    stepDueOn: string | null;
    log: LocalStepLogEntry[];
  } | null;
  escalation: { text: string; by: string | null } | null;
  returnedToResponsible: { text: string; by: string | null } | null;
  proposal: { text: string | null; by: string | null } | null;
  prioritisation: { roundId: string | null; allocation: { amountNok: number; note: string | null } | null } | null;
  deferrals: { reason: string; roundId: string | null }[];
  decline: { reason: string; roundId: string | null } | null;
  project: { outcome: 'closed' | 'stopped'; projectId: string | null; text: string | null } | null;
  benefitsConclusion: { summary: string; by: string | null } | null;
  /** Deadlines that passed without the awaited action (reminders and escalations sent). */
  deadlinesPassed: { state: string; delay: CaseDelay }[];
}

/**
 * The deadlines of DESIGN.md §2. The machine carries nominal millisecond values (a working day
 * counted as 7/5 calendar days); issue 4 turns the delay names into Norwegian working-day
 * deadlines (weekends and public holidays excluded) and `stepDue` into the step's due date.
 */
export const CASE_DEADLINES = {
  responsibleReminder: { workingDays: 5 },
  ownerEscalation: { workingDays: 10 },
  reporterReminder: { workingDays: 5 },
  informationTimeout: { calendarDays: 30 },
  ownerReminder: { workingDays: 10 },
  secretariatEscalation: { workingDays: 20 },
  stepDue: { dueDate: 'localImprovement.stepDueOn', calendarDays: 14 },
} as const satisfies Record<string, { workingDays: number } | { calendarDays: number; dueDate?: string }>;
export type CaseDelay = keyof typeof CASE_DEADLINES;

const DAY_MS = 24 * 60 * 60 * 1000;
const nominalMs = (d: (typeof CASE_DEADLINES)[CaseDelay]): number =>
  'workingDays' in d ? Math.ceil((d.workingDays * 7) / 5) * DAY_MS : d.calendarDays * DAY_MS;

export type NotifyRecipient = CaseRole | 'programmeSecretariat';
export type CaseNotificationTemplate =
  | 'caseSubmitted'
  | 'caseEndorsed'
  | 'caseWithdrawn'
  | 'informationRequested'
  | 'informationProvided'
  | 'caseRejected'
  | 'caseMerged'
  | 'localImprovementAccepted'
  | 'localStepCompleted'
  | 'localCycleRestarted'
  | 'localImprovementImplemented'
  | 'caseEscalated'
  | 'caseReturnedToResponsible'
  | 'caseProposedToProgramme'
  | 'casePrioritised'
  | 'caseDeferred'
  | 'caseDeclined'
  | 'projectClosed'
  | 'projectStopped'
  | 'benefitsConcluded'
  | 'triageReminder'
  | 'triageOverdue'
  | 'informationReminder'
  | 'caseWithdrawnNoInformation'
  | 'ownerDecisionReminder'
  | 'ownerDecisionOverdue'
  | 'localStepDue';
/** An effect: the runtime writes one outbox row of kind `notify` with these params. */
export interface NotifyParams {
  to: NotifyRecipient;
  template: CaseNotificationTemplate;
}

type Roles = { roles: readonly CaseRole[] };
const by = (...roles: CaseRole[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const notify = (to: NotifyRecipient, template: CaseNotificationTemplate) => ({ type: 'notify', params: { to, template } }) as const;
const deadline = (state: string, delay: CaseDelay) => ({ type: 'recordDeadline', params: { state, delay } }) as const;

const actorHolds = (event: { actor?: { roles?: readonly string[] } }, roles: readonly CaseRole[]): boolean =>
  event.actor?.roles?.some((r) => (roles as readonly string[]).includes(r)) ?? false;
const userOf = (event: { actor?: { userId?: string | null } }): string | null => event.actor?.userId ?? null;

/** The transitions every local step shares: a due-date reminder to the line manager, COMPLETE_STEP to the next step. */
const localStep = (name: LocalImprovementStep, next: string) => ({
  after: { stepDue: { actions: [notify('lineManager', 'localStepDue'), deadline(`localImprovement.${name}`, 'stepDue')] } },
  on: {
    COMPLETE_STEP: {
      target: next,
      guard: by('lineManager'),
      actions: [{ type: 'recordStepCompleted', params: { step: name } } as const, notify('processResponsible', 'localStepCompleted')],
    },
  },
});
const restartCycle = (from: LocalImprovementStep) =>
  ({
    target: 'plan',
    guard: by('lineManager'),
    actions: [{ type: 'recordCycleRestarted', params: { step: from } }, notify('processResponsible', 'localCycleRestarted')],
  }) as const;

const withdraw = {
  target: '#improvement-case.withdrawn',
  guard: by('reporter'),
  actions: [{ type: 'recordWithdrawal' }, notify('processResponsible', 'caseWithdrawn')],
} as const;

export const improvementCaseMachine = setup({
  types: {
    context: {} as ImprovementCaseContext,
    events: {} as ImprovementCaseEvent,
    input: {} as ImprovementCaseInput,
  },
  guards: {
    /** The sender holds one of the roles for this case now. */
    actorHolds: ({ event }, params: Roles) => actorHolds(event, params.roles),
    reportedByEmployee: ({ context }) => context.reportedByEmployee,
    costBenefitComplete: ({ event }) => (event.facts as ImprovementCaseFacts | undefined)?.costBenefitComplete === true,
  },
  actions: {
    /** Effect: the runtime turns it into an outbox row; nothing happens here. */
    notify: (_, _params: NotifyParams) => undefined,
    recordDeadline: assign(({ context }, params: { state: string; delay: CaseDelay }) => ({
      deadlinesPassed: [...context.deadlinesPassed, { state: params.state, delay: params.delay }],
    })),
    recordEndorsement: assign(({ event }) => {
      assertEvent(event, 'ENDORSE');
      return { endorsement: { by: userOf(event), comment: event.payload.comment ?? null } };
    }),
    recordWithdrawal: assign(({ event }) => {
      assertEvent(event, 'WITHDRAW');
      return { withdrawal: { by: 'reporter' as const, reason: event.payload.reason ?? null } };
    }),
    recordInformationTimeout: assign({ withdrawal: { by: 'system', reason: 'informationTimeout' } }),
    recordInfoRequest: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_INFO');
      return {
        infoRequest: { question: event.payload.question, answer: null, askedBy: userOf(event), rounds: (context.infoRequest?.rounds ?? 0) + 1 },
      };
    }),
    recordInfoProvided: assign(({ context, event }) => {
      assertEvent(event, 'PROVIDE_INFO');
      const open = context.infoRequest ?? { question: '', askedBy: null, rounds: 0 };
      return { infoRequest: { ...open, answer: event.payload.answer } };
    }),
    recordRejection: assign(({ event }, params: { by: 'processResponsible' | 'processOwner' }) => {
      assertEvent(event, 'REJECT');
      return { rejection: { reason: event.payload.reason, text: event.payload.text, by: params.by, userId: userOf(event) } };
    }),
    recordMerge: assign(({ event }) => {
      assertEvent(event, 'MERGE_INTO');
      return { mergedInto: { caseId: event.payload.caseId, text: event.payload.text ?? null } };
    }),
    startLocalImprovement: assign(({ event }) => {
      assertEvent(event, 'ACCEPT_LOCAL');
      return { localImprovement: { cycle: 1, plan: event.payload.plan ?? null, stepDueOn: null, log: [] } };
    }),
    recordStepCompleted: assign(({ context, event }, params: { step: LocalImprovementStep }) => {
      assertEvent(event, 'COMPLETE_STEP');
      const li = context.localImprovement ?? { cycle: 1, plan: null, stepDueOn: null, log: [] };
      const entry: LocalStepLogEntry = { cycle: li.cycle, step: params.step, outcome: 'completed', summary: event.payload.summary, by: userOf(event) };
      return { localImprovement: { ...li, stepDueOn: event.payload.nextStepDueOn ?? null, log: [...li.log, entry] } };
    }),
    recordCycleRestarted: assign(({ context, event }, params: { step: LocalImprovementStep }) => {
      assertEvent(event, 'RESTART_CYCLE');
      const li = context.localImprovement ?? { cycle: 1, plan: null, stepDueOn: null, log: [] };
      const entry: LocalStepLogEntry = { cycle: li.cycle, step: params.step, outcome: 'restarted', summary: event.payload.reason, by: userOf(event) };
      return { localImprovement: { ...li, cycle: li.cycle + 1, stepDueOn: event.payload.nextStepDueOn ?? null, log: [...li.log, entry] } };
    }),
    recordEscalation: assign(({ event }) => {
      assertEvent(event, 'ESCALATE');
      return { escalation: { text: event.payload.text, by: userOf(event) } };
    }),
    recordReturn: assign(({ event }) => {
      assertEvent(event, 'RETURN_TO_RESPONSIBLE');
      return { returnedToResponsible: { text: event.payload.text, by: userOf(event) } };
    }),
    recordProposal: assign(({ event }) => {
      assertEvent(event, 'PROPOSE_TO_PROGRAMME');
      return { proposal: { text: event.payload.text ?? null, by: userOf(event) } };
    }),
    recordPrioritisation: assign(({ event }) => {
      assertEvent(event, 'PRIORITISE');
      const a = event.payload.allocation;
      return {
        prioritisation: { roundId: event.payload.roundId ?? null, allocation: a ? { amountNok: a.amountNok, note: a.note ?? null } : null },
      };
    }),
    recordDeferral: assign(({ context, event }) => {
      assertEvent(event, 'DEFER');
      return { deferrals: [...context.deferrals, { reason: event.payload.reason, roundId: event.payload.roundId ?? null }] };
    }),
    recordDecline: assign(({ event }) => {
      assertEvent(event, 'DECLINE');
      return { decline: { reason: event.payload.reason, roundId: event.payload.roundId ?? null } };
    }),
    recordProjectClosed: assign(({ event }) => {
      assertEvent(event, 'PROJECT_CLOSED');
      return { project: { outcome: 'closed' as const, projectId: event.payload.projectId ?? null, text: event.payload.summary ?? null } };
    }),
    recordProjectStopped: assign(({ event }) => {
      assertEvent(event, 'PROJECT_STOPPED');
      return { project: { outcome: 'stopped' as const, projectId: event.payload.projectId ?? null, text: event.payload.reason } };
    }),
    recordBenefitsConclusion: assign(({ event }) => {
      assertEvent(event, 'CONCLUDE_BENEFITS');
      return { benefitsConclusion: { summary: event.payload.summary, by: userOf(event) } };
    }),
  },
  delays: {
    responsibleReminder: nominalMs(CASE_DEADLINES.responsibleReminder),
    ownerEscalation: nominalMs(CASE_DEADLINES.ownerEscalation),
    reporterReminder: nominalMs(CASE_DEADLINES.reporterReminder),
    informationTimeout: nominalMs(CASE_DEADLINES.informationTimeout),
    ownerReminder: nominalMs(CASE_DEADLINES.ownerReminder),
    secretariatEscalation: nominalMs(CASE_DEADLINES.secretariatEscalation),
    stepDue: nominalMs(CASE_DEADLINES.stepDue),
  },
}).createMachine({
  id: IMPROVEMENT_CASE_MACHINE_ID,
  initial: 'draft',
  context: ({ input }) => ({
    caseId: input.caseId,
    processId: input.processId,
    reportingUnitId: input.reportingUnitId,
    reporterId: input.reporterId,
    reportedByEmployee: input.reportedByEmployee,
    endorsement: null,
    infoRequest: null,
    rejection: null,
    mergedInto: null,
    withdrawal: null,
    localImprovement: null,
    escalation: null,
    returnedToResponsible: null,
    proposal: null,
    prioritisation: null,
    deferrals: [],
    decline: null,
    project: null,
    benefitsConclusion: null,
    deadlinesPassed: [],
  }),
  states: {
    draft: {
      on: {
        SUBMIT: {
          target: 'submitted',
          guard: and([by('lineManager'), not('reportedByEmployee')]),
          actions: [notify('processResponsible', 'caseSubmitted')],
        },
        ENDORSE: {
          target: 'submitted',
          guard: and([by('lineManager'), 'reportedByEmployee']),
          actions: ['recordEndorsement', notify('reporter', 'caseEndorsed'), notify('processResponsible', 'caseSubmitted')],
        },
        WITHDRAW: withdraw,
      },
    },
    submitted: {
      after: {
        responsibleReminder: { actions: [notify('processResponsible', 'triageReminder'), deadline('submitted', 'responsibleReminder')] },
        ownerEscalation: { actions: [notify('processOwner', 'triageOverdue'), deadline('submitted', 'ownerEscalation')] },
      },
      on: {
        REQUEST_INFO: {
          target: 'awaitingInformation',
          guard: by('processResponsible'),
          actions: ['recordInfoRequest', notify('reporter', 'informationRequested')],
        },
        REJECT: {
          target: 'rejected',
          guard: by('processResponsible'),
          actions: [{ type: 'recordRejection', params: { by: 'processResponsible' } }, notify('reporter', 'caseRejected')],
        },
        MERGE_INTO: {
          target: 'merged',
          guard: by('processResponsible'),
          actions: ['recordMerge', notify('reporter', 'caseMerged')],
        },
        ACCEPT_LOCAL: {
          target: 'localImprovement',
          guard: by('processResponsible'),
          actions: ['startLocalImprovement', notify('lineManager', 'localImprovementAccepted'), notify('reporter', 'localImprovementAccepted')],
        },
        ESCALATE: {
          target: 'withProcessOwner',
          guard: by('processResponsible'),
          actions: ['recordEscalation', notify('processOwner', 'caseEscalated')],
        },
        WITHDRAW: withdraw,
      },
    },
    awaitingInformation: {
      after: {
        reporterReminder: { actions: [notify('reporter', 'informationReminder'), deadline('awaitingInformation', 'reporterReminder')] },
        informationTimeout: {
          target: 'withdrawn',
          actions: [
            'recordInformationTimeout',
            notify('reporter', 'caseWithdrawnNoInformation'),
            notify('processResponsible', 'caseWithdrawnNoInformation'),
          ],
        },
      },
      on: {
        PROVIDE_INFO: {
          target: 'submitted',
          guard: by('reporter'),
          actions: ['recordInfoProvided', notify('processResponsible', 'informationProvided')],
        },
        WITHDRAW: withdraw,
      },
    },
    withProcessOwner: {
      after: {
        ownerReminder: { actions: [notify('processOwner', 'ownerDecisionReminder'), deadline('withProcessOwner', 'ownerReminder')] },
        secretariatEscalation: {
          actions: [notify('programmeSecretariat', 'ownerDecisionOverdue'), deadline('withProcessOwner', 'secretariatEscalation')],
        },
      },
      on: {
        RETURN_TO_RESPONSIBLE: {
          target: 'submitted',
          guard: by('processOwner'),
          actions: ['recordReturn', notify('processResponsible', 'caseReturnedToResponsible')],
        },
        REJECT: {
          target: 'rejected',
          guard: by('processOwner'),
          actions: [{ type: 'recordRejection', params: { by: 'processOwner' } }, notify('reporter', 'caseRejected')],
        },
        PROPOSE_TO_PROGRAMME: {
          target: 'awaitingPrioritisation',
          guard: and([by('processOwner'), 'costBenefitComplete']),
          actions: ['recordProposal', notify('programmeSecretariat', 'caseProposedToProgramme'), notify('reporter', 'caseProposedToProgramme')],
        },
        WITHDRAW: withdraw,
      },
    },
    localImprovement: {
      initial: 'plan',
      states: {
        plan: localStep('plan', 'trial'),
        trial: localStep('trial', 'followUp'),
        followUp: localStep('followUp', 'evaluation'),
        evaluation: {
          after: localStep('evaluation', 'adjustment').after,
          on: { COMPLETE_STEP: localStep('evaluation', 'adjustment').on.COMPLETE_STEP, RESTART_CYCLE: restartCycle('evaluation') },
        },
        adjustment: {
          after: localStep('adjustment', '#improvement-case.implemented').after,
          on: {
            COMPLETE_STEP: {
              target: '#improvement-case.implemented',
              guard: by('lineManager'),
              actions: [
                { type: 'recordStepCompleted', params: { step: 'adjustment' } },
                notify('processResponsible', 'localImprovementImplemented'),
                notify('reporter', 'localImprovementImplemented'),
              ],
            },
            RESTART_CYCLE: restartCycle('adjustment'),
          },
        },
      },
    },
    implemented: { type: 'final' },
    awaitingPrioritisation: {
      on: {
        PRIORITISE: {
          target: 'inRealisation',
          guard: by('programme'),
          actions: ['recordPrioritisation', notify('processOwner', 'casePrioritised'), notify('reporter', 'casePrioritised')],
        },
        DEFER: {
          guard: by('programme'),
          actions: ['recordDeferral', notify('processOwner', 'caseDeferred')],
        },
        DECLINE: {
          target: 'declined',
          guard: by('programme'),
          actions: ['recordDecline', notify('processOwner', 'caseDeclined'), notify('reporter', 'caseDeclined')],
        },
        WITHDRAW: {
          ...withdraw,
          actions: [...withdraw.actions, notify('programmeSecretariat', 'caseWithdrawn')],
        },
      },
    },
    inRealisation: {
      on: {
        PROJECT_CLOSED: {
          target: 'benefitsFollowUp',
          guard: by('system'),
          actions: ['recordProjectClosed', notify('processOwner', 'projectClosed')],
        },
        PROJECT_STOPPED: {
          target: 'closed',
          guard: by('system'),
          actions: ['recordProjectStopped', notify('processOwner', 'projectStopped'), notify('reporter', 'projectStopped')],
        },
      },
    },
    benefitsFollowUp: {
      on: {
        CONCLUDE_BENEFITS: {
          target: 'closed',
          guard: by('processOwner'),
          actions: ['recordBenefitsConclusion', notify('programmeSecretariat', 'benefitsConcluded'), notify('reporter', 'benefitsConcluded')],
        },
      },
    },
    closed: { type: 'final' },
    rejected: { type: 'final' },
    declined: { type: 'final' },
    withdrawn: { type: 'final' },
    merged: { type: 'final' },
  },
});

export type ImprovementCaseMachine = typeof improvementCaseMachine;

/** Human text per state (dotted state path), for the UI, the API and the diagram. */
export const CASE_STATE_LABELS = {
  draft: { nb: 'Utkast', en: 'Draft' },
  submitted: { nb: 'Meldt inn, til vurdering hos prosessansvarlig', en: 'Submitted, with the process responsible' },
  awaitingInformation: { nb: 'Venter på opplysninger fra innmelder', en: 'Awaiting information from the reporter' },
  withProcessOwner: { nb: 'Hos prosesseier', en: 'With the process owner' },
  localImprovement: { nb: 'Lokal forbedring i enheten', en: 'Local improvement in the unit' },
  'localImprovement.plan': { nb: 'Planlegging', en: 'Planning' },
  'localImprovement.trial': { nb: 'Utprøving', en: 'Trial' },
  'localImprovement.followUp': { nb: 'Oppfølging', en: 'Follow-up' },
  'localImprovement.evaluation': { nb: 'Evaluering', en: 'Evaluation' },
  'localImprovement.adjustment': { nb: 'Justering', en: 'Adjustment' },
  implemented: { nb: 'Gjennomført lokalt', en: 'Implemented locally' },
  awaitingPrioritisation: { nb: 'Til prioritering i programmet', en: 'Awaiting prioritisation by the programme' },
  inRealisation: { nb: 'Under realisering (prosjekt)', en: 'In realisation (project)' },
  benefitsFollowUp: { nb: 'Gevinstoppfølging', en: 'Benefits follow-up' },
  closed: { nb: 'Avsluttet', en: 'Closed' },
  rejected: { nb: 'Avvist', en: 'Rejected' },
  declined: { nb: 'Ikke prioritert', en: 'Declined' },
  withdrawn: { nb: 'Trukket', en: 'Withdrawn' },
  merged: { nb: 'Slått sammen med en annen sak', en: 'Merged into another case' },
} as const satisfies Record<string, { nb: string; en: string }>;
export type CaseStatePath = keyof typeof CASE_STATE_LABELS;

export const IMPROVEMENT_CASE_WORKFLOW = {
  id: IMPROVEMENT_CASE_MACHINE_ID,
  version: 1,
  machine: improvementCaseMachine,
  roles: CASE_ROLES,
  events: CASE_EVENT_PAYLOADS,
  resourceName: 'case',
} satisfies MachineRegistration;
