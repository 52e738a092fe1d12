import { initialTransition, transition } from 'xstate';
import { ConfigurationInvalid, loadConfig } from '#flyt/config';
import { effectsOf, type Effect } from '#flyt/workflow-runtime';
import {
  IMPROVEMENT_CASE_WORKFLOW,
  improvementCaseMachine as machine,
  type ImprovementCaseEvent,
  type ImprovementCaseInput,
} from '#workflows/improvement-case.machine';
import { calendarFromConfig, deadlinePolicyFromConfig } from './calendar-deadline-policy.js';

const INPUT: ImprovementCaseInput = {
  caseId: '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0101',
  processId: 'process-admissions',
  reportingUnitId: 'unit-ie',
  reporterId: 'user-lm',
  reportedByEmployee: false,
};
const event = (type: string, roles: string[], payload: object = {}) =>
  ({ type, payload, actor: { userId: 'user-1', roles }, facts: { costBenefitComplete: true } }) as unknown as ImprovementCaseEvent;

function policyFor(env: Record<string, string> = {}) {
  const { deadlines } = loadConfig(env);
  return deadlinePolicyFromConfig(deadlines, calendarFromConfig(deadlines));
}

/** The timers a transition starts, as the runtime would schedule them. */
const scheduled = (actions: readonly { type: string; params?: unknown }[]) =>
  effectsOf(actions).filter((e): e is Extract<Effect, { kind: 'timer.schedule' }> => e.kind === 'timer.schedule');

/** Every deadline a transition starts, placed by the policy at `now`. */
function deadlinesOn(actions: readonly { type: string; params?: unknown }[], context: unknown, now: Date, policy = policyFor()) {
  return Object.fromEntries(
    scheduled(actions).map((t) => [
      t.delayName,
      policy.dueAt({ workflowId: IMPROVEMENT_CASE_WORKFLOW.id, delayName: t.delayName, delayMs: t.delayMs, context }, now).toISOString(),
    ]),
  );
}

describe('CalendarDeadlinePolicy', () => {
  it('gives a case submitted the Wednesday before Easter 2026 its triage reminder 5 working days on, at 09:00 Oslo', () => {
    const [draft] = initialTransition(machine, INPUT);
    const [submitted, actions] = transition(machine, draft, event('SUBMIT', ['lineManager', 'reporter']));
    // Wednesday 1 April 2026, 14:00 in Oslo. Maundy Thursday, Good Friday, the weekend and Easter Monday do not count:
    // Tuesday 7, Wednesday 8, Thursday 9, Friday 10, Monday 13 April — 09:00 summer time is 07:00Z.
    expect(deadlinesOn(actions, submitted.context, new Date('2026-04-01T12:00:00Z'))).toEqual({
      responsibleReminder: '2026-04-13T07:00:00.000Z',
      // Ten working days: on to Monday 20 April.
      ownerEscalation: '2026-04-20T07:00:00.000Z',
    });
  });

  it('places a local step\'s reminder on the due date the line manager set, else 14 days on', () => {
    const [draft] = initialTransition(machine, INPUT);
    const [submitted] = transition(machine, draft, event('SUBMIT', ['lineManager', 'reporter']));
    const [plan, accepted] = transition(machine, submitted, event('ACCEPT_LOCAL', ['processResponsible'], { plan: 'New checklist.' }));
    const now = new Date('2026-03-02T12:00:00Z');
    expect(deadlinesOn(accepted, plan.context, now)).toEqual({ stepDue: '2026-03-16T08:00:00.000Z' });
    const [trial, completed] = transition(machine, plan, event('COMPLETE_STEP', ['lineManager'], { summary: 'Planned.', nextStepDueOn: '2026-04-30' }));
    expect(deadlinesOn(completed, trial.context, now)).toEqual({ stepDue: '2026-04-30T07:00:00.000Z' });
  });

  it('follows configured rules, time of day and closed days', () => {
    const policy = policyFor({
      DEADLINE_RULES: '{"responsibleReminder": {"seconds": 2}}',
      DEADLINE_TIME_OF_DAY: '12:00',
      CALENDAR_CLOSED_DAYS: '04-07..04-08',
    });
    const [draft] = initialTransition(machine, INPUT);
    const [submitted, actions] = transition(machine, draft, event('SUBMIT', ['lineManager', 'reporter']));
    expect(deadlinesOn(actions, submitted.context, new Date('2026-04-01T12:00:00Z'), policy)).toEqual({
      responsibleReminder: '2026-04-01T12:00:02.000Z',
      // 9, 10, 13, 14, 15, 16, 17, 20, 21, 22 April; 12:00 in summer is 10:00Z.
      ownerEscalation: '2026-04-22T10:00:00.000Z',
    });
  });

  it('keeps the machine\'s nominal length for a delay it has no rule for', () => {
    const policy = policyFor();
    const now = new Date('2026-04-01T12:00:00Z');
    expect(policy.ruleFor('coolingOff')).toBeNull();
    expect(policy.dueAt({ workflowId: 'other', delayName: 'coolingOff', delayMs: 90_000, context: {} }, now).toISOString()).toBe('2026-04-01T12:01:30.000Z');
    expect(policy.dueAt({ workflowId: 'other', delayName: 'toString', delayMs: 1000, context: {} }, now).toISOString()).toBe('2026-04-01T12:00:01.000Z');
  });

  it('stops the process at start on a rule for an unknown delay or an impossible closed day, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        policyFor(env);
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems;
      }
      throw new Error('expected ConfigurationInvalid');
    };
    expect(problems({ DEADLINE_RULES: '{"ownerEscalaton": {"workingDays": 3}}' })).toEqual([
      { variable: 'DEADLINE_RULES', reason: expect.stringContaining('no delay named "ownerEscalaton"') },
    ]);
    expect(problems({ CALENDAR_CLOSED_DAYS: '12-24..12-32' })).toEqual([
      { variable: 'CALENDAR_CLOSED_DAYS', reason: 'closed days "12-24..12-32": 12-32 is not a day of the year' },
    ]);
  });
});
