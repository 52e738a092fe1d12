import type { Grant, Scope } from './grant.js';
import type { Role } from './role.js';

/** What a rule needs to know about the resource an action is on. */
export interface ResourceContext {
  /** Ids from the root unit down to the resource's unit. */
  unitPath?: readonly string[];
  processId?: string;
  /** The user the resource is about or belongs to (a user record, a mandate's holder). */
  ownerUserId?: string;
  /** The unit the resource is for itself (a case's reporting unit), for `memberOfUnit`. */
  unitId?: string;
}

/**
 * One way to be allowed: a role in a scope relative to the resource.
 * - `anywhere`: the role in any scope;
 * - `global`: the role held globally;
 * - `unitOfResource`: the role in the resource's unit or any unit above it;
 * - `processOfResource`: the role for the resource's process.
 */
export type RoleRequirement = { role: Role; in: 'anywhere' | 'global' | 'unitOfResource' | 'processOfResource' };

export interface Rule {
  /** Every authenticated user may. */
  everyone?: true;
  /** The user the resource belongs to may. */
  owner?: true;
  /** A member of the resource's own unit may (an employee reporting for their unit). */
  memberOfUnit?: true;
  anyOf?: readonly RoleRequirement[];
}

export type Decision =
  | { allowed: true; via: 'everyone' | 'owner' | 'memberOfUnit' | { role: Role; scope: Scope; source: Grant['source'] } }
  | { allowed: false; requiredRoles: string[] };

export interface Subject {
  userId: string;
  grants: readonly Grant[];
  /** The unit the user belongs to. */
  unitId?: string;
}

function satisfies(grant: Grant, requirement: RoleRequirement, resource: ResourceContext): boolean {
  if (grant.role !== requirement.role) return false;
  switch (requirement.in) {
    case 'anywhere':
      return true;
    case 'global':
      return grant.scope.kind === 'global';
    case 'unitOfResource':
      return grant.scope.kind === 'global' || (grant.scope.kind === 'unit' && (resource.unitPath ?? []).includes(grant.scope.unitId));
    case 'processOfResource':
      return grant.scope.kind === 'global' || (grant.scope.kind === 'process' && grant.scope.processId === resource.processId);
  }
}

export function describeRequirement(requirement: RoleRequirement): string {
  switch (requirement.in) {
    case 'anywhere':
    case 'global':
      return requirement.role;
    case 'unitOfResource':
      return `${requirement.role} of the unit or a unit above it`;
    case 'processOfResource':
      return `${requirement.role} of the process`;
  }
}

/** May this subject do what the rule guards, on this resource, with the grants in force now? */
export function decide(rule: Rule, subject: Subject, resource: ResourceContext = {}): Decision {
  if (rule.everyone) return { allowed: true, via: 'everyone' };
  if (rule.owner && resource.ownerUserId === subject.userId) return { allowed: true, via: 'owner' };
  if (rule.memberOfUnit && resource.unitId !== undefined && resource.unitId === subject.unitId) return { allowed: true, via: 'memberOfUnit' };
  for (const requirement of rule.anyOf ?? []) {
    const grant = subject.grants.find((g) => satisfies(g, requirement, resource));
    if (grant) return { allowed: true, via: { role: grant.role, scope: grant.scope, source: grant.source } };
  }
  const required = (rule.anyOf ?? []).map(describeRequirement);
  if (rule.owner) required.push('the user it belongs to');
  if (rule.memberOfUnit) required.push('a member of the unit');
  return { allowed: false, requiredRoles: required };
}

/** Unit ids under which a subject holds one of the roles that a unit-scoped rule accepts; 'all' when global. */
export function unitsCoveredBy(rule: Rule, subject: Subject): 'all' | string[] {
  if (rule.everyone) return 'all';
  const units: string[] = [];
  for (const requirement of rule.anyOf ?? []) {
    for (const grant of subject.grants) {
      if (grant.role !== requirement.role) continue;
      if (requirement.in === 'anywhere' || grant.scope.kind === 'global') return 'all';
      if (requirement.in === 'unitOfResource' && grant.scope.kind === 'unit') units.push(grant.scope.unitId);
    }
  }
  return units;
}
