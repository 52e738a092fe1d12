import fc from 'fast-check';
import { InputInvalid } from '#flyt/kernel';
import { renderConflict } from './explanations.js';
import { type RecommendedPortfolio, select, type SelectionResult } from './selection.js';
import type { SelectionCandidate, SelectionInput } from './selection-input.js';

/**
 * The rules of docs/selection.md written out again the slow way: every subset of the
 * candidates, the feasible ones kept, the best total score (in ten-thousandths of a point), and
 * among the best the one holding the higher-ranked case at the first case where they differ.
 */
function bruteForce(input: SelectionInput): { selected: Set<string>; units: number } | 'infeasible' {
  const ids = input.candidates.map((c) => c.caseId);
  const byId = new Map(input.candidates.map((c) => [c.caseId, c]));
  const units = (c: SelectionCandidate) => (c.score === null ? 0 : Math.round(c.score * 10_000));
  const total = (c: SelectionCandidate) => Object.values(c.costByYear).reduce((a, b) => a + b, 0);
  const ranking = [...input.candidates]
    .sort((a, b) => (b.score === null ? -1 : units(b)) - (a.score === null ? -1 : units(a)) || total(a) - total(b) || (a.caseId < b.caseId ? -1 : 1))
    .map((c) => c.caseId);
  const forced = new Set(input.mandatory ?? []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of input.dependencies ?? []) {
      if (forced.has(d.caseId) && !forced.has(d.requires)) {
        forced.add(d.requires);
        grew = true;
      }
    }
  }
  const floorUnits = input.scoreFloor === undefined ? null : Math.round(input.scoreFloor * 10_000);
  const eligible = (c: SelectionCandidate) => forced.has(c.caseId) || (c.score !== null && (floorUnits === null || units(c) >= floorUnits));
  let best: { selected: Set<string>; units: number; key: string } | undefined;
  for (let mask = 0; mask < 1 << ids.length; mask++) {
    const s = new Set(ids.filter((_, i) => mask & (1 << i)));
    if ([...forced].some((id) => !s.has(id))) continue;
    if ([...s].some((id) => !eligible(byId.get(id)!))) continue;
    if ((input.dependencies ?? []).some((d) => s.has(d.caseId) && !s.has(d.requires))) continue;
    if ((input.alternatives ?? []).some((g) => g.filter((id) => s.has(id)).length > 1)) continue;
    const fits = Object.entries(input.budgetByYear).every(([year, budget]) => [...s].reduce((sum, id) => sum + (byId.get(id)!.costByYear[Number(year)] ?? 0), 0) <= budget);
    if (!fits) continue;
    const value = [...s].reduce((sum, id) => sum + units(byId.get(id)!), 0);
    const key = ranking.map((id) => (s.has(id) ? '1' : '0')).join('');
    if (!best || value > best.units || (value === best.units && key > best.key)) best = { selected: s, units: value, key };
  }
  return best ? { selected: best.selected, units: best.units } : 'infeasible';
}

const YEARS = [2027, 2028, 2029];

/**
 * Two different cases, drawn without a filter: a filter that can never pass (one case) makes
 * fast-check retry for ever.
 */
function otherPair(ids: readonly string[]): fc.Arbitrary<{ caseId: string; requires: string }> {
  return fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 2)).map(([i, j]) => ({ caseId: ids[i]!, requires: ids[j >= i ? j + 1 : j]! }));
}

/** Small rounds: up to 12 cases over 1–3 years, scores on a coarse grid so that ties are common. */
const smallRound: fc.Arbitrary<SelectionInput> = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    years: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 30 }),
  })
  .chain(({ n, years, seed }) => {
    const ids = Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
    const frame = YEARS.slice(0, years);
    const id = fc.constantFrom(...ids);
    return fc.record({
      candidates: fc.tuple(
        ...ids.map((caseId) =>
          fc.record({
            caseId: fc.constant(caseId),
            score: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 9, arbitrary: fc.integer({ min: 0, max: 25 }).map((k) => k / 5) }),
            costByYear: fc.tuple(...frame.map(() => fc.integer({ min: 0, max: 8 }))).map((costs) => Object.fromEntries(frame.map((y, i) => [y, costs[i]! * 100_000]))),
          }),
        ),
      ),
      budgetByYear: fc.tuple(...frame.map(() => fc.integer({ min: 0, max: 30 }))).map((b) => Object.fromEntries(frame.map((y, i) => [y, b[i]! * 100_000]))),
      mandatory: fc.uniqueArray(id, { maxLength: 2 }),
      dependencies: n < 2 ? fc.constant([]) : fc.uniqueArray(otherPair(ids), { maxLength: Math.ceil(n / 2), selector: (d) => `${d.caseId}>${d.requires}` }),
      alternatives: n < 2 ? fc.constant([]) : fc.array(fc.uniqueArray(id, { minLength: 2, maxLength: Math.min(3, n) }), { maxLength: 2 }),
      scoreFloor: fc.option(fc.integer({ min: 0, max: 15 }).map((k) => k / 5), { nil: undefined }),
      seed: fc.constant(seed),
    });
  })
  .map(({ seed: _, ...input }) => ({ ...input, candidates: [...input.candidates] }) as SelectionInput);

function portfolio(result: SelectionResult): RecommendedPortfolio {
  if (result.outcome !== 'portfolio') throw new Error(`expected a portfolio, got ${JSON.stringify(result)}`);
  return result;
}

function respectsRules(input: SelectionInput, selected: ReadonlySet<string>): string[] {
  const broken: string[] = [];
  for (const id of input.mandatory ?? []) if (!selected.has(id)) broken.push(`mandatory ${id} missing`);
  for (const d of input.dependencies ?? []) if (selected.has(d.caseId) && !selected.has(d.requires)) broken.push(`${d.caseId} without ${d.requires}`);
  for (const g of input.alternatives ?? []) if (g.filter((id) => selected.has(id)).length > 1) broken.push(`alternatives ${g.join('/')}`);
  for (const [year, budget] of Object.entries(input.budgetByYear)) {
    const spent = input.candidates.filter((c) => selected.has(c.caseId)).reduce((sum, c) => sum + (c.costByYear[Number(year)] ?? 0), 0);
    if (spent > budget) broken.push(`${year}: ${spent} > ${budget}`);
  }
  return broken;
}

describe('select', () => {
  it('finds brute force’s optimum, with the same tie-break, on hundreds of small random rounds; infeasible exactly when brute force finds nothing', async () => {
    let portfolios = 0;
    let infeasible = 0;
    await fc.assert(
      fc.asyncProperty(smallRound, async (input) => {
        const expected = bruteForce(input);
        const result = await select(input, { verifyBudgetExplanations: 0 });
        if (expected === 'infeasible') {
          expect(result.outcome).toBe('infeasible');
          infeasible++;
          return;
        }
        const found = portfolio(result);
        portfolios++;
        expect(found.status).toBe('optimal');
        expect(found.tieBreak).toBe('applied');
        expect(respectsRules(input, new Set(found.selected))).toEqual([]);
        expect(Math.round(found.totalScore * 10_000)).toBe(expected.units);
        expect([...found.selected].sort()).toEqual([...expected.selected].sort());
        expect(found.greedy.scoreDifference).toBeGreaterThanOrEqual(0);
        expect(respectsRules(input, new Set(found.greedy.selected))).toEqual([]);
      }),
      { seed: 20271, numRuns: 250 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(portfolios).toBeGreaterThan(120);
    expect(infeasible).toBeGreaterThan(10);
  });

  it('says how much more money, in which year, brings a case left out for lack of budget in, and brute force agrees at that budget', async () => {
    let joins = 0;
    let otherPreferred = 0;
    await fc.assert(
      fc.asyncProperty(smallRound, async (input) => {
        const result = await select(input, { verifyBudgetExplanations: 12 });
        if (result.outcome !== 'portfolio') return;
        for (const explanation of result.explanations) {
          if (explanation.kind !== 'budget') continue;
          expect(explanation.shortfall.length).toBeGreaterThan(0);
          for (const s of explanation.shortfall) {
            const spent = result.spending.find((y) => y.year === s.year)!;
            expect(s.left).toBe(spent.left);
            expect(s.amount).toBe(s.cost - s.left);
            expect(s.amount).toBeGreaterThan(0);
          }
          const budgetByYear: Record<number, number> = { ...input.budgetByYear };
          for (const e of explanation.extra) budgetByYear[e.year] = budgetByYear[e.year]! + e.amount;
          const richer = bruteForce({ ...input, budgetByYear });
          if (richer === 'infeasible') throw new Error('more money cannot make a round infeasible');
          if (explanation.check.outcome === 'joins') {
            expect(richer.selected.has(explanation.caseId)).toBe(true);
            joins++;
          } else if (explanation.check.outcome === 'otherPreferred') {
            expect(richer.selected.has(explanation.caseId)).toBe(false);
            expect([...explanation.check.added].sort()).toEqual([...richer.selected].filter((id) => !result.selected.includes(id)).sort());
            otherPreferred++;
          } else {
            throw new Error(`a small round is always checked, was ${explanation.check.outcome}`);
          }
        }
      }),
      { seed: 8128, numRuns: 80 },
    );
    expect(joins).toBeGreaterThan(30);
    expect(otherPreferred).toBeGreaterThan(0);
  });

  it('refuses input that cannot describe a round: unknown cases, a cost outside the budget frame, a score of 7', async () => {
    const input: SelectionInput = {
      candidates: [
        { caseId: 'A', score: 7, costByYear: { 2027: 100 } },
        { caseId: 'B', score: 3, costByYear: { 2030: 100 } },
      ],
      budgetByYear: { 2027: 1000 },
      mandatory: ['X'],
      dependencies: [{ caseId: 'A', requires: 'A' }],
    };
    await expect(select(input)).rejects.toBeInstanceOf(InputInvalid);
    await expect(select(input)).rejects.toThrow(
      'candidates[0].score: must be null or a number from 0 to 5, was 7; candidates[1].costByYear.2030: case B costs money in 2030, a year outside the budget frame; mandatory[0]: X is not a candidate; dependencies[0]: case A cannot require itself',
    );
  });
});

const K = 100_000;
const at = (caseId: string, score: number | null, costs: number | Record<number, number>): SelectionCandidate => ({
  caseId,
  score,
  costByYear: typeof costs === 'number' ? { 2027: costs } : costs,
});

describe('the tie rule', () => {
  it('prefers, among portfolios of equal score, the one holding the better-ranked case: the higher score, then the lower cost, then the case id', async () => {
    // {C} and {A, B} both score 4.
    const input: SelectionInput = { candidates: [at('A', 2, 1 * K), at('B', 2, 1 * K), at('C', 4, 2 * K)], budgetByYear: { 2027: 2 * K } };
    expect(portfolio(await select(input)).selected).toEqual(['C']);
    // Equal scores and costs: the case id decides.
    const twins: SelectionInput = { candidates: [at('Y', 3, 1 * K), at('X', 3, 1 * K)], budgetByYear: { 2027: 1 * K } };
    expect(portfolio(await select(twins)).selected).toEqual(['X']);
    // Equal scores: the cheaper case ranks first.
    const cheaper: SelectionInput = { candidates: [at('A', 3, 2 * K), at('B', 3, 1 * K)], budgetByYear: { 2027: 2 * K } };
    expect(portfolio(await select(cheaper)).selected).toEqual(['B']);
  });

  it('takes a case that scores 0 when it fits: holding it ties, and the tie rule prefers holding it', async () => {
    const input: SelectionInput = { candidates: [at('A', 4, 1 * K), at('Z', 0, 1 * K)], budgetByYear: { 2027: 2 * K } };
    expect(portfolio(await select(input)).selected).toEqual(['A', 'Z']);
  });

  it('gives the same portfolio and explanations whatever the order of the input', async () => {
    await fc.assert(
      fc.asyncProperty(smallRound, fc.integer({ min: 0, max: 2 ** 30 }), async (input, shuffleSeed) => {
        const shuffled = shuffle(input.candidates, shuffleSeed);
        const [a, b] = [await select(input), await select({ ...input, candidates: shuffled })];
        if (a.outcome !== 'portfolio' || b.outcome !== 'portfolio') {
          expect(b.outcome).toBe(a.outcome);
          return;
        }
        expect(b.selected).toEqual(a.selected);
        const byCase = (r: RecommendedPortfolio) => Object.fromEntries(r.explanations.map((e) => [e.caseId, e]));
        expect(byCase(b)).toEqual(byCase(a));
      }),
      { seed: 3141, numRuns: 60 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the greedy comparison', () => {
  it('shows what rank-and-fill would have picked and how much less it scores', async () => {
    // Greedy takes A (the best score) and then nothing else fits; B and C together score more.
    const input: SelectionInput = { candidates: [at('A', 5, 6 * K), at('B', 4, 5 * K), at('C', 4, 5 * K)], budgetByYear: { 2027: 10 * K } };
    const result = portfolio(await select(input));
    expect(result.selected).toEqual(['B', 'C']);
    expect(result.totalScore).toBe(8);
    expect(result.greedy).toEqual({ selected: ['A'], totalScore: 5, scoreDifference: 3, onlyInRecommended: ['B', 'C'], onlyInGreedy: ['A'] });
  });

  it('fills every year: greedy skips a case that fits the first year but not the second', async () => {
    const input: SelectionInput = {
      candidates: [at('A', 5, { 2027: 1 * K, 2028: 9 * K }), at('B', 3, { 2027: 1 * K, 2028: 5 * K }), at('C', 3, { 2027: 1 * K, 2028: 5 * K })],
      budgetByYear: { 2027: 3 * K, 2028: 10 * K },
    };
    const result = portfolio(await select(input));
    expect(result.greedy.selected).toEqual(['A']);
    expect(result.selected).toEqual(['B', 'C']);
    expect(result.spending).toEqual([
      { year: 2027, budget: 3 * K, spent: 2 * K, left: 1 * K },
      { year: 2028, budget: 10 * K, spent: 10 * K, left: 0 },
    ]);
  });
});

describe('explanations', () => {
  it('explains every case: selected, mandatory, below the floor, not scored, a dependency, an alternative, and the budget with the year and amount', async () => {
    const input: SelectionInput = {
      candidates: [
        at('M', 1, { 2027: 2 * K }),
        at('S', 4.5, { 2027: 3 * K, 2028: 1 * K }),
        at('LOW', 1.2, { 2027: 1 * K }),
        { caseId: 'NONE', score: null, notScoredBecause: 'everyMemberConflicted', costByYear: {} },
        at('DEP', 4, { 2027: 1 * K }),
        at('ALT', 3, { 2028: 1 * K }),
        at('BIG', 3.5, { 2027: 2 * K, 2028: 4 * K }),
      ],
      budgetByYear: { 2027: 6 * K, 2028: 3 * K },
      mandatory: ['M'],
      dependencies: [{ caseId: 'DEP', requires: 'LOW' }],
      alternatives: [['S', 'ALT']],
      scoreFloor: 2,
    };
    const result = portfolio(await select(input));
    expect(result.selected).toEqual(['S', 'M']);
    const byCase = Object.fromEntries(result.explanations.map((e) => [e.caseId, e]));
    expect(byCase.M).toMatchObject({ kind: 'mandatory', mandatoryItself: true, belowFloor: true });
    expect(byCase.S).toEqual({ kind: 'selected', caseId: 'S', score: 4.5 });
    expect(byCase.LOW).toEqual({ kind: 'belowFloor', caseId: 'LOW', score: 1.2, floor: 2 });
    expect(byCase.NONE).toEqual({ kind: 'notScored', caseId: 'NONE', reason: 'everyMemberConflicted' });
    expect(byCase.DEP).toEqual({ kind: 'dependency', caseId: 'DEP', prerequisite: 'LOW', prerequisiteOut: 'belowFloor' });
    expect(byCase.ALT).toEqual({ kind: 'alternative', caseId: 'ALT', chosen: ['S'], via: null });
    // BIG needs 2 in 2027 (1 left) and 4 in 2028 (2 left).
    expect(byCase.BIG).toEqual({
      kind: 'budget',
      caseId: 'BIG',
      score: 3.5,
      together: [],
      shortfall: [
        { year: 2027, cost: 2 * K, left: 1 * K, amount: 1 * K },
        { year: 2028, cost: 4 * K, left: 2 * K, amount: 2 * K },
      ],
      extra: [
        { year: 2027, amount: 1 * K },
        { year: 2028, amount: 2 * K },
      ],
      check: { outcome: 'joins', solves: 1 },
    });
    expect(result.explanations.map((e) => e.caseId)).toEqual(input.candidates.map((c) => c.caseId));
  });

  it('raises the extra money when the first amount would go to other cases, until the case comes in', async () => {
    // With 1 more, A (score 2) would fit beside B, but D (score 2.5) takes that money instead;
    // with 1 more again, both fit.
    const input: SelectionInput = {
      candidates: [at('B', 5, 2 * K), at('D', 2.5, 1 * K), at('A', 2, 1 * K)],
      budgetByYear: { 2027: 2 * K },
    };
    const result = portfolio(await select(input));
    expect(result.selected).toEqual(['B']);
    const a = result.explanations.find((e) => e.caseId === 'A')!;
    expect(a).toMatchObject({ kind: 'budget', shortfall: [{ year: 2027, amount: 1 * K }], extra: [{ year: 2027, amount: 2 * K }], check: { outcome: 'joins', solves: 2 } });
  });
});

describe('infeasible mandatory sets', () => {
  it('names the year whose budget the mandatory cases and what they require exceed, and by how much', async () => {
    const input: SelectionInput = {
      candidates: [at('M1', 3, { 2027: 2 * K, 2028: 1 * K }), at('M2', 2, { 2028: 3 * K }), at('R', 1, { 2028: 1 * K }), at('F', 4, { 2028: 1 * K })],
      budgetByYear: { 2027: 5 * K, 2028: 4 * K },
      mandatory: ['M1', 'M2'],
      dependencies: [{ caseId: 'M2', requires: 'R' }],
    };
    const result = await select(input);
    expect(result).toEqual({
      outcome: 'infeasible',
      conflicts: [{ kind: 'budget', year: 2028, budget: 4 * K, mandatoryCost: 5 * K, excess: 1 * K, cases: ['M1', 'M2', 'R'] }],
    });
    if (result.outcome !== 'infeasible') throw new Error('expected infeasible');
    expect(renderConflict(result.conflicts[0]!, 'en')).toMatch(
      /^In 2028 the mandatory cases and what they require cost NOK[\s\u00a0]500,000, NOK[\s\u00a0]100,000 more than the budget frame of NOK[\s\u00a0]400,000: M1, M2 and R\.$/,
    );
    expect(renderConflict(result.conflicts[0]!, 'nb')).toMatch(/^I 2028 koster de obligatoriske sakene og det de krever 500[\s\u00a0]000[\s\u00a0]kr, 100[\s\u00a0]000[\s\u00a0]kr mer enn budsjettrammen på 400[\s\u00a0]000[\s\u00a0]kr: M1, M2 og R\.$/);
  });

  it('names two alternatives that must both be selected, and the mandatory cases that make them so', async () => {
    const input: SelectionInput = {
      candidates: [at('A', 3, 1 * K), at('B', 3, 1 * K), at('C', 3, 1 * K)],
      budgetByYear: { 2027: 10 * K },
      mandatory: ['A', 'C'],
      dependencies: [{ caseId: 'C', requires: 'B' }],
      alternatives: [['A', 'B']],
    };
    const result = await select(input);
    expect(result).toEqual({ outcome: 'infeasible', conflicts: [{ kind: 'alternative', cases: ['A', 'B'], requiredBy: ['A', 'C'] }] });
    if (result.outcome !== 'infeasible') throw new Error('expected infeasible');
    expect(renderConflict(result.conflicts[0]!, 'en')).toBe('A and B are alternatives to each other, but both must be selected, as required by A and C.');
    expect(renderConflict(result.conflicts[0]!, 'nb')).toBe('A og B er alternativer til hverandre, men begge må velges, slik A og C krever.');
  });
});

describe('the time limit', () => {
  it('with next to no time still returns a portfolio that honours every rule, with a bound no lower than its score', async () => {
    const candidates = Array.from({ length: 300 }, (_, i) => at(`C${i}`, ((i * 7919) % 500) / 100, { 2027: ((i * 104_729) % 90 + 10) * 1000, 2028: ((i * 1299) % 50) * 1000 }));
    const input: SelectionInput = { candidates, budgetByYear: { 2027: 3_000_000, 2028: 1_500_000 }, alternatives: [['C1', 'C2', 'C3']], dependencies: [{ caseId: 'C5', requires: 'C8' }] };
    const result = portfolio(await select(input, { timeLimitSeconds: 0.001, verifyBudgetExplanations: 0 }));
    expect(respectsRules(input, new Set(result.selected))).toEqual([]);
    expect(result.bestBound).toBeGreaterThanOrEqual(result.totalScore);
    expect(result.totalScore).toBeGreaterThanOrEqual(result.greedy.totalScore);
    if (result.status === 'optimal') expect(result.relativeGap).toBe(0);
    else expect(result.relativeGap).toBeCloseTo((result.bestBound - result.totalScore) / result.totalScore, 9);
    expect(result.explanations).toHaveLength(300);
  });
});
