import { and, assertEvent, assign, not, setup } from 'xstate';
import { nominalDelays, PLATFORM_ACTIONS, type SendToWorkflowParams, type StateMeta, stateLabels } from '#flyt/workflow-runtime/domain';
import { FOLLOWUP_DEADLINES, type FollowupDelay } from './benefits-followup.deadlines.js';
import type { BenefitOutcome, BenefitsFollowupEvent, FollowupEventPayload, FollowupFacts, FollowupInput, FollowupRole } from './benefits-followup.events.js';

export * from './benefits-followup.events.js';
export * from './benefits-followup.deadlines.js';

/*
 * Benefits follow-up after a project has passed BP5 (docs/projects.md, "Benefits follow-up"), as
 * pure data for the durable runtime. It may run for years, so it holds no timer longer than the
 * next measurement date: each date of the benefits-realisation plan is a `dueDate` deadline read
 * from `dueOn`, and completing a date re-enters `measuring`, which cancels the finished date's
 * timers and schedules the next one's.
 *
 * starting → measuring (waiting → due → overdue → escalated, per date) → concluding → concluded.
 * A plan without dates goes straight to concluding. The process owner may conclude (BP6) at any
 * time; the improvement case is then told, through the runtime, and closes.
 *
 * Which benefits a date still lacks, and whether a value misses its target, are the plan's
 * data in libs/projects, which computes them as `event.facts` (completesPoint, deviationUnexplained).
 */

export const FOLLOWUP_MACHINE_ID = 'benefits-followup';

/** One recorded measurement of a benefit's indicator, at a date of the plan. */
export interface FollowupMeasurement {
  benefitId: string;
  /** The index in `points` of the date it was recorded for. */
  pointIndex: number;
  value: number;
  /** YYYY-MM-DD. */
  measuredOn: string;
  comment: string | null;
  evidenceUrl: string | null;
  /** Why the value misses the target; required by the facts when it does. */
  deviationExplanation: string | null;
  by: string | null;
}

/** The process owner's conclusion of the benefits work (BP6). */
export interface FollowupConclusion {
  outcome: BenefitOutcome;
  summary: string;
  furtherActions: string | null;
  /** Further actions to be taken up as a new improvement case; the projects lib creates the draft. */
  newCase: { title: string; problem: string; reportingUnitId: string } | null;
  by: string | null;
}

export interface FollowupContext extends FollowupInput {
  /**
   * The index in `points` of the measurement date being followed up. Completing a date moves it on;
   * it equals `points.length` once every date is measured (and in a plan without dates).
   */
  current: number;
  /** `points[current].dueOn`, or null when no date is left: the `measurementDue` deadline reads it. */
  dueOn: string | null;
  measurements: FollowupMeasurement[];
  conclusion: FollowupConclusion | null;
  /** Deadlines that passed without the awaited action, with the date they concerned (null: none, at BP6). */
  deadlinesPassed: { state: string; delay: FollowupDelay; pointIndex: number | null }[];
}

export const FOLLOWUP_RECIPIENTS = [
  /** The benefit owners of the benefits at the current date whose measurement is still missing. */
  'benefitOwners',
  /** The responsible line managers (gevinstansvarlige) of the benefits in the plan. */
  'responsibleManagers',
  /** The process owner of the case's process. */
  'processOwner',
] as const;
export type FollowupRecipient = (typeof FOLLOWUP_RECIPIENTS)[number];
export type FollowupNotificationTemplate =
  | 'measurementDue'
  | 'measurementOverdue'
  | 'measurementEscalated'
  | 'measurementRecorded'
  | 'measurementsComplete'
  | 'conclusionReminder'
  | 'benefitsConcluded';

const meta = (nb: string, en: string, waitsFor: FollowupRole[] = [], deadlineOwner?: FollowupRole): { meta: StateMeta } => ({
  meta: { label: { nb, en }, waitsFor, ...(deadlineOwner ? { deadlineOwner } : {}) },
});
const by = (...roles: FollowupRole[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const notify = (to: FollowupRecipient, template: FollowupNotificationTemplate) => ({ type: 'notify', params: { to, template } }) as const;
const deadline = (state: string, delay: FollowupDelay) => ({ type: 'recordDeadline', params: { state, delay } }) as const;
const userOf = (event: { actor?: { userId?: string | null } }): string | null => event.actor?.userId ?? null;
const factsOf = (event: { facts?: unknown }): FollowupFacts => (event.facts ?? {}) as FollowupFacts;

/** The improvement case closes with the conclusion; its CONCLUDE_BENEFITS takes the summary and the outcome (case version 3). */
export const caseConclusionOf = (caseId: string, payload: FollowupEventPayload<'CONCLUDE'>): SendToWorkflowParams => ({
  workflowId: 'improvement-case',
  instanceId: caseId,
  event: { type: 'CONCLUDE_BENEFITS', payload: { summary: payload.summary, outcome: payload.outcome } },
});

/** BP6: the conclusion is kept, the improvement case is told and closes, and everyone in the plan hears of it. */
const conclude = {
  target: '#benefits-followup.concluded',
  guard: by('processOwner'),
  actions: [
    'recordConclusion',
    {
      type: 'sendToWorkflow',
      params: ({ context, event }: { context: FollowupContext; event: BenefitsFollowupEvent }) => {
        assertEvent(event, 'CONCLUDE');
        return caseConclusionOf(context.caseId, event.payload);
      },
    },
    notify('benefitOwners', 'benefitsConcluded'),
    notify('responsibleManagers', 'benefitsConcluded'),
  ],
} as const;

/** Who may record a measurement, and not while its value misses the target unexplained. */
const mayRecord = [by('benefitOwner', 'responsibleManager'), not('deviationUnexplained')] as const;

export const benefitsFollowupMachine = setup({
  types: {
    context: {} as FollowupContext,
    events: {} as BenefitsFollowupEvent,
    input: {} as FollowupInput,
  },
  guards: {
    /** The sender holds one of the roles for this follow-up now. */
    actorHolds: ({ event }, params: { roles: readonly FollowupRole[] }) => event.actor?.roles?.some((r) => (params.roles as readonly string[]).includes(r)) ?? false,
    deviationUnexplained: ({ event }) => factsOf(event).deviationUnexplained === true,
    completesPoint: ({ event }) => factsOf(event).completesPoint === true,
    atLastPoint: ({ context }) => context.current >= context.points.length - 1,
    noPointsLeft: ({ context }) => context.current >= context.points.length,
  },
  actions: {
    notify: PLATFORM_ACTIONS.notify as (_: unknown, params: { to: FollowupRecipient; template: FollowupNotificationTemplate }) => void,
    sendToWorkflow: PLATFORM_ACTIONS.sendToWorkflow,
    recordDeadline: assign(({ context }, params: { state: string; delay: FollowupDelay }) => ({
      deadlinesPassed: [
        ...context.deadlinesPassed,
        { state: params.state, delay: params.delay, pointIndex: context.current < context.points.length ? context.current : null },
      ],
    })),
    recordMeasurement: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_MEASUREMENT');
      const p = event.payload;
      return {
        measurements: [
          ...context.measurements,
          {
            benefitId: p.benefitId,
            pointIndex: context.current,
            value: p.value,
            measuredOn: p.measuredOn,
            // The schema lets a comment be empty; an empty one is no comment.
            comment: p.comment || null,
            evidenceUrl: p.evidenceUrl ?? null,
            deviationExplanation: p.deviationExplanation ?? null,
            by: userOf(event),
          },
        ],
      };
    }),
    advancePoint: assign(({ context }) => ({ current: context.current + 1, dueOn: context.points[context.current + 1]?.dueOn ?? null })),
    recordConclusion: assign(({ event }) => {
      assertEvent(event, 'CONCLUDE');
      const p = event.payload;
      return {
        conclusion: {
          outcome: p.outcome,
          summary: p.summary,
          furtherActions: p.furtherActions ?? null,
          newCase: p.newCase ? { title: p.newCase.title, problem: p.newCase.problem, reportingUnitId: p.newCase.reportingUnitId } : null,
          by: userOf(event),
        },
      };
    }),
  },
  delays: nominalDelays(FOLLOWUP_DEADLINES),
}).createMachine({
  id: FOLLOWUP_MACHINE_ID,
  initial: 'starting',
  context: ({ input }) => ({
    caseId: input.caseId,
    projectId: input.projectId,
    processId: input.processId,
    points: input.points,
    current: 0,
    dueOn: input.points[0]?.dueOn ?? null,
    measurements: [],
    conclusion: null,
    deadlinesPassed: [],
  }),
  states: {
    // Passed through at the start only, never stored: a plan without dates has nothing to measure.
    starting: {
      ...meta('Starter', 'Starting'),
      always: [{ target: 'concluding', guard: 'noPointsLeft' }, { target: 'measuring' }],
    },
    measuring: {
      ...meta('Gevinstmåling pågår', 'Measuring benefits', ['benefitOwner']),
      initial: 'waiting',
      states: {
        waiting: {
          ...meta('Venter på måledato', 'Waiting for the measurement date', ['benefitOwner']),
          after: { measurementDue: { target: 'due', actions: [notify('benefitOwners', 'measurementDue'), deadline('measuring.waiting', 'measurementDue')] } },
        },
        due: {
          ...meta('Måling skal registreres', 'Measurement due', ['benefitOwner']),
          after: {
            measurementOverdue: {
              target: 'overdue',
              actions: [notify('responsibleManagers', 'measurementOverdue'), deadline('measuring.due', 'measurementOverdue')],
            },
          },
        },
        overdue: {
          ...meta('Måling på overtid, hos gevinstansvarlig', 'Measurement overdue, with the responsible manager', ['benefitOwner'], 'responsibleManager'),
          after: {
            measurementEscalated: {
              target: 'escalated',
              actions: [notify('processOwner', 'measurementEscalated'), deadline('measuring.overdue', 'measurementEscalated')],
            },
          },
        },
        escalated: {
          ...meta('Måling på overtid, løftet til prosesseier', 'Measurement overdue, escalated to the process owner', ['benefitOwner'], 'processOwner'),
        },
      },
      on: {
        // On the parent, so a measurement is taken before its date too, and in every substate.
        RECORD_MEASUREMENT: [
          {
            target: '#benefits-followup.concluding',
            guard: and([...mayRecord, 'completesPoint', 'atLastPoint']),
            actions: ['recordMeasurement', 'advancePoint', notify('responsibleManagers', 'measurementRecorded'), notify('processOwner', 'measurementsComplete')],
          },
          {
            // Re-entered so the finished date's timers are cancelled and the next date's scheduled.
            target: '#benefits-followup.measuring',
            reenter: true,
            guard: and([...mayRecord, 'completesPoint']),
            actions: ['recordMeasurement', 'advancePoint', notify('responsibleManagers', 'measurementRecorded')],
          },
          { guard: and([...mayRecord]), actions: ['recordMeasurement', notify('responsibleManagers', 'measurementRecorded')] },
        ],
        // The process owner may conclude before every date is measured (a plan that no longer makes sense).
        CONCLUDE: conclude,
      },
    },
    concluding: {
      ...meta('Gevinstarbeidet avsluttes (BP6)', 'Concluding the benefits work (BP6)', ['processOwner']),
      after: { conclusionReminder: { actions: [notify('processOwner', 'conclusionReminder'), deadline('concluding', 'conclusionReminder')] } },
      on: {
        CONCLUDE: conclude,
      },
    },
    concluded: { type: 'final', ...meta('Avsluttet (BP6)', 'Concluded (BP6)') },
  },
});

export type BenefitsFollowupMachine = typeof benefitsFollowupMachine;

export const FOLLOWUP_STATE_LABELS: Readonly<Record<string, { nb: string; en: string }>> = stateLabels(benefitsFollowupMachine);
