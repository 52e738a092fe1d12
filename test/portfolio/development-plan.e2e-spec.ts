import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { PDFParse } from 'pdf-parse';
import { DEMO_PERSONA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { JsonSchemaValidator } from '../fuzz/json-schema-validator.js';
import type { JsonSchema } from '../fuzz/openapi-document.js';
import { eventually, startWorkerStack, type WorkerStack } from '../worker/worker-support.js';
import { callerOf, CRITERIA, ok, proposedCase as proposedCaseOf } from './round-support.js';

/**
 * Two approved priority rounds on PostgreSQL, Redis and a worker — plan years 2027 and 2028, the
 * second taking up a case the first deferred — and the development plans they make, as JSON and
 * CSV, rolling forward; then the minutes of a round as a PDF (docs/priority-rounds.md, "The
 * development plan and the minutes").
 */

const SECRETARIAT = DEMO_PERSONA.programme_secretariat;
const RECTOR = DEMO_PERSONA.rector;
const COUNCIL = DEMO_PERSONA.programme_council;
const SECOND_MEMBER = 'raadsmedlem.aerlig@universitet.example';
const SECOND_MEMBER_NAME = 'Åsmund Ærlig-Øyen';

jest.setTimeout(180_000);

type TestCase = Awaited<ReturnType<typeof proposedCaseOf>>;

describe('the development plan and the minutes, end to end', () => {
  let stack: WorkerStack;
  const memberIds: string[] = [];

  const as = (email: string) => callerOf(stack, email);
  const proposedCase = (title: string, oneOff: number, strategicGoals: number[]) => proposedCaseOf(stack, title, oneOff, strategicGoals);

  /**
   * A round set up, voted on by both members (each case scored `scores[caseId]` on every criterion),
   * closed early, its baseline recommended and approved by the rector; resolves once every case
   * has received its decision.
   */
  async function approvedRound(setup: { title: string; planYear: number; budget: { year: number; amountNok: number }[]; cases: TestCase[]; decline?: TestCase }, scores: Record<string, number>) {
    const round = ok(
      await as(SECRETARIAT).post('/api/rounds', {
        ...setup,
        cases: undefined,
        decline: undefined,
        boardDecision: `Styresak ${setup.planYear}/12`,
        memberIds,
        candidates: setup.cases.map((c) => ({ caseId: c.id })),
      }),
      201,
    ).body;
    if (setup.decline) {
      ok(await as(SECRETARIAT).put(`/api/rounds/${round.id}/candidates/${setup.decline.id}/outcome`, { ifLeftOut: 'decline', declineReason: 'Dekkes av fakultetets egne midler.' }));
    }
    ok(await as(SECRETARIAT).post(`/api/rounds/${round.id}/events`, { type: 'OPEN', payload: { closesAt: new Date(Date.now() + 3_600_000).toISOString() } }));
    for (const email of [COUNCIL, SECOND_MEMBER]) {
      const votes = setup.cases.map((c) => ({ caseId: c.id, scores: Object.fromEntries(CRITERIA.map((k) => [k, scores[c.id]!])), comment: email === COUNCIL ? 'Godt begrunnet' : null }));
      ok(await as(email).put(`/api/rounds/${round.id}/ballot`, { votes }));
    }
    const early = await as(COUNCIL).file(`/api/rounds/${round.id}/minutes`);
    expect(early.status).toBe(422);
    expect(early.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(early.body.toString('utf8')).detail).toMatch(/minutes show every ballot, so they are made once voting has closed/);
    ok(await as(SECRETARIAT).post(`/api/rounds/${round.id}/events`, { type: 'CLOSE_VOTING', payload: {} }));
    const [baseline] = ok(await as(SECRETARIAT).get(`/api/rounds/${round.id}/scenarios`)).body.items;
    ok(await as(SECRETARIAT).post(`/api/rounds/${round.id}/events`, { type: 'RECOMMEND', payload: { scenarioId: baseline.id, note: 'Programrådets oppsett' } }));
    const approved = ok(await as(RECTOR).post(`/api/rounds/${round.id}/events`, { type: 'APPROVE', payload: { note: 'Vedtatt i rektormøtet' } })).body;
    expect(approved.state).toBe('approved');
    await eventually(
      async () => {
        const [row] = await stack.api.db.query(
          `SELECT count(*)::int AS sent, count(delivered_event_id)::int AS delivered FROM workflow_message WHERE from_instance_id = $1 AND kind = 'event'`,
          [round.id],
        );
        return row.sent === setup.cases.length && row.delivered === row.sent;
      },
      `every case of ${setup.title} to receive its decision`,
      60_000,
    );
    return { id: round.id as string, reference: round.reference as string, title: setup.title, selected: baseline.result.selection.selected as string[] };
  }

  beforeAll(async () => {
    stack = await startWorkerStack({});
    await stack.startWorker();
    memberIds.push(stack.demo.users.find((u) => u.email === COUNCIL)!.id);
    const id = randomUUID();
    await stack.api.db.query(`INSERT INTO app_user (id, email, name, unit_id) VALUES ($1, $2, $3, $4)`, [id, SECOND_MEMBER, SECOND_MEMBER_NAME, stack.demo.units.find((u) => u.code === 'NV-IFI')!.id]);
    await stack.api.db.query(`INSERT INTO role_assignment (user_id, role, scope_kind, valid_from) VALUES ($1, 'programme_council', 'global', current_date)`, [id]);
    memberIds.push(id);
  });
  afterAll(() => stack?.close());

  let a: TestCase, b: TestCase, c: TestCase, d: TestCase, e: TestCase;
  let first: Awaited<ReturnType<typeof approvedRound>>;
  let second: Awaited<ReturnType<typeof approvedRound>>;

  it('2027: the first round prioritises two cases, defers one and declines one; the plan holds the two and carries the deferred one over', async () => {
    a = await proposedCase('Digital søknad; «ny» løsning', 600_000, [1, 2]);
    b = await proposedCase('Automatisk purring', 500_000, [9]);
    c = await proposedCase('Felles saksarkiv', 900_000, [2]);
    d = await proposedCase('Ny timeplanvisning', 400_000, []);
    first = await approvedRound(
      {
        title: 'Utviklingsplan 2027',
        planYear: 2027,
        budget: [
          { year: 2027, amountNok: 1_200_000 },
          { year: 2028, amountNok: 500_000 },
        ],
        cases: [a, b, c, d],
        decline: d,
      },
      { [a.id]: 5, [b.id]: 4, [c.id]: 3, [d.id]: 1 },
    );
    expect(first.selected.sort()).toEqual([a.id, b.id].sort());

    // Everyone signed in reads the plan: it is the university's published plan.
    const plan = ok(await as(DEMO_PERSONA.employee).get('/api/development-plans/2027')).body;
    expect(plan).toMatchObject({ year: 2027, discountRate: stack.config.costBenefit.discountRate });
    expect(plan.rounds).toEqual([{ id: first.id, reference: first.reference, title: 'Utviklingsplan 2027', planYear: 2027, approvedAt: expect.any(String) }]);
    expect(plan.items.map((i: { reference: string }) => i.reference)).toEqual([a.reference, b.reference]);
    expect(plan.items[0]).toMatchObject({
      caseId: a.id,
      title: 'Digital søknad; «ny» løsning',
      process: { id: stack.demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id, name: expect.any(String) },
      round: { id: first.id, reference: first.reference, planYear: 2027 },
      carriedForward: false,
      score: 5,
      explanation: expect.stringContaining('Valgt'),
      allocation: {
        amountNok: 700_000,
        byYear: [
          { year: 2027, amountNok: 600_000 },
          { year: 2028, amountNok: 100_000 },
        ],
      },
      allocationInYearNok: 600_000,
      // 600 000 once, 100 000 a year for five years.
      totalCostNok: 1_100_000,
      strategicGoals: [1, 2],
      state: 'inRealisation',
      stateLabel: { nb: 'Under realisering (prosjekt)', en: 'In realisation (project)' },
    });
    expect(plan.items[0].netPresentValueNok).toEqual(expect.any(Number));
    expect(plan.items[0].presentValueBenefitsNok).toBeGreaterThan(0);
    expect(plan.totals).toEqual({
      amountNok: 1_300_000,
      byYear: [
        { year: 2027, amountNok: 1_100_000 },
        { year: 2028, amountNok: 200_000 },
      ],
    });
    // The declined case is in no plan; the deferred one waits for the next round.
    expect(plan.carriedOver).toEqual([
      expect.objectContaining({ caseId: c.id, reference: c.reference, score: 3, state: 'awaitingPrioritisation', candidateIn: null, deferredBy: expect.objectContaining({ id: first.id }) }),
    ]);
    expect(plan.carriedOver[0].reason).toMatch(/Utviklingsplan 2027/);
  });

  it('2028: the second round takes up the deferred case; 2028 carries 2027’s projects forward, 2027 no longer carries the case over, 2029 holds what runs into it', async () => {
    e = await proposedCase('Stort nytt fagsystem', 2_000_000, [4]);
    const candidates = ok(await as(SECRETARIAT).get('/api/rounds/candidates')).body.items;
    expect(candidates[0]).toMatchObject({ caseId: c.id, deferredBefore: 1 });
    second = await approvedRound(
      {
        title: 'Utviklingsplan 2028',
        planYear: 2028,
        budget: [
          { year: 2028, amountNok: 1_500_000 },
          { year: 2029, amountNok: 500_000 },
        ],
        cases: [c, e],
      },
      { [c.id]: 4, [e.id]: 2 },
    );
    expect(second.selected).toEqual([c.id]);

    const plan2028 = ok(await as(DEMO_PERSONA.employee).get('/api/development-plans/2028')).body;
    expect(plan2028.rounds.map((r: { id: string }) => r.id)).toEqual([second.id]);
    expect(plan2028.items.map((i: { reference: string; round: { id: string }; carriedForward: boolean; allocationInYearNok: number }) => [i.reference, i.round.id, i.carriedForward, i.allocationInYearNok])).toEqual([
      [c.reference, second.id, false, 900_000],
      [a.reference, first.id, true, 100_000],
      [b.reference, first.id, true, 100_000],
    ]);
    expect(plan2028.carriedOver.map((x: { caseId: string }) => x.caseId)).toEqual([e.id]);
    expect(plan2028.totals.byYear).toEqual([
      { year: 2028, amountNok: 1_100_000 },
      { year: 2029, amountNok: 100_000 },
    ]);

    const plan2027 = ok(await as(DEMO_PERSONA.employee).get('/api/development-plans/2027')).body;
    expect(plan2027.items.map((i: { reference: string }) => i.reference)).toEqual([a.reference, b.reference]);
    expect(plan2027.carriedOver).toEqual([]);

    const plan2029 = ok(await as(DEMO_PERSONA.employee).get('/api/development-plans/2029')).body;
    expect(plan2029.rounds).toEqual([]);
    expect(plan2029.items.map((i: { reference: string }) => i.reference)).toEqual([c.reference]);

    const bad = await as(DEMO_PERSONA.employee).get('/api/development-plans/tjuetjue');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'year', reason: 'must be a whole number' }]);
    expect((await as(DEMO_PERSONA.employee).get('/api/development-plans/1999')).body.errors).toEqual([{ field: 'year', reason: 'must be at least 2000' }]);
    expect((await stack.api.http.get('/api/development-plans/2028')).status).toBe(401);
  });

  it('the plan as CSV: UTF-8 with a byte order mark, semicolons, whole kroner without separators, quoted titles; prioritised rows, then the carried over', async () => {
    const csv = ok(await as(DEMO_PERSONA.employee).file('/api/development-plans/2028/csv'));
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename="utviklingsplan-2028.csv"');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csv.body.toString('utf8').slice(1).split('\r\n');
    const header = records[0]!.split(';');
    expect(header.slice(0, 4)).toEqual(['Del', 'Saksnummer', 'Tittel', 'Prosess']);
    expect(header).toEqual(expect.arrayContaining(['Bevilgning 2027 (kr)', 'Bevilgning 2028 (kr)', 'Bevilgning 2029 (kr)', 'Netto nåverdi (kr)']));
    expect(records.map((r) => r.split(';')[1])).toEqual(['Saksnummer', c.reference, a.reference, b.reference, e.reference, undefined]);
    expect(records[1]).toMatch(new RegExp(`^Prioritert;${c.reference};Felles saksarkiv;[^;]+;${second.reference};Utviklingsplan 2028;2028;\\d{4}-\\d{2}-\\d{2};Nei;Under realisering \\(prosjekt\\);4;`));
    expect(records[2]).toContain(`Prioritert;${a.reference};"Digital søknad; «ny» løsning";`);
    expect(records[2]).toContain(';Ja;');
    expect(records[4]).toMatch(new RegExp(`^Utsatt, venter på prioritering;${e.reference};`));

    const csv2027 = ok(await as(DEMO_PERSONA.rector).file('/api/development-plans/2027/csv'));
    expect(csv2027.body.toString('utf8').split('\r\n').filter((r) => r.startsWith('Prioritert;'))).toHaveLength(2);
  });

  it('answers as the OpenAPI description documents: the plan by its schema, the CSV and the PDF by their media types', async () => {
    type Answer = { content?: Record<string, { schema?: JsonSchema }> };
    const doc = (await stack.api.http.get('/docs-json')).body as { paths: Record<string, { get: { responses: Record<string, Answer> } }> };
    const answer = (path: string) => doc.paths[path]!.get.responses['200']!;
    const schema = answer('/api/development-plans/{year}').content!['application/json']!.schema!;
    const validator = new JsonSchemaValidator(doc);
    for (const year of [2026, 2027, 2028, 2029]) {
      expect(validator.errors(ok(await as(DEMO_PERSONA.employee).get(`/api/development-plans/${year}`)).body, schema)).toEqual([]);
    }
    expect(Object.keys(answer('/api/development-plans/{year}/csv').content!)).toEqual(['text/csv; charset=utf-8']);
    expect(Object.keys(answer('/api/rounds/{id}/minutes').content!)).toEqual(['application/pdf']);
  });

  it('the minutes of the first round: a PDF in bokmål with the round, its members, the cases and the approval; hidden from those who may not see the round', async () => {
    const minutes = ok(await as(COUNCIL).file(`/api/rounds/${first.id}/minutes`));
    expect(minutes.type).toBe('application/pdf');
    expect(minutes.disposition).toBe(`attachment; filename="${first.reference}-protokoll.pdf"`);
    expect(minutes.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(minutes.body) });
    try {
      // Lines wrap where the page ends them.
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      for (const expected of [
        'Protokoll: Utviklingsplan 2027',
        first.reference,
        'Styresak 2027/12',
        SECOND_MEMBER_NAME,
        stack.demo.users.find((u) => u.email === COUNCIL)!.name,
        a.reference,
        d.reference,
        'Godt begrunnet',
        'Anbefalt portefølje',
        'Dekkes av fakultetets egne midler.',
        'Vedtatt i rektormøtet',
        'Godkjent av rektor',
      ]) {
        expect(text).toContain(expected);
      }
    } finally {
      await parser.destroy();
    }
    expect((await as(DEMO_PERSONA.employee).file(`/api/rounds/${first.id}/minutes`)).status).toBe(404);
    expect((await as(COUNCIL).file(`/api/rounds/${randomUUID()}/minutes`)).status).toBe(404);
  });
});
