import { type Ballot, type ConflictOfInterest, type CriterionWeights, DEFAULT_CRITERIA, type TallyInput } from '#flyt/portfolio';
import type { AmountByYear, Dependency } from '#flyt/portfolio';
import { Random } from '../scale/random.js';

export const YEARS = [2027, 2028, 2029] as const;
export const MEMBERS = 9;
/** The council's weights in the generated rounds: user value counts most, risk least. */
export const WEIGHTS: CriterionWeights = { userValue: 3, resourceSavings: 2, quality: 2, strategicFit: 2, riskAndFeasibility: 1 };
/** Each year's budget frame as a share of what all candidates cost that year. */
export const BUDGET_SHARE = 0.35;
export const SCORE_FLOOR = 1.5;

/** A priority round as the bench feeds it to `tally` and `select`, before the tally. */
export interface GeneratedRound {
  readonly tallyInput: TallyInput;
  readonly costByCase: Readonly<Record<string, AmountByYear>>;
  readonly budgetByYear: AmountByYear;
  readonly mandatory: readonly string[];
  readonly dependencies: readonly Dependency[];
  readonly alternatives: readonly (readonly string[])[];
  readonly scoreFloor: number;
}

/**
 * A seeded round of `n` candidates shaped like the university's: nine members score every case
 * on the five default criteria around a merit of the case's own (a member skips one case in
 * twenty and declares a conflict for one in fifty); projects cost 100,000–5,000,000 NOK over one
 * to three years of the 2027–2029 frame, which holds 35 % of what the candidates cost each year;
 * one case in twelve requires an earlier one, one in twenty-five heads a group of two or three
 * alternatives, one in fifty is mandatory, and the score floor is 1.5.
 */
export function generateRound(n: number, seed: number): GeneratedRound {
  const random = new Random(seed);
  const caseIds = Array.from({ length: n }, (_, i) => `FLYT-2026-${String(i + 1).padStart(4, '0')}`);
  const memberIds = Array.from({ length: MEMBERS }, (_, i) => `member-${i + 1}`);
  const merit = caseIds.map(() => random.next());

  const conflicts: ConflictOfInterest[] = [];
  const ballots: Ballot[] = memberIds.map((memberId) => {
    const scores: Record<string, Record<string, number>> = {};
    caseIds.forEach((caseId, i) => {
      if (random.chance(0.02)) {
        conflicts.push({ memberId, caseId });
        return;
      }
      if (random.chance(0.05)) return;
      scores[caseId] = Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, Math.max(0, Math.min(5, Math.round(merit[i]! * 5 + (random.next() - 0.5) * 2.5)))]));
    });
    return { memberId, scores };
  });

  const costByCase: Record<string, AmountByYear> = {};
  const spentByYear = new Map<number, number>(YEARS.map((y) => [y, 0]));
  for (const caseId of caseIds) {
    const total = Math.round(100_000 * Math.exp(random.next() * Math.log(50)) / 1000) * 1000;
    const duration = random.int(1, 3);
    const first = random.int(0, YEARS.length - duration);
    const costs: Record<number, number> = {};
    for (let k = 0; k < duration; k++) {
      const year = YEARS[first + k]!;
      costs[year] = Math.round(total / duration / 1000) * 1000;
      spentByYear.set(year, spentByYear.get(year)! + costs[year]);
    }
    costByCase[caseId] = costs;
  }
  const budgetByYear = Object.fromEntries(YEARS.map((y) => [y, Math.round((spentByYear.get(y)! * BUDGET_SHARE) / 100_000) * 100_000]));

  const dependencies: Dependency[] = [];
  for (let i = 1; i < n; i++) {
    if (random.chance(1 / 12)) dependencies.push({ caseId: caseIds[i]!, requires: caseIds[random.int(0, i - 1)]! });
  }
  const grouped = new Set<string>();
  const alternatives: string[][] = [];
  for (let g = 0; g < Math.floor(n / 25); g++) {
    const size = random.int(2, 3);
    const group = new Set<string>();
    while (group.size < size) {
      const id = random.pick(caseIds);
      if (!grouped.has(id)) group.add(id);
    }
    for (const id of group) grouped.add(id);
    alternatives.push([...group]);
  }
  const mandatory: string[] = [];
  for (const id of caseIds) {
    // Mandatory cases stay out of groups and chains so that the generated round is feasible.
    if (random.chance(0.02) && !grouped.has(id) && !dependencies.some((d) => d.caseId === id)) mandatory.push(id);
  }

  return {
    tallyInput: { criteria: DEFAULT_CRITERIA, weights: WEIGHTS, caseIds, memberIds, ballots, conflicts },
    costByCase,
    budgetByYear,
    mandatory,
    dependencies,
    alternatives,
    scoreFloor: SCORE_FLOOR,
  };
}
