import { NotPermitted } from '#flyt/kernel';
import { ACTION_RULES, type Action } from './domain/actions.js';
import type { Grant } from './domain/grant.js';
import { type Decision, decide, type ResourceContext } from './domain/policy.js';

/** The authenticated user of a request, with the grants in force at the moment it arrived. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  unitId: string;
  grants: Grant[];
  /** The Norwegian calendar day the grants were computed for. */
  day: string;
}

export function decideAction(principal: Principal, action: Action, resource?: ResourceContext): Decision {
  return decide(ACTION_RULES[action], principal, resource);
}

/** Throws NotPermitted, naming the roles that would have allowed it, unless the principal may. */
export function assertAllowed(principal: Principal, action: Action, resource?: ResourceContext): Decision & { allowed: true } {
  const decision = decideAction(principal, action, resource);
  if (!decision.allowed) throw new NotPermitted(action, decision.requiredRoles);
  return decision;
}
