import { Redis } from 'ioredis';
import pg from 'pg';
import { redactUrl } from '#flyt/config';
import { hostAndPortOf, withDatabaseName } from './database-url.js';

const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

/** A server Flyt needs could not be reached; the message is one line that says which, where and what to do. */
export class ServerUnreachable extends Error {
  constructor(
    readonly server: 'PostgreSQL' | 'Redis',
    readonly address: string,
    cause: string,
    hint: string,
  ) {
    super(`${server} is not reachable at ${address} (${cause}). ${hint}`);
    this.name = 'ServerUnreachable';
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message?.split('\n')[0] ?? String(error);
}

/** Connects to the server's maintenance database, so a database that does not exist yet is not an error. */
export async function assertPostgresReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres'), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ServerUnreachable(
      'PostgreSQL',
      hostAndPortOf(url, 5432),
      describe(error),
      `Check DATABASE_URL (${redactUrl(url)}) or start it with: ${START_POSTGRES}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function assertRedisReachable(url: string, timeoutMs = 5000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let connectionError: unknown;
  redis.on('error', (error) => (connectionError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServerUnreachable(
      'Redis',
      hostAndPortOf(url, 6379),
      describe(connectionError ?? error),
      `Check REDIS_URL (${redactUrl(url)}) or start it with: ${START_REDIS}`,
    );
  } finally {
    redis.disconnect();
  }
}
