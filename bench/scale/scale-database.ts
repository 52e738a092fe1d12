import type pg from 'pg';
import { databaseNameOf } from '#flyt/persistence';

/** The database `npm run seed:scale` fills and `npm run bench:api` reads, unless told otherwise. */
export const DEFAULT_SCALE_DATABASE = 'flyt_scale';

/** What the seed records about itself on the database (as its comment): how it was made, and whether it finished. */
export interface SeedMark {
  status: 'in progress' | 'complete';
  seed: number;
  cases: number;
  staff: number;
  /** The seed's present, as a day in Oslo. */
  today: string;
  startedAt: string;
  seconds?: number;
}

/**
 * Stops at once when `url` names a database others use: the application's own (DATABASE_URL), the
 * server's maintenance databases, or test databases. The seed and the benchmark write only into
 * databases of their own.
 */
export function refuseSharedDatabase(url: string, applicationUrl: string): void {
  const name = databaseNameOf(url);
  const reserved = new Set([databaseNameOf(applicationUrl), 'flyt', 'postgres', 'template0', 'template1', 'test']);
  if (reserved.has(name) || /^(flyt_test|test)/.test(name)) {
    throw new Error(`refusing to use the database "${name}": it is not one of the scale benchmark's own (use ${DEFAULT_SCALE_DATABASE} or another name of your own)`);
  }
}

export async function markDatabase(pool: pg.Pool, mark: SeedMark): Promise<void> {
  const { rows } = await pool.query(`SELECT format('COMMENT ON DATABASE %I IS %L', current_database(), $1::text) AS sql`, [`seed:scale ${JSON.stringify(mark)}`]);
  await pool.query(rows[0].sql);
}

export async function readMark(pool: pg.Pool): Promise<SeedMark | null> {
  const { rows } = await pool.query(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = current_database()`);
  const note = rows[0]?.note as string | null;
  if (!note?.startsWith('seed:scale ')) return null;
  return JSON.parse(note.slice('seed:scale '.length)) as SeedMark;
}

/** Whether the database is empty (migrated, no organisation), seeded by this tool, or holds other data. */
export async function databaseState(pool: pg.Pool): Promise<{ kind: 'empty' } | { kind: 'seeded' | 'other'; note: string }> {
  const { rows } = await pool.query(`SELECT (SELECT count(*) FROM unit)::int AS units, (SELECT count(*) FROM improvement_case)::int AS cases`);
  const { units, cases } = rows[0] as { units: number; cases: number };
  if (units === 0 && cases === 0) return { kind: 'empty' };
  const mark = await readMark(pool);
  if (mark?.status === 'complete') return { kind: 'seeded', note: `${cases} cases, seed ${mark.seed}, on ${mark.today}` };
  if (mark) return { kind: 'other', note: `a seed begun ${mark.startedAt} did not finish: ${units} units, ${cases} cases` };
  return { kind: 'other', note: `${units} units, ${cases} cases` };
}
