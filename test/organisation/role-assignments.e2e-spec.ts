import { startTestApi, type TestApi } from '../support/test-api.js';

interface MeRole {
  role: string;
  scope: { kind: string; unitId?: string; unitName?: string; processId?: string; processName?: string };
  source: { kind: string; id: string };
  validTo: string | null;
}

const BEARER = { type: 'bearer' } as const;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('role assignments API', () => {
  let api: TestApi;
  let university: { id: string; path: string[] };
  let faculty: { id: string; path: string[] };
  let process: { id: string; nameNb: string };
  let alice: { id: string; email: string };
  let bob: { id: string; email: string };
  let adminToken: string;
  let secretariatToken: string;

  const countAssignments = async (userId: string): Promise<number> => {
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM role_assignment WHERE user_id = $1`, [userId]);
    return count as number;
  };
  const rolesOf = async (email: string): Promise<MeRole[]> => {
    const response = await api.http.get('/api/me').auth(await api.tokenFor(email), BEARER);
    expect(response.status).toBe(200);
    return response.body.roles as MeRole[];
  };
  const assign = async (body: Record<string, unknown>, token = adminToken) =>
    api.http.post('/api/role-assignments').auth(token, BEARER).send(body);

  beforeAll(async () => {
    api = await startTestApi();
    university = await api.factories.unit({ code: 'UNI', nameNb: 'Universitetet', kind: 'university' });
    faculty = await api.factories.unit({ code: 'HF', nameNb: 'Det humanistiske fakultet', kind: 'faculty', parent: university });
    process = await api.factories.process({ code: 'OPPTAK', nameNb: 'Opptak', owningUnitId: university.id });
    const admin = await api.factories.user({ email: 'admin@universitet.example', unitId: university.id });
    await api.factories.role(admin.id, 'admin');
    const secretariat = await api.factories.user({ email: 'sekretariat@universitet.example', unitId: university.id });
    await api.factories.role(secretariat.id, 'programme_secretariat');
    alice = await api.factories.user({ email: 'alice@universitet.example', name: 'Alice', unitId: faculty.id });
    bob = await api.factories.user({ email: 'bob@universitet.example', name: 'Bob', unitId: faculty.id });
    adminToken = await api.tokenFor('admin@universitet.example');
    secretariatToken = await api.tokenFor('sekretariat@universitet.example');
  });
  afterAll(() => api.close());

  it('lets an admin assign global, unit and process roles, which the user then holds in /api/me', async () => {
    const global = await assign({ userId: alice.id, role: 'programme_council', validFrom: '2020-01-01', validTo: '2099-12-31' });
    expect(global.status).toBe(201);
    expect(global.body).toMatchObject({ user: { id: alice.id, name: 'Alice' }, role: 'programme_council', scope: { kind: 'global' }, inForce: true });

    const unit = await assign({ userId: alice.id, role: 'line_manager', unitId: faculty.id, validFrom: '2020-01-01' });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({ scope: { kind: 'unit', unitId: faculty.id, unitName: 'Det humanistiske fakultet' }, validTo: null });

    const forProcess = await assign({ userId: alice.id, role: 'process_adviser', processId: process.id });
    expect(forProcess.status).toBe(201);
    expect(forProcess.body).toMatchObject({ scope: { kind: 'process', processId: process.id, processName: 'Opptak' }, inForce: true });

    const roles = await rolesOf(alice.email);
    expect(roles).toEqual(
      expect.arrayContaining([
        { role: 'programme_council', scope: { kind: 'global' }, source: { kind: 'assignment', id: global.body.id }, validTo: '2099-12-31' },
        {
          role: 'line_manager',
          scope: { kind: 'unit', unitId: faculty.id, unitName: 'Det humanistiske fakultet' },
          source: { kind: 'assignment', id: unit.body.id },
          validTo: null,
        },
        {
          role: 'process_adviser',
          scope: { kind: 'process', processId: process.id, processName: 'Opptak' },
          source: { kind: 'assignment', id: forProcess.body.id },
          validTo: null,
        },
      ]),
    );
    expect(roles).toHaveLength(3);
  });

  it('takes an ended assignment out of /api/me from the next request on, and keeps it on record', async () => {
    const created = await assign({ userId: bob.id, role: 'project_manager', unitId: faculty.id, validFrom: '2020-01-01' });
    expect(created.status).toBe(201);
    expect((await rolesOf(bob.email)).map((r) => r.source.id)).toContain(created.body.id);

    const ended = await api.http
      .post(`/api/role-assignments/${created.body.id}/end`)
      .auth(adminToken, BEARER)
      .send({ reason: 'Prosjektet er avsluttet' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ inForce: false, endReason: 'Prosjektet er avsluttet' });
    expect(ended.body.endedAt).not.toBeNull();

    expect((await rolesOf(bob.email)).map((r) => r.source.id)).not.toContain(created.body.id);
    const again = await api.http.post(`/api/role-assignments/${created.body.id}/end`).auth(adminToken, BEARER);
    expect(again.status).toBe(409);
    const history = await api.http
      .get('/api/role-assignments')
      .query({ userId: bob.id, includeEnded: 'true' })
      .auth(adminToken, BEARER);
    expect(history.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });

  it('refuses the same role in the same scope twice over overlapping periods with 409, writing nothing', async () => {
    const first = await assign({ userId: bob.id, role: 'benefit_owner', unitId: faculty.id, validFrom: '2020-01-01', validTo: '2030-12-31' });
    expect(first.status).toBe(201);
    const before = await countAssignments(bob.id);

    const clash = await assign({ userId: bob.id, role: 'benefit_owner', unitId: faculty.id, validFrom: '2030-12-31' });
    expect(clash.status).toBe(409);
    expect(clash.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(clash.body.detail).toContain(first.body.id);
    expect(await countAssignments(bob.id)).toBe(before);

    // The day after it ends, or another scope, is no clash.
    expect((await assign({ userId: bob.id, role: 'benefit_owner', unitId: faculty.id, validFrom: '2031-01-01' })).status).toBe(201);
    expect((await assign({ userId: bob.id, role: 'benefit_owner', unitId: university.id, validFrom: '2020-01-01' })).status).toBe(201);
  });

  it('shows a user without admin rights only their own assignments', async () => {
    const bobToken = await api.tokenFor(bob.email);
    const own = await api.http.get('/api/role-assignments').auth(bobToken, BEARER);
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((a: { user: { id: string } }) => a.user.id))).toEqual(new Set([bob.id]));

    const others = await api.http.get('/api/role-assignments').query({ userId: alice.id }).auth(bobToken, BEARER);
    expect(others.status).toBe(403);
    expect(others.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(others.body.requiredRoles).toEqual(['admin', 'programme_secretariat', 'the user it belongs to']);

    const [aliceAssignment] = (await api.http.get('/api/role-assignments').query({ userId: alice.id }).auth(adminToken, BEARER)).body.items;
    expect((await api.http.get(`/api/role-assignments/${aliceAssignment.id}`).auth(bobToken, BEARER)).status).toBe(403);
  });

  it('lets the programme secretariat read everyone’s assignments', async () => {
    const all = await api.http.get('/api/role-assignments').query({ limit: 200 }).auth(secretariatToken, BEARER);
    expect(all.status).toBe(200);
    const holders = new Set(all.body.items.map((a: { user: { name: string } }) => a.user.name));
    expect([...holders]).toEqual(expect.arrayContaining(['Alice', 'Bob']));

    const alices = await api.http.get('/api/role-assignments').query({ userId: alice.id, role: 'line_manager' }).auth(secretariatToken, BEARER);
    expect(alices.body.items).toEqual([expect.objectContaining({ role: 'line_manager', user: { id: alice.id, name: 'Alice' } })]);
  });

  it('answers bad input with 400 naming the fields, and writes nothing', async () => {
    const carol = await api.factories.user({ email: 'carol@universitet.example', unitId: faculty.id });
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ userId: carol.id, role: 'line_manager' }, ['unitId']],
      [{ userId: carol.id, role: 'admin', unitId: faculty.id }, ['unitId']],
      [{ userId: carol.id, role: 'process_owner', unitId: faculty.id }, ['unitId']],
      [{ userId: carol.id, role: 'process_responsible', processId: process.id }, ['role']],
      [{ userId: carol.id, role: 'line_manager', unitId: faculty.id, validFrom: '2026-05-01', validTo: '2026-04-30' }, ['validTo']],
      [{ userId: carol.id, role: 'line_manager', unitId: UNKNOWN_ID }, ['unitId']],
      [{ userId: UNKNOWN_ID, role: 'rector' }, ['userId']],
      [{ userId: 'nope', role: 'wizard', validFrom: '2026-02-30' }, ['role', 'userId', 'validFrom']],
    ];
    for (const [body, fields] of cases) {
      const response = await assign(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(fields);
    }
    expect(await countAssignments(carol.id)).toBe(0);
  });

  it('answers 401 without a token', async () => {
    for (const response of [await api.http.get('/api/role-assignments'), await api.http.post('/api/role-assignments').send({ userId: bob.id, role: 'rector' })]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('refuses anyone but an admin to assign or end roles with 403, writing nothing', async () => {
    const before = await countAssignments(bob.id);
    const bobToken = await api.tokenFor(bob.email);
    const selfPromotion = await assign({ userId: bob.id, role: 'admin' }, bobToken);
    expect(selfPromotion.status).toBe(403);
    expect(selfPromotion.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(selfPromotion.body).toMatchObject({ status: 403, requiredRoles: ['admin'] });
    const bySecretariat = await assign({ userId: bob.id, role: 'rector' }, secretariatToken);
    expect(bySecretariat.status).toBe(403);
    expect(await countAssignments(bob.id)).toBe(before);

    const [alicesRole] = (await api.http.get('/api/role-assignments').query({ userId: alice.id }).auth(adminToken, BEARER)).body.items;
    const end = await api.http.post(`/api/role-assignments/${alicesRole.id}/end`).auth(secretariatToken, BEARER);
    expect(end.status).toBe(403);
    const [{ ended_at }] = await api.db.query(`SELECT ended_at FROM role_assignment WHERE id = $1`, [alicesRole.id]);
    expect(ended_at).toBeNull();
  });

  it('answers 404 for an assignment that does not exist', async () => {
    for (const response of [
      await api.http.get(`/api/role-assignments/${UNKNOWN_ID}`).auth(adminToken, BEARER),
      await api.http.post(`/api/role-assignments/${UNKNOWN_ID}/end`).auth(adminToken, BEARER),
      await api.http.patch(`/api/role-assignments/${UNKNOWN_ID}`).auth(adminToken, BEARER).send({ validTo: '2099-12-31' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});
