import type { Role } from './role.js';

export type Scope = { kind: 'global' } | { kind: 'unit'; unitId: string } | { kind: 'process'; processId: string };

/** Where a grant comes from, recorded with every decision it allows. */
export type GrantSource =
  | { kind: 'assignment'; id: string }
  | { kind: 'mandate'; id: string }
  /** The deputy of a mandate, standing in while the holder is absent. */
  | { kind: 'deputy'; id: string; absenceId: string };

/** A role a user holds now, in a scope. */
export interface Grant {
  role: Role;
  scope: Scope;
  source: GrantSource;
  /** The last day (Europe/Oslo) the grant is in force; undefined when open-ended. */
  validTo?: string;
}

/** A calendar period of whole days, ends included, as YYYY-MM-DD in Europe/Oslo. */
export interface DayPeriod {
  from: string;
  to?: string | null;
}

export function periodCovers(period: DayPeriod, day: string): boolean {
  return period.from <= day && (period.to == null || day <= period.to);
}

export interface AssignmentRecord {
  id: string;
  role: Role;
  scope: Scope;
  validFrom: string;
  validTo: string | null;
  ended: boolean;
}

export interface MandateRecord {
  id: string;
  processId: string;
  holderId: string;
  deputyId: string | null;
  validFrom: string;
  validTo: string;
  ended: boolean;
  absences: Array<{ id: string; startsOn: string; endsOn: string }>;
}

/**
 * The grants a user holds on `today`: assignments and mandates in force, and the mandates the
 * user stands in for as deputy while their holder is absent.
 */
export function grantsInForce(
  userId: string,
  assignments: readonly AssignmentRecord[],
  mandates: readonly MandateRecord[],
  today: string,
): Grant[] {
  const grants: Grant[] = [];
  for (const a of assignments) {
    if (a.ended || !periodCovers({ from: a.validFrom, to: a.validTo }, today)) continue;
    grants.push({ role: a.role, scope: a.scope, source: { kind: 'assignment', id: a.id }, validTo: a.validTo ?? undefined });
  }
  for (const m of mandates) {
    if (m.ended || !periodCovers({ from: m.validFrom, to: m.validTo }, today)) continue;
    const scope: Scope = { kind: 'process', processId: m.processId };
    if (m.holderId === userId) {
      grants.push({ role: 'process_responsible', scope, source: { kind: 'mandate', id: m.id }, validTo: m.validTo });
    }
    if (m.deputyId === userId) {
      const absence = m.absences.find((a) => periodCovers({ from: a.startsOn, to: a.endsOn }, today));
      if (absence) {
        const validTo = absence.endsOn < m.validTo ? absence.endsOn : m.validTo;
        grants.push({ role: 'process_responsible', scope, source: { kind: 'deputy', id: m.id, absenceId: absence.id }, validTo });
      }
    }
  }
  return grants;
}
