import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { FlytConfig } from '#flyt/config';
import { emailJobFor, openNotificationsQueue } from '#flyt/notifications';
import { installationKey, installationOf } from '#flyt/queue';
import { createTestEnvironment, Factories, type TestEnvironment } from '#flyt/testing';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../notifications/smtp-catcher.js';
import { ensureCompiled } from '../support/compiled-build.js';
import { environmentOf, freePort, startFlytProcess } from '../support/flyt-process.js';
import { eventually } from './worker-support.js';

/**
 * Two installations, staging and test, each with its own database, on one Redis with one queue
 * prefix (as both had before the default prefix named the database). The prefix belongs to the
 * installation that claimed it: the other's worker and API refuse to start, saying what to do; and
 * a job of the other installation that reaches a worker anyway is left for its own installation,
 * never run against the wrong database.
 */
describe('two installations on one Redis prefix', () => {
  let smtp: SmtpCatcher;
  let staging: TestEnvironment;
  let test: TestEnvironment;
  let redis: Redis;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    await ensureCompiled();
    smtp = await startSmtpCatcher();
    // A job handed back comes again after one lock period; the claim is checked as often as the sweep runs.
    const quick = (config: FlytConfig): FlytConfig => ({
      ...config,
      worker: { ...config.worker, jobLockMs: 1000, timerSweepEveryMs: 1000 },
      notifications: { ...config.notifications, smtpUrl: smtp.url },
    });
    staging = await createTestEnvironment(quick);
    test = await createTestEnvironment((config) => ({ ...quick(config), queue: staging.config.queue }));
    redis = new Redis(staging.config.redis.url, { maxRetriesPerRequest: null });
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    redis?.disconnect();
    await staging?.drop();
    await test?.drop();
    await smtp?.close();
  });

  const prefix = () => staging.config.queue.prefix;

  /** A notification due by e-mail at once, in the installation's own database. */
  async function notificationIn(env: TestEnvironment, email: string): Promise<string> {
    const factories = new Factories(env.db);
    const unit = await factories.unit({ code: `U${email.length}`, kind: 'university' });
    const user = await factories.user({ email, unitId: unit.id });
    const [{ id }] = await env.db.query(
      `INSERT INTO notification (user_id, template, params, source_key, email_due)
       VALUES ($1, 'Til orientering', '{"reference": "FLYT-2026-0001", "title": "Skjemaer", "state": "submitted"}', $2, 'immediate') RETURNING id`,
      [user.id, `test/${email}`],
    );
    return id as string;
  }

  /** The e-mail job, added as the installation's own processes add it. */
  async function enqueueEmail(env: TestEnvironment, notificationId: string): Promise<void> {
    const queue = openNotificationsQueue(env.config, await installationOf(env.db));
    try {
      await queue.addEmails([emailJobFor(notificationId)]);
    } finally {
      await queue.close();
    }
  }

  it('lets the first installation claim the prefix, and refuses the second one’s worker and API at start, saying to set QUEUE_PREFIX', async () => {
    workers.push(await createWorkerApp(staging.config));
    const claimed = JSON.parse((await redis.get(installationKey(prefix())))!);
    expect(claimed.database).toContain(`"${staging.config.database.url.split('/').pop()}"`);

    // Redis lost the claim (a flush): the running worker puts it back.
    await redis.del(installationKey(prefix()));
    await eventually(async () => (await redis.get(installationKey(prefix()))) !== null, 'the claim put back');

    const port = await freePort();
    for (const app of ['worker', 'api'] as const) {
      const started = startFlytProcess(app, environmentOf(test.config, { SMTP_URL: smtp.url, HOST: '127.0.0.1', PORT: String(port) }));
      const { code } = await started.exited;
      const output = started.output.join('');
      expect([app, code]).toEqual([app, 1]);
      expect(output).toContain(`flyt-${app}: The queue prefix "${prefix()}" in Redis belongs to another Flyt installation`);
      expect(output).toContain(`database "${staging.config.database.url.split('/').pop()}"`);
      expect(output).toContain('QUEUE_PREFIX');
    }
  });

  it('leaves a job of the other installation for it: not run, not skipped, not failed; its own installation runs it later', async () => {
    const stagingNotification = await notificationIn(staging, 'stager@universitet.example');
    const testNotification = await notificationIn(test, 'tester@universitet.example');
    // As if Redis had lost the claim while both installations ran: the test installation's job on staging's prefix.
    await enqueueEmail(test, testNotification);
    await enqueueEmail(staging, stagingNotification);

    // Staging's worker sends its own mail …
    await eventually(async () => smtp.to('stager@universitet.example').length === 1, "staging's mail");
    // … and hands the test installation's job back, again and again, without running it.
    const queue = new Queue('notifications', { connection: redis, prefix: prefix() });
    try {
      const jobId = emailJobFor(testNotification).opts.jobId;
      await eventually(async () => ((await queue.getJob(jobId))?.attemptsStarted ?? 0) >= 3, 'the job handed back three times');
      const job = (await queue.getJob(jobId))!;
      expect(await job.getState()).toMatch(/^(delayed|waiting|active)$/);
      expect(job.returnvalue).toBeFalsy();
      expect(job.attemptsMade).toBe(0);
      expect(smtp.to('tester@universitet.example')).toEqual([]);
      const [row] = await test.db.query(`SELECT emailed_at, email_attempts FROM notification WHERE id = $1`, [testNotification]);
      expect(row).toEqual({ emailed_at: null, email_attempts: 0 });

      // Staging moves to a prefix of its own; the operator frees this one for the test installation, whose worker now sends its mail.
      await workers.pop()!.close();
      await redis.del(installationKey(prefix()));
      workers.push(await createWorkerApp(test.config));
      await eventually(async () => smtp.to('tester@universitet.example').length === 1, "the test installation's mail", 30_000);
      await eventually(async () => (await queue.getJob(jobId))?.returnvalue?.done === true, 'the job completed by its own installation');
      const [sent] = await test.db.query(`SELECT emailed_at IS NOT NULL AS sent FROM notification WHERE id = $1`, [testNotification]);
      expect(sent).toEqual({ sent: true });
    } finally {
      await queue.close();
    }
  });
});
