import type { TimeLeft } from './instance.js';

/** A delayed transition whose deadline is being set: the machine names it, the policy places it in time. */
export interface DeadlineRequest {
  workflowId: string;
  /** The name of the delay in the machine's `setup({ delays })`: `responsibleReminder`. */
  delayName: string;
  /** What XState computed for the delay: the nominal length, in milliseconds. */
  delayMs: number;
  /** The instance's context after the transition that starts the timer. */
  context: unknown;
}

/**
 * When a deadline falls. Machines are pure and know no calendar, so they only name their delays;
 * Flyt's policy counts Norwegian working days, closed days and the time of day (libs/calendar),
 * and knows what a deadline on hold has left in the same measure.
 */
export interface DeadlinePolicy {
  dueAt(request: DeadlineRequest, now: Date): Date;
  /** What a deadline due at `dueAt` has left at `now`, in the measure its rule counts in. */
  timeLeft(deadline: { workflowId: string; delayName: string }, dueAt: Date, now: Date): TimeLeft;
  /** When a deadline with `left` to go, started again at `now`, falls. */
  resumedDueAt(left: TimeLeft, now: Date): Date;
  /** When the delay's rule, started at `now`, ends: its own length, a due date's fallback for a due-date rule; null when it has no rule. */
  ruleEndsAt(deadline: { workflowId: string; delayName: string }, now: Date): Date | null;
}
export const DEADLINE_POLICY = Symbol('DEADLINE_POLICY');

/** The machine's own nominal delay, counted from now: for machines without calendar rules. */
export const NOMINAL_DEADLINES: DeadlinePolicy = {
  dueAt: ({ delayMs }, now) => new Date(now.getTime() + delayMs),
  timeLeft: (_deadline, dueAt, now) => ({ ms: Math.max(0, dueAt.getTime() - now.getTime()) }),
  resumedDueAt: (left, now) => new Date(now.getTime() + ('ms' in left ? left.ms : left.workingDays * 24 * 3600 * 1000)),
  ruleEndsAt: () => null,
};
