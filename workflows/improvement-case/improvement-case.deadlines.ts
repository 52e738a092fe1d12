import type { DeadlineRule } from '#flyt/workflow-runtime/domain';

/**
 * Every deadline of the improvement case, counted in Norwegian working days (weekends, public
 * holidays and configured closed days excluded) where the wait is on a person's decision
 * (docs/domain.md, "Deadlines"). `DEADLINE_RULES` overrides them per installation.
 */
export const CASE_DEADLINES = {
  /** Triage: the process responsible is reminded... */
  responsibleReminder: { workingDays: 5 },
  /** ...and the process owner told when triage is overdue. */
  ownerEscalation: { workingDays: 10 },
  /** The reporter is reminded of an open question... */
  reporterReminder: { workingDays: 5 },
  /** ...and the case is withdrawn when it stays unanswered. */
  informationTimeout: { calendarDays: 30 },
  /** The process owner is reminded of an escalated case... */
  ownerReminder: { workingDays: 10 },
  /** ...and the programme secretariat told when the decision is overdue. */
  secretariatEscalation: { workingDays: 20 },
  /** A local-improvement step is due on the date the line manager set, else two weeks on. */
  stepDue: { dueDate: 'localImprovement.stepDueOn', fallback: { calendarDays: 14 } },
} as const satisfies Record<string, DeadlineRule>;
export type CaseDelay = keyof typeof CASE_DEADLINES;
