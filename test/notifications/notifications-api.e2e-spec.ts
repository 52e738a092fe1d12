import { DEMO_PERSONA } from '#flyt/demo-data';
import { APP_URL, type NotificationsApi, startNotificationsApi } from './notification-support.js';

/** The in-app list of notifications and the e-mail settings, for each user on their own only. */
describe('notifications in the app', () => {
  let n: NotificationsApi;
  const REPORTER = DEMO_PERSONA.employee;
  const RESPONSIBLE = DEMO_PERSONA.process_responsible;
  let cases: { id: string; reference: string }[];

  const as = async (email: string) => {
    const token = await n.api.tokenFor(email);
    return {
      get: (path: string, query: Record<string, string> = {}) => n.api.http.get(path).query(query).auth(token, { type: 'bearer' }),
      post: (path: string) => n.api.http.post(path).auth(token, { type: 'bearer' }).send(),
      put: (path: string, body: unknown) => n.api.http.put(path).auth(token, { type: 'bearer' }).send(body as object),
    };
  };
  const notificationIdOf = async (email: string, caseId: string) =>
    (await n.api.db.query(`SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.instance_id = $2`, [email, caseId]))[0].id as string;
  const readAtOf = async (id: string) => (await n.api.db.query(`SELECT read_at FROM notification WHERE id = $1`, [id]))[0].read_at as Date | null;

  beforeAll(async () => {
    // No mail goes out in this file: nothing listens on port 9.
    n = await startNotificationsApi('smtp://127.0.0.1:9');
    cases = [];
    for (const title of ['Digital signering av vedtak', 'Felles mal for vedtaksbrev', 'Automatisk arkivering']) {
      const theCase = await n.report(REPORTER, title);
      await n.send(DEMO_PERSONA.line_manager, theCase.id, 'ENDORSE');
      cases.push(theCase);
    }
    await n.deliverAll();
    // Distinct, known times: the list is newest first.
    for (const [i, theCase] of cases.entries()) {
      await n.api.db.query(`UPDATE notification SET created_at = $2 WHERE instance_id = $1`, [theCase.id, `2026-03-1${i + 1}T09:00:00Z`]);
    }
  });
  afterAll(() => n?.api.close());

  it('refuses every route without a token', async () => {
    const id = await notificationIdOf(REPORTER, cases[0]!.id);
    for (const call of [
      n.api.http.get('/api/notifications'),
      n.api.http.post(`/api/notifications/${id}/read`),
      n.api.http.post('/api/notifications/read-all'),
      n.api.http.get('/api/me/notification-settings'),
      n.api.http.put('/api/me/notification-settings').send({ delivery: 'daily_digest' }),
    ]) {
      const response = await call;
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await readAtOf(id)).toBeNull();
    const [{ delivery }] = await n.api.db.query(`SELECT notification_delivery AS delivery FROM app_user WHERE email = $1`, [REPORTER]);
    expect(delivery).toBe('immediate');
  });

  it('lists the caller’s own notifications, newest first, in their language, with the case reference and a link', async () => {
    const reporter = await as(REPORTER);
    const response = await reporter.get('/api/notifications');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 3, unread: 3, limit: 50, offset: 0 });
    expect(response.body.items.map((i: { reference: string }) => i.reference)).toEqual([...cases].reverse().map((c) => c.reference));
    const [newest] = response.body.items;
    expect(newest).toMatchObject({
      workflowId: 'improvement-case',
      instanceId: cases[2]!.id,
      reference: cases[2]!.reference,
      template: 'caseEndorsed',
      subject: `[${cases[2]!.reference}] Forslaget ditt er tatt videre: Automatisk arkivering`,
      link: `${APP_URL}/cases/${cases[2]!.id}`,
      readAt: null,
      createdAt: '2026-03-13T09:00:00.000Z',
    });
    expect(newest.text).toContain('Linjelederen din har tatt opp forslaget ditt');

    // The process responsible sees theirs, not the reporter's.
    const responsible = await (await as(RESPONSIBLE)).get('/api/notifications');
    expect(responsible.body.total).toBe(3);
    expect(responsible.body.items.every((i: { template: string }) => i.template === 'caseSubmitted')).toBe(true);

    await n.api.db.query(`UPDATE app_user SET locale = 'en' WHERE email = $1`, [REPORTER]);
    try {
      const english = await reporter.get('/api/notifications', { limit: '1', offset: '1' });
      expect(english.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(english.body.items.map((i: { subject: string }) => i.subject)).toEqual([`[${cases[1]!.reference}] Your idea has been taken forward: Felles mal for vedtaksbrev`]);
    } finally {
      await n.api.db.query(`UPDATE app_user SET locale = 'nb' WHERE email = $1`, [REPORTER]);
    }
  });

  it('answers a bad page or filter with 400 and the fields', async () => {
    const response = await (await as(REPORTER)).get('/api/notifications', { unread: 'maybe', limit: '0' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'unread']);
  });

  it('marks one as read, for its owner only; someone else’s does not exist for the caller', async () => {
    const reporter = await as(REPORTER);
    const own = await notificationIdOf(REPORTER, cases[0]!.id);
    const others = await notificationIdOf(RESPONSIBLE, cases[0]!.id);

    const refused = await reporter.post(`/api/notifications/${others}/read`);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await readAtOf(others)).toBeNull();
    expect((await reporter.post('/api/notifications/not-an-id/read')).status).toBe(400);

    const marked = await reporter.post(`/api/notifications/${own}/read`);
    expect(marked.status).toBe(200);
    expect(marked.body.id).toBe(own);
    expect(marked.body.readAt).toBe((await readAtOf(own))!.toISOString());
    // Again: still read, from the first time.
    expect((await reporter.post(`/api/notifications/${own}/read`)).body.readAt).toBe(marked.body.readAt);

    const unread = await reporter.get('/api/notifications', { unread: 'true' });
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((i: { id: string }) => i.id)).not.toContain(own);
  });

  it('marks all of the caller’s as read, and nobody else’s', async () => {
    const reporter = await as(REPORTER);
    const response = await reporter.post('/api/notifications/read-all');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ marked: 2 });
    expect((await reporter.get('/api/notifications', { unread: 'true' })).body).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await reporter.post('/api/notifications/read-all')).body).toEqual({ marked: 0 });
    expect((await (await as(RESPONSIBLE)).get('/api/notifications')).body.unread).toBe(3);
  });

  it('lets each user choose an e-mail per notification or a daily digest, for notifications made from then on', async () => {
    const reporter = await as(REPORTER);
    expect((await reporter.get('/api/me/notification-settings')).body).toEqual({ delivery: 'immediate', digestTime: '07:00' });

    for (const body of [{ delivery: 'weekly' }, {}, { delivery: 'daily_digest', extra: true }]) {
      const refused = await reporter.put('/api/me/notification-settings', body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.length).toBeGreaterThan(0);
    }
    expect((await reporter.get('/api/me/notification-settings')).body.delivery).toBe('immediate');

    const changed = await reporter.put('/api/me/notification-settings', { delivery: 'daily_digest' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ delivery: 'daily_digest', digestTime: '07:00' });
    expect((await reporter.get('/api/me/notification-settings')).body.delivery).toBe('daily_digest');
    // Only the caller's own setting changed.
    expect((await (await as(RESPONSIBLE)).get('/api/me/notification-settings')).body.delivery).toBe('immediate');

    const theCase = await n.report(REPORTER, 'Elektronisk timeliste');
    await n.send(DEMO_PERSONA.line_manager, theCase.id, 'ENDORSE');
    const toMailNow = await n.deliverAll(theCase.id);
    const [made] = await n.api.db.query(
      `SELECT n.id, n.email_due FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.instance_id = $2`,
      [REPORTER, theCase.id],
    );
    expect(made.email_due).toBe('digest');
    expect(toMailNow).not.toContain(made.id);
    // Earlier notifications keep the delivery they were made with.
    const [{ earlier }] = await n.api.db.query(
      `SELECT count(*)::int AS earlier FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.email_due = 'immediate'`,
      [REPORTER],
    );
    expect(earlier).toBe(3);
  });
});
