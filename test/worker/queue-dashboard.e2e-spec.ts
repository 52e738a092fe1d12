import { DEMO_PERSONA, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Bull Board at /admin/queues: for the global admin role only, by bearer token or, for browsers, the flyt_token cookie. */
describe('the queue dashboard', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await loadDemoData(api.db, osloDay(new Date()));
  });
  afterAll(() => api.close());

  it('answers 401 as problem+json without a token', async () => {
    const response = await api.http.get('/admin/queues');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(response.text)).toMatchObject({ status: 401, instance: '/admin/queues' });
  });

  it('answers 401 as problem+json to a flyt_token cookie that is not percent-encoded text', async () => {
    for (const cookie of ['flyt_token=%E0%A4%A', 'flyt_token=%']) {
      const response = await api.http.get('/admin/queues').set('Cookie', cookie);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({ status: 401, instance: '/admin/queues', detail: expect.stringContaining('flyt_token') });
    }
  });

  it('answers 403 as problem+json to a signed-in user who is not an admin', async () => {
    const response = await api.http.get('/admin/queues/api/queues').auth(await api.tokenFor(DEMO_PERSONA.process_owner), { type: 'bearer' });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.text).requiredRoles).toEqual(['admin']);
  });

  it("lists every queue of Flyt to an admin with a bearer token", async () => {
    const response = await api.http.get('/admin/queues/api/queues').auth(await api.tokenFor(DEMO_PERSONA.admin), { type: 'bearer' });
    expect(response.status).toBe(200);
    expect(response.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['dead-letters', 'maintenance', 'notifications', 'timers']);
  });

  it('serves the dashboard page to an admin whose browser carries the token in the flyt_token cookie', async () => {
    const response = await api.http.get('/admin/queues').set('Cookie', `flyt_token=${await api.tokenFor(DEMO_PERSONA.admin)}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
