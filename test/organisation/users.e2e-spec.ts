import { randomUUID } from 'node:crypto';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// A mandate in force on the day the suite runs; the database takes none of 25 years or more.
const TODAY = osloDay(new Date());
const FROM = addDays(TODAY, -365);
const TO = addDays(TODAY, 730);

type Named = { name: string };
const names = (body: { items: Named[] }) => body.items.map((u) => u.name);

describe('users API', () => {
  let api: TestApi;
  let university: { id: string; path: string[] };
  let faculty: { id: string; path: string[] };
  let department: { id: string; path: string[] };
  let otherFaculty: { id: string; path: string[] };
  let endedUnit: { id: string };
  let admin: { id: string };
  let lineManager: { id: string };
  let employee: { id: string };
  let outsider: { id: string };
  let holder: { id: string };
  let deputy: { id: string };
  let idleDeputy: { id: string };
  let adminToken: string;
  let lineManagerToken: string;
  let employeeToken: string;

  const get = (path: string, token: string) => api.http.get(path).auth(token, { type: 'bearer' });
  const countUsers = async (where = 'true') => (await api.db.query(`SELECT count(*)::int AS count FROM app_user WHERE ${where}`))[0].count as number;

  beforeAll(async () => {
    api = await startTestApi();
    const f = api.factories;
    university = await f.unit({ code: 'UNI', nameNb: 'Universitetet', kind: 'university' });
    faculty = await f.unit({ code: 'MN', nameNb: 'Matnat', kind: 'faculty', parent: university });
    department = await f.unit({ code: 'IFI', nameNb: 'Informatikk', kind: 'department', parent: faculty });
    otherFaculty = await f.unit({ code: 'HF', nameNb: 'Humaniora', kind: 'faculty', parent: university });
    endedUnit = await f.unit({ code: 'OLD', nameNb: 'Nedlagt', kind: 'faculty', parent: university });
    await api.db.query(`UPDATE unit SET ended_at = now() WHERE id = $1`, [endedUnit.id]);

    admin = await f.user({ email: 'admin@uni.example', name: 'Ada Admin', unitId: university.id });
    await f.role(admin.id, 'admin');
    lineManager = await f.user({ email: 'leder@uni.example', name: 'Lars Leder', unitId: faculty.id });
    await f.role(lineManager.id, 'line_manager', { unitId: faculty.id });
    employee = await f.user({ email: 'eva@uni.example', name: 'Eva Ansatt', unitId: department.id });
    await f.role(employee.id, 'employee', { unitId: department.id });
    outsider = await f.user({ email: 'olav@uni.example', name: 'Olav Utenfor', unitId: otherFaculty.id });

    // A process responsible whose deputy stands in today, and a deputy of another mandate who does not.
    const process = await f.process({ code: 'OPPTAK', nameNb: 'Opptak', owningUnitId: otherFaculty.id });
    const quiet = await f.process({ code: 'EKSAMEN', nameNb: 'Eksamen', owningUnitId: otherFaculty.id });
    holder = await f.user({ email: 'hanna@uni.example', name: 'Hanna Holder', unitId: otherFaculty.id });
    deputy = await f.user({ email: 'dag@uni.example', name: 'Dag Deputy', unitId: otherFaculty.id });
    idleDeputy = await f.user({ email: 'dora@uni.example', name: 'Dora Deputy', unitId: otherFaculty.id });
    const mandateId = await f.mandate({ processId: process.id, holderId: holder.id, deputyId: deputy.id, delegatedBy: admin.id, validFrom: FROM, validTo: TO });
    await api.db.query(`INSERT INTO mandate_absence (mandate_id, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4)`, [mandateId, FROM, TO, holder.id]);
    await f.mandate({ processId: quiet.id, holderId: holder.id, deputyId: idleDeputy.id, delegatedBy: admin.id, validFrom: FROM, validTo: TO });

    adminToken = await api.tokenFor('admin@uni.example');
    lineManagerToken = await api.tokenFor('leder@uni.example');
    employeeToken = await api.tokenFor('eva@uni.example');
  });
  afterAll(() => api.close());

  it('lets an admin create, read, change and list a user', async () => {
    const created = await api.http
      .post('/api/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: 'Nora.Ny@Uni.Example', name: 'Nora Ny', unitId: department.id, externalSubject: 'sub-nora' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'nora.ny@uni.example',
      name: 'Nora Ny',
      unit: { id: department.id, nameNb: 'Informatikk' },
      locale: 'nb',
      externalSubject: 'sub-nora',
      endedAt: null,
    });
    const id = created.body.id as string;

    const changed = await api.http
      .patch(`/api/users/${id}`)
      .auth(adminToken, { type: 'bearer' })
      .send({ name: 'Nora Nyborg', unitId: otherFaculty.id, locale: 'en', externalSubject: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nora Nyborg', unit: { id: otherFaculty.id, nameNb: 'Humaniora' }, locale: 'en', externalSubject: null });

    const detail = await get(`/api/users/${id}`, adminToken);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id, name: 'Nora Nyborg', email: 'nora.ny@uni.example', roleAssignments: [], mandates: [] });

    const found = await get('/api/users?q=NYBORG', adminToken);
    expect(found.status).toBe(200);
    expect(names(found.body)).toEqual(['Nora Nyborg']);
    // The pattern's wildcards are taken literally.
    expect((await get('/api/users?q=%25', adminToken)).body.total).toBe(0);
    expect((await get('/api/users?q=_', adminToken)).body.total).toBe(0);
  });

  it('lists users by name, and filters by unit subtree', async () => {
    const all = await get('/api/users?limit=3', adminToken);
    expect(all.status).toBe(200);
    expect(all.body.items.map((u: Named) => u.name)).toEqual(['Ada Admin', 'Dag Deputy', 'Dora Deputy']);
    expect(all.body).toMatchObject({ limit: 3, offset: 0 });
    expect(all.body.total).toBeGreaterThanOrEqual(8);

    const inFaculty = await get(`/api/users?unitId=${faculty.id}`, adminToken);
    expect(names(inFaculty.body)).toEqual(['Eva Ansatt', 'Lars Leder']);
  });

  it('shows a line manager only the users of their unit subtree, and themself', async () => {
    const list = await get('/api/users', lineManagerToken);
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(['Eva Ansatt', 'Lars Leder']);

    expect((await get(`/api/users/${employee.id}`, lineManagerToken)).status).toBe(200);
    const refused = await get(`/api/users/${outsider.id}`, lineManagerToken);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.requiredRoles).toContain('line_manager of the unit or a unit above it');
  });

  it('shows an employee only themself', async () => {
    const list = await get('/api/users', employeeToken);
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([employee.id]);
    expect(list.body.total).toBe(1);

    const self = await get(`/api/users/${employee.id}`, employeeToken);
    expect(self.status).toBe(200);
    expect(self.body.roleAssignments).toEqual([
      expect.objectContaining({ role: 'employee', scope: { kind: 'unit', unitId: department.id, unitName: 'Informatikk' }, validTo: null }),
    ]);
    expect((await get(`/api/users/${lineManager.id}`, employeeToken)).status).toBe(403);
  });

  it('filters by the role held today, process responsibles through their mandate or standing in as deputy', async () => {
    expect(names((await get('/api/users?role=line_manager', adminToken)).body)).toEqual(['Lars Leder']);
    expect(names((await get('/api/users?role=process_responsible', adminToken)).body)).toEqual(['Dag Deputy', 'Hanna Holder']);

    const deputyDetail = await get(`/api/users/${deputy.id}`, adminToken);
    expect(deputyDetail.body.mandates).toEqual([
      expect.objectContaining({
        process: expect.objectContaining({ code: 'OPPTAK' }),
        capacity: 'deputy',
        holder: { id: holder.id, name: 'Hanna Holder', email: 'hanna@uni.example' },
        deputyStandsIn: true,
      }),
    ]);
    const idle = await get(`/api/users/${idleDeputy.id}`, adminToken);
    expect(idle.body.mandates).toEqual([expect.objectContaining({ capacity: 'deputy', deputyStandsIn: false })]);
  });

  it('ends a user with their role assignments; their token and dev login stop working', async () => {
    const f = api.factories;
    const leaving = await f.user({ email: 'ulla@uni.example', name: 'Ulla Slutter', unitId: department.id });
    const current = await f.role(leaving.id, 'employee', { unitId: department.id });
    const future = await f.role(leaving.id, 'line_manager', { unitId: department.id }, { validFrom: '2090-01-01' });
    const past = await f.role(leaving.id, 'process_adviser', {}, { validFrom: '2001-01-01', validTo: '2002-12-31' });
    const token = await api.tokenFor('ulla@uni.example');
    expect((await api.http.get('/api/me').auth(token, { type: 'bearer' })).status).toBe(200);

    const ended = await api.http.post(`/api/users/${leaving.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: leaving.id, endedAt: expect.any(String) });

    const assignments: Array<{ id: string; ended: boolean; ended_by: string | null; end_reason: string | null }> = await api.db.query(
      `SELECT id, ended_at IS NOT NULL AS ended, ended_by, end_reason FROM role_assignment WHERE user_id = $1`,
      [leaving.id],
    );
    const byId = new Map(assignments.map((a) => [a.id, a]));
    expect(byId.get(current)).toMatchObject({ ended: true, ended_by: admin.id, end_reason: 'user ended' });
    expect(byId.get(future)).toMatchObject({ ended: true, ended_by: admin.id, end_reason: 'user ended' });
    expect(byId.get(past)).toMatchObject({ ended: false, ended_by: null, end_reason: null });

    expect((await api.http.get('/api/me').auth(token, { type: 'bearer' })).status).toBe(401);
    const login = await api.http.post('/api/auth/dev-login').send({ email: 'ulla@uni.example' });
    expect(login.status).toBe(400);

    expect(names((await get(`/api/users?unitId=${department.id}`, adminToken)).body)).toEqual(['Eva Ansatt']);
    expect(names((await get(`/api/users?unitId=${department.id}&includeEnded=true`, adminToken)).body)).toEqual(['Eva Ansatt', 'Ulla Slutter']);

    const again = await api.http.post(`/api/users/${leaving.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(again.status).toBe(409);
    const patch = await api.http.patch(`/api/users/${leaving.id}`).auth(adminToken, { type: 'bearer' }).send({ name: 'Ulla Igjen' });
    expect(patch.status).toBe(409);
    expect(await countUsers(`name = 'Ulla Igjen'`)).toBe(0);
  });

  it('refuses with 409 to end a user who holds a mandate, and changes nothing', async () => {
    const assignment = await api.factories.role(holder.id, 'employee', { unitId: otherFaculty.id });
    const refused = await api.http.post(`/api/users/${holder.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/OPPTAK/);
    expect(refused.body.mandateIds).toHaveLength(2);
    expect(await countUsers(`id = '${holder.id}' AND ended_at IS NULL`)).toBe(1);
    const [row] = await api.db.query(`SELECT ended_at FROM role_assignment WHERE id = $1`, [assignment]);
    expect(row.ended_at).toBeNull();
  });

  it('refuses a user who holds a mandate starting later, too', async () => {
    const later = await api.factories.user({ name: 'Siri Senere', unitId: otherFaculty.id });
    const process = await api.factories.process({ owningUnitId: otherFaculty.id });
    await api.factories.mandate({ processId: process.id, holderId: later.id, delegatedBy: admin.id, validFrom: '2090-01-01', validTo: '2095-12-31' });
    const refused = await api.http.post(`/api/users/${later.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/not yet started/);
    expect(await countUsers(`id = '${later.id}' AND ended_at IS NULL`)).toBe(1);
  });

  it('answers bad input with 400 and every field error, and writes nothing', async () => {
    const before = await countUsers();
    const bad = await api.http.post('/api/users').auth(adminToken, { type: 'bearer' }).send({ email: 'not-an-email', name: '  ', unitId: 'nope', role: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body', 'email', 'name', 'unitId']);

    const unknownUnit = await api.http.post('/api/users').auth(adminToken, { type: 'bearer' }).send({ email: 'x@uni.example', name: 'X', unitId: randomUUID() });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors).toEqual([{ field: 'unitId', reason: expect.stringMatching(/no unit/) }]);

    const endedHome = await api.http.post('/api/users').auth(adminToken, { type: 'bearer' }).send({ email: 'x@uni.example', name: 'X', unitId: endedUnit.id });
    expect(endedHome.status).toBe(400);
    expect(endedHome.body.errors).toEqual([{ field: 'unitId', reason: expect.stringMatching(/ended/) }]);

    const move = await api.http.patch(`/api/users/${employee.id}`).auth(adminToken, { type: 'bearer' }).send({ name: 'Eva Flyttet', unitId: endedUnit.id });
    expect(move.status).toBe(400);
    expect(move.body.errors.map((e: { field: string }) => e.field)).toEqual(['unitId']);

    expect(await countUsers()).toBe(before);
    expect(await countUsers(`id = '${employee.id}' AND name = 'Eva Ansatt' AND unit_id = '${department.id}'`)).toBe(1);
  });

  it('refuses anyone but an admin with 403 naming the role, and writes nothing', async () => {
    const before = await countUsers();
    const create = await api.http.post('/api/users').auth(lineManagerToken, { type: 'bearer' }).send({ email: 'y@uni.example', name: 'Y', unitId: faculty.id });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ status: 403, requiredRoles: ['admin'] });

    const patch = await api.http.patch(`/api/users/${employee.id}`).auth(lineManagerToken, { type: 'bearer' }).send({ name: 'Eva Endret' });
    expect(patch.status).toBe(403);
    const end = await api.http.post(`/api/users/${employee.id}/end`).auth(employeeToken, { type: 'bearer' });
    expect(end.status).toBe(403);

    expect(await countUsers()).toBe(before);
    expect(await countUsers(`id = '${employee.id}' AND name = 'Eva Ansatt' AND ended_at IS NULL`)).toBe(1);
  });

  it('answers 404 for a user that does not exist, and 400 for an id that is not a UUID', async () => {
    const missing = randomUUID();
    expect((await get(`/api/users/${missing}`, adminToken)).status).toBe(404);
    expect((await api.http.patch(`/api/users/${missing}`).auth(adminToken, { type: 'bearer' }).send({ name: 'Z' })).status).toBe(404);
    expect((await api.http.post(`/api/users/${missing}/end`).auth(adminToken, { type: 'bearer' })).status).toBe(404);
    const notUuid = await get('/api/users/abc', adminToken);
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
  });

  it('refuses a duplicate e-mail or identity-provider subject with 409, and writes nothing', async () => {
    const before = await countUsers();
    const duplicate = await api.http.post('/api/users').auth(adminToken, { type: 'bearer' }).send({ email: 'EVA@uni.example', name: 'Eva To', unitId: department.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'email', reason: expect.stringMatching(/eva@uni.example/) }]);

    const taken = await api.http.patch(`/api/users/${outsider.id}`).auth(adminToken, { type: 'bearer' }).send({ email: 'leder@uni.example' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);

    await api.db.query(`UPDATE app_user SET external_subject = 'sub-lars' WHERE id = $1`, [lineManager.id]);
    const subject = await api.http
      .post('/api/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: 'ny@uni.example', name: 'Ny', unitId: department.id, externalSubject: 'sub-lars' });
    expect(subject.status).toBe(409);
    expect(subject.body.errors.map((e: { field: string }) => e.field)).toEqual(['externalSubject']);

    expect(await countUsers()).toBe(before);
    expect(await countUsers(`id = '${outsider.id}' AND email = 'olav@uni.example'`)).toBe(1);
  });

  it('answers 401 without a token', async () => {
    const response = await api.http.get('/api/users');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});
