import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DIGEST_SCHEDULER_ID, SWEEP_SCHEDULER_ID } from '#flyt/notifications';
import { timerJobId } from '#flyt/outbox';
import { type QueueName } from '#flyt/queue';
import { HEARTBEAT_SCHEDULER } from '../../apps/worker/src/heartbeat.job.js';
import { TIMER_SWEEP_SCHEDULER } from '../../apps/worker/src/timers/timers-sweep.job.js';
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

  /** Every recurring schedule of the worker, by queue: the heartbeat, the timer sweep, the digest and the notification sweep. */
  const SCHEDULES: [QueueName, string][] = [
    ['maintenance', HEARTBEAT_SCHEDULER],
    ['timers', TIMER_SWEEP_SCHEDULER],
    ['notifications', DIGEST_SCHEDULER_ID],
    ['notifications', SWEEP_SCHEDULER_ID],
  ];
  async function schedulesInRedis(): Promise<string[]> {
    const found: string[] = [];
    for (const [name, id] of SCHEDULES) {
      const queue = new Queue(name, { connection: redis, prefix: stack.config.queue.prefix });
      if (await queue.getJobScheduler(id)) found.push(id);
      await queue.close();
    }
    return found;
  }

  it('re-creates the delayed jobs, fires the due ones once, and puts every recurring schedule back', async () => {
    const cases = [await stack.submittedCase(), await stack.submittedCase(), await stack.submittedCase()];
    await eventually(async () => (await Promise.all(cases.map((id) => jobExists(id, REMINDER)))).every(Boolean), 'the reminder jobs in Redis');

    expect(await schedulesInRedis()).toEqual(SCHEDULES.map(([, id]) => id));
    expect(await flushOurKeys()).toBeGreaterThan(0);
    expect(await jobExists(cases[0]!, REMINDER)).toBe(false);
    expect(await schedulesInRedis()).toEqual([]);

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
    // The worker was not restarted: its recurring jobs (the digest among them) are scheduled again all the same.
    await eventually(async () => (await schedulesInRedis()).length === SCHEDULES.length, 'every recurring schedule back in Redis');
  });
});
