import { startTestApi, type TestApi } from '../support/test-api.js';

describe('HTTP basics', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi((config) => ({ ...config, http: { ...config.http, bodyLimit: '2kb' } }));
    const university = await api.factories.unit({ code: 'UNI', kind: 'university' });
    const admin = await api.factories.user({ email: 'admin@universitet.example', unitId: university.id });
    await api.factories.role(admin.id, 'admin');
    token = await api.tokenFor('admin@universitet.example');
  });
  afterAll(() => api.close());

  it('sends security headers and no X-Powered-By', async () => {
    const response = await api.http.get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('echoes a sane request id and makes one up otherwise', async () => {
    const given = await api.http.get('/health').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await api.http.get('/health').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the request id into problem+json', async () => {
    const response = await api.http.get('/api/units').set('x-request-id', 'trace-401');
    expect(response.body).toMatchObject({ status: 401, requestId: 'trace-401', instance: '/api/units', type: 'urn:flyt:problem:unauthenticated' });
  });

  it('refuses a body over the limit with 413 and writes nothing', async () => {
    const response = await api.http
      .post('/api/units')
      .auth(token, { type: 'bearer' })
      .send({ code: 'BIG', nameNb: 'x'.repeat(4000), nameEn: 'x', kind: 'faculty' });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM unit WHERE code = 'BIG'`);
    expect(count).toBe(0);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await api.http.post('/api/units').auth(token, { type: 'bearer' }).set('content-type', 'application/json').send('{"code": ');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', reason: 'not valid JSON' }]);
  });

  it('refuses a body that is not JSON with 415 naming the media types it takes, and writes nothing', async () => {
    const plain = await api.http.post('/api/units').auth(token, { type: 'bearer' }).set('content-type', 'text/plain').send('code=PLAIN');
    expect(plain.status).toBe(415);
    expect(plain.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(plain.body).toMatchObject({ status: 415, title: 'Unsupported media type', acceptedMediaTypes: ['application/json', 'application/*+json'] });
    expect(plain.body.detail).toContain('text/plain');
    expect(plain.body.detail).toContain('application/json');
    // What `curl -d` sends unless told otherwise.
    const form = await api.http.patch('/api/units/8a3f9b8e-1d2c-4e5f-9a6b-7c8d9e0f1a2b').auth(token, { type: 'bearer' }).type('form').send({ nameNb: 'x' });
    expect(form.status).toBe(415);
    expect(form.body.detail).toContain('application/x-www-form-urlencoded');
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM unit WHERE code = 'PLAIN'`);
    expect(count).toBe(0);
    // A request without a body is not asked for a media type.
    const empty = await api.http.post('/api/notifications/read-all').auth(token, { type: 'bearer' }).set('content-type', 'text/plain');
    expect(empty.status).toBe(200);
  });

  it('says a query parameter that takes one value may be given only once, for every list endpoint', async () => {
    for (const path of ['/api/units?limit=5&limit=6', '/api/users?limit=5&limit=6', '/api/notifications?limit=5&limit=6', '/api/admin/outbox/dead?limit=5&limit=6']) {
      const response = await api.http.get(path).auth(token, { type: 'bearer' });
      expect([path, response.status, response.body.errors]).toEqual([path, 400, [{ field: 'limit', reason: 'may be given only once' }]]);
    }
    const flag = await api.http.get('/api/units?includeEnded=true&includeEnded=false').auth(token, { type: 'bearer' });
    expect(flag.body.errors).toEqual([{ field: 'includeEnded', reason: 'may be given only once' }]);
    // A parameter that takes several is still given several times.
    const states = await api.http.get('/api/cases?state=submitted&state=draft').auth(token, { type: 'bearer' });
    expect(states.status).toBe(200);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await api.http.get('/api/nothing-here').auth(token, { type: 'bearer' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers a unit id that is not a UUID with 400 and a missing one with 404', async () => {
    const bad = await api.http.get('/api/units/42').auth(token, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
    const missing = await api.http.get('/api/units/8a3f9b8e-1d2c-4e5f-9a6b-7c8d9e0f1a2b').auth(token, { type: 'bearer' });
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('urn:flyt:problem:not-found');
  });
});
