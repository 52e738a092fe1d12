// `npm run seed:scale [-- --database <name> --cases <n> --staff <n> --seed <n> --fresh]`: fills a database of
// its own (default `flyt_scale`; SCALE_DATABASE_URL or --database choose another) with the university after
// ten years of Flyt, written in bulk as the application would have written it. See bench/README.md.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { calendarFromConfig, deadlinePolicyFromConfig } from '#flyt/calendar';
import { IMPROVEMENT_CASE_REGISTRATION } from '#flyt/cases';
import { loadConfig, redactUrl } from '#flyt/config';
import { osloDay } from '#flyt/kernel';
import { databaseNameOf, dropDatabase, ensureDatabase, runMigrations, withDatabaseName } from '#flyt/persistence';
import { MachineRegistry } from '#flyt/workflow-runtime';
import { caseSeeds, mergeTargets, priorityRounds } from './case-seeds.js';
import { CaseSimulator, type SimulatedCase } from './case-simulation.js';
import { Random } from './random.js';
import { ScaleAuthority } from './scale-authority.js';
import { databaseState, DEFAULT_SCALE_DATABASE, markDatabase, refuseSharedDatabase } from './scale-database.js';
import { buildScaleOrganisation } from './scale-organisation.js';
import { assignEventIds, writeCases, writeOrganisation, type WrittenCounts } from './scale-writer.js';

const USAGE = 'usage: npm run seed:scale -- [--database <name or postgres:// url>] [--cases 50000] [--staff 5000] [--seed 1] [--batch 400] [--fresh]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      cases: { type: 'string', default: '50000' },
      staff: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '400' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  const target = values.database ?? process.env.SCALE_DATABASE_URL ?? DEFAULT_SCALE_DATABASE;
  const url = target.includes('://') ? target : withDatabaseName(config.database.url, target);
  refuseSharedDatabase(url, config.database.url);
  const cases = Number(values.cases);
  const staff = Number(values.staff);
  const seed = Number(values.seed);
  const batch = Number(values.batch);
  if (![cases, staff, seed, batch].every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`seed:scale: --cases, --staff, --seed and --batch are whole numbers above 0\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (values.fresh) {
    await dropDatabase(url);
    console.log(`Dropped ${databaseNameOf(url)} (--fresh).`);
  }
  const created = await ensureDatabase(url);
  await runMigrations({ database: { url, poolSize: 1 } });
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'flyt-seed-scale' });
  try {
    const state = await databaseState(pool);
    if (state.kind !== 'empty') {
      console.error(
        state.kind === 'seeded'
          ? `seed:scale: ${databaseNameOf(url)} is already seeded (${state.note}); nothing written. Run with --fresh to drop it and seed again.`
          : `seed:scale: ${databaseNameOf(url)} already holds data (${state.note}); nothing written. Seed only into a database of its own, or run with --fresh to drop it first.`,
      );
      return 3;
    }
    console.log(`${created ? 'Created' : 'Using the empty'} database ${redactUrl(url)} and applied the migrations (${elapsed()}).`);

    const now = new Date();
    const today = osloDay(now);
    const random = new Random(seed);
    const org = buildScaleOrganisation(random.fork(1), today, staff);
    const authority = new ScaleAuthority(org);
    const calendar = calendarFromConfig(config.deadlines);
    const registry = new MachineRegistry([IMPROVEMENT_CASE_REGISTRATION]);
    const policy = deadlinePolicyFromConfig(config.deadlines, calendar, registry);
    await markDatabase(pool, { status: 'in progress', seed, cases, staff, today, startedAt: now.toISOString() });
    {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await writeOrganisation(client, org);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    }
    console.log(
      `Organisation: ${org.units.length} units, ${org.users.length} people, ${org.processes.length} processes, ${org.assignments.length} role assignments, ` +
        `${org.mandates.length} mandates with ${org.absences.length} absences, since ${org.launch} (${elapsed()}).`,
    );

    const seeds = caseSeeds(org, authority, calendar, random.fork(2), cases, now);
    const simulator = new CaseSimulator({
      // Ten years lived before projects: version 3 starts a project at BP1, which the seed does not simulate.
      registration: registry.get(IMPROVEMENT_CASE_REGISTRATION.id, 2),
      authority,
      policy,
      calendar,
      now,
      rounds: priorityRounds(org.launch, today, calendar),
      mergeTarget: mergeTargets(seeds),
    });
    const deliveryOf = new Map(org.users.map((u) => [u.id, u.delivery]));
    const readers = random.fork(3);
    const totals: WrittenCounts = { instances: 0, events: 0, outbox: 0, timers: 0, notifications: 0, comments: 0 };
    let nextEventId = 1;
    let writing: Promise<void> = Promise.resolve();
    let lastReport = 0;
    const casesStarted = performance.now();
    for (let start = 0; start < seeds.length; start += batch) {
      // Each case lives by a source of its own, so a case is the same whatever the batch size.
      const lived: SimulatedCase[] = seeds.slice(start, start + batch).map((s) => simulator.live(s, new Random(seed * 1_000_003 + s.index)));
      nextEventId = assignEventIds(lived, nextEventId);
      await writing;
      writing = (async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const counts = await writeCases(client, lived, { random: readers, now, deliveryOf });
          await client.query('COMMIT');
          for (const k of Object.keys(totals) as (keyof WrittenCounts)[]) totals[k] += counts[k];
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      })();
      // Awaited before the next batch is written; this only keeps a failure from being reported as unhandled meanwhile.
      writing.catch(() => undefined);
      // Reported once the batch is written, so the figures are rows in the database.
      if (performance.now() - lastReport > 10_000 || start + batch >= seeds.length) {
        await writing;
        lastReport = performance.now();
        const rows = totals.instances * 2 + totals.events + totals.outbox + totals.timers + totals.notifications + totals.comments;
        const minutes = (performance.now() - casesStarted) / 60_000;
        console.log(
          `  ${totals.instances}/${seeds.length} cases, ${totals.events} events, ${totals.notifications} notifications, ${totals.outbox} outbox rows, ` +
            `${rows} rows in all (${Math.round(rows / minutes)} rows/min), ${elapsed()}`,
        );
      }
    }
    await writing;

    await pool.query(`SELECT setval('workflow_event_id_seq', (SELECT max(id) FROM workflow_event))`);
    await pool.query(`SELECT setval('improvement_case_reference_seq', $1)`, [seeds.length]);
    console.log(`Vacuuming and analysing (${elapsed()}) ...`);
    await pool.query('VACUUM (ANALYZE)');
    await markDatabase(pool, { status: 'complete', seed, cases, staff, today, startedAt: now.toISOString(), seconds: Math.round((performance.now() - started) / 1000) });
    await printSummary(pool);
    console.log(`Seeded ${databaseNameOf(url)} in ${elapsed()}. Check it with: DATABASE_URL=${redactUrl(url)} npm run replay-check`);
    return 0;
  } finally {
    await pool.end();
  }
}

async function printSummary(pool: pg.Pool): Promise<void> {
  const { rows: states } = await pool.query(
    `SELECT state, count(*)::int AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM improvement_case GROUP BY state ORDER BY n DESC`,
  );
  console.log('Cases by state:');
  for (const s of states) console.log(`  ${String(s.state).padEnd(34)} ${String(s.n).padStart(7)}  ${s.pct} %`);
  const { rows: sizes } = await pool.query(
    `SELECT relname AS table, n_live_tup::bigint AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
       FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY pg_total_relation_size(relid) DESC`,
  );
  console.log('Tables:');
  for (const t of sizes) console.log(`  ${String(t.table).padEnd(22)} ${String(t.rows).padStart(9)} rows  ${t.size}`);
  const { rows: timers } = await pool.query(`SELECT status, count(*)::int AS n FROM workflow_timer GROUP BY status ORDER BY status`);
  console.log(`Timers: ${timers.map((t) => `${t.n} ${t.status}`).join(', ')}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`seed:scale: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
