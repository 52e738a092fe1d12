import pg from 'pg';
import { ensureCompiled } from '../../support/compiled-build.js';
import { environmentOf, type FlytProcess, startFlytProcess } from '../../support/flyt-process.js';
import { type ErrandStack, eventsOf, eventually, startErrandStack } from './errand-support.js';

const ERRAND_WORKER = 'dist/test/workflows/errand/errand-worker.main.js';
const ERRAND_TOOLS = 'dist/test/workflows/errand/errand-tools.main.js';

/**
 * The errand with Flyt as it runs in production: workers and the command-line tools as OS
 * processes from dist/. A worker killed while it delivers the errand's message to its case leaves
 * the case to receive it exactly once from the next worker; the migration command moves errands of
 * version 1 onto version 2, refuses the one it cannot map, and replay still rebuilds every one.
 */
describe('the errand as OS processes: delivery survives SIGKILL, instances migrate to version 2', () => {
  let stack: ErrandStack;
  const running: FlytProcess[] = [];

  beforeAll(async () => {
    await ensureCompiled();
    stack = await startErrandStack((c) => ({ ...c, worker: { ...c.worker, outboxPollMs: 200 } }));
  }, 180_000);
  afterAll(() => stack?.close());
  afterEach(async () => {
    for (const process of running.splice(0)) await process.stop();
  });

  const environment = () => environmentOf(stack.config, { OUTBOX_POLL_MS: '200', TIMER_SWEEP_EVERY_MS: '1000', JOB_LOCK_MS: '5000', SMTP_URL: 'smtp://127.0.0.1:9' });
  const startWorker = () => {
    const worker = startFlytProcess({ script: ERRAND_WORKER }, environment());
    running.push(worker);
    return worker;
  };
  /** Runs one of the tools to its end: its exit code and what it printed. */
  const tool = async (...args: string[]) => {
    const run = startFlytProcess({ script: ERRAND_TOOLS, args }, environment());
    const { code } = await run.exited;
    return { code, output: run.output.join('') };
  };
  const caseState = async (id: string) => ((await stack.api.db.query(`SELECT state FROM improvement_case WHERE id = $1`, [id])) as { state: string }[])[0]!.state;

  it('SIGKILL of the worker between the errand’s commit and the delivery to its case: the case gets PROJECT_CLOSED exactly once', async () => {
    const caseId = await stack.caseInRealisation();
    // The prioritised case starts its project through the outbox too: a worker delivers that first,
    // so that the one killed below is stopped in the errand's delivery, not in the project's start.
    const starter = startWorker();
    await eventually(async () => (await stack.api.db.query(`SELECT 1 FROM project WHERE case_id = $1`, [caseId])).length > 0, 'the case’s project started', 60_000);
    starter.child.kill('SIGTERM');
    await starter.exited;
    const id = await stack.startErrand({ caseId });
    // Committed with no worker running: the message waits in the outbox.
    const done = await stack.sendErrand(id, 'DONE', { summary: 'Levert før stans.' });

    // The delivery writes the case row in the receiving event's transaction: with that table held,
    // the worker stops there, the event written and not committed, and is killed on the spot.
    const blocker = new pg.Client({ connectionString: stack.config.database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE improvement_case IN EXCLUSIVE MODE');
      const first = startWorker();
      await eventually(
        async () =>
          (
            await stack.api.db.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE improvement_case%'`,
            )
          )[0].n > 0,
        'the worker delivering, waiting on the case row',
        60_000,
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await caseState(caseId)).toBe('inRealisation');
    expect(await eventsOf(stack.api, caseId, 'PROJECT_CLOSED')).toEqual([]);

    startWorker();
    await eventually(async () => (await caseState(caseId)) === 'benefitsFollowUp', 'the case moved on by the next worker', 60_000);
    const closed = await eventsOf(stack.api, caseId, 'PROJECT_CLOSED');
    expect(closed).toHaveLength(1);
    const [message] = await stack.api.db.query(`SELECT delivered_event_id::text AS delivered, key FROM workflow_message WHERE from_event_id = $1`, [done.eventId]);
    expect(message.delivered).toBe(closed[0]!.id);
    const [row] = await stack.api.db.query(`SELECT processed_at IS NOT NULL AS processed, dead_at FROM workflow_outbox WHERE key = $1`, [message.key]);
    expect(row).toEqual({ processed: true, dead_at: null });
  }, 180_000);

  it('two workers at once deliver every errand’s message once', async () => {
    const pairs: { caseId: string; id: string }[] = [];
    for (let i = 0; i < 4; i += 1) {
      const caseId = await stack.caseInRealisation();
      pairs.push({ caseId, id: await stack.startErrand({ caseId, title: `Oppdrag ${i}` }) });
    }
    startWorker();
    startWorker();
    for (const { id } of pairs) await stack.sendErrand(id, 'DONE', { summary: 'Levert.' });
    await eventually(async () => {
      for (const { caseId } of pairs) if ((await caseState(caseId)) !== 'benefitsFollowUp') return false;
      return true;
    }, 'every case moved on', 60_000);
    for (const { caseId } of pairs) expect(await eventsOf(stack.api, caseId, 'PROJECT_CLOSED')).toHaveLength(1);
  }, 180_000);

  describe('npm run migrate-instances, on errands of version 1 in several states', () => {
    const errands: Record<'open' | 'held' | 'parked' | 'done', string> = { open: '', held: '', parked: '', done: '' };
    const versionsAndStates = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(errands).map(async ([name, id]) => {
            const [row] = await stack.api.db.query(`SELECT workflow_version, state FROM workflow_instance WHERE id = $1`, [id]);
            return [name, `v${row.workflow_version} ${row.state}`];
          }),
        ),
      );
    const eventCount = async () => (await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_event`))[0].n as number;
    /** Errands of this database by status: the earlier tests' done ones too. */
    const errandCount = async (status?: string) =>
      (await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_instance WHERE workflow_id = 'errand' AND ($1::text IS NULL OR status = $1)`, [status ?? null]))[0]
        .n as number;

    beforeAll(async () => {
      const caseId = await stack.caseInRealisation();
      for (const name of Object.keys(errands) as (keyof typeof errands)[]) errands[name] = await stack.startErrand({ caseId, title: `Oppdrag ${name}` });
      await stack.sendErrand(errands.held, 'HOLD', { reason: 'Venter' });
      await stack.sendErrand(errands.parked, 'PARK');
      await stack.sendErrand(errands.done, 'DONE', { summary: 'Ferdig' });
    }, 60_000);

    it('dry run: reports what it would move and what it refuses, and changes nothing', async () => {
      const before = await eventCount();
      const { code, output } = await tool('migrate-instances', '--workflow', 'errand', '--to', '2', '--dry-run', '--by', 'Driftsvakt');
      expect(code).toBe(3);
      expect(output).toContain(`errand: would move 2 instance(s) to version 2; refused 1; ${await errandCount('done')} ended instance(s) stay as they are.`);
      expect(output).toContain(`would move ${errands.open}: v1 open → v2 inProgress`);
      expect(output).toContain(`would move ${errands.held}: v1 open → v2 inProgress`);
      expect(output).toContain(`refused ${errands.parked} (v1 parked): version 2 declares no mapping for state parked`);
      expect(await versionsAndStates()).toEqual({ open: 'v1 open', held: 'v1 open', parked: 'v1 parked', done: 'v1 done' });
      expect(await eventCount()).toBe(before);
    }, 60_000);

    it('refuses a version that does not exist, naming the ones that do', async () => {
      const { code, output } = await tool('migrate-instances', '--workflow', 'errand', '--to', '7');
      expect(code).toBe(2);
      expect(output).toContain('errand has no version 7 (it has 1, 2)');
    }, 60_000);

    it('real run: moves the others, each with its history entry and recomputed deadlines, refuses the parked one; replay rebuilds them all', async () => {
      const { code, output } = await tool('migrate-instances', '--workflow', 'errand', '--to', '2', '--by', 'Driftsvakt');
      expect(code).toBe(3);
      expect(output).toContain(`errand: moved 2 instance(s) to version 2; refused 1; ${await errandCount('done')} ended instance(s) stay as they are.`);
      expect(await versionsAndStates()).toEqual({ open: 'v2 inProgress', held: 'v2 inProgress', parked: 'v1 parked', done: 'v1 done' });

      const [migrated] = await eventsOf(stack.api, errands.open, 'flyt.migrated');
      expect(migrated!.payload).toEqual({ fromVersion: 1, toVersion: 2, fromState: 'open', toState: 'inProgress', ranBy: 'Driftsvakt' });
      const timers = async (id: string) =>
        stack.api.db.query(`SELECT timer_id, status FROM workflow_timer WHERE instance_id = $1 ORDER BY timer_id`, [id]) as Promise<{ timer_id: string; status: string }[]>;
      // The reminder of `open` is gone with the state; `inProgress` has its own, running (or held, for the errand on hold).
      expect(await timers(errands.open)).toEqual([
        { timer_id: 'xstate.after.errandReminder.errand.inProgress', status: 'pending' },
        { timer_id: 'xstate.after.errandReminder.errand.open', status: 'cancelled' },
      ]);
      expect(await timers(errands.held)).toEqual([
        { timer_id: 'xstate.after.errandReminder.errand.inProgress', status: 'held' },
        { timer_id: 'xstate.after.errandReminder.errand.open', status: 'cancelled' },
      ]);

      const again = await tool('migrate-instances', '--workflow', 'errand', '--to', '2', '--by', 'Driftsvakt');
      expect(again.output).toContain('errand: moved 0 instance(s) to version 2; refused 1;');

      const replay = await tool('replay-check', 'errand');
      expect(replay.output).toContain(`Replayed ${await errandCount()} workflow instance(s)`);
      expect(replay.output).toContain('0 differ from their event log');
      expect(replay.code).toBe(0);
    }, 60_000);
  });
});
