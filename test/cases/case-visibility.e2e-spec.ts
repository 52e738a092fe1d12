import { DEMO_PERSONA, DEMO_PERSONA_EXTRA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT, type CaseApi, type Caller, startCaseApi } from './case-support.js';

const MAIL = '@universitet.example';

/** Who sees which case, who may act as process responsible, and what waits in whose inbox. */
describe('case visibility and the inbox', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;
  let owner: Caller;
  let ifiCase: { id: string };

  const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((i) => i.id);
  const listed = async (caller: Caller, id: string) => ids(await caller.get('/api/cases', { limit: '200' })).includes(id);

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
    owner = await c.as(DEMO_PERSONA.process_owner);
    ifiCase = await lineManager.report({ title: 'Synlighet' });
    await lineManager.send(ifiCase.id, 'SUBMIT');
  });
  afterAll(() => c.close());

  it('hides a case of NV-IFI from the line manager of another faculty: 404, and not listed', async () => {
    const liv = await c.as(DEMO_PERSONA_EXTRA.otherLineManager);
    expect((await liv.get(`/api/cases/${ifiCase.id}`)).status).toBe(404);
    expect(await listed(liv, ifiCase.id)).toBe(false);
  });

  it('shows it to the dean above the department', async () => {
    const dean = await c.as(DEMO_PERSONA_EXTRA.facultyLineManager);
    expect((await dean.get(`/api/cases/${ifiCase.id}`)).body.myRoles).toEqual(['lineManager']);
    expect(await listed(dean, ifiCase.id)).toBe(true);
  });

  it('shows it to the process roles of its process (adviser, team) but not to those of another process', async () => {
    const adviser = await c.as(DEMO_PERSONA.process_adviser);
    const detail = await adviser.get(`/api/cases/${ifiCase.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.allowedEvents).toEqual([]);
    const teamMember = await c.as(DEMO_PERSONA_EXTRA.absentResponsible); // on the saksbehandling team
    expect((await teamMember.get(`/api/cases/${ifiCase.id}`)).status).toBe(200);
    for (const email of [`eirik.dahl${MAIL}`, `marit.lovas${MAIL}`, DEMO_PERSONA_EXTRA.admissionsOwner]) {
      const other = await c.as(email);
      expect((await other.get(`/api/cases/${ifiCase.id}`)).status).toBe(404);
      expect(await listed(other, ifiCase.id)).toBe(false);
    }
  });

  it('shows a case to the programme only once it is proposed to it; admins see it all along', async () => {
    const proposed = await lineManager.report({ title: 'Til programmet' });
    const secretariat = await c.as(DEMO_PERSONA.programme_secretariat);
    const council = await c.as(DEMO_PERSONA.programme_council);
    const rector = await c.as(DEMO_PERSONA.rector);
    const admin = await c.as(DEMO_PERSONA.admin);
    const seen = async () =>
      Promise.all([secretariat, council, rector].map(async (who) => (await who.get(`/api/cases/${proposed.id}`)).status));

    await lineManager.send(proposed.id, 'SUBMIT');
    await responsible.send(proposed.id, 'ESCALATE', { text: 'Stort tiltak' });
    expect(await seen()).toEqual([404, 404, 404]);
    expect(await listed(secretariat, proposed.id)).toBe(false);
    expect((await admin.get(`/api/cases/${proposed.id}`)).body.myRoles).toEqual([]);
    expect(await listed(admin, proposed.id)).toBe(true);

    await owner.patch(`/api/cases/${proposed.id}`, { costBenefit: COMPLETE_COST_BENEFIT });
    expect((await owner.send(proposed.id, 'PROPOSE_TO_PROGRAMME', {})).status).toBe(200);
    expect(await seen()).toEqual([200, 200, 200]);
    expect(await listed(council, proposed.id)).toBe(true);
    const asSecretariat = await secretariat.get(`/api/cases/${proposed.id}`);
    expect(asSecretariat.body.myRoles).toEqual(['programme']);
    // Only a priority round prioritises, defers or declines it now: nothing for the secretariat to send, nothing blocked either.
    expect(asSecretariat.body.allowedEvents).toEqual([]);
    expect(asSecretariat.body.blockedEvents).toEqual([]);
  });

  it('lets the deputy standing in act as process responsible for personvern, and records that they stood in', async () => {
    const privacy = await lineManager.report({ title: 'Personvern i saksbehandling', processId: c.processId(DEMO_PROCESS_CODES.privacySecurity) });
    await lineManager.send(privacy.id, 'SUBMIT');
    const deputy = await c.as(DEMO_PERSONA_EXTRA.standingInDeputy);
    const asked = await deputy.send(privacy.id, 'REQUEST_INFO', { question: 'Hvilke personopplysninger?' });
    expect(asked.status).toBe(200);
    expect(asked.body.state).toBe('awaitingInformation');
    const history = await deputy.get(`/api/cases/${privacy.id}/history`);
    expect(history.body.items.at(-1).authority).toEqual({
      role: 'processResponsible',
      basis: expect.stringMatching(/^deputy standing in for the process responsible for Personvern og informasjonssikkerhet during the holder's absence/),
    });
    // The process responsible of another process sees nothing of it.
    expect((await responsible.get(`/api/cases/${privacy.id}`)).status).toBe(200); // Siri is on the personvern team
    expect((await (await c.as(`guro.haugen${MAIL}`)).get(`/api/cases/${privacy.id}`)).status).toBe(404);
  });

  it("puts a case in the inbox of whoever must decide now, with its deadlines, and takes it out once they have", async () => {
    const waiting = await lineManager.report({ title: 'Innboks' });
    const inboxIds = async (caller: Caller) => (await caller.get('/api/inbox')).body.items.map((i: { case: { id: string } }) => i.case.id);

    expect(await inboxIds(lineManager)).toContain(waiting.id); // SUBMIT waits for him
    expect(await inboxIds(responsible)).not.toContain(waiting.id);

    await lineManager.send(waiting.id, 'SUBMIT');
    expect(await inboxIds(lineManager)).not.toContain(waiting.id); // only WITHDRAW left for him
    const inbox = await responsible.get('/api/inbox');
    const item = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === waiting.id);
    expect(item.allowedEvents.sort()).toEqual(['ACCEPT_LOCAL', 'ESCALATE', 'MERGE_INTO', 'REJECT', 'REQUEST_INFO']);
    expect(item.deadlines.map((d: { delayName: string }) => d.delayName)).toEqual(['responsibleReminder', 'ownerEscalation']);
    expect(item.nextDeadline).toBe(item.deadlines[0].dueAt);
    const deadlines = inbox.body.items.map((i: { nextDeadline: string | null }) => i.nextDeadline ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());

    const assigned = await responsible.get('/api/cases', { assignedToMe: 'true', limit: '200' });
    expect(ids(assigned).sort()).toEqual(inbox.body.items.map((i: { case: { id: string } }) => i.case.id).sort());

    await responsible.send(waiting.id, 'REQUEST_INFO', { question: 'Hvem bruker dette?' });
    expect(await inboxIds(responsible)).not.toContain(waiting.id);
    expect(await inboxIds(lineManager)).toContain(waiting.id); // PROVIDE_INFO waits for the reporter
  });

  it('rebuilds every case this file created from its event log, exactly as stored', async () => {
    const { checked, mismatched } = await c.replayAll();
    expect(checked).toBeGreaterThan(0);
    expect(mismatched).toEqual([]);
  });
});
