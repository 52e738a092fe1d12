import { Conflict } from '#flyt/kernel';
import { describeTerm, mandateNotOver, type MandateTerm } from './process-rules.js';

/** The end reason written on the role assignments that end with their user. */
export const USER_ENDED_REASON = 'user ended';

/**
 * Which users a reader may list: everyone, or the users whose home unit lies in one of the
 * reader's unit subtrees, and always the reader themself (users.read has an owner rule).
 */
export type UserVisibility = { kind: 'all' } | { kind: 'scoped'; selfId: string; unitIds: string[] };

/** Turns the units a reader's grants cover (`unitsCoveredBy`) into the users they may list. */
export function userVisibility(covered: 'all' | readonly string[], selfId: string): UserVisibility {
  if (covered === 'all') return { kind: 'all' };
  return { kind: 'scoped', selfId, unitIds: [...new Set(covered)] };
}

export interface AssignmentTerm {
  id: string;
  validTo: string | null;
  ended: boolean;
}

/**
 * The role assignments that end with their user on `day`: those in force and those that would
 * start later. Assignments that already ran out stay as they are, as history.
 */
export function assignmentsEndingWithUser(assignments: readonly AssignmentTerm[], day: string): string[] {
  return assignments.filter((a) => !a.ended && (a.validTo === null || day <= a.validTo)).map((a) => a.id);
}

export interface MandateHeld extends Pick<MandateTerm, 'id' | 'validFrom' | 'validTo' | 'ended'> {
  processCode: string;
  processName: string;
}

/**
 * A user who holds a mandate (in force or starting later) cannot be ended: the process would
 * be left with a responsible who cannot sign in. Its process owner ends or re-delegates it first.
 */
export function assertUserMayEnd(mandatesHeld: readonly MandateHeld[], day: string): void {
  const running = mandatesHeld.filter((m) => mandateNotOver(m, day));
  if (running.length === 0) return;
  const listed = running.map((m) => `${m.processCode} ${m.processName} (${describeTerm(m, day)})`).join('; ');
  const refusal = new Conflict(
    `the user holds mandates as process responsible: ${listed}; the process owner must end or re-delegate them first`,
  );
  refusal.details.mandateIds = running.map((m) => m.id);
  throw refusal;
}
