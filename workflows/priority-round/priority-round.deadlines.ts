import type { DeadlineRule } from '#flyt/workflow-runtime/domain';

/**
 * The round's deadlines (docs/priority-rounds.md, "The voting window"): voting closes at the
 * time the secretariat set when it opened the round, and members who have not voted are reminded
 * two working days before. `DEADLINE_RULES` overrides them per installation.
 */
export const ROUND_DEADLINES = {
  /** Members who have not voted are reminded... */
  votingReminder: { dueDate: 'closesAt', before: { workingDays: 2 }, fallback: { workingDays: 8 } },
  /** ...and voting closes by itself. */
  votingCloses: { dueDate: 'closesAt', fallback: { workingDays: 10 } },
} as const satisfies Record<string, DeadlineRule>;
export type RoundDelay = keyof typeof ROUND_DEADLINES;
