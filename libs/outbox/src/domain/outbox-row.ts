/** One pending effect of the workflow runtime, as the relay claims it. */
export interface OutboxRow {
  id: string;
  instanceId: string;
  eventId: string;
  kind: string;
  /** Unique per effect; notifications and job ids are derived from it. */
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
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

/** An effect kind the relay does not know is a failure (retried, visible), never dropped silently. */
export class UnknownOutboxKind extends Error {
  constructor(kind: string) {
    super(`No dispatcher for outbox kind ${kind}`);
    this.name = 'UnknownOutboxKind';
  }
}
