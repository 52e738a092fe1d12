import { ConfigurationInvalid, type FlytConfig } from '#flyt/config';
import type { DeadlinePolicy, DeadlineRequest } from '#flyt/workflow-runtime';
import {
  type DeadlineRule,
  type DeadlineRules,
  deadlineFor,
  DEFAULT_DEADLINE_RULES,
  mergeDeadlineRules,
  UnknownDelay,
} from './domain/deadline-rules.js';
import { ClosedDaysInvalid, NorwegianCalendar } from './domain/norwegian-calendar.js';

/**
 * Places the machines' named delays in Norwegian working time: the rule for the delay's name decides,
 * counted from `now`. A delay without a rule keeps the machine's nominal length.
 */
export class CalendarDeadlinePolicy implements DeadlinePolicy {
  constructor(
    readonly calendar: NorwegianCalendar,
    private readonly settings: { timeOfDay: string; rules: DeadlineRules },
  ) {}

  ruleFor(delayName: string): DeadlineRule | null {
    return Object.hasOwn(this.settings.rules, delayName) ? this.settings.rules[delayName]! : null;
  }

  dueAt(request: DeadlineRequest, now: Date): Date {
    const rule = this.ruleFor(request.delayName);
    if (!rule) return new Date(now.getTime() + request.delayMs);
    return deadlineFor(rule, { now, context: request.context }, { calendar: this.calendar, timeOfDay: this.settings.timeOfDay });
  }
}

/** The calendar of `config.deadlines`; bad closed days stop the process at start, naming the variable. */
export function calendarFromConfig(deadlines: FlytConfig['deadlines']): NorwegianCalendar {
  try {
    return new NorwegianCalendar({ closedDays: deadlines.closedDays });
  } catch (error) {
    if (error instanceof ClosedDaysInvalid) throw new ConfigurationInvalid([{ variable: 'CALENDAR_CLOSED_DAYS', reason: error.message }]);
    throw error;
  }
}

/** The policy of `config.deadlines`: its rules over the machines' defaults. */
export function deadlinePolicyFromConfig(deadlines: FlytConfig['deadlines'], calendar: NorwegianCalendar): CalendarDeadlinePolicy {
  try {
    const rules = mergeDeadlineRules(DEFAULT_DEADLINE_RULES, deadlines.rules);
    return new CalendarDeadlinePolicy(calendar, { timeOfDay: deadlines.timeOfDay, rules });
  } catch (error) {
    if (error instanceof UnknownDelay) throw new ConfigurationInvalid([{ variable: 'DEADLINE_RULES', reason: error.message }]);
    throw error;
  }
}
