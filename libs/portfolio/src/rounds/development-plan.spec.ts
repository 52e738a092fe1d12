import { type CostBenefitAssessment, costBenefitFigures } from '#flyt/cases';
import { assembleDevelopmentPlan, type DeliveredDecision, developmentPlanCsv, type PlanCase, type PlanRound } from './development-plan.js';

const R2027: PlanRound = { id: 'r1', reference: 'RUNDE-1', title: 'Utviklingsplan 2027', planYear: 2027, approvedAt: '2026-12-15T10:00:00.000Z' };
const R2028: PlanRound = { id: 'r2', reference: 'RUNDE-2', title: 'Utviklingsplan 2028', planYear: 2028, approvedAt: '2027-12-14T10:00:00.000Z' };
const RATE = 0.04;

const ASSESSMENT: CostBenefitAssessment = {
  values: [{ description: 'Spart tid', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 400_000, yearlyHours: null, firstYear: 1 }],
  costs: { oneOff: [{ description: 'Innføring', amountNok: 500_000, year: 0 }], yearly: [{ description: 'Drift', amountNok: 100_000, firstYear: 1 }] },
  costShifts: [],
  contributors: [],
  horizonYears: 5,
  durationMonths: null,
  needsResourcesOutsideUnit: null,
};

function theCase(id: string, state: string, overrides: Partial<PlanCase> = {}): PlanCase {
  return {
    id,
    reference: `FLYT-2026-000${id}`,
    title: `Sak ${id}`,
    state,
    stateLabel: { nb: `nb:${state}`, en: `en:${state}` },
    process: { id: 'p1', name: 'Saksbehandling' },
    strategicGoals: [2, 9],
    costBenefit: ASSESSMENT,
    candidateIn: null,
    ...overrides,
  };
}

const prioritise = (caseId: string, round: PlanRound, score: number, byYear: [number, number][]): DeliveredDecision => ({
  type: 'PRIORITISE',
  caseId,
  round,
  occurredAt: round.approvedAt,
  payload: {
    roundId: round.id,
    roundTitle: round.title,
    score,
    explanation: `Valgt, med poengsum ${score}.`,
    allocation: { amountNok: byYear.reduce((sum, [, a]) => sum + a, 0), byYear: byYear.map(([year, amountNok]) => ({ year, amountNok })) },
  },
});
const defer = (caseId: string, round: PlanRound, score: number | null): DeliveredDecision => ({
  type: 'DEFER',
  caseId,
  round,
  occurredAt: round.approvedAt,
  payload: { roundId: round.id, roundTitle: round.title, score, explanation: 'Ikke med på grunn av budsjettet.', reason: `Ikke med i porteføljen til ${round.title}.` },
});

// Round 2027 prioritises 1 (money until 2029) and 2 (2027 only), defers 3 and 4; round 2028 then prioritises 3 and defers 5.
const FIRST_ROUND = [
  prioritise('1', R2027, 3.5, [
    [2027, 500_000],
    [2028, 100_000],
    [2029, 100_000],
  ]),
  prioritise('2', R2027, 4.25, [[2027, 300_000]]),
  defer('3', R2027, 2.5),
  defer('4', R2027, 1.75),
];
const SECOND_ROUND = [prioritise('3', R2028, 3, [[2028, 800_000]]), defer('5', R2028, 1)];

const casesBetweenRounds = new Map(
  [theCase('1', 'inRealisation'), theCase('2', 'inRealisation'), theCase('3', 'awaitingPrioritisation', { candidateIn: { id: 'r2', reference: 'RUNDE-2', title: 'Utviklingsplan 2028' } }), theCase('4', 'awaitingPrioritisation')].map(
    (c) => [c.id, c],
  ),
);
const casesAfter = new Map(
  [
    theCase('1', 'inRealisation'),
    theCase('2', 'benefitsFollowUp'),
    theCase('3', 'inRealisation'),
    theCase('4', 'awaitingPrioritisation'),
    theCase('5', 'awaitingPrioritisation'),
  ].map((c) => [c.id, c]),
);

describe('the development plan', () => {
  it('holds the cases the year’s round prioritised with their allocation and key figures, and the deferred cases still waiting', () => {
    const plan = assembleDevelopmentPlan(2027, FIRST_ROUND, casesBetweenRounds, RATE);
    expect(plan.rounds).toEqual([R2027]);
    // Best scored first.
    expect(plan.items.map((i) => i.caseId)).toEqual(['2', '1']);
    const figures = costBenefitFigures(ASSESSMENT, RATE)!;
    expect(plan.items[1]).toEqual({
      caseId: '1',
      reference: 'FLYT-2026-0001',
      title: 'Sak 1',
      process: { id: 'p1', name: 'Saksbehandling' },
      round: R2027,
      carriedForward: false,
      score: 3.5,
      explanation: 'Valgt, med poengsum 3.5.',
      allocation: {
        amountNok: 700_000,
        byYear: [
          { year: 2027, amountNok: 500_000 },
          { year: 2028, amountNok: 100_000 },
          { year: 2029, amountNok: 100_000 },
        ],
      },
      allocationInYearNok: 500_000,
      // 500 000 once and 100 000 in each of the five years.
      totalCostNok: 1_000_000,
      presentValueBenefitsNok: figures.presentValueBenefitsNok,
      netPresentValueNok: figures.netPresentValueNok,
      paybackYears: figures.paybackYears,
      strategicGoals: [2, 9],
      state: 'inRealisation',
      stateLabel: { nb: 'nb:inRealisation', en: 'en:inRealisation' },
    });
    expect(plan.totals).toEqual({
      amountNok: 1_000_000,
      byYear: [
        { year: 2027, amountNok: 800_000 },
        { year: 2028, amountNok: 100_000 },
        { year: 2029, amountNok: 100_000 },
      ],
    });
    expect(plan.carriedOver.map((c) => [c.caseId, c.score, c.candidateIn?.reference ?? null])).toEqual([
      ['3', 2.5, 'RUNDE-2'],
      ['4', 1.75, null],
    ]);
    expect(plan.carriedOver[0]).toMatchObject({ deferredBy: R2027, reason: 'Ikke med i porteføljen til Utviklingsplan 2027.', state: 'awaitingPrioritisation' });
  });

  it('rolls forward: a later plan carries the earlier projects with money in its year, and its own round’s decisions come first', () => {
    const decisions = [...FIRST_ROUND, ...SECOND_ROUND];
    const plan2028 = assembleDevelopmentPlan(2028, decisions, casesAfter, RATE);
    expect(plan2028.rounds).toEqual([R2028]);
    expect(plan2028.items.map((i) => [i.caseId, i.round.reference, i.carriedForward, i.allocationInYearNok])).toEqual([
      ['3', 'RUNDE-2', false, 800_000],
      ['1', 'RUNDE-1', true, 100_000],
    ]);
    // Case 2 spent its money in 2027; case 4 was deferred for 2027, not by the 2028 round.
    expect(plan2028.carriedOver.map((c) => c.caseId)).toEqual(['5']);
    // Only the money from the plan year on.
    expect(plan2028.totals.byYear).toEqual([
      { year: 2028, amountNok: 900_000 },
      { year: 2029, amountNok: 100_000 },
    ]);

    const plan2029 = assembleDevelopmentPlan(2029, decisions, casesAfter, RATE);
    expect(plan2029.rounds).toEqual([]);
    expect(plan2029.items.map((i) => i.caseId)).toEqual(['1']);
    expect(plan2029.carriedOver).toEqual([]);
    expect(assembleDevelopmentPlan(2030, decisions, casesAfter, RATE).items).toEqual([]);
    expect(assembleDevelopmentPlan(2026, decisions, casesAfter, RATE)).toMatchObject({ rounds: [], items: [], carriedOver: [], totals: { amountNok: 0, byYear: [] } });
  });

  it('leaves a deferred case out of its year’s carried-over cases once a later round has prioritised it', () => {
    const plan = assembleDevelopmentPlan(2027, [...FIRST_ROUND, ...SECOND_ROUND], casesAfter, RATE);
    expect(plan.items.map((i) => i.caseId)).toEqual(['2', '1']);
    expect(plan.carriedOver.map((c) => c.caseId)).toEqual(['4']);
  });

  it('takes a case’s latest decision, skips cases it cannot find, and reads a payload without an allocation as none', () => {
    const again = { ...prioritise('1', R2028, 4, [[2028, 50_000]]), occurredAt: '2027-12-14T11:00:00.000Z' };
    const odd: DeliveredDecision = { type: 'PRIORITISE', caseId: '4', round: R2028, occurredAt: R2028.approvedAt, payload: { score: 'høy' } };
    const lost = prioritise('9', R2028, 5, [[2028, 1]]);
    const plan = assembleDevelopmentPlan(2028, [...FIRST_ROUND, again, odd, lost], casesAfter, RATE);
    expect(plan.items.map((i) => [i.caseId, i.round.reference, i.allocation.amountNok])).toEqual([
      ['1', 'RUNDE-2', 50_000],
      ['4', 'RUNDE-2', 0],
    ]);
    expect(plan.items[1]).toMatchObject({ score: null, explanation: '', allocation: { amountNok: 0, byYear: [] } });
  });

  it('has no key figures for a case whose assessment has no horizon yet', () => {
    const cases = new Map([['2', theCase('2', 'inRealisation', { costBenefit: { ...ASSESSMENT, horizonYears: null }, strategicGoals: [] })]]);
    const [item] = assembleDevelopmentPlan(2027, FIRST_ROUND, cases, RATE).items;
    expect(item).toMatchObject({ totalCostNok: null, presentValueBenefitsNok: null, netPresentValueNok: null, paybackYears: null, strategicGoals: [] });
  });

  it('as CSV: a header in bokmål, a column per allocation year, prioritised rows then the carried over', () => {
    const cases = new Map(casesBetweenRounds);
    cases.set('2', theCase('2', 'inRealisation', { title: 'Søknad; «ny» "portal"\nfase 2' }));
    const text = developmentPlanCsv(assembleDevelopmentPlan(2027, FIRST_ROUND, cases, RATE));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = text.slice(1).split('\r\n');
    expect(records.at(-1)).toBe('');
    const header = records[0]!.split(';');
    expect(header.slice(0, 3)).toEqual(['Del', 'Saksnummer', 'Tittel']);
    expect(header).toEqual(expect.arrayContaining(['Bevilgning 2027 (kr)', 'Bevilgning 2028 (kr)', 'Bevilgning 2029 (kr)', 'Netto nåverdi (kr)', 'Strategiske mål']));
    expect(records[1]).toContain('Prioritert;FLYT-2026-0002;"Søknad; «ny» ""portal""\nfase 2";Saksbehandling;RUNDE-1;Utviklingsplan 2027;2027;2026-12-15;Nei;nb:inRealisation;4,25;300000;0;0;300000;1000000;');
    expect(records[2]).toMatch(/^Prioritert;FLYT-2026-0001;Sak 1;.*;3,5;500000;100000;100000;700000;1000000;/);
    expect(records[2]).toContain(';2, 9;'); // the goals, in one field
    expect(records[3]).toMatch(/^Utsatt, venter på prioritering;FLYT-2026-0003;Sak 3;Saksbehandling;RUNDE-1;/);
    expect(records[3]!.split(';')).toHaveLength(header.length);
    expect(records).toHaveLength(6);
  });
});
