import { type FieldError, InputInvalid } from '#flyt/kernel';
import { MAX_SCORE, MIN_SCORE } from './criteria.js';
import type { NotScoredReason, Tally } from './tally.js';

/** NOK per calendar year, whole kroner: `{ 2027: 1_200_000, 2028: 400_000 }`. */
export type AmountByYear = Readonly<Record<number, number>>;

export interface SelectionCandidate {
  readonly caseId: string;
  /** The tally's score 0–5, or null when the case has none. */
  readonly score: number | null;
  /** Why the case has no score; read only when `score` is null (default `nobodyVoted`). */
  readonly notScoredBecause?: NotScoredReason;
  /** What the case costs in each calendar year; years it costs nothing may be left out. */
  readonly costByYear: AmountByYear;
}

/** Case `caseId` only together with case `requires`. */
export interface Dependency {
  readonly caseId: string;
  readonly requires: string;
}

export interface SelectionInput {
  readonly candidates: readonly SelectionCandidate[];
  /** The budget frame: what the programme may spend in each year. Every year a case costs money in must be here. */
  readonly budgetByYear: AmountByYear;
  /** Cases that are in the portfolio whatever their score (with everything they require). */
  readonly mandatory?: readonly string[];
  readonly dependencies?: readonly Dependency[];
  /** Groups of cases of which at most one may be selected. */
  readonly alternatives?: readonly (readonly string[])[];
  /** Cases scoring below it are not eligible unless mandatory. */
  readonly scoreFloor?: number;
}

/** Candidates for `select()` from a tally and the cases' costs. */
export function candidatesFromTally(result: Tally, costByCase: Readonly<Record<string, AmountByYear>>): SelectionCandidate[] {
  return result.cases.map((c) => ({
    caseId: c.caseId,
    score: c.score,
    ...(c.notScoredBecause ? { notScoredBecause: c.notScoredBecause } : {}),
    costByYear: costByCase[c.caseId] ?? {},
  }));
}

/** Refuses input that cannot describe a priority round; contradictions that can (infeasibility) are a result, not an error. */
export function validateSelectionInput(input: SelectionInput): void {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const years = new Set<number>();
  for (const [key, amount] of Object.entries(input.budgetByYear)) {
    const year = Number(key);
    if (!Number.isInteger(year)) errors.push({ field: `budgetByYear.${key}`, reason: 'the key must be a calendar year' });
    years.add(year);
    if (!isAmount(amount)) errors.push({ field: `budgetByYear.${key}`, reason: `must be a whole, non-negative number of kroner, was ${amount}` });
  }
  for (const [index, candidate] of input.candidates.entries()) {
    const at = `candidates[${index}]`;
    if (ids.has(candidate.caseId)) errors.push({ field: `${at}.caseId`, reason: `case ${candidate.caseId} appears twice` });
    ids.add(candidate.caseId);
    const { score } = candidate;
    if (score !== null && !(Number.isFinite(score) && score >= MIN_SCORE && score <= MAX_SCORE)) {
      errors.push({ field: `${at}.score`, reason: `must be null or a number from ${MIN_SCORE} to ${MAX_SCORE}, was ${score}` });
    }
    for (const [key, amount] of Object.entries(candidate.costByYear)) {
      if (!isAmount(amount)) errors.push({ field: `${at}.costByYear.${key}`, reason: `must be a whole, non-negative number of kroner, was ${amount}` });
      else if (amount > 0 && !years.has(Number(key))) {
        errors.push({ field: `${at}.costByYear.${key}`, reason: `case ${candidate.caseId} costs money in ${key}, a year outside the budget frame` });
      }
    }
  }
  const known = (id: string, field: string) => {
    if (!ids.has(id)) errors.push({ field, reason: `${id} is not a candidate` });
  };
  for (const [index, id] of (input.mandatory ?? []).entries()) known(id, `mandatory[${index}]`);
  for (const [index, { caseId, requires }] of (input.dependencies ?? []).entries()) {
    known(caseId, `dependencies[${index}].caseId`);
    known(requires, `dependencies[${index}].requires`);
    if (caseId === requires) errors.push({ field: `dependencies[${index}]`, reason: `case ${caseId} cannot require itself` });
  }
  for (const [index, group] of (input.alternatives ?? []).entries()) {
    group.forEach((id, position) => known(id, `alternatives[${index}][${position}]`));
    if (new Set(group).size !== group.length) errors.push({ field: `alternatives[${index}]`, reason: 'a case appears twice in the group' });
  }
  const floor = input.scoreFloor;
  if (floor !== undefined && !(Number.isFinite(floor) && floor >= MIN_SCORE && floor <= MAX_SCORE)) {
    errors.push({ field: 'scoreFloor', reason: `must be a number from ${MIN_SCORE} to ${MAX_SCORE}, was ${floor}` });
  }
  if (errors.length > 0) throw new InputInvalid(errors);
}

function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
