import { randomBytes } from 'node:crypto';
import { loadConfig, type FlytConfig } from '#flyt/config';
import { withDatabaseName } from '#flyt/persistence';

/**
 * Every test run has an id; its databases and queue prefixes carry it, so parallel Jest workers
 * and parallel runs never see each other's data. The global setup sets FLYT_TEST_RUN.
 */
export function testRunId(): string {
  const id = process.env.FLYT_TEST_RUN;
  if (!id) throw new Error('FLYT_TEST_RUN is not set: run the tests through jest (global setup)');
  return id;
}

export function templateDatabaseName(runId = testRunId()): string {
  return `flyt_test_${runId}_template`;
}

/** Configuration for a test: the machine's servers (or DATABASE_URL/REDIS_URL when set), quiet logs. */
export function baseTestConfig(): FlytConfig {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  return config;
}

/**
 * A name unique in this run: `flyt_test_<run>_<worker>_<random>`. Random, not counted: Jest gives
 * each test file fresh module state, so a counter would start again at 1 for the next file in the
 * same worker process and hand it the previous file's database and queue prefix.
 */
export function uniqueTestName(kind: 'db' | 'queue'): string {
  const worker = process.env.JEST_WORKER_ID ?? '0';
  const suffix = `${worker}_${randomBytes(6).toString('hex')}`;
  return kind === 'db' ? `flyt_test_${testRunId()}_${suffix}` : `flyt-test-${testRunId()}-${suffix.replace(/_/g, '-')}`;
}

export function serverUrlFor(database: string): string {
  return withDatabaseName(baseTestConfig().database.url, database);
}
