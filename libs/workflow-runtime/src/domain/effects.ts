import type { AnyStateMachine, AnyStateNode } from 'xstate';

/**
 * What a transition asks the world to do, taken from the actions XState's pure `transition()`
 * returns. The runtime writes each as an outbox row in the same transaction as the event.
 */
export type Effect =
  | { kind: 'timer.schedule'; timerId: string; delayName: string; delayMs: number; event: { type: string } }
  | { kind: 'timer.cancel'; timerId: string }
  | { kind: 'action'; action: string; params: Record<string, unknown> };

type Action = { type: string; params?: unknown };

const AFTER_PREFIX = 'xstate.after.';

/** `xstate.after.responsibleReminder.approval.submitted` → `responsibleReminder`. */
export function delayNameOf(timerId: string): string {
  return timerId.startsWith(AFTER_PREFIX) ? timerId.slice(AFTER_PREFIX.length).split('.')[0]! : timerId;
}

export function effectsOf(actions: readonly Action[]): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (action.type === 'xstate.raise') {
      // A raise without a delay was already taken inside transition(); only delayed ones wait.
      if (typeof params.delay !== 'number') continue;
      const event = params.event as { type: string };
      const timerId = String(params.id ?? event.type);
      effects.push({ kind: 'timer.schedule', timerId, delayName: delayNameOf(timerId), delayMs: params.delay, event });
    } else if (action.type === 'xstate.cancel') {
      effects.push({ kind: 'timer.cancel', timerId: String(params.sendId) });
    } else if (action.type.startsWith('xstate.')) {
      throw new Error(`The durable runtime cannot carry out ${action.type}: use a delayed raise or a named action`);
    } else if (action.type === 'sendToWorkflow' && Array.isArray(params.messages)) {
      // One event to each of many instances (a round deciding its cases): one effect, outbox row
      // and idempotency key per message, as if the machine had named the action once for each.
      for (const message of params.messages as Record<string, unknown>[]) effects.push({ kind: 'action', action: action.type, params: message });
    } else {
      effects.push({ kind: 'action', action: action.type, params });
    }
  }
  return effects;
}

/** An action a machine names somewhere: in an entry, an exit or a transition. */
export interface ActionReference {
  /** The action's name, or null for an inline function. */
  name: string | null;
  /** Where: `approval.submitted on APPROVE`. */
  where: string;
  /** Its static params; a function when they are computed from the context and event. */
  params: unknown;
  /** An XState built-in (assign, raise, …) that `transition()` carries out itself, or hands back for the runtime. */
  builtIn: boolean;
  /** The built-in's type (`xstate.assign`), for a built-in. */
  builtInType?: string;
}

/**
 * The XState built-ins the runtime can carry durably: assign (inside `transition()`), raise (at once,
 * or delayed: a durable timer) and cancel (of such a timer). Log, emit, sendTo, spawning and
 * enqueueActions need a live actor or run code the runtime cannot replay.
 */
export const DURABLE_BUILT_INS: readonly string[] = ['xstate.assign', 'xstate.raise', 'xstate.cancel'];

type ActionLike = string | { type: string; params?: unknown } | ((...args: unknown[]) => unknown);
const isBuiltIn = (action: unknown) => typeof action === 'function' && typeof (action as { resolve?: unknown }).resolve === 'function';
const builtInTypeOf = (action: unknown) => (isBuiltIn(action) ? String((action as { type?: unknown }).type) : undefined);

/** Every action the machine names, with whether XState carries it out or the runtime must. */
export function actionReferencesOf(machine: AnyStateMachine): ActionReference[] {
  const implementations = (machine.implementations.actions ?? {}) as Record<string, unknown>;
  const references: ActionReference[] = [];
  const visit = (actions: readonly ActionLike[] | undefined, where: string) => {
    for (const action of actions ?? []) {
      if (typeof action === 'function') {
        references.push({ name: null, where, params: undefined, builtIn: isBuiltIn(action), builtInType: builtInTypeOf(action) });
        continue;
      }
      const name = typeof action === 'string' ? action : action.type;
      const params = typeof action === 'string' ? undefined : action.params;
      const implementation = Object.hasOwn(implementations, name) ? implementations[name] : undefined;
      references.push({ name, where, params, builtIn: isBuiltIn(implementation), builtInType: builtInTypeOf(implementation) });
    }
  };
  const walk = (node: AnyStateNode) => {
    visit(node.entry as ActionLike[], `${node.id} entry`);
    visit(node.exit as ActionLike[], `${node.id} exit`);
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) visit(t.actions as ActionLike[], `${node.id} on ${eventType}`);
    }
    for (const t of node.always ?? []) visit(t.actions as ActionLike[], `${node.id} always`);
    for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
  };
  walk(machine.root);
  return references;
}

/** The named actions the runtime must carry out (not XState built-ins), each with where it is used. */
export function effectActionsOf(machine: AnyStateMachine): Map<string, string[]> {
  const effects = new Map<string, string[]>();
  for (const ref of actionReferencesOf(machine)) {
    if (ref.builtIn || ref.name === null) continue;
    effects.set(ref.name, [...(effects.get(ref.name) ?? []), ref.where]);
  }
  return effects;
}

type TimerSchedule = Extract<Effect, { kind: 'timer.schedule' }>;

/**
 * The deadlines a state has when it is entered: one per delayed transition of every active state
 * node, as XState would raise them. Used when an instance moves to another machine version, whose
 * states may have other deadlines than the old ones had.
 */
export function deadlinesOfState(snapshot: { _nodes: readonly AnyStateNode[]; context: unknown }, machine: AnyStateMachine): TimerSchedule[] {
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const lengthOf = (delay: unknown): number => {
    if (typeof delay === 'number') return delay;
    const impl = typeof delay === 'string' && Object.hasOwn(delays, delay) ? delays[delay] : undefined;
    if (typeof impl === 'number') return impl;
    if (typeof impl === 'function') return Number((impl as (a: unknown) => unknown)({ context: snapshot.context, event: { type: '' } })) || 0;
    return 0;
  };
  return snapshot._nodes.flatMap((node) =>
    (node.after ?? []).map((t): TimerSchedule => ({ kind: 'timer.schedule', timerId: t.eventType, delayName: delayNameOf(t.eventType), delayMs: lengthOf(t.delay), event: { type: t.eventType } })),
  );
}
