import type { AnyStateMachine, AnyStateNode } from 'xstate';

/**
 * A Mermaid `stateDiagram-v2` generated from a machine's own definition: compound states as
 * composite states, final states to [*], every transition labelled with its event (delayed ones
 * as `after <delayName>`), the roles of a parameterised `actorHolds`-style guard and the names of
 * data guards. Never written by hand per machine, so it cannot drift from the machine.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const nodes: AnyStateNode[] = [];
  collect(machine.root, nodes);
  const ids = new Map<AnyStateNode, string>(nodes.map((n) => [n, mermaidId(n)]));

  // Mermaid creates a new state when a composite block names an outer one, so each transition is
  // written in the block of the innermost state that contains both its source and its target.
  const edges = new Map<AnyStateNode, string[]>();
  const edge = (source: AnyStateNode, target: AnyStateNode, label: string) => {
    const owner = commonParent(source, target);
    const list = edges.get(owner) ?? [];
    list.push(`${ids.get(source)} --> ${ids.get(target)} : ${label}`);
    edges.set(owner, list);
  };
  for (const node of nodes) {
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) {
        const targets = (t.target ?? []) as AnyStateNode[];
        const label = transitionLabel(eventType, (t as { delay?: unknown }).delay, t.guard);
        if (targets.length === 0) edge(node, node, label);
        for (const target of targets) edge(node, target, label);
      }
    }
    for (const t of node.always ?? []) {
      for (const target of (t.target ?? []) as AnyStateNode[]) edge(node, target, transitionLabel('always', undefined, t.guard));
    }
  }

  const lines = ['stateDiagram-v2'];
  emitBlock(machine.root, 1, lines, ids, edges);
  return `${lines.join('\n')}\n`;
}

function collect(node: AnyStateNode, into: AnyStateNode[]): void {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    into.push(child);
    collect(child, into);
  }
}

/** Mermaid ids are global to the diagram: nested states get their path, joined by `__`. */
function mermaidId(node: AnyStateNode): string {
  return node.path.map((p: string) => p.replace(/[^A-Za-z0-9_]/g, '_')).join('__');
}

/** The innermost state node that properly contains both (a self-loop belongs to its parent). */
function commonParent(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  const ancestorsOfB = new Set<AnyStateNode>();
  for (let n: AnyStateNode | undefined = b.parent; n; n = n.parent) ancestorsOfB.add(n);
  for (let n: AnyStateNode | undefined = a.parent; n; n = n.parent) if (ancestorsOfB.has(n)) return n;
  return a.machine.root;
}

function emitBlock(
  parent: AnyStateNode,
  depth: number,
  lines: string[],
  ids: Map<AnyStateNode, string>,
  edges: Map<AnyStateNode, string[]>,
): void {
  const pad = '  '.repeat(depth);
  const children = Object.values(parent.states) as AnyStateNode[];
  for (const [i, child] of children.entries()) {
    // Mermaid draws the regions of a parallel state side by side when `--` separates them.
    if (parent.type === 'parallel' && i > 0) lines.push(`${pad}--`);
    const id = ids.get(child) as string;
    // Declared explicitly, so a state without transitions still shows.
    const composite = child.type === 'compound' || child.type === 'parallel';
    if (id !== child.key) lines.push(`${pad}state "${sanitise(child.key)}" as ${id}`);
    if (id === child.key && !composite) lines.push(`${pad}${id}`);
    if (composite) {
      lines.push(`${pad}state ${id} {`);
      emitBlock(child, depth + 1, lines, ids, edges);
      lines.push(`${pad}}`);
    }
    if (child.description) lines.push(`${pad}note right of ${id} : ${sanitise(child.description)}`);
  }
  if (parent.type !== 'parallel') {
    for (const target of (parent.initial?.target ?? []) as AnyStateNode[]) lines.push(`${pad}[*] --> ${ids.get(target)}`);
  }
  for (const child of children) if (child.type === 'final') lines.push(`${pad}${ids.get(child)} --> [*]`);
  for (const line of edges.get(parent) ?? []) lines.push(`${pad}${line}`);
}

function transitionLabel(eventType: string, delay: unknown, guard: unknown): string {
  const event = delay !== undefined ? `after ${typeof delay === 'number' ? `${delay}ms` : String(delay)}` : eventType;
  const { roles, conditions } = describeGuard(guard);
  const parts = [event];
  if (roles.length > 0) parts.push(`by ${roles.join(' or ')}`);
  if (conditions.length > 0) parts.push(`if ${conditions.join(' and ')}`);
  return sanitise(parts.join(' '));
}

interface GuardDescription {
  roles: string[];
  conditions: string[];
}

/**
 * Reads a guard as XState stores it: a name, `{ type, params }`, or a higher-order guard
 * (`and`/`or`/`not`: a function carrying `guards`). A parameterised guard with `params.roles`
 * is a role check; any other guard is a data condition shown by name.
 */
function describeGuard(guard: unknown): GuardDescription {
  if (guard === undefined || guard === null) return { roles: [], conditions: [] };
  if (typeof guard === 'string') return { roles: [], conditions: [guard] };
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards;
    const kind = guard.name;
    if (Array.isArray(inner)) {
      const parts = inner.map(describeGuard);
      if (kind === 'not') {
        const [only] = parts;
        const text = [...(only?.roles.length ? [`holds ${only.roles.join('|')}`] : []), ...(only?.conditions ?? [])].join(' and ');
        return { roles: [], conditions: [`not ${text}`] };
      }
      if (kind === 'or') {
        const alternatives = parts.map((p) => [...p.roles, ...p.conditions].join(' and ')).filter(Boolean);
        return { roles: [], conditions: [`(${alternatives.join(' or ')})`] };
      }
      return { roles: parts.flatMap((p) => p.roles), conditions: parts.flatMap((p) => p.conditions) };
    }
    return { roles: [], conditions: [kind || 'inline guard'] };
  }
  if (typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: unknown };
    const roles = (params as { roles?: unknown } | undefined)?.roles;
    if (Array.isArray(roles)) return { roles: roles.map(String), conditions: [] };
    // A data guard with parameters (`pendingIs` with a decision) reads with them: "pendingIs GO".
    const values = params && typeof params === 'object' ? Object.values(params).filter((v) => ['string', 'number', 'boolean'].includes(typeof v)) : [];
    return { roles: [], conditions: [[String(type), ...values.map(String)].join(' ')] };
  }
  return { roles: [], conditions: ['guard'] };
}

/** Mermaid ends a label at a newline and treats `:`, `;`, `#` and braces specially. */
function sanitise(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[:;#{}]/g, ' ').replace(/\s+/g, ' ').trim();
}
