import { Redis } from 'ioredis';
import { timerJobId } from '#flyt/outbox';
import { ESCALATION, eventually, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * Redis loses its data: the sweeper rebuilds every pending timer's job from PostgreSQL. Instead of
 * FLUSHALL this deletes every key of this test file's queue prefix: other test files use the same
 * Redis server at the same time under prefixes of their own, and a FLUSHALL would wipe their jobs too.
 * For this worker the effect is the same as a FLUSHALL: every key it owns is gone.
 */
describe('after Redis lost its data, the sweeper restores every pending timer and nothing is lost', () => {
  let stack: WorkerStack;
  let redis: Redis;

  beforeAll(async () => {
    stack = await startWorkerStack({ responsibleReminder: { seconds: 6 }, ownerEscalation: { seconds: 600 } }, { timerSweepEveryMs: 500 });
    redis = new Redis(stack.config.redis.url);
    await stack.startWorker();
  }, 60_000);
  afterAll(async () => {
    redis.disconnect();
    await stack.close();
  });

  async function flushOurKeys(): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.config.queue.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  const jobExists = async (caseId: string, timerId: string) =>
    (await redis.exists(`${stack.config.queue.prefix}:timers:${timerJobId(caseId, timerId, 1)}`)) === 1;

  it('re-creates the delayed jobs, fires the due ones once, and puts the sweep schedule back', async () => {
    const cases = [await stack.submittedCase(), await stack.submittedCase(), await stack.submittedCase()];
    await eventually(async () => (await Promise.all(cases.map((id) => jobExists(id, REMINDER)))).every(Boolean), 'the reminder jobs in Redis');

    expect(await flushOurKeys()).toBeGreaterThan(0);
    expect(await jobExists(cases[0]!, REMINDER)).toBe(false);

    // The sweep schedule was among the keys; the worker puts it back, the sweep re-creates every job.
    await eventually(async () => (await Promise.all(cases.map((id) => jobExists(id, ESCALATION)))).every(Boolean), 'the escalation jobs re-created');
    await eventually(async () => {
      const fired = await timerEvents(stack.api, cases);
      return cases.every((id) => fired.get(`${id}/${REMINDER}`) === 1);
    }, 'every reminder fired');

    const fired = await timerEvents(stack.api, cases);
    expect(cases.map((id) => fired.get(`${id}/${REMINDER}`))).toEqual([1, 1, 1]);
    expect(cases.map((id) => fired.get(`${id}/${ESCALATION}`))).toEqual([undefined, undefined, undefined]);
    const pending = await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_timer WHERE instance_id = ANY($1::uuid[]) AND timer_id = $2 AND status = 'pending'`, [
      cases,
      ESCALATION,
    ]);
    expect(pending).toEqual([{ n: 3 }]);
  });
});
