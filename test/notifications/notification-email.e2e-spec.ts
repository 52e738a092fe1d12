import type { TestingModule } from '@nestjs/testing';
import { DEMO_PERSONA } from '#flyt/demo-data';
import {
  DIGEST_SCHEDULER_ID,
  NotificationDigestJob,
  NotificationEmailJob,
  openNotificationsQueue,
  SWEEP_SCHEDULER_ID,
} from '#flyt/notifications';
import { APP_URL, type NotificationsApi, startNotificationsApi, startNotificationWorker, withSmtp } from './notification-support.js';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher.js';

/**
 * Notifications from the outbox to the inbox of a real SMTP server: one mail per recipient in
 * their language, however often an effect is delivered and however many workers send at once;
 * digest users get one digest.
 */
describe('notification e-mail', () => {
  let smtp: SmtpCatcher;
  let n: NotificationsApi;
  let workerA: TestingModule;
  let workerB: TestingModule;

  const REPORTER = DEMO_PERSONA.employee; // Sofie Lunde, reads English in this test
  const RESPONSIBLE = DEMO_PERSONA.process_responsible; // Siri Aasen, holds the mandate for saksbehandling, wants a daily digest
  const OWNER = DEMO_PERSONA.process_owner; // Ingrid Sæther, process owner of saksbehandling, Norwegian, immediate

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    n = await startNotificationsApi(smtp.url);
    await n.api.db.query(`UPDATE app_user SET locale = 'en' WHERE email = $1`, [REPORTER]);
    const settings = await n.api.http
      .put('/api/me/notification-settings')
      .auth(await n.api.tokenFor(RESPONSIBLE), { type: 'bearer' })
      .send({ delivery: 'daily_digest' });
    expect(settings.status).toBe(200);
    workerA = await startNotificationWorker(n.api.config);
    workerB = await startNotificationWorker(n.api.config);
  });
  afterAll(async () => {
    await workerA?.close();
    await workerB?.close();
    await n?.api.close();
    await smtp?.close();
  });

  const emailJob = (worker: TestingModule) => worker.get(NotificationEmailJob);
  const runEmails = (worker: TestingModule, ids: string[]) => Promise.all(ids.map((notificationId) => emailJob(worker).handle({ notificationId })));

  it('makes one notification per recipient of each effect, however often the effect is delivered', async () => {
    const theCase = await n.report(REPORTER, 'Digital signering av vedtak');
    await n.send(DEMO_PERSONA.line_manager, theCase.id, 'ENDORSE', { comment: 'Godt forslag' });

    const first = await n.deliverAll(theCase.id);
    const again = await n.deliverAll(theCase.id);

    const rows = await n.api.db.query(
      `SELECT u.email, n.template, n.email_due, n.params FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.instance_id = $1 ORDER BY u.email`,
      [theCase.id],
    );
    expect(rows.map((r: { email: string; template: string; email_due: string }) => [r.email, r.template, r.email_due])).toEqual([
      [RESPONSIBLE, 'caseSubmitted', 'digest'],
      [REPORTER, 'caseEndorsed', 'immediate'],
    ]);
    // The process responsible's deadline: the escalation to the process owner, as the deadline policy placed it.
    const [timer] = await n.api.db.query(`SELECT due_at FROM workflow_timer WHERE instance_id = $1 AND delay_name = 'ownerEscalation'`, [theCase.id]);
    const submitted = rows.find((r: { template: string }) => r.template === 'caseSubmitted');
    expect(submitted.params).toEqual({ reference: theCase.reference, title: 'Digital signering av vedtak', state: 'submitted', deadline: new Date(timer.due_at).toISOString() });

    // The relay may die after its commit and before enqueueing: a redelivery names the same mails again.
    const reporterRow = await n.api.db.query(`SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.instance_id = $2`, [REPORTER, theCase.id]);
    expect(first).toEqual([reporterRow[0].id]);
    expect(again).toEqual(first);
  });

  it('e-mails each immediate notification exactly once, in the reader’s language, even when two workers run its job twice', async () => {
    const theCase = await n.report(REPORTER, 'Felles mal for vedtaksbrev');
    await n.send(DEMO_PERSONA.line_manager, theCase.id, 'ENDORSE');
    await n.send(RESPONSIBLE, theCase.id, 'ESCALATE', { text: 'Berører flere fakulteter' });
    const ids = await n.deliverAll(theCase.id);
    const before = smtp.mails.length;

    // Three runs of every job at once on two workers: one sends, the others skip it as sent or, while
    // it is being sent, fail so that BullMQ tries again later; the later tries find it sent.
    const rounds = await Promise.all([workerA, workerB, workerA].map((worker) => Promise.allSettled(ids.map((notificationId) => emailJob(worker).handle({ notificationId })))));
    for (const [i] of ids.entries()) {
      const outcomes = rounds.map((round) => round[i]!);
      expect(outcomes.filter((o) => o.status === 'fulfilled' && 'done' in o.value)).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(String(o.reason)).toMatch(/being e-mailed by another worker/);
        else if ('skipped' in o.value) expect(o.value.reason).toMatch(/already e-mailed/);
      }
    }
    const retries = await runEmails(workerB, ids);
    expect(retries.every((o) => 'skipped' in o && /already e-mailed/.test(o.reason))).toBe(true);

    const arrived = smtp.mails.slice(before);
    expect(arrived.map((m) => m.to).sort()).toEqual([REPORTER, OWNER].sort());

    const english = arrived.find((m) => m.to === REPORTER)!;
    expect(english.subject).toBe(`[${theCase.reference}] Your idea has been taken forward: Felles mal for vedtaksbrev`);
    expect(english.text).toContain('Your line manager has taken up your idea');
    expect(english.text).toContain(`Open the case: ${APP_URL}/cases/${theCase.id}`);
    expect(english.language).toBe('en');

    const norwegian = arrived.find((m) => m.to === OWNER)!;
    expect(norwegian.subject).toBe(`[${theCase.reference}] Sak løftet til prosesseier: Felles mal for vedtaksbrev`);
    expect(norwegian.text).toContain('Status: Hos prosesseier');
    expect(norwegian.text).toMatch(/Frist: \w+dag \d{1,2}\. \w+ \d{4} kl\. \d{2}:\d{2}/);
    expect(norwegian.language).toBe('nb-NO');

    // Each mail's Message-ID is the notification's, so a copy after a crash would be recognisably the same mail.
    const rows = await n.api.db.query(`SELECT id, emailed_at, email_error FROM notification WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    expect(rows.every((r: { emailed_at: Date | null; email_error: string | null }) => r.emailed_at !== null && r.email_error === null)).toBe(true);
    expect(arrived.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<notification.${id}@universitet.example>`).sort());
  });

  it('sends nothing at once to digest users, and then one digest with everything waiting, once', async () => {
    const before = smtp.to(RESPONSIBLE).length;
    const digest = workerA.get(NotificationDigestJob);
    await Promise.all([digest.handle(), workerB.get(NotificationDigestJob).handle()]);
    await digest.handle();

    const digests = smtp.to(RESPONSIBLE).slice(before);
    expect(digests).toHaveLength(1);
    const [mail] = digests;
    const waiting = await n.api.db.query(
      `SELECT n.params->>'reference' AS reference FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 ORDER BY n.created_at`,
      [RESPONSIBLE],
    );
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(mail!.subject).toBe(`Flyt: ${waiting.length} nye varsler`);
    for (const { reference } of waiting) expect(mail!.text).toContain(`[${reference}] Ny sak til vurdering`);
    const [{ unsent }] = await n.api.db.query(
      `SELECT count(*)::int AS unsent FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.emailed_at IS NULL`,
      [RESPONSIBLE],
    );
    expect(unsent).toBe(0);
  });

  it('keeps a notification whose mail failed, with the error, and sends it on the retry', async () => {
    const theCase = await n.report(REPORTER, 'Automatisk arkivering');
    await n.send(DEMO_PERSONA.line_manager, theCase.id, 'ENDORSE');
    const [id] = await n.deliverAll(theCase.id);
    const broken = await startNotificationWorker(withSmtp('smtp://127.0.0.1:9')(n.api.config));
    try {
      await expect(emailJob(broken).handle({ notificationId: id! })).rejects.toThrow();
    } finally {
      await broken.close();
    }
    const [failed] = await n.api.db.query(`SELECT emailed_at, email_error, email_attempts, email_claimed_at FROM notification WHERE id = $1`, [id]);
    expect(failed).toMatchObject({ emailed_at: null, email_attempts: 1, email_claimed_at: null });
    expect(failed.email_error).toMatch(/ECONNREFUSED|connect/i);

    const before = smtp.to(REPORTER).length;
    expect(await emailJob(workerA).handle({ notificationId: id! })).toEqual({ done: true, detail: `notification ${id} e-mailed` });
    expect(smtp.to(REPORTER).slice(before).map((m) => m.subject)).toEqual([`[${theCase.reference}] Your idea has been taken forward: Automatisk arkivering`]);
  });

  it('schedules the daily digest at DIGEST_TIME in Oslo time, and the sweeper every minute, once however many workers start', async () => {
    const { queue, close } = openNotificationsQueue(n.api.config);
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual([DIGEST_SCHEDULER_ID, SWEEP_SCHEDULER_ID].sort());
      const digest = schedulers.find((s) => s.key === DIGEST_SCHEDULER_ID)!;
      expect(digest).toMatchObject({ name: 'notification.digest', pattern: '0 7 * * *', tz: 'Europe/Oslo' });
    } finally {
      await close();
    }
  });
});
