import type { Type } from '@nestjs/common';
import type { TransactionSql } from '../domain/instance.js';

/** One pending effect of the workflow runtime, as the relay claims it from `workflow_outbox`. */
export interface OutboxRow {
  id: string;
  instanceId: string;
  eventId: string;
  /** The machine action's name (`notify`, `sendToWorkflow`, …), or `timer.schedule` / `timer.cancel`. */
  kind: string;
  /** Unique per effect; notifications, job ids and message idempotency keys are derived from it. */
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Work an effect leaves for after the relay's transaction has committed (e-mail jobs to enqueue). */
export type AfterCommit = () => Promise<void>;

/**
 * Carries out the outbox rows of one kind, the action its class names with `@HandlesEffect`. It runs
 * in the relay's transaction, in a savepoint of its own, so what it writes commits with the row
 * marked done, or not at all. It throws EffectFailedForGood when trying again cannot help (the row
 * is marked dead and shown to admins); any other error is retried with backoff.
 */
export interface EffectHandler {
  handle(sql: TransactionSql, row: OutboxRow): Promise<void | AfterCommit>;
}

const EFFECT_ACTION = Symbol('flyt:effect-action');

/** Names the action an effect handler class carries out; read from the class, so start-up can check before anything is built. */
export function HandlesEffect(action: string): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, EFFECT_ACTION, { value: action });
  };
}

/** The action a handler (its class, or an instance of it) carries out. */
export function actionOf(handler: Type<EffectHandler> | EffectHandler): string {
  const type = (typeof handler === 'function' ? handler : handler.constructor) as unknown as Record<symbol, unknown>;
  const action = type[EFFECT_ACTION];
  if (typeof action !== 'string') throw new Error(`Effect handler ${String((type as { name?: unknown }).name)} does not say which action it carries out (@HandlesEffect)`);
  return action;
}

/** Collected by the worker: the effect handlers of the platform and of every lib it runs. */
export const EFFECT_HANDLERS = Symbol('EFFECT_HANDLERS');

/** An effect that can never be carried out as it stands: a recipient that no longer exists, a message its receiver refuses. */
export class EffectFailedForGood extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EffectFailedForGood';
  }
}

export interface TimerSchedulePayload {
  timerId: string;
  generation: number;
  delayName: string;
  dueAt: string;
  event: { type: string };
}

export interface TimerCancelPayload {
  timerId: string;
  generation: number;
}
