import pg from 'pg';
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

  describe('one process owner per process at a time', () => {
    let exams: { id: string };
    let people: Record<'first' | 'second' | 'third', { id: string; email: string; name: string }>;
    const owners = async () =>
      api.db.query(`SELECT user_id, valid_from::text, valid_to::text, ended_at IS NOT NULL AS ended FROM role_assignment WHERE process_id = $1 AND role = 'process_owner' ORDER BY valid_from`, [
        exams.id,
      ]);

    beforeAll(async () => {
      exams = await api.factories.process({ code: 'EKSAMEN', nameNb: 'Eksamen', owningUnitId: university.id });
      const person = async (key: string, name: string) => ({ ...(await api.factories.user({ email: `${key}@universitet.example`, name, unitId: university.id })), name });
      people = { first: await person('prorektor', 'Pia Prorektor'), second: await person('direktor', 'Dan Direktør'), third: await person('dekan', 'Dina Dekan') };
    });

    it('refuses a second process owner on days the first covers with 409 naming the owner and the dates, and writes nothing', async () => {
      const first = await assign({ userId: people.first.id, role: 'process_owner', processId: exams.id, validFrom: '2020-01-01' });
      expect(first.status).toBe(201);
      const before = await owners();

      const second = await assign({ userId: people.second.id, role: 'process_owner', processId: exams.id, validFrom: '2030-01-01', validTo: '2033-12-31' });
      expect(second.status).toBe(409);
      expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(second.body.detail).toBe(
        `Eksamen already has a process owner from 2020-01-01 until further notice: Pia Prorektor (role assignment ${first.body.id}). ` +
          'A process has one process owner at a time; end that assignment or give it a last day first, or choose days outside it.',
      );
      expect(second.body.conflictingAssignment).toEqual({ id: first.body.id, user: { id: people.first.id, name: 'Pia Prorektor' }, validFrom: '2020-01-01', validTo: null });
      expect(await owners()).toEqual(before);
    });

    it('hands the process over from the day after the last day of the owner before, keeps either from reaching over the other, and lets an ended one make room', async () => {
      const [first] = (await api.http.get('/api/role-assignments').query({ userId: people.first.id, processId: exams.id }).auth(adminToken, BEARER)).body.items;
      expect((await api.http.patch(`/api/role-assignments/${first.id}`).auth(adminToken, BEARER).send({ validTo: '2029-12-31' })).status).toBe(200);
      const second = await assign({ userId: people.second.id, role: 'process_owner', processId: exams.id, validFrom: '2030-01-01' });
      expect(second.status).toBe(201);

      const stretchedBack = await api.http.patch(`/api/role-assignments/${second.body.id}`).auth(adminToken, BEARER).send({ validFrom: '2029-12-31' });
      expect(stretchedBack.status).toBe(409);
      expect(stretchedBack.body.detail).toContain(`from 2020-01-01 to 2029-12-31: Pia Prorektor (role assignment ${first.id})`);
      const stretchedOn = await api.http.patch(`/api/role-assignments/${first.id}`).auth(adminToken, BEARER).send({ validTo: null });
      expect(stretchedOn.status).toBe(409);
      expect(stretchedOn.body.detail).toContain(`from 2030-01-01 until further notice: Dan Direktør (role assignment ${second.body.id})`);

      // Ending takes the role away for good, whatever the assignment's dates: its days are free again.
      expect((await api.http.post(`/api/role-assignments/${second.body.id}/end`).auth(adminToken, BEARER).send({ reason: 'Ny ledelse' })).status).toBe(200);
      const third = await assign({ userId: people.third.id, role: 'process_owner', processId: exams.id, validFrom: '2030-01-01' });
      expect(third.status).toBe(201);
      expect(await owners()).toEqual([
        { user_id: people.first.id, valid_from: '2020-01-01', valid_to: '2029-12-31', ended: false },
        { user_id: people.second.id, valid_from: '2030-01-01', valid_to: null, ended: true },
        { user_id: people.third.id, valid_from: '2030-01-01', valid_to: null, ended: false },
      ]);
    });

    it('answers 409 naming the owner in the way when another writer commits it while the request is being checked', async () => {
      const race = await api.factories.process({ code: 'KAPPLOP', nameNb: 'Kappløp', owningUnitId: university.id });
      // A writer that bypasses the API's check: its owner is not committed when the API looks, so only the database can stop the second.
      const writer = new pg.Client({ connectionString: api.config.database.url });
      await writer.connect();
      try {
        await writer.query('BEGIN');
        const [{ id: first }] = (
          await writer.query(`INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_owner', 'process', $2, '2020-01-01') RETURNING id`, [
            people.first.id,
            race.id,
          ])
        ).rows;
        const pending = assign({ userId: people.second.id, role: 'process_owner', processId: race.id, validFrom: '2026-01-01' });
        const deadline = Date.now() + 10_000;
        for (;;) {
          const [{ waiting }] = await api.db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
          if (waiting > 0) break;
          if (Date.now() > deadline) throw new Error('the request did not come to wait for the lock within 10 s');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await writer.query('COMMIT');

        const response = await pending;
        expect(response.status).toBe(409);
        expect(response.body.detail).toContain(`Kappløp already has a process owner from 2020-01-01 until further notice: Pia Prorektor (role assignment ${first})`);
        expect(await api.db.query(`SELECT user_id FROM role_assignment WHERE process_id = $1`, [race.id])).toEqual([{ user_id: people.first.id }]);
      } finally {
        await writer.end();
      }
    });
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
