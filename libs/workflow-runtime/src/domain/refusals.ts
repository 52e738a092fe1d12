import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import type { MachineRegistration } from './machine-registration.js';
import type { RefusalExplanation } from './workflow-definition.js';
import { labelAt } from './state-meta.js';
import { SYSTEM_ROLE } from './workflow-event.js';

/*
 * Refusals in words a user knows: roles by their names, states by their labels, and for an event
 * the data refuses, what the workflow says is missing (its `explainRefusal`).
 */

const joinOr = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

export function roleName(registration: MachineRegistration, role: string): string {
  return registration.workflow.roleNames[role]?.en ?? role;
}

/** Why someone without the role may not send the event, and who may. */
export function notPermittedMessage(registration: MachineRegistration, type: string, requiredRoles: readonly string[]): string {
  if (requiredRoles.length === 1 && requiredRoles[0] === SYSTEM_ROLE) {
    return `${type} is sent by ${roleName(registration, SYSTEM_ROLE)}, not by a person.`;
  }
  const names = requiredRoles.filter((r) => r !== SYSTEM_ROLE).map((r) => roleName(registration, r));
  return `Only ${joinOr(names)} may send ${type} to this ${registration.resourceName} now.`;
}

/** What the workflow says about an event its data refuses; a plain sentence when it says nothing. */
export function refusalOf(registration: MachineRegistration, type: string, context: unknown, facts: Readonly<Record<string, unknown>>): RefusalExplanation {
  const explain = registration.workflow.explainRefusal;
  const said = explain && Object.hasOwn(explain, type) ? explain[type]!(context, facts) : null;
  return said ?? { reason: `the ${registration.resourceName}'s data does not allow it yet` };
}

export function stateLabelOf(registration: MachineRegistration, state: string): string | undefined {
  return labelAt(registration.machine, state)?.en;
}

/**
 * The roles the guards of an event's transitions in the active states name (`actorHolds`-style
 * guards with `params.roles`); null when some transition has no role check at all.
 */
export function rolesGuarding(snapshot: AnyMachineSnapshot, type: string): Set<string> | null {
  const roles = new Set<string>();
  for (const node of snapshot._nodes as AnyStateNode[]) {
    for (const t of node.transitions.get(type) ?? []) {
      const named = rolesIn(t.guard);
      if (named === null) return null;
      for (const role of named) roles.add(role);
    }
  }
  return roles;
}

/** The roles a guard names (`by(role)` and its `and` combinations); null for no guard at all. */
export function rolesIn(guard: unknown): string[] | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards;
    if (!Array.isArray(inner) || guard.name === 'not') return [];
    const parts = inner.map(rolesIn).filter((p): p is string[] => p !== null);
    return parts.flat();
  }
  if (typeof guard === 'object' && 'params' in guard) {
    const roles = (guard as { params?: { roles?: unknown } }).params?.roles;
    if (Array.isArray(roles)) return roles.map(String);
  }
  return [];
}
