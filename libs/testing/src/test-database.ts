import { DataSource } from 'typeorm';
import type { FlytConfig } from '#flyt/config';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '#flyt/persistence';
import { baseTestConfig, serverUrlFor, templateDatabaseName, uniqueTestName } from './test-run.js';
import { ensureTemplateDatabase } from './test-template.js';

export interface TestEnvironment {
  config: FlytConfig;
  /** A plain data source on the test database, for arranging and asserting rows. */
  db: DataSource;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database and a queue prefix of its own for one test file: cloned from the
 * run's template, so migrations ran once for the whole run.
 */
export async function createTestEnvironment(overrides: (config: FlytConfig) => FlytConfig = (c) => c): Promise<TestEnvironment> {
  await ensureTemplateDatabase();
  const base = baseTestConfig();
  const url = serverUrlFor(uniqueTestName('db'));
  await ensureDatabase(url, { template: templateDatabaseName() });
  const config = overrides({ ...base, database: { ...base.database, url, poolSize: 5 }, queue: { prefix: uniqueTestName('queue') } });
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 3 } });
  await db.initialize();
  return {
    config,
    db,
    async drop() {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}
