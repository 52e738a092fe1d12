import pg from 'pg';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface MeRole {
  role: string;
  scope: { kind: string; processId?: string; processName?: string };
  source: { kind: string; id: string; absenceId?: string };
  validTo: string | null;
}

const BEARER = { type: 'bearer' } as const;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// Dates counted from the day the suite runs: a mandate of these dates is in force today, and runs three years, within the limit of four.
const TODAY = osloDay(new Date());
const FROM = addDays(TODAY, -365);
const TO = addDays(TODAY, 730);

/** Waits until a request of the API waits for a lock another transaction holds (polling, not guessing a delay). */
async function untilSomeoneWaitsForALock(api: TestApi): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [{ waiting }] = await api.db.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting > 0) return;
    if (Date.now() > deadline) throw new Error('no request came to wait for the lock within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('mandates API', () => {
  let api: TestApi;
  let university: { id: string };
  let admissions: { id: string; nameNb: string };
  let exams: { id: string; nameNb: string };
  let people: Record<'admin' | 'owner' | 'otherOwner' | 'hanne' | 'dag' | 'per' | 'kari' | 'ola' | 'siv', { id: string; email: string; name: string }>;

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
      siv: await person('siv', 'Siv Etterfølger'),
    };
    await api.factories.role(people.admin.id, 'admin');
    await api.factories.role(people.owner.id, 'process_owner', { processId: admissions.id });
    await api.factories.role(people.otherOwner.id, 'process_owner', { processId: exams.id });
  });
  afterAll(() => api.close());

  describe('delegation by the process owner', () => {
    let mandateId: string;

    it('gives the holder the process-responsible role for that process, from the mandate', async () => {
      const created = await delegate('owner', { processId: admissions.id, holderId: people.hanne.id, validFrom: FROM, validTo: TO, description: 'Opptak, tre år' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        process: { id: admissions.id, nameNb: 'Opptak' },
        holder: { id: people.hanne.id, name: 'Hanne Holder', email: people.hanne.email },
        deputy: null,
        delegatedBy: { id: people.owner.id, name: 'Eva Eier' },
        validFrom: FROM,
        validTo: TO,
        description: 'Opptak, tre år',
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

    it('refuses a second mandate for the process on days the first covers, whoever would hold it, with 409 naming the holder and the dates', async () => {
      for (const holder of ['hanne', 'per'] as const) {
        const response = await delegate('owner', { processId: admissions.id, holderId: people[holder].id, validFrom: TO, validTo: TO });
        expectProblem(response, 409);
        expect(response.body.detail).toBe(
          `Opptak already has a process responsible from ${FROM} to ${TO}: Hanne Holder (mandate ${mandateId}). ` +
            'A process has one process responsible at a time; shorten or end that mandate first, or choose days outside it.',
        );
        expect(response.body.conflictingMandate).toEqual({ id: mandateId, holder: { id: people.hanne.id, name: 'Hanne Holder' }, validFrom: FROM, validTo: TO });
      }
      expect(await countMandates(people.hanne.id)).toBe(1);
      expect(await countMandates(people.per.id)).toBe(0);
    });

    it('hands the process over from the day after the last day of the mandate before, and keeps either from reaching over the other', async () => {
      const successor = await delegate('owner', { processId: admissions.id, holderId: people.siv.id, validFrom: addDays(TO, 1), validTo: addDays(TO, 365) });
      expect(successor.status).toBe(201);
      const successorId = successor.body.id as string;

      const stretchedBack = await api.http.patch(`/api/mandates/${successorId}`).auth(await tokenOf('owner'), BEARER).send({ validFrom: TO });
      expectProblem(stretchedBack, 409);
      expect(stretchedBack.body.detail).toContain(`from ${FROM} to ${TO}: Hanne Holder (mandate ${mandateId})`);
      const stretchedOn = await api.http.patch(`/api/mandates/${mandateId}`).auth(await tokenOf('owner'), BEARER).send({ validTo: addDays(TO, 1) });
      expectProblem(stretchedOn, 409);
      expect(stretchedOn.body.detail).toContain(`from ${addDays(TO, 1)} to ${addDays(TO, 365)}: Siv Etterfølger (mandate ${successorId})`);
      const rows = await api.db.query(`SELECT id, valid_from::text, valid_to::text FROM mandate WHERE id = ANY($1) ORDER BY valid_from`, [[mandateId, successorId]]);
      expect(rows).toEqual([
        { id: mandateId, valid_from: FROM, valid_to: TO },
        { id: successorId, valid_from: addDays(TO, 1), valid_to: addDays(TO, 365) },
      ]);
    });

    it('lets the deputy stand in while an absence covers today, until the absence is deleted', async () => {
      const named = await api.http.patch(`/api/mandates/${mandateId}`).auth(await tokenOf('owner'), BEARER).send({ deputyId: people.dag.id });
      expect(named.status).toBe(200);
      expect(named.body.deputy).toEqual({ id: people.dag.id, name: 'Dag Deputy', email: people.dag.email });
      expect(await processRoles('dag')).toEqual([]);

      const [startsOn, endsOn] = [addDays(FROM, 1), addDays(TO, -1)];
      const absent = await recordAbsence('owner', mandateId, { startsOn, endsOn, reason: 'Forskningstermin' });
      expect(absent.status).toBe(201);
      expect(absent.body.deputyStandsInToday).toBe(true);
      expect(absent.body.absences).toEqual([{ id: expect.any(String), startsOn, endsOn, reason: 'Forskningstermin' }]);
      const absenceId = absent.body.absences[0].id as string;

      expect(await processRoles('dag')).toEqual([
        {
          role: 'process_responsible',
          scope: { kind: 'process', processId: admissions.id, processName: 'Opptak' },
          source: { kind: 'deputy', id: mandateId, absenceId },
          validTo: endsOn,
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
      const [startsOn, endsOn] = [addDays(TO, -60), addDays(TO, -31)];
      const own = await recordAbsence('hanne', mandateId, { startsOn, endsOn });
      expect(own.status).toBe(201);
      expect(own.body.absences).toEqual([{ id: expect.any(String), startsOn, endsOn, reason: '' }]);
      expect(own.body.deputyStandsInToday).toBe(false);

      const overlapping = await recordAbsence('hanne', mandateId, { startsOn: endsOn, endsOn: addDays(TO, -20) });
      expectProblem(overlapping, 409);
      expect(overlapping.body.detail).toContain(`${startsOn} to ${endsOn}`);

      const outside = await recordAbsence('hanne', mandateId, { startsOn: addDays(FROM, -31), endsOn: addDays(TO, 31) });
      expectProblem(outside, 400);
      expect(outside.body.errors.map((e: { field: string }) => e.field)).toEqual(['startsOn', 'endsOn']);
      const backwards = await recordAbsence('hanne', mandateId, { startsOn: addDays(TO, -10), endsOn: addDays(TO, -19) });
      expectProblem(backwards, 400);
      expect(backwards.body.errors.map((e: { field: string }) => e.field)).toEqual(['endsOn']);

      for (const outsider of ['ola', 'otherOwner', 'dag'] as const) {
        const refused = await recordAbsence(outsider, mandateId, { startsOn: addDays(TO, -9), endsOn: addDays(TO, -8) });
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

    // Ending takes the role away for good, whatever the mandate's dates: the process may be delegated again for the same days.
    const renewed = await delegate('otherOwner', { processId: exams.id, holderId: people.dag.id, validFrom: FROM, validTo: TO });
    expect(renewed.status).toBe(201);
  });

  describe('the longest mandate (MANDATE_MAX_YEARS, 4 years unless configured)', () => {
    let archive: { id: string };
    const countOn = async (processId: string) =>
      ((await api.db.query(`SELECT count(*)::int AS count FROM mandate WHERE process_id = $1`, [processId]))[0].count as number);

    beforeAll(async () => {
      archive = await api.factories.process({ code: 'ARKIV', nameNb: 'Arkiv', owningUnitId: university.id });
    });

    it('refuses a mandate longer than four years, or open-ended, with 400 naming validTo and the last day it may have', async () => {
      const longest = 'a mandate runs at most 4 years, so from 2030-03-01 its last day is 2034-02-28 at the latest';
      for (const [validTo, reason] of [
        ['2034-03-01', longest],
        ['9999-12-31', `a mandate cannot be open-ended; ${longest}`],
      ]) {
        const response = await delegate('admin', { processId: archive.id, holderId: people.siv.id, validFrom: '2030-03-01', validTo });
        expectProblem(response, 400);
        expect(response.body.errors).toEqual([{ field: 'validTo', reason }]);
      }
      expect(await countOn(archive.id)).toBe(0);

      const fourYears = await delegate('admin', { processId: archive.id, holderId: people.siv.id, validFrom: '2030-03-01', validTo: '2034-02-28' });
      expect(fourYears.status).toBe(201);
      const longer = await api.http.patch(`/api/mandates/${fourYears.body.id}`).auth(await tokenOf('admin'), BEARER).send({ validFrom: '2030-02-28' });
      expectProblem(longer, 400);
      expect(longer.body.errors).toEqual([{ field: 'validTo', reason: 'a mandate runs at most 4 years, so from 2030-02-28 its last day is 2034-02-27 at the latest' }]);
      const [row] = await api.db.query(`SELECT valid_from::text, valid_to::text FROM mandate WHERE id = $1`, [fourYears.body.id]);
      expect(row).toEqual({ valid_from: '2030-03-01', valid_to: '2034-02-28' });
    });

    it('leaves a mandate delegated under a longer limit as it is until its dates change', async () => {
      const old = await api.factories.process({ code: 'GAMMEL', nameNb: 'Gammel', owningUnitId: university.id });
      const id = await api.factories.mandate({ processId: old.id, holderId: people.kari.id, delegatedBy: people.admin.id, validFrom: FROM, validTo: addDays(FROM, 10 * 365) });
      const token = await tokenOf('admin');

      const deputy = await api.http.patch(`/api/mandates/${id}`).auth(token, BEARER).send({ deputyId: people.ola.id, description: 'Delegert for ti år' });
      expect(deputy.status).toBe(200);
      expect(deputy.body).toMatchObject({ deputy: { id: people.ola.id }, validTo: addDays(FROM, 10 * 365), description: 'Delegert for ti år' });

      const shorter = await api.http.patch(`/api/mandates/${id}`).auth(token, BEARER).send({ validTo: addDays(FROM, 6 * 365) });
      expectProblem(shorter, 400);
      expect(shorter.body.errors.map((e: { field: string }) => e.field)).toEqual(['validTo']);
      const [row] = await api.db.query(`SELECT valid_to::text FROM mandate WHERE id = $1`, [id]);
      expect(row.valid_to).toBe(addDays(FROM, 10 * 365));
    });
  });

  it('answers 409 naming the mandate in the way when another writer commits it while the request is being checked', async () => {
    const race = await api.factories.process({ code: 'KAPPLOP', nameNb: 'Kappløp', owningUnitId: university.id });
    // A writer that bypasses the API's check, as a script or a second service would: its mandate is
    // not committed when the API looks, so only the database can stop the second one.
    const writer = new pg.Client({ connectionString: api.config.database.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      const [{ id: first }] = (
        await writer.query(`INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          race.id,
          people.kari.id,
          people.admin.id,
          FROM,
          TO,
        ])
      ).rows;
      const pending = delegate('admin', { processId: race.id, holderId: people.per.id, validFrom: TODAY, validTo: TO });
      await untilSomeoneWaitsForALock(api);
      await writer.query('COMMIT');

      const response = await pending;
      expectProblem(response, 409);
      expect(response.body.detail).toContain(`Kappløp already has a process responsible from ${FROM} to ${TO}: Kari Nordmann (mandate ${first})`);
      expect(await api.db.query(`SELECT holder_id FROM mandate WHERE process_id = $1`, [race.id])).toEqual([{ holder_id: people.kari.id }]);
    } finally {
      await writer.end();
    }
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
      [{ ...base, validTo: '9999-12-31' }, ['validTo']],
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

describe('mandates API with MANDATE_MAX_YEARS=1', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi((config) => ({ ...config, mandates: { maxYears: 1 } }));
  });
  afterAll(() => api.close());

  it('refuses a mandate of more than a year and takes one of a year', async () => {
    const university = await api.factories.unit({ code: 'UNI', kind: 'university' });
    const process = await api.factories.process({ code: 'OPPTAK', nameNb: 'Opptak', owningUnitId: university.id });
    const admin = await api.factories.user({ email: 'admin@universitet.example', unitId: university.id });
    await api.factories.role(admin.id, 'admin');
    const holder = await api.factories.user({ email: 'hanne@universitet.example', unitId: university.id });
    const token = await api.tokenFor(admin.email);
    const delegate = (validTo: string) =>
      api.http.post('/api/mandates').auth(token, BEARER).send({ processId: process.id, holderId: holder.id, validFrom: '2030-01-01', validTo });

    const refused = await delegate('2031-01-01');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'validTo', reason: 'a mandate runs at most 1 year, so from 2030-01-01 its last day is 2030-12-31 at the latest' }]);
    expect((await delegate('2030-12-31')).status).toBe(201);
  });
});
