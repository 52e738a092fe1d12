import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { claimQueuePrefix, INSTALLATION, installationOf } from './installation.js';

export const REDIS = Symbol('REDIS');

/**
 * The ioredis connection of a process. `maxRetriesPerRequest: null` because BullMQ's workers block on
 * Redis: their commands must wait through a reconnection instead of failing after a few retries.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * The process's Redis, and the installation it works for. Resolving the installation claims the
 * queue prefix for it, so a process whose prefix holds another installation's jobs (another
 * database) stops at start-up, before it adds or takes a job, saying to set QUEUE_PREFIX.
 *
 * Why refuse to start rather than only sort jobs as they come: two installations on one prefix
 * share more than jobs. They share the recurring schedulers (same ids, so one installation's
 * upsert replaces the other's), the worker heartbeat /health reads, and the dashboard, where an
 * admin of one could retry or remove the other's jobs; and each installation's jobs would bounce
 * between the two sets of workers. So the mistake is made impossible to run with. The installation
 * named in every job (see WorkerHost) covers the one gap left: Redis losing the claim while both ran.
 */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [FLYT_CONFIG], useFactory: (config: FlytConfig) => createRedis(config.redis.url) },
    {
      provide: INSTALLATION,
      inject: [FLYT_CONFIG, REDIS, DataSource],
      useFactory: async (config: FlytConfig, redis: Redis, db: DataSource) => {
        const installation = await installationOf(db);
        await claimQueuePrefix(redis, config.queue.prefix, installation);
        return installation;
      },
    },
  ],
  exports: [REDIS, INSTALLATION],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    // Connection errors surface through health checks and failing commands; without a listener ioredis prints them raw.
    redis.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
