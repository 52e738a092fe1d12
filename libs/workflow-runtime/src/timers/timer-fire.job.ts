import { Injectable } from '@nestjs/common';
import { TransitionRejected } from '#flyt/kernel';
import type { JobHandler, JobOutcome, JobPayloads } from '#flyt/queue';
import type { TransactionSql } from '../domain/instance.js';
import { systemActor } from '../domain/workflow-event.js';
import { WorkflowRuntime } from '../workflow-runtime.service.js';
import { TimerStore } from './timer-store.js';

/** The timer changed between the check and the event's transaction (moved, cancelled, held): the event is rolled back. */
class TimerNoLongerDue extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * A deadline is due: its event goes through the runtime like any other, with an idempotency key
 * of its own, so a job that runs twice (a worker killed mid-job, a duplicate after a Redis loss)
 * applies it once. A job of an older generation, or of a timer cancelled, held or fired, is skipped.
 */
@Injectable()
export class TimerFireJob implements JobHandler<'timer.fire'> {
  readonly job = 'timer.fire';

  constructor(
    private readonly runtime: WorkflowRuntime,
    private readonly timers: TimerStore,
  ) {}

  async handle({ instanceId, timerId, generation }: JobPayloads['timer.fire']): Promise<JobOutcome> {
    const timer = await this.timers.status(instanceId, timerId);
    if (!timer) return { skipped: true, reason: `no timer ${timerId} on ${instanceId}` };
    if (timer.generation !== generation) return { skipped: true, reason: `stale: generation ${generation}, the timer is at ${timer.generation}` };
    if (timer.status !== 'pending') return { skipped: true, reason: `the timer is ${timer.status}` };
    try {
      const outcome = await this.runtime.send({
        instanceId,
        type: timerId,
        payload: {},
        actor: systemActor(),
        grants: [],
        idempotencyKey: `timer/${timerId}/${generation}`,
        // Checked again under the instance's lock: a move, a cancel or a hold committed since the check wins.
        inTransaction: (tx) => this.assertFiredThisGeneration(tx, instanceId, timerId, generation),
      });
      if (outcome.duplicate) return { skipped: true, reason: `already fired (event ${outcome.eventId})` };
      return { done: true, detail: `event ${outcome.eventId}: ${outcome.from} → ${outcome.to}` };
    } catch (error) {
      // The state was left: the machine has no use for the deadline any more. Not a failure.
      if (error instanceof TransitionRejected) return { skipped: true, reason: `stale: ${error.message}` };
      if (error instanceof TimerNoLongerDue) return { skipped: true, reason: error.reason };
      throw error;
    }
  }

  private async assertFiredThisGeneration(tx: TransactionSql, instanceId: string, timerId: string, generation: number): Promise<void> {
    const timer = await this.timers.status(instanceId, timerId, tx);
    if (!timer || timer.generation !== generation || timer.status !== 'fired') {
      throw new TimerNoLongerDue(`stale: the timer changed to generation ${timer?.generation}, ${timer?.status}, before it fired`);
    }
  }
}
