import { DEMO_PERSONA, DEMO_PERSONA_EXTRA } from '#flyt/demo-data';
import { systemActor, WorkflowRuntime } from '#flyt/workflow-runtime';
import { childInstanceId } from '#flyt/workflow-runtime/domain';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, startCaseApi } from './case-support.js';

/**
 * The people who work on the project a case became see the case, and its owner and manager keep
 * the case's estimates up to date while the project runs (docs/domain.md, "Who sees a case",
 * "Changing a case"). The project and its members are written here as the project's own lib writes
 * them when its team is appointed: this test is about the case's side of them.
 */
describe('a case and the people on its project', () => {
  let c: CaseApi;
  let lineManager: Caller; // the reporter, and line manager of NV-IFI
  let owner: Caller; // process owner of saksbehandling
  let projectManager: Caller;
  let projectOwner: Caller;
  let benefitOwner: Caller;
  let stranger: Caller;
  let caseId: string;
  let reference: string;

  const userId = async (email: string) => (await c.api.db.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as string;
  const listed = async (caller: Caller, id: string) => ((await caller.get('/api/cases', { limit: '200' })).body.items as { id: string }[]).some((i) => i.id === id);

  /** The project of a prioritised case with its members, as the project's projection keeps them. */
  async function projectWith(id: string, members: [email: string, role: string][]): Promise<{ projectId: string; reference: string }> {
    const projectId = childInstanceId(id, 'project');
    const [theCase] = await c.api.db.query(`SELECT process_id, title FROM improvement_case WHERE id = $1`, [id]);
    await c.api.db.query(
      `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, parent_instance_id)
       VALUES ($1, 'project', 1, $2, $3, 'mandate', 'active', $4)`,
      [projectId, { caseId: id, processId: theCase.process_id }, { status: 'active', value: 'mandate', context: {} }, id],
    );
    const [project] = await c.api.db.query(`INSERT INTO project (id, case_id, process_id, title, state) VALUES ($1, $2, $3, $4, 'mandate') RETURNING reference`, [
      projectId,
      id,
      theCase.process_id,
      theCase.title,
    ]);
    for (const [email, role] of members) {
      await c.api.db.query(`INSERT INTO project_member (project_id, case_id, user_id, role) VALUES ($1, $2, $3, $4)`, [projectId, id, await userId(email), role]);
    }
    return { projectId, reference: project.reference };
  }

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    owner = await c.as(DEMO_PERSONA.process_owner);
    const responsible = await c.as(DEMO_PERSONA.process_responsible);
    projectManager = await c.as(DEMO_PERSONA.project_manager);
    projectOwner = await c.as(DEMO_PERSONA_EXTRA.otherLineManager);
    benefitOwner = await c.as(DEMO_PERSONA.benefit_owner);
    stranger = await c.as(DEMO_PERSONA_EXTRA.otherEmployee);

    const created = await lineManager.report({ title: 'Digital signering av arbeidsavtaler' });
    caseId = created.id;
    await lineManager.send(caseId, 'SUBMIT');
    await responsible.send(caseId, 'ESCALATE', { text: 'Gjelder hele universitetet.' });
    await owner.patch(`/api/cases/${caseId}`, { costBenefit: COMPLETE_COST_BENEFIT });
    expect((await owner.send(caseId, 'PROPOSE_TO_PROGRAMME', {})).status).toBe(200);
    await c.decideAsRound(caseId, 'PRIORITISE');
    ({ reference } = await projectWith(caseId, [
      [DEMO_PERSONA_EXTRA.otherLineManager, 'projectOwner'],
      [DEMO_PERSONA.project_manager, 'projectManager'],
      [DEMO_PERSONA.benefit_owner, 'benefitOwner'],
    ]));
  });
  afterAll(async () => {
    expect(await c.replayAll()).toMatchObject({ mismatched: [] });
    await c.close();
  });

  it('a stranger to the project does not see the case: 404, and it is not listed', async () => {
    expect((await stranger.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await stranger.get(`/api/cases/${caseId}/history`)).status).toBe(404);
    expect(await listed(stranger, caseId)).toBe(false);
  });

  it('the project manager sees the case, in the list too, holding the role of project manager for it', async () => {
    const detail = await projectManager.get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ state: 'inRealisation', myRoles: ['projectManager'], allowedEvents: [], blockedEvents: [] });
    expect(await listed(projectManager, caseId)).toBe(true);
    expect((await projectManager.get('/api/cases', { state: 'inRealisation' })).body.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
  });

  it('every member of the project sees the case; one who only reports benefits holds no role in it', async () => {
    const detail = await benefitOwner.get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.myRoles).toEqual([]);
    expect(await listed(benefitOwner, caseId)).toBe(true);
    expect((await projectOwner.get(`/api/cases/${caseId}`)).body.myRoles).toEqual(['projectOwner']);
  });

  it('sees only the cases of the projects they are on', async () => {
    const other = await lineManager.report({ title: 'En annen sak' });
    expect((await projectManager.get(`/api/cases/${other.id}`)).status).toBe(404);
    expect(await listed(projectManager, other.id)).toBe(false);
  });

  it('the project manager and the project owner update the estimates while the project runs, under that authority', async () => {
    const longer = await projectManager.patch(`/api/cases/${caseId}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, durationMonths: 14 } });
    expect(longer.status).toBe(200);
    expect(longer.body.costBenefit.durationMonths).toBe(14);
    const dearer = await projectOwner.patch(`/api/cases/${caseId}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, durationMonths: 14, needsResourcesOutsideUnit: true } });
    expect(dearer.status).toBe(200);
    const history = (await projectManager.get(`/api/cases/${caseId}/history`)).body.items;
    expect(history.slice(-2)).toMatchObject([
      {
        type: 'EDITED',
        from: 'inRealisation',
        actor: { name: expect.any(String) },
        authority: { role: 'projectManager', basis: `project manager of ${reference}, the project the case became` },
        payload: { changes: [{ field: 'costBenefit', from: expect.objectContaining({ durationMonths: 6 }), to: expect.objectContaining({ durationMonths: 14 }) }] },
      },
      { type: 'EDITED', authority: { role: 'projectOwner', basis: `project owner of ${reference}, the project the case became` } },
    ]);
  });

  it('the reporter, the line manager and the process owner may no longer change the estimates (403), nor may a member who is not the owner or manager', async () => {
    for (const caller of [lineManager, owner, benefitOwner]) {
      const refused = await caller.patch(`/api/cases/${caseId}`, { costBenefit: COMPLETE_COST_BENEFIT });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe("Only the project owner of the case's project or the project manager of the case's project may change the cost-benefit assessment now.");
    }
    expect((await stranger.patch(`/api/cases/${caseId}`, { costBenefit: COMPLETE_COST_BENEFIT })).status).toBe(404);
  });

  it('the project manager may not change the case text (422): only its estimates', async () => {
    const refused = await projectManager.patch(`/api/cases/${caseId}`, { title: 'Nytt navn' });
    expect(refused.status).toBe(422);
  });

  it('once the project has closed, the estimates are kept as they were: nobody changes them (422)', async () => {
    await c.api.app.get(WorkflowRuntime).send({ instanceId: caseId, type: 'PROJECT_CLOSED', payload: { summary: 'Levert.' }, actor: systemActor(), grants: [] });
    const refused = await projectManager.patch(`/api/cases/${caseId}`, { costBenefit: COMPLETE_COST_BENEFIT });
    expect(refused.status).toBe(422);
    expect((await projectManager.get(`/api/cases/${caseId}`)).body.state).toBe('benefitsFollowUp');
  });
});
