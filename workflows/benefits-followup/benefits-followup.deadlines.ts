import type { DeadlineRule } from '#flyt/workflow-runtime/domain';

/**
 * The follow-up's deadlines (docs/projects.md, "Benefits follow-up"). Each measurement date of the
 * benefits-realisation plan is a deadline of its own, read from the context, so a follow-up that
 * runs for years keeps one durable timer per date instead of counting from when it started.
 * `DEADLINE_RULES` overrides them per installation.
 */
export const FOLLOWUP_DEADLINES = {
  /**
   * The benefit owners are told on the measurement date. `dueOn` is the current date of the plan;
   * the fallback only applies to a context without one, which a follow-up with dates never has.
   */
  measurementDue: { dueDate: 'dueOn', fallback: { calendarDays: 1 } },
  /** A measurement still missing this long after its date goes to the responsible line managers... */
  measurementOverdue: { workingDays: 10 },
  /** ...and, still missing this long after that, to the process owner. */
  measurementEscalated: { workingDays: 10 },
  /** The process owner is reminded once when the benefits work waits this long for BP6. */
  conclusionReminder: { workingDays: 20 },
} as const satisfies Record<string, DeadlineRule>;
export type FollowupDelay = keyof typeof FOLLOWUP_DEADLINES;
