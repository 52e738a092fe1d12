// `npm run bench:api [-- --database flyt_scale --seconds 10 --levels 1,10,50 --keep --in-place]`: the API
// against ten years of data (`npm run seed:scale`), measured with autocannon at 1, 10 and 50 concurrent
// users, side by side with the same reads in one SQL statement each on a pg pool. See bench/README.md.
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { calendarFromConfig, deadlinePolicyFromConfig } from '#flyt/calendar';
import { IMPROVEMENT_CASE_REGISTRATION } from '#flyt/cases';
import { loadConfig, redactUrl } from '#flyt/config';
import { osloDay } from '#flyt/kernel';
import { databaseNameOf, dropDatabase, runMigrations, withDatabaseName } from '#flyt/persistence';
import { MachineRegistry } from '#flyt/workflow-runtime';
import { referenceOf } from '../scale/case-seeds.js';
import { type CaseSeed, CaseSimulator } from '../scale/case-simulation.js';
import { Random } from '../scale/random.js';
import { ScaleAuthority } from '../scale/scale-authority.js';
import { DEFAULT_SCALE_DATABASE, readMark, refuseSharedDatabase } from '../scale/scale-database.js';
import { caseText, PROCESS_TOPICS } from '../scale/scale-text.js';
import { assignEventIds, readOrganisation, writeCases } from '../scale/scale-writer.js';
import { describeMachine, percentile, writeResultsSection } from '../support/bench-report.js';
import type { ProfileEntry, ServerCommand, StatementStats } from './api-server.main.js';
import { busiest, type BusyProcess, cpuSnapshot } from './machine-load.js';
import { RAW_CASE_LIST, RAW_CASE_PAGE, RAW_INBOX } from './raw-queries.js';

const USAGE = 'usage: npm run bench:api -- [--database <name or url>] [--seconds 10] [--warmup 3] [--levels 1,10,50] [--keep] [--in-place]';
const FINAL_STATES = ['implemented', 'closed', 'rejected', 'declined', 'withdrawn', 'merged'];
const PAGE = 50;
/** Seconds each user thinks between requests in the paced measurement. */
const PACE_SECONDS = 5;

interface Figures {
  concurrency: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  failures: number;
  /** What else used the CPU meanwhile (not this benchmark, its API or PostgreSQL serving them). */
  others: BusyProcess[];
}

interface ReadScenario {
  key: 'inbox' | 'caseList' | 'casePage';
  title: string;
  request: string;
  token: string;
  path: () => string;
  raw: { text: string; params: () => unknown[] };
}

// --- The API in a process of its own ------------------------------------------------------------

class ApiProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (value: { result?: unknown; error?: string }) => void>();

  private constructor(readonly child: ChildProcess) {
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
  }

  static async start(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
    const child = fork(fileURLToPath(new URL('./api-server.main.js', import.meta.url)), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the API process exited with ${code} before it listened`)));
    });
    return new ApiProcess(child);
  }

  async ask<T>(request: ServerCommand): Promise<T> {
    const id = this.nextId++;
    const answer = await new Promise<{ result?: unknown; error?: string }>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
    this.waiting.delete(id);
    if (answer.error) throw new Error(answer.error);
    return answer.result as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

// --- Load: autocannon for the API, a closed loop on a pg pool for SQL -----------------------------

/** Processes of ours: this one, the API, and PostgreSQL backends serving the benchmark's database. */
const ourProcesses = { pids: new Set<number>(), database: '' };

function others(before: ReturnType<typeof cpuSnapshot>, seconds: number): BusyProcess[] {
  return busiest(before, cpuSnapshot(), seconds, 20)
    .filter((p) => !ourProcesses.pids.has(p.pid) && !(ourProcesses.database && p.command.startsWith('postgres:') && p.command.includes(` ${ourProcesses.database} `)))
    .filter((p) => p.cpuPercent >= 3)
    .slice(0, 6);
}

async function httpLoad(options: {
  base: string;
  token: string;
  connections: number;
  seconds?: number;
  amount?: number;
  /** Requests per second all connections together send at most: users who think between requests. */
  overallRate?: number;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: () => string;
}): Promise<Figures> {
  const before = cpuSnapshot();
  const started = performance.now();
  const result = await autocannon({
    url: options.base,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 60,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: options.method ?? 'GET',
        setupRequest: (request) => ({ ...request, path: options.path(), ...(options.body ? { body: options.body() } : {}) }),
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency: options.connections,
    requests: result.requests.total,
    seconds,
    perSecond: result.requests.total / Math.max(0.001, (result.finish.getTime() - result.start.getTime()) / 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    failures: result.non2xx + result.errors + result.timeouts,
    others: others(before, seconds),
  };
}

async function sqlLoad(pool: pg.Pool, concurrency: number, seconds: number, text: string, params: () => unknown[]): Promise<Figures> {
  const before = cpuSnapshot();
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await pool.query(text, params());
          latencies.push(performance.now() - t0);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    meanMs: latencies.reduce((sum, l) => sum + l, 0) / Math.max(1, latencies.length),
    failures,
    others: others(before, elapsed),
  };
}

// --- The run ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      levels: { type: 'string', default: '1,10,50' },
      keep: { type: 'boolean', default: false },
      'in-place': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const levels = values.levels.split(',').map(Number);
  const config = loadConfig(process.env);
  const target = values.database ?? process.env.SCALE_DATABASE_URL ?? DEFAULT_SCALE_DATABASE;
  const sourceUrl = target.includes('://') ? target : withDatabaseName(config.database.url, target);
  refuseSharedDatabase(sourceUrl, config.database.url);

  const source = new pg.Pool({ connectionString: sourceUrl, max: 1 });
  const mark = await readMark(source).catch(() => null);
  await source.end();
  if (mark?.status !== 'complete') {
    console.error(`bench:api: ${databaseNameOf(sourceUrl)} is not a finished seed:scale database; run \`npm run seed:scale\` first.`);
    return 2;
  }

  // A copy of the seeded database, so the events the benchmark sends leave the seed as it was.
  const started = performance.now();
  const benchUrl = values['in-place'] ? sourceUrl : withDatabaseName(sourceUrl, `${databaseNameOf(sourceUrl)}_api_bench`);
  if (!values['in-place']) {
    await dropDatabase(benchUrl);
    const admin = new pg.Client({ connectionString: withDatabaseName(sourceUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${databaseNameOf(benchUrl).replace(/"/g, '""')}" TEMPLATE "${databaseNameOf(sourceUrl).replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
    console.log(`Copied ${databaseNameOf(sourceUrl)} to ${databaseNameOf(benchUrl)} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  }

  // The schema as the code measured expects it: a seed made before a migration (an index, say) gets it here, as `npm run migrate` would give it.
  const { applied } = await runMigrations({ database: { url: benchUrl, poolSize: 1 } });
  if (applied.length) console.log(`Applied ${applied.join(', ')} to ${databaseNameOf(benchUrl)}.`);

  const pool = new pg.Pool({ connectionString: benchUrl, max: Math.max(...levels) + 5, application_name: 'flyt-bench-api-sql' });
  const port = 3400 + (process.pid % 500);
  const base = `http://127.0.0.1:${port}`;
  let api: ApiProcess | null = null;
  try {
    const now = new Date();
    const today = osloDay(now);
    const reader = await pool.connect();
    const org = await readOrganisation(reader, today).finally(() => reader.release());
    const authority = new ScaleAuthority(org);
    const facts = await pool.query(
      `SELECT (SELECT count(*) FROM improvement_case)::int AS cases, (SELECT count(*) FROM workflow_event)::int AS events,
              (SELECT count(*) FROM notification)::int AS notifications, (SELECT count(*) FROM workflow_outbox)::int AS outbox,
              (SELECT count(*) FROM improvement_case WHERE NOT (state = ANY($1::text[])))::int AS open,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
      [FINAL_STATES],
    );
    const data = facts.rows[0] as { cases: number; events: number; notifications: number; outbox: number; open: number; size: string };

    // The subjects: the dean with the most open cases below them, and the process responsible of the busiest process.
    const dean = (
      await pool.query(
        `SELECT u.id, u.email, u.name, f.id AS unit_id, f.name_nb AS unit_name,
                (SELECT count(*) FROM improvement_case c JOIN unit ru ON ru.id = c.reporting_unit_id
                  WHERE ru.path @> ARRAY[f.id] AND NOT (c.state = ANY($1::text[])))::int AS open
           FROM role_assignment a JOIN unit f ON f.id = a.unit_id AND f.kind = 'faculty' JOIN app_user u ON u.id = a.user_id
          WHERE a.role = 'line_manager' AND a.ended_at IS NULL AND u.ended_at IS NULL
            AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
          ORDER BY open DESC LIMIT 1`,
        [FINAL_STATES, today],
      )
    ).rows[0] as { id: string; email: string; name: string; unit_id: string; unit_name: string; open: number };
    const busiestProcess = (
      await pool.query(`SELECT p.id, p.code, p.name_nb, count(*)::int AS cases FROM improvement_case c JOIN process p ON p.id = c.process_id GROUP BY p.id ORDER BY cases DESC LIMIT 1`)
    ).rows[0] as { id: string; code: string; name_nb: string; cases: number };
    const responsibleId = authority.responsibleOf(busiestProcess.id, today)!;
    const responsible = org.users.find((u) => u.id === responsibleId)!;
    const responsibleProcesses = (
      await pool.query(
        `SELECT process_id FROM process_team_member WHERE user_id = $1
         UNION SELECT process_id FROM mandate WHERE (holder_id = $1 OR deputy_id = $1) AND valid_from <= $2::date AND valid_to >= $2::date AND ended_at IS NULL
         UNION SELECT process_id FROM role_assignment WHERE user_id = $1 AND process_id IS NOT NULL AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date) AND ended_at IS NULL`,
        [responsible.id, today],
      )
    ).rows.map((r) => r.process_id as string);
    const listState = 'implemented';
    const q = PROCESS_TOPICS[busiestProcess.code]![0]!.split(' ')[0]!;
    const listMatches = (
      await pool.query(
        `SELECT count(*)::int AS n FROM improvement_case c WHERE c.process_id = $1 AND c.state = $2 AND c.search @@ websearch_to_tsquery('norwegian', $3)`,
        [busiestProcess.id, listState, q],
      )
    ).rows[0].n as number;
    const pageIds = (
      await pool.query(`SELECT id FROM improvement_case WHERE process_id = $1 ORDER BY md5(id::text) LIMIT 400`, [busiestProcess.id])
    ).rows.map((r) => r.id as string);
    console.log(
      `Data: ${data.cases} cases (${data.open} open), ${data.events} events, ${data.notifications} notifications, ${data.outbox} outbox rows, ${data.size}.\n` +
        `Dean: ${dean.name} <${dean.email}>, ${dean.unit_name}, ${dean.open} open cases below. ` +
        `Process responsible: ${responsible.name} <${responsible.email}> for ${busiestProcess.name_nb} (${busiestProcess.cases} cases).`,
    );

    api = await ApiProcess.start({
      ...process.env,
      DATABASE_URL: benchUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      QUEUE_PREFIX: `flyt_bench_api_${process.pid}`,
      NODE_ENV: 'development',
    });
    ourProcesses.pids = new Set<number>([process.pid, api.child.pid!]);
    ourProcesses.database = databaseNameOf(benchUrl);
    const ours = ourProcesses.pids;
    const backends = async () => {
      const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
      for (const r of rows) ours.add(r.pid as number);
    };
    const login = async (email: string) => {
      const response = await fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      if (!response.ok) throw new Error(`dev login as ${email}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    };
    const deanToken = await login(dean.email);
    const responsibleToken = await login(responsible.email);

    let pageCursor = 0;
    const listPath = `/api/cases?processId=${busiestProcess.id}&state=${listState}&q=${encodeURIComponent(q)}&limit=${PAGE}`;
    const scenarios: ReadScenario[] = [
      {
        key: 'inbox',
        title: "Dean's inbox",
        request: `GET /api/inbox?limit=${PAGE}&offset=0 as ${dean.email} (line manager of ${dean.unit_name})`,
        token: deanToken,
        path: () => `/api/inbox?limit=${PAGE}&offset=0`,
        raw: { text: RAW_INBOX, params: () => [dean.id, [dean.unit_id], PAGE] },
      },
      {
        key: 'caseList',
        title: "Process responsible's case list",
        request: `GET ${listPath} as ${responsible.email} (${listMatches} matching cases)`,
        token: responsibleToken,
        path: () => listPath,
        raw: { text: RAW_CASE_LIST, params: () => [responsible.id, responsibleProcesses, [listState], busiestProcess.id, q, PAGE] },
      },
      {
        key: 'casePage',
        title: 'Case page',
        request: `GET /api/cases/{id} as ${responsible.email}, ${pageIds.length} cases of ${busiestProcess.name_nb} in turn`,
        token: responsibleToken,
        path: () => `/api/cases/${pageIds[pageCursor++ % pageIds.length]}`,
        raw: { text: RAW_CASE_PAGE, params: () => [pageIds[pageCursor++ % pageIds.length]] },
      },
    ];

    // What each read answers, once, before any load: sizes, and whether the SQL's first page is the API's.
    const shapes: Record<string, string> = {};
    for (const s of scenarios) {
      const response = await fetch(`${base}${s.path()}`, { headers: { authorization: `Bearer ${s.token}` } });
      const text = await response.text();
      if (!response.ok) throw new Error(`${s.request}: ${response.status} ${text.slice(0, 500)}`);
      const body = JSON.parse(text) as { items?: Array<{ id?: string; case?: { id: string } }>; total?: number };
      const raw = await pool.query(s.raw.text, s.raw.params());
      let shape = `${(text.length / 1024).toFixed(0)} KiB`;
      if (body.items) {
        const apiIds = body.items.slice(0, PAGE).map((i) => i.case?.id ?? i.id);
        const rawIds = new Set(raw.rows.map((r) => r.id as string));
        shape += `, ${body.items.length} items${body.total !== undefined ? ` of ${body.total}` : ''}; SQL's page holds ${apiIds.filter((id) => id && rawIds.has(id)).length} of the API's first ${Math.min(PAGE, apiIds.length)}`;
      }
      shapes[s.key] = shape;
      console.log(`${s.title}: ${shape}`);
    }

    const results: Record<string, { api: Figures[]; sql: Figures[]; statements: StatementStats[]; perRequest: { statements: number; dbMs: number }; paced?: Figures }> = {};
    for (const s of scenarios) {
      results[s.key] = { api: [], sql: [], statements: [], perRequest: { statements: 0, dbMs: 0 } };
      for (const c of levels) {
        await backends();
        // The warm-up tells the rate; the measurement then asks for about `seconds` of requests, and
        // at least three per user, and waits for every answer, so a slow read is measured whole.
        const warm = await httpLoad({ base, token: s.token, connections: c, seconds: warmup, path: s.path });
        await api.ask({ command: 'idle' });
        await api.ask({ command: 'reset' });
        const amount = Math.max(3 * c, Math.round(warm.perSecond * seconds));
        const measured = await httpLoad({ base, token: s.token, connections: c, amount, path: s.path });
        await api.ask({ command: 'idle' });
        if (c === levels[0]) {
          const stats = await api.ask<StatementStats[]>({ command: 'stats' });
          results[s.key]!.statements = stats.sort((a, b) => b.totalMs - a.totalMs);
          const calls = stats.reduce((sum, x) => sum + x.calls, 0);
          const ms = stats.reduce((sum, x) => sum + x.totalMs, 0);
          results[s.key]!.perRequest = { statements: calls / Math.max(1, measured.requests), dbMs: ms / Math.max(1, measured.requests) };
        }
        await sqlLoad(pool, c, warmup, s.raw.text, s.raw.params);
        await backends();
        const sql = await sqlLoad(pool, c, seconds, s.raw.text, s.raw.params);
        results[s.key]!.api.push(measured);
        results[s.key]!.sql.push(sql);
        console.log(
          `${s.title.padEnd(32)} c=${String(c).padStart(2)}: API ${measured.perSecond.toFixed(1)}/s p50 ${measured.p50Ms} ms p99 ${measured.p99Ms} ms` +
            `${measured.failures ? ` (${measured.failures} failed)` : ''} | SQL ${sql.perSecond.toFixed(0)}/s p50 ${sql.p50Ms.toFixed(2)} ms p99 ${sql.p99Ms.toFixed(2)} ms | ratio ${(measured.perSecond / sql.perSecond).toFixed(3)}`,
        );
      }
    }

    // The same reads by the most users, each thinking between requests: every user one request per PACE_SECONDS.
    for (const s of scenarios) {
      const users = Math.max(...levels);
      // autocannon takes no rate below one request a second (a run with fewer than PACE_SECONDS users).
      const paced = await httpLoad({ base, token: s.token, connections: users, amount: users * 3, overallRate: Math.max(1, users / PACE_SECONDS), path: s.path });
      await api.ask({ command: 'idle' });
      results[s.key]!.paced = paced;
      console.log(`${s.title.padEnd(32)} ${users} users, one request per ${PACE_SECONDS} s each: p50 ${paced.p50Ms} ms p99 ${paced.p99Ms} ms`);
    }

    // Where the API's time goes: a CPU profile of the API process under load (10 users), for each read.
    const profiles: Record<string, ProfileEntry[]> = {};
    for (const s of scenarios) {
      const profiling = api.ask<ProfileEntry[]>({ command: 'profile', seconds: 5 });
      await httpLoad({ base, token: s.token, connections: Math.min(10, Math.max(...levels)), seconds: 6, path: s.path });
      profiles[s.key] = await profiling;
      await api.ask({ command: 'idle' });
    }

    // Sending an event: REQUEST_INFO, ACCEPT_LOCAL, ESCALATE or REJECT in turn, each on a case just reported and submitted.
    const registry = new MachineRegistry([IMPROVEMENT_CASE_REGISTRATION]);
    const calendar = calendarFromConfig(config.deadlines);
    const simulator = new CaseSimulator({
      registration: registry.latest(IMPROVEMENT_CASE_REGISTRATION.id),
      authority,
      policy: deadlinePolicyFromConfig(config.deadlines, calendar, registry),
      calendar,
      now,
      rounds: [today],
      mergeTarget: () => null,
    });
    const process_ = org.processes.find((p) => p.id === busiestProcess.id)!;
    const reportingUnits = org.units.filter((u) => u.kind === 'department' || u.kind === 'section');
    const random = new Random(process.pid);
    const freshCases = async (n: number): Promise<string[]> => {
      const [{ last_id: lastId }] = (await pool.query(`SELECT coalesce(max(id), 0)::bigint AS last_id FROM workflow_event`)).rows;
      const numbers = (await pool.query(`SELECT nextval('improvement_case_reference_seq')::int AS n FROM generate_series(1, $1)`, [n])).rows.map((r) => r.n as number);
      const at = new Date(Date.now() - 60_000);
      const lived = numbers.map((number, i) => {
        const unit = random.pick(reportingUnits);
        const reporter = org.users.find((u) => u.id === authority.nearestLineManager(unit.path, today))!;
        const seed: CaseSeed = {
          index: i,
          id: random.uuid(),
          reference: referenceOf(at, number),
          process: process_,
          unit,
          reporter,
          createdAt: new Date(at.getTime() - 60_000),
          text: caseText(random, process_.code, unit.nameNb),
          strategicGoals: [9],
          estimatedSize: 'medium',
          significantItComponent: true,
        };
        return simulator.reportAndSubmit(seed, random, at);
      });
      assignEventIds(lived, Number(lastId) + 1);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await writeCases(client, lived, { random, now: new Date(), deliveryOf: new Map() });
        await client.query(`SELECT setval('workflow_event_id_seq', (SELECT max(id) FROM workflow_event))`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      return lived.map((c) => c.seed.id);
    };
    const decisions = [
      { type: 'REQUEST_INFO', payload: { question: 'Hvor mange saker gjelder dette per år?' } },
      { type: 'ACCEPT_LOCAL', payload: { plan: 'Enheten prøver ut en ny rutine.' } },
      { type: 'ESCALATE', payload: { text: 'Berører flere fakulteter.' } },
      { type: 'REJECT', payload: { reason: 'not_feasible', text: 'Ikke gjennomførbart nå.' } },
    ];
    const events: Figures[] = [];
    let eventStatements: StatementStats[] = [];
    let eventPerRequest = { statements: 0, dbMs: 0 };
    let rate = 20;
    for (const c of levels) {
      const amount = Math.max(4 * c, Math.min(3000, Math.round(rate * seconds)));
      const ids = await freshCases(amount + c);
      let next = 0;
      let body = 0;
      await backends();
      await api.ask({ command: 'reset' });
      const figures = await httpLoad({
        base,
        token: responsibleToken,
        connections: c,
        amount,
        method: 'POST',
        path: () => `/api/cases/${ids[next++]}/events`,
        body: () => JSON.stringify(decisions[body++ % decisions.length]),
      });
      await api.ask({ command: 'idle' });
      if (c === levels[0]) {
        const stats = await api.ask<StatementStats[]>({ command: 'stats' });
        eventStatements = stats.sort((a, b) => b.totalMs - a.totalMs);
        eventPerRequest = {
          statements: stats.reduce((sum, x) => sum + x.calls, 0) / Math.max(1, figures.requests),
          dbMs: stats.reduce((sum, x) => sum + x.totalMs, 0) / Math.max(1, figures.requests),
        };
      }
      rate = figures.perSecond * 1.3;
      events.push(figures);
      console.log(
        `Send an event (fresh case)        c=${String(c).padStart(2)}: API ${figures.perSecond.toFixed(1)}/s p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms, ${figures.requests} events${figures.failures ? ` (${figures.failures} failed)` : ''}`,
      );
    }

    // The reference sequence past 9,999: how many of 20 reports the API takes.
    const reporter = org.users.find((u) => u.id === authority.nearestLineManager(reportingUnits[0]!.path, today))!;
    const reporterToken = await login(reporter.email);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reporterToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Målesak ${i}`, problem: 'Rapportert av ytelsesmålingen.', processId: busiestProcess.id, reportingUnitId: reportingUnits[0]!.id }),
      });
      statuses.push(response.status);
    }
    const created = statuses.filter((s) => s === 201).length;
    console.log(`POST /api/cases 20 times with the reference sequence at ${data.cases}: ${created} created, others answered ${[...new Set(statuses.filter((s) => s !== 201))].join(', ') || '-'}.`);

    // The plans of the statements the reads spent most time on, and of the SQL they are measured against.
    const plans: Array<{ scenario: string; label: string; text: string; plan: string }> = [];
    const explain = async (text: string, params: unknown[]) =>
      (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    for (const s of scenarios) {
      const top = results[s.key]!.statements.filter((st) => /^\s*(SELECT|WITH)/i.test(st.text) && st.slowestParams !== null).slice(0, 2);
      for (const st of top) {
        try {
          plans.push({ scenario: s.title, label: `the API's costliest statement (${st.calls} calls, ${st.totalMs.toFixed(0)} ms in all at concurrency ${levels[0]})`, text: st.text, plan: await explain(st.text, st.slowestParams!) });
        } catch (error) {
          plans.push({ scenario: s.title, label: 'the API statement could not be explained', text: st.text, plan: String(error) });
        }
      }
      plans.push({ scenario: s.title, label: 'the raw SQL', text: s.raw.text, plan: await explain(s.raw.text, s.raw.params()) });
    }

    const machine = await describeMachine({ query: async (text: string) => (await pool.query(text)).rows } as unknown as DataSource);
    const pgSettings = (
      await pool.query(`SELECT string_agg(name || ' = ' || setting || coalesce(unit, ''), ', ' ORDER BY name) AS s FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_connections')`)
    ).rows[0].s as string;
    writeResultsSection(
      'api',
      report({
        data,
        dean,
        responsible,
        busiestProcess,
        scenarios,
        results,
        shapes,
        events,
        eventPerRequest,
        eventStatements,
        profiles,
        plans,
        created,
        seconds,
        warmup,
        levels,
        machine,
        pgSettings,
        load: loadavg(),
        poolSize: config.database.poolSize,
      }),
    );
    return 0;
  } finally {
    await api?.stop();
    await pool.end();
    if (!values.keep && !values['in-place']) await dropDatabase(benchUrl);
    else console.log(`Kept ${redactUrl(benchUrl)}.`);
  }
}

// --- The section of bench/RESULTS.md ----------------------------------------------------------------

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function othersLine(figures: readonly Figures[]): string {
  const seen = new Map<string, number>();
  for (const f of figures) for (const p of f.others) seen.set(p.command, Math.max(seen.get(p.command) ?? 0, p.cpuPercent));
  return [...seen]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([command, cpu]) => `\`${command.slice(0, 70)}\` up to ${cpu.toFixed(0)} %`)
    .join('; ');
}

function report(r: {
  data: { cases: number; events: number; notifications: number; outbox: number; open: number; size: string };
  dean: { email: string; unit_name: string; open: number };
  responsible: { email: string };
  busiestProcess: { name_nb: string; cases: number };
  scenarios: ReadScenario[];
  results: Record<string, { api: Figures[]; sql: Figures[]; statements: StatementStats[]; perRequest: { statements: number; dbMs: number }; paced?: Figures }>;
  shapes: Record<string, string>;
  events: Figures[];
  eventPerRequest: { statements: number; dbMs: number };
  eventStatements: StatementStats[];
  profiles: Record<string, ProfileEntry[]>;
  plans: Array<{ scenario: string; label: string; text: string; plan: string }>;
  created: number;
  seconds: number;
  warmup: number;
  levels: number[];
  machine: string;
  pgSettings: string;
  load: number[];
  poolSize: number;
}): string {
  const lines: string[] = [
    '## API at ten years of data (`npm run bench:api`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on a copy of \`flyt_scale\` (\`npm run seed:scale\`): ${r.data.cases} cases (${r.data.open} open), ` +
      `${r.data.events} workflow events, ${r.data.notifications} notifications, ${r.data.outbox} outbox rows; ${r.data.size}.`,
    `The API runs as its own process (createApiApp, \`DATABASE_POOL_SIZE\` ${r.poolSize}, log level as configured), no worker; autocannon drives it from the benchmark's process, ` +
      `${r.seconds} s per measurement after ${r.warmup} s of warm-up. The SQL side runs each read as one statement on a pg pool of as many connections as users.`,
    '',
    '| read | users | API req/s | API p50 / p99 (ms) | SQL req/s | SQL p50 / p99 (ms) | API / SQL rate | aim met (p99 ≤ 50 ms, ≥ 0.2×) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of r.scenarios) {
    const res = r.results[s.key]!;
    res.api.forEach((a, i) => {
      const sql = res.sql[i]!;
      const ratio = a.perSecond / sql.perSecond;
      const aim = a.concurrency === 50 ? (a.p99Ms <= 50 && ratio >= 0.2 ? 'yes' : 'no') : '';
      lines.push(
        `| ${s.title} | ${a.concurrency} | ${a.perSecond.toFixed(1)}${a.failures ? ` (${a.failures} failed)` : ''} | ${ms(a.p50Ms)} / ${ms(a.p99Ms)} | ${sql.perSecond.toFixed(0)} | ${ms(sql.p50Ms)} / ${ms(sql.p99Ms)} | ${ratio.toFixed(3)} | ${aim} |`,
      );
    });
  }
  for (const e of r.events) {
    lines.push(`| Send an event (fresh case) | ${e.concurrency} | ${e.perSecond.toFixed(1)}${e.failures ? ` (${e.failures} failed)` : ''} | ${ms(e.p50Ms)} / ${ms(e.p99Ms)} | | | | |`);
  }
  const pacedUsers = r.results[r.scenarios[0]!.key]?.paced?.concurrency ?? 0;
  lines.push(
    '',
    `Autocannon's users send their next request the moment an answer arrives (no time to think), so at 50 users a p99 of 50 ms needs 1,000 answers a second. ` +
      `Beside that, the same reads by ${pacedUsers} users who each send one request every ${PACE_SECONDS} s (${(pacedUsers / PACE_SECONDS).toFixed(0)} requests a second offered, three per user):`,
    '',
    '| read | p50 / p99 (ms) | answered per second |',
    '|---|---:|---:|',
    ...r.scenarios.map((s) => {
      const p = r.results[s.key]!.paced;
      return p ? `| ${s.title} | ${ms(p.p50Ms)} / ${ms(p.p99Ms)} | ${p.perSecond.toFixed(1)}${p.failures ? ` (${p.failures} failed)` : ''} |` : `| ${s.title} | | |`;
    }),
  );
  lines.push('', 'What was asked:', '');
  for (const s of r.scenarios) lines.push(`- ${s.title}: \`${s.request}\`; answers ${r.shapes[s.key]}.`);
  lines.push(
    `- Send an event: \`POST /api/cases/{id}/events\` as ${r.responsible.email}, REQUEST_INFO, ACCEPT_LOCAL, ESCALATE and REJECT in turn, each on a case of ${r.busiestProcess.name_nb} ` +
      'reported and submitted a minute before (written by the seed\'s code, its outbox rows waiting for a relay), a fixed number of events per level.',
    `- \`POST /api/cases\` with the reference sequence past 9,999: ${r.created} of 20 reports created${r.created < 20 ? ' (a reference that repeats an earlier one is refused)' : ''}.`,
    '',
    'Per request at one user, in the API process: statements sent to PostgreSQL and the time they took, against the mean latency (the rest is Node: authentication, Nest, TypeORM, XState, JSON).',
    '',
  );
  for (const s of r.scenarios) {
    const res = r.results[s.key]!;
    lines.push(`- ${s.title}: ${res.perRequest.statements.toFixed(1)} statements, ${ms(res.perRequest.dbMs)} ms in PostgreSQL of ${ms(res.api[0]!.meanMs)} ms (means).`);
  }
  if (r.events[0]) {
    const top = r.eventStatements.slice(0, 3).map((st) => `\`${st.text.replace(/\s+/g, ' ').slice(0, 80)}…\` ${(st.totalMs / Math.max(1, r.events[0]!.requests)).toFixed(1)} ms`);
    lines.push(`- Send an event: ${r.eventPerRequest.statements.toFixed(1)} statements, ${ms(r.eventPerRequest.dbMs)} ms in PostgreSQL of ${ms(r.events[0].meanMs)} ms (means); the costliest: ${top.join('; ')}.`);
  }
  lines.push('', 'Where the API process spends its CPU under 10 users (self time, top functions over 5 s):', '');
  for (const s of r.scenarios) {
    const top = (r.profiles[s.key] ?? []).filter((p) => p.functionName !== '(idle)' && p.functionName !== '(program)').slice(0, 6);
    lines.push(`- ${s.title}: ${top.map((p) => `${p.functionName} (${p.where || 'native'}) ${p.selfMs.toFixed(0)} ms`).join('; ')}.`);
  }
  lines.push('', `What else ran (other processes above 3 % of a core during the measurements): ${othersLine(Object.values(r.results).flatMap((x) => [...x.api, ...x.sql]).concat(r.events)) || 'nothing'}. Load average at the end: ${r.load.map((l) => l.toFixed(2)).join(', ')}.`);
  lines.push('', '### Query plans', '');
  for (const p of r.plans) {
    const plan = p.plan.split('\n').map((line) => (line.length > 200 ? `${line.slice(0, 197)}...` : line));
    lines.push(`${p.scenario}, ${p.label}:`, '', '```sql', p.text.trim().replace(/\n\s*\n/g, '\n'), '```', '', '```', ...plan.slice(0, 70), ...(plan.length > 70 ? [`... (${plan.length - 70} more lines)`] : []), '```', '');
  }
  lines.push(`${r.machine} PostgreSQL settings: ${r.pgSettings}.`);
  return lines.join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
