import { DEMO_PERSONA } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, startCaseApi } from './case-support.js';

/**
 * The policy's test of what stays a local improvement (docs/domain.md, "Larger than local"): a case
 * that needs resources outside the unit's ordinary structure, runs longer than
 * LOCAL_IMPROVEMENT_MAX_MONTHS, costs more than LOCAL_IMPROVEMENT_MAX_COST_NOK or moves costs or work
 * to other units is refused as a local improvement and must be escalated. And the policy's scope: a
 * case without a significant IT component may be rejected as out of scope, and is escalated only
 * with a warning.
 */
describe('the thresholds for a local improvement', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;

  /** A case of NV-IFI submitted to the process responsible, who has set its estimates. */
  async function submittedWith(estimates: Partial<typeof COMPLETE_COST_BENEFIT> | null, fields: Record<string, unknown> = {}): Promise<string> {
    const { id } = await lineManager.report({ title: 'Ny rutine for arkivering', ...fields });
    expect((await lineManager.send(id, 'SUBMIT')).status).toBe(200);
    if (estimates) expect((await responsible.patch(`/api/cases/${id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, ...estimates } })).status).toBe(200);
    return id;
  }

  const stateOf = async (id: string) => (await c.api.db.query(`SELECT state FROM improvement_case WHERE id = $1`, [id]))[0].state as string;

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
  });
  afterAll(async () => {
    expect(await c.replayAll()).toMatchObject({ mismatched: [] });
    await c.close();
  });

  describe('ACCEPT_LOCAL is refused by each threshold on its own, naming it and telling to escalate', () => {
    const otherUnit = () => c.unitId('HF-ILN');
    it.each([
      { threshold: 'duration', estimates: { durationMonths: 9 }, text: 'it runs for 9 months, longer than 6' },
      { threshold: 'outsideResources', estimates: { needsResourcesOutsideUnit: true }, text: "it needs resources outside the unit's ordinary structure" },
      {
        threshold: 'cost',
        estimates: { costs: { oneOff: [{ description: 'Innføring', amountNok: 2_000_000 }], yearly: [{ description: 'Drift og lisens', amountNok: 100_000 }] } },
        text: 'it costs NOK 2 500 000 in all, more than NOK 1 500 000',
      },
      { threshold: 'costShifts', estimates: 'shifted', text: 'it moves costs or work to other units' },
    ] as const)('$threshold', async ({ threshold, estimates, text }) => {
      const id = await submittedWith(
        estimates === 'shifted' ? { costShifts: [{ unitId: otherUnit(), description: 'Eksamenskontoret får mer arbeid', yearlyHours: 120 }] as never } : (estimates as object),
      );
      const before = await c.footprint();
      const refused = await responsible.send(id, 'ACCEPT_LOCAL', { plan: 'Prøv i egen enhet.' });
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.reason).toBe(
        `the case is larger than a local improvement, as the policy counts it: ${text}. ` +
          'Escalate it to the process owner with ESCALATE instead (or, if its estimates are wrong, correct its cost-benefit assessment first)',
      );
      expect(refused.body.detail).toContain('ACCEPT_LOCAL is not possible now (Submitted, with the process responsible)');
      expect(refused.body.thresholdsCrossed).toEqual([{ code: threshold, text }]);
      expect(refused.body.allowedEvents).toContain('ESCALATE');
      expect(refused.body.allowedEvents).not.toContain('ACCEPT_LOCAL');
      expect(await c.footprint()).toEqual(before);
      expect(await stateOf(id)).toBe('submitted');

      // The case says so before anyone tries, and ESCALATE is the way on.
      const view = await responsible.get(`/api/cases/${id}`);
      expect(view.body.blockedEvents).toEqual([{ type: 'ACCEPT_LOCAL', reason: refused.body.reason }]);
      const escalated = await responsible.send(id, 'ESCALATE', { text: 'Større enn en lokal forbedring.' });
      expect(escalated.status).toBe(200);
      expect(escalated.body.state).toBe('withProcessOwner');
    });

    it('names every threshold a case crosses', async () => {
      const id = await submittedWith({ durationMonths: 18, needsResourcesOutsideUnit: true });
      const refused = await responsible.send(id, 'ACCEPT_LOCAL', {});
      expect(refused.status).toBe(422);
      expect(refused.body.thresholdsCrossed.map((t: { code: string }) => t.code)).toEqual(['outsideResources', 'duration']);
    });

    it('lets the case stay local once its estimates are corrected within the thresholds', async () => {
      const id = await submittedWith({ durationMonths: 9 });
      expect((await responsible.send(id, 'ACCEPT_LOCAL', {})).status).toBe(422);
      expect((await responsible.patch(`/api/cases/${id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, durationMonths: 5 } })).status).toBe(200);
      const accepted = await responsible.send(id, 'ACCEPT_LOCAL', {});
      expect(accepted.status).toBe(200);
      expect(accepted.body.state).toBe('localImprovement.plan');
    });

    it('answers someone who may not accept a case as local with the roles that may, when the thresholds allow it', async () => {
      const id = await submittedWith(null);
      const byLineManager = await lineManager.send(id, 'ACCEPT_LOCAL', {});
      expect(byLineManager.status).toBe(403);
      expect(byLineManager.body.detail).toBe("Only the process responsible of the case's process (or their deputy) may send ACCEPT_LOCAL to this case now.");
    });

    it('refuses a bad payload before anything else (400)', async () => {
      const id = await submittedWith({ durationMonths: 9 });
      const bad = await responsible.send(id, 'ACCEPT_LOCAL', { plan: '' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['payload.plan']);
    });
  });

  describe('ACCEPT_LOCAL is accepted when the case crosses no threshold', () => {
    it('right at the thresholds: 6 months and NOK 1 500 000 in all, within the unit, moving nothing', async () => {
      const id = await submittedWith({});
      const accepted = await responsible.send(id, 'ACCEPT_LOCAL', { plan: 'Prøv i egen enhet.' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.state).toBe('localImprovement.plan');
      expect(accepted.body.warnings).toEqual([]);
      const [event] = await c.api.db.query(`SELECT facts FROM workflow_event WHERE instance_id = $1 AND type = 'ACCEPT_LOCAL'`, [id]);
      expect(event.facts.localThresholdsCrossed).toEqual([]);
    });

    it('with no estimates yet: what is not known crosses nothing', async () => {
      const id = await submittedWith(null);
      expect((await responsible.get(`/api/cases/${id}`)).body.allowedEvents.map((e: { type: string }) => e.type)).toContain('ACCEPT_LOCAL');
      expect((await responsible.send(id, 'ACCEPT_LOCAL', {})).body.state).toBe('localImprovement.plan');
    });
  });

  describe('the scope rule: a case without a significant IT component', () => {
    let owner: Caller;
    beforeAll(async () => {
      owner = await c.as(DEMO_PERSONA.process_owner);
    });

    it('may be rejected at triage as out of scope, with that reason kept for the reporter', async () => {
      const id = await submittedWith(null, { significantItComponent: false });
      const rejected = await responsible.send(id, 'REJECT', { reason: 'out_of_scope_no_it_component', text: 'Ingen vesentlig IT-komponent: utenfor politikkens virkeområde.' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.state).toBe('rejected');
      const history = await lineManager.get(`/api/cases/${id}/history`);
      expect(history.body.items.at(-1)).toMatchObject({ type: 'REJECT', payload: { reason: 'out_of_scope_no_it_component' }, to: 'rejected' });
    });

    it('is escalated with a warning in the answer, and the process owner is told it is outside the scope', async () => {
      const id = await submittedWith(null, { significantItComponent: false });
      const escalated = await responsible.send(id, 'ESCALATE', { text: 'Prosesseier bør likevel se den.' });
      expect(escalated.status).toBe(200);
      expect(escalated.body.state).toBe('withProcessOwner');
      expect(escalated.body.warnings).toEqual([
        {
          code: 'out_of_scope_no_it_component',
          message:
            'The case is assessed as needing no significant IT component, and the policy for digitalisation and process development does not cover ' +
            'process development without one. It is escalated all the same, and the process owner is told so: it may be rejected as out of scope ' +
            '(REJECT with the reason out_of_scope_no_it_component) or returned to the process responsible.',
        },
      ]);
      const told = await c.api.db.query(`SELECT payload FROM workflow_outbox WHERE instance_id = $1 AND kind = 'notify' ORDER BY id`, [id]);
      expect(told.map((r: { payload: { template: string } }) => r.payload)).toContainEqual({ to: 'processOwner', template: 'caseEscalatedOutsideScope' });
      expect(told.map((r: { payload: { template: string } }) => r.payload.template)).not.toContain('caseEscalated');

      // The process owner may then reject it as out of scope.
      const rejected = await owner.send(id, 'REJECT', { reason: 'out_of_scope_no_it_component', text: 'Utenfor virkeområdet.' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.warnings).toEqual([]);
    });

    it('warns of nothing for a case whose IT component is significant or not assessed yet', async () => {
      for (const significantItComponent of [true, null]) {
        const id = await submittedWith(null, { significantItComponent });
        const escalated = await responsible.send(id, 'ESCALATE', { text: 'Videre.' });
        expect(escalated.body.warnings).toEqual([]);
        const told = await c.api.db.query(`SELECT payload FROM workflow_outbox WHERE instance_id = $1 AND kind = 'notify' ORDER BY id DESC LIMIT 1`, [id]);
        expect(told[0].payload).toEqual({ to: 'processOwner', template: 'caseEscalated' });
      }
    });
  });
});

describe('the thresholds for a local improvement, configured otherwise', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;

  beforeAll(async () => {
    c = await startCaseApi({}, (config) => ({ ...config, localImprovement: { maxMonths: 12, maxCostNok: 1_000_000 } }));
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
  });
  afterAll(() => c.close());

  async function acceptLocal(estimates: object) {
    const { id } = await lineManager.report();
    await lineManager.send(id, 'SUBMIT');
    expect((await responsible.patch(`/api/cases/${id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, ...estimates } })).status).toBe(200);
    return responsible.send(id, 'ACCEPT_LOCAL', {});
  }

  it('refuses a case of NOK 1 500 000 when the amount configured is NOK 1 000 000', async () => {
    const refused = await acceptLocal({});
    expect(refused.status).toBe(422);
    expect(refused.body.thresholdsCrossed).toEqual([{ code: 'cost', text: 'it costs NOK 1 500 000 in all, more than NOK 1 000 000' }]);
  });

  it('accepts a case of 9 months when 12 are configured, and refuses one of 13', async () => {
    const cheap = { costs: { oneOff: [{ description: 'Innføring', amountNok: 400_000 }], yearly: [] } };
    expect((await acceptLocal({ ...cheap, durationMonths: 9 })).status).toBe(200);
    const refused = await acceptLocal({ ...cheap, durationMonths: 13 });
    expect(refused.status).toBe(422);
    expect(refused.body.thresholdsCrossed).toEqual([{ code: 'duration', text: 'it runs for 13 months, longer than 12' }]);
  });
});
