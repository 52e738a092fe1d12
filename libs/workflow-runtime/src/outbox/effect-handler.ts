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
 * Carries out the outbox rows of one kind. It runs in the relay's transaction, in a savepoint of its
 * own, so what it writes commits with the row marked done, or not at all. It throws
 * EffectFailedForGood when trying again cannot help (the row is marked dead and shown to admins);
 * any other error is retried with backoff.
 */
export interface EffectHandler {
  readonly action: string;
  handle(sql: TransactionSql, row: OutboxRow): Promise<void | AfterCommit>;
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
