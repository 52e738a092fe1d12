import type { Ballot, ConflictOfInterest } from '../domain/index.js';

/** A round's set-up as the secretariat made it. */
export interface RoundSetup {
  title: string;
  budget: readonly { year: number; amountNok: number }[];
  criteria: readonly { key: string; weight: number }[];
  memberIds: readonly string[];
  candidates: readonly { caseId: string; costByYear: Readonly<Record<number, number>> }[];
}

/** What a round still lacks before voting can open, in words the secretariat knows. */
export function setupMissing(setup: RoundSetup): string[] {
  const missing: string[] = [];
  if (setup.budget.length === 0) missing.push('the budget frame per year');
  if (setup.budget.length > 0 && setup.budget.every((b) => b.amountNok === 0)) missing.push('a budget frame above zero');
  if (setup.candidates.length === 0) missing.push('candidate cases');
  if (setup.criteria.length === 0) missing.push('criteria');
  else if (setup.criteria.every((c) => c.weight === 0)) missing.push('a criterion with a weight above zero');
  if (setup.memberIds.length === 0) missing.push('council members');
  return missing;
}

/**
 * Conflicts that count in the tally: declared by the member and not dismissed by the secretariat,
 * or upheld by the secretariat (on Flyt's suggestion) whether declared or not.
 */
export function conflictsThatCount(
  conflicts: readonly { memberId: string; caseId: string; declared: boolean; decision: 'upheld' | 'dismissed' | null }[],
): ConflictOfInterest[] {
  return conflicts
    .filter((c) => c.decision === 'upheld' || (c.declared && c.decision !== 'dismissed'))
    .map((c) => ({ memberId: c.memberId, caseId: c.caseId }));
}

/** The cases a member has still to vote on: every candidate but those they are left out of. */
export function casesToVoteOn(candidateIds: readonly string[], memberId: string, ballot: Ballot | undefined, conflicts: readonly ConflictOfInterest[]): string[] {
  const conflicted = new Set(conflicts.filter((c) => c.memberId === memberId).map((c) => c.caseId));
  return candidateIds.filter((id) => !conflicted.has(id) && ballot?.scores[id] === undefined);
}

/**
 * Why Flyt suggests a member may have a conflict of interest for a case, or null: their unit (or a
 * unit below it) reported the case, or carries costs the case moves to it. A member placed at the
 * top of the organisation is not suggested for every case: only a unit below the top counts.
 */
export function suggestedConflict(
  member: { unitPath: readonly string[] },
  theCase: { reportingUnitPath: readonly string[]; costShiftUnitPaths: readonly (readonly string[])[] },
): 'reportedByOwnUnit' | 'costsOnOwnUnit' | null {
  if (member.unitPath.length < 2) return null;
  const ownUnit = member.unitPath[member.unitPath.length - 1]!;
  if (theCase.reportingUnitPath.includes(ownUnit)) return 'reportedByOwnUnit';
  if (theCase.costShiftUnitPaths.some((path) => path.includes(ownUnit))) return 'costsOnOwnUnit';
  return null;
}
