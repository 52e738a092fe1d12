import { ConfigurationInvalid, type FlytConfig } from '#flyt/config';
import type { DeadlinePolicy, DeadlineRequest, DeadlineRulesInForce, MachineRegistry, TimeLeft } from '#flyt/workflow-runtime';
import { atTimeOfDay, type DeadlineRule, type DeadlineRules, deadlineFor, mergeDeadlineRules, osloDayOf, UnknownDelay } from './domain/deadline-rules.js';
import { ClosedDaysInvalid, NorwegianCalendar } from './domain/norwegian-calendar.js';

/**
 * Places the machines' named delays in Norwegian working time: the rule of the workflow's delay
 * decides, counted from `now`. A delay without a rule keeps the machine's nominal length. A deadline
 * on hold keeps what it had left in its rule's own measure: working days for a working-day rule, so
 * a deadline held with three working days to go has three working days again when it resumes.
 */
export class CalendarDeadlinePolicy implements DeadlinePolicy, DeadlineRulesInForce {
  constructor(
    readonly calendar: NorwegianCalendar,
    private readonly settings: { timeOfDay: string; rules: Readonly<Record<string, DeadlineRules>> },
  ) {}

  ruleFor(workflowId: string, delayName: string): DeadlineRule | null {
    const rules = Object.hasOwn(this.settings.rules, workflowId) ? this.settings.rules[workflowId]! : {};
    return Object.hasOwn(rules, delayName) ? rules[delayName]! : null;
  }

  rulesOf(workflowId: string): DeadlineRules {
    return this.settings.rules[workflowId] ?? {};
  }

  dueAt(request: DeadlineRequest, now: Date): Date {
    const rule = this.ruleFor(request.workflowId, request.delayName);
    if (!rule) return new Date(now.getTime() + request.delayMs);
    return deadlineFor(rule, { now, context: request.context }, { calendar: this.calendar, timeOfDay: this.settings.timeOfDay });
  }

  timeLeft(deadline: { workflowId: string; delayName: string }, dueAt: Date, now: Date): TimeLeft {
    const rule = this.ruleFor(deadline.workflowId, deadline.delayName);
    if (rule && 'workingDays' in rule) {
      const days = this.calendar.workingDaysBetween(osloDayOf(now), osloDayOf(dueAt));
      if (days >= 1) return { workingDays: days };
    }
    return { ms: Math.max(0, dueAt.getTime() - now.getTime()) };
  }

  ruleEndsAt(deadline: { workflowId: string; delayName: string }, now: Date): Date | null {
    let rule = this.ruleFor(deadline.workflowId, deadline.delayName);
    while (rule && 'dueDate' in rule) rule = rule.fallback;
    return rule ? deadlineFor(rule, { now, context: null }, { calendar: this.calendar, timeOfDay: this.settings.timeOfDay }) : null;
  }

  resumedDueAt(left: TimeLeft, now: Date): Date {
    if ('ms' in left) return new Date(now.getTime() + left.ms);
    return atTimeOfDay(this.calendar.addWorkingDays(osloDayOf(now), left.workingDays), this.settings.timeOfDay);
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

/** The policy of `config.deadlines`: its rules over the registered workflows' own; a name none of them knows stops start-up. */
export function deadlinePolicyFromConfig(deadlines: FlytConfig['deadlines'], calendar: NorwegianCalendar, registry: MachineRegistry): CalendarDeadlinePolicy {
  try {
    const defaults = Object.fromEntries(registry.workflows().map((w) => [w.id, w.deadlines]));
    return new CalendarDeadlinePolicy(calendar, { timeOfDay: deadlines.timeOfDay, rules: mergeDeadlineRules(defaults, deadlines.rules) });
  } catch (error) {
    if (error instanceof UnknownDelay) throw new ConfigurationInvalid([{ variable: 'DEADLINE_RULES', reason: error.message }]);
    throw error;
  }
}
