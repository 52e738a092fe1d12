// Jest loads this file outside its module mapper: it may import npm packages only, not our libraries.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';

/** Drops every database and queue key this run created, and its build marker (test/support/compiled-build.ts). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.FLYT_TEST_RUN;
  if (!runId) return;
  rmSync(new URL(`../../../dist/.test-build-${runId}`, import.meta.url), { force: true });
  const databaseUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/flyt');
  databaseUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`flyt_test_${runId}_%`]);
    // The template last: clones may still be listed while they drop.
    rows.sort((a, b) => Number(a.datname.endsWith('_template')) - Number(b.datname.endsWith('_template')));
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `flyt-test-${runId}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
