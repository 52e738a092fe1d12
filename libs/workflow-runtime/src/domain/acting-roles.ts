import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { rolesIn } from './refusals.js';
import { pathOf, stateNodesOf } from './state-meta.js';

/** The states where each role may send some event, as the guards of the machine's transitions name the roles. */
export interface ActingRoles {
  /** For each role a guard names, the states (dotted paths) where it guards some transition. */
  byRole: ReadonlyMap<string, readonly string[]>;
  /** The states with a transition no role check guards: any role may send it there. */
  anyRole: readonly string[];
}

/**
 * Where each role can act in a machine, read from its transitions alone (guards on data are left to
 * the machine): a superset of the states where a person holding the role is allowed an event now,
 * which lets a query look only at the instances in those states before the machine decides on each
 * (the inbox, docs/architecture.md "The inbox"). Delayed transitions and the events in `except` do
 * not count. Null for a machine with parallel regions, whose state is a combination of leaves.
 */
export function actingRoles(machine: AnyStateMachine, except: readonly string[] = []): ActingRoles | null {
  const nodes = stateNodesOf(machine);
  if ([machine.root, ...nodes].some((node) => node.type === 'parallel')) return null;
  const byRole = new Map<string, Set<string>>();
  const anyRole = new Set<string>();
  for (const leaf of nodes.filter((node) => Object.keys(node.states).length === 0)) {
    const path = pathOf(leaf);
    for (let node: AnyStateNode | undefined = leaf; node; node = node.parent) {
      for (const [type, transitions] of node.transitions) {
        if (!type || type.startsWith('xstate.') || except.includes(type)) continue;
        for (const transition of transitions) {
          const roles = rolesIn(transition.guard);
          if (roles === null) anyRole.add(path);
          else for (const role of roles) byRole.set(role, (byRole.get(role) ?? new Set()).add(path));
        }
      }
    }
  }
  return { byRole: new Map([...byRole].map(([role, states]) => [role, [...states].sort()])), anyRole: [...anyRole].sort() };
}

/** The same over several machines (the versions of one workflow): a role acts in a state if it does in any of them. */
export function actingRolesOfAll(machines: readonly AnyStateMachine[], except: readonly string[] = []): ActingRoles | null {
  const byRole = new Map<string, Set<string>>();
  const anyRole = new Set<string>();
  for (const machine of machines) {
    const acting = actingRoles(machine, except);
    if (!acting) return null;
    for (const [role, states] of acting.byRole) byRole.set(role, new Set([...(byRole.get(role) ?? []), ...states]));
    for (const state of acting.anyRole) anyRole.add(state);
  }
  return { byRole: new Map([...byRole].map(([role, states]) => [role, [...states].sort()])), anyRole: [...anyRole].sort() };
}
