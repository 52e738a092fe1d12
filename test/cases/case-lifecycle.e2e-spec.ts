import { DEMO_PERSONA, DEMO_PERSONA_EXTRA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { childInstanceId } from '#flyt/workflow-runtime/domain';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, ROUND_DECISION, startCaseApi } from './case-support.js';

/**
 * The two main paths of a case over HTTP with the demo users (escalated and proposed to the programme;
 * accepted as a local improvement), and an employee's idea taken up by their line manager.
 */
describe('the improvement-case lifecycle over HTTP', () => {
  let c: CaseApi;
  let lineManager: Caller; // Knut Olsen, NV-IFI
  let responsible: Caller; // Siri Aasen, mandate for saksbehandling
  let owner: Caller; // Ingrid Sæther, process owner of saksbehandling
  let employee: Caller; // Sofie Lunde, NV-IFI

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
    owner = await c.as(DEMO_PERSONA.process_owner);
    employee = await c.as(DEMO_PERSONA.employee);
  });
  afterAll(() => c.close());

  const types = (body: { allowedEvents: { type: string }[] }) => body.allowedEvents.map((e) => e.type).sort();

  it('reported by a line manager: submitted → information requested and provided → escalated → proposed to the programme once the cost-benefit is complete', async () => {
    const created = await lineManager.report();
    expect(created).toMatchObject({ state: 'draft', revision: 0, reporter: { name: 'Knut Olsen' }, myRoles: ['reporter', 'lineManager'] });
    expect(created.reference).toMatch(/^FLYT-\d{4}-\d{4}$/);
    expect(types(await lineManager.get(`/api/cases/${created.id}`).then((r) => r.body))).toEqual(['SUBMIT', 'WITHDRAW']);

    const submitted = await lineManager.send(created.id, 'SUBMIT', {}, { expectedRevision: 0 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', revision: 1, stateLabel: { en: 'Submitted, with the process responsible' } });

    const asResponsible = await responsible.get(`/api/cases/${created.id}`);
    expect(types(asResponsible.body)).toEqual(['ACCEPT_LOCAL', 'ESCALATE', 'MERGE_INTO', 'REJECT', 'REQUEST_INFO']);
    const question = asResponsible.body.allowedEvents.find((e: { type: string }) => e.type === 'REQUEST_INFO');
    expect(question.payloadSchema.required).toEqual(['question']);

    expect((await responsible.send(created.id, 'REQUEST_INFO', { question: 'Hvor mange vedtak gjelder det i året?' })).body.state).toBe('awaitingInformation');
    expect((await lineManager.send(created.id, 'PROVIDE_INFO', { answer: 'Om lag 4 000 vedtak.' })).body.state).toBe('submitted');
    expect((await responsible.send(created.id, 'ESCALATE', { text: 'Berører flere fakulteter.' })).body.state).toBe('withProcessOwner');

    const early = await owner.send(created.id, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås til programmet.' });
    expect(early.status).toBe(422);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({ state: 'withProcessOwner' });
    expect(early.body.allowedEvents).toEqual(expect.arrayContaining(['REJECT', 'RETURN_TO_RESPONSIBLE']));
    expect(early.body.allowedEvents).not.toContain('PROPOSE_TO_PROGRAMME');

    // The owner's inbox offers what the machine allows now, and offers more once the assessment is complete.
    const inboxItem = async () =>
      (await owner.get('/api/inbox', { limit: '200' })).body.items.find((i: { case: { id: string } }) => i.case.id === created.id) as { allowedEvents: string[]; revision: number } | undefined;
    expect((await inboxItem())?.allowedEvents.sort()).toEqual(['REJECT', 'RETURN_TO_RESPONSIBLE']);

    const attached = await owner.patch(`/api/cases/${created.id}`, { costBenefit: COMPLETE_COST_BENEFIT });
    expect(attached.status).toBe(200);
    expect(await inboxItem()).toMatchObject({ allowedEvents: expect.arrayContaining(['PROPOSE_TO_PROGRAMME']), revision: attached.body.revision });
    expect(attached.body.costBenefitMissing).toEqual([]);
    expect(attached.body.costBenefitFigures.netPresentValueNok).toBeCloseTo(335_546.68, 1);
    expect(attached.body.costBenefitFigures.paybackYears).toBeCloseTo(3.33, 2);
    expect(types(attached.body)).toContain('PROPOSE_TO_PROGRAMME');

    const proposed = await owner.send(created.id, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås til programmet.' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ state: 'awaitingPrioritisation', revision: 6 });
    expect(await inboxItem()).toBeUndefined(); // it waits for the programme now, no longer for her

    const history = await lineManager.get(`/api/cases/${created.id}/history`);
    expect(history.body.items.map((e: { type: string; from: string | null; to: string }) => `${e.type} ${e.from} → ${e.to}`)).toEqual([
      'CREATED null → draft',
      'SUBMIT draft → submitted',
      'REQUEST_INFO submitted → awaitingInformation',
      'PROVIDE_INFO awaitingInformation → submitted',
      'ESCALATE submitted → withProcessOwner',
      'EDITED withProcessOwner → withProcessOwner',
      'PROPOSE_TO_PROGRAMME withProcessOwner → awaitingPrioritisation',
    ]);
    expect(history.body.items[5]).toMatchObject({
      actor: { name: 'Ingrid Sæther' },
      authority: { role: 'processOwner' },
      payload: { changes: [{ field: 'costBenefit', from: null, to: expect.objectContaining({ horizonYears: COMPLETE_COST_BENEFIT.horizonYears }) }] },
    });
    expect(history.body.items[2]).toMatchObject({
      actor: { name: 'Siri Aasen' },
      authority: { role: 'processResponsible', basis: expect.stringMatching(/^process responsible for Saksbehandling, by mandate until \d{4}-\d{2}-\d{2}$/) },
      payload: { question: 'Hvor mange vedtak gjelder det i året?' },
    });
    expect(history.body.items[6]).toMatchObject({ actor: { name: 'Ingrid Sæther' }, authority: { role: 'processOwner', basis: 'process owner of Saksbehandling' } });
    const [{ state }] = await c.api.db.query(`SELECT state FROM improvement_case WHERE id = $1`, [created.id]);
    expect(state).toBe('awaitingPrioritisation');
  });

  it('proposed to the programme: deferred by one priority round, prioritised by the next, each decision in the history with its round', async () => {
    const created = await lineManager.report({ title: 'Felles portal for permisjonssøknader' });
    expect(created.workflow).toEqual({ id: 'improvement-case', version: 3 });
    await lineManager.send(created.id, 'SUBMIT');
    await responsible.send(created.id, 'ESCALATE', { text: 'Gjelder alle fakulteter.' });
    await owner.patch(`/api/cases/${created.id}`, { costBenefit: COMPLETE_COST_BENEFIT });
    await owner.send(created.id, 'PROPOSE_TO_PROGRAMME', {});

    await c.decideAsRound(created.id, 'DEFER');
    expect((await owner.get(`/api/cases/${created.id}`)).body.state).toBe('awaitingPrioritisation');
    const next = { ...ROUND_DECISION.PRIORITISE, roundId: '7d0c1f6e-2b1a-4c3e-9f00-000000002028', roundTitle: 'Utviklingsplan 2028' };
    await c.decideAsRound(created.id, 'PRIORITISE', next);
    const prioritised = await owner.get(`/api/cases/${created.id}`);
    expect(prioritised.body).toMatchObject({ state: 'inRealisation', stateLabel: { nb: 'Under realisering (prosjekt)' } });

    // BP1 starts the case's project, as a message from the case (no worker runs here to deliver it).
    const projectId = childInstanceId(created.id, 'project');
    const history = (await owner.get(`/api/cases/${created.id}/history`)).body.items;
    expect(history.slice(-2)).toMatchObject([
      { type: 'DEFER', from: 'awaitingPrioritisation', to: 'awaitingPrioritisation', actor: null, payload: ROUND_DECISION.DEFER },
      {
        type: 'PRIORITISE',
        from: 'awaitingPrioritisation',
        to: 'inRealisation',
        actor: null,
        payload: next,
        messagesSent: [{ kind: 'start', toInstanceId: projectId, toWorkflowId: 'project', deliveredAt: null }],
      },
    ]);
    const [started] = await c.api.db.query(`SELECT payload FROM workflow_outbox WHERE instance_id = $1 AND kind = 'startWorkflow'`, [created.id]);
    expect(started.payload).toEqual({ workflowId: 'project', key: 'project', input: { caseId: created.id, processId: c.processId(DEMO_PROCESS_CODES.caseHandling) } });
    const [{ snapshot }] = await c.api.db.query(`SELECT snapshot FROM workflow_instance WHERE id = $1`, [created.id]);
    expect(snapshot.context.deferrals).toEqual([
      { roundId: ROUND_DECISION.DEFER.roundId, roundTitle: 'Utviklingsplan 2027', score: 2.4, explanation: ROUND_DECISION.DEFER.explanation, reason: ROUND_DECISION.DEFER.reason },
    ]);
    expect(snapshot.context.projectId).toBe(projectId);
    expect(snapshot.context.prioritisation).toEqual({
      roundId: next.roundId,
      roundTitle: 'Utviklingsplan 2028',
      score: 3.9,
      explanation: next.explanation,
      allocation: { amountNok: 1_100_000, note: null, byYear: next.allocation.byYear },
    });
  });

  it('accepted as a local improvement: the line manager takes it through plan, trial, follow-up, evaluation and adjustment to implemented', async () => {
    const created = await lineManager.report({ title: 'Felles mal for vedtaksbrev', estimatedSize: 'small' });
    await lineManager.send(created.id, 'SUBMIT');
    const accepted = await responsible.send(created.id, 'ACCEPT_LOCAL', { plan: 'Instituttet lager malen selv.' });
    expect(accepted.body.state).toBe('localImprovement.plan');

    const steps: string[] = [];
    for (const summary of ['Plan laget', 'Prøvd i to uker', 'Fulgt opp med saksbehandlerne', 'Evaluert', 'Justert malen']) {
      const step = await lineManager.send(created.id, 'COMPLETE_STEP', { summary });
      expect(step.status).toBe(200);
      steps.push(step.body.state);
    }
    expect(steps).toEqual(['localImprovement.trial', 'localImprovement.followUp', 'localImprovement.evaluation', 'localImprovement.adjustment', 'implemented']);
    const done = await lineManager.get(`/api/cases/${created.id}`);
    expect(done.body).toMatchObject({ state: 'implemented', status: 'done', allowedEvents: [], stateLabel: { nb: 'Gjennomført lokalt' } });
  });

  it("takes up an employee's idea: the employee drafts, their line manager ENDORSEs it", async () => {
    const draft = await employee.report({ title: 'Automatisk journalføring av e-post' });
    expect(draft.myRoles).toEqual(['reporter']);
    expect(types(draft)).toEqual(['WITHDRAW']);
    expect(types((await lineManager.get(`/api/cases/${draft.id}`)).body)).toEqual(['ENDORSE']);

    const endorsed = await lineManager.send(draft.id, 'ENDORSE', { comment: 'Godt forslag, vi tar det videre.' });
    expect(endorsed.status).toBe(200);
    expect(endorsed.body.state).toBe('submitted');
    const history = await employee.get(`/api/cases/${draft.id}/history`);
    expect(history.body.items[1]).toMatchObject({
      type: 'ENDORSE',
      actor: { name: 'Knut Olsen' },
      authority: { role: 'lineManager', basis: 'line manager of Institutt for informatikk' },
    });
  });

  it('lets anyone who sees the case comment on it, and lists the comments oldest first', async () => {
    const created = await lineManager.report({ title: 'Kommentarer' });
    expect((await lineManager.post(`/api/cases/${created.id}/comments`, { body: 'Vi trenger dette før høsten.' })).status).toBe(201);
    const reply = await responsible.post(`/api/cases/${created.id}/comments`, { body: 'Jeg ser på den.' });
    expect(reply.body).toMatchObject({ author: { name: 'Siri Aasen' }, body: 'Jeg ser på den.' });
    // The dean sees the department's cases; a colleague who did not report it does not.
    const dean = await c.as(DEMO_PERSONA_EXTRA.facultyLineManager);
    const list = await dean.get(`/api/cases/${created.id}/comments`);
    expect(list.body.items.map((i: { author: { name: string }; body: string }) => `${i.author.name}: ${i.body}`)).toEqual([
      'Knut Olsen: Vi trenger dette før høsten.',
      'Siri Aasen: Jeg ser på den.',
    ]);
    expect((await employee.get(`/api/cases/${created.id}/comments`)).status).toBe(404);
    expect((await employee.post(`/api/cases/${created.id}/comments`, { body: 'Hei' })).status).toBe(404);
    const [{ count }] = await c.api.db.query(`SELECT count(*)::int AS count FROM case_comment WHERE case_id = $1`, [created.id]);
    expect(count).toBe(2);
  });

  it('describes the registered workflow and draws it from the machine', async () => {
    const workflows = await employee.get('/api/workflows');
    expect(workflows.status).toBe(200);
    const improvement = workflows.body.items.find((w: { id: string }) => w.id === 'improvement-case');
    expect(improvement.versions).toEqual([1, 2, 3]);
    expect(improvement.states).toEqual(
      expect.arrayContaining([
        { path: 'localImprovement.trial', label: { nb: 'Utprøving', en: 'Trial' }, final: false, waitsFor: ['lineManager'], deadlineOwner: 'lineManager', tags: [] },
        { path: 'awaitingInformation', label: expect.any(Object), final: false, waitsFor: ['reporter'], deadlineOwner: 'processResponsible', tags: ['textEditable', 'costBenefitEditable'] },
        { path: 'awaitingPrioritisation', label: expect.any(Object), final: false, waitsFor: ['programme'], deadlineOwner: 'programme', tags: ['programme'] },
        { path: 'merged', label: expect.any(Object), final: true, waitsFor: [], deadlineOwner: null, tags: [] },
        { path: 'inRealisation', label: expect.any(Object), final: false, waitsFor: [], deadlineOwner: null, tags: ['programme', 'costBenefitEditable'] },
      ]),
    );
    expect(improvement.noun).toEqual({ nb: 'sak', en: 'case' });
    expect(improvement.deadlines.responsibleReminder).toEqual({ workingDays: 5 });
    expect(improvement.events.find((e: { type: string }) => e.type === 'REJECT').payloadSchema.properties.reason.enum).toContain('out_of_scope_no_it_component');

    const diagram = await employee.get('/api/workflows/improvement-case/diagram');
    expect(diagram.status).toBe(200);
    expect(diagram.body.mermaid).toMatch(/^stateDiagram-v2/);
    expect(diagram.body.mermaid).toContain('PROPOSE_TO_PROGRAMME');
    expect((await employee.get('/api/workflows/no-such-workflow/diagram')).status).toBe(404);
  });

  it('finds cases by state, process, unit, text and reference, sorted and paged', async () => {
    const admin = await c.as(DEMO_PERSONA.admin);
    const special = await lineManager.report({ title: 'Arkivering av eksamensklager', problem: 'Klagene arkiveres manuelt i papirarkivet.' });
    const byText = await admin.get('/api/cases', { q: 'eksamensklagene' });
    expect(byText.body.items.map((i: { id: string }) => i.id)).toEqual([special.id]);
    expect((await admin.get('/api/cases', { q: special.reference })).body.items.map((i: { id: string }) => i.id)).toEqual([special.id]);

    const drafts = await admin.get('/api/cases', { state: ['draft', 'submitted'], unitId: c.unitId('NV'), processId: c.processId(DEMO_PROCESS_CODES.caseHandling) });
    expect(drafts.body.items.length).toBeGreaterThan(0);
    expect(drafts.body.items.every((i: { state: string }) => ['draft', 'submitted'].includes(i.state))).toBe(true);
    expect((await admin.get('/api/cases', { state: 'localImprovement' })).body.items.every((i: { state: string }) => i.state.startsWith('localImprovement'))).toBe(true);
    expect((await admin.get('/api/cases', { unitId: c.unitId('HF') })).body.total).toBe(0);

    const byTitle = await admin.get('/api/cases', { sort: 'title', order: 'asc', limit: '2', offset: '0' });
    const titles = byTitle.body.items.map((i: { title: string }) => i.title);
    expect(titles).toEqual([...titles].sort((a: string, b: string) => a.localeCompare(b, 'nb')));
    expect(byTitle.body).toMatchObject({ limit: 2, offset: 0 });
    expect(byTitle.body.total).toBeGreaterThan(2);

    const bad = await admin.get('/api/cases', { state: 'nowhere', sort: 'size' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['sort', 'state']);
  });

  it('rebuilds every case this file created from its event log, exactly as stored', async () => {
    const { checked, mismatched } = await c.replayAll();
    expect(checked).toBeGreaterThan(0);
    expect(mismatched).toEqual([]);
  });
});
