import Holidays from 'date-holidays';

/** A day in the Norwegian calendar, `YYYY-MM-DD`. Plain dates: no time, no zone. */
export type CalendarDay = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY_PATTERN = /^(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days as UTC midnights, so that adding a day is adding 24 hours whatever Oslo's clocks do. */
function toUtcMidnight(day: CalendarDay): Date {
  const match = DAY_PATTERN.exec(day);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || fromUtcMidnight(date) !== day) throw new RangeError(`"${day}" is not a calendar day (YYYY-MM-DD)`);
  return date;
}

function fromUtcMidnight(date: Date): CalendarDay {
  return date.toISOString().slice(0, 10);
}

export function isCalendarDay(value: unknown): value is CalendarDay {
  if (typeof value !== 'string') return false;
  try {
    toUtcMidnight(value);
    return true;
  } catch {
    return false;
  }
}

export function plusDays(day: CalendarDay, days: number): CalendarDay {
  return fromUtcMidnight(new Date(toUtcMidnight(day).getTime() + days * DAY_MS));
}

// ---------------------------------------------------------------------------------------------
// Closed days: the university's own days off on top of the law's (Christmas week, summer closure).

/** `MM-DD..MM-DD` every year (wrapping over New Year when `from` is later than `to`), or `YYYY-MM-DD..YYYY-MM-DD` once. */
export type ClosedPeriod = { kind: 'recurring'; from: string; to: string } | { kind: 'dated'; from: CalendarDay; to: CalendarDay };

export class ClosedDaysInvalid extends Error {
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`closed days "${entry}": ${reason}`);
    this.name = 'ClosedDaysInvalid';
  }
}

const FORMATS = 'MM-DD, MM-DD..MM-DD, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD';

function monthDay(entry: string, text: string): string {
  const match = MONTH_DAY_PATTERN.exec(text)!;
  // Checked against a leap year, so 02-29 is a valid recurring day (closed in the years that have it).
  if (!isCalendarDay(`2000-${text}`)) throw new ClosedDaysInvalid(entry, `${match[0]} is not a day of the year`);
  return text;
}

function datedDay(entry: string, text: string): CalendarDay {
  if (!isCalendarDay(text)) throw new ClosedDaysInvalid(entry, `${text} is not a calendar day`);
  return text;
}

function parseClosedPeriod(entry: string): ClosedPeriod {
  const [from, to = from, ...rest] = entry.split('..').map((part) => part.trim());
  if (rest.length > 0 || !from) throw new ClosedDaysInvalid(entry, `expected ${FORMATS}`);
  if (MONTH_DAY_PATTERN.test(from) && MONTH_DAY_PATTERN.test(to)) {
    return { kind: 'recurring', from: monthDay(entry, from), to: monthDay(entry, to) };
  }
  if (DAY_PATTERN.test(from) && DAY_PATTERN.test(to)) {
    const period = { kind: 'dated', from: datedDay(entry, from), to: datedDay(entry, to) } as const;
    if (period.from > period.to) throw new ClosedDaysInvalid(entry, `ends before it starts`);
    return period;
  }
  throw new ClosedDaysInvalid(entry, `expected ${FORMATS} (both ends of a range in the same form)`);
}

/** `12-24..12-31, 2026-07-06..2026-07-31`, as in `CALENDAR_CLOSED_DAYS`; blanks are ignored. */
export function parseClosedDays(spec: string | readonly string[]): ClosedPeriod[] {
  const entries = typeof spec === 'string' ? spec.split(',') : spec;
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '').map(parseClosedPeriod);
}

function isClosed(periods: readonly ClosedPeriod[], day: CalendarDay): boolean {
  const md = day.slice(5);
  return periods.some((p) => {
    if (p.kind === 'dated') return p.from <= day && day <= p.to;
    return p.from <= p.to ? p.from <= md && md <= p.to : md >= p.from || md <= p.to;
  });
}

// ---------------------------------------------------------------------------------------------
// Public holidays: the law's (helligdager and 1 and 17 May), from date-holidays, computed once per year.

const publicHolidaysByYear = new Map<number, ReadonlyMap<CalendarDay, string>>();
let holidaySource: Holidays | undefined;

/** Only type `public`: date-holidays also lists Christmas Eve and New Year's Eve (bank) and observances, which are working days. */
function publicHolidaysOf(year: number): ReadonlyMap<CalendarDay, string> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    holidaySource ??= new Holidays('NO');
    const found = new Map<CalendarDay, string>();
    for (const holiday of holidaySource.getHolidays(year)) {
      if (holiday.type === 'public') found.set(holiday.date.slice(0, 10), holiday.name);
    }
    days = found;
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

export interface NorwegianCalendarOptions {
  /** Closed days, parsed with `parseClosedDays` (throws `ClosedDaysInvalid`). */
  closedDays?: string | readonly string[];
}

/**
 * Working days in Norway: Monday to Friday, except public holidays (the Easter-based ones included)
 * and the configured closed days. All counting is on calendar days; placing a deadline in time is
 * the deadline rules' job.
 */
export class NorwegianCalendar {
  private readonly closed: readonly ClosedPeriod[];

  constructor(options: NorwegianCalendarOptions = {}) {
    this.closed = parseClosedDays(options.closedDays ?? []);
  }

  /** The public holiday on this day (its Norwegian name), or null. Weekends and closed days are not holidays. */
  publicHoliday(day: CalendarDay): string | null {
    toUtcMidnight(day);
    return publicHolidaysOf(Number(day.slice(0, 4))).get(day) ?? null;
  }

  isClosedDay(day: CalendarDay): boolean {
    toUtcMidnight(day);
    return isClosed(this.closed, day);
  }

  isWorkingDay(day: CalendarDay): boolean {
    const weekday = toUtcMidnight(day).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return this.publicHoliday(day) === null && !isClosed(this.closed, day);
  }

  /** The n-th working day after `day` (`day` itself does not count, whether or not it is a working day); n = 0 gives `day`. */
  addWorkingDays(day: CalendarDay, n: number): CalendarDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to add must be a whole number ≥ 0, got ${n}`);
    let current = day;
    toUtcMidnight(day);
    for (let counted = 0; counted < n; ) {
      current = plusDays(current, 1);
      if (this.isWorkingDay(current)) counted++;
    }
    return current;
  }

  /** The working day `n` working days before `day` (`day` itself need not be one). */
  subtractWorkingDays(day: CalendarDay, n: number): CalendarDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to subtract must be a whole number ≥ 0, got ${n}`);
    let current = day;
    toUtcMidnight(day);
    for (let counted = 0; counted < n; ) {
      current = plusDays(current, -1);
      if (this.isWorkingDay(current)) counted++;
    }
    return current;
  }

  /**
   * Working days after `from` up to and including `to`, so that `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
   * Negative when `to` is before `from`.
   */
  workingDaysBetween(from: CalendarDay, to: CalendarDay): number {
    toUtcMidnight(from);
    toUtcMidnight(to);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let current = plusDays(from, 1); current <= to; current = plusDays(current, 1)) {
      if (this.isWorkingDay(current)) count++;
    }
    return count;
  }

  /** The first working day after `day`. */
  nextWorkingDay(day: CalendarDay): CalendarDay {
    return this.addWorkingDays(day, 1);
  }
}
