import { createHash } from 'node:crypto';

/**
 * The BullMQ job id of one generation of one timer. Deterministic, so enqueueing it again (a relay
 * retry, the sweeper) is a no-op; BullMQ ids may contain no ':' and may not be all digits, and
 * XState's timer ids are long and dotted, so the timer id is hashed.
 */
export function timerJobId(instanceId: string, timerId: string, generation: number): string {
  const timer = createHash('sha1').update(timerId).digest('hex').slice(0, 16);
  return `${instanceId}.${timer}.${generation}`;
}

/** The dead-letter job of one death of an outbox row: a row retried and dead again gets a job of its own. */
export function deadLetterJobId(outboxId: string, deadAt: string): string {
  return `outbox-dead-${outboxId}-${new Date(deadAt).getTime()}`;
}
