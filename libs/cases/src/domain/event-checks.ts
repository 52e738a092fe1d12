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

/** What Flyt may warn of beside an event it applied. */
export const CASE_WARNING_CODES = ['out_of_scope_no_it_component'] as const;
export type CaseWarningCode = (typeof CASE_WARNING_CODES)[number];

export interface CaseWarning {
  code: CaseWarningCode;
  message: string;
}

/**
 * What to warn the sender of once the event is applied. A case assessed as needing no significant
 * IT component is outside the policy's scope; escalating it is not refused (the process owner may
 * see more in it), but its sender should know, and from version 3 the process owner is told too
 * (`toldProcessOwner`).
 */
export function eventWarnings(type: string, facts: { significantItComponent?: boolean | null }, outcome: { toldProcessOwner: boolean }): CaseWarning[] {
  if (type !== 'ESCALATE' || facts.significantItComponent !== false) return [];
  return [
    {
      code: 'out_of_scope_no_it_component',
      message:
        'The case is assessed as needing no significant IT component, and the policy for digitalisation and process development does not cover ' +
        'process development without one. It is escalated all the same' +
        (outcome.toldProcessOwner ? ', and the process owner is told so' : '') +
        ': it may be rejected as out of scope (REJECT with the reason out_of_scope_no_it_component) or returned to the process responsible.',
    },
  ];
}
