import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { eventually, startWorkerStack, type WorkerStack } from '../worker/worker-support.js';
import { callerOf, CRITERIA, ok, proposedCase } from './round-support.js';

/**
 * A priority round from set-up to approval, on PostgreSQL, Redis and a worker: four council
 * members, twelve cases, a budget that forces trade-offs, a reminder to the member who has not
 * voted, voting closing at its deadline, a what-if scenario, the rector's approval, and every case
 * moved with its history showing the round (docs/priority-rounds.md).
 */

const SECRETARIAT = DEMO_PERSONA.programme_secretariat;
const RECTOR = DEMO_PERSONA.rector;

jest.setTimeout(180_000);

describe('a priority round, end to end', () => {
  let stack: WorkerStack;
  const members: { id: string; email: string }[] = [];
  const cases: { id: string; reference: string; oneOff: number }[] = [];

  const as = (email: string) => callerOf(stack, email);
  const footprint = async () =>
    Object.fromEntries(
      await Promise.all(
        ['priority_round', 'priority_round_candidate', 'priority_round_member', 'priority_round_vote', 'workflow_instance', 'workflow_event', 'workflow_outbox'].map(
          async (t) => [t, (await stack.api.db.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n],
        ),
      ),
    );

  beforeAll(async () => {
    stack = await startWorkerStack({
      // Reminded five seconds before voting closes; voting closes at the time the secretariat sets.
      votingReminder: { dueDate: 'closesAt', before: { seconds: 5 }, fallback: { seconds: 60 } },
    } as never);
    await stack.startWorker();
    const council = stack.demo.users.find((u) => u.email === DEMO_PERSONA.programme_council)!;
    members.push({ id: council.id, email: council.email });
    const unitId = stack.demo.units.find((u) => u.code === 'NV-IFI')!.id;
    for (const n of [2, 3, 4]) {
      const id = randomUUID();
      const email = `raadsmedlem${n}@universitet.example`;
      await stack.api.db.query(`INSERT INTO app_user (id, email, name, unit_id) VALUES ($1, $2, $3, $4)`, [id, email, `Rådsmedlem ${n}`, unitId]);
      await stack.api.db.query(`INSERT INTO role_assignment (user_id, role, scope_kind, valid_from) VALUES ($1, 'programme_council', 'global', current_date)`, [id]);
      members.push({ id, email });
    }
    // Twelve cases, 0.5 to 2.7 MNOK each in the plan year: a frame of 6 MNOK takes about half.
    for (let i = 0; i < 12; i++) cases.push({ ...(await proposedCase(stack, `Forbedring ${i + 1}`, 500_000 + i * 200_000)), oneOff: 500_000 + i * 200_000 });
  });
  afterAll(() => stack?.close());

  let roundId: string;

  it('lists the cases awaiting prioritisation as candidates, for the secretariat only', async () => {
    const listed = ok(await as(SECRETARIAT).get('/api/rounds/candidates')).body;
    expect(listed.items.map((c: { caseId: string }) => c.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
    expect((await as(members[0]!.email).get('/api/rounds/candidates')).status).toBe(403);
  });

  it('refuses a set-up by anyone but the secretariat, and bad set-ups naming the field, writing nothing', async () => {
    const before = await footprint();
    const body = { title: 'Utviklingsplan 2027', planYear: 2027, budget: [{ year: 2027, amountNok: 6_000_000 }] };
    expect((await as(members[0]!.email).post('/api/rounds', body)).status).toBe(403);
    const bad = await as(SECRETARIAT).post('/api/rounds', { ...body, candidates: [{ caseId: randomUUID() }], memberIds: [stack.demo.users.find((u) => u.email === DEMO_PERSONA.employee)!.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['candidates[0].caseId', 'memberIds[0]']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'memberIds[0]').reason).toMatch(/not a member of the programme council/);
    expect(await footprint()).toEqual(before);
  });

  it('sets up the round in draft; voting cannot open before members are named, and says so', async () => {
    const created = ok(
      await as(SECRETARIAT).post('/api/rounds', {
        title: 'Utviklingsplan 2027',
        planYear: 2027,
        boardDecision: 'Styresak 45/26',
        budget: [
          { year: 2027, amountNok: 6_000_000 },
          { year: 2028, amountNok: 1_500_000 },
        ],
        candidates: cases.map((c, i) => ({ caseId: c.id, mandatory: i === 11 })),
        dependencies: [{ caseId: cases[1]!.id, requires: cases[0]!.id }],
        alternatives: [[cases[2]!.id, cases[3]!.id]],
      }),
      201,
    ).body;
    roundId = created.id;
    expect(created).toMatchObject({ state: 'draft', planYear: 2027, quorum: 2 / 3, criteria: expect.any(Array) });
    expect(created.criteria.map((c: { key: string }) => c.key)).toEqual(CRITERIA);
    // Cost per year from each case's assessment: the one-off cost in the plan year, the yearly cost after.
    expect(created.candidates.find((c: { caseId: string }) => c.caseId === cases[0]!.id).costByYear).toEqual([
      { year: 2027, amountNok: 500_000 },
      { year: 2028, amountNok: 100_000 },
    ]);
    expect(created.blockedEvents).toEqual([{ type: 'OPEN', reason: 'the round is not ready for voting: add council members, then open it' }]);
    const refused = await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'OPEN', payload: { closesAt: new Date(Date.now() + 60_000).toISOString() } });
    expect(refused.status).toBe(422);
    const updated = ok(await as(SECRETARIAT).patch(`/api/rounds/${roundId}`, { memberIds: members.map((m) => m.id) })).body;
    expect(updated.members.map((m: { id: string }) => m.id).sort()).toEqual(members.map((m) => m.id).sort());
    expect(updated.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['CANCEL', 'OPEN']);
  });

  it('opens voting; members vote (one declares a conflict), one does not and alone is reminded; ballots stay hidden', async () => {
    const past = await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'OPEN', payload: { closesAt: '2020-01-01T12:00:00+01:00' } });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'payload.closesAt', reason: 'must be in the future: voting closes then' }]);
    const opened = ok(await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'OPEN', payload: { closesAt: new Date(Date.now() + 20_000).toISOString() } })).body;
    expect(opened.state).toBe('open');
    expect((await as(SECRETARIAT).patch(`/api/rounds/${roundId}`, { title: 'For sent' })).status).toBe(422);

    // Member 1 is conflicted for case 5 and is left out of its tally.
    ok(await as(members[0]!.email).post(`/api/rounds/${roundId}/conflicts`, { caseId: cases[4]!.id, reason: 'Min enhet meldte saken' }));
    const score = (caseIndex: number, memberIndex: number) => Object.fromEntries(CRITERIA.map((k, j) => [k, (caseIndex + memberIndex + j) % 6]));
    for (const [m, member] of members.slice(0, 3).entries()) {
      const votes = cases.flatMap((c, i) => (m === 0 && i === 4 ? [] : [{ caseId: c.id, scores: score(i, m), comment: i === 0 ? 'Viktig' : null }]));
      const saved = ok(await as(member.email).put(`/api/rounds/${roundId}/ballot`, { votes })).body;
      expect(saved.complete).toBe(true);
    }
    const conflicted = await as(members[0]!.email).put(`/api/rounds/${roundId}/ballot`, { votes: [{ caseId: cases[4]!.id, scores: score(4, 0) }] });
    expect(conflicted.status).toBe(400);
    expect(conflicted.body.errors[0].reason).toMatch(/conflict of interest/);
    const partial = await as(members[3]!.email).put(`/api/rounds/${roundId}/ballot`, { votes: [{ caseId: cases[0]!.id, scores: { userValue: 3 } }] });
    expect(partial.status).toBe(400);
    expect(partial.body.errors.map((e: { field: string }) => e.field)).toContain('votes[0].scores.quality');
    expect((await as(SECRETARIAT).put(`/api/rounds/${roundId}/ballot`, { votes: [{ caseId: cases[0]!.id, scores: score(0, 0) }] })).status).toBe(403);
    expect((await as(members[1]!.email).get(`/api/rounds/${roundId}/ballots`)).status).toBe(422);
    // The ballot waits in the inbox of the member who has not voted, and no longer in the others'.
    const waiting = ok(await as(members[3]!.email).get('/api/inbox')).body.otherWork;
    expect(waiting).toEqual([expect.objectContaining({ workflowId: 'priority-round', instanceId: roundId, task: { nb: 'Gi poeng til sakene', en: 'Score the cases' }, dueAt: expect.any(String) })]);
    expect(ok(await as(members[0]!.email).get('/api/inbox')).body.otherWork).toEqual([]);

    const reminded = await eventually(async () => {
      const rows = await stack.api.db.query(`SELECT user_id FROM notification WHERE instance_id = $1 AND template = 'votingReminder'`, [roundId]);
      return rows.length > 0 ? rows : null;
    }, 'the voting reminder', 30_000);
    expect(reminded.map((r: { user_id: string }) => r.user_id)).toEqual([members[3]!.id]);
  });

  it('closes by itself at its deadline with the quorum; then every ballot is visible', async () => {
    const closed = await eventually(async () => {
      const round = ok(await as(SECRETARIAT).get(`/api/rounds/${roundId}`)).body;
      return round.state === 'closed' ? round : null;
    }, 'voting to close at its deadline', 40_000);
    expect(closed.context.votingClosedBy).toBe('deadline');
    expect(closed.quorumStatus).toEqual({ members: 4, voted: 3, required: 3, reached: true });
    expect((await as(members[3]!.email).put(`/api/rounds/${roundId}/ballot`, { votes: [] })).status).toBe(400);
    const ballots = ok(await as(members[1]!.email).get(`/api/rounds/${roundId}/ballots`)).body;
    expect(ballots.items).toHaveLength(4);
  });

  let baselineId: string;

  it('selects the best portfolio within every year’s frame, explains each case, and shows greedy beside it; the conflict left member 1 out of case 5', async () => {
    const scenarios = ok(await as(members[2]!.email).get(`/api/rounds/${roundId}/scenarios`)).body;
    const [baseline] = scenarios.items;
    baselineId = baseline.id;
    expect(baseline.baseline).toBe(true);
    const { selection, tally, explanations } = baseline.result;
    expect(selection.outcome).toBe('portfolio');
    expect(selection.status).toBe('optimal');
    for (const year of selection.spending) expect(year.spent).toBeLessThanOrEqual(year.budget);
    expect(selection.selected).toContain(cases[11]!.id); // mandatory
    expect(selection.selected.includes(cases[1]!.id) ? selection.selected.includes(cases[0]!.id) : true).toBe(true);
    expect(selection.selected.filter((id: string) => id === cases[2]!.id || id === cases[3]!.id).length).toBeLessThanOrEqual(1);
    expect(selection.greedy.scoreDifference).toBeGreaterThanOrEqual(0);
    expect(explanations).toHaveLength(12);
    for (const e of explanations) expect(e.nb.length).toBeGreaterThan(5);
    expect(tally.cases.find((c: { caseId: string }) => c.caseId === cases[4]!.id).voters).toBe(2);
    expect(tally.cases.find((c: { caseId: string }) => c.caseId === cases[0]!.id).voters).toBe(3);
    expect(selection.selected.length).toBeLessThan(12);
  });

  it('runs a what-if scenario with a bigger frame, without touching the ballots, and compares it side by side', async () => {
    const votesBefore = (await stack.api.db.query(`SELECT count(*)::int AS n, max(updated_at) AS at FROM priority_round_vote WHERE round_id = $1`, [roundId]))[0];
    const bigger = ok(
      await as(SECRETARIAT).post(`/api/rounds/${roundId}/scenarios`, {
        name: 'Med 3 MNOK mer i 2027',
        budget: [
          { year: 2027, amountNok: 9_000_000 },
          { year: 2028, amountNok: 1_500_000 },
        ],
      }),
    ).body;
    expect(bigger.items).toHaveLength(2);
    const [base, whatIf] = bigger.items;
    expect(whatIf.result.selection.selected.length).toBeGreaterThanOrEqual(base.result.selection.selected.length);
    expect(whatIf.result.selection.totalScore).toBeGreaterThanOrEqual(base.result.selection.totalScore);
    expect(bigger.comparison).toHaveLength(12);
    expect(bigger.comparison.find((c: { caseId: string }) => c.caseId === cases[11]!.id).selectedIn.sort()).toEqual([base.id, whatIf.id].sort());
    expect((await stack.api.db.query(`SELECT count(*)::int AS n, max(updated_at) AS at FROM priority_round_vote WHERE round_id = $1`, [roundId]))[0]).toEqual(votesBefore);
    expect((await as(members[0]!.email).post(`/api/rounds/${roundId}/scenarios`, { name: 'Mitt forslag' })).status).toBe(403);
  });

  it('only the secretariat recommends and only the rector decides; a returned recommendation goes back with the reason', async () => {
    expect((await as(RECTOR).post(`/api/rounds/${roundId}/events`, { type: 'RECOMMEND', payload: { scenarioId: baselineId } })).status).toBe(403);
    const unknown = await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'RECOMMEND', payload: { scenarioId: randomUUID() } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'payload.scenarioId', reason: 'is not a scenario of this round' }]);
    const recommended = ok(await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'RECOMMEND', payload: { scenarioId: baselineId, note: 'Rådets oppsett' } })).body;
    expect(recommended).toMatchObject({ state: 'recommended', recommendedScenarioId: baselineId });
    expect(ok(await as(RECTOR).get('/api/inbox')).body.otherWork.map((w: { instanceId: string; task: { en: string } }) => [w.instanceId, w.task.en])).toEqual([
      [roundId, 'Approve the prioritisation, or return it'],
    ]);
    expect((await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'APPROVE', payload: {} })).status).toBe(403);
    expect((await as(SECRETARIAT).post(`/api/rounds/${roundId}/scenarios`, { name: 'For sent' })).status).toBe(422);
    const returned = ok(await as(RECTOR).post(`/api/rounds/${roundId}/events`, { type: 'RETURN', payload: { reason: 'Se på sak 3 igjen' } })).body;
    expect(returned.state).toBe('closed');
    expect(returned.recommendedScenarioId).toBeNull();
    expect(returned.context.returns).toEqual([{ scenarioId: baselineId, reason: 'Se på sak 3 igjen', by: stack.demo.users.find((u) => u.email === RECTOR)!.id }]);
    const told = await eventually(
      async () => {
        const rows = await stack.api.db.query(`SELECT user_id FROM notification WHERE instance_id = $1 AND template = 'roundReturned'`, [roundId]);
        return rows.length > 0 ? rows : null;
      },
      'the secretariat to be told',
      30_000,
    );
    expect(told.map((r: { user_id: string }) => r.user_id)).toEqual([stack.demo.users.find((u) => u.email === SECRETARIAT)!.id]);
  });

  it('the secretariat declines one left-out case and recommends the council’s portfolio; the rector approves; every case is moved with the round in its history', async () => {
    const base = ok(await as(SECRETARIAT).get(`/api/rounds/${roundId}/scenarios`)).body.items[0];
    const leftOut = cases.filter((c) => !base.result.selection.selected.includes(c.id));
    const declined = leftOut[0]!;
    ok(await as(SECRETARIAT).put(`/api/rounds/${roundId}/candidates/${declined.id}/outcome`, { ifLeftOut: 'decline', declineReason: 'Dekkes av fellesløsning' }));
    expect((await as(RECTOR).post(`/api/rounds/${roundId}/events`, { type: 'RECOMMEND', payload: { scenarioId: baselineId } })).status).toBe(403);
    const recommended = ok(await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'RECOMMEND', payload: { scenarioId: baselineId, note: 'Rådets oppsett' } })).body;
    expect(recommended.state).toBe('recommended');
    expect((await as(SECRETARIAT).post(`/api/rounds/${roundId}/events`, { type: 'APPROVE', payload: {} })).status).toBe(403);
    const approved = ok(await as(RECTOR).post(`/api/rounds/${roundId}/events`, { type: 'APPROVE', payload: { note: 'Godkjent' } })).body;
    expect(approved.state).toBe('approved');

    const selected = new Set<string>(base.result.selection.selected);
    const states = await eventually(async () => {
      const rows = await stack.api.db.query(`SELECT id, state FROM improvement_case WHERE id = ANY($1::uuid[])`, [cases.map((c) => c.id)]);
      const moved = rows.every((r: { id: string; state: string }) => (selected.has(r.id) ? r.state === 'inRealisation' : r.id === declined.id ? r.state === 'declined' : true));
      const deferred = await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_event WHERE type = 'DEFER' AND instance_id = ANY($1::uuid[])`, [cases.map((c) => c.id)]);
      return moved && deferred[0].n === leftOut.length - 1 ? rows : null;
    }, 'every case to be moved by the round', 30_000);
    expect(states).toHaveLength(12);

    const history = ok(await as(DEMO_PERSONA.process_owner).get(`/api/cases/${[...selected][0]}/history`)).body.items;
    const prioritised = history.find((e: { type: string }) => e.type === 'PRIORITISE');
    expect(prioritised.payload).toMatchObject({ roundId, roundTitle: 'Utviklingsplan 2027', score: expect.any(Number), explanation: expect.stringMatching(/.+/) });
    expect(prioritised.payload.allocation.byYear.map((y: { year: number }) => y.year)).toEqual([2027, 2028]);
    expect(prioritised.receivedFrom).toEqual({ instanceId: roundId, workflowId: 'priority-round' });
    const declinedHistory = ok(await as(DEMO_PERSONA.process_owner).get(`/api/cases/${declined.id}/history`)).body.items;
    expect(declinedHistory.find((e: { type: string }) => e.type === 'DECLINE').payload).toMatchObject({ roundId, reason: 'Dekkes av fellesløsning' });
    // The round let go of its candidates: the deferred ones may join the next round, listed first.
    const next = ok(await as(SECRETARIAT).get('/api/rounds/candidates')).body.items;
    expect(next.map((c: { caseId: string }) => c.caseId).sort()).toEqual(leftOut.filter((c) => c.id !== declined.id).map((c) => c.id).sort());
    expect(next.every((c: { deferredBefore: number }) => c.deferredBefore === 1)).toBe(true);
  });
});
