import type { CostBenefitAssessment } from '#flyt/cases';
import type { Grant } from '#flyt/access';
import { costByYearOf } from './round-costs.js';
import { maySeeRound, roundRolesFor } from './round-roles.js';
import { decisionsOf, type ScenarioResult, scenarioResult } from './round-result.js';
import { casesToVoteOn, conflictsThatCount, setupMissing, suggestedConflict } from './round-setup.js';

const grant = (role: Grant['role'], id = `ra-${role}`): Grant => ({ role, scope: { kind: 'global' }, source: { kind: 'assignment', id } });
const assessment = (oneOff: { amountNok: number; year: number }[], yearly: { amountNok: number; firstYear: number }[]) =>
  ({ values: [], costs: { oneOff: oneOff.map((c) => ({ description: 'x', ...c })), yearly: yearly.map((c) => ({ description: 'x', ...c })) }, costShifts: [], contributors: [], horizonYears: 5 }) as unknown as CostBenefitAssessment;

describe('a candidate’s cost per year of the frame', () => {
  it('puts year 0 of the assessment in the plan year and yearly costs from their first year, within the frame only', () => {
    const a = assessment(
      [
        { amountNok: 1_000_000, year: 0 },
        { amountNok: 200_000, year: 1 },
      ],
      [
        { amountNok: 100_000, firstYear: 1 },
        { amountNok: 50_000, firstYear: 3 },
      ],
    );
    expect(costByYearOf(a, 2027, [2027, 2028, 2029, 2030])).toEqual({ 2027: 1_000_000, 2028: 300_000, 2029: 100_000, 2030: 150_000 });
    expect(costByYearOf(a, 2027, [2026, 2028])).toEqual({ 2026: 0, 2028: 300_000 });
    expect(costByYearOf(null, 2027, [2027])).toEqual({ 2027: 0 });
  });
});

describe('who holds which role in a round', () => {
  it('the secretariat and the rector by their roles; a member only when named and on the council', () => {
    const council = { userId: 'u1', grants: [grant('programme_council')] };
    expect(roundRolesFor(council, ['u1']).roles).toEqual(['member']);
    expect(roundRolesFor(council, ['u2']).roles).toEqual([]);
    expect(roundRolesFor({ userId: 'u1', grants: [] }, ['u1']).roles).toEqual([]);
    const both = roundRolesFor({ userId: 's', grants: [grant('programme_secretariat'), grant('rector')] }, []);
    expect(both.roles).toEqual(['secretariat', 'rector']);
    expect(both.grants[0]).toEqual({ role: 'secretariat', basis: 'programme secretariat', reference: { assignmentId: 'ra-programme_secretariat' } });
  });

  it('lets the programme, the rector, admins and the round’s members see it; nobody else', () => {
    for (const role of ['programme_secretariat', 'programme_council', 'rector', 'admin'] as const) expect(maySeeRound({ userId: 'x', grants: [grant(role)] }, [])).toBe(true);
    expect(maySeeRound({ userId: 'x', grants: [grant('line_manager')] }, [])).toBe(false);
    expect(maySeeRound({ userId: 'x', grants: [] }, ['x'])).toBe(true);
  });
});

describe('the set-up', () => {
  it('says what a round lacks before voting can open', () => {
    expect(setupMissing({ title: 't', budget: [], criteria: [], memberIds: [], candidates: [] })).toEqual([
      'the budget frame per year',
      'candidate cases',
      'criteria',
      'council members',
    ]);
    expect(
      setupMissing({ title: 't', budget: [{ year: 2027, amountNok: 0 }], criteria: [{ key: 'a', weight: 0 }], memberIds: ['m'], candidates: [{ caseId: 'c', costByYear: {} }] }),
    ).toEqual(['a budget frame above zero', 'a criterion with a weight above zero']);
  });

  it('counts a declared conflict until it is dismissed, and an upheld one whether declared or not', () => {
    expect(
      conflictsThatCount([
        { memberId: 'a', caseId: '1', declared: true, decision: null },
        { memberId: 'b', caseId: '1', declared: true, decision: 'dismissed' },
        { memberId: 'c', caseId: '1', declared: false, decision: 'upheld' },
        { memberId: 'd', caseId: '1', declared: false, decision: 'dismissed' },
      ]),
    ).toEqual([
      { memberId: 'a', caseId: '1' },
      { memberId: 'c', caseId: '1' },
    ]);
  });

  it('lists the cases a member has still to vote on, leaving out those they are conflicted for', () => {
    expect(casesToVoteOn(['1', '2', '3'], 'm', { memberId: 'm', scores: { '1': { a: 3 } } }, [{ memberId: 'm', caseId: '3' }])).toEqual(['2']);
    expect(casesToVoteOn(['1'], 'm', undefined, [])).toEqual(['1']);
  });

  it('suggests a conflict when the member’s unit (or one below it) reported the case or carries its costs; not for a member at the top', () => {
    const member = { unitPath: ['uni', 'nv', 'ifi'] };
    expect(suggestedConflict(member, { reportingUnitPath: ['uni', 'nv', 'ifi', 'gruppe'], costShiftUnitPaths: [] })).toBe('reportedByOwnUnit');
    expect(suggestedConflict(member, { reportingUnitPath: ['uni', 'hf'], costShiftUnitPaths: [['uni', 'nv', 'ifi']] })).toBe('costsOnOwnUnit');
    expect(suggestedConflict(member, { reportingUnitPath: ['uni', 'nv'], costShiftUnitPaths: [] })).toBeNull();
    expect(suggestedConflict({ unitPath: ['uni'] }, { reportingUnitPath: ['uni', 'nv'], costShiftUnitPaths: [] })).toBeNull();
  });
});

describe('a scenario and the decisions it leads to', () => {
  const criteria = [
    { key: 'value', label: { nb: 'Verdi', en: 'Value' }, weight: 1 },
    { key: 'risk', label: { nb: 'Risiko', en: 'Risk' }, weight: 1 },
  ];
  const round = {
    criteria,
    budgetByYear: { '2027': 1_000_000 },
    scoreFloor: null,
    quorum: 2 / 3,
    memberIds: ['m1', 'm2', 'm3'],
    candidates: [
      { caseId: 'a', reference: 'FLYT-2026-0001', costByYear: { '2027': 600_000 }, mandatory: false },
      { caseId: 'b', reference: 'FLYT-2026-0002', costByYear: { '2027': 600_000 }, mandatory: false },
      { caseId: 'c', reference: 'FLYT-2026-0003', costByYear: { '2027': 300_000 }, mandatory: false },
    ],
    dependencies: [],
    alternatives: [],
    ballots: ['m1', 'm2', 'm3'].map((memberId) => ({ memberId, scores: { a: { value: 5, risk: 5 }, b: { value: 4, risk: 4 }, c: { value: 1, risk: 1 } } })),
    conflicts: [{ memberId: 'm1', caseId: 'a' }],
  };

  it('tallies without the conflicted member, selects within the frame, and explains each case in both languages', async () => {
    const result = await scenarioResult(round, {});
    expect(result.tally.cases.find((c) => c.caseId === 'a')!.voters).toBe(2);
    expect(result.selection.outcome === 'portfolio' && result.selection.selected).toEqual(['a', 'c']);
    expect(result.explanations.map((e) => e.caseId)).toEqual(['a', 'b', 'c']);
    expect(result.explanations[1]!.en).toMatch(/FLYT-2026-0002|budget/i);
    const bigger = await scenarioResult(round, { budgetByYear: { '2027': 1_200_000 } });
    expect(bigger.selection.outcome === 'portfolio' && bigger.selection.selected).toEqual(['a', 'b']);
    expect(bigger.parametersInForce.budgetByYear).toEqual({ '2027': 1_200_000 });
  });

  it('prioritises the selected with their cost per year, defers the rest, and declines where the secretariat chose so', async () => {
    const result: ScenarioResult = await scenarioResult(round, {});
    const decisions = decisionsOf(
      { id: 'r', title: 'Utviklingsplan 2027' },
      [
        { caseId: 'a', costByYear: { '2027': 600_000 }, ifLeftOut: 'defer', declineReason: null },
        { caseId: 'b', costByYear: { '2027': 600_000 }, ifLeftOut: 'decline', declineReason: 'Dekket av annen sak' },
        { caseId: 'c', costByYear: { '2027': 300_000 }, ifLeftOut: 'defer', declineReason: null },
      ],
      result,
    );
    expect(decisions.map((d) => [d.caseId, d.type])).toEqual([
      ['a', 'PRIORITISE'],
      ['b', 'DECLINE'],
      ['c', 'PRIORITISE'],
    ]);
    expect(decisions[0]!.payload).toMatchObject({ roundId: 'r', roundTitle: 'Utviklingsplan 2027', score: 5, allocation: { amountNok: 600_000, byYear: [{ year: 2027, amountNok: 600_000 }] } });
    expect(decisions[1]!.payload).toMatchObject({ reason: 'Dekket av annen sak', score: 4 });
    const deferred = decisionsOf({ id: 'r', title: 'T' }, [{ caseId: 'b', costByYear: {}, ifLeftOut: 'defer', declineReason: null }], result);
    expect(deferred[0]).toMatchObject({ type: 'DEFER', payload: { reason: expect.stringMatching(/neste prioriteringsrunde/) } });
  });
});
