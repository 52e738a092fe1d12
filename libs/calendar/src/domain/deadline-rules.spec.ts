import {
  atTimeOfDay,
  deadlineFor,
  mergeDeadlineRules,
  osloDayOf,
  UnknownDelay,
  valueAtPath,
} from './deadline-rules.js';
import { NorwegianCalendar } from './norwegian-calendar.js';

const clock = { calendar: new NorwegianCalendar(), timeOfDay: '09:00' };
const at = (iso: string) => new Date(iso);
const due = (rule: Parameters<typeof deadlineFor>[0], now: string, context: unknown = {}, c = clock) =>
  deadlineFor(rule, { now: at(now), context }, c).toISOString();

describe('deadline rules', () => {
  // Two workflows' defaults, as their registrations give them: one delay name in both, one in one only.
  const DEFAULTS = {
    review: { responsibleReminder: { workingDays: 5 }, ownerEscalation: { workingDays: 10 } },
    errand: { responsibleReminder: { workingDays: 2 }, errandDue: { calendarDays: 7 } },
  } as const;

  it('keeps every workflow’s own defaults when nothing is configured', () => {
    expect(mergeDeadlineRules(DEFAULTS, {})).toEqual(DEFAULTS);
  });

  it('lets a delay name replace that delay in every workflow that has it, and a workflow’s own map replace one workflow’s', () => {
    const byName = mergeDeadlineRules(DEFAULTS, { responsibleReminder: { seconds: 2 } });
    expect(byName.review).toEqual({ responsibleReminder: { seconds: 2 }, ownerEscalation: { workingDays: 10 } });
    expect(byName.errand).toEqual({ responsibleReminder: { seconds: 2 }, errandDue: { calendarDays: 7 } });
    const byWorkflow = mergeDeadlineRules(DEFAULTS, { errand: { responsibleReminder: { workingDays: 1 } } });
    expect(byWorkflow.review!.responsibleReminder).toEqual({ workingDays: 5 });
    expect(byWorkflow.errand!.responsibleReminder).toEqual({ workingDays: 1 });
  });

  it('refuses a delay name or workflow nobody has, and a delay the named workflow lacks, listing what is known', () => {
    expect(() => mergeDeadlineRules(DEFAULTS, { responsibleRemindr: { seconds: 2 } })).toThrow(UnknownDelay);
    expect(() => mergeDeadlineRules(DEFAULTS, { responsibleRemindr: { seconds: 2 } })).toThrow(
      'no delay named "responsibleRemindr" (known: errandDue, ownerEscalation, responsibleReminder), nor a workflow of that name (known: review, errand)',
    );
    expect(() => mergeDeadlineRules(DEFAULTS, { errand: { ownerEscalation: { seconds: 2 } } })).toThrow(
      'workflow "errand" has no delay named "ownerEscalation" (known: responsibleReminder, errandDue)',
    );
    expect(() => mergeDeadlineRules(DEFAULTS, { project: { gateReminder: { seconds: 2 } } })).toThrow(UnknownDelay);
  });

  describe('working days', () => {
    it('falls at 09:00 Oslo on the n-th working day after the day the timer starts', () => {
      // Monday 2 March 2026, winter time (UTC+1): five working days on is Monday 9 March, 09:00 = 08:00Z.
      expect(due({ workingDays: 5 }, '2026-03-02T14:20:00Z')).toBe('2026-03-09T08:00:00.000Z');
      // Started before 09:00 makes no difference: the day the timer starts never counts.
      expect(due({ workingDays: 5 }, '2026-03-02T05:00:00Z')).toBe('2026-03-09T08:00:00.000Z');
    });

    it('counts from the day in Oslo, not in UTC', () => {
      // 23:30Z on Tuesday 3 March is 00:30 on Wednesday 4 March in Oslo.
      expect(osloDayOf(at('2026-03-03T23:30:00Z'))).toBe('2026-03-04');
      expect(due({ workingDays: 1 }, '2026-03-03T23:30:00Z')).toBe('2026-03-05T08:00:00.000Z');
    });

    it('keeps 09:00 on the wall clock across the change to summer time and back', () => {
      // Summer time starts Sunday 29 March 2026: 09:00 is 08:00Z on Friday 27, 07:00Z on Monday 30.
      expect(due({ workingDays: 1 }, '2026-03-26T10:00:00Z')).toBe('2026-03-27T08:00:00.000Z');
      expect(due({ workingDays: 2 }, '2026-03-26T10:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
      // Winter time returns Sunday 25 October 2026: Friday 23 at 07:00Z, Monday 26 at 08:00Z.
      expect(due({ workingDays: 1 }, '2026-10-22T10:00:00Z')).toBe('2026-10-23T07:00:00.000Z');
      expect(due({ workingDays: 2 }, '2026-10-22T10:00:00Z')).toBe('2026-10-26T08:00:00.000Z');
    });

    it('uses the configured time of day and closed days', () => {
      const closedChristmas = { calendar: new NorwegianCalendar({ closedDays: '12-24..12-31' }), timeOfDay: '15:30' };
      expect(due({ workingDays: 2 }, '2026-12-22T10:00:00Z', {}, closedChristmas)).toBe('2027-01-04T14:30:00.000Z');
    });
  });

  describe('calendar days', () => {
    it('falls at the time of day n days on, and stays there on a weekend or holiday', () => {
      // Thursday 30 April 2026 + 17 days = Sunday 17 May: a calendar rule keeps it.
      expect(due({ calendarDays: 17 }, '2026-04-30T12:00:00Z')).toBe('2026-05-17T07:00:00.000Z');
      // 30 days from Friday 6 March 2026 (winter) is Sunday 5 April, Easter Sunday, in summer time.
      expect(due({ calendarDays: 30 }, '2026-03-06T12:00:00Z')).toBe('2026-04-05T07:00:00.000Z');
    });
  });

  it('counts seconds from now, for tests and short configured durations', () => {
    expect(due({ seconds: 2 }, '2026-03-07T12:00:00Z')).toBe('2026-03-07T12:00:02.000Z');
    expect(due({ seconds: 0.25 }, '2026-03-07T12:00:00Z')).toBe('2026-03-07T12:00:00.250Z');
  });

  describe('due date in the instance', () => {
    const rule = { dueDate: 'localImprovement.stepDueOn', fallback: { calendarDays: 14 } };

    it('falls at the time of day on the date the line manager set, a weekend or a past day included', () => {
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: { stepDueOn: '2026-06-15' } })).toBe('2026-06-15T07:00:00.000Z');
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: { stepDueOn: '2026-03-07' } })).toBe('2026-03-07T08:00:00.000Z');
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: { stepDueOn: '2026-02-20' } })).toBe('2026-02-20T08:00:00.000Z');
    });

    it('falls back when the date is not set or not a date', () => {
      const fallback = '2026-03-16T08:00:00.000Z';
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: { stepDueOn: null } })).toBe(fallback);
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: null })).toBe(fallback);
      expect(due(rule, '2026-03-02T12:00:00Z', null)).toBe(fallback);
      expect(due(rule, '2026-03-02T12:00:00Z', { localImprovement: { stepDueOn: '2026-02-30' } })).toBe(fallback);
      expect(due({ dueDate: 'a', fallback: { dueDate: 'b', fallback: { workingDays: 1 } } }, '2026-03-02T12:00:00Z', { b: '2026-04-01' })).toBe(
        '2026-04-01T07:00:00.000Z',
      );
    });
  });

  describe('a deadline ahead of a closing time in the instance', () => {
    const reminder = (before: object) => ({ dueDate: 'closesAt', before, fallback: { workingDays: 10 } }) as Parameters<typeof deadlineFor>[0];

    it('takes an instant with its offset as it is, and a day at the time of day', () => {
      const closes = { dueDate: 'closesAt', fallback: { workingDays: 10 } };
      expect(due(closes, '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T14:00:00+01:00' })).toBe('2026-12-10T13:00:00.000Z');
      expect(due(closes, '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T13:00:00Z' })).toBe('2026-12-10T13:00:00.000Z');
      expect(due(closes, '2026-11-02T12:00:00Z', { closesAt: '2026-12-10' })).toBe('2026-12-10T08:00:00.000Z');
      // Without an offset an instant is ambiguous: the fallback, from now.
      expect(due(closes, '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T14:00:00' })).toBe('2026-11-16T08:00:00.000Z');
    });

    it('falls two working days before, at the time of day, skipping weekends and Easter', () => {
      expect(due(reminder({ workingDays: 2 }), '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T14:00:00+01:00' })).toBe('2026-12-08T08:00:00.000Z');
      // Tuesday after Easter 2026: Monday, Good Friday and Maundy Thursday are holidays.
      expect(due(reminder({ workingDays: 2 }), '2026-03-02T12:00:00Z', { closesAt: '2026-04-07T12:00:00+02:00' })).toBe('2026-03-31T07:00:00.000Z');
    });

    it('takes calendar days and seconds too, and the fallback alone when the date is missing', () => {
      expect(due(reminder({ calendarDays: 7 }), '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T14:00:00+01:00' })).toBe('2026-12-03T08:00:00.000Z');
      expect(due(reminder({ seconds: 3600 }), '2026-11-02T12:00:00Z', { closesAt: '2026-12-10T14:00:00+01:00' })).toBe('2026-12-10T12:00:00.000Z');
      expect(due(reminder({ workingDays: 2 }), '2026-11-02T12:00:00Z', {})).toBe('2026-11-16T08:00:00.000Z');
    });
  });

  it('reads dotted paths and places a time of day in Oslo', () => {
    expect(valueAtPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(valueAtPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(atTimeOfDay('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(atTimeOfDay('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });
});
