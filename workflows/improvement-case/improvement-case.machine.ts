import { and, assertEvent, assign, not, setup } from 'xstate';
import { childInstanceId, nominalDelays, PLATFORM_ACTIONS, type StartWorkflowParams, type StateMeta, stateLabels } from '#flyt/workflow-runtime/domain';
import { CASE_DEADLINES, type CaseDelay } from './improvement-case.deadlines.js';
import {
  type BenefitOutcome,
  type CaseEventPayload,
  type CaseEventPayloadV1,
  type CaseRole,
  type ImprovementCaseEvent,
  type ImprovementCaseFacts,
  type RejectionReason,
} from './improvement-case.events.js';

export * from './improvement-case.events.js';
export * from './improvement-case.deadlines.js';

/*
 * The lifecycle of an improvement case (docs/domain.md), as pure data for the durable runtime.
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
 *
 * Versions (docs/adding-a-workflow.md, "A new version"): in version 1 the programme secretariat
 * prioritises, defers or declines a case by hand. From version 2 only a priority round does, on
 * the rector's approval, through a message from its own workflow (docs/priority-rounds.md); its
 * payloads name the round and carry the council's score and the explanation. Version 3 brings the
 * projects (docs/projects.md): ACCEPT_LOCAL is refused for a case that crosses the thresholds for a
 * local improvement; PRIORITISE starts the case's project; while it runs, the project's owner and
 * manager keep the estimates up to date; the benefits follow-up concludes the case at BP6; and a
 * case escalated though it has no significant IT component tells the process owner so. Every
 * version has the same state paths and one context type; what a later version adds to the context
 * an earlier one leaves out, so that its cases replay to the very snapshots they stored.
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
    /** ISO date the current step is due: the `stepDue` deadline falls on it. */
    stepDueOn: string | null;
    log: LocalStepLogEntry[];
  } | null;
  /** `outsideScope` (from version 3): the case was escalated though it has no significant IT component. */
  escalation: { text: string; by: string | null; outsideScope?: true } | null;
  returnedToResponsible: { text: string; by: string | null } | null;
  proposal: { text: string | null; by: string | null } | null;
  prioritisation:
    | (RoundDecisionRecord & {
        allocation: {
          amountNok: number;
          note: string | null;
          /** From version 2. */
          byYear?: { year: number; amountNok: number }[];
        } | null;
      })
    | null;
  deferrals: (RoundDecisionRecord & { reason: string })[];
  decline: (RoundDecisionRecord & { reason: string }) | null;
  project: { outcome: 'closed' | 'stopped'; projectId: string | null; text: string | null } | null;
  /**
   * From version 3: the project PRIORITISE started (its id is derived from the case's), null until
   * then. A case that went into realisation before version 3 has none, and a migrated one holds null.
   */
  projectId?: string | null;
  /** `outcome` from version 3, as the benefits follow-up concluded them; null when it gave none. */
  benefitsConclusion: { summary: string; by: string | null; outcome?: BenefitOutcome | null } | null;
  /** Deadlines that passed without the awaited action (reminders and escalations sent). */
  deadlinesPassed: { state: string; delay: CaseDelay }[];
}

/**
 * What a case keeps of a programme decision. The fields after `roundId` come with version 2; a
 * decision made under version 1 lacks them (left out, not null, so that its replay rebuilds the
 * context exactly as it was stored).
 */
export interface RoundDecisionRecord {
  roundId: string | null;
  roundTitle?: string;
  /** The weighted mean score, 0–5; null when no member could vote on the case. */
  score?: number | null;
  /** Why the round selected the case, or left it out. */
  explanation?: string;
}

/** Who a case's notifications go to; the cases lib resolves each to people on the day. */
export const CASE_RECIPIENTS = [
  'reporter',
  'lineManager',
  'processResponsible',
  'processOwner',
  'programmeSecretariat',
  /** The process responsible of the process a case was moved away from (the cases lib tells them). */
  'previousProcessResponsible',
] as const;
export type NotifyRecipient = (typeof CASE_RECIPIENTS)[number];
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
  | 'caseEscalatedOutsideScope'
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
  | 'localStepDue'
  // Sent by the cases lib, not by the machine: a case moved to another process, a deadline moved.
  | 'caseMovedToProcess'
  | 'caseMovedFromProcess'
  | 'deadlineMoved';
/** The platform's `notify` action with a case's recipients and templates: an outbox row the notifications lib carries out. */
export interface NotifyParams {
  to: NotifyRecipient;
  template: CaseNotificationTemplate;
}

/** A state's label and who it waits for (docs/adding-a-workflow.md): read by the API, the inbox and the deadline rules. */
const meta = (nb: string, en: string, waitsFor: CaseRole[] = [], deadlineOwner?: CaseRole): { meta: StateMeta } => ({
  meta: { label: { nb, en }, waitsFor, ...(deadlineOwner ? { deadlineOwner } : {}) },
});
/** States the programme sees a case in: once proposed to it, a case is the programme's business too. */
const PROGRAMME = { tags: ['programme'] };
/**
 * Until triage is done the reporter's text may still be corrected, and until the case goes to the
 * programme its cost-benefit assessment may still be worked on (libs/cases decides who may). From
 * version 3 the project's owner and manager update the estimates while the project runs: every
 * gate recomputes the figures from them (docs/projects.md).
 */
const TRIAGE = { tags: ['textEditable', 'costBenefitEditable'] };
const WITH_OWNER = { tags: ['costBenefitEditable'] };
const IN_A_PROJECT = { tags: ['programme', 'costBenefitEditable'] };

type Roles = { roles: readonly CaseRole[] };
const by = (...roles: CaseRole[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const notify = (to: NotifyRecipient, template: CaseNotificationTemplate) => ({ type: 'notify', params: { to, template } }) as const;
const deadline = (state: string, delay: CaseDelay) => ({ type: 'recordDeadline', params: { state, delay } }) as const;

const actorHolds = (event: { actor?: { roles?: readonly string[] } }, roles: readonly CaseRole[]): boolean =>
  event.actor?.roles?.some((r) => (roles as readonly string[]).includes(r)) ?? false;
const userOf = (event: { actor?: { userId?: string | null } }): string | null => event.actor?.userId ?? null;

const LOCAL_STEP_LABELS: Record<LocalImprovementStep, [nb: string, en: string]> = {
  plan: ['Planlegging', 'Planning'],
  trial: ['Utprøving', 'Trial'],
  followUp: ['Oppfølging', 'Follow-up'],
  evaluation: ['Evaluering', 'Evaluation'],
  adjustment: ['Justering', 'Adjustment'],
};

/** The transitions every local step shares: a due-date reminder to the line manager, COMPLETE_STEP to the next step. */
const localStep = (name: LocalImprovementStep, next: string) => ({
  ...meta(...LOCAL_STEP_LABELS[name], ['lineManager']),
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

const concludeBenefits = {
  target: 'closed',
  actions: ['recordBenefitsConclusion', notify('programmeSecretariat', 'benefitsConcluded'), notify('reporter', 'benefitsConcluded')],
} as const;

const withdraw = {
  target: '#improvement-case.withdrawn',
  guard: by('reporter'),
  actions: [{ type: 'recordWithdrawal' }, notify('processResponsible', 'caseWithdrawn')],
} as const;

/** The machine versions a case may run on; new cases start on the newest. */
export const CASE_MACHINE_VERSIONS = [1, 2, 3] as const;
export type CaseMachineVersion = (typeof CASE_MACHINE_VERSIONS)[number];

/** The key PRIORITISE starts the case's project under: the project's id is `childInstanceId(caseId, PROJECT_KEY)`. */
export const PROJECT_KEY = 'project';
/** The workflow a prioritised case starts (workflows/project/), with its input. */
export const PROJECT_WORKFLOW_ID = 'project';

const factsOf = (event: { facts?: unknown }): ImprovementCaseFacts => (event.facts ?? {}) as ImprovementCaseFacts;

/**
 * BP1 made the case a project: start it, for the case's process as it is now (the facts have it;
 * the context keeps the process the case was reported for, and triage may have moved it since).
 */
const startProject = {
  type: 'startWorkflow',
  params: ({ context, event }: { context: ImprovementCaseContext; event: { facts?: unknown } }): StartWorkflowParams => ({
    workflowId: PROJECT_WORKFLOW_ID,
    key: PROJECT_KEY,
    input: { caseId: context.caseId, processId: factsOf(event).processId ?? context.processId },
  }),
} as const;

const prioritisedByHand = (p: CaseEventPayloadV1<'PRIORITISE'> | CaseEventPayload<'PRIORITISE'>): NonNullable<ImprovementCaseContext['prioritisation']> => ({
  roundId: p.roundId ?? null,
  allocation: p.allocation ? { amountNok: p.allocation.amountNok, note: p.allocation.note ?? null } : null,
});
const prioritisedByRound = (p: CaseEventPayload<'PRIORITISE'>): NonNullable<ImprovementCaseContext['prioritisation']> => ({
  roundId: p.roundId,
  roundTitle: p.roundTitle,
  score: p.score,
  explanation: p.explanation,
  allocation: {
    amountNok: p.allocation.amountNok,
    note: p.allocation.note ?? null,
    byYear: p.allocation.byYear.map(({ year, amountNok }) => ({ year, amountNok })),
  },
});
const leftOutByRound = (p: CaseEventPayload<'DEFER' | 'DECLINE'>): RoundDecisionRecord & { reason: string } => ({
  roundId: p.roundId,
  roundTitle: p.roundTitle,
  score: p.score,
  explanation: p.explanation,
  reason: p.reason,
});

const machines = new Map<CaseMachineVersion, ReturnType<typeof buildMachine>>();

/** The improvement-case machine of a version, built once: version 1 must replay the events stored under it unchanged. */
export function improvementCaseMachineOf(version: CaseMachineVersion): ReturnType<typeof buildMachine> {
  let machine = machines.get(version);
  if (!machine) machines.set(version, (machine = buildMachine(version)));
  return machine;
}

function buildMachine(version: CaseMachineVersion) {
  /** Who moves a case out of awaitingPrioritisation: the secretariat by hand (v1), or a priority round's message (v2). */
  const byRound = version >= 2;
  const decidedBy: CaseRole = byRound ? 'system' : 'programme';
  /** From version 3 a prioritised case becomes a project, and the policy's thresholds and scope are checked. */
  const withProjects = version >= 3;
  const escalate = {
    target: 'withProcessOwner',
    guard: by('processResponsible'),
    actions: ['recordEscalation', notify('processOwner', 'caseEscalated')],
  } as const;
  return setup({
    types: {
      context: {} as ImprovementCaseContext,
      events: {} as ImprovementCaseEvent,
      input: {} as ImprovementCaseInput,
    },
    guards: {
      /** The sender holds one of the roles for this case now. */
      actorHolds: ({ event }, params: Roles) => actorHolds(event, params.roles),
      reportedByEmployee: ({ context }) => context.reportedByEmployee,
      costBenefitComplete: ({ event }) => factsOf(event).costBenefitComplete === true,
      /** The estimates cross none of the thresholds for a local improvement; not knowing them (no list) is not "none". */
      withinLocalThresholds: ({ event }) => {
        const crossed = factsOf(event).localThresholdsCrossed;
        return Array.isArray(crossed) && crossed.length === 0;
      },
      /** Assessed as needing no significant IT component: outside the policy's scope. Not assessed yet is not outside. */
      outsideThePolicysScope: ({ event }) => factsOf(event).significantItComponent === false,
      /** The case went into realisation before version 3 started projects: no benefits follow-up will conclude it. */
      withoutAProject: ({ context }) => (context.projectId ?? null) === null,
    },
    actions: {
      /** Effects: the runtime turns them into outbox rows; nothing happens here. */
      notify: PLATFORM_ACTIONS.notify as (_: unknown, params: NotifyParams) => void,
      startWorkflow: PLATFORM_ACTIONS.startWorkflow,
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
      recordEscalation: assign(({ event }, params: { outsideScope?: true } | undefined) => {
        assertEvent(event, 'ESCALATE');
        return { escalation: { text: event.payload.text, by: userOf(event), ...(params?.outsideScope ? { outsideScope: true as const } : {}) } };
      }),
      recordReturn: assign(({ event }) => {
        assertEvent(event, 'RETURN_TO_RESPONSIBLE');
        return { returnedToResponsible: { text: event.payload.text, by: userOf(event) } };
      }),
      recordProposal: assign(({ event }) => {
        assertEvent(event, 'PROPOSE_TO_PROGRAMME');
        return { proposal: { text: event.payload.text ?? null, by: userOf(event) } };
      }),
      recordPrioritisation: assign(({ context, event }) => {
        assertEvent(event, 'PRIORITISE');
        const prioritisation = byRound ? prioritisedByRound(event.payload as CaseEventPayload<'PRIORITISE'>) : prioritisedByHand(event.payload);
        return withProjects ? { prioritisation, projectId: childInstanceId(context.caseId, PROJECT_KEY) } : { prioritisation };
      }),
      recordDeferral: assign(({ context, event }) => {
        assertEvent(event, 'DEFER');
        const deferral = byRound ? leftOutByRound(event.payload as CaseEventPayload<'DEFER'>) : { reason: event.payload.reason, roundId: event.payload.roundId ?? null };
        return { deferrals: [...context.deferrals, deferral] };
      }),
      recordDecline: assign(({ event }) => {
        assertEvent(event, 'DECLINE');
        return { decline: byRound ? leftOutByRound(event.payload as CaseEventPayload<'DECLINE'>) : { reason: event.payload.reason, roundId: event.payload.roundId ?? null } };
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
        const outcome = (event.payload as CaseEventPayload<'CONCLUDE_BENEFITS'>).outcome ?? null;
        return { benefitsConclusion: { summary: event.payload.summary, by: userOf(event), ...(withProjects ? { outcome } : {}) } };
      }),
    },
    delays: nominalDelays(CASE_DEADLINES),
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
      ...(withProjects ? { projectId: null } : {}),
      benefitsConclusion: null,
      deadlinesPassed: [],
    }),
    states: {
      draft: {
        ...meta('Utkast', 'Draft', ['lineManager']),
        ...TRIAGE,
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
        ...meta('Meldt inn, til vurdering hos prosessansvarlig', 'Submitted, with the process responsible', ['processResponsible']),
        ...TRIAGE,
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
            // From version 3 the policy's thresholds hold: a case larger than local is escalated, not kept in the unit.
            guard: withProjects ? and([by('processResponsible'), 'withinLocalThresholds']) : by('processResponsible'),
            actions: ['startLocalImprovement', notify('lineManager', 'localImprovementAccepted'), notify('reporter', 'localImprovementAccepted')],
          },
          ESCALATE: withProjects
            ? [
                // Flyt escalates it all the same, but tells the process owner it is outside the policy's scope.
                {
                  ...escalate,
                  guard: and([by('processResponsible'), 'outsideThePolicysScope']),
                  actions: [{ type: 'recordEscalation', params: { outsideScope: true } }, notify('processOwner', 'caseEscalatedOutsideScope')],
                },
                escalate,
              ]
            : escalate,
          WITHDRAW: withdraw,
        },
      },
      awaitingInformation: {
        // The reporter must answer; the process responsible who asked keeps the deadline: a reporter does not extend their own.
        ...meta('Venter på opplysninger fra innmelder', 'Awaiting information from the reporter', ['reporter'], 'processResponsible'),
        ...TRIAGE,
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
        ...meta('Hos prosesseier', 'With the process owner', ['processOwner']),
        ...WITH_OWNER,
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
        ...meta('Lokal forbedring i enheten', 'Local improvement in the unit', ['lineManager']),
        initial: 'plan',
        states: {
          plan: localStep('plan', 'trial'),
          trial: localStep('trial', 'followUp'),
          followUp: localStep('followUp', 'evaluation'),
          evaluation: {
            ...meta(...LOCAL_STEP_LABELS.evaluation, ['lineManager']),
            after: localStep('evaluation', 'adjustment').after,
            on: { COMPLETE_STEP: localStep('evaluation', 'adjustment').on.COMPLETE_STEP, RESTART_CYCLE: restartCycle('evaluation') },
          },
          adjustment: {
            ...meta(...LOCAL_STEP_LABELS.adjustment, ['lineManager']),
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
      implemented: { type: 'final', ...meta('Gjennomført lokalt', 'Implemented locally') },
      awaitingPrioritisation: {
        // From version 2 a round decides, but the secretariat is still the one who puts the case into a round.
        ...meta('Til prioritering i programmet', 'Awaiting prioritisation by the programme', ['programme']),
        ...PROGRAMME,
        on: {
          PRIORITISE: {
            target: 'inRealisation',
            guard: by(decidedBy),
            actions: withProjects
              ? ['recordPrioritisation', startProject, notify('processOwner', 'casePrioritised'), notify('reporter', 'casePrioritised')]
              : ['recordPrioritisation', notify('processOwner', 'casePrioritised'), notify('reporter', 'casePrioritised')],
          },
          DEFER: {
            guard: by(decidedBy),
            actions: ['recordDeferral', notify('processOwner', 'caseDeferred')],
          },
          DECLINE: {
            target: 'declined',
            guard: by(decidedBy),
            actions: ['recordDecline', notify('processOwner', 'caseDeclined'), notify('reporter', 'caseDeclined')],
          },
          WITHDRAW: {
            ...withdraw,
            actions: [...withdraw.actions, notify('programmeSecretariat', 'caseWithdrawn')],
          },
        },
      },
      inRealisation: {
        ...meta('Under realisering (prosjekt)', 'In realisation (project)'),
        ...(withProjects ? IN_A_PROJECT : PROGRAMME),
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
        // The process owner concludes BP6: on the case up to version 2, in the benefits follow-up from version 3.
        ...meta('Gevinstoppfølging', 'Benefits follow-up', ['processOwner']),
        ...PROGRAMME,
        on: {
          CONCLUDE_BENEFITS: withProjects
            ? [
                { ...concludeBenefits, guard: by('system') },
                // A case that went into realisation before version 3 has no follow-up to conclude it: its process owner does, as before.
                { ...concludeBenefits, guard: and([by('processOwner'), 'withoutAProject']) },
              ]
            : { ...concludeBenefits, guard: by('processOwner') },
        },
      },
      closed: { type: 'final', ...meta('Avsluttet', 'Closed'), ...PROGRAMME },
      rejected: { type: 'final', ...meta('Avvist', 'Rejected') },
      declined: { type: 'final', ...meta('Ikke prioritert', 'Declined'), ...PROGRAMME },
      withdrawn: { type: 'final', ...meta('Trukket', 'Withdrawn') },
      merged: { type: 'final', ...meta('Slått sammen med en annen sak', 'Merged into another case') },
    },
  });
}

/** The newest version, which new cases start on. */
export const improvementCaseMachine = improvementCaseMachineOf(3);

export type ImprovementCaseMachine = typeof improvementCaseMachine;

/** Human text per state (dotted state path), read from the states' `meta`: for the case lists and their filters. */
export const CASE_STATE_LABELS: Readonly<Record<string, { nb: string; en: string }>> = stateLabels(improvementCaseMachine);
