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
 * Flyt's policy counts Norwegian working days, closed days and the time of day (issue 4).
 */
export interface DeadlinePolicy {
  dueAt(request: DeadlineRequest, now: Date): Date;
}

export const DEADLINE_POLICY = Symbol('DEADLINE_POLICY');

/** The machine's own nominal delay, counted from now: for machines without calendar rules. */
export const NOMINAL_DEADLINES: DeadlinePolicy = {
  dueAt: ({ delayMs }, now) => new Date(now.getTime() + delayMs),
};
