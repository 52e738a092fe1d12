import type { DeadlineRule } from '#flyt/workflow-runtime/domain';

/**
 * The project's deadlines (docs/projects.md). A phase's gate falls on the date the project manager
 * or owner planned for it (`plannedGateOn`), or about three months on when none is planned; the
 * status report is monthly. `DEADLINE_RULES` overrides them per installation, by these names.
 */
export const PROJECT_DEADLINES = {
  /** The project manager is reminded a week before the gate... */
  gateReminder: { dueDate: 'plannedGateOn', before: { workingDays: 5 }, fallback: { calendarDays: 85 } },
  /** ...and the project owner told when it passes without a decision. */
  gateOverdue: { dueDate: 'plannedGateOn', fallback: { calendarDays: 90 } },
  /** The project manager is reminded of the month's status report... */
  statusReportReminder: { calendarDays: 25 },
  /** ...and the project owner told when it is late. */
  statusReportOverdue: { calendarDays: 31 },
} as const satisfies Record<string, DeadlineRule>;
export type ProjectDelay = keyof typeof PROJECT_DEADLINES;
