import { DEMO_PERSONA } from '#flyt/demo-data';
import { InstanceMigrator, systemActor, WorkflowReplay, WorkflowRuntime } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_V1, IMPROVEMENT_CASE_V2 } from '#workflows/improvement-case/improvement-case.workflow';
import { CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP } from '#workflows/improvement-case/improvement-case.refusals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { INSTALLED_WORKFLOWS } from '../../apps/installed-workflows.js';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, sendAsRound, startCaseApi } from './case-support.js';

/**
 * An installation upgraded to version 3 of the case: its cases were made under version 2, before
 * projects. `npm run migrate-instances -- --workflow improvement-case --to 3` moves every running
 * case to the same state; a case that went into realisation before has no project, so its process
 * owner still concludes its benefits work by hand, while the benefits follow-up concludes those
 * prioritised from now on. Every case still rebuilds from its log.
 */
describe('improvement cases of version 2 moved to version 3', () => {
  let before: CaseApi; // the installation as it was: versions 1 and 2
  let after: NestExpressApplication; // the same database, upgraded
  let lineManager: Caller;
  let responsible: Caller;
  let owner: Caller;
  const cases: Record<string, string> = {};

  const stateOf = async (id: string) =>
    (await before.api.db.query(`SELECT i.workflow_version AS version, i.state, c.state AS "caseState" FROM workflow_instance i JOIN improvement_case c ON c.id = i.id WHERE i.id = $1`, [id]))[0];
  const asOwnerAfter = async () => {
    const token = await before.api.tokenFor(DEMO_PERSONA.process_owner);
    return (id: string, type: string, payload: object) => request(after.getHttpServer()).post(`/api/cases/${id}/events`).auth(token, { type: 'bearer' }).send({ type, payload });
  };

  beforeAll(async () => {
    const beforeProjects = INSTALLED_WORKFLOWS.map((w) => (w.id === 'improvement-case' ? { ...w, versions: [IMPROVEMENT_CASE_V1, IMPROVEMENT_CASE_V2] } : w));
    before = await startCaseApi({ workflows: beforeProjects });
    lineManager = await before.as(DEMO_PERSONA.line_manager);
    responsible = await before.as(DEMO_PERSONA.process_responsible);
    owner = await before.as(DEMO_PERSONA.process_owner);

    const submitted = async (title: string) => {
      const { id } = await lineManager.report({ title });
      await lineManager.send(id, 'SUBMIT');
      return id;
    };
    const proposed = async (title: string) => {
      const id = await submitted(title);
      await responsible.send(id, 'ESCALATE', { text: 'Til prosesseier' });
      await owner.patch(`/api/cases/${id}`, { costBenefit: COMPLETE_COST_BENEFIT });
      expect((await owner.send(id, 'PROPOSE_TO_PROGRAMME', {})).status).toBe(200);
      return id;
    };
    const closeProject = (id: string) => before.api.app.get(WorkflowRuntime).send({ instanceId: id, type: 'PROJECT_CLOSED', payload: { summary: 'Levert.' }, actor: systemActor(), grants: [] });

    cases.draft = (await lineManager.report({ title: 'Utkast' })).id;
    cases.submitted = await submitted('Meldt inn');
    cases.local = await submitted('Lokal');
    // Version 2 knows no thresholds: a case of 9 months is accepted as local, and stays so.
    await owner.patch(`/api/cases/${cases.local}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, durationMonths: 9 } });
    expect((await responsible.send(cases.local, 'ACCEPT_LOCAL', {})).status).toBe(200);
    cases.withOwner = await submitted('Hos prosesseier');
    await responsible.send(cases.withOwner, 'ESCALATE', { text: 'Til prosesseier' });
    cases.awaiting = await proposed('Til prioritering');
    cases.realising = await proposed('Under realisering');
    await sendAsRound(before.api.app.get(WorkflowRuntime), cases.realising, 'PRIORITISE');
    cases.followUp = await proposed('Gevinstoppfølging');
    await sendAsRound(before.api.app.get(WorkflowRuntime), cases.followUp, 'PRIORITISE');
    await closeProject(cases.followUp);
    cases.rejected = await submitted('Avvist');
    await responsible.send(cases.rejected, 'REJECT', { reason: 'out_of_scope_no_it_component', text: 'Uten IT-komponent.' });

    after = await createApiApp(before.api.config, { workflows: INSTALLED_WORKFLOWS });
    await after.init();
  }, 120_000);
  afterAll(async () => {
    await after?.close();
    await before?.close();
  });

  it('moves every running case to the same state of version 3, and leaves the ended one on version 2', async () => {
    const dry = await after.get(InstanceMigrator).migrate({ workflowId: 'improvement-case', toVersion: 3, dryRun: true, ranBy: 'Kari Nordmann' });
    expect(dry.refused).toEqual([]);
    const report = await after.get(InstanceMigrator).migrate({ workflowId: 'improvement-case', toVersion: 3, dryRun: false, ranBy: 'Kari Nordmann' });
    expect(report.refused).toEqual([]);
    expect(report.ended).toBe(1);
    expect(Object.fromEntries(report.moved.map((m) => [m.instanceId, `${m.fromState} → ${m.toState}`]))).toEqual({
      [cases.draft!]: 'draft → draft',
      [cases.submitted!]: 'submitted → submitted',
      [cases.local!]: 'localImprovement.plan → localImprovement.plan',
      [cases.withOwner!]: 'withProcessOwner → withProcessOwner',
      [cases.awaiting!]: 'awaitingPrioritisation → awaitingPrioritisation',
      [cases.realising!]: 'inRealisation → inRealisation',
      [cases.followUp!]: 'benefitsFollowUp → benefitsFollowUp',
    });
    expect(await stateOf(cases.followUp!)).toEqual({ version: 3, state: 'benefitsFollowUp', caseState: 'benefitsFollowUp' });
    expect(await stateOf(cases.rejected!)).toEqual({ version: 2, state: 'rejected', caseState: 'rejected' });
    const [{ snapshot }] = await before.api.db.query(`SELECT snapshot FROM workflow_instance WHERE id = $1`, [cases.realising]);
    expect(snapshot.context.projectId).toBeNull();
    const history = await before.api.db.query(`SELECT type, payload FROM workflow_event WHERE instance_id = $1 ORDER BY revision DESC LIMIT 1`, [cases.realising]);
    expect(history[0]).toMatchObject({ type: 'flyt.migrated', payload: { fromVersion: 2, toVersion: 3 } });
  });

  it('lets the process owner conclude by hand the benefits work of a case that went into realisation before projects', async () => {
    const send = await asOwnerAfter();
    const concluded = await send(cases.followUp!, 'CONCLUDE_BENEFITS', { summary: 'Gevinstene er hentet ut som planlagt.' });
    expect(concluded.status).toBe(200);
    expect(concluded.body.state).toBe('closed');
  });

  it('then applies the thresholds to a migrated case still in triage', async () => {
    // Through the upgraded API: the one without version 3 does not know the migrated cases any more.
    const token = await before.api.tokenFor(DEMO_PERSONA.process_responsible);
    const estimated = await request(after.getHttpServer())
      .patch(`/api/cases/${cases.submitted}`)
      .auth(token, { type: 'bearer' })
      .send({ costBenefit: { ...COMPLETE_COST_BENEFIT, durationMonths: 9 } });
    expect(estimated.status).toBe(200);
    const refused = await request(after.getHttpServer()).post(`/api/cases/${cases.submitted}/events`).auth(token, { type: 'bearer' }).send({ type: 'ACCEPT_LOCAL', payload: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.thresholdsCrossed).toEqual([{ code: 'duration', text: 'it runs for 9 months, longer than 6' }]);
  });

  it('starts the project of a case prioritised from now on, whose benefits work the follow-up concludes: a person is told so (403)', async () => {
    const runtime = after.get(WorkflowRuntime);
    await sendAsRound(runtime, cases.awaiting!, 'PRIORITISE');
    const [{ snapshot }] = await before.api.db.query(`SELECT snapshot FROM workflow_instance WHERE id = $1`, [cases.awaiting]);
    expect(snapshot.context.projectId).toEqual(expect.any(String));
    const [start] = await before.api.db.query(`SELECT payload FROM workflow_outbox WHERE instance_id = $1 AND kind = 'startWorkflow'`, [cases.awaiting]);
    expect(start.payload).toMatchObject({ workflowId: 'project', key: 'project', input: { caseId: cases.awaiting } });
    await runtime.send({ instanceId: cases.awaiting!, type: 'PROJECT_CLOSED', payload: { summary: 'Levert.' }, actor: systemActor(), grants: [] });

    const send = await asOwnerAfter();
    for (const payload of [{ summary: 'Ferdig.' }, {}]) {
      const byHand = await send(cases.awaiting!, 'CONCLUDE_BENEFITS', payload);
      expect(byHand.status).toBe(403);
      expect(byHand.body.detail).toBe(CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP);
    }
    const byFollowUp = await runtime.send({
      instanceId: cases.awaiting!,
      type: 'CONCLUDE_BENEFITS',
      payload: { summary: 'To av tre gevinster er hentet ut.', outcome: 'partlyRealised' },
      actor: systemActor(),
      grants: [],
    });
    expect(byFollowUp.to).toBe('closed');
    expect(byFollowUp.state.context).toMatchObject({ benefitsConclusion: { summary: 'To av tre gevinster er hentet ut.', by: null, outcome: 'partlyRealised' } });
  });

  it('rebuilds every case from its log: those migrated through versions 2 and 3, and the one that ended on version 2', async () => {
    const { checked, mismatched } = await after.get(WorkflowReplay).replayAll('improvement-case');
    expect(checked).toBe(Object.keys(cases).length);
    expect(mismatched).toEqual([]);
  });
});
