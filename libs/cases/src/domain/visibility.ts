import type { Grant } from '#flyt/access';

/**
 * Who sees which cases: admins all; a line manager the cases reported in their
 * unit subtree; the process roles (owner, responsible or deputy standing in, adviser, team) the
 * cases of their processes; the programme (secretariat, council, rector) the cases proposed to
 * it, and the secretariat also those a missed deadline escalated to it (it is told, so it must be
 * able to look); the people who work on the project a case became (owner, manager, steering group,
 * benefit owners, responsible line managers) that case; the reporter their own. A case one may not
 * see does not exist for them (404, not 403).
 */
export type CaseVisibility =
  | { kind: 'all' }
  | {
      kind: 'scoped';
      reporterId: string;
      /** Cases reported in these units or below them. */
      unitIds: string[];
      /** Cases of these processes. */
      processIds: string[];
      /** Cases once proposed to the programme. */
      proposed: boolean;
      /** Cases a missed deadline once escalated to the programme secretariat. */
      escalatedToProgramme: boolean;
      /** Cases whose project the user works on. */
      projectCaseIds: string[];
    };

/** What visibility needs of a case. */
export interface VisibleCase {
  id: string;
  reporterId: string;
  /** Ids from the root unit down to the reporting unit. */
  reportingUnitPath: readonly string[];
  processId: string;
  /** When the case first reached the programme; null while it has not. */
  proposedAt: Date | string | null;
  /** When a missed deadline first escalated the case to the programme secretariat; null while none has. */
  escalatedToProgrammeAt: Date | string | null;
}

/** What visibility needs, from a case row as the SQL reads it. */
export function visibleCaseOf(row: {
  id: string;
  reporter_id: string;
  unit_path: readonly string[];
  process_id: string;
  proposed_at: Date | string | null;
  escalated_to_programme_at: Date | string | null;
}): VisibleCase {
  return {
    id: row.id,
    reporterId: row.reporter_id,
    reportingUnitPath: row.unit_path,
    processId: row.process_id,
    proposedAt: row.proposed_at,
    escalatedToProgrammeAt: row.escalated_to_programme_at,
  };
}

const PROCESS_ROLES = new Set(['process_owner', 'process_responsible', 'process_adviser']);
const PROGRAMME_ROLES = new Set(['programme_secretariat', 'programme_council', 'rector']);

/** The visibility of a user with these grants, who is on the teams of `teamProcessIds` and works on the projects of `projectCaseIds`. */
export function caseVisibility(userId: string, grants: readonly Grant[], teamProcessIds: readonly string[] = [], projectCaseIds: readonly string[] = []): CaseVisibility {
  const unitIds = new Set<string>();
  const processIds = new Set<string>(teamProcessIds);
  let proposed = false;
  let escalatedToProgramme = false;
  for (const g of grants) {
    if (g.role === 'admin') return { kind: 'all' };
    if (g.role === 'line_manager' || PROCESS_ROLES.has(g.role)) {
      if (g.scope.kind === 'global') return { kind: 'all' };
      if (g.role === 'line_manager' && g.scope.kind === 'unit') unitIds.add(g.scope.unitId);
      if (PROCESS_ROLES.has(g.role) && g.scope.kind === 'process') processIds.add(g.scope.processId);
    }
    if (PROGRAMME_ROLES.has(g.role)) proposed = true;
    if (g.role === 'programme_secretariat') escalatedToProgramme = true;
  }
  return {
    kind: 'scoped',
    reporterId: userId,
    unitIds: [...unitIds].sort(),
    processIds: [...processIds].sort(),
    proposed,
    escalatedToProgramme,
    projectCaseIds: [...new Set(projectCaseIds)].sort(),
  };
}

export function isVisible(visibility: CaseVisibility, c: VisibleCase): boolean {
  if (visibility.kind === 'all') return true;
  return (
    c.reporterId === visibility.reporterId ||
    c.reportingUnitPath.some((id) => visibility.unitIds.includes(id)) ||
    visibility.processIds.includes(c.processId) ||
    (visibility.proposed && c.proposedAt !== null) ||
    (visibility.escalatedToProgramme && c.escalatedToProgrammeAt !== null) ||
    visibility.projectCaseIds.includes(c.id)
  );
}

/** Column expressions the SQL filter reads. */
export interface VisibilityColumns {
  caseId: string;
  reporterId: string;
  reportingUnitPath: string;
  processId: string;
  proposedAt: string;
  escalatedToProgrammeAt: string;
}

/**
 * The same rule as a WHERE fragment with named parameters (TypeORM `:name` style), prefixed so it
 * can sit beside other filters.
 */
export function visibilityWhere(
  visibility: CaseVisibility,
  columns: VisibilityColumns,
  prefix = 'vis',
): { sql: string; params: Record<string, unknown> } {
  if (visibility.kind === 'all') return { sql: 'TRUE', params: {} };
  const parts = [`${columns.reporterId} = :${prefix}Reporter`];
  const params: Record<string, unknown> = { [`${prefix}Reporter`]: visibility.reporterId };
  if (visibility.unitIds.length) {
    parts.push(`${columns.reportingUnitPath} && CAST(:${prefix}Units AS uuid[])`);
    params[`${prefix}Units`] = visibility.unitIds;
  }
  if (visibility.processIds.length) {
    parts.push(`${columns.processId} = ANY(CAST(:${prefix}Processes AS uuid[]))`);
    params[`${prefix}Processes`] = visibility.processIds;
  }
  if (visibility.proposed) parts.push(`${columns.proposedAt} IS NOT NULL`);
  if (visibility.escalatedToProgramme) parts.push(`${columns.escalatedToProgrammeAt} IS NOT NULL`);
  if (visibility.projectCaseIds.length) {
    parts.push(`${columns.caseId} = ANY(CAST(:${prefix}ProjectCases AS uuid[]))`);
    params[`${prefix}ProjectCases`] = visibility.projectCaseIds;
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** The states a case is in once proposed to the programme. */
export const PROGRAMME_STATES = ['awaitingPrioritisation', 'inRealisation', 'benefitsFollowUp', 'closed', 'declined'] as const;
