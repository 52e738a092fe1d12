import { Inject, Injectable, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { JOB_QUEUES, type JobName, type JobPayloads, type QueueName } from '#flyt/queue';
import { timerJobId } from './domain/job-ids.js';
import { type OutboxRow, type TimerCancelPayload, type TimerSchedulePayload, UnknownOutboxKind } from './domain/outbox-row.js';

/** Statements in the relay's transaction. */
export interface OutboxSql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The notifications library: writes the notifications of one `notify` row in the relay's
 * transaction, idempotently (the row's key), answering the ids to e-mail at once; their e-mail
 * jobs are enqueued after the commit. Without it a `notify` row fails, visibly.
 */
export interface NotifyDelivery {
  deliverEffect(sql: OutboxSql, effect: { key: string; instanceId: string; eventId: string; payload: unknown }): Promise<readonly string[]>;
  enqueueEmails(notificationIds: readonly string[]): Promise<void>;
}
export const NOTIFY_DELIVERY = Symbol('NOTIFY_DELIVERY');

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
 * Carries out one outbox row against Redis. Every enqueue has a deterministic job id, so
 * dispatching a row twice (a crash after enqueueing but before the commit) adds nothing twice.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Optional() @Inject(NOTIFY_DELIVERY) private readonly notifications?: NotifyDelivery,
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

  /** Carries out the row; answers the notifications to e-mail once the transaction has committed. */
  async dispatch(row: OutboxRow, tx: OutboxSql): Promise<readonly string[]> {
    switch (row.kind) {
      case 'timer.schedule':
        await this.scheduleTimer(row.instanceId, row.payload as unknown as TimerSchedulePayload);
        return [];
      case 'timer.cancel':
        await this.cancelTimer(row.instanceId, row.payload as unknown as TimerCancelPayload);
        return [];
      case 'notify':
        if (!this.notifications) throw new Error('No notification delivery is registered in this process');
        return this.notifications.deliverEffect(tx, row);
      default:
        throw new UnknownOutboxKind(row.kind);
    }
  }

  /** After the commit: a lost enqueue is found again by the notifications' own sweep. */
  async enqueueEmails(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length && this.notifications) await this.notifications.enqueueEmails(notificationIds);
  }

  async scheduleTimer(instanceId: string, timer: { timerId: string; generation: number; dueAt: string | Date }): Promise<void> {
    const job = timerJob(instanceId, timer, Date.now());
    await this.add('timer.fire', job.data, job.jobId, job.delay);
  }

  /** The job goes; one already running cannot be removed (0), and its generation check finds it stale. */
  async cancelTimer(instanceId: string, timer: TimerCancelPayload): Promise<void> {
    await this.queue('timers').remove(timerJobId(instanceId, timer.timerId, timer.generation));
  }

  async add<N extends JobName>(job: N, data: JobPayloads[N], jobId: string, delay: number): Promise<void> {
    await this.queue(JOB_QUEUES[job]).add(job, data, { jobId, delay, ...JOB_RETRY, ...JOB_RETENTION });
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
