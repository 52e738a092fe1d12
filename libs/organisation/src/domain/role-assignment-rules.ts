import { ASSIGNABLE_SCOPES, type DayPeriod, periodCovers, type Role, type ScopeKind } from '#flyt/access';
import { Conflict, InputInvalid } from '#flyt/kernel';

export interface ScopeTarget {
  unitId?: string | null;
  processId?: string | null;
}

/** The scope kind a new assignment gets from the target it names, checked against the role. */
export function scopeOfAssignment(role: Role, target: ScopeTarget): ScopeKind {
  if (target.unitId && target.processId) {
    throw new InputInvalid([{ field: 'processId', reason: 'name either a unit or a process, not both' }]);
  }
  const kind: ScopeKind = target.unitId ? 'unit' : target.processId ? 'process' : 'global';
  const allowed = ASSIGNABLE_SCOPES[role];
  if (allowed.length === 0) {
    throw new InputInvalid([
      { field: 'role', reason: `${role} is not assigned directly: the process owner delegates it with a mandate (/api/mandates)` },
    ]);
  }
  if (!allowed.includes(kind)) {
    const field = kind === 'unit' ? 'unitId' : kind === 'process' ? 'processId' : allowed.includes('unit') ? 'unitId' : 'processId';
    throw new InputInvalid([{ field, reason: `${role} is held in scope ${allowed.join(' or ')}, not ${kind}` }]);
  }
  return kind;
}

export function assertPeriod(validFrom: string, validTo: string | null | undefined, fields = { from: 'validFrom', to: 'validTo' }): void {
  if (validTo != null && validTo < validFrom) {
    throw new InputInvalid([{ field: fields.to, reason: `must be on or after ${fields.from} (${validFrom})` }]);
  }
}

/** Do two periods of whole days share a day? A missing end is open-ended. */
export function periodsOverlap(a: DayPeriod, b: DayPeriod): boolean {
  return (a.to == null || b.from <= a.to) && (b.to == null || a.from <= b.to);
}

/** An assignment is in force on `day` when it has not been ended and its period covers the day. */
export function assignmentInForce(assignment: { validFrom: string; validTo: string | null; ended: boolean }, day: string): boolean {
  return !assignment.ended && periodCovers({ from: assignment.validFrom, to: assignment.validTo }, day);
}

/** A process-owner assignment that keeps another from being made for the same days, as a refusal names it. */
export interface OwnerInTheWay {
  id: string;
  userId: string;
  userName: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * A process has one process owner at a time: the owner delegates its mandate and decides its
 * escalated cases, and two owners could each undo what the other delegated.
 */
export function processOwnerOverlapConflict(processName: string, clash: OwnerInTheWay): Conflict {
  const until = clash.validTo === null ? 'until further notice' : `to ${clash.validTo}`;
  const refusal = new Conflict(
    `${processName} already has a process owner from ${clash.validFrom} ${until}: ${clash.userName} (role assignment ${clash.id}). ` +
      'A process has one process owner at a time; end that assignment or give it a last day first, or choose days outside it.',
  );
  refusal.details.conflictingAssignment = {
    id: clash.id,
    user: { id: clash.userId, name: clash.userName },
    validFrom: clash.validFrom,
    validTo: clash.validTo,
  };
  return refusal;
}
