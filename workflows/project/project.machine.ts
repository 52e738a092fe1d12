import { and, assertEvent, assign, not, setup } from 'xstate';
import {
  childInstanceId,
  nominalDelays,
  PLATFORM_ACTIONS,
  type SendToWorkflowParams,
  type StartWorkflowParams,
  type StateMeta,
  stateLabels,
} from '#flyt/workflow-runtime/domain';
import { PROJECT_DEADLINES, type ProjectDelay } from './project.deadlines.js';
import {
  GATE_DECISIONS,
  GATE_OF_PHASE,
  GATES,
  type Gate,
  type GateDecision,
  type Phase,
  type ProjectEvent,
  type ProjectFacts,
  type ProjectInput,
  type ProjectRole,
} from './project.events.js';

export * from './project.events.js';
export * from './project.deadlines.js';

/*
 * A project that realises a prioritised improvement case through the stage gates of the
 * public-sector project model, Prosjektveiviseren (docs/projects.md), as pure data for the durable
 * runtime. BP1 is the priority round's decision; the project starts in its mandate and, once the
 * process owner (or the secretariat) has appointed its owner and manager, runs two things at once:
 *
 * - its phase (concept, planning, execution, closure), each ending at its gate (BP2–BP5), where
 *   the process owner decides a small project's GO, RECYCLE, HOLD or STOP, and the programme
 *   council a large one's, with the rector's approval (`largeProject`, from the facts);
 * - its monthly status report, which has nothing to do with where the phase stands.
 *
 * Hence a parallel state with the phase as its first region: the runtime labels an instance by the
 * state of its first region, and waits for the roles of both. The gate deadlines belong to the
 * phase state, not to its substates, so submitting, withdrawing and a RECYCLE keep the clock of the
 * gate running; only a new planned date (SET_GATE_DATE re-enters the phase) or the next phase
 * starts it again. A HOLD stops every deadline of the project, the status report's too, until
 * RESUME.
 *
 * GO at BP5 closes the project: it tells its case (PROJECT_CLOSED) and starts the benefits
 * follow-up as its child; STOP at any gate tells the case (PROJECT_STOPPED). Both leave `active`,
 * so both regions end together.
 */

export const PROJECT_MACHINE_ID = 'project';

/** The key the improvement case starts its project under: the project's id is `childInstanceId(caseId, PROJECT_CHILD_KEY)`. */
export const PROJECT_CHILD_KEY = 'project';
/** The key the project starts its benefits follow-up under, at BP5. */
export const FOLLOWUP_CHILD_KEY = 'benefits';

/** Who took a gate decision: the process owner of a small project, or the programme council of a large one (with the rector's approval). */
export type GateDecider = 'processOwner' | 'council';

export interface GateDecisionRecord {
  gate: Gate;
  decision: GateDecision;
  reason: string;
  /** The process owner who decided, or the council member who recorded the council's decision. */
  by: string | null;
  as: GateDecider;
  /** The rector who approved a council's decision; null for a process owner's. */
  approvedBy: string | null;
}

export interface ProjectContext extends ProjectInput {
  /** This instance's own id, derived from its case's, so the messages it sends can name it (the runtime does not give an instance its id). */
  projectId: string;
  team: { projectOwnerId: string; projectManagerId: string } | null;
  /** The planned date of the gate ahead (YYYY-MM-DD): the gate deadlines fall on it. */
  plannedGateOn: string | null;
  /** Every decision that took effect, oldest first. */
  gateDecisions: GateDecisionRecord[];
  /** A council's decision waiting for the rector's approval. */
  pendingDecision: { gate: Gate; decision: GateDecision; reason: string; by: string | null } | null;
  hold: { gate: Gate; reason: string; by: string | null } | null;
  stop: { gate: Gate; reason: string } | null;
  /** Status reports submitted. */
  statusReports: number;
  /** Deadlines that passed without the awaited action (reminders and escalations sent). */
  deadlinesPassed: { state: string; delay: ProjectDelay }[];
}

/** Who a project's notifications go to; libs/projects resolves each to people on the day. */
export const PROJECT_RECIPIENTS = ['projectOwner', 'projectManager', 'processOwner', 'secretariat', 'council', 'rector'] as const;
export type ProjectRecipient = (typeof PROJECT_RECIPIENTS)[number];
export type ProjectNotificationTemplate =
  | 'projectTeamAppointed'
  | 'gateReminder'
  | 'gateOverdue'
  | 'gateSubmitted'
  | 'gateSubmissionWithdrawn'
  | 'gateDecisionToApprove'
  | 'gateDecisionReturned'
  | 'gateDecided'
  | 'projectResumed'
  | 'statusReportReminder'
  | 'statusReportOverdue'
  | 'statusReportSubmitted'
  | 'projectClosed'
  | 'projectStopped';

/** The gate the project stands before: the one after the gates it has passed. */
export const gateAheadOf = (context: Pick<ProjectContext, 'gateDecisions'>): Gate =>
  GATES[Math.min(context.gateDecisions.filter((d) => d.decision === 'GO').length, GATES.length - 1)]!;

/** The summary PROJECT_CLOSED carries when the final report gives none. */
export const DEFAULT_CLOSING_SUMMARY = 'The project is closed.';
/** The case takes a summary of at most this many characters. */
const SUMMARY_MAX = 4000;

const meta = (nb: string, en: string, waitsFor?: ProjectRole[], deadlineOwner?: ProjectRole): { meta: StateMeta } => ({
  meta: { label: { nb, en }, ...(waitsFor ? { waitsFor } : {}), ...(deadlineOwner ? { deadlineOwner } : {}) },
});

const by = (...roles: ProjectRole[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const notify = (to: ProjectRecipient, template: ProjectNotificationTemplate) => ({ type: 'notify', params: { to, template } }) as const;
const deadline = (state: string, delay: ProjectDelay) => ({ type: 'recordDeadline', params: { state, delay } }) as const;
const pendingIs = (decision: GateDecision) => ({ type: 'pendingIs', params: { decision } }) as const;

const userOf = (event: { actor?: { userId?: string | null } }): string | null => event.actor?.userId ?? null;
const factsOf = (event: { facts?: unknown }): ProjectFacts => (event.facts ?? {}) as ProjectFacts;

type Args = { context: ProjectContext; event: ProjectEvent };

/** The decision an event puts into effect: the process owner's own, or on the rector's approval the council's, pending. */
function decisionTakingEffect(context: ProjectContext, event: ProjectEvent): Omit<GateDecisionRecord, 'gate'> {
  if (event.type === 'APPROVE_GATE_DECISION') {
    const pending = context.pendingDecision;
    // The guards let APPROVE_GATE_DECISION through only with a decision pending.
    if (!pending) throw new Error('APPROVE_GATE_DECISION with no decision pending');
    return { decision: pending.decision, reason: pending.reason, by: pending.by, as: 'council', approvedBy: userOf(event) };
  }
  assertEvent(event, GATE_DECISIONS);
  return { decision: event.type, reason: event.payload.reason, by: userOf(event), as: 'processOwner', approvedBy: null };
}

/** The final report's summary as the case takes it: some text, and not too much. */
function closingSummary(facts: ProjectFacts): string {
  const summary = facts.finalReportSummary?.trim();
  if (!summary) return DEFAULT_CLOSING_SUMMARY;
  return summary.length <= SUMMARY_MAX ? summary : `${summary.slice(0, SUMMARY_MAX - 1)}…`;
}

const tellTheCaseClosed = {
  type: 'sendToWorkflow',
  params: ({ context, event }: Args): SendToWorkflowParams => ({
    workflowId: 'improvement-case',
    instanceId: context.caseId,
    event: { type: 'PROJECT_CLOSED', payload: { projectId: context.projectId, summary: closingSummary(factsOf(event)) } },
  }),
} as const;

const tellTheCaseStopped = {
  type: 'sendToWorkflow',
  params: ({ context }: Args): SendToWorkflowParams => ({
    workflowId: 'improvement-case',
    instanceId: context.caseId,
    event: { type: 'PROJECT_STOPPED', payload: { projectId: context.projectId, reason: context.stop?.reason || 'The project was stopped at a gate.' } },
  }),
} as const;

const startBenefitsFollowup = {
  type: 'startWorkflow',
  params: ({ context, event }: Args): StartWorkflowParams => ({
    workflowId: 'benefits-followup',
    key: FOLLOWUP_CHILD_KEY,
    input: {
      caseId: context.caseId,
      projectId: context.projectId,
      processId: context.processId,
      // Copied field by field: the follow-up's input schema is strict.
      points: (factsOf(event).measurementPoints ?? []).map(({ dueOn, benefitIds }) => ({ dueOn, benefitIds: [...benefitIds] })),
    },
  }),
} as const;

/** The hold shows with its reason in the project's history; recordHold has put it in the context just before. */
const holdDeadlines = { type: 'holdDeadlines', params: ({ context }: Args) => ({ reason: context.hold?.reason }) } as const;
const resumeDeadlines = {
  type: 'resumeDeadlines',
  params: ({ event }: Args) => ({ reason: event.type === 'RESUME' ? event.payload.reason : undefined }),
} as const;

const PHASE_LABELS: Readonly<Record<Phase, [nb: string, en: string]>> = {
  concept: ['Konseptfase', 'Concept phase'],
  planning: ['Planleggingsfase', 'Planning phase'],
  execution: ['Gjennomføringsfase', 'Execution phase'],
  closure: ['Avslutningsfase', 'Closure phase'],
};
const NEXT_PHASE: Readonly<Record<Phase, Phase | null>> = { concept: 'planning', planning: 'execution', execution: 'closure', closure: null };

const smallProject = and([by('processOwner'), not('largeProject')]);
const largeProject = and([by('council'), 'largeProject']);

/**
 * What each decision at a phase's gate does once it takes effect: at once when the process owner
 * decides, on the rector's approval when the council does (then the secretariat is told too).
 */
function decisionsAt(phase: Phase, alsoTell: readonly ReturnType<typeof notify>[]) {
  const gate = GATE_OF_PHASE[phase];
  const next = NEXT_PHASE[phase];
  const record = { type: 'recordGateDecision', params: { gate } } as const;
  const told = [notify('projectManager', 'gateDecided'), notify('projectOwner', 'gateDecided'), ...alsoTell];
  return {
    // The project's end tells everyone itself, on entering `closed` or `stopped`.
    GO: next ? { target: `#project.active.phase.${next}`, actions: [record, 'planNextGate' as const, ...told] } : { target: '#project.closed', actions: [record] },
    // Back to work in the same phase: the gate's deadlines run on.
    RECYCLE: { target: 'working', actions: [record, ...told] },
    HOLD: { target: 'onHold', actions: [{ type: 'recordHold', params: { gate } } as const, holdDeadlines, record, ...told] },
    STOP: { target: '#project.stopped', actions: [{ type: 'recordStop', params: { gate } } as const, record] },
  };
}

/** One phase: its work, its gate, and the gate's deadlines, which its substates share. */
function phaseState(phase: Phase) {
  const gate = GATE_OF_PHASE[phase];
  const [nb, en] = PHASE_LABELS[phase];
  const path = `active.phase.${phase}`;
  const direct = decisionsAt(phase, []);
  const approved = decisionsAt(phase, [notify('secretariat', 'gateDecided')]);
  const toTheRector = { target: 'awaitingApproval', actions: [{ type: 'recordPendingDecision', params: { gate } } as const, notify('rector', 'gateDecisionToApprove')] };
  const decide = (decision: GateDecision) =>
    decision === 'GO'
      ? [
          { guard: and([by('processOwner'), not('largeProject'), 'checklistComplete']), ...direct.GO },
          { guard: and([by('council'), 'largeProject', 'checklistComplete']), ...toTheRector },
        ]
      : [
          { guard: smallProject, ...direct[decision] },
          { guard: largeProject, ...toTheRector },
        ];
  return {
    ...meta(nb, en),
    initial: 'working',
    after: {
      gateReminder: { actions: [notify('projectManager', 'gateReminder'), deadline(path, 'gateReminder')] },
      gateOverdue: { actions: [notify('projectOwner', 'gateOverdue'), deadline(path, 'gateOverdue')] },
    },
    states: {
      working: {
        ...meta(`${nb} – arbeidet pågår`, `${en} – work in progress`, ['projectManager']),
        on: {
          SUBMIT_FOR_GATE: [
            { target: 'awaitingDecision', guard: and([by('projectManager'), 'checklistComplete', not('largeProject')]), actions: [notify('processOwner', 'gateSubmitted')] },
            {
              target: 'awaitingDecision',
              guard: and([by('projectManager'), 'checklistComplete', 'largeProject']),
              actions: [notify('secretariat', 'gateSubmitted'), notify('council', 'gateSubmitted')],
            },
          ],
          // Re-entering the phase starts its gate deadlines again, from the new date.
          SET_GATE_DATE: { target: `#project.${path}`, reenter: true, guard: by('projectManager', 'projectOwner'), actions: ['recordGateDate' as const] },
        },
      },
      awaitingDecision: {
        // The decider may not extend the deadline that watches the decision: the project owner, who prepares it, keeps it.
        ...meta(`${nb} – venter på beslutning ved ${gate}`, `${en} – awaiting the ${gate} decision`, ['processOwner', 'council'], 'projectOwner'),
        on: {
          GO: decide('GO'),
          RECYCLE: decide('RECYCLE'),
          HOLD: decide('HOLD'),
          STOP: decide('STOP'),
          WITHDRAW_FROM_GATE: [
            { target: 'working', guard: and([by('projectManager'), not('largeProject')]), actions: [notify('processOwner', 'gateSubmissionWithdrawn')] },
            {
              target: 'working',
              guard: and([by('projectManager'), 'largeProject']),
              actions: [notify('secretariat', 'gateSubmissionWithdrawn'), notify('council', 'gateSubmissionWithdrawn')],
            },
          ],
        },
      },
      awaitingApproval: {
        ...meta(`${nb} – beslutningen ved ${gate} venter på rektors godkjenning`, `${en} – the ${gate} decision awaits the rector’s approval`, ['rector'], 'projectOwner'),
        on: {
          APPROVE_GATE_DECISION: [
            { guard: and([by('rector'), pendingIs('GO'), 'checklistComplete']), ...approved.GO },
            { guard: and([by('rector'), pendingIs('RECYCLE')]), ...approved.RECYCLE },
            { guard: and([by('rector'), pendingIs('HOLD')]), ...approved.HOLD },
            { guard: and([by('rector'), pendingIs('STOP')]), ...approved.STOP },
          ],
          REJECT_GATE_DECISION: {
            target: 'awaitingDecision',
            guard: by('rector'),
            actions: ['clearPendingDecision' as const, notify('secretariat', 'gateDecisionReturned'), notify('council', 'gateDecisionReturned')],
          },
        },
      },
      onHold: {
        ...meta(`${nb} – satt på vent ved ${gate}`, `${en} – on hold at ${gate}`, ['processOwner', 'council']),
        on: {
          RESUME: [
            { target: 'working', guard: smallProject, actions: ['recordResume' as const, resumeDeadlines, notify('projectManager', 'projectResumed'), notify('projectOwner', 'projectResumed')] },
            { target: 'working', guard: largeProject, actions: ['recordResume' as const, resumeDeadlines, notify('projectManager', 'projectResumed'), notify('projectOwner', 'projectResumed')] },
          ],
        },
      },
    },
  };
}

/** A report from either state of the cycle starts the next month's: re-entering restarts both of its deadlines. */
const submitStatusReport = {
  target: '#project.active.reporting.awaitingReport',
  reenter: true,
  guard: by('projectManager'),
  actions: ['recordStatusReport', notify('projectOwner', 'statusReportSubmitted')],
} as const;

const appointTeam = { guard: by('processOwner', 'secretariat'), actions: ['recordTeam', notify('projectOwner', 'projectTeamAppointed'), notify('projectManager', 'projectTeamAppointed')] } as const;

export const projectMachine = setup({
  types: {
    context: {} as ProjectContext,
    events: {} as ProjectEvent,
    input: {} as ProjectInput,
  },
  guards: {
    /** The sender holds one of the roles for this project now. */
    actorHolds: ({ event }, params: { roles: readonly ProjectRole[] }) => event.actor?.roles?.some((r) => (params.roles as readonly string[]).includes(r)) ?? false,
    /** Nothing is missing from the checklist of the gate ahead; facts without the list count as incomplete. */
    checklistComplete: ({ event }) => {
      const missing = factsOf(event).checklistMissing;
      return Array.isArray(missing) && missing.length === 0;
    },
    largeProject: ({ event }) => factsOf(event).largeProject === true,
    pendingIs: ({ context }, params: { decision: GateDecision }) => context.pendingDecision?.decision === params.decision,
  },
  actions: {
    ...PLATFORM_ACTIONS,
    notify: PLATFORM_ACTIONS.notify as (_: unknown, params: { to: ProjectRecipient; template: ProjectNotificationTemplate }) => void,
    recordDeadline: assign(({ context }, params: { state: string; delay: ProjectDelay }) => ({
      deadlinesPassed: [...context.deadlinesPassed, { state: params.state, delay: params.delay }],
    })),
    recordTeam: assign(({ event }) => {
      assertEvent(event, 'APPOINT_TEAM');
      return { team: { projectOwnerId: event.payload.projectOwnerId, projectManagerId: event.payload.projectManagerId } };
    }),
    recordGateDate: assign(({ event }) => {
      assertEvent(event, 'SET_GATE_DATE');
      return { plannedGateOn: event.payload.plannedOn };
    }),
    /** The next gate's date as the milestones had it when the gate was passed (the facts are stored with the event, so replay agrees). */
    planNextGate: assign(({ event }) => ({ plannedGateOn: factsOf(event).nextGatePlannedOn ?? null })),
    recordPendingDecision: assign(({ event }, params: { gate: Gate }) => {
      assertEvent(event, GATE_DECISIONS);
      return { pendingDecision: { gate: params.gate, decision: event.type, reason: event.payload.reason, by: userOf(event) } };
    }),
    clearPendingDecision: assign({ pendingDecision: null }),
    recordGateDecision: assign(({ context, event }, params: { gate: Gate }) => ({
      gateDecisions: [...context.gateDecisions, { gate: params.gate, ...decisionTakingEffect(context, event) }],
      pendingDecision: null,
    })),
    recordHold: assign(({ context, event }, params: { gate: Gate }) => {
      const { reason, by } = decisionTakingEffect(context, event);
      return { hold: { gate: params.gate, reason, by } };
    }),
    recordResume: assign({ hold: null }),
    recordStop: assign(({ context, event }, params: { gate: Gate }) => ({ stop: { gate: params.gate, reason: decisionTakingEffect(context, event).reason } })),
    recordStatusReport: assign(({ context }) => ({ statusReports: context.statusReports + 1 })),
  },
  delays: nominalDelays(PROJECT_DEADLINES),
}).createMachine({
  id: PROJECT_MACHINE_ID,
  initial: 'mandate',
  context: ({ input }) => ({
    caseId: input.caseId,
    processId: input.processId,
    projectId: childInstanceId(input.caseId, PROJECT_CHILD_KEY),
    team: null,
    plannedGateOn: null,
    gateDecisions: [],
    pendingDecision: null,
    hold: null,
    stop: null,
    statusReports: 0,
    deadlinesPassed: [],
  }),
  states: {
    mandate: {
      ...meta('Venter på prosjekteier og prosjektleder', 'Awaiting project owner and manager', ['processOwner']),
      on: { APPOINT_TEAM: { target: 'active', ...appointTeam } },
    },
    active: {
      ...meta('Prosjektet pågår', 'Project under way'),
      type: 'parallel',
      // A new owner or manager takes over wherever the project stands.
      on: { APPOINT_TEAM: appointTeam },
      states: {
        // First: the runtime shows an instance by its first region's state.
        phase: {
          ...meta('Faser og beslutningspunkter', 'Phases and gates'),
          initial: 'concept',
          states: {
            concept: phaseState('concept'),
            planning: phaseState('planning'),
            execution: phaseState('execution'),
            closure: phaseState('closure'),
          },
        },
        reporting: {
          ...meta('Månedsrapportering', 'Monthly reporting'),
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              ...meta('Venter på neste statusrapport', 'Awaiting the next status report', ['projectManager']),
              after: {
                statusReportReminder: {
                  actions: [notify('projectManager', 'statusReportReminder'), deadline('active.reporting.awaitingReport', 'statusReportReminder')],
                },
                statusReportOverdue: {
                  target: 'reportOverdue',
                  actions: [notify('projectOwner', 'statusReportOverdue'), deadline('active.reporting.awaitingReport', 'statusReportOverdue')],
                },
              },
              on: { SUBMIT_STATUS_REPORT: submitStatusReport },
            },
            reportOverdue: {
              ...meta('Statusrapporten er forsinket', 'The status report is overdue', ['projectManager']),
              on: { SUBMIT_STATUS_REPORT: submitStatusReport },
            },
          },
        },
      },
    },
    closed: {
      type: 'final',
      ...meta('Avsluttet', 'Closed', []),
      entry: [
        tellTheCaseClosed,
        startBenefitsFollowup,
        notify('processOwner', 'projectClosed'),
        notify('projectOwner', 'projectClosed'),
        notify('projectManager', 'projectClosed'),
        notify('secretariat', 'projectClosed'),
      ],
    },
    stopped: {
      type: 'final',
      ...meta('Stanset', 'Stopped', []),
      entry: [
        tellTheCaseStopped,
        notify('processOwner', 'projectStopped'),
        notify('projectOwner', 'projectStopped'),
        notify('projectManager', 'projectStopped'),
        notify('secretariat', 'projectStopped'),
      ],
    },
  },
});

export type ProjectMachine = typeof projectMachine;

/** Human text per state (dotted state path), read from the states' `meta`: for the project lists and their filters. */
export const PROJECT_STATE_LABELS: Readonly<Record<string, { nb: string; en: string }>> = stateLabels(projectMachine);
