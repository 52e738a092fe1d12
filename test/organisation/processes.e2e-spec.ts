import { randomUUID } from 'node:crypto';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// A mandate in force on the day the suite runs; the database takes none of 25 years or more.
const TODAY = osloDay(new Date());
const FROM = addDays(TODAY, -365);
const TO = addDays(TODAY, 730);

const person = (user: { id: string; name: string; email: string }) => ({ id: user.id, name: user.name, email: user.email });

describe('processes API', () => {
  let api: TestApi;
  let university: { id: string; path: string[] };
  let faculty: { id: string; path: string[] };
  let endedUnit: { id: string };
  let admin: { id: string; name: string; email: string };
  let owner: { id: string; name: string; email: string };
  let adviser: { id: string; name: string; email: string };
  let holder: { id: string; name: string; email: string };
  let deputy: { id: string; name: string; email: string };
  let member: { id: string; name: string; email: string };
  let formerMember: { id: string; name: string; email: string };
  let admission: { id: string };
  let exams: { id: string };
  let mandateId: string;
  let adminToken: string;
  let ownerToken: string;
  let otherOwnerToken: string;
  let employeeToken: string;

  const count = async (table: string, where = 'true') => (await api.db.query(`SELECT count(*)::int AS count FROM ${table} WHERE ${where}`))[0].count as number;

  beforeAll(async () => {
    api = await startTestApi();
    const f = api.factories;
    university = await f.unit({ code: 'UNI', nameNb: 'Universitetet', kind: 'university' });
    faculty = await f.unit({ code: 'MN', nameNb: 'Matnat', kind: 'faculty', parent: university });
    endedUnit = await f.unit({ code: 'OLD', nameNb: 'Nedlagt', kind: 'faculty', parent: university });
    await api.db.query(`UPDATE unit SET ended_at = now() WHERE id = $1`, [endedUnit.id]);

    admission = await f.process({ code: 'OPPTAK', nameNb: 'Opptak', owningUnitId: university.id });
    exams = await f.process({ code: 'EKSAMEN', nameNb: 'Eksamen', owningUnitId: faculty.id });

    admin = await f.user({ email: 'admin@uni.example', name: 'Ada Admin', unitId: university.id });
    await f.role(admin.id, 'admin');
    owner = await f.user({ email: 'eier@uni.example', name: 'Per Eier', unitId: university.id });
    await f.role(owner.id, 'process_owner', { processId: admission.id }, { validFrom: '2003-01-01' });
    const otherOwner = await f.user({ email: 'annen@uni.example', name: 'Pål Annen', unitId: faculty.id });
    await f.role(otherOwner.id, 'process_owner', { processId: exams.id });
    // A process owner whose assignment ran out, before the current one took over, is not listed.
    const formerOwner = await f.user({ email: 'tidligere@uni.example', name: 'Tora Tidligere', unitId: university.id });
    await f.role(formerOwner.id, 'process_owner', { processId: admission.id }, { validFrom: '2001-01-01', validTo: '2002-12-31' });
    adviser = await f.user({ email: 'rad@uni.example', name: 'Anne Rådgiver', unitId: faculty.id });
    await f.role(adviser.id, 'process_adviser', { processId: admission.id });
    await f.user({ email: 'ansatt@uni.example', name: 'Eva Ansatt', unitId: faculty.id });

    holder = await f.user({ email: 'hanna@uni.example', name: 'Hanna Holder', unitId: university.id });
    deputy = await f.user({ email: 'dag@uni.example', name: 'Dag Deputy', unitId: university.id });
    mandateId = await f.mandate({ processId: admission.id, holderId: holder.id, deputyId: deputy.id, delegatedBy: owner.id, validFrom: FROM, validTo: TO });
    await api.db.query(`INSERT INTO mandate_absence (mandate_id, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4)`, [mandateId, FROM, TO, owner.id]);
    // A mandate that ran out long ago is history, not a process responsible today.
    await f.mandate({ processId: admission.id, holderId: adviser.id, delegatedBy: owner.id, validFrom: '2001-01-01', validTo: '2002-12-31' });

    member = await f.user({ email: 'medlem@uni.example', name: 'Mia Medlem', unitId: faculty.id });
    formerMember = await f.user({ email: 'sluttet@uni.example', name: 'Sara Sluttet', unitId: faculty.id });
    await api.db.query(`INSERT INTO process_team_member (process_id, user_id) VALUES ($1, $2), ($1, $3)`, [admission.id, member.id, formerMember.id]);
    await api.db.query(`UPDATE app_user SET ended_at = now() WHERE id = $1`, [formerMember.id]);

    adminToken = await api.tokenFor('admin@uni.example');
    ownerToken = await api.tokenFor('eier@uni.example');
    otherOwnerToken = await api.tokenFor('annen@uni.example');
    employeeToken = await api.tokenFor('ansatt@uni.example');
  });
  afterAll(() => api.close());

  it('lets everyone read the catalogue, by code, with filters', async () => {
    const list = await api.http.get('/api/processes').auth(employeeToken, { type: 'bearer' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['EKSAMEN', 'OPPTAK']);
    expect(list.body.items[1]).toEqual({
      id: admission.id,
      code: 'OPPTAK',
      nameNb: 'Opptak',
      nameEn: 'Opptak',
      description: '',
      owningUnit: { id: university.id, nameNb: 'Universitetet' },
      endedAt: null,
    });

    const byUnit = await api.http.get('/api/processes').query({ owningUnitId: faculty.id }).auth(employeeToken, { type: 'bearer' });
    expect(byUnit.body.items.map((p: { code: string }) => p.code)).toEqual(['EKSAMEN']);
    const byName = await api.http.get('/api/processes').query({ q: 'opp' }).auth(employeeToken, { type: 'bearer' });
    expect(byName.body.items.map((p: { code: string }) => p.code)).toEqual(['OPPTAK']);
  });

  it('shows everyone who holds the roles of a process today, with the deputy standing in during an absence', async () => {
    const detail = await api.http.get(`/api/processes/${admission.id}`).auth(employeeToken, { type: 'bearer' });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      code: 'OPPTAK',
      day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      processOwners: [person(owner)],
      processAdvisers: [person(adviser)],
      team: [person(member)],
      processResponsibles: [
        {
          mandateId,
          holder: person(holder),
          deputy: person(deputy),
          validFrom: FROM,
          validTo: TO,
          deputyStandsIn: true,
          absence: { startsOn: FROM, endsOn: TO },
        },
      ],
    });
  });

  it('lets an admin add a process with a team and end it', async () => {
    const created = await api.http
      .post('/api/processes')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: 'ARKIV', nameNb: 'Arkivering', nameEn: 'Archiving', owningUnitId: faculty.id, teamMemberIds: [member.id, adviser.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'ARKIV',
      nameEn: 'Archiving',
      description: '',
      owningUnit: { id: faculty.id, nameNb: 'Matnat' },
      processOwners: [],
      processResponsibles: [],
      team: [person(adviser), person(member)],
      endedAt: null,
    });
    const id = created.body.id as string;
    const archiveOwner = await api.factories.user({ email: 'arkiveier@uni.example', unitId: faculty.id });
    await api.factories.role(archiveOwner.id, 'process_owner', { processId: id });
    const archiveOwnerToken = await api.tokenFor('arkiveier@uni.example');

    const ended = await api.http.post(`/api/processes/${id}/end`).auth(adminToken, { type: 'bearer' });
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toEqual(expect.any(String));
    // The roles held for the process end with it.
    const me = await api.http.get('/api/me').auth(archiveOwnerToken, { type: 'bearer' });
    expect(me.body.roles).toEqual([]);
    expect(await count('role_assignment', `process_id = '${id}' AND end_reason = 'process ended'`)).toBe(1);
    const again = await api.http.post(`/api/processes/${id}/end`).auth(adminToken, { type: 'bearer' });
    expect(again.status).toBe(409);

    const active = await api.http.get('/api/processes').auth(employeeToken, { type: 'bearer' });
    expect(active.body.items.map((p: { code: string }) => p.code)).not.toContain('ARKIV');
    const all = await api.http.get('/api/processes').query({ includeEnded: 'true' }).auth(employeeToken, { type: 'bearer' });
    expect(all.body.items.map((p: { code: string }) => p.code)).toContain('ARKIV');

    const change = await api.http.patch(`/api/processes/${id}`).auth(adminToken, { type: 'bearer' }).send({ nameNb: 'Arkiv' });
    expect(change.status).toBe(409);
    expect(await count('process', `id = '${id}' AND name_nb = 'Arkivering'`)).toBe(1);
  });

  it('lets the process owner of the process change it, and refuses another process owner', async () => {
    const changed = await api.http
      .patch(`/api/processes/${admission.id}`)
      .auth(ownerToken, { type: 'bearer' })
      .send({ description: 'Opptak til studier', teamMemberIds: [member.id, deputy.id] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ code: 'OPPTAK', description: 'Opptak til studier', team: [person(deputy), person(member)] });

    const refused = await api.http.patch(`/api/processes/${admission.id}`).auth(otherOwnerToken, { type: 'bearer' }).send({ description: 'Kapret', teamMemberIds: [] });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.requiredRoles).toEqual(['admin', 'process_owner of the process']);
    expect(await count('process', `id = '${admission.id}' AND description = 'Opptak til studier'`)).toBe(1);
    expect(await count('process_team_member', `process_id = '${admission.id}'`)).toBe(2);
  });

  it('refuses to end a process while a mandate runs or is still to start, and changes nothing', async () => {
    const refused = await api.http.post(`/api/processes/${admission.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/Hanna Holder/);
    expect(refused.body.mandateIds).toEqual([mandateId]);
    expect(await count('process', `id = '${admission.id}' AND ended_at IS NULL`)).toBe(1);

    const later = await api.factories.process({ code: 'SENERE', owningUnitId: faculty.id });
    await api.factories.mandate({ processId: later.id, holderId: holder.id, delegatedBy: owner.id, validFrom: '2090-01-01', validTo: '2095-12-31' });
    const notYet = await api.http.post(`/api/processes/${later.id}/end`).auth(adminToken, { type: 'bearer' });
    expect(notYet.status).toBe(409);
    expect(notYet.body.detail).toMatch(/not yet started/);
    expect(await count('process', `id = '${later.id}' AND ended_at IS NULL`)).toBe(1);
  });

  it('answers bad input with 400 and every field error, and writes nothing', async () => {
    const before = await count('process');
    const bad = await api.http
      .post('/api/processes')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: '-x', nameNb: '', owningUnitId: 'nope', teamMemberIds: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'nameEn', 'nameNb', 'owningUnitId', 'teamMemberIds[0]']);

    const unknown = await api.http
      .post('/api/processes')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: 'NY', nameNb: 'Ny', nameEn: 'New', owningUnitId: endedUnit.id, teamMemberIds: [member.id, randomUUID(), formerMember.id] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['owningUnitId', 'teamMemberIds[1]', 'teamMemberIds[2]']);

    const move = await api.http.patch(`/api/processes/${exams.id}`).auth(adminToken, { type: 'bearer' }).send({ nameNb: 'Flyttet', owningUnitId: randomUUID() });
    expect(move.status).toBe(400);
    expect(move.body.errors.map((e: { field: string }) => e.field)).toEqual(['owningUnitId']);

    expect(await count('process')).toBe(before);
    expect(await count('process', `id = '${exams.id}' AND name_nb = 'Eksamen' AND owning_unit_id = '${faculty.id}'`)).toBe(1);
  });

  it('refuses anyone but an admin to add or end a process with 403, and writes nothing', async () => {
    const before = await count('process');
    const create = await api.http
      .post('/api/processes')
      .auth(ownerToken, { type: 'bearer' })
      .send({ code: 'EGEN', nameNb: 'Egen', nameEn: 'Own', owningUnitId: faculty.id });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ status: 403, requiredRoles: ['admin'] });

    const end = await api.http.post(`/api/processes/${exams.id}/end`).auth(otherOwnerToken, { type: 'bearer' });
    expect(end.status).toBe(403);
    const patch = await api.http.patch(`/api/processes/${exams.id}`).auth(employeeToken, { type: 'bearer' }).send({ nameNb: 'Endret' });
    expect(patch.status).toBe(403);

    expect(await count('process')).toBe(before);
    expect(await count('process', `id = '${exams.id}' AND name_nb = 'Eksamen' AND ended_at IS NULL`)).toBe(1);
  });

  it('answers 404 for a process that does not exist', async () => {
    const missing = randomUUID();
    expect((await api.http.get(`/api/processes/${missing}`).auth(employeeToken, { type: 'bearer' })).status).toBe(404);
    expect((await api.http.patch(`/api/processes/${missing}`).auth(adminToken, { type: 'bearer' }).send({ nameNb: 'X' })).status).toBe(404);
    expect((await api.http.post(`/api/processes/${missing}/end`).auth(adminToken, { type: 'bearer' })).status).toBe(404);
  });

  it('refuses a code already in use with 409, whatever its case, and writes nothing', async () => {
    const before = await count('process');
    const teamRows = await count('process_team_member');
    const duplicate = await api.http
      .post('/api/processes')
      .auth(adminToken, { type: 'bearer' })
      .send({ code: 'opptak', nameNb: 'Opptak to', nameEn: 'Admission two', owningUnitId: faculty.id, teamMemberIds: [member.id] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    expect(await count('process')).toBe(before);
    expect(await count('process_team_member')).toBe(teamRows);

    const rename = await api.http.patch(`/api/processes/${exams.id}`).auth(adminToken, { type: 'bearer' }).send({ code: 'OPPTAK' });
    expect(rename.status).toBe(409);
    expect(await count('process', `id = '${exams.id}' AND code = 'EKSAMEN'`)).toBe(1);
  });

  it('answers 401 without a token', async () => {
    const response = await api.http.get('/api/processes');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});
