import { DEMO_PERSONA } from '#flyt/demo-data';
import { InstanceMigrator, WorkflowReplay, WorkflowRuntime } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_V1 } from '#workflows/improvement-case/improvement-case.workflow';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { INSTALLED_WORKFLOWS } from '../../apps/installed-workflows.js';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, sendAsRound, startCaseApi } from './case-support.js';

/**
 * An installation upgraded to version 2 of the case: its cases were made under version 1, where the
 * secretariat prioritised by hand. `npm run migrate-instances -- --workflow improvement-case --to 2`
 * moves every running case to the same state; from then on only a priority round decides them, and
 * every case, migrated or ended on version 1, still rebuilds from its log.
 */
describe('improvement cases of version 1 moved to version 2', () => {
  let before: CaseApi; // the installation as it was: version 1 only
  let after: NestExpressApplication; // the same database, upgraded
  let lineManager: Caller;
  let responsible: Caller;
  let owner: Caller;
  let secretariat: Caller;
  const cases: Record<string, string> = {};

  const stateOf = async (id: string) =>
    (await before.api.db.query(`SELECT i.workflow_version AS version, i.state, c.state AS "caseState" FROM workflow_instance i JOIN improvement_case c ON c.id = i.id WHERE i.id = $1`, [id]))[0];

  beforeAll(async () => {
    const v1Only = INSTALLED_WORKFLOWS.map((w) => (w.id === 'improvement-case' ? { ...w, versions: [IMPROVEMENT_CASE_V1] } : w));
    before = await startCaseApi({ workflows: v1Only });
    lineManager = await before.as(DEMO_PERSONA.line_manager);
    responsible = await before.as(DEMO_PERSONA.process_responsible);
    owner = await before.as(DEMO_PERSONA.process_owner);
    secretariat = await before.as(DEMO_PERSONA.programme_secretariat);

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
    cases.draft = (await lineManager.report({ title: 'Utkast' })).id;
    cases.submitted = await submitted('Meldt inn');
    cases.local = await submitted('Lokal');
    await responsible.send(cases.local, 'ACCEPT_LOCAL', {});
    await lineManager.send(cases.local, 'COMPLETE_STEP', { summary: 'Planlagt' });
    cases.deferred = await proposed('Utsatt for hånd');
    expect((await secretariat.send(cases.deferred, 'DEFER', { reason: 'Rammen er brukt' })).status).toBe(200);
    cases.prioritised = await proposed('Prioritert for hånd');
    expect((await secretariat.send(cases.prioritised, 'PRIORITISE', {})).status).toBe(200);
    cases.declined = await proposed('Avslått for hånd');
    expect((await secretariat.send(cases.declined, 'DECLINE', { reason: 'Utenfor mandatet' })).status).toBe(200);

    after = await createApiApp(before.api.config, { workflows: INSTALLED_WORKFLOWS });
    await after.init();
  }, 120_000);
  afterAll(async () => {
    await after?.close();
    await before?.close();
  });

  const timersOf = (id: string) => before.api.db.query(`SELECT timer_id, status, due_at FROM workflow_timer WHERE instance_id = $1 ORDER BY timer_id`, [id]);

  it('moves every running case to the same state of version 2, keeping its deadlines, and leaves the ended one where it ended', async () => {
    const triage = await timersOf(cases.submitted!);
    expect(triage.map((t: { status: string }) => t.status)).toEqual(['pending', 'pending']);
    const report = await after.get(InstanceMigrator).migrate({ workflowId: 'improvement-case', toVersion: 2, dryRun: false, ranBy: 'Kari Nordmann' });
    expect(report.refused).toEqual([]);
    expect(report.ended).toBe(1);
    expect(Object.fromEntries(report.moved.map((m) => [m.instanceId, `${m.fromState} → ${m.toState}`]))).toEqual({
      [cases.draft!]: 'draft → draft',
      [cases.submitted!]: 'submitted → submitted',
      [cases.local!]: 'localImprovement.trial → localImprovement.trial',
      [cases.deferred!]: 'awaitingPrioritisation → awaitingPrioritisation',
      [cases.prioritised!]: 'inRealisation → inRealisation',
    });
    expect(await stateOf(cases.deferred!)).toEqual({ version: 2, state: 'awaitingPrioritisation', caseState: 'awaitingPrioritisation' });
    expect(await stateOf(cases.declined!)).toEqual({ version: 1, state: 'declined', caseState: 'declined' });
    // The same state path, so the same timer ids: the process responsible's triage period runs on as it was.
    expect(await timersOf(cases.submitted!)).toEqual(triage);
  });

  it('then takes the priority round’s decision on the case the secretariat had deferred by hand, and no longer the secretariat’s', async () => {
    const id = cases.deferred!;
    // Through the upgraded API: the one of version 1 alone does not know the case any more.
    const again = await request(after.getHttpServer())
      .post(`/api/cases/${id}/events`)
      .auth(await before.api.tokenFor(DEMO_PERSONA.programme_secretariat), { type: 'bearer' })
      .send({ type: 'PRIORITISE', payload: {} });
    expect(again.status).toBe(403);
    expect(again.body.detail).toMatch(/^A case is prioritised by a priority round once the rector approves it/);
    await sendAsRound(after.get(WorkflowRuntime), id, 'PRIORITISE');
    expect(await stateOf(id)).toEqual({ version: 2, state: 'inRealisation', caseState: 'inRealisation' });
    const [{ snapshot }] = await before.api.db.query(`SELECT snapshot FROM workflow_instance WHERE id = $1`, [id]);
    expect(snapshot.context.deferrals).toEqual([{ reason: 'Rammen er brukt', roundId: null }]);
    expect(snapshot.context.prioritisation).toMatchObject({ roundTitle: 'Utviklingsplan 2027', score: 3.9 });
  });

  it('rebuilds every case from its log: those migrated through version 1 and 2, and the one that ended on version 1', async () => {
    const { checked, mismatched } = await after.get(WorkflowReplay).replayAll('improvement-case');
    expect(checked).toBe(Object.keys(cases).length);
    expect(mismatched).toEqual([]);
  });
});
