import type { Grant, Principal } from '#flyt/access';
import type { AuthorityGrant } from '#flyt/workflow-runtime';
import type { RoundRole } from '#workflows/priority-round/priority-round.machine';

export interface RoundRoles {
  roles: RoundRole[];
  /** How each role is held, logged with the decision it allows. */
  grants: AuthorityGrant[];
}

const sourceOf = (grant: Grant): Record<string, string> => ({ [`${grant.source.kind}Id`]: grant.source.id });

/**
 * The roles a user holds for one round now (docs/priority-rounds.md, "Who does what"): the
 * programme secretariat and the rector by their role assignments; a member by being named in the
 * round while they hold the programme council role.
 */
export function roundRolesFor(principal: Pick<Principal, 'userId' | 'grants'>, memberIds: readonly string[]): RoundRoles {
  const roles: RoundRole[] = [];
  const grants: AuthorityGrant[] = [];
  const secretariat = principal.grants.find((g) => g.role === 'programme_secretariat');
  if (secretariat) {
    roles.push('secretariat');
    grants.push({ role: 'secretariat', basis: 'programme secretariat', reference: sourceOf(secretariat) });
  }
  const council = principal.grants.find((g) => g.role === 'programme_council');
  if (council && memberIds.includes(principal.userId)) {
    roles.push('member');
    grants.push({ role: 'member', basis: 'member of the programme council, named in this round', reference: sourceOf(council) });
  }
  const rector = principal.grants.find((g) => g.role === 'rector');
  if (rector) {
    roles.push('rector');
    grants.push({ role: 'rector', basis: 'rector', reference: sourceOf(rector) });
  }
  return { roles, grants };
}

/** Who may see a round at all: the programme's people, the rector, admins, and its members. Others get 404. */
export function maySeeRound(principal: Pick<Principal, 'userId' | 'grants'>, memberIds: readonly string[]): boolean {
  return memberIds.includes(principal.userId) || principal.grants.some((g) => ['programme_secretariat', 'programme_council', 'rector', 'admin'].includes(g.role));
}
