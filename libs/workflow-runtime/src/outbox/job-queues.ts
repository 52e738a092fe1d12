import { Inject, Injectable, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { INSTALLATION, type Installation, JOB_QUEUES, type JobName, type JobPayloads, type QueueName, withInstallation } from '#flyt/queue';
import { timerJobId } from './job-ids.js';

/** Retries of a job whose handler threw: 8 tries, 1 s, 2 s, 4 s … apart. */
export const JOB_RETRY = { attempts: 8, backoff: { type: 'exponential', delay: 1000 } } as const;
/** Finished jobs stay a while for the dashboard, then go, so Redis does not grow with every deadline ever fired. */
export const JOB_RETENTION = { removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 }, removeOnFail: { age: 30 * 24 * 3600 } } as const;

export interface TimerJob {
  jobId: string;
  data: JobPayloads['timer.fire'];
  delay: number;
}

/** The delayed job that fires one generation of one timer at its due time (at once when overdue). */
export function timerJob(instanceId: string, timer: { timerId: string; generation: number; dueAt: string | Date }, now: number): TimerJob {
  const due = new Date(timer.dueAt).getTime();
  return {
    jobId: timerJobId(instanceId, timer.timerId, timer.generation),
    data: { instanceId, timerId: timer.timerId, generation: timer.generation },
    delay: Math.max(0, due - now),
  };
}

/**
 * The worker's producer side of the queues: the outbox relay and the sweeps add jobs through it.
 * Every job id is deterministic, so adding one twice (a relay retry, the sweeper) adds nothing twice.
 */
@Injectable()
export class JobQueues {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    /** Named in every job, so that a worker of another installation never takes it (see WorkerHost); absent where no installation was claimed (a benchmark). */
    @Optional() @Inject(INSTALLATION) private readonly installation?: Installation,
  ) {
    // Unlike a worker's connection, this one gives up on a command after a few reconnection
    // attempts: a relay waiting forever on a dead Redis would hold its rows locked.
    this.connection = new Redis(config.redis.url, { maxRetriesPerRequest: 3 });
    this.connection.on('error', () => undefined);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queue.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async scheduleTimer(instanceId: string, timer: { timerId: string; generation: number; dueAt: string | Date }): Promise<void> {
    const job = timerJob(instanceId, timer, Date.now());
    await this.add('timer.fire', job.data, job.jobId, job.delay);
  }

  /** The job goes; one already running cannot be removed (0), and its generation check finds it stale. */
  async cancelTimer(instanceId: string, timer: { timerId: string; generation: number }): Promise<void> {
    await this.queue('timers').remove(timerJobId(instanceId, timer.timerId, timer.generation));
  }

  async add<N extends JobName>(job: N, data: JobPayloads[N], jobId: string, delay: number, options: { attempts?: number } = {}): Promise<void> {
    await this.queue(JOB_QUEUES[job]).add(job, withInstallation(data, this.installation), { jobId, delay, ...JOB_RETRY, ...JOB_RETENTION, ...options });
  }

  /** False while the connection is down: a failure then is Redis's, not the row's. */
  redisReady(): boolean {
    return this.connection.status === 'ready';
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
