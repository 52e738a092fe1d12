import type { Grant, Principal } from '#flyt/access';
import type { AuthorityGrant } from '#flyt/workflow-runtime/domain';
import type { FollowupRole } from '#workflows/benefits-followup/benefits-followup.events';
import type { ProjectRole } from '#workflows/project/project.events';

/**
 * Who holds which role for one project, or one benefits follow-up, now (docs/projects.md, "Who
 * does what"). The project owner and manager hold theirs by being named in the project; benefit
 * owners and responsible line managers by being named in the benefits-realisation plan; the
 * others by their role assignments. Each role comes with how it is held, for the event log.
 */

export interface ProjectRoles {
  roles: ProjectRole[];
  /** How each role is held, one entry per role, logged with the decision it allows. */
  grants: AuthorityGrant[];
}

export interface FollowupRoles {
  roles: FollowupRole[];
  grants: AuthorityGrant[];
}

export type PrincipalForRoles = Pick<Principal, 'userId' | 'grants'>;

export interface ProjectForRoles {
  processId: string;
  /** For the sentences in the event log; the id when not given. */
  processName?: string;
  projectOwnerId: string | null;
  projectManagerId: string | null;
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

const forProcess = (grant: Grant, processId: string) => grant.scope.kind === 'global' || (grant.scope.kind === 'process' && grant.scope.processId === processId);

function processOwnerGrant(principal: PrincipalForRoles, processId: string, processName: string): AuthorityGrant | null {
  const grant = principal.grants.find((g) => g.role === 'process_owner' && forProcess(g, processId));
  if (!grant) return null;
  return { role: 'processOwner', basis: `process owner of ${grant.scope.kind === 'global' ? 'every process' : processName}${until(grant)}`, reference: reference(grant) };
}

/**
 * The roles a user holds for a project: project owner and project manager as named in it; the
 * process owner of its process; the programme secretariat, a member of the programme council, and
 * the rector by their global role assignments. The council role is held by every council member:
 * the council decides a large project's gates as a body, and a member records its decision.
 */
export function projectRolesFor(principal: PrincipalForRoles, project: ProjectForRoles): ProjectRoles {
  const held: AuthorityGrant[] = [];
  const processName = project.processName ?? project.processId;
  if (project.projectOwnerId !== null && principal.userId === project.projectOwnerId) {
    held.push({ role: 'projectOwner', basis: 'project owner, named in the project', reference: { userId: principal.userId } });
  }
  if (project.projectManagerId !== null && principal.userId === project.projectManagerId) {
    held.push({ role: 'projectManager', basis: 'project manager, named in the project', reference: { userId: principal.userId } });
  }
  const owner = processOwnerGrant(principal, project.processId, processName);
  if (owner) held.push(owner);
  const programme: [Grant['role'], ProjectRole, string][] = [
    ['programme_secretariat', 'secretariat', 'programme secretariat'],
    ['programme_council', 'council', 'member of the programme council'],
    ['rector', 'rector', 'rector'],
  ];
  for (const [grantRole, role, basis] of programme) {
    const grant = principal.grants.find((g) => g.role === grantRole);
    if (grant) held.push({ role, basis: `${basis}${until(grant)}`, reference: reference(grant) });
  }
  return { roles: held.map((g) => g.role as ProjectRole), grants: held };
}

export interface FollowupForRoles {
  processId: string;
  processName?: string;
  /** Every benefit owner (gevinsteier) named in the plan. */
  benefitOwnerIds: readonly string[];
  /** Every responsible line manager (gevinstansvarlig) named in the plan. */
  responsibleManagerIds: readonly string[];
}

/**
 * The roles a user holds for a benefits follow-up: benefit owner and responsible line manager by
 * being named in the benefits-realisation plan (no role assignment needed: the plan is the
 * mandate, approved at BP3), and the process owner of the case's process.
 */
export function followupRolesFor(principal: PrincipalForRoles, followup: FollowupForRoles): FollowupRoles {
  const held: AuthorityGrant[] = [];
  if (followup.benefitOwnerIds.includes(principal.userId)) {
    held.push({ role: 'benefitOwner', basis: 'benefit owner, named in the benefits-realisation plan', reference: { userId: principal.userId } });
  }
  if (followup.responsibleManagerIds.includes(principal.userId)) {
    held.push({ role: 'responsibleManager', basis: 'responsible line manager of a benefit, named in the benefits-realisation plan', reference: { userId: principal.userId } });
  }
  const owner = processOwnerGrant(principal, followup.processId, followup.processName ?? followup.processId);
  if (owner) held.push(owner);
  return { roles: held.map((g) => g.role as FollowupRole), grants: held };
}

const PROGRAMME_ROLES: readonly Grant['role'][] = ['programme_secretariat', 'programme_council', 'rector'];
const PROCESS_ROLES: readonly Grant['role'][] = ['process_owner', 'process_responsible', 'process_adviser'];

export interface ProjectForVisibility {
  processId: string;
  /** Everyone in project_member: owner, manager, steering group, benefit owners, responsible line managers. */
  memberIds: readonly string[];
  /** Counted too, in case project_member does not hold them yet. */
  projectOwnerId?: string | null;
  projectManagerId?: string | null;
}

/**
 * Who may see a project: admins; the programme (secretariat, council, rector), which prioritised
 * it; the process roles of its process (owner, responsible or a deputy standing in, adviser) and its
 * process team (`teamProcessIds`); and the people who work on it. Others get 404, as for cases.
 */
export function maySeeProject(principal: PrincipalForRoles, project: ProjectForVisibility, teamProcessIds: readonly string[] = []): boolean {
  const { userId, grants } = principal;
  if (project.memberIds.includes(userId) || userId === project.projectOwnerId || userId === project.projectManagerId) return true;
  if (teamProcessIds.includes(project.processId)) return true;
  return grants.some((g) => g.role === 'admin' || PROGRAMME_ROLES.includes(g.role) || (PROCESS_ROLES.includes(g.role) && forProcess(g, project.processId)));
}
