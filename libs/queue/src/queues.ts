import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FlytConfig } from '#flyt/config';
import { createRedis } from './redis.module.js';
import type { QueueName } from './job-registry.js';

/** A queue with a connection of its own: BullMQ leaves a connection it was handed open, so closing the queue closes it here. */
class QueueWithOwnConnection extends Queue {
  constructor(
    name: QueueName,
    private readonly ownConnection: Redis,
    prefix: string,
  ) {
    super(name, { connection: ownConnection, prefix });
  }

  override async close(): Promise<void> {
    await super.close();
    await this.ownConnection.quit().catch(() => this.ownConnection.disconnect());
  }
}

export function openQueue(config: FlytConfig, name: QueueName): Queue {
  const connection = createRedis(config.redis.url);
  const queue = new QueueWithOwnConnection(name, connection, config.queue.prefix);
  // Redis being down surfaces through the commands that fail and /health, not as unhandled 'error' events.
  connection.on('error', () => undefined);
  queue.on('error', () => undefined);
  return queue;
}
