import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PublicRoute } from '#flyt/access';
import { ApiAnswer } from '#flyt/http';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { heartbeatKey, REDIS } from '#flyt/queue';

const CHECK_TIMEOUT_MS = 2000;

const COMPONENT = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number().optional(), error: z.string().optional() });
const WORKER = z
  .object({ status: z.enum(['up', 'down', 'unknown']), lastHeartbeatAt: z.iso.datetime().nullable(), worker: z.string().nullable() })
  .describe('Informative: whether a worker consumed its queues lately. It does not change the status code.');
export const HEALTH = z
  .object({ status: z.enum(['ok', 'unavailable']), checks: z.object({ postgres: COMPONENT, redis: COMPONENT }), worker: WORKER })
  .meta({ id: 'Health' });
type Component = z.infer<typeof COMPONENT>;

async function probe(check: () => Promise<unknown>): Promise<Component> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer; 503 when either does not' })
  @ApiAnswer(200, HEALTH, 'Both servers answer')
  @ApiAnswer(503, HEALTH, 'PostgreSQL or Redis does not answer')
  async health(@Res({ passthrough: true }) response: Response) {
    const [postgres, redis] = await Promise.all([probe(() => this.db.query('SELECT 1')), probe(() => this.redis.ping())]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis }, worker: await this.worker(redis.status === 'up') };
  }

  private async worker(redisUp: boolean): Promise<z.infer<typeof WORKER>> {
    if (!redisUp) return { status: 'unknown', lastHeartbeatAt: null, worker: null };
    const beat = await this.redis.get(heartbeatKey(this.config.queue.prefix)).catch(() => null);
    if (!beat) return { status: 'down', lastHeartbeatAt: null, worker: null };
    const { at, worker } = JSON.parse(beat) as { at: string; worker: string };
    return { status: 'up', lastHeartbeatAt: at, worker };
  }
}
