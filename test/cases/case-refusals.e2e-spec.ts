import { DEMO_PERSONA, DEMO_PERSONA_EXTRA } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, ROUND_DECISION, startCaseApi } from './case-support.js';

/** Every refusal of the cases API, each leaving no trace. */
describe('the cases API refuses', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;
  let employee: Caller;
  let otherLineManager: Caller;

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
    employee = await c.as(DEMO_PERSONA.employee);
    otherLineManager = await c.as(DEMO_PERSONA_EXTRA.otherLineManager);
  });
  afterAll(() => c.close());

  /** The case's row and instance as they are: equal before and after means the refusal wrote nothing. */
  async function snapshotOf(id: string) {
    const [row] = await c.api.db.query(
      `SELECT c.state, c.updated_at, c.title, c.cost_benefit, i.revision, i.snapshot,
              (SELECT count(*)::int FROM workflow_event e WHERE e.instance_id = i.id) AS events,
              (SELECT count(*)::int FROM workflow_outbox o WHERE o.instance_id = i.id) AS outbox
         FROM improvement_case c JOIN workflow_instance i ON i.id = c.id WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  it('bad case data with 400 and every field error, writing no case, no instance, no event and no outbox row', async () => {
    const before = await c.footprint();
    const response = await lineManager.post('/api/cases', {
      title: '',
      problem: 'Noe',
      processId: 'not-a-uuid',
      reportingUnitId: c.unitId('NV-IFI'),
      strategicGoals: [2, 13, 2],
      estimatedSize: 'huge',
      colour: 'blue',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['body', 'estimatedSize', 'processId', 'strategicGoals', 'strategicGoals[1]', 'title'].sort(),
    );
    expect(await c.footprint()).toEqual(before);
  });

  it('a process or unit that does not exist with 400 naming the field, writing nothing', async () => {
    const before = await c.footprint();
    const response = await lineManager.post('/api/cases', {
      title: 'Ukjent prosess',
      problem: 'Noe',
      processId: '00000000-0000-4000-8000-000000000000',
      reportingUnitId: c.unitId('NV-IFI'),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'processId', reason: 'no process has id 00000000-0000-4000-8000-000000000000' }]);
    expect(await c.footprint()).toEqual(before);
  });

  it('reporting for a unit one neither belongs to nor manages with 403, writing nothing', async () => {
    const before = await c.footprint();
    const response = await otherLineManager.post('/api/cases', { title: 'Fremmed enhet', problem: 'Noe', processId: c.processId('saksbehandling'), reportingUnitId: c.unitId('NV-IFI') });
    expect(response.status).toBe(403);
    expect(response.body.requiredRoles).toEqual(['line_manager of the unit or a unit above it', 'a member of the unit']);
    expect(await c.footprint()).toEqual(before);
  });

  it('an event from someone without the role with 403 naming it, writing nothing', async () => {
    const created = await lineManager.report();
    await lineManager.send(created.id, 'SUBMIT');
    const before = await snapshotOf(created.id);
    const response = await lineManager.send(created.id, 'REQUEST_INFO', { question: 'Kan jeg spørre meg selv?' });
    expect(response.status).toBe(403);
    expect(response.body.requiredRoles).toEqual(['processResponsible']);
    expect(await snapshotOf(created.id)).toEqual(before);
  });

  it('a case the caller may not see with 404 on every route, writing nothing', async () => {
    const created = await lineManager.report();
    const before = await snapshotOf(created.id);
    const footprint = await c.footprint();
    for (const response of [
      await otherLineManager.get(`/api/cases/${created.id}`),
      await otherLineManager.get(`/api/cases/${created.id}/history`),
      await otherLineManager.get(`/api/cases/${created.id}/comments`),
      await otherLineManager.post(`/api/cases/${created.id}/comments`, { body: 'Hei' }),
      await otherLineManager.patch(`/api/cases/${created.id}`, { title: 'Kapret' }),
      await otherLineManager.send(created.id, 'SUBMIT'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(`case ${created.id} was not found`);
    }
    expect(await snapshotOf(created.id)).toEqual(before);
    expect(await c.footprint()).toEqual(footprint);
    expect((await lineManager.get(`/api/cases/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('a stale expectedRevision with 409 and the current revision, writing nothing', async () => {
    const created = await lineManager.report();
    await lineManager.send(created.id, 'SUBMIT', {}, { expectedRevision: 0 });
    const before = await snapshotOf(created.id);
    const response = await responsible.send(created.id, 'ESCALATE', { text: 'Videre' }, { expectedRevision: 0 });
    expect(response.status).toBe(409);
    expect(response.body.currentRevision).toBe(1);
    expect(await snapshotOf(created.id)).toEqual(before);
  });

  it('an event the state does not have with 422 listing the events allowed now', async () => {
    const created = await lineManager.report();
    const before = await snapshotOf(created.id);
    const response = await lineManager.send(created.id, 'ESCALATE', { text: 'For tidlig' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ state: 'draft', allowedEvents: ['SUBMIT', 'WITHDRAW'] });
    expect(await snapshotOf(created.id)).toEqual(before);
  });

  it('a bad payload or an unknown event with 400 naming the payload field', async () => {
    const created = await lineManager.report();
    await lineManager.send(created.id, 'SUBMIT');
    const before = await snapshotOf(created.id);
    const missing = await responsible.send(created.id, 'REJECT', { reason: 'because', text: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['payload.reason', 'payload.text']);
    const unknown = await responsible.send(created.id, 'APPROVE');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('type');
    const merge = await responsible.send(created.id, 'MERGE_INTO', { caseId: '00000000-0000-4000-8000-000000000000' });
    expect(merge.body.errors).toEqual([{ field: 'payload.caseId', reason: 'no case you can see has id 00000000-0000-4000-8000-000000000000' }]);
    expect(await snapshotOf(created.id)).toEqual(before);
  });

  it('applies a repeated idempotency key once', async () => {
    const created = await lineManager.report();
    const first = await lineManager.send(created.id, 'SUBMIT', {}, { idempotencyKey: 'submit-once' });
    const again = await lineManager.send(created.id, 'SUBMIT', {}, { idempotencyKey: 'submit-once' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect([first.body.revision, again.body.revision]).toEqual([1, 1]);
    const [{ count }] = await c.api.db.query(`SELECT count(*)::int AS count FROM workflow_event WHERE instance_id = $1 AND type = 'SUBMIT'`, [created.id]);
    expect(count).toBe(1);
  });

  it('changes to the case text from a role that may not, and after triage, with 403 and 422', async () => {
    const created = await employee.report({ title: 'Opprinnelig tittel' });
    const before = await snapshotOf(created.id);
    const byLineManager = await lineManager.patch(`/api/cases/${created.id}`, { title: 'Ny tittel' });
    expect(byLineManager.status).toBe(403);
    expect(byLineManager.body).toMatchObject({ requiredRoles: ['reporter'], detail: 'Only the reporter may change the case text now.' });
    expect(await snapshotOf(created.id)).toEqual(before);

    const own = await employee.patch(`/api/cases/${created.id}`, { title: 'Bedre tittel', strategicGoals: [12, 1] });
    expect(own.body).toMatchObject({ title: 'Bedre tittel', strategicGoals: [1, 12] });

    await lineManager.send(created.id, 'ENDORSE');
    await responsible.send(created.id, 'ESCALATE', { text: 'Til prosesseier' });
    const late = await employee.patch(`/api/cases/${created.id}`, { title: 'For sent' });
    expect(late.status).toBe(422);
    expect(late.body.state).toBe('withProcessOwner');
    const empty = await employee.patch(`/api/cases/${created.id}`, {});
    expect(empty.status).toBe(400);
    const badAssessment = await employee.patch(`/api/cases/${created.id}`, { costBenefit: { horizonYears: 0, values: [{ description: 'X', nature: 'direct', kind: 'efficiency', priced: true }] } });
    expect(badAssessment.status).toBe(400);
    expect(badAssessment.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['costBenefit.horizonYears', 'costBenefit.values[0].yearlyAmountNok']);
  });

  describe('a priority round’s decision sent by a person', () => {
    let proposed: string;
    let secretariat: Caller;

    beforeAll(async () => {
      const owner = await c.as(DEMO_PERSONA.process_owner);
      secretariat = await c.as(DEMO_PERSONA.programme_secretariat);
      proposed = (await lineManager.report({ title: 'Til prioritering' })).id;
      await lineManager.send(proposed, 'SUBMIT');
      await responsible.send(proposed, 'ESCALATE', { text: 'Krever et prosjekt' });
      await owner.patch(`/api/cases/${proposed}`, { costBenefit: COMPLETE_COST_BENEFIT });
      await owner.send(proposed, 'PROPOSE_TO_PROGRAMME', {});
    });

    const WHO_DECIDES = (what: string) =>
      `A case is ${what} by a priority round once the rector approves it, not by hand: set up a round under the programme with this case among its candidates. ` +
      'The round prioritises the cases its portfolio selects and defers or declines the others.';

    it.each([
      ['PRIORITISE', 'prioritised'],
      ['DEFER', 'deferred'],
      ['DECLINE', 'declined'],
    ] as const)('%s by the secretariat with 403, saying a priority round decides it and how to set one up, writing nothing', async (type, what) => {
      const before = await snapshotOf(proposed);
      // As the secretariat sent it before priority rounds, and as a round would: the same answer.
      for (const payload of [type === 'PRIORITISE' ? {} : { reason: 'Rammen er brukt' }, ROUND_DECISION[type]]) {
        const response = await secretariat.send(proposed, type, payload);
        expect(response.status).toBe(403);
        expect(response.body.detail).toBe(WHO_DECIDES(what));
        expect(response.body.detail).not.toMatch(/\bsystem\b/);
      }
      expect(await snapshotOf(proposed)).toEqual(before);
    });

    it('PRIORITISE by the process owner, who never decided it, with the same words', async () => {
      const response = await (await c.as(DEMO_PERSONA.process_owner)).send(proposed, 'PRIORITISE', ROUND_DECISION.PRIORITISE);
      expect(response.status).toBe(403);
      expect(response.body.detail).toBe(WHO_DECIDES('prioritised'));
    });

    it('a round’s decision in a state that does not take it is still 422 for a person, and a bad payload where a person may not send it at all still 400', async () => {
      const submitted = (await lineManager.report({ title: 'Ikke foreslått' })).id;
      await lineManager.send(submitted, 'SUBMIT');
      const response = await responsible.send(submitted, 'PRIORITISE', ROUND_DECISION.PRIORITISE);
      expect(response.status).toBe(422);
      const garbled = await responsible.send(submitted, 'PRIORITISE', { ...ROUND_DECISION.PRIORITISE, score: 7 });
      expect(garbled.status).toBe(400);
      expect(garbled.body.errors).toEqual([{ field: 'payload.score', reason: expect.any(String) }]);
    });

    it('a round’s decision with a field missing with 400 naming it, when the round sends it', async () => {
      const { score: _score, ...withoutScore } = ROUND_DECISION.DEFER;
      await expect(c.decideAsRound(proposed, 'DEFER', withoutScore)).rejects.toMatchObject({ errors: [{ field: 'payload.score', reason: expect.any(String) }] });
    });
  });

  it('answers 401 without a token', async () => {
    const response = await c.api.http.get('/api/cases');
    expect(response.status).toBe(401);
  });

  it('rebuilds every case this file created from its event log, exactly as stored', async () => {
    const { checked, mismatched } = await c.replayAll();
    expect(checked).toBeGreaterThan(0);
    expect(mismatched).toEqual([]);
  });
});
