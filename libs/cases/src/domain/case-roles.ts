import type { Grant } from '#flyt/access';
import type { AuthorityGrant } from '#flyt/workflow-runtime';
import type { CaseRole as MachineCaseRole } from '#workflows/improvement-case/improvement-case.machine';

/** The machine's roles that a person can hold for a case (the system's own role is never derived from grants). */
export type CaseRole = Exclude<MachineCaseRole, 'system'>;

/** What role derivation needs to know about a case, with names for the sentences in the event log. */
export interface CaseForRoles {
  processId: string;
  processName: string;
  /** Ids from the root unit down to the reporting unit. */
  reportingUnitPath: readonly string[];
  reportingUnitName: string;
  reporterId: string;
  /** The owner and the manager of the project the case became (from case version 3), as its members say. */
  projectTeam?: readonly ProjectTeamMember[];
}

/** Someone who runs the project a case became: its owner or its manager. */
export interface ProjectTeamMember {
  userId: string;
  role: 'projectOwner' | 'projectManager';
  projectId: string;
  /** The project's reference, PROSJEKT-<n>, for the sentence in the event log. */
  projectReference: string;
}

export interface CaseRoles {
  roles: CaseRole[];
  /** How each role is held, one entry per role, recorded with the decision it allows. */
  grants: AuthorityGrant[];
}

const until = (grant: Grant) => (grant.validTo ? ` until ${grant.validTo}` : '');

function reference(grant: Grant): Record<string, string> {
  switch (grant.source.kind) {
    case 'assignment':
      return { roleAssignmentId: grant.source.id };
    case 'mandate':
      return { mandateId: grant.source.id };
    case 'deputy':
      return { mandateId: grant.source.id, absenceId: grant.source.absenceId };
  }
}

/**
 * The roles a user holds for one case now, from the grants in force today: the reporter; the
 * line manager of the reporting unit or a unit above it; the process responsible of the case's
 * process (by mandate, or as the deputy standing in while the holder is away); its process owner;
 * the programme (its secretariat). Global grants count everywhere. The owner and the manager of
 * the case's project hold their roles by being named to it (APPOINT_TEAM in the project), not by a
 * grant: no role assignment makes someone the manager of one particular project.
 */
export function caseRolesFor(userId: string, grants: readonly Grant[], subject: CaseForRoles): CaseRoles {
  const held: AuthorityGrant[] = [];
  const add = (role: CaseRole, basis: string, ref?: Record<string, string>) => {
    if (!held.some((g) => g.role === role)) held.push(ref ? { role, basis, reference: ref } : { role, basis });
  };

  if (userId === subject.reporterId) add('reporter', 'reported the case', { userId });

  const forProcess = (g: Grant) => g.scope.kind === 'global' || (g.scope.kind === 'process' && g.scope.processId === subject.processId);

  for (const g of grants) {
    if (g.role !== 'line_manager') continue;
    if (g.scope.kind === 'global') add('lineManager', `line manager for the whole university${until(g)}`, reference(g));
    else if (g.scope.kind === 'unit' && subject.reportingUnitPath.includes(g.scope.unitId)) {
      const own = g.scope.unitId === subject.reportingUnitPath[subject.reportingUnitPath.length - 1];
      add('lineManager', `line manager of ${own ? subject.reportingUnitName : `a unit above ${subject.reportingUnitName}`}${until(g)}`, reference(g));
    }
  }

  // A mandate of one's own before standing in for someone else: the log should name the stronger basis.
  const responsible = grants
    .filter((g) => g.role === 'process_responsible' && forProcess(g))
    .sort((a, b) => Number(a.source.kind === 'deputy') - Number(b.source.kind === 'deputy'));
  for (const g of responsible) {
    const basis =
      g.source.kind === 'deputy'
        ? `deputy standing in for the process responsible for ${subject.processName} during the holder's absence${until(g)}`
        : g.source.kind === 'mandate'
          ? `process responsible for ${subject.processName}, by mandate${until(g)}`
          : `process responsible for ${subject.processName}${until(g)}`;
    add('processResponsible', basis, reference(g));
  }

  for (const g of grants) {
    if (g.role === 'process_owner' && forProcess(g)) {
      add('processOwner', `process owner of ${g.scope.kind === 'global' ? 'every process' : subject.processName}${until(g)}`, reference(g));
    }
  }

  for (const g of grants) {
    if (g.role === 'programme_secretariat') add('programme', `programme secretariat${until(g)}`, reference(g));
  }

  for (const member of subject.projectTeam ?? []) {
    if (member.userId !== userId) continue;
    const what = member.role === 'projectOwner' ? 'project owner' : 'project manager';
    add(member.role, `${what} of ${member.projectReference}, the project the case became`, { projectId: member.projectId });
  }

  return { roles: held.map((g) => g.role as CaseRole), grants: held };
}
