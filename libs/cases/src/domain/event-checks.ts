import type { FieldError } from '#flyt/kernel';

/** The states a case ends in: nothing more happens to it, and nothing can be merged into it. */
export const ENDED_CASE_STATES = ['implemented', 'closed', 'rejected', 'declined', 'withdrawn', 'merged'] as const;

/**
 * Due dates a line manager sets for the next local-improvement step must lie ahead: a step due
 * yesterday would remind them at once. `today` is the day in Oslo (YYYY-MM-DD).
 */
export function dueDateProblems(type: string, payload: unknown, today: string): FieldError[] {
  if (type !== 'COMPLETE_STEP' && type !== 'RESTART_CYCLE') return [];
  const due = (payload as { nextStepDueOn?: unknown } | null)?.nextStepDueOn;
  if (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due) || due >= today) return [];
  return [{ field: 'payload.nextStepDueOn', reason: `is in the past: give today (${today}) or a later day` }];
}

/** What merging into another case needs of that case, as far as the sender can see it. */
export interface MergeTarget {
  id: string;
  state: string;
  processId: string;
  processName: string;
  reference: string;
  /** The sender holds the process-responsible role for the target's process too. */
  senderIsResponsibleThere: boolean;
}

/**
 * Why a case cannot be merged into `target`; null when it can. A target the sender cannot see is
 * answered as one that does not exist (`target` null), so the answer gives nothing away.
 */
export function mergeTargetProblem(caseId: string, processId: string, targetId: string, target: MergeTarget | null): FieldError | null {
  const field = 'payload.caseId';
  if (targetId === caseId) return { field, reason: 'a case cannot be merged into itself' };
  if (!target) return { field, reason: `no case you can see has id ${targetId}` };
  if ((ENDED_CASE_STATES as readonly string[]).includes(target.state.split('.')[0]!)) {
    return { field, reason: `${target.reference} has ended (${target.state}): merge into a case that is still open` };
  }
  if (target.processId !== processId && !target.senderIsResponsibleThere) {
    return { field, reason: `${target.reference} belongs to another process (${target.processName}): only someone responsible for both processes can merge across them` };
  }
  return null;
}
