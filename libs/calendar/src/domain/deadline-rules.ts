import { DateTime } from 'luxon';
import type { DeadlineOffset, DeadlineRule } from '#flyt/workflow-runtime/domain';
import { type CalendarDay, isCalendarDay, type NorwegianCalendar, plusDays } from './norwegian-calendar.js';

export type { DeadlineRule };

export const DEADLINE_ZONE = 'Europe/Oslo';

/** Rules by delay name, of one workflow. */
export type DeadlineRules = Readonly<Record<string, DeadlineRule>>;

/** A configured rule names a delay (or workflow) that no registered workflow has: a typo, refused at start. */
export class UnknownDelay extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownDelay';
  }
}

/**
 * Each workflow's rules: its own defaults, under the configured ones. A configured delay name
 * applies to every workflow that has such a delay; `{ "<workflow id>": { "<delay>": rule } }` to
 * one workflow. A name no workflow knows is refused, listing the known ones.
 */
export function mergeDeadlineRules(
  defaults: Readonly<Record<string, DeadlineRules>>,
  configured: Readonly<Record<string, DeadlineRule | Readonly<Record<string, DeadlineRule>>>>,
): Record<string, DeadlineRules> {
  const merged: Record<string, Record<string, DeadlineRule>> = Object.fromEntries(Object.entries(defaults).map(([id, rules]) => [id, { ...rules }]));
  const allDelays = [...new Set(Object.values(defaults).flatMap((rules) => Object.keys(rules)))].sort();
  const isRule = (value: object) => ['workingDays', 'calendarDays', 'seconds', 'dueDate'].some((k) => Object.hasOwn(value, k));
  for (const [name, value] of Object.entries(configured)) {
    if (!isRule(value) && Object.hasOwn(defaults, name)) {
      for (const [delay, rule] of Object.entries(value as Record<string, DeadlineRule>)) {
        if (!Object.hasOwn(defaults[name]!, delay)) {
          throw new UnknownDelay(`workflow "${name}" has no delay named "${delay}" (known: ${Object.keys(defaults[name]!).join(', ')})`);
        }
        merged[name]![delay] = rule;
      }
      continue;
    }
    if (isRule(value)) {
      const owners = Object.keys(defaults).filter((id) => Object.hasOwn(defaults[id]!, name));
      if (owners.length > 0) {
        for (const id of owners) merged[id]![name] = value as DeadlineRule;
        continue;
      }
    }
    throw new UnknownDelay(`no delay named "${name}" (known: ${allDelays.join(', ')}), nor a workflow of that name (known: ${Object.keys(defaults).join(', ')})`);
  }
  return merged;
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
    const due = dueAtOf(valueAtPath(start.context, rule.dueDate), clock);
    if (!due) return deadlineFor(rule.fallback, start, clock);
    // A due date set in the past is kept: the reminder is overdue and goes out at once.
    return rule.before ? offsetBefore(due, rule.before, clock) : due;
  }
  const today = osloDayOf(start.now);
  if ('workingDays' in rule) return atTimeOfDay(clock.calendar.addWorkingDays(today, rule.workingDays), clock.timeOfDay);
  // A calendar-day rule counts every day and keeps a weekend or holiday it lands on.
  return atTimeOfDay(plusDays(today, rule.calendarDays), clock.timeOfDay);
}

/** A day at the time of day, or an ISO 8601 instant with its offset; undefined for anything else. */
function dueAtOf(value: unknown, clock: DeadlineClock): Date | undefined {
  if (isCalendarDay(value)) return atTimeOfDay(value, clock.timeOfDay);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const instant = DateTime.fromISO(value, { setZone: true });
  return instant.isValid ? instant.toJSDate() : undefined;
}

/** `due` less the offset: day-based offsets count from the day in Oslo and fall at the time of day. */
function offsetBefore(due: Date, offset: DeadlineOffset, clock: DeadlineClock): Date {
  if ('seconds' in offset) return new Date(due.getTime() - offset.seconds * 1000);
  const day = osloDayOf(due);
  if ('workingDays' in offset) return atTimeOfDay(clock.calendar.subtractWorkingDays(day, offset.workingDays), clock.timeOfDay);
  return atTimeOfDay(plusDays(day, -offset.calendarDays), clock.timeOfDay);
}
