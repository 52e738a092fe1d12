import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT } from '../cases/case-support.js';
import { eventually, notificationsOf, startWorkerStack, type WorkerStack } from '../worker/worker-support.js';
import { callerOf, dayFromNow, ok, prioritisedCase } from './project-support.js';

/**
 * From a prioritised case to realised benefits, on PostgreSQL, Redis and a worker
 * (docs/projects.md): the round's approval starts the project; the process owner appoints its
 * team; the project passes BP2–BP5 with its artefacts and checklists, a status report reminded and
 * escalated, a hold, and a large project's council decision approved by the rector; the gate
 * decisions keep their figures when the estimates change; BP5 starts the benefits follow-up, whose
 * measurement reminders fire and escalate; measurements are recorded; BP6 closes the case with the
 * whole trail in its history.
 */

const OWNER = DEMO_PERSONA.process_owner;
const MANAGER = DEMO_PERSONA.project_manager;
const PROJECT_OWNER = DEMO_PERSONA.line_manager;
const BENEFIT_OWNER = DEMO_PERSONA.benefit_owner;
const COUNCIL = DEMO_PERSONA.programme_council;
const RECTOR = DEMO_PERSONA.rector;

jest.setTimeout(240_000);

describe('a project from prioritisation to realised benefits', () => {
  let stack: WorkerStack;
  let caseId: string;
  let projectId: string;
  const as = (email: string) => callerOf(stack, email);
  const userId = (email: string) => stack.demo.users.find((u) => u.email === email)!.id;
  const send = (email: string, type: string, payload: object = {}) => as(email).post(`/api/projects/${projectId}/events`, { type, payload });
  const put = (email: string, kind: string, content: unknown) => as(email).put(`/api/projects/${projectId}/artefacts/${kind}`, { content });
  const benefitId = randomUUID();
  const measureOn = [dayFromNow(200), dayFromNow(400)];

  beforeAll(async () => {
    stack = await startWorkerStack({
      // The status report falls due in seconds; the gates are planned far ahead.
      statusReportReminder: { seconds: 3 },
      statusReportOverdue: { seconds: 6 },
      gateReminder: { seconds: 3600 },
      gateOverdue: { seconds: 3600 },
      // Each measurement date comes seconds after the follow-up reaches it, and escalates in seconds.
      measurementDue: { seconds: 2 },
      measurementOverdue: { seconds: 2 },
      measurementEscalated: { seconds: 2 },
      conclusionReminder: { seconds: 3600 },
    } as never);
    await stack.startWorker();
    // 500 kNOK once and 100 kNOK a year over five years: under every threshold, a small project.
    ({ caseId, projectId } = await prioritisedCase(stack, 'Digitale eksamensprotokoller', 500_000));
  });
  afterAll(() => stack?.close());

  it('starts the project in its mandate when the round prioritises the case; the case waits in realisation', async () => {
    const theCase = ok(await as(OWNER).get(`/api/cases/${caseId}`)).body;
    expect(theCase.state).toBe('inRealisation');
    const project = ok(await as(OWNER).get(`/api/projects/${projectId}`)).body;
    expect(project).toMatchObject({ state: 'mandate', phase: null, large: false, case: { id: caseId } });
    expect(project.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['APPOINT_TEAM']);
    // The project manager is nobody's until appointed: the project does not exist for them.
    expect((await as(MANAGER).get(`/api/projects/${projectId}`)).status).toBe(404);
    const inbox = ok(await as(OWNER).get('/api/inbox')).body;
    expect(inbox.otherWork).toContainEqual(expect.objectContaining({ workflowId: 'project', instanceId: projectId, task: expect.objectContaining({ en: 'Appoint the project owner and the project manager' }) }));
  });

  it('refuses a team of people who do not exist, and lets the process owner appoint it', async () => {
    const bad = await send(OWNER, 'APPOINT_TEAM', { projectOwnerId: randomUUID(), projectManagerId: userId(MANAGER) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'payload.projectOwnerId', reason: 'no user has this id' }]);
    expect((await send(MANAGER, 'APPOINT_TEAM', { projectOwnerId: userId(PROJECT_OWNER), projectManagerId: userId(MANAGER) })).status).toBe(404);
    const appointed = ok(await send(OWNER, 'APPOINT_TEAM', { projectOwnerId: userId(PROJECT_OWNER), projectManagerId: userId(MANAGER) })).body;
    expect(appointed).toMatchObject({ phase: 'concept', gateAhead: 'BP2', projectManagerId: userId(MANAGER) });
    // Now the manager sees the project and its case, and is the one the concept phase waits for.
    const mine = ok(await as(MANAGER).get(`/api/projects/${projectId}`)).body;
    expect(mine.myRoles).toEqual(['projectManager']);
    expect(mine.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['SET_GATE_DATE', 'SUBMIT_STATUS_REPORT']);
    expect(mine.blockedEvents).toEqual([{ type: 'SUBMIT_FOR_GATE', reason: expect.stringContaining('the project justification') }]);
    ok(await as(MANAGER).get(`/api/cases/${caseId}`));
  });

  it('reminds the project manager of the monthly status report, then tells the project owner it is overdue', async () => {
    await eventually(async () => (await notificationsOf(stack.api, projectId, 'statusReportOverdue')).length > 0, 'the overdue status report to escalate');
    expect(await notificationsOf(stack.api, projectId, 'statusReportReminder')).toEqual([{ user: MANAGER, count: expect.any(Number) }]);
    expect(await notificationsOf(stack.api, projectId, 'statusReportOverdue')).toEqual([{ user: PROJECT_OWNER, count: 1 }]);
    const inbox = ok(await as(MANAGER).get('/api/inbox')).body;
    expect(inbox.otherWork).toContainEqual(expect.objectContaining({ instanceId: projectId, task: expect.objectContaining({ en: 'Write the monthly status report' }) }));
    const reported = ok(await send(MANAGER, 'SUBMIT_STATUS_REPORT', { status: 'atRisk', summary: 'Leverandøren er forsinket.' })).body;
    expect(reported.state).toContain('active.reporting.awaitingReport');
    expect(reported.statusReports).toEqual([expect.objectContaining({ status: 'atRisk', summary: 'Leverandøren er forsinket.', submittedBy: userId(MANAGER) })]);
  });

  it('refuses BP2 while the justification is missing, listing it; passes it with a GO by the process owner', async () => {
    const early = await send(MANAGER, 'SUBMIT_FOR_GATE');
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/project justification/);
    const alternatives = [
      { id: randomUUID(), name: 'Fortsette som før', description: 'Papirprotokoller.', benefit: 'Ingen.', costNok: 0, chosen: false },
      { id: randomUUID(), name: 'Digital protokoll', description: 'Protokoll i eksamenssystemet.', benefit: '800 timer i året.', costNok: 1_000_000, chosen: true },
    ];
    const badKind = await as(MANAGER).put(`/api/projects/${projectId}/artefacts/budget`, { content: {} });
    expect(badKind.status).toBe(400);
    const bad = await put(MANAGER, 'justification', { background: 'Papir.', objectives: 'Digitalt.', alternatives: alternatives.map((a) => ({ ...a, chosen: true })), recommendation: 'B' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('content.alternatives');
    expect((await put(DEMO_PERSONA.employee, 'justification', { background: 'x', objectives: 'y', alternatives, recommendation: 'z' })).status).toBe(404);
    ok(await put(MANAGER, 'justification', { background: 'Papirprotokoller skannes.', objectives: 'Digitale protokoller.', alternatives, recommendation: 'Digital protokoll.' }));
    const submitted = ok(await send(MANAGER, 'SUBMIT_FOR_GATE', { note: 'Klar for BP2' })).body;
    expect(submitted.state).toContain('active.phase.concept.awaitingDecision');
    // The council does not decide a small project's gates, and is told who does and why.
    const council = await send(COUNCIL, 'GO', { reason: 'Vi vil' });
    expect(council.status).toBe(403);
    expect(council.body.detail).toMatch(/^The process owner decides this project’s gates/);
    const passed = ok(await send(OWNER, 'GO', { reason: 'Begrunnelsen holder.' })).body;
    expect(passed).toMatchObject({ phase: 'planning', gateAhead: 'BP3' });
    expect(passed.gateDecisions).toEqual([
      expect.objectContaining({ gate: 'BP2', decision: 'GO', decidedAs: 'processOwner', decidedBy: userId(OWNER), figures: expect.objectContaining({ netPresentValueNok: expect.any(Number) }) }),
    ]);
    // The justification is frozen with the decision.
    expect(passed.artefacts.find((a: { kind: string }) => a.kind === 'justification')).toMatchObject({ frozenAtGate: 'BP2', editable: false });
    const frozen = await put(MANAGER, 'justification', { background: 'Endret', objectives: 'x', alternatives, recommendation: 'y' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.detail).toMatch(/frozen when BP2 was passed/);
  });

  const planningArtefacts = () => ({
    governingDocument: {
      objectives: 'Alle eksamensprotokoller digitale innen 2028.',
      scope: 'Protokoller for skriftlige og muntlige eksamener.',
      deliverables: 'Protokollmodul i eksamenssystemet.',
      organisation: 'Prosjekteier, prosjektleder, styringsgruppe med studentrepresentant.',
      budgetNok: 1_000_000,
      qualityAssurance: 'Akseptansetest med to fakulteter.',
      plan: 'Pilot høsten, utrulling våren.',
    },
    milestones: [
      { id: randomUUID(), name: 'Pilot ferdig', dueOn: dayFromNow(60), gate: 'BP4' },
      { id: randomUUID(), name: 'Utrullet', dueOn: dayFromNow(120), gate: 'BP5' },
    ],
    riskRegister: [{ id: randomUUID(), risk: 'Leverandøren blir forsinket.', probability: 3, consequence: 4, mitigation: 'Ukentlige statusmøter.', ownerId: userId(MANAGER) }],
    steeringGroup: {
      members: [
        { userId: userId(PROJECT_OWNER), role: 'chair' },
        { userId: userId(DEMO_PERSONA.employee), role: 'userRepresentative' },
      ],
      userGroups: [{ name: 'Eksamenskontorene', description: 'Tester piloten.' }],
    },
    benefitPlan: {
      benefits: [
        {
          id: benefitId,
          title: 'Mindre tid på protokoller',
          kind: 'efficiency',
          priced: true,
          yearlyValueNok: 400_000,
          responsibleManagerId: userId(PROJECT_OWNER),
          benefitOwnerIds: [userId(BENEFIT_OWNER)],
          indicator: 'Tid brukt på protokoller',
          unit: 'timer per måned',
          baseline: 100,
          baselineMeasuredOn: dayFromNow(-10),
          target: 40,
          measurementMethod: 'Timeregistreringen for eksamenskontorene.',
          measurementDates: measureOn,
        },
      ],
    },
  });

  it('refuses BP3 while its checklist is incomplete, naming each missing item; the plan makes its people members', async () => {
    const missing = await send(MANAGER, 'SUBMIT_FOR_GATE');
    expect(missing.status).toBe(422);
    for (const item of ['governing document', 'risk', 'benefits-realisation plan', 'user representative']) expect(missing.body.detail).toContain(item);
    const artefacts = planningArtefacts();
    const nobody = await put(MANAGER, 'riskRegister', [{ ...artefacts.riskRegister[0], ownerId: randomUUID() }]);
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([{ field: 'content[0].ownerId', reason: 'no user has this id' }]);
    for (const [kind, content] of Object.entries(artefacts)) ok(await put(MANAGER, kind, content));
    // The benefit owner and the steering group now see the project and its case.
    ok(await as(BENEFIT_OWNER).get(`/api/projects/${projectId}`));
    ok(await as(DEMO_PERSONA.employee).get(`/api/cases/${caseId}`));
    const project = ok(await as(MANAGER).get(`/api/projects/${projectId}`)).body;
    expect(project.checklist.items.every((i: { done: boolean }) => i.done)).toBe(true);
  });

  it('holds the project at BP3, stopping every deadline with the time it had left, and resumes it', async () => {
    ok(await send(MANAGER, 'SUBMIT_FOR_GATE'));
    const held = ok(await send(OWNER, 'HOLD', { reason: 'Venter på budsjettet.' })).body;
    expect(held).toMatchObject({ onHold: true, hold: expect.objectContaining({ gate: 'BP3', reason: 'Venter på budsjettet.' }) });
    const timers = await stack.api.db.query(`SELECT delay_name, status, time_left FROM workflow_timer WHERE instance_id = $1 AND status IN ('pending', 'held') ORDER BY delay_name`, [projectId]);
    expect(timers.map((t: { delay_name: string; status: string }) => [t.delay_name, t.status])).toEqual([
      ['gateOverdue', 'held'],
      ['gateReminder', 'held'],
      ['statusReportOverdue', 'held'],
      ['statusReportReminder', 'held'],
    ]);
    const left = timers.find((t: { delay_name: string }) => t.delay_name === 'gateOverdue').time_left.ms as number;
    expect(left).toBeGreaterThan(3_000_000);
    expect((await send(MANAGER, 'SUBMIT_FOR_GATE')).status).toBe(422);
    const resumedAt = Date.now();
    const resumed = ok(await send(OWNER, 'RESUME', { reason: 'Budsjettet er vedtatt.' })).body;
    expect(resumed).toMatchObject({ onHold: false, state: expect.stringContaining('active.phase.planning.working') });
    const [gate] = await stack.api.db.query(
      `SELECT due_at, status FROM workflow_timer WHERE instance_id = $1 AND delay_name = 'gateOverdue' AND timer_id LIKE '%.phase.planning'`,
      [projectId],
    );
    expect(gate.status).toBe('pending');
    // Due again after the time it had left, counted from the resumption.
    expect(Math.abs(new Date(gate.due_at).getTime() - (resumedAt + left))).toBeLessThan(5_000);
  });

  it('takes a large project’s gates to the programme council and the rector once the estimates cross a threshold; the earlier decision keeps its figures', async () => {
    const before = ok(await as(MANAGER).get(`/api/projects/${projectId}`)).body;
    const bp2Figures = before.gateDecisions[0].figures;
    // The project owner updates the estimates: the one-off cost is now 3 MNOK.
    const costs = { ...COMPLETE_COST_BENEFIT.costs, oneOff: [{ description: 'Innføring', amountNok: 3_000_000 }] };
    ok(await as(PROJECT_OWNER).patch(`/api/cases/${caseId}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, costs } }));
    ok(await send(MANAGER, 'SUBMIT_FOR_GATE'));
    const now = ok(await as(OWNER).get(`/api/projects/${projectId}`)).body;
    expect(now.large).toBe(true);
    expect(now.gateDecisions[0].figures).toEqual(bp2Figures);
    expect(now.figures.figures.netPresentValueNok).toBeLessThan(bp2Figures.netPresentValueNok);
    const byOwner = await send(OWNER, 'GO', { reason: 'Klar' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.detail).toMatch(/^The programme council decides this project’s gates, with the rector’s approval, because .*NOK/);
    const recorded = ok(await send(COUNCIL, 'GO', { reason: 'Rådet går videre.' })).body;
    expect(recorded.state).toContain('active.phase.planning.awaitingApproval');
    expect(recorded.pendingDecision).toMatchObject({ gate: 'BP3', decision: 'GO' });
    const inbox = ok(await as(RECTOR).get('/api/inbox')).body;
    expect(inbox.otherWork).toContainEqual(expect.objectContaining({ instanceId: projectId, task: expect.objectContaining({ en: 'Approve the programme council’s decision at BP3' }) }));
    const approved = ok(await as(RECTOR).post(`/api/projects/${projectId}/events`, { type: 'APPROVE_GATE_DECISION', payload: {} })).body;
    expect(approved).toMatchObject({ phase: 'execution', gateAhead: 'BP4', plannedGateOn: dayFromNow(60) });
    // The hold was a decision at BP3 too, by the process owner while the project was small.
    expect(approved.gateDecisions.slice(1)).toEqual([
      expect.objectContaining({ gate: 'BP3', decision: 'HOLD', decidedAs: 'processOwner', approvedBy: null }),
      expect.objectContaining({ gate: 'BP3', decision: 'GO', decidedAs: 'council', decidedBy: userId(COUNCIL), approvedBy: userId(RECTOR) }),
    ]);
    expect(approved.gateDecisions[2].artefacts.benefitPlan.benefits[0].id).toBe(benefitId);
  });

  it('passes BP4 with the handover, and BP5 with the final report after the rector first sends the decision back', async () => {
    ok(await put(MANAGER, 'handover', { deliverablesAccepted: true, acceptedBy: 'Styringsgruppen', operationsOwner: userId(PROJECT_OWNER), handoverDate: dayFromNow(50), closingRecommendation: 'Avslutt.' }));
    ok(await send(MANAGER, 'SUBMIT_FOR_GATE'));
    ok(await send(COUNCIL, 'GO', { reason: 'Levert.' }));
    ok(await as(RECTOR).post(`/api/projects/${projectId}/events`, { type: 'APPROVE_GATE_DECISION', payload: {} }));
    ok(await put(MANAGER, 'finalReport', { summary: 'Protokollene er digitale.', goalsAchieved: 'Alle mål nådd.', benefitsSoFar: 'Tidsbruken er halvert i piloten.', costOutcomeNok: 2_900_000, lessonsLearned: 'Start testingen tidlig.' }));
    ok(await send(MANAGER, 'SUBMIT_FOR_GATE'));
    ok(await send(COUNCIL, 'GO', { reason: 'Avsluttes.' }));
    const returned = ok(await as(RECTOR).post(`/api/projects/${projectId}/events`, { type: 'REJECT_GATE_DECISION', payload: { reason: 'Vent på siste måling.' } })).body;
    expect(returned.state).toContain('active.phase.closure.awaitingDecision');
    ok(await send(COUNCIL, 'GO', { reason: 'Avsluttes likevel.' }));
    const closed = ok(await as(RECTOR).post(`/api/projects/${projectId}/events`, { type: 'APPROVE_GATE_DECISION', payload: {} })).body;
    expect(closed).toMatchObject({ state: 'closed', status: 'done', phase: null });
    expect(closed.gateDecisions.map((d: { gate: string; decision: string }) => `${d.gate} ${d.decision}`)).toEqual(['BP2 GO', 'BP3 HOLD', 'BP3 GO', 'BP4 GO', 'BP5 GO']);
    expect(closed.artefacts.every((a: { frozenAtGate: string | null }) => a.frozenAtGate !== null)).toBe(true);
    const theCase = await eventually(async () => {
      const c = ok(await as(OWNER).get(`/api/cases/${caseId}`)).body;
      return c.state === 'benefitsFollowUp' ? c : null;
    }, 'the case to move to benefits follow-up');
    expect(theCase.state).toBe('benefitsFollowUp');
  });

  let followupId: string;

  it('reminds the benefit owner on the measurement date; a value that misses the target needs an explanation', async () => {
    followupId = (await eventually(async () => ok(await as(OWNER).get(`/api/projects/${projectId}`)).body.followUp?.id as string | undefined, 'the follow-up to start'))!;
    const started = ok(await as(BENEFIT_OWNER).get(`/api/follow-ups/${followupId}`)).body;
    expect(started.points.map((p: { dueOn: string }) => p.dueOn)).toEqual(measureOn);
    await eventually(async () => (await notificationsOf(stack.api, followupId, 'measurementDue')).length > 0, 'the measurement reminder');
    expect(await notificationsOf(stack.api, followupId, 'measurementDue')).toEqual([{ user: BENEFIT_OWNER, count: 1 }]);
    const record = (value: number, extra: object = {}) =>
      as(BENEFIT_OWNER).post(`/api/follow-ups/${followupId}/events`, { type: 'RECORD_MEASUREMENT', payload: { benefitId, value, measuredOn: dayFromNow(0), ...extra } });
    const notABenefit = await as(BENEFIT_OWNER).post(`/api/follow-ups/${followupId}/events`, { type: 'RECORD_MEASUREMENT', payload: { benefitId: randomUUID(), value: 1, measuredOn: dayFromNow(0) } });
    expect(notABenefit.status).toBe(400);
    const unexplained = await record(70);
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.detail).toMatch(/target/);
    expect((await as(DEMO_PERSONA.employee).post(`/api/follow-ups/${followupId}/events`, { type: 'RECORD_MEASUREMENT', payload: { benefitId, value: 35, measuredOn: dayFromNow(0) } })).status).toBe(403);
    const recorded = ok(await record(70, { deviationExplanation: 'Bare halvparten av kontorene er over.', comment: 'Første måling', evidenceUrl: 'https://rapport.universitet.example/1' })).body;
    expect(recorded.current).toBe(1);
    expect(recorded.measurements).toEqual([expect.objectContaining({ benefitId, value: 70, meetsTarget: false, deviationExplanation: 'Bare halvparten av kontorene er over.' })]);
  });

  it('escalates a missed measurement to the responsible line manager, then to the process owner; the last one leads to BP6', async () => {
    await eventually(async () => (await notificationsOf(stack.api, followupId, 'measurementEscalated')).length > 0, 'the missed measurement to reach the process owner');
    expect(await notificationsOf(stack.api, followupId, 'measurementOverdue')).toEqual([{ user: PROJECT_OWNER, count: 1 }]);
    expect(await notificationsOf(stack.api, followupId, 'measurementEscalated')).toEqual([{ user: OWNER, count: 1 }]);
    const ownerInbox = ok(await as(OWNER).get('/api/inbox')).body;
    expect(ownerInbox.otherWork).toContainEqual(expect.objectContaining({ instanceId: followupId, task: expect.objectContaining({ en: 'A benefit measurement is overdue' }) }));
    const done = ok(
      await as(BENEFIT_OWNER).post(`/api/follow-ups/${followupId}/events`, { type: 'RECORD_MEASUREMENT', payload: { benefitId, value: 35, measuredOn: dayFromNow(0) } }),
    ).body;
    expect(done.state).toBe('concluding');
    expect(done.measurements.map((m: { meetsTarget: boolean }) => m.meetsTarget)).toEqual([false, true]);
  });

  it('concludes the benefits work (BP6): the case is closed with the whole trail, further work becomes a new case', async () => {
    expect((await as(BENEFIT_OWNER).post(`/api/follow-ups/${followupId}/events`, { type: 'CONCLUDE', payload: { outcome: 'realised', summary: 'x' } })).status).toBe(403);
    // Reported in the process owner's own unit, where they may report.
    const foreign = await as(OWNER).post(`/api/follow-ups/${followupId}/events`, {
      type: 'CONCLUDE',
      payload: { outcome: 'realised', summary: 'x', newCase: { title: 'Ny sak', problem: 'Noe', reportingUnitId: stack.demo.units.find((u) => u.code === 'NV-IFI')!.id } },
    });
    expect(foreign.status).toBe(403);
    expect(ok(await as(OWNER).get(`/api/follow-ups/${followupId}`)).body.state).toBe('concluding');
    const unitId = stack.demo.users.find((u) => u.email === OWNER)!.unitId;
    const concluded = ok(
      await as(OWNER).post(`/api/follow-ups/${followupId}/events`, {
        type: 'CONCLUDE',
        payload: {
          outcome: 'realised',
          summary: 'Tidsbruken gikk fra 100 til 35 timer i måneden.',
          furtherActions: 'Ta i bruk det samme for muntlige eksamener.',
          newCase: { title: 'Digitale protokoller for muntlig eksamen', problem: 'Muntlige eksamener har fortsatt papir.', reportingUnitId: unitId },
        },
      }),
    ).body;
    expect(concluded).toMatchObject({ state: 'concluded', status: 'done', conclusion: expect.objectContaining({ outcome: 'realised' }) });
    const theCase = await eventually(async () => {
      const c = ok(await as(OWNER).get(`/api/cases/${caseId}`)).body;
      return c.state === 'closed' ? c : null;
    }, 'the case to close');
    expect(theCase.state).toBe('closed');
    const history = ok(await as(OWNER).get(`/api/cases/${caseId}/history`)).body;
    const types = history.items.map((e: { type: string }) => e.type);
    for (const type of ['SUBMIT', 'ESCALATE', 'PROPOSE_TO_PROGRAMME', 'PRIORITISE', 'PROJECT_CLOSED', 'CONCLUDE_BENEFITS']) expect(types).toContain(type);
    // The project's own log: who appointed, edited and decided, under which authority.
    const projectLog = ok(await as(MANAGER).get(`/api/projects/${projectId}/history`)).body.items;
    expect(projectLog.find((e: { type: string }) => e.type === 'APPOINT_TEAM').authority.basis).toMatch(/^process owner of /);
    expect(projectLog.filter((e: { type: string }) => e.type === 'EDITED').map((e: { payload: { changes: { field: string }[] } }) => e.payload.changes[0]!.field)).toContain('artefacts.benefitPlan');
    expect(projectLog.filter((e: { type: string }) => e.type === 'APPROVE_GATE_DECISION').every((e: { authority: { role: string } }) => e.authority.role === 'rector')).toBe(true);
    const newCases = ok(await as(OWNER).get('/api/cases?q=muntlig')).body;
    expect(newCases.items).toContainEqual(expect.objectContaining({ title: 'Digitale protokoller for muntlig eksamen', state: 'draft' }));
  });
});
