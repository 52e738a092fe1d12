import { type JobsOptions, Queue } from 'bullmq';
import type { FlytConfig } from '#flyt/config';
import { createRedis, type Installation, type JobPayloads, withInstallation } from '#flyt/queue';

export interface OwnedQueue {
  queue: Queue;
  /** Adds e-mail jobs naming the installation, so that only its own workers take them (see WorkerHost). */
  addEmails(jobs: readonly { data: JobPayloads['notification.email']; opts: JobsOptions }[]): Promise<void>;
  /** Closes the queue and its connection: BullMQ leaves a connection it was handed open. */
  close(): Promise<void>;
}

/** The notifications queue on a Redis connection of its own, adding jobs for `installation`. */
export function openNotificationsQueue(config: FlytConfig, installation?: Installation): OwnedQueue {
  const connection = createRedis(config.redis.url);
  connection.on('error', () => undefined);
  const queue = new Queue('notifications', { connection, prefix: config.queue.prefix });
  queue.on('error', () => undefined);
  return {
    queue,
    async addEmails(jobs) {
      await queue.addBulk(jobs.map(({ data, opts }) => ({ name: 'notification.email', data: withInstallation(data, installation), opts })));
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
