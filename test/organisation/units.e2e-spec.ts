import { startTestApi, type TestApi } from '../support/test-api.js';

describe('units API', () => {
  let api: TestApi;
  let university: { id: string; path: string[] };
  let adminToken: string;
  let employeeToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    university = await api.factories.unit({ code: 'UNI', nameNb: 'Universitetet', kind: 'university' });
    const admin = await api.factories.user({ email: 'admin@universitet.example', unitId: university.id });
    await api.factories.role(admin.id, 'admin');
    await api.factories.user({ email: 'ansatt@universitet.example', unitId: university.id });
    adminToken = await api.tokenFor('admin@universitet.example');
    employeeToken = await api.tokenFor('ansatt@universitet.example');
  });
  afterAll(() => api.close());

  it('lets an admin build the tree and everyone read it', async () => {
    const faculty = await api.http
      .post('/api/units')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: 'NV', nameNb: 'Det naturvitenskapelige fakultet', nameEn: 'Faculty of Natural Sciences', kind: 'faculty', parentId: university.id });
    expect(faculty.status).toBe(201);
    expect(faculty.body.path).toEqual([university.id, faculty.body.id]);

    const list = await api.http.get('/api/units').query({ within: university.id }).auth(employeeToken, { type: 'bearer' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual(['UNI', 'NV']);
  });

  it('refuses an employee with 403 naming the role, and writes nothing', async () => {
    const response = await api.http
      .post('/api/units')
      .auth(employeeToken, { type: 'bearer' })
      .send({ code: 'HF', nameNb: 'HF', nameEn: 'HF', kind: 'faculty', parentId: university.id });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 403, requiredRoles: ['admin'] });
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM unit WHERE code = 'HF'`);
    expect(count).toBe(0);
  });

  it('answers bad input with 400 and every field error', async () => {
    const response = await api.http
      .post('/api/units')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: '', nameNb: 'X', kind: 'planet', parentId: 'nope' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'kind', 'nameEn', 'parentId']);
  });

  it('ends a unit only when nothing active is left in it, and only once', async () => {
    const section = await api.factories.unit({ code: 'SEKSJON', kind: 'section', parent: university });
    const occupied = await api.factories.unit({ code: 'BEMANNET', kind: 'section', parent: university });
    await api.factories.user({ unitId: occupied.id });

    const refused = await api.http.post(`/api/units/${occupied.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(refused.status).toBe(409);
    const [{ count: stillActive }] = await api.db.query(`SELECT count(*)::int AS count FROM unit WHERE id = $1 AND ended_at IS NULL`, [occupied.id]);
    expect(stillActive).toBe(1);

    const ended = await api.http.post(`/api/units/${section.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toEqual(expect.any(String));
    const again = await api.http.post(`/api/units/${section.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already ended/);
  });

  it('answers 401 without a token', async () => {
    const response = await api.http.get('/api/units');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});
