import type { NotScoredReason } from './tally.js';
import { type SelectionCandidate, type SelectionInput, validateSelectionInput } from './selection-input.js';

/**
 * Scores are compared in ten-thousandths of a point: the selection's objective is then a whole
 * number, which lets the solver prove optimality exactly and makes "equal score" exact for the
 * tie rule (docs/selection.md, "The integer program").
 */
export const SCORE_UNITS_PER_POINT = 10_000;

export function scoreUnits(score: number | null): number {
  return score === null ? 0 : Math.round(score * SCORE_UNITS_PER_POINT);
}

/** Why a case cannot be in any portfolio of the round, whatever the budget. */
export type Exclusion =
  | { readonly kind: 'notScored'; readonly reason: NotScoredReason }
  | { readonly kind: 'belowFloor'; readonly score: number; readonly floor: number }
  /** In a group of alternatives with a case that must be selected. */
  | { readonly kind: 'alternative'; readonly chosen: readonly string[] }
  /** Requires `prerequisite`, which cannot be selected (for the reason `prerequisiteOut`). */
  | { readonly kind: 'dependency'; readonly prerequisite: string; readonly prerequisiteOut: 'notScored' | 'belowFloor' | 'alternative' }
  /** The case and what it requires include two alternatives of one group, so it can never be complete. */
  | { readonly kind: 'requiresAlternatives'; readonly conflicting: readonly [string, string] };

/** Why no portfolio can honour the mandatory cases. */
export type SelectionConflict =
  | {
      readonly kind: 'budget';
      readonly year: number;
      readonly budget: number;
      readonly mandatoryCost: number;
      readonly excess: number;
      /** The mandatory cases, and the cases they require, that cost money that year. */
      readonly cases: readonly string[];
    }
  | {
      readonly kind: 'alternative';
      /** Two cases of one group of alternatives that must both be selected. */
      readonly cases: readonly [string, string];
      /** The mandatory cases that make them necessary. */
      readonly requiredBy: readonly string[];
    };

/** The round's structure, worked out once before any portfolio is built. */
export interface Round {
  readonly candidates: ReadonlyMap<string, SelectionCandidate>;
  readonly years: readonly number[];
  readonly budget: ReadonlyMap<number, number>;
  readonly floor: number | null;
  /** Every candidate in tie order: see `compareForTies`. */
  readonly ranking: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  readonly units: ReadonlyMap<string, number>;
  readonly prerequisites: ReadonlyMap<string, readonly string[]>;
  /** Everything a case requires, directly or through others, nearest first; without the case itself. */
  readonly closure: ReadonlyMap<string, readonly string[]>;
  readonly groups: readonly (readonly string[])[];
  readonly groupsOf: ReadonlyMap<string, readonly number[]>;
  readonly mandatory: ReadonlySet<string>;
  /** Mandatory cases and everything they require. */
  readonly forced: ReadonlySet<string>;
  /** For each forced case, the mandatory cases that require it (itself when mandatory). */
  readonly requiredBy: ReadonlyMap<string, readonly string[]>;
  readonly excluded: ReadonlyMap<string, Exclusion>;
  /** Cases the optimisation decides on, in tie order. */
  readonly free: readonly string[];
  /** The budget frame less what the forced cases cost. */
  readonly remaining: ReadonlyMap<number, number>;
}

export function costIn(candidate: SelectionCandidate, year: number): number {
  return candidate.costByYear[year] ?? 0;
}

export function totalCost(candidate: SelectionCandidate): number {
  return Object.values(candidate.costByYear).reduce((a, b) => a + b, 0);
}

/**
 * The tie order: higher score first (in score units), then the lower total cost over all years,
 * then the case id in code-point order. Cases without a score come after every scored case.
 */
export function compareForTies(a: SelectionCandidate, b: SelectionCandidate): number {
  const scoreA = a.score === null ? -1 : scoreUnits(a.score);
  const scoreB = b.score === null ? -1 : scoreUnits(b.score);
  if (scoreA !== scoreB) return scoreB - scoreA;
  const costA = totalCost(a);
  const costB = totalCost(b);
  if (costA !== costB) return costA - costB;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

export function prepareRound(input: SelectionInput): { round: Round; conflicts: readonly SelectionConflict[] } {
  validateSelectionInput(input);
  const candidates = new Map(input.candidates.map((c) => [c.caseId, c]));
  const years = Object.keys(input.budgetByYear).map(Number).sort((a, b) => a - b);
  const budget = new Map(years.map((y) => [y, input.budgetByYear[y]!]));
  const ranking = [...input.candidates].sort(compareForTies).map((c) => c.caseId);
  const rank = new Map(ranking.map((id, index) => [id, index]));
  const units = new Map(input.candidates.map((c) => [c.caseId, scoreUnits(c.score)]));
  const floor = input.scoreFloor ?? null;

  const prerequisites = new Map<string, string[]>(ranking.map((id) => [id, []]));
  for (const { caseId, requires } of input.dependencies ?? []) {
    const list = prerequisites.get(caseId)!;
    if (!list.includes(requires)) list.push(requires);
  }
  const closure = new Map(ranking.map((id) => [id, requirementsOf(id, prerequisites)]));
  const groups = (input.alternatives ?? []).filter((g) => g.length > 1);
  const groupsOf = new Map<string, number[]>(ranking.map((id) => [id, []]));
  groups.forEach((group, index) => group.forEach((id) => groupsOf.get(id)!.push(index)));

  const mandatory = new Set(input.mandatory ?? []);
  const requiredBy = new Map<string, string[]>();
  for (const id of ranking.filter((c) => mandatory.has(c))) {
    for (const needed of [id, ...closure.get(id)!]) requiredBy.set(needed, [...(requiredBy.get(needed) ?? []), id]);
  }
  const forced = new Set(ranking.filter((id) => requiredBy.has(id)));

  const conflicts: SelectionConflict[] = [];
  for (const group of groups) {
    const both = group.filter((id) => forced.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!);
    for (let i = 0; i < both.length; i++) {
      for (let j = i + 1; j < both.length; j++) {
        const pair: [string, string] = [both[i]!, both[j]!];
        conflicts.push({ kind: 'alternative', cases: pair, requiredBy: [...new Set(pair.flatMap((id) => requiredBy.get(id)!))] });
      }
    }
  }
  const remaining = new Map<number, number>();
  for (const year of years) {
    const costing = ranking.filter((id) => forced.has(id) && costIn(candidates.get(id)!, year) > 0);
    const mandatoryCost = costing.reduce((sum, id) => sum + costIn(candidates.get(id)!, year), 0);
    remaining.set(year, budget.get(year)! - mandatoryCost);
    if (mandatoryCost > budget.get(year)!) {
      conflicts.push({ kind: 'budget', year, budget: budget.get(year)!, mandatoryCost, excess: mandatoryCost - budget.get(year)!, cases: costing });
    }
  }

  const excluded = new Map<string, Exclusion>();
  const ownExclusion = (id: string): Exclusion | undefined => {
    const candidate = candidates.get(id)!;
    if (candidate.score === null) return { kind: 'notScored', reason: candidate.notScoredBecause ?? 'nobodyVoted' };
    if (floor !== null && units.get(id)! < scoreUnits(floor)) return { kind: 'belowFloor', score: candidate.score, floor };
    const chosen = groupsOf.get(id)!.flatMap((g) => groups[g]!.filter((other) => other !== id && forced.has(other)));
    if (chosen.length > 0) return { kind: 'alternative', chosen: [...new Set(chosen)] };
    return undefined;
  };
  for (const id of ranking) {
    if (forced.has(id)) continue;
    const own = ownExclusion(id);
    if (own) {
      excluded.set(id, own);
      continue;
    }
    const blocked = closure.get(id)!.find((p) => !forced.has(p) && ownExclusion(p));
    if (blocked) {
      excluded.set(id, { kind: 'dependency', prerequisite: blocked, prerequisiteOut: ownExclusion(blocked)!.kind as 'notScored' | 'belowFloor' | 'alternative' });
      continue;
    }
    const conflicting = alternativesWithin([id, ...closure.get(id)!], groups, groupsOf);
    if (conflicting) excluded.set(id, { kind: 'requiresAlternatives', conflicting });
  }
  const free = ranking.filter((id) => !forced.has(id) && !excluded.has(id));
  return {
    round: { candidates, years, budget, floor, ranking, rank, units, prerequisites, closure, groups, groupsOf, mandatory, forced, requiredBy, excluded, free, remaining },
    conflicts,
  };
}

/** Breadth first, so the nearest requirement comes first. */
function requirementsOf(id: string, prerequisites: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>([id]);
  const order: string[] = [];
  const queue = [...prerequisites.get(id)!];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    order.push(next);
    queue.push(...prerequisites.get(next)!);
  }
  return order;
}

function alternativesWithin(ids: readonly string[], groups: readonly (readonly string[])[], groupsOf: ReadonlyMap<string, readonly number[]>): [string, string] | undefined {
  const holder = new Map<number, string>();
  for (const id of ids) {
    for (const g of groupsOf.get(id)!) {
      const other = holder.get(g);
      if (other !== undefined && other !== id && groups[g]) return [other, id];
      holder.set(g, id);
    }
  }
  return undefined;
}

/** The rules a portfolio breaks, as sentences for an error; empty when it honours them all. */
export function brokenRules(round: Round, selected: ReadonlySet<string>): string[] {
  const broken: string[] = [];
  for (const id of round.forced) if (!selected.has(id)) broken.push(`${id} must be selected`);
  for (const id of selected) {
    if (round.excluded.has(id) && !round.forced.has(id)) broken.push(`${id} cannot be selected (${round.excluded.get(id)!.kind})`);
    for (const required of round.prerequisites.get(id)!) if (!selected.has(required)) broken.push(`${id} requires ${required}`);
  }
  for (const group of round.groups) {
    const chosen = group.filter((id) => selected.has(id));
    if (chosen.length > 1) broken.push(`${chosen.join(' and ')} are alternatives`);
  }
  for (const year of round.years) {
    let spent = 0;
    for (const id of selected) spent += costIn(round.candidates.get(id)!, year);
    if (spent > round.budget.get(year)!) broken.push(`${year}: ${spent} spent of ${round.budget.get(year)!}`);
  }
  return broken;
}
