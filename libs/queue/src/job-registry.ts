/** Every queue of Flyt. Only apps/worker consumes them. */
export const QUEUE_NAMES = ['maintenance', 'notifications', 'timers', 'dead-letters'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Every job, the queue it runs on, and its payload (ids only: the database row is the truth). */
export interface JobPayloads {
  'worker.heartbeat': Record<string, never>;
  /** A workflow deadline is due: send its event, unless the timer was cancelled, moved (new generation) or already fired. */
  'timer.fire': { instanceId: string; timerId: string; generation: number };
  /** Reconciles Redis with PostgreSQL: a job for every pending timer, and a nudge for outbox rows left pending. */
  'timers.sweep': Record<string, never>;
  /** Sends one notification's e-mail (immediate delivery); skips one already sent. */
  'notification.email': { notificationId: string };
  /** The daily digest: one mail per digest user with the notifications not yet mailed. */
  'notification.digest': Record<string, never>;
  /** Re-enqueues immediate e-mails whose job was lost (a crash between commit and enqueue, Redis lost). */
  'notification.sweep': Record<string, never>;
  /** An outbox row died: shown as a failed job with its reason; retrying the job retries the row. */
  'outbox.dead': { outboxId: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUES: Record<JobName, QueueName> = {
  'worker.heartbeat': 'maintenance',
  'timer.fire': 'timers',
  'timers.sweep': 'timers',
  'notification.email': 'notifications',
  'notification.digest': 'notifications',
  'notification.sweep': 'notifications',
  'outbox.dead': 'dead-letters',
};

/** A job either did its work or skipped it on purpose, with the reason; failures throw so BullMQ retries them. */
export type JobOutcome = { done: true; detail?: string } | { skipped: true; reason: string };

export interface JobHandler<N extends JobName = JobName> {
  readonly job: N;
  handle(payload: JobPayloads[N], context: { jobId: string; attempt: number }): Promise<JobOutcome>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Start-up fails unless each job has exactly one handler. */
export function indexHandlers(handlers: readonly JobHandler[]): Map<JobName, JobHandler> {
  const byJob = new Map<JobName, JobHandler>();
  for (const handler of handlers) {
    if (byJob.has(handler.job)) throw new Error(`Two handlers for job ${handler.job}`);
    byJob.set(handler.job, handler);
  }
  const missing = (Object.keys(JOB_QUEUES) as JobName[]).filter((job) => !byJob.has(job));
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  return byJob;
}

/** The Redis key under which the newest worker heartbeat is kept. */
export function heartbeatKey(prefix: string): string {
  return `${prefix}:worker-heartbeat`;
}
