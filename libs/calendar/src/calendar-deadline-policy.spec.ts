import { assign, initialTransition, setup, transition } from 'xstate';
import { ConfigurationInvalid, loadConfig } from '#flyt/config';
import { type Effect, effectsOf, MachineRegistry, nominalDelays, type WorkflowRegistration } from '#flyt/workflow-runtime';
import { calendarFromConfig, deadlinePolicyFromConfig } from './calendar-deadline-policy.js';

/** A workflow with a working-day reminder and escalation, a calendar-day timeout and a due date in its context. */
const RULES = {
  reminder: { workingDays: 5 },
  escalation: { workingDays: 10 },
  timeout: { calendarDays: 30 },
  stepDue: { dueDate: 'step.dueOn', fallback: { calendarDays: 14 } },
} as const;
const label = { nb: 'x', en: 'x' };
const machine = setup({
  types: {} as { context: { step: { dueOn: string | null } }; events: { type: 'SUBMIT' } | { type: 'PLAN'; dueOn: string | null } },
  delays: nominalDelays(RULES),
}).createMachine({
  id: 'review',
  initial: 'draft',
  context: { step: { dueOn: null } },
  states: {
    draft: { meta: { label }, on: { SUBMIT: 'submitted', PLAN: { target: 'step', actions: assign({ step: ({ event }) => ({ dueOn: event.dueOn }) }) } } },
    submitted: { meta: { label }, after: { reminder: {}, escalation: {}, timeout: 'draft' } },
    step: { meta: { label }, after: { stepDue: {} } },
  },
});
const REVIEW: WorkflowRegistration = {
  id: 'review',
  noun: { nb: 'gjennomgang', en: 'review' },
  roleNames: {},
  versions: [{ version: 1, machine, roles: [], events: { SUBMIT: {} as never, PLAN: {} as never } }],
  deadlines: RULES,
  notifications: { recipients: [], templates: {}, openLink: label },
};
const registry = new MachineRegistry([REVIEW]);

function policyFor(env: Record<string, string> = {}) {
  const { deadlines } = loadConfig(env);
  return deadlinePolicyFromConfig(deadlines, calendarFromConfig(deadlines), registry);
}

/** Every deadline a transition starts, placed by the policy at `now`. */
function deadlinesOn(actions: readonly { type: string; params?: unknown }[], context: unknown, now: Date, policy = policyFor()) {
  const scheduled = effectsOf(actions).filter((e): e is Extract<Effect, { kind: 'timer.schedule' }> => e.kind === 'timer.schedule');
  return Object.fromEntries(
    scheduled.map((t) => [t.delayName, policy.dueAt({ workflowId: 'review', delayName: t.delayName, delayMs: t.delayMs, context }, now).toISOString()]),
  );
}

describe('CalendarDeadlinePolicy', () => {
  const [draft] = initialTransition(machine);

  it('counts working days past Easter 2026 and places them at 09:00 Oslo; calendar days keep weekends', () => {
    const [submitted, actions] = transition(machine, draft, { type: 'SUBMIT' });
    // Wednesday 1 April 2026, 14:00 in Oslo. Maundy Thursday, Good Friday, the weekend and Easter Monday do not count:
    // Tuesday 7, Wednesday 8, Thursday 9, Friday 10, Monday 13 April — 09:00 summer time is 07:00Z.
    expect(deadlinesOn(actions, submitted.context, new Date('2026-04-01T12:00:00Z'))).toEqual({
      reminder: '2026-04-13T07:00:00.000Z',
      // Ten working days: on to Monday 20 April.
      escalation: '2026-04-20T07:00:00.000Z',
      // Thirty calendar days from 1 April: Friday 1 May, a public holiday, kept.
      timeout: '2026-05-01T07:00:00.000Z',
    });
  });

  it('places a due-date deadline on the date in the context, else the fallback', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const [withDate, planned] = transition(machine, draft, { type: 'PLAN', dueOn: '2026-04-30' });
    expect(deadlinesOn(planned, withDate.context, now)).toEqual({ stepDue: '2026-04-30T07:00:00.000Z' });
    const [withoutDate, unplanned] = transition(machine, draft, { type: 'PLAN', dueOn: null });
    expect(deadlinesOn(unplanned, withoutDate.context, now)).toEqual({ stepDue: '2026-03-16T08:00:00.000Z' });
  });

  it('follows configured rules (by delay name, or for one workflow), time of day and closed days', () => {
    const policy = policyFor({
      DEADLINE_RULES: '{"reminder": {"seconds": 2}, "review": {"timeout": {"calendarDays": 1}}}',
      DEADLINE_TIME_OF_DAY: '12:00',
      CALENDAR_CLOSED_DAYS: '04-07..04-08',
    });
    const [submitted, actions] = transition(machine, draft, { type: 'SUBMIT' });
    expect(deadlinesOn(actions, submitted.context, new Date('2026-04-01T12:00:00Z'), policy)).toEqual({
      reminder: '2026-04-01T12:00:02.000Z',
      // 9, 10, 13, 14, 15, 16, 17, 20, 21, 22 April; 12:00 in summer is 10:00Z.
      escalation: '2026-04-22T10:00:00.000Z',
      timeout: '2026-04-02T10:00:00.000Z',
    });
    expect(policy.rulesOf('review').reminder).toEqual({ seconds: 2 });
  });

  it('keeps the machine’s nominal length for a delay it has no rule for', () => {
    const policy = policyFor();
    const now = new Date('2026-04-01T12:00:00Z');
    expect(policy.ruleFor('review', 'coolingOff')).toBeNull();
    expect(policy.ruleFor('other', 'reminder')).toBeNull();
    expect(policy.dueAt({ workflowId: 'other', delayName: 'coolingOff', delayMs: 90_000, context: {} }, now).toISOString()).toBe('2026-04-01T12:01:30.000Z');
    expect(policy.dueAt({ workflowId: 'review', delayName: 'toString', delayMs: 1000, context: {} }, now).toISOString()).toBe('2026-04-01T12:00:01.000Z');
  });

  describe('a deadline on hold keeps what it had left, in its rule’s measure', () => {
    const policy = policyFor();
    const reminder = { workflowId: 'review', delayName: 'reminder' };

    it('a working-day deadline keeps its working days: held before Easter with 3 left, resumed after, it has 3 again', () => {
      // Due Monday 13 April 09:00; held on Wednesday 8 April: 9, 10 and 13 April are left.
      const left = policy.timeLeft(reminder, new Date('2026-04-13T07:00:00Z'), new Date('2026-04-08T10:00:00Z'));
      expect(left).toEqual({ workingDays: 3 });
      // Resumed on Friday 24 April: 27, 28 and 29 April, at 09:00.
      expect(policy.resumedDueAt(left, new Date('2026-04-24T10:00:00Z')).toISOString()).toBe('2026-04-29T07:00:00.000Z');
      // Held over a weekend and a holiday, the days left do not shrink: held Saturday 4 April, due Tuesday 7 April (Easter Monday between).
      expect(policy.timeLeft(reminder, new Date('2026-04-07T07:00:00Z'), new Date('2026-04-04T10:00:00Z'))).toEqual({ workingDays: 1 });
    });

    it('a working-day deadline due later today keeps its hours; a calendar-day or seconds deadline its milliseconds', () => {
      expect(policy.timeLeft(reminder, new Date('2026-04-13T07:00:00Z'), new Date('2026-04-13T05:00:00Z'))).toEqual({ ms: 2 * 3600_000 });
      expect(policy.timeLeft({ workflowId: 'review', delayName: 'timeout' }, new Date('2026-05-01T07:00:00Z'), new Date('2026-04-30T07:00:00Z'))).toEqual({
        ms: 24 * 3600_000,
      });
      expect(policy.resumedDueAt({ ms: 90_000 }, new Date('2026-04-01T12:00:00Z')).toISOString()).toBe('2026-04-01T12:01:30.000Z');
      // An overdue deadline has nothing left: it fires as soon as it resumes.
      expect(policy.timeLeft(reminder, new Date('2026-04-13T07:00:00Z'), new Date('2026-04-14T07:00:00Z'))).toEqual({ ms: 0 });
    });
  });

  it('stops the process at start on a rule for an unknown delay or workflow, or an impossible closed day, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        policyFor(env);
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems;
      }
      throw new Error('expected ConfigurationInvalid');
    };
    expect(problems({ DEADLINE_RULES: '{"remindr": {"workingDays": 3}}' })).toEqual([
      { variable: 'DEADLINE_RULES', reason: expect.stringContaining('no delay named "remindr"') },
    ]);
    expect(problems({ DEADLINE_RULES: '{"review": {"remindr": {"workingDays": 3}}}' })).toEqual([
      { variable: 'DEADLINE_RULES', reason: expect.stringContaining('workflow "review" has no delay named "remindr"') },
    ]);
    expect(problems({ CALENDAR_CLOSED_DAYS: '12-24..12-32' })).toEqual([
      { variable: 'CALENDAR_CLOSED_DAYS', reason: 'closed days "12-24..12-32": 12-32 is not a day of the year' },
    ]);
  });
});
