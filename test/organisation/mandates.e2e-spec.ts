import { startTestApi, type TestApi } from '../support/test-api.js';

interface MeRole {
  role: string;
  scope: { kind: string; processId?: string; processName?: string };
  source: { kind: string; id: string; absenceId?: string };
  validTo: string | null;
}

const BEARER = { type: 'bearer' } as const;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
// Far-off dates keep the cases independent of the day the suite runs: a mandate of these dates is in force today.
const FROM = '2020-01-01';
const TO = '2099-12-31';

describe('mandates API', () => {
  let api: TestApi;
  let university: { id: string };
  let admissions: { id: string; nameNb: string };
  let exams: { id: string; nameNb: string };
  let people: Record<'admin' | 'owner' | 'otherOwner' | 'hanne' | 'dag' | 'per' | 'kari' | 'ola', { id: string; email: string; name: string }>;

  const tokenOf = (who: keyof typeof people) => api.tokenFor(people[who].email);
  const processRoles = async (who: keyof typeof people): Promise<MeRole[]> => {
    const response = await api.http.get('/api/me').auth(await tokenOf(who), BEARER);
    expect(response.status).toBe(200);
    return (response.body.roles as MeRole[]).filter((r) => r.role === 'process_responsible');
  };
  const countMandates = async (holderId: string): Promise<number> => {
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM mandate WHERE holder_id = $1`, [holderId]);
    return count as number;
  };
  const countAbsences = async (mandateId: string): Promise<number> => {
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM mandate_absence WHERE mandate_id = $1`, [mandateId]);
    return count as number;
  };
  const delegate = async (who: keyof typeof people, body: Record<string, unknown>) =>
    api.http.post('/api/mandates').auth(await tokenOf(who), BEARER).send(body);
  const recordAbsence = async (who: keyof typeof people, mandateId: string, body: Record<string, unknown>) =>
    api.http.post(`/api/mandates/${mandateId}/absences`).auth(await tokenOf(who), BEARER).send(body);
  const expectProblem = (response: { status: number; headers: Record<string, string> }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  };

  beforeAll(async () => {
    api = await startTestApi();
    university = await api.factories.unit({ code: 'UNI', nameNb: 'Universitetet', kind: 'university' });
    admissions = await api.factories.process({ code: 'OPPTAK', nameNb: 'Opptak', owningUnitId: university.id });
    exams = await api.factories.process({ code: 'EKSAMEN', nameNb: 'Eksamen', owningUnitId: university.id });
    const person = async (key: string, name: string) => ({ ...(await api.factories.user({ email: `${key}@universitet.example`, name, unitId: university.id })), name });
    people = {
      admin: await person('admin', 'Admin'),
      owner: await person('eier', 'Eva Eier'),
      otherOwner: await person('eier2', 'Erik Eier'),
      hanne: await person('hanne', 'Hanne Holder'),
      dag: await person('dag', 'Dag Deputy'),
      per: await person('per', 'Per Prosess'),
      kari: await person('kari', 'Kari Nordmann'),
      ola: await person('ola', 'Ola Ansatt'),
    };
    await api.factories.role(people.admin.id, 'admin');
    await api.factories.role(people.owner.id, 'process_owner', { processId: admissions.id });
    await api.factories.role(people.otherOwner.id, 'process_owner', { processId: exams.id });
  });
  afterAll(() => api.close());

  describe('delegation by the process owner', () => {
    let mandateId: string;

    it('gives the holder the process-responsible role for that process, from the mandate', async () => {
      const created = await delegate('owner', { processId: admissions.id, holderId: people.hanne.id, validFrom: FROM, validTo: TO, description: 'Opptak 2020–2099' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        process: { id: admissions.id, nameNb: 'Opptak' },
        holder: { id: people.hanne.id, name: 'Hanne Holder', email: people.hanne.email },
        deputy: null,
        delegatedBy: { id: people.owner.id, name: 'Eva Eier' },
        validFrom: FROM,
        validTo: TO,
        description: 'Opptak 2020–2099',
        inForce: true,
        deputyStandsInToday: false,
        absences: [],
        endedAt: null,
      });
      mandateId = created.body.id;

      expect(await processRoles('hanne')).toEqual([
        { role: 'process_responsible', scope: { kind: 'process', processId: admissions.id, processName: 'Opptak' }, source: { kind: 'mandate', id: mandateId }, validTo: TO },
      ]);
      const read = await api.http.get(`/api/mandates/${mandateId}`).auth(await tokenOf('ola'), BEARER);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const listed = await api.http.get('/api/mandates').query({ processId: admissions.id, inForce: 'true' }).auth(await tokenOf('ola'), BEARER);
      expect(listed.body).toMatchObject({ total: 1, items: [{ id: mandateId }] });
    });

    it('refuses the owner of another process with 403 and writes nothing', async () => {
      const response = await delegate('otherOwner', { processId: admissions.id, holderId: people.per.id, validFrom: FROM, validTo: TO });
      expectProblem(response, 403);
      expect(response.body.requiredRoles).toEqual(['admin', 'process_owner of the process']);
      const byEmployee = await delegate('hanne', { processId: admissions.id, holderId: people.per.id, validFrom: FROM, validTo: TO });
      expectProblem(byEmployee, 403);
      expect(await countMandates(people.per.id)).toBe(0);

      const change = await api.http.patch(`/api/mandates/${mandateId}`).auth(await tokenOf('otherOwner'), BEARER).send({ validTo: '2030-12-31' });
      expectProblem(change, 403);
      const end = await api.http.post(`/api/mandates/${mandateId}/end`).auth(await tokenOf('otherOwner'), BEARER);
      expectProblem(end, 403);
      const [row] = await api.db.query(`SELECT valid_to::text, ended_at FROM mandate WHERE id = $1`, [mandateId]);
      expect(row).toEqual({ valid_to: TO, ended_at: null });
    });

    it('refuses a second mandate of the same holder for the same process over overlapping dates with 409', async () => {
      const response = await delegate('owner', { processId: admissions.id, holderId: people.hanne.id, validFrom: '2099-12-31', validTo: '2099-12-31' });
      expectProblem(response, 409);
      expect(response.body.detail).toContain(mandateId);
      expect(await countMandates(people.hanne.id)).toBe(1);
    });

    it('lets the deputy stand in while an absence covers today, until the absence is deleted', async () => {
      const named = await api.http.patch(`/api/mandates/${mandateId}`).auth(await tokenOf('owner'), BEARER).send({ deputyId: people.dag.id });
      expect(named.status).toBe(200);
      expect(named.body.deputy).toEqual({ id: people.dag.id, name: 'Dag Deputy', email: people.dag.email });
      expect(await processRoles('dag')).toEqual([]);

      const absent = await recordAbsence('owner', mandateId, { startsOn: '2021-01-01', endsOn: '2098-12-31', reason: 'Forskningstermin' });
      expect(absent.status).toBe(201);
      expect(absent.body.deputyStandsInToday).toBe(true);
      expect(absent.body.absences).toEqual([{ id: expect.any(String), startsOn: '2021-01-01', endsOn: '2098-12-31', reason: 'Forskningstermin' }]);
      const absenceId = absent.body.absences[0].id as string;

      expect(await processRoles('dag')).toEqual([
        {
          role: 'process_responsible',
          scope: { kind: 'process', processId: admissions.id, processName: 'Opptak' },
          source: { kind: 'deputy', id: mandateId, absenceId },
          validTo: '2098-12-31',
        },
      ]);
      // grantsInForce leaves the holder the role during an absence: the deputy stands in beside the holder, not instead.
      expect((await processRoles('hanne')).map((r) => r.source)).toEqual([{ kind: 'mandate', id: mandateId }]);

      const removed = await api.http.delete(`/api/mandates/${mandateId}/absences/${absenceId}`).auth(await tokenOf('owner'), BEARER);
      expect(removed.status).toBe(204);
      expect(await processRoles('dag')).toEqual([]);
      expect((await processRoles('hanne')).map((r) => r.source)).toEqual([{ kind: 'mandate', id: mandateId }]);
      const after = await api.http.get(`/api/mandates/${mandateId}`).auth(await tokenOf('dag'), BEARER);
      expect(after.body).toMatchObject({ deputyStandsInToday: false, absences: [] });
    });

    it('lets the holder record their own absence, within the mandate and apart from other absences', async () => {
      const own = await recordAbsence('hanne', mandateId, { startsOn: '2099-06-01', endsOn: '2099-06-30' });
      expect(own.status).toBe(201);
      expect(own.body.absences).toEqual([{ id: expect.any(String), startsOn: '2099-06-01', endsOn: '2099-06-30', reason: '' }]);
      expect(own.body.deputyStandsInToday).toBe(false);

      const overlapping = await recordAbsence('hanne', mandateId, { startsOn: '2099-06-30', endsOn: '2099-07-10' });
      expectProblem(overlapping, 409);
      expect(overlapping.body.detail).toContain('2099-06-01 to 2099-06-30');

      const outside = await recordAbsence('hanne', mandateId, { startsOn: '2019-12-01', endsOn: '2100-01-31' });
      expectProblem(outside, 400);
      expect(outside.body.errors.map((e: { field: string }) => e.field)).toEqual(['startsOn', 'endsOn']);
      const backwards = await recordAbsence('hanne', mandateId, { startsOn: '2099-08-10', endsOn: '2099-08-01' });
      expectProblem(backwards, 400);
      expect(backwards.body.errors.map((e: { field: string }) => e.field)).toEqual(['endsOn']);

      for (const outsider of ['ola', 'otherOwner', 'dag'] as const) {
        const refused = await recordAbsence(outsider, mandateId, { startsOn: '2099-09-01', endsOn: '2099-09-02' });
        expectProblem(refused, 403);
      }
      const absenceId = own.body.absences[0].id as string;
      const deleteByOutsider = await api.http.delete(`/api/mandates/${mandateId}/absences/${absenceId}`).auth(await tokenOf('ola'), BEARER);
      expectProblem(deleteByOutsider, 403);
      expect(await countAbsences(mandateId)).toBe(1);

      expect((await api.http.delete(`/api/mandates/${mandateId}/absences/${absenceId}`).auth(await tokenOf('hanne'), BEARER)).status).toBe(204);
      expect(await countAbsences(mandateId)).toBe(0);
    });
  });

  it('takes the role away from holder and deputy when the mandate is ended, and keeps it on record', async () => {
    const created = await delegate('admin', { processId: exams.id, holderId: people.kari.id, deputyId: people.dag.id, validFrom: FROM, validTo: TO });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const absenceId = (await recordAbsence('kari', id, { startsOn: FROM, endsOn: TO })).body.absences[0].id as string;
    expect((await processRoles('kari')).map((r) => r.source.id)).toEqual([id]);
    expect((await processRoles('dag')).map((r) => r.source.id)).toEqual([id]);

    const ended = await api.http.post(`/api/mandates/${id}/end`).auth(await tokenOf('otherOwner'), BEARER).send({ reason: 'Ny prosessansvarlig' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ inForce: false, deputyStandsInToday: false, endReason: 'Ny prosessansvarlig' });
    expect(ended.body.endedAt).not.toBeNull();
    expect(await processRoles('kari')).toEqual([]);
    expect(await processRoles('dag')).toEqual([]);

    const ownerToken = await tokenOf('otherOwner');
    expectProblem(await api.http.patch(`/api/mandates/${id}`).auth(ownerToken, BEARER).send({ description: 'for sent' }), 409);
    expectProblem(await api.http.post(`/api/mandates/${id}/end`).auth(ownerToken, BEARER), 409);
    expectProblem(await api.http.delete(`/api/mandates/${id}/absences/${absenceId}`).auth(ownerToken, BEARER), 409);
    expect(await countAbsences(id)).toBe(1);

    const open = await api.http.get('/api/mandates').query({ holderId: people.kari.id }).auth(ownerToken, BEARER);
    expect(open.body.total).toBe(0);
    const history = await api.http.get('/api/mandates').query({ holderId: people.kari.id, includeEnded: 'true', inForce: 'false' }).auth(ownerToken, BEARER);
    expect(history.body.items.map((m: { id: string }) => m.id)).toEqual([id]);

    // With the old mandate ended, the same holder may be delegated the process again.
    const renewed = await delegate('otherOwner', { processId: exams.id, holderId: people.kari.id, validFrom: FROM, validTo: TO });
    expect(renewed.status).toBe(201);
  });

  it('answers bad input with 400 naming the fields, and writes nothing', async () => {
    const ended = await api.factories.process({ code: 'NEDLAGT', nameNb: 'Nedlagt', owningUnitId: university.id });
    await api.db.query(`UPDATE process SET ended_at = now() WHERE id = $1`, [ended.id]);
    const gone = await api.factories.user({ email: 'sluttet@universitet.example', unitId: university.id });
    await api.db.query(`UPDATE app_user SET ended_at = now() WHERE id = $1`, [gone.id]);

    const base = { processId: admissions.id, holderId: people.per.id, validFrom: FROM, validTo: TO };
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...base, validFrom: '2026-05-01', validTo: '2026-04-30' }, ['validTo']],
      [{ ...base, deputyId: people.per.id }, ['deputyId']],
      [{ ...base, processId: UNKNOWN_ID }, ['processId']],
      [{ ...base, processId: ended.id }, ['processId']],
      [{ ...base, holderId: UNKNOWN_ID, deputyId: gone.id }, ['deputyId', 'holderId']],
      [{ ...base, holderId: gone.id }, ['holderId']],
      [{ processId: 'nope', holderId: people.per.id, validFrom: '2026-02-30', extra: true }, ['body', 'processId', 'validFrom', 'validTo']],
    ];
    for (const [body, fields] of cases) {
      const response = await delegate('admin', body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(fields);
    }
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM mandate WHERE holder_id = ANY($1)`, [[people.per.id, gone.id]]);
    expect(count).toBe(0);
  });

  it('answers 401 without a token', async () => {
    for (const response of [
      await api.http.get('/api/mandates'),
      await api.http.post('/api/mandates').send({ processId: admissions.id, holderId: people.per.id, validFrom: FROM, validTo: TO }),
    ]) {
      expectProblem(response, 401);
    }
    expect(await countMandates(people.per.id)).toBe(0);
  });

  it('answers 404 for a mandate or an absence that does not exist', async () => {
    const token = await tokenOf('admin');
    const existing = (await api.http.get('/api/mandates').query({ holderId: people.hanne.id }).auth(token, BEARER)).body.items[0].id as string;
    for (const response of [
      await api.http.get(`/api/mandates/${UNKNOWN_ID}`).auth(token, BEARER),
      await api.http.patch(`/api/mandates/${UNKNOWN_ID}`).auth(token, BEARER).send({ description: 'x' }),
      await api.http.post(`/api/mandates/${UNKNOWN_ID}/end`).auth(token, BEARER),
      await api.http.post(`/api/mandates/${UNKNOWN_ID}/absences`).auth(token, BEARER).send({ startsOn: '2099-01-01', endsOn: '2099-01-02' }),
      await api.http.delete(`/api/mandates/${existing}/absences/${UNKNOWN_ID}`).auth(token, BEARER),
    ]) {
      expectProblem(response, 404);
    }
  });
});
