import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { heartbeatKey, type JobHandler, type JobOutcome, RecurringSchedules, REDIS } from '#flyt/queue';

export const HEARTBEAT_EVERY_MS = 15_000;
export const HEARTBEAT_SCHEDULER = 'worker-heartbeat';

/**
 * A scheduled job that proves the worker consumes its queues: /health reports the newest beat.
 * Every worker upserts the same scheduler, so there is one schedule however many run.
 */
@Injectable()
export class HeartbeatJob implements JobHandler<'worker.heartbeat'>, OnApplicationBootstrap {
  readonly job = 'worker.heartbeat';

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly schedules: RecurringSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep({ id: HEARTBEAT_SCHEDULER, job: this.job, repeat: { every: HEARTBEAT_EVERY_MS }, opts: { removeOnComplete: 10, removeOnFail: 50 } });
  }

  async handle(): Promise<JobOutcome> {
    const beat = { at: new Date().toISOString(), worker: `${hostname()}-${process.pid}` };
    await this.redis.set(heartbeatKey(this.config.queue.prefix), JSON.stringify(beat), 'PX', HEARTBEAT_EVERY_MS * 4);
    return { done: true, detail: beat.worker };
  }
}
