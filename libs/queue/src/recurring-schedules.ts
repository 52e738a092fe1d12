import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type JobSchedulerTemplateOptions, Queue, type RepeatOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { INSTALLATION, type Installation, withInstallation } from './installation.js';
import { JOB_QUEUES, type JobName } from './job-registry.js';
import { REDIS, RedisModule } from './redis.module.js';

/** A job that runs on a schedule (every so often, or at a cron pattern) rather than because of an event. */
export interface RecurringSchedule {
  /** The scheduler's id in Redis: one schedule however many workers keep it. */
  id: string;
  job: JobName;
  repeat: Omit<RepeatOptions, 'key'>;
  opts?: JobSchedulerTemplateOptions;
}

/**
 * Keeps the worker's recurring jobs scheduled. A schedule lives only in Redis: each worker upserts
 * its schedules at start (a changed setting replaces the old one), then checks every
 * TIMER_SWEEP_EVERY_MS that they are still there and puts back any that is gone, so after Redis
 * lost its data the heartbeat, the timer sweep, the digest and the notification sweep all return
 * without a restart.
 */
@Injectable()
export class RecurringSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger('schedules');
  private readonly kept = new Map<string, RecurringSchedule>();
  private readonly queues = new Map<string, Queue>();
  private check?: NodeJS.Timeout;

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    // The process's connection: a handful of scheduler commands a minute need none of their own.
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INSTALLATION) private readonly installation: Installation,
  ) {}

  async keep(schedule: RecurringSchedule): Promise<void> {
    this.kept.set(schedule.id, schedule);
    await this.upsert(schedule);
    this.check ??= setInterval(() => {
      this.restoreMissing().catch((err: unknown) => this.logger.error({ err }, 'Could not check the recurring schedules'));
    }, this.config.worker.timerSweepEveryMs);
    this.check.unref();
  }

  async restoreMissing(): Promise<void> {
    for (const schedule of this.kept.values()) {
      if (await this.queueOf(schedule).getJobScheduler(schedule.id)) continue;
      await this.upsert(schedule);
      this.logger.warn({ scheduler: schedule.id, job: schedule.job }, 'Recurring schedule was missing from Redis; put back');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.check);
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private async upsert(schedule: RecurringSchedule): Promise<void> {
    await this.queueOf(schedule).upsertJobScheduler(schedule.id, schedule.repeat, { name: schedule.job, data: withInstallation({}, this.installation), opts: schedule.opts });
  }

  private queueOf(schedule: RecurringSchedule): Queue {
    const name = JOB_QUEUES[schedule.job];
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.config.queue.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

/** The worker's schedule keeper, for every library that has a recurring job. */
@Global()
@Module({ imports: [RedisModule], providers: [RecurringSchedules], exports: [RecurringSchedules] })
export class RecurringSchedulesModule {}
