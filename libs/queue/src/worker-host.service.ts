import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { claimQueuePrefix, INSTALLATION, type Installation, installationOfJob, QueuePrefixTaken } from './installation.js';
import { JOB_HANDLERS, indexHandlers, type JobHandler, type JobName, QUEUE_NAMES } from './job-registry.js';
import { createRedis, REDIS } from './redis.module.js';

/**
 * Consumes every queue and hands each job to its one handler. Only the worker process has it.
 *
 * Jobs of another installation. The prefix is claimed for one installation at start-up (see
 * RedisModule), so two installations (two databases) never consume one prefix. Only if Redis lost
 * the claim while both ran can one see the other's jobs; every job names the installation that
 * enqueued it, and a worker hands such a job back untouched, delayed, for a worker of its own
 * installation to take. Running it would skip it ("no notification …", "no timer …") or complete it
 * against the wrong database: either way the job would be gone for the installation it belongs to.
 * A job that names no installation was enqueued before jobs named one, on this prefix: it is run.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly handlers: Map<JobName, JobHandler>;
  private workers: Worker[] = [];
  /** BullMQ leaves a connection it was handed open: they are closed here, after the workers. */
  private connections: Redis[] = [];
  private claimCheck?: NodeJS.Timeout;

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(INSTALLATION) private readonly installation: Installation,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.handlers = indexHandlers(handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.workers = QUEUE_NAMES.map(
      (queue) =>
        new Worker(
          queue,
          async (job, token) => {
            const owner = installationOfJob(job.data);
            if (owner !== undefined && owner !== this.installation.id) await this.handBack(job, owner, token);
            const handler = this.handlers.get(job.name as JobName);
            if (!handler) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${queue}`);
            const { installation: _installation, ...payload } = job.data as Record<string, unknown>;
            const outcome = await handler.handle(payload as never, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
            if ('skipped' in outcome) this.logger.log({ job: job.name, jobId: job.id, reason: outcome.reason }, 'Job skipped');
            return outcome;
          },
          {
            connection: this.connect(),
            prefix: this.config.queue.prefix,
            concurrency: 8,
            autorun: true,
            // A running job renews its lock every half period. The jobs of a killed worker lose theirs
            // and another worker's stalled check, run as often, takes them back: within two periods.
            lockDuration: this.config.worker.jobLockMs,
            stalledInterval: this.config.worker.jobLockMs,
          },
        ),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) =>
        this.logger.error({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, reason: error.message, err: error }, 'Job failed'),
      );
      worker.on('error', (error) => this.logger.error({ err: error }, 'Worker connection error'));
      await worker.waitUntilReady();
    }
    // Redis may lose the claim with the rest of its data: put it back, as the schedules are.
    this.claimCheck = setInterval(() => void this.checkClaim(), this.config.worker.timerSweepEveryMs);
    this.claimCheck.unref();
    this.logger.log({ queues: QUEUE_NAMES, prefix: this.config.queue.prefix }, 'Consuming queues');
  }

  /** Waits for the jobs in progress to finish, so a SIGTERM never cuts one in half. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.claimCheck);
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  /** Back to the queue, untouched and not counted as an attempt, for a worker of the installation that enqueued it. */
  private async handBack(job: Job, owner: string, token: string | undefined): Promise<never> {
    this.logger.error(
      { job: job.name, jobId: job.id, jobInstallation: owner, installation: this.installation.id, prefix: this.config.queue.prefix },
      `A job of another Flyt installation is on the queue prefix "${this.config.queue.prefix}"; left for that installation. ` +
        'Give each installation its own QUEUE_PREFIX.',
    );
    await job.moveToDelayed(Date.now() + this.config.worker.jobLockMs, token);
    throw new DelayedError();
  }

  private async checkClaim(): Promise<void> {
    try {
      await claimQueuePrefix(this.redis, this.config.queue.prefix, this.installation);
    } catch (error) {
      // The jobs of the two stay apart (handBack); the operator must separate the installations.
      if (error instanceof QueuePrefixTaken) this.logger.error({ prefix: this.config.queue.prefix }, error.message);
      // Redis being down shows in /health and in the workers' own errors.
    }
  }

  private connect(): Redis {
    const connection = createRedis(this.config.redis.url);
    this.connections.push(connection);
    return connection;
  }
}
