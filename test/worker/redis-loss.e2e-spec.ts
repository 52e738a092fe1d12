import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DIGEST_SCHEDULER_ID, SWEEP_SCHEDULER_ID } from '#flyt/notifications';
import { type QueueName } from '#flyt/queue';
import { TIMER_SWEEP_SCHEDULER, timerJobId } from '#flyt/workflow-runtime';
import { HEARTBEAT_SCHEDULER } from '../../apps/worker/src/heartbeat.job.js';
import { type PrivateRedis, startPrivateRedis } from '../support/private-redis.js';
import { ESCALATION, eventually, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * Redis loses its data (FLUSHALL): the sweeper rebuilds every pending timer's job from PostgreSQL
 * and the worker puts its recurring schedules back, without a restart. The API and the worker of
 * this file use a Redis server of their own, so the FLUSHALL cannot touch the other test files'
 * jobs on the shared server.
 */
describe('after Redis lost its data, the sweeper restores every pending timer and nothing is lost', () => {
  let privateRedis: PrivateRedis;
  let stack: WorkerStack;
  let redis: Redis;

  beforeAll(async () => {
    privateRedis = await startPrivateRedis();
    stack = await startWorkerStack(
      { responsibleReminder: { seconds: 6 }, ownerEscalation: { seconds: 600 } },
      { timerSweepEveryMs: 500 },
      { redisUrl: privateRedis.url },
    );
    redis = new Redis(stack.config.redis.url);
    await stack.startWorker();
  }, 60_000);
  afterAll(async () => {
    redis.disconnect();
    await stack.close();
    await privateRedis.stop();
  });

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
    // In one transaction, so the worker cannot put anything back between the flush and the count.
    const wiped = await redis.multi().dbsize().flushall().dbsize().exec();
    expect(wiped!.map(([error, result]) => error ?? result)).toEqual([expect.any(Number), 'OK', 0]);
    expect(wiped![0]![1]).toBeGreaterThan(0);

    // The schedules were among the keys; the worker puts them back, the sweep re-creates every job.
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
