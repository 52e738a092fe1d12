import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestEnvironment, Factories, type TestEnvironment } from '#flyt/testing';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/**
 * The API's log, read as an operator reads it: every request is logged (LOG_LEVEL=debug), and no
 * token, cookie, key or password a request carries is in it, wherever it was carried.
 */
describe('secrets in the log', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let http: ReturnType<typeof request>;
  const lines: string[] = [];
  let token: string;

  beforeAll(async () => {
    env = await createTestEnvironment((config) => ({ ...config, log: { level: 'debug' } }));
    app = await createApiApp(env.config, {}, { destination: { write: (line: string) => lines.push(line) } });
    await app.init();
    http = request(app.getHttpServer());
    const factories = new Factories(env.db);
    const university = await factories.unit({ code: 'UNI', kind: 'university' });
    const admin = await factories.user({ email: 'admin@universitet.example', unitId: university.id });
    await factories.role(admin.id, 'admin');
    token = (await http.post('/api/auth/dev-login').send({ email: 'admin@universitet.example' })).body.token;
  });
  afterAll(async () => {
    await app?.close();
    await env?.drop();
  });

  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLine = (path: string) =>
    entries().find((entry) => (entry.req as { url?: string } | undefined)?.url?.startsWith(path) && entry.res !== undefined) as
      | { req: { url: string; headers: Record<string, string> }; res: { headers?: Record<string, string> } }
      | undefined;

  it('hides the token cookie, the bearer token, API keys and tokens in query strings, and logs the request all the same', async () => {
    expect(token).toMatch(/^eyJ/);
    const units = await http
      .get('/api/units?limit=5&token=query-token-1&access_token=query-token-2&code=oauth-code-3&Client_Secret=client-secret-4')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', `theme=dark; flyt_token=${token}; session_id=session-5`)
      .set('X-Api-Key', 'api-key-6');
    expect(units.status).toBe(200);
    const dashboard = await http.get('/admin/queues/api/queues').set('Cookie', `flyt_token=${token}`);
    expect(dashboard.status).toBe(200);
    const refused = await http.get('/api/processes').set('Authorization', 'Bearer not-a-token-7');
    expect(refused.status).toBe(401);
    const unknown = await http.get('/api/nothing-here?password=password-8&secret=secret-9').set('Cookie', `flyt_token=${token}`);
    expect(unknown.status).toBe(404);

    const log = lines.join('');
    for (const secret of [token, 'query-token-1', 'query-token-2', 'oauth-code-3', 'client-secret-4', 'session-5', 'api-key-6', 'not-a-token-7', 'password-8', 'secret-9']) {
      expect([secret.slice(0, 20), log.includes(secret)]).toEqual([secret.slice(0, 20), false]);
    }

    // Redacted, not dropped: the requests are there with what is not secret.
    const listed = requestLine('/api/units')!;
    expect(listed.req.url).toBe('/api/units?limit=5&token=[REDACTED]&access_token=[REDACTED]&code=[REDACTED]&Client_Secret=[REDACTED]');
    expect(listed.req.headers).toMatchObject({ authorization: '[REDACTED]', cookie: '[REDACTED]', 'x-api-key': '[REDACTED]' });
    expect(requestLine('/api/processes')).toBeDefined();
    expect(requestLine('/api/nothing-here')!.req.url).toBe('/api/nothing-here?password=[REDACTED]&secret=[REDACTED]');
  });
});
