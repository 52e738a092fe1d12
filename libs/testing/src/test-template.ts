import pg from 'pg';
import { ensureDatabase, runMigrations, withDatabaseName } from '#flyt/persistence';
import { baseTestConfig, templateDatabaseName } from './test-run.js';

let ready: Promise<void> | undefined;

/**
 * The run's migrated template database, built once by whichever test file gets there first.
 * Jest workers are separate processes, so an advisory lock on the server serialises them.
 */
export function ensureTemplateDatabase(): Promise<void> {
  ready ??= buildTemplate();
  return ready;
}

async function buildTemplate(): Promise<void> {
  const config = baseTestConfig();
  const lock = new pg.Client({ connectionString: withDatabaseName(config.database.url, 'postgres') });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [templateDatabaseName()]);
    const url = withDatabaseName(config.database.url, templateDatabaseName());
    await ensureDatabase(url);
    await runMigrations({ database: { ...config.database, url } });
  } finally {
    await lock.end();
  }
}
