import { DateTime } from 'luxon';
import { CASE_DEADLINES } from '#workflows/improvement-case.machine';
import { type CalendarDay, isCalendarDay, type NorwegianCalendar, plusDays } from './norwegian-calendar.js';

export const DEADLINE_ZONE = 'Europe/Oslo';

/**
 * How a named delay becomes a due instant. Day-based rules fall at the configured time of day in Oslo;
 * `seconds` is for tests and short configured durations.
 */
export type DeadlineRule =
  | { workingDays: number }
  | { calendarDays: number }
  | { seconds: number }
  /** A day in the instance's context (dotted path, e.g. `localImprovement.stepDueOn`); the fallback when it is not set. */
  | { dueDate: string; fallback: DeadlineRule };

export type DeadlineRules = Readonly<Record<string, DeadlineRule>>;

/** What the machines declare beside their delays: a due date that may come with a calendar-day fallback. */
type MachineDeadline = { workingDays: number } | { calendarDays: number; dueDate?: string };

/** The machine's `{ dueDate, calendarDays }` means: the due date when set, else the calendar days. */
export function fromMachineDeadlines(deadlines: Readonly<Record<string, MachineDeadline>>): DeadlineRules {
  return Object.fromEntries(
    Object.entries(deadlines).map(([name, d]): [string, DeadlineRule] => {
      if ('workingDays' in d) return [name, { workingDays: d.workingDays }];
      const byDays = { calendarDays: d.calendarDays };
      return [name, d.dueDate ? { dueDate: d.dueDate, fallback: byDays } : byDays];
    }),
  );
}

/** DESIGN.md §2's deadlines, as the improvement-case machine declares them. */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = fromMachineDeadlines(CASE_DEADLINES);

export class UnknownDelay extends Error {
  constructor(
    readonly delayName: string,
    known: readonly string[],
  ) {
    super(`no delay named "${delayName}" (known: ${known.join(', ')})`);
    this.name = 'UnknownDelay';
  }
}

/** Configured rules replace the defaults by delay name; a name no machine uses is a typo, refused. */
export function mergeDeadlineRules(defaults: DeadlineRules, overrides: DeadlineRules): DeadlineRules {
  const known = Object.keys(defaults);
  for (const name of Object.keys(overrides)) {
    if (!known.includes(name)) throw new UnknownDelay(name, known);
  }
  return { ...defaults, ...overrides };
}

/** The day in Oslo at this instant. */
export function osloDayOf(instant: Date): CalendarDay {
  return DateTime.fromJSDate(instant, { zone: DEADLINE_ZONE }).toISODate()!;
}

/** `timeOfDay` (HH:MM) on `day` in Oslo, summer or winter time as it is that day. */
export function atTimeOfDay(day: CalendarDay, timeOfDay: string): Date {
  const instant = DateTime.fromISO(`${day}T${timeOfDay}`, { zone: DEADLINE_ZONE });
  if (!instant.isValid) throw new RangeError(`cannot place ${timeOfDay} on ${day}: ${instant.invalidExplanation ?? instant.invalidReason}`);
  return instant.toJSDate();
}

/** `a.b.c` in a plain object; undefined when any step is missing. */
export function valueAtPath(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export interface DeadlineClock {
  calendar: NorwegianCalendar;
  /** HH:MM in Oslo. */
  timeOfDay: string;
}

/** When a deadline started at `now` falls, for an instance whose context is `context`. */
export function deadlineFor(rule: DeadlineRule, start: { now: Date; context: unknown }, clock: DeadlineClock): Date {
  if ('seconds' in rule) return new Date(start.now.getTime() + rule.seconds * 1000);
  if ('dueDate' in rule) {
    const day = valueAtPath(start.context, rule.dueDate);
    // A due date set in the past is kept: the reminder is overdue and goes out at once.
    return isCalendarDay(day) ? atTimeOfDay(day, clock.timeOfDay) : deadlineFor(rule.fallback, start, clock);
  }
  const today = osloDayOf(start.now);
  if ('workingDays' in rule) return atTimeOfDay(clock.calendar.addWorkingDays(today, rule.workingDays), clock.timeOfDay);
  // A calendar-day rule counts every day and keeps a weekend or holiday it lands on.
  return atTimeOfDay(plusDays(today, rule.calendarDays), clock.timeOfDay);
}
