// `npm run bench:transitions`: durable transitions per second and their latency through the
// workflow runtime at concurrency 1, 8 and 32, side by side with pgbench running a transaction of
// the same shape (lock the row, update a jsonb snapshot, insert an event, insert an outbox row).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { loadConfig } from '#flyt/config';
import { SYSTEM_CLOCK } from '#flyt/kernel';
import { withDatabaseName, dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '#flyt/persistence';
import { MachineRegistry, NOMINAL_DEADLINES, sqlOfManager, TimerStore, type WorkflowActor, type WorkflowRegistration, WorkflowReplay, WorkflowRuntime } from '#flyt/workflow-runtime';
import { describeMachine, percentile, writeResultsSection } from '../support/bench-report.js';

const CONCURRENCY = [1, 8, 32];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARM_UP_SECONDS = 2;
const ROWS_PER_CLIENT = 50;

/** One toggle per event, guarded by role, with one named effect: the shape of a real transition. */
const benchMachine = setup({
  types: {} as {
    context: { count: number };
    events: { type: 'PING'; payload: Record<string, never>; actor: WorkflowActor; facts: Record<string, never> };
  },
  guards: { actorHolds: ({ event }, params: { roles: string[] }) => params.roles.some((role) => event.actor.roles.includes(role)) },
  actions: { notify: (_, _params: { to: string; template: string }) => {} },
}).createMachine({
  id: 'bench',
  initial: 'idle',
  context: { count: 0 },
  states: {
    idle: {
      meta: { label: { nb: 'Ledig', en: 'Idle' } },
      on: {
        PING: { target: 'busy', guard: { type: 'actorHolds', params: { roles: ['bencher'] } }, actions: [assign({ count: ({ context }) => context.count + 1 }), { type: 'notify', params: { to: 'bencher', template: 'pinged' } }] },
      },
    },
    busy: {
      meta: { label: { nb: 'Opptatt', en: 'Busy' } },
      on: {
        PING: { target: 'idle', guard: { type: 'actorHolds', params: { roles: ['bencher'] } }, actions: [assign({ count: ({ context }) => context.count + 1 }), { type: 'notify', params: { to: 'bencher', template: 'pinged' } }] },
      },
    },
  },
});
const BENCH_WORKFLOW: WorkflowRegistration = {
  id: 'bench',
  noun: { nb: 'måling', en: 'measurement' },
  roleNames: { bencher: { nb: 'måleren', en: 'the bencher' } },
  versions: [{ version: 1, machine: benchMachine, roles: ['bencher'], events: { PING: z.strictObject({}) } }],
  deadlines: {},
  notifications: {
    recipients: ['bencher'],
    templates: { pinged: { nb: { subject: 'Ping', lead: () => 'Ping.' }, en: { subject: 'Ping', lead: () => 'Ping.' } } },
    openLink: { nb: 'Åpne', en: 'Open' },
  },
  // No relay runs in this benchmark: the notify rows stay in the outbox, as they would until a worker relays them.
  subject: async () => null,
  recipients: async () => [],
};

const PGBENCH_SCHEMA = `
  DROP TABLE IF EXISTS pgb_outbox, pgb_event, pgb_instance;
  CREATE TABLE pgb_instance (
    id integer PRIMARY KEY, workflow_id text NOT NULL DEFAULT 'bench', snapshot jsonb NOT NULL, state text NOT NULL, revision integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX pgb_instance_state_idx ON pgb_instance (workflow_id, state);
  CREATE TABLE pgb_event (
    id bigserial PRIMARY KEY, instance_id integer NOT NULL REFERENCES pgb_instance(id), revision integer NOT NULL, type text NOT NULL,
    payload jsonb NOT NULL, actor_id uuid REFERENCES app_user(id), actor_roles text[] NOT NULL, facts jsonb NOT NULL, authority jsonb, from_state text, to_state text NOT NULL,
    idempotency_key text, occurred_at timestamptz NOT NULL DEFAULT now(), UNIQUE (instance_id, revision), UNIQUE (instance_id, idempotency_key));
  CREATE TABLE pgb_outbox (
    id bigserial PRIMARY KEY, instance_id integer NOT NULL REFERENCES pgb_instance(id), event_id bigint NOT NULL REFERENCES pgb_event(id),
    kind text NOT NULL, key text NOT NULL UNIQUE, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0, last_error text, processed_at timestamptz);
  CREATE INDEX pgb_outbox_pending_idx ON pgb_outbox (id) WHERE processed_at IS NULL;
`;

const PGBENCH_SCRIPT = `
\\set id :client_id * ${ROWS_PER_CLIENT} + random(1, ${ROWS_PER_CLIENT})
BEGIN;
SELECT snapshot, state, revision FROM pgb_instance WHERE id = :id FOR UPDATE;
UPDATE pgb_instance SET snapshot = jsonb_set(snapshot, '{context,count}', to_jsonb(revision + 1)), state = CASE state WHEN 'idle' THEN 'busy' ELSE 'idle' END, revision = revision + 1, updated_at = now() WHERE id = :id;
INSERT INTO pgb_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, authority, from_state, to_state) SELECT id, revision, 'PING', '{}', :actor, '{bencher}', '{}', '{"role":"bencher","basis":"bench"}', 'idle', state FROM pgb_instance WHERE id = :id;
INSERT INTO pgb_outbox (instance_id, event_id, kind, key, payload) VALUES (:id, currval('pgb_event_id_seq'), 'notify', gen_random_uuid()::text, '{"to":"bencher"}');
END;
`;

interface Figures {
  concurrency: number;
  transactions: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function runtimeFigures(runtime: WorkflowRuntime, instances: string[][], actor: WorkflowActor, concurrency: number, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      const own = instances[client]!;
      for (let i = 0; performance.now() < deadline; i += 1) {
        const t0 = performance.now();
        await runtime.send({ instanceId: own[i % own.length]!, type: 'PING', payload: {}, actor, grants: [{ role: 'bencher', basis: 'bench' }], facts: {} });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, transactions: latencies.length, perSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

function pgbenchFigures(url: string, actorId: string, concurrency: number, seconds: number): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'flyt-pgbench-'));
  try {
    const script = join(dir, 'transition.sql');
    writeFileSync(script, PGBENCH_SCRIPT);
    const db = new URL(url);
    const args = ['-n', '-c', String(concurrency), '-j', String(Math.min(concurrency, 2)), '-T', String(seconds), '-f', script, '-D', `actor='${actorId}'`, '--log', `--log-prefix=${join(dir, 'log')}`];
    args.push('-h', db.hostname, '-p', db.port || '5432', '-U', decodeURIComponent(db.username || 'postgres'), db.pathname.slice(1));
    const output = execFileSync('pgbench', args, { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(db.password) } });
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    return { concurrency, transactions: latencies.length, perSecond: tps, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const url = withDatabaseName(config.database.url, `flyt_bench_transitions_${process.pid}`);
  await ensureDatabase(url);
  const maxClients = Math.max(...CONCURRENCY);
  const db = new DataSource({ ...dataSourceOptions({ database: { url, poolSize: maxClients + 2 } }), extra: { max: maxClients + 2 } });
  try {
    await runMigrations({ database: { url, poolSize: 2 } });
    await db.initialize();
    const [unit] = await db.query(`INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('B', 'Bench', 'Bench', 'university', '{}') RETURNING id`);
    await db.query(`UPDATE unit SET path = ARRAY[id]`);
    const [user] = await db.query(`INSERT INTO app_user (email, name, unit_id) VALUES ('bench@flyt.example', 'Bench', $1) RETURNING id`, [unit.id]);
    const actor: WorkflowActor = { userId: user.id, roles: ['bencher'] };

    const registry = new MachineRegistry([BENCH_WORKFLOW]);
    const runtime = new WorkflowRuntime(db, registry, SYSTEM_CLOCK, new TimerStore(db, SYSTEM_CLOCK, registry, NOMINAL_DEADLINES));
    const instances: string[][] = [];
    for (let client = 0; client < maxClients; client += 1) {
      const own: string[] = [];
      await db.transaction(async (manager) => {
        for (let i = 0; i < ROWS_PER_CLIENT; i += 1) {
          const id = randomUUID();
          await runtime.start(sqlOfManager(manager), { instanceId: id, workflowId: 'bench', input: undefined, actor });
          own.push(id);
        }
      });
      instances.push(own);
    }
    await db.query(PGBENCH_SCHEMA);
    await db.query(
      `INSERT INTO pgb_instance (id, snapshot, state, revision)
       SELECT g, '{"status":"active","value":"idle","context":{"count":0},"children":{},"historyValue":{}}', 'idle', 0 FROM generate_series(0, $1) g`,
      [(maxClients + 1) * ROWS_PER_CLIENT],
    );
    await db.query('VACUUM ANALYZE');

    const rows: { runtime: Figures; pgbench: Figures }[] = [];
    for (const concurrency of CONCURRENCY) {
      await runtimeFigures(runtime, instances, actor, concurrency, WARM_UP_SECONDS);
      pgbenchFigures(url, user.id, concurrency, WARM_UP_SECONDS);
      // Alternate the two so that neither gets the quieter moment of the machine.
      const pgbench = pgbenchFigures(url, user.id, concurrency, SECONDS);
      const measured = await runtimeFigures(runtime, instances, actor, concurrency, SECONDS);
      rows.push({ runtime: measured, pgbench });
      console.log(
        `concurrency ${String(concurrency).padStart(2)}: runtime ${measured.perSecond.toFixed(0)}/s p50 ${measured.p50Ms.toFixed(2)} ms p99 ${measured.p99Ms.toFixed(2)} ms | ` +
          `pgbench ${pgbench.perSecond.toFixed(0)}/s p50 ${pgbench.p50Ms.toFixed(2)} ms p99 ${pgbench.p99Ms.toFixed(2)} ms | ratio ${(measured.perSecond / pgbench.perSecond).toFixed(2)}`,
      );
    }
    const replay = await new WorkflowReplay(db, registry).replayAll('bench');
    console.log(`replay check: ${replay.checked} instances, ${replay.mismatched.length} mismatched`);

    const single = rows[0]!;
    const eight = rows.find((r) => r.runtime.concurrency === 8)!;
    const table = [
      '| concurrency | runtime transitions/s | runtime p50 / p99 (ms) | pgbench tps | pgbench p50 / p99 (ms) | throughput ratio |',
      '|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        ({ runtime: r, pgbench: p }) =>
          `| ${r.concurrency} | ${r.perSecond.toFixed(0)} | ${r.p50Ms.toFixed(2)} / ${r.p99Ms.toFixed(2)} | ${p.perSecond.toFixed(0)} | ${p.p50Ms.toFixed(2)} / ${p.p99Ms.toFixed(2)} | ${(r.perSecond / p.perSecond).toFixed(2)} |`,
      ),
    ];
    const verdicts = [
      `- Throughput at concurrency 8: ${(eight.runtime.perSecond / eight.pgbench.perSecond).toFixed(2)} of pgbench (aim: at least 0.70).`,
      `- Single-client latency (p50): ${(single.runtime.p50Ms / single.pgbench.p50Ms).toFixed(2)}× pgbench's (aim: within 3×).`,
      `- Replay after the run: ${replay.checked} instances rebuilt from their event logs, ${replay.mismatched.length} mismatched.`,
    ];
    const machine = await describeMachine(db);
    writeResultsSection(
      'transitions',
      [
        `## Durable transitions (\`npm run bench:transitions\`)`,
        '',
        `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${SECONDS} s per measurement after ${WARM_UP_SECONDS} s of warm-up, each client on its own ${ROWS_PER_CLIENT} instances.`,
        `The runtime: one event through \`WorkflowRuntime.send\` (restore, guard by role, step, lock, compare-and-swap, event log, outbox) on a pg connection of the pool.`,
        `pgbench: the same transaction in SQL (lock the row, update the jsonb snapshot, insert the event, insert an outbox row) on tables of the same shape.`,
        `Round trips: the runtime sends BEGIN with the row lock, then one prepared statement for the snapshot, the event and the outbox rows, then COMMIT (three);`,
        `pgbench sends its six statements one by one. Where round trips dominate (one client) the runtime can therefore be the faster; with more clients the CPU`,
        `both share with PostgreSQL on this machine is the limit, and the runtime's own work (restoring and stepping the machine in Node) shows in the ratio.`,
        '',
        ...table,
        '',
        ...verdicts,
        '',
        machine,
      ].join('\n'),
    );
  } finally {
    if (db.isInitialized) await db.destroy();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
