import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';

export const REDIS = Symbol('REDIS');

/**
 * The ioredis connection of a process. `maxRetriesPerRequest: null` because BullMQ's workers block on
 * Redis: their commands must wait through a reconnection instead of failing after a few retries.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [FLYT_CONFIG], useFactory: (config: FlytConfig) => createRedis(config.redis.url) }],
  exports: [REDIS],
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
