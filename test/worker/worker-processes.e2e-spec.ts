import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { ESCALATION, eventually, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * The worker as separate OS processes, as it runs in production: built once with tsc, started with
 * `node dist/apps/worker/src/main.js`. One is SIGKILLed in the middle of its work and started again;
 * two run at once. Every due timer fires exactly once and nobody is notified twice.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const RULES = { responsibleReminder: { seconds: 3 }, ownerEscalation: { seconds: 5 } };

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorkerProcess(stack: WorkerStack): WorkerProcess {
  const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: stack.config.database.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: stack.config.redis.url,
      QUEUE_PREFIX: stack.config.queue.prefix,
      DEADLINE_RULES: JSON.stringify(RULES),
      SMTP_URL: stack.smtp.url,
      OUTBOX_POLL_MS: '200',
      // Small batches: a kill lands between batches and inside one.
      OUTBOX_BATCH_SIZE: '3',
      TIMER_SWEEP_EVERY_MS: '1000',
      // The jobs the killed worker held come back within two lock periods: seconds here, not a minute.
      JOB_LOCK_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output, exited };
}

async function stop(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await worker.exited;
}

describe('worker processes: killed mid-batch, or two at once, fire every timer exactly once', () => {
  let stack: WorkerStack;
  const running: WorkerProcess[] = [];

  beforeAll(async () => {
    // The worker runs from the compiled output, as `npm start` runs it.
    await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
    stack = await startWorkerStack(RULES);
  }, 180_000);
  afterAll(async () => {
    for (const worker of running) await stop(worker);
    await stack.close();
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
          `SELECT count(DISTINCT case_id)::int AS n FROM notification WHERE case_id = ANY($1::uuid[]) AND template = 'triageOverdue'`,
          [cases],
        )
      )[0].n as number;
    await eventually(async () => (await notified()) === cases.length, 'an escalation notification per case', 60_000);
    const doubled = await stack.api.db.query(
      `SELECT case_id, template, user_id, count(*)::int AS n FROM notification WHERE case_id = ANY($1::uuid[]) GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [cases],
    );
    expect(doubled).toEqual([]);
  }

  const distinctMessageIds = (address: string) => new Set(stack.smtp.to(address).map((m) => m.messageId)).size;

  it('SIGKILL in the middle of the work, then a new worker: every due timer fires exactly once', async () => {
    const cases: string[] = [];
    for (let i = 0; i < 9; i += 1) cases.push(await stack.submittedCase());
    const first = launch();
    await eventually(async () => (await timerEvents(stack.api, cases)).size > 0, 'the first timer to fire', 90_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    launch();
    await expectEachFiredOnce(cases);
    // Nobody gets the same mail twice (a mail cut off by the kill may be sent again only after its claim goes stale).
    expect(stack.smtp.to(DEMO_PERSONA.process_owner).length).toBe(distinctMessageIds(DEMO_PERSONA.process_owner));
    expect(stack.smtp.to(DEMO_PERSONA.process_owner).length).toBeLessThanOrEqual(cases.length);
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
