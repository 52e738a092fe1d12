import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { JOB_HANDLERS, indexHandlers, type JobHandler, type JobName, QUEUE_NAMES } from './job-registry.js';
import { createRedis } from './redis.module.js';

/** Consumes every queue and hands each job to its one handler. Only the worker process has it. */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly handlers: Map<JobName, JobHandler>;
  private workers: Worker[] = [];
  /** BullMQ leaves a connection it was handed open: they are closed here, after the workers. */
  private connections: Redis[] = [];

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
  ) {
    this.handlers = indexHandlers(handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.workers = QUEUE_NAMES.map(
      (queue) =>
        new Worker(
          queue,
          async (job) => {
            const handler = this.handlers.get(job.name as JobName);
            if (!handler) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${queue}`);
            const outcome = await handler.handle(job.data as never, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
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
    this.logger.log({ queues: QUEUE_NAMES, prefix: this.config.queue.prefix }, 'Consuming queues');
  }

  /** Waits for the jobs in progress to finish, so a SIGTERM never cuts one in half. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private connect(): Redis {
    const connection = createRedis(this.config.redis.url);
    this.connections.push(connection);
    return connection;
  }
}
