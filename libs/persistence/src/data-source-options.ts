import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { FlytConfig } from '#flyt/config';
import { MIGRATIONS } from './migrations/index.js';

// A PostgreSQL `date` is a calendar day, not an instant: keep it as YYYY-MM-DD instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** Options shared by the apps, the migration command and the tests. Schema changes go through migrations only. */
export function dataSourceOptions(config: Pick<FlytConfig, 'database'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    extra: { max: config.database.poolSize, application_name: 'flyt' },
  };
}
