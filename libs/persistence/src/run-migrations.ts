import { DataSource } from 'typeorm';
import type { FlytConfig } from '#flyt/config';
import { dataSourceOptions } from './data-source-options.js';

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration; concurrent callers are serialised by an advisory lock. */
export async function runMigrations(config: Pick<FlytConfig, 'database'>): Promise<MigrationReport> {
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query(`SELECT pg_advisory_lock(hashtext('flyt.migrations'))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the newest `steps` migrations. */
export async function revertMigrations(config: Pick<FlytConfig, 'database'>, steps: number): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
  await dataSource.initialize();
  const reverted: string[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const before = await dataSource.query(`SELECT name FROM schema_migration ORDER BY id DESC LIMIT 1`);
      if (!before.length) break;
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted.push(before[0].name);
    }
    return reverted;
  } finally {
    await dataSource.destroy();
  }
}
