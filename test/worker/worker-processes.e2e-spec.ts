import pg from 'pg';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { ensureCompiled } from '../support/compiled-build.js';
import { environmentOf, type FlytProcess, startFlytProcess } from '../support/flyt-process.js';
import { ESCALATION, eventually, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * The worker as separate OS processes, as it runs in production: `node dist/apps/worker/src/main.js`.
 * One is SIGKILLed in the middle of its work and started again; two run at once. Every due timer
 * fires exactly once and nobody is notified twice. "In the middle" is made certain, not left to
 * timing: the test holds a table the worker must write to, waits until PostgreSQL shows the
 * worker waiting on it inside its transaction, and kills it there.
 */
const RULES = { responsibleReminder: { seconds: 3 }, ownerEscalation: { seconds: 5 } };

function startWorkerProcess(stack: WorkerStack): FlytProcess {
  return startFlytProcess(
    'worker',
    environmentOf(stack.config, {
      DEADLINE_RULES: JSON.stringify(RULES),
      SMTP_URL: stack.smtp.url,
      OUTBOX_POLL_MS: '200',
      // Small batches: a kill lands between batches and inside one.
      OUTBOX_BATCH_SIZE: '3',
      TIMER_SWEEP_EVERY_MS: '1000',
      // The jobs the killed worker held come back within two lock periods: seconds here, not a minute.
      JOB_LOCK_MS: '5000',
    }),
  );
}

describe('worker processes: killed mid-batch, or two at once, fire every timer exactly once', () => {
  let stack: WorkerStack;
  const running: FlytProcess[] = [];

  beforeAll(async () => {
    await ensureCompiled();
    stack = await startWorkerStack(RULES);
  }, 180_000);
  afterAll(() => stack.close());

  // Each test starts from no worker at all: a worker left from the one before would change what it proves.
  afterEach(async () => {
    for (const worker of running.splice(0)) await worker.stop();
  });

  const launch = () => {
    const worker = startWorkerProcess(stack);
    running.push(worker);
    return worker;
  };

  async function expectEachFiredOnce(cases: string[]): Promise<void> {
    await eventually(
      async () => {
        const fired = await timerEvents(stack.api, cases);
        return cases.every((id) => fired.has(`${id}/${REMINDER}`) && fired.has(`${id}/${ESCALATION}`));
      },
      'every reminder and escalation',
      90_000,
    );
    const fired = await timerEvents(stack.api, cases);
    expect([...fired.values()].filter((n) => n !== 1)).toEqual([]);
    expect(fired.size).toBe(cases.length * 2);
    // The notifications follow from the events' outbox rows, relayed after the events committed.
    const notified = async () =>
      (
        await stack.api.db.query(
          `SELECT count(DISTINCT instance_id)::int AS n FROM notification WHERE instance_id = ANY($1::uuid[]) AND template = 'triageOverdue'`,
          [cases],
        )
      )[0].n as number;
    await eventually(async () => (await notified()) === cases.length, 'an escalation notification per case', 60_000);
    const doubled = await stack.api.db.query(
      `SELECT instance_id, template, user_id, count(*)::int AS n FROM notification WHERE instance_id = ANY($1::uuid[]) GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [cases],
    );
    expect(doubled).toEqual([]);
  }

  const distinctMessageIds = (address: string) => new Set(stack.smtp.to(address).map((m) => m.messageId)).size;

  /** Runs `work` while this test holds `table` locked against writes, so a worker writing to it waits mid-transaction. */
  async function whileLocked(table: string, work: () => Promise<void>): Promise<void> {
    const blocker = new pg.Client({ connectionString: stack.config.database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
      await work();
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  }

  /** Waits until a worker's statement (by its start) waits on a lock. */
  const waitingOn = (statement: string) =>
    eventually(
      async () =>
        (
          await stack.api.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
            [`%${statement}%`],
          )
        )[0].n > 0,
      `a worker waiting on a lock in ${statement}`,
      60_000,
    );

  async function killMidway(worker: FlytProcess): Promise<void> {
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
  }

  it('SIGKILL while timers are firing (their events written, not committed), then a new worker: every due timer fires exactly once', async () => {
    const cases: string[] = [];
    for (let i = 0; i < 9; i += 1) cases.push(await stack.submittedCase());
    // A firing timer's transaction writes its event, then marks the timer fired: with the timer table
    // held, the jobs stop there, their events written and not committed.
    await whileLocked('workflow_timer', async () => {
      const first = launch();
      await waitingOn(`UPDATE workflow_timer SET status = 'fired'`);
      expect((await timerEvents(stack.api, cases)).size).toBe(0);
      await killMidway(first);
    });

    // The jobs the killed worker held come back to the new one once their locks lapse (JOB_LOCK_MS).
    launch();
    await expectEachFiredOnce(cases);
    // Nobody gets the same mail twice.
    expect(stack.smtp.to(DEMO_PERSONA.process_owner).length).toBe(distinctMessageIds(DEMO_PERSONA.process_owner));
    expect(stack.smtp.to(DEMO_PERSONA.process_owner).length).toBeLessThanOrEqual(cases.length);
  }, 180_000);

  it('SIGKILL while a relay batch is half done (rows claimed, a notification waiting on a lock), then a new worker: every notification once', async () => {
    const cases: string[] = [];
    for (let i = 0; i < 6; i += 1) cases.push(await stack.submittedCase());
    // The relay's batch blocks at its first notification insert while the table is held.
    await whileLocked('notification', async () => {
      const first = launch();
      await waitingOn('INSERT INTO notification');
      // The batch holds its claimed rows: a claim by anyone else skips them.
      const pending: { n: number }[] = await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE processed_at IS NULL`);
      const claimable: { id: string }[] = await stack.api.db.query(`SELECT id FROM workflow_outbox WHERE processed_at IS NULL FOR UPDATE SKIP LOCKED`);
      expect(pending[0]!.n - claimable.length).toBe(3); // OUTBOX_BATCH_SIZE
      await killMidway(first);
    });

    launch();
    await expectEachFiredOnce(cases);
    // Every notification of these cases arrives, once: the endorsement's, the submission's, the reminder's and the escalation's.
    const kinds = async () =>
      (
        await stack.api.db.query(
          `SELECT count(DISTINCT (instance_id, template))::int AS n FROM notification
            WHERE instance_id = ANY($1::uuid[]) AND template IN ('caseEndorsed', 'caseSubmitted', 'triageReminder', 'triageOverdue')`,
          [cases],
        )
      )[0].n as number;
    await eventually(async () => (await kinds()) === cases.length * 4, 'four notifications per case', 60_000);
    const messageIds = stack.smtp.mails.map((m) => m.messageId);
    expect(messageIds.length).toBe(new Set(messageIds).size);
  }, 180_000);

  it('two workers at once: no timer event and no notification twice, each e-mail once; SIGTERM stops a worker gracefully', async () => {
    const [a] = [launch(), launch()];
    const cases: string[] = [];
    for (let i = 0; i < 8; i += 1) cases.push(await stack.submittedCase());
    await expectEachFiredOnce(cases);

    // Each escalation e-mail of these cases arrives once: one per case, none twice.
    const references: string[] = (await stack.api.db.query(`SELECT reference FROM improvement_case WHERE id = ANY($1::uuid[])`, [cases])).map(
      (r: { reference: string }) => r.reference,
    );
    const mailsOf = (reference: string) => stack.smtp.to(DEMO_PERSONA.process_owner).filter((m) => `${m.subject} ${m.text}`.includes(reference));
    await eventually(async () => references.every((ref) => mailsOf(ref).length > 0), 'an escalation e-mail per case', 60_000);
    expect(references.map((ref) => mailsOf(ref).length)).toEqual(references.map(() => 1));

    a!.child.kill('SIGTERM');
    const exit = await a!.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(a!.output.join('')).toContain('Outbox relay stopped');
  }, 180_000);
});
