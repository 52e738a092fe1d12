import { DEMO_PERSONA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT } from './case-support.js';
import { type CaseApi, type Caller, startCaseApi } from './case-support.js';

/**
 * What a careless client or an attacker tried against the cases API, and what they get now: a
 * clear refusal that writes nothing, in words a user knows.
 */
describe('the cases API holds against hostile and careless requests', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
  });
  afterAll(() => c.close());

  /** The case's row and instance as they are: equal before and after means the refusal wrote nothing. */
  async function snapshotOf(id: string) {
    const [row] = await c.api.db.query(
      `SELECT c.state, c.updated_at, c.title, c.process_id, c.cost_benefit, i.revision, i.snapshot,
              (SELECT count(*)::int FROM workflow_event e WHERE e.instance_id = i.id) AS events,
              (SELECT count(*)::int FROM workflow_outbox o WHERE o.instance_id = i.id) AS outbox
         FROM improvement_case c JOIN workflow_instance i ON i.id = c.id WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('an event type named like an object property (%s) is an unknown event: 400, nothing written', async (type) => {
    const created = await lineManager.report();
    const before = await snapshotOf(created.id);
    const response = await lineManager.send(created.id, type);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'type', reason: expect.stringMatching(/^unknown event; one of SUBMIT, ENDORSE, WITHDRAW/) }]);
    expect(await snapshotOf(created.id)).toEqual(before);
  });

  describe('an idempotency key', () => {
    it('repeated with the same request answers as the first time and applies it once', async () => {
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      const first = await responsible.send(created.id, 'REQUEST_INFO', { question: 'Hvor mange?' }, { idempotencyKey: 'ask-1' });
      const again = await responsible.send(created.id, 'REQUEST_INFO', { question: '  Hvor mange?  ' }, { idempotencyKey: 'ask-1' });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toMatchObject({ state: 'awaitingInformation', revision: first.body.revision });
    });

    it('used for a different request (event, payload or sender) is refused with 422 naming the key and when it was first used; nothing written', async () => {
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT', {}, { idempotencyKey: 'key-1' });
      const before = await snapshotOf(created.id);
      const [{ occurred_at: firstUse }] = await c.api.db.query(`SELECT occurred_at FROM workflow_event WHERE instance_id = $1 AND idempotency_key = 'key-1'`, [created.id]);

      const otherEvent = await responsible.send(created.id, 'ESCALATE', { text: 'Videre' }, { idempotencyKey: 'key-1' });
      expect(otherEvent.status).toBe(422);
      expect(otherEvent.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(otherEvent.body).toMatchObject({ idempotencyKey: 'key-1', firstUsedAt: firstUse.toISOString(), differs: ['event type', 'payload', 'sender'] });
      expect(otherEvent.body.detail).toContain('send a new request with a new key');

      const otherSender = await responsible.send(created.id, 'SUBMIT', {}, { idempotencyKey: 'key-1' });
      expect(otherSender.body).toMatchObject({ status: 422, differs: ['sender'] });
      expect(await snapshotOf(created.id)).toEqual(before);
    });

    it('does not let an invalid payload through: it is checked before the key', async () => {
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      await responsible.send(created.id, 'REQUEST_INFO', { question: 'Hvor mange?' }, { idempotencyKey: 'ask-2' });
      const before = await snapshotOf(created.id);
      const invalid = await responsible.send(created.id, 'REQUEST_INFO', { question: '' }, { idempotencyKey: 'ask-2' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['payload.question']);
      expect(await snapshotOf(created.id)).toEqual(before);
    });
  });

  describe('MERGE_INTO', () => {
    const submitted = async (fields: Record<string, unknown> = {}) => {
      const created = await lineManager.report(fields);
      await lineManager.send(created.id, 'SUBMIT');
      return created;
    };

    it('into a case the sender cannot see answers exactly as into one that does not exist; nothing written', async () => {
      const theCase = await submitted();
      // A case of admissions: the process responsible of case handling cannot see it.
      const hidden = await lineManager.report({ processId: c.processId(DEMO_PROCESS_CODES.admissions) });
      expect((await responsible.get(`/api/cases/${hidden.id}`)).status).toBe(404);
      const before = await snapshotOf(theCase.id);
      const intoHidden = await responsible.send(theCase.id, 'MERGE_INTO', { caseId: hidden.id });
      const intoNothing = await responsible.send(theCase.id, 'MERGE_INTO', { caseId: '00000000-0000-4000-8000-000000000000' });
      expect(intoHidden.status).toBe(400);
      expect(intoHidden.body.errors).toEqual([{ field: 'payload.caseId', reason: `no case you can see has id ${hidden.id}` }]);
      expect(intoNothing.body.errors).toEqual([{ field: 'payload.caseId', reason: 'no case you can see has id 00000000-0000-4000-8000-000000000000' }]);
      expect(await snapshotOf(theCase.id)).toEqual(before);
    });

    it('into a case that has ended, or of another process the sender is not responsible for, with 400 saying why; into an open one of the same process it merges', async () => {
      const theCase = await submitted();
      const withdrawn = await submitted({ title: 'Trukket sak' });
      await lineManager.send(withdrawn.id, 'WITHDRAW', { reason: 'Løst på annen måte' });
      const planning = await lineManager.report({ processId: c.processId(DEMO_PROCESS_CODES.planningBudget) });
      // On the team of planning, the process responsible of case handling sees its cases, and is not responsible there.
      await c.api.db.query(`INSERT INTO process_team_member (process_id, user_id) SELECT $1, id FROM app_user WHERE email = $2`, [
        c.processId(DEMO_PROCESS_CODES.planningBudget),
        DEMO_PERSONA.process_responsible,
      ]);
      expect((await responsible.get(`/api/cases/${planning.id}`)).status).toBe(200);
      const before = await snapshotOf(theCase.id);
      const ended = await responsible.send(theCase.id, 'MERGE_INTO', { caseId: withdrawn.id });
      expect(ended.status).toBe(400);
      expect(ended.body.errors).toEqual([{ field: 'payload.caseId', reason: `${withdrawn.reference} has ended (withdrawn): merge into a case that is still open` }]);
      const across = await responsible.send(theCase.id, 'MERGE_INTO', { caseId: planning.id });
      expect(across.body.errors[0].reason).toMatch(/belongs to another process \(Plan, budsjett og oppfølging\): only someone responsible for both processes can merge across them$/);
      expect(await snapshotOf(theCase.id)).toEqual(before);

      const open = await submitted({ title: 'Den samme saken' });
      const merged = await responsible.send(theCase.id, 'MERGE_INTO', { caseId: open.id });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ state: 'merged', duplicateOf: [open.id] });
    });
  });

  describe('validation that used to let things through', () => {
    it('refuses a title of zero-width spaces, and trims them from the ends of text', async () => {
      const before = await c.footprint();
      const invisible = await lineManager.post('/api/cases', {
        title: '\u200B\u200B \uFEFF',
        problem: 'Noe',
        processId: c.processId(DEMO_PROCESS_CODES.caseHandling),
        reportingUnitId: c.unitId('NV-IFI'),
      });
      expect(invisible.status).toBe(400);
      expect(invisible.body.errors).toEqual([{ field: 'title', reason: 'must not be empty' }]);
      expect(await c.footprint()).toEqual(before);
      const created = await lineManager.report({ title: '\u200BDigital signering\u200B' });
      expect(created.title).toBe('Digital signering');
    });

    it('refuses an assessment naming a unit or a person that does not exist, each field named', async () => {
      const created = await lineManager.report();
      const before = await snapshotOf(created.id);
      const nobody = '00000000-0000-4000-8000-00000000abcd';
      const response = await lineManager.patch(`/api/cases/${created.id}`, {
        costBenefit: {
          ...COMPLETE_COST_BENEFIT,
          costShifts: [{ unitId: nobody, description: 'Mer arbeid i arkivet', yearlyHours: 100 }],
          contributors: [{ name: 'Ukjent', level: 'unit', userId: nobody, unitId: c.unitId('NV-IFI') }],
        },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'costBenefit.costShifts[0].unitId', reason: `no unit has id ${nobody}` },
        { field: 'costBenefit.contributors[0].userId', reason: `no user has id ${nobody}` },
      ]);
      expect(await snapshotOf(created.id)).toEqual(before);
    });

    it('counts an assessment whose every cost is 0 NOK as not complete', async () => {
      const created = await lineManager.report();
      const free = { oneOff: [{ description: 'Innføring', amountNok: 0 }], yearly: [] };
      const response = await lineManager.patch(`/api/cases/${created.id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, costs: free } });
      expect(response.status).toBe(200);
      expect(response.body.costBenefitMissing).toEqual(['the costs in kroner (every cost is 0 NOK)']);
    });

    it('refuses a local-improvement step due in the past', async () => {
      const created = await lineManager.report({ estimatedSize: 'small' });
      await lineManager.send(created.id, 'SUBMIT');
      await responsible.send(created.id, 'ACCEPT_LOCAL', { plan: 'Ny sjekkliste' });
      const before = await snapshotOf(created.id);
      const past = await lineManager.send(created.id, 'COMPLETE_STEP', { summary: 'Planlagt', nextStepDueOn: '2020-01-01' });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([{ field: 'payload.nextStepDueOn', reason: expect.stringMatching(/^is in the past: give today \(\d{4}-\d{2}-\d{2}\) or a later day$/) }]);
      expect(await snapshotOf(created.id)).toEqual(before);
    });

    it.each(['__proto__', 'constructor'])('refuses an unknown key named %s in a change, like any other unknown key', async (key) => {
      const created = await lineManager.report();
      const before = await snapshotOf(created.id);
      const response = await c.api.http
        .patch(`/api/cases/${created.id}`)
        .auth(await c.api.tokenFor(DEMO_PERSONA.line_manager), { type: 'bearer' })
        .set('content-type', 'application/json')
        .send(`{"title": "Ny tittel", "${key}": {"isAdmin": true}}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'body', reason: `Unrecognized key: "${key}"` }]);
      expect(await snapshotOf(created.id)).toEqual(before);
    });
  });

  describe('changes to a case', () => {
    it('go into the history, field by field: old → new, who, under which authority; the revision grows', async () => {
      const created = await lineManager.report({ title: 'Første tittel', strategicGoals: [2] });
      await lineManager.send(created.id, 'SUBMIT');
      const changed = await responsible.patch(`/api/cases/${created.id}`, { title: 'Bedre tittel', strategicGoals: [2, 9], description: created.description });
      expect(changed.status).toBe(200);
      expect(changed.body.revision).toBe(2);
      const history = await lineManager.get(`/api/cases/${created.id}/history`);
      const edit = history.body.items.at(-1);
      expect(edit).toMatchObject({
        type: 'EDITED',
        actor: { name: 'Siri Aasen' },
        authority: { role: 'processResponsible', basis: expect.stringContaining('process responsible for Saksbehandling') },
        payload: {
          changes: [
            { field: 'title', from: 'Første tittel', to: 'Bedre tittel' },
            { field: 'strategicGoals', from: [2], to: [2, 9] },
          ],
        },
        from: 'submitted',
        to: 'submitted',
      });
      // A change that changes nothing records nothing.
      await responsible.patch(`/api/cases/${created.id}`, { title: 'Bedre tittel' });
      expect((await lineManager.get(`/api/cases/${created.id}/history`)).body.items).toHaveLength(history.body.items.length);
      expect((await c.replayAll()).mismatched).toEqual([]);
    });

    it('keeps a draft its reporter’s: no process responsible may change it', async () => {
      const employee = await c.as(DEMO_PERSONA.employee);
      const draft = await employee.report({ title: 'Mitt forslag' });
      const before = await snapshotOf(draft.id);
      const byResponsible = await responsible.patch(`/api/cases/${draft.id}`, { title: 'Overtatt' });
      expect(byResponsible.status).toBe(403);
      expect(byResponsible.body.detail).toBe('Only the reporter may change the case text now.');
      expect(await snapshotOf(draft.id)).toEqual(before);
    });

    it('after submission lets only the process responsible or owner move it to another process, telling both process responsibles; not its reporter', async () => {
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      const before = await snapshotOf(created.id);
      const byReporter = await lineManager.patch(`/api/cases/${created.id}`, { processId: c.processId(DEMO_PROCESS_CODES.planningBudget) });
      expect(byReporter.status).toBe(403);
      expect(byReporter.body.detail).toMatch(/^Only the process responsible of the case's process \(or their deputy\) or the process owner of the case's process may change the case's process now\.$/);
      expect(await snapshotOf(created.id)).toEqual(before);

      const moved = await responsible.patch(`/api/cases/${created.id}`, { processId: c.processId(DEMO_PROCESS_CODES.planningBudget) });
      expect(moved.status).toBe(200);
      expect(moved.body.process.code).toBe(DEMO_PROCESS_CODES.planningBudget);
      const told = await c.api.db.query(
        `SELECT o.payload FROM workflow_outbox o JOIN workflow_event e ON e.id = o.event_id WHERE e.instance_id = $1 AND e.type = 'flyt.changed' ORDER BY o.id`,
        [created.id],
      );
      expect(told.map((r: { payload: unknown }) => r.payload)).toEqual([
        { to: 'processResponsible', template: 'caseMovedToProcess' },
        { to: 'previousProcessResponsible', template: 'caseMovedFromProcess' },
      ]);
    });
  });

  describe('refusals that say what to do', () => {
    it('PROPOSE_TO_PROGRAMME without a complete assessment: 422 naming what is missing; the case lists it as blocked with the same reason', async () => {
      const owner = await c.as(DEMO_PERSONA.process_owner);
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      await responsible.send(created.id, 'ESCALATE', { text: 'Til prosesseier' });
      const refused = await owner.send(created.id, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås' });
      expect(refused.status).toBe(422);
      expect(refused.body.reason).toBe('the cost-benefit assessment is not complete: add the cost-benefit assessment, then propose the case');
      expect(refused.body.detail).toContain('PROPOSE_TO_PROGRAMME is not possible now (With the process owner)');
      const view = await owner.get(`/api/cases/${created.id}`);
      expect(view.body.blockedEvents).toEqual([{ type: 'PROPOSE_TO_PROGRAMME', reason: refused.body.reason }]);
      const partly = await owner.patch(`/api/cases/${created.id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, horizonYears: null } });
      expect(partly.body.blockedEvents).toEqual([
        { type: 'PROPOSE_TO_PROGRAMME', reason: 'the cost-benefit assessment is not complete: add the horizon in years, then propose the case' },
      ]);
      // The reporter may not propose at all: nothing is blocked for them, it is not theirs.
      expect((await lineManager.get(`/api/cases/${created.id}`)).body.blockedEvents).toEqual([]);
    });

    it('SUBMIT on an employee’s idea says its line manager endorses it; an event of the system says so, naming no internal role', async () => {
      const employee = await c.as(DEMO_PERSONA.employee);
      const draft = await employee.report();
      const submit = await lineManager.send(draft.id, 'SUBMIT');
      expect(submit.status).toBe(422);
      expect(submit.body.detail).toContain('its line manager takes it up with ENDORSE');
      expect(submit.body.allowedEvents).toEqual(['ENDORSE']);

      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      await responsible.send(created.id, 'ESCALATE', { text: 'Videre' });
      const owner = await c.as(DEMO_PERSONA.process_owner);
      await owner.patch(`/api/cases/${created.id}`, { costBenefit: COMPLETE_COST_BENEFIT });
      await owner.send(created.id, 'PROPOSE_TO_PROGRAMME', {});
      await c.decideAsRound(created.id, 'PRIORITISE');
      const closedByHand = await owner.send(created.id, 'PROJECT_CLOSED', { summary: 'Ferdig' });
      expect(closedByHand.status).toBe(403);
      expect(closedByHand.body.detail).toBe('PROJECT_CLOSED is sent by Flyt itself (a deadline, the priority round that decided the case, the project it became, or the benefits follow-up after it), not by a person.');
      const escalateByReporter = await lineManager.send(created.id, 'WITHDRAW');
      expect(escalateByReporter.status).toBe(422);
    });

    it('a state filter it does not know lists the states it knows', async () => {
      const response = await lineManager.get('/api/cases', { state: 'bogus' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'state', reason: expect.stringMatching(/^one of draft, submitted, awaitingInformation, .*merged$/) }]);
    });
  });

  describe('moving a deadline', () => {
    const REMINDER = 'xstate.after.responsibleReminder.improvement-case.submitted';
    const ESCALATION = 'xstate.after.ownerEscalation.improvement-case.submitted';

    it('no further than the deadline’s own length again from now: the one it watches cannot switch off the escalation', async () => {
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      const before = await snapshotOf(created.id);
      const farAway = await responsible.post(`/api/cases/${created.id}/deadlines/${REMINDER}/move`, { dueAt: '9999-12-31T00:00:00Z', reason: 'Har ikke tid' });
      expect(farAway.status).toBe(400);
      expect(farAway.body.errors).toEqual([{ field: 'dueAt', reason: expect.stringMatching(/^must be no later than \d{1,2} \w+ \d{4} at \d\d:\d\d \(Oslo time\): a deadline moves at most its own length from now$/) }]);
      const tooMany = await responsible.post(`/api/cases/${created.id}/deadlines/${REMINDER}/move`, { workingDays: 6, reason: 'Ferie' });
      expect(tooMany.status).toBe(400);
      expect(await snapshotOf(created.id)).toEqual(before);

      const escalation = await responsible.post(`/api/cases/${created.id}/deadlines/${ESCALATION}/move`, { workingDays: 3, reason: 'Skru av tilsynet' });
      expect(escalation.status).toBe(403);
      expect(escalation.body.detail).toBe("Only the process owner of the case's process, whom it escalates to, or an administrator may move this deadline.");
      expect(await snapshotOf(created.id)).toEqual(before);
    });

    it('a move by the one it watches tells the one it escalates to; a move by the escalation’s own target tells nobody', async () => {
      const owner = await c.as(DEMO_PERSONA.process_owner);
      const created = await lineManager.report();
      await lineManager.send(created.id, 'SUBMIT');
      const moved = await responsible.post(`/api/cases/${created.id}/deadlines/${REMINDER}/move`, { workingDays: 4, reason: 'Venter på fakultetet' });
      expect(moved.status).toBe(200);
      const byOwner = await owner.post(`/api/cases/${created.id}/deadlines/${ESCALATION}/move`, { workingDays: 8, reason: 'Gir mer tid' });
      expect(byOwner.status).toBe(200);
      const told = await c.api.db.query(`SELECT payload FROM workflow_outbox WHERE instance_id = $1 AND kind = 'notify' AND key LIKE $2 ORDER BY id`, [
        created.id,
        `${created.id}/%`,
      ]);
      expect(told.map((r: { payload: unknown }) => r.payload)).toEqual([{ to: 'processOwner', template: 'deadlineMoved', delay: 'responsibleReminder' }]);
    });
  });

  it('pages the inbox, with counts of the whole inbox', async () => {
    for (let i = 0; i < 3; i += 1) {
      const created = await lineManager.report({ title: `Til vurdering ${i}` });
      await lineManager.send(created.id, 'SUBMIT');
    }
    const all = await responsible.get('/api/inbox');
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const page = await responsible.get('/api/inbox', { limit: '2', offset: '1' });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, total: all.body.total, counts: all.body.counts });
    expect(page.body.items).toEqual(all.body.items.slice(1, 3));
    expect(all.body.counts.decisions + all.body.counts.alerts).toBe(all.body.total);
    expect((await responsible.get('/api/inbox', { limit: '0' })).status).toBe(400);
  });
});
