import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { Localised, StateMeta } from './workflow-definition.js';

/** Every state node of a machine below its root, parents before their children. */
export function stateNodesOf(machine: AnyStateMachine): AnyStateNode[] {
  const walk = (node: AnyStateNode): AnyStateNode[] => (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...walk(child)]);
  return walk(machine.root);
}

/** The dotted path of a state node: `localImprovement.plan`. */
export const pathOf = (node: AnyStateNode): string => node.path.join('.');

export function metaOf(node: AnyStateNode): Partial<StateMeta> {
  return (node.meta ?? {}) as Partial<StateMeta>;
}

/** The label of every state, by dotted path, read from the states' `meta`. */
export function stateLabels(machine: AnyStateMachine): Record<string, Localised> {
  return Object.fromEntries(stateNodesOf(machine).flatMap((node) => (metaOf(node).label ? [[pathOf(node), metaOf(node).label!]] : [])));
}

/** The state nodes a dotted state path names, innermost first: `a.b` → the node `a.b`, then `a`. */
function nodesAlong(machine: AnyStateMachine, statePath: string): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  let node: AnyStateNode | undefined = machine.root;
  for (const key of statePath.split('.')) {
    node = node?.states[key] as AnyStateNode | undefined;
    if (!node) break;
    nodes.unshift(node);
  }
  return nodes;
}

/** The regions of a state path: a machine with parallel regions is in one state per region, joined by commas. */
const regionsOf = (statePath: string): string[] => statePath.split(',');

/**
 * The label of a state (or, for a path the machine does not know, of the nearest state above it that
 * it does). In parallel regions, the label of the first region's state: a workflow puts the region
 * people follow first (a project's phase before its reporting cycle).
 */
export function labelAt(machine: AnyStateMachine, statePath: string): Localised | null {
  return nodesAlong(machine, regionsOf(statePath)[0]!).map((node) => metaOf(node).label).find((label) => label !== undefined) ?? null;
}

/** The roles a state waits for: its own, or those of the nearest state above it that names any; in parallel regions, those of every region. */
export function waitsForAt(machine: AnyStateMachine, statePath: string): readonly string[] {
  const roles = regionsOf(statePath).flatMap(
    (region) => nodesAlong(machine, region).map((node) => metaOf(node).waitsFor).find((waits) => waits !== undefined) ?? [],
  );
  return [...new Set(roles)];
}

/** The role in charge of a state's deadlines (who may move them), or null when the state waits for no one; in parallel regions, the first region's that names one. */
export function deadlineOwnerAt(machine: AnyStateMachine, statePath: string): string | null {
  for (const region of regionsOf(statePath)) {
    for (const node of nodesAlong(machine, region)) {
      const meta = metaOf(node);
      if (meta.deadlineOwner) return meta.deadlineOwner;
      if (meta.waitsFor?.length) return meta.waitsFor[0]!;
    }
  }
  return null;
}

/** The dotted paths of the states that carry a tag. */
export function statesTagged(machine: AnyStateMachine, tag: string): string[] {
  return stateNodesOf(machine)
    .filter((node) => node.tags.includes(tag))
    .map(pathOf);
}
