import { Queue } from 'bullmq';
import type { FlytConfig } from '#flyt/config';
import { createRedis } from '#flyt/queue';

export interface OwnedQueue {
  queue: Queue;
  /** Closes the queue and its connection: BullMQ leaves a connection it was handed open. */
  close(): Promise<void>;
}

/** The notifications queue on a Redis connection of its own. */
export function openNotificationsQueue(config: FlytConfig): OwnedQueue {
  const connection = createRedis(config.redis.url);
  connection.on('error', () => undefined);
  const queue = new Queue('notifications', { connection, prefix: config.queue.prefix });
  queue.on('error', () => undefined);
  return {
    queue,
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
