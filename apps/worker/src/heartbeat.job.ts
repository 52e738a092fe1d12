import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { heartbeatKey, type JobHandler, type JobOutcome, openQueue, REDIS } from '#flyt/queue';

export const HEARTBEAT_EVERY_MS = 15_000;

/**
 * A scheduled job that proves the worker consumes its queues: /health reports the newest beat.
 * Every worker upserts the same scheduler, so there is one schedule however many run.
 */
@Injectable()
export class HeartbeatJob implements JobHandler<'worker.heartbeat'>, OnApplicationBootstrap, OnApplicationShutdown {
  readonly job = 'worker.heartbeat';
  private queue?: Queue;

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = openQueue(this.config, 'maintenance');
    await this.queue.upsertJobScheduler('worker-heartbeat', { every: HEARTBEAT_EVERY_MS }, { name: this.job, data: {}, opts: { removeOnComplete: 10, removeOnFail: 50 } });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  async handle(): Promise<JobOutcome> {
    const beat = { at: new Date().toISOString(), worker: `${hostname()}-${process.pid}` };
    await this.redis.set(heartbeatKey(this.config.queue.prefix), JSON.stringify(beat), 'PX', HEARTBEAT_EVERY_MS * 4);
    return { done: true, detail: beat.worker };
  }
}
