// `npm run bench:timers`: schedules BENCH_TIMERS (default 100,000) deadlines through the
// runtime's outbox path (instance start → timer row + outbox row → relay → BullMQ delayed job →
// timer job → the timer's event through the runtime), lets them fire, and reports the
// scheduling rate, the firing lateness and Redis memory; then the same number of raw BullMQ
// delayed jobs added with addBulk, for comparison. Zero lost and zero doubled is its pass line.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { setup } from 'xstate';
import { loadConfig } from '#flyt/config';
import { SYSTEM_CLOCK } from '#flyt/kernel';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations, withDatabaseName } from '#flyt/persistence';
import {
  EffectRegistry,
  JobQueues,
  MachineRegistry,
  NOMINAL_DEADLINES,
  OutboxRelay,
  sqlOfManager,
  systemActor,
  TimerCancelEffect,
  TimerFireJob,
  TimerScheduleEffect,
  TimerStore,
  type WorkflowRegistration,
  WorkflowRuntime,
} from '#flyt/workflow-runtime';
import { describeMachine, percentile, writeResultsSection } from '../support/bench-report.js';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 100_000);
/** Deadlines fall evenly over this window, which opens once scheduling is expected to be over. */
const FIRE_WINDOW_S = Number(process.env.BENCH_FIRE_WINDOW_S ?? Math.max(30, Math.ceil(TIMERS / 500)));
const SCHEDULE_ALLOWANCE_S = Number(process.env.BENCH_SCHEDULE_ALLOWANCE_S ?? Math.max(30, Math.ceil(TIMERS / 800)));
const START_BATCH = 500;
const SCHEDULERS = 4;
const WORKER_CONCURRENCY = 16;

/** One state with one deadline, placed by the instance's input: the smallest durable timer there is. */
const timerMachine = setup({
  types: {} as { context: { delayMs: number }; input: { delayMs: number } },
  delays: { benchDue: ({ context }) => context.delayMs },
}).createMachine({
  id: 'benchTimer',
  initial: 'waiting',
  context: ({ input }) => ({ delayMs: input.delayMs }),
  states: {
    waiting: { meta: { label: { nb: 'Venter', en: 'Waiting' } }, after: { benchDue: 'fired' } },
    fired: { type: 'final', meta: { label: { nb: 'Utløst', en: 'Fired' } } },
  },
});
const TIMER_WORKFLOW: WorkflowRegistration = {
  id: 'bench-timer',
  noun: { nb: 'tidsfrist', en: 'deadline' },
  roleNames: { system: { nb: 'Flyt selv', en: 'Flyt itself' } },
  versions: [{ version: 1, machine: timerMachine, roles: ['system'], events: {} }],
  deadlines: {},
  notifications: { recipients: [], templates: {}, openLink: { nb: 'Åpne', en: 'Open' } },
};

async function redisMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  const base = loadConfig(process.env);
  const prefix = `flyt-bench-timers-${process.pid}`;
  const url = withDatabaseName(base.database.url, `flyt_bench_timers_${process.pid}`);
  const config = { ...base, database: { url, poolSize: 24 }, queue: { prefix } };
  await ensureDatabase(url);
  await runMigrations(config);
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 24 } });
  await db.initialize();
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null });
  // The runtime's services as the worker wires them, on the benchmark's own database and queue prefix.
  const registry = new MachineRegistry([TIMER_WORKFLOW]);
  const timers = new TimerStore(db, SYSTEM_CLOCK, registry, NOMINAL_DEADLINES);
  const runtime = new WorkflowRuntime(db, registry, SYSTEM_CLOCK, timers);
  const queues = new JobQueues(config);
  const relay = new OutboxRelay(db, config, new EffectRegistry(registry, [new TimerScheduleEffect(queues), new TimerCancelEffect(queues)]), queues);
  const fire = new TimerFireJob(runtime, timers);
  const worker = new Worker('timers', (job) => fire.handle(job.data), { connection: redis.duplicate(), prefix, concurrency: WORKER_CONCURRENCY });
  worker.on('failed', (job, error) => console.error(`timer job ${job?.id} failed: ${error.message}`));
  try {
    const memoryBefore = await redisMemory(redis);
    await relay.start();

    // 1. Schedule through the runtime: each start writes the instance, its event, the timer row and an outbox row.
    const windowOpens = Date.now() + SCHEDULE_ALLOWANCE_S * 1000;
    const t0 = performance.now();
    let nextBatch = 0;
    // Several schedulers at once, as several API requests would start instances.
    await Promise.all(
      Array.from({ length: SCHEDULERS }, async () => {
        for (let first = nextBatch; first < TIMERS; first = nextBatch) {
          nextBatch += START_BATCH;
          await db.transaction(async (manager) => {
            for (let i = first; i < Math.min(TIMERS, first + START_BATCH); i += 1) {
              const dueAt = windowOpens + Math.floor((i / TIMERS) * FIRE_WINDOW_S * 1000);
              await runtime.start(sqlOfManager(manager), { instanceId: randomUUID(), workflowId: TIMER_WORKFLOW.id, input: { delayMs: dueAt - Date.now() }, actor: systemActor() });
            }
          });
        }
      }),
    );
    const scheduleSeconds = (performance.now() - t0) / 1000;
    await waitFor('the relay to move every outbox row into BullMQ', async () => {
      const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM workflow_outbox WHERE processed_at IS NULL`);
      return pending === 0;
    }, 30 * 60 * 1000);
    const relaySeconds = (performance.now() - t0) / 1000;
    const memoryScheduled = await redisMemory(redis);
    const late = Date.now() > windowOpens;
    console.log(
      `runtime: scheduled ${TIMERS} timers in ${scheduleSeconds.toFixed(1)} s (${(TIMERS / scheduleSeconds).toFixed(0)}/s), all in BullMQ after ${relaySeconds.toFixed(1)} s; Redis ${mib(memoryScheduled - memoryBefore)}` +
        (late ? ' (scheduling ran into the firing window: raise BENCH_SCHEDULE_ALLOWANCE_S)' : ''),
    );

    // 2. Let them fire.
    await waitFor('every timer to fire', async () => {
      const [{ settled }] = await db.query(`SELECT count(*)::int AS settled FROM workflow_timer WHERE status <> 'pending'`);
      return settled === TIMERS;
    }, (SCHEDULE_ALLOWANCE_S + FIRE_WINDOW_S + 30 * 60) * 1000);
    const lateness: number[] = (
      await db.query(
        `SELECT extract(epoch FROM e.occurred_at - t.due_at) * 1000 AS late_ms
           FROM workflow_timer t JOIN workflow_event e ON e.instance_id = t.instance_id AND e.type = t.timer_id`,
      )
    )
      .map((r: { late_ms: string }) => Number(r.late_ms))
      .sort((a: number, b: number) => a - b);
    const [{ lost, doubled }] = await db.query(
      `SELECT count(*) FILTER (WHERE fired = 0)::int AS lost, count(*) FILTER (WHERE fired > 1)::int AS doubled
         FROM (SELECT i.id, count(e.id) AS fired FROM workflow_instance i
                 LEFT JOIN workflow_event e ON e.instance_id = i.id AND e.type LIKE 'xstate.after.%'
                GROUP BY i.id) per_instance`,
    );
    const runtimeFigures = { p50: percentile(lateness, 0.5), p99: percentile(lateness, 0.99), lost, doubled };
    console.log(`runtime: fired ${lateness.length}, lateness p50 ${runtimeFigures.p50.toFixed(0)} ms p99 ${runtimeFigures.p99.toFixed(0)} ms; lost ${lost}, doubled ${doubled}`);
    await relay.stop();
    await worker.close();

    // 3. Raw BullMQ for comparison: addBulk of the same number of delayed jobs on the same Redis.
    const rawQueue = new Queue('raw-timers', { connection: redis.duplicate(), prefix });
    const rawMemoryBefore = await redisMemory(redis);
    const rawSeen = new Map<string, number>();
    const rawLateness: number[] = [];
    const rawWindowOpens = Date.now() + Math.max(15, Math.ceil(TIMERS / 20_000)) * 1000;
    const rawWindowMs = Math.max(15, Math.ceil(TIMERS / 5000)) * 1000;
    const r0 = performance.now();
    for (let first = 0; first < TIMERS; first += 1000) {
      const now = Date.now();
      await rawQueue.addBulk(
        Array.from({ length: Math.min(1000, TIMERS - first) }, (_, k) => {
          const i = first + k;
          const dueAt = rawWindowOpens + Math.floor((i / TIMERS) * rawWindowMs);
          return { name: 'raw', data: { dueAt }, opts: { jobId: `raw-${i}`, delay: Math.max(0, dueAt - now), removeOnComplete: true } };
        }),
      );
    }
    const rawSeconds = (performance.now() - r0) / 1000;
    const rawMemoryScheduled = await redisMemory(redis);
    const rawWorker = new Worker(
      'raw-timers',
      async (job) => {
        rawSeen.set(job.id!, (rawSeen.get(job.id!) ?? 0) + 1);
        rawLateness.push(Date.now() - job.data.dueAt);
      },
      { connection: redis.duplicate(), prefix, concurrency: WORKER_CONCURRENCY },
    );
    await waitFor('every raw job to run', async () => rawSeen.size === TIMERS, (rawWindowMs + 10 * 60 * 1000) as number);
    await rawWorker.close();
    await rawQueue.close();
    rawLateness.sort((a, b) => a - b);
    const rawDoubled = [...rawSeen.values()].filter((n) => n > 1).length;
    console.log(
      `raw BullMQ: added ${TIMERS} delayed jobs in ${rawSeconds.toFixed(1)} s (${(TIMERS / rawSeconds).toFixed(0)}/s); Redis ${mib(rawMemoryScheduled - rawMemoryBefore)}; lateness p50 ${percentile(rawLateness, 0.5).toFixed(0)} ms p99 ${percentile(rawLateness, 0.99).toFixed(0)} ms`,
    );

    const pass = lost === 0 && doubled === 0;
    console.log(`${pass ? 'PASS' : 'FAIL'}: ${TIMERS} timers through the runtime, ${lost} lost, ${doubled} doubled`);
    const machine = await describeMachine(db);
    writeResultsSection(
      'timers',
      [
        '## Durable timers (`npm run bench:timers`)',
        '',
        `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with ${TIMERS} timers, due evenly over ${FIRE_WINDOW_S} s; ${SCHEDULERS} schedulers starting instances in transactions of ${START_BATCH}, one relay and one BullMQ worker (concurrency ${WORKER_CONCURRENCY}) in the benchmark's process.`,
        'The runtime path: an instance start writes the instance, its start event, the timer row and an outbox row in one transaction;',
        'the relay moves the row into a BullMQ delayed job; at its due time the job sends the timer event through the runtime (idempotency key, generation check).',
        '',
        '| path | scheduled per second | Redis memory for the scheduled timers | firing lateness p50 / p99 | lost | doubled |',
        '|---|---:|---:|---:|---:|---:|',
        `| runtime (start → outbox → relay → BullMQ → event) | ${(TIMERS / scheduleSeconds).toFixed(0)} (all in BullMQ after ${relaySeconds.toFixed(0)} s) | ${mib(memoryScheduled - memoryBefore)} | ${runtimeFigures.p50.toFixed(0)} ms / ${runtimeFigures.p99.toFixed(0)} ms | ${lost} | ${doubled} |`,
        `| raw BullMQ addBulk (1,000 per call) | ${(TIMERS / rawSeconds).toFixed(0)} | ${mib(rawMemoryScheduled - rawMemoryBefore)} | ${percentile(rawLateness, 0.5).toFixed(0)} ms / ${percentile(rawLateness, 0.99).toFixed(0)} ms | ${TIMERS - rawSeen.size} | ${rawDoubled} |`,
        '',
        `- Scheduling rate, runtime / raw BullMQ: ${(TIMERS / scheduleSeconds / (TIMERS / rawSeconds)).toFixed(3)}. The runtime's rate is bound by PostgreSQL commits (every timer is durable before it reaches Redis); raw addBulk writes Redis only.`,
        `- Lateness is measured from the due time to the timer event in the event log (runtime), and to the job's start (raw).`,
        `- ${pass ? 'PASS' : 'FAIL'}: ${lost} lost, ${doubled} doubled.`,
        '',
        machine,
      ].join('\n'),
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await relay.stop().catch(() => undefined);
    await queues.close().catch(() => undefined);
    await worker.close().catch(() => undefined);
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
    redis.disconnect();
    await db.destroy();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
