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

/** `xstate.after.responsibleReminder.improvementCase.submitted` → `responsibleReminder`. */
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
    } else {
      effects.push({ kind: 'action', action: action.type, params });
    }
  }
  return effects;
}
