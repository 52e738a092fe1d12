import { DEMO_PERSONA } from '#flyt/demo-data';
import { ensureCompiled } from '../support/compiled-build.js';
import { environmentOf, type FlytProcess, startFlytProcess } from '../support/flyt-process.js';
import { ESCALATION, eventually, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * The worker as separate OS processes, as it runs in production: `node dist/apps/worker/src/main.js`.
 * One is SIGKILLed in the middle of its work and started again; two run at once. Every due timer
 * fires exactly once and nobody is notified twice.
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
  afterAll(async () => {
    for (const worker of running) await worker.stop();
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
