import type { Explanation, Language, YearShortfall } from './explanations.js';
import { completePortfolio, greedyPortfolio } from './greedy.js';
import { PortfolioBuilder } from './portfolio-builder.js';
import { prepareRound, type Round, type SelectionConflict, SCORE_UNITS_PER_POINT, scoreUnits } from './portfolio-rules.js';
import { loadSolver, type SolveStatus, solveFreeCases, SolverTime, type TieBreak } from './portfolio-solver.js';
import type { SelectionInput } from './selection-input.js';

export interface SelectOptions {
  /**
   * Seconds of solver time for the whole selection: the portfolio and its tie rule first, then
   * the checks of budget explanations while time is left; 10 when left out.
   */
  readonly timeLimitSeconds?: number;
  /**
   * How many of the cases left out for lack of budget, best ranked first, have their
   * explanation checked by solving again with the extra money; 10 when left out.
   */
  readonly verifyBudgetExplanations?: number;
  /** Seconds each of those checks may take, all its solves together; 2 when left out. */
  readonly verificationTimeLimitSeconds?: number;
}

export const DEFAULT_TIME_LIMIT_SECONDS = 10;
export const DEFAULT_VERIFIED_BUDGET_EXPLANATIONS = 10;
export const DEFAULT_VERIFICATION_TIME_LIMIT_SECONDS = 2;
/** Solves a budget check may take before it gives up on bringing the case in. */
export const MAX_BUDGET_CHECK_SOLVES = 4;

export interface YearSpending {
  readonly year: number;
  readonly budget: number;
  readonly spent: number;
  readonly left: number;
}

/** What greedy "rank and fill" would have picked, beside the recommendation. */
export interface GreedyComparison {
  readonly selected: readonly string[];
  readonly totalScore: number;
  /** The recommendation's total score less greedy's; never negative, as greedy's portfolio seeds the solver. */
  readonly scoreDifference: number;
  readonly onlyInRecommended: readonly string[];
  readonly onlyInGreedy: readonly string[];
}

export interface RecommendedPortfolio {
  readonly outcome: 'portfolio';
  /** `optimal`: no portfolio scores more. `timeLimit`: the solver stopped first; see `bestBound` and `relativeGap`. */
  readonly status: SolveStatus;
  readonly tieBreak: TieBreak;
  /** In tie order. */
  readonly selected: readonly string[];
  readonly totalScore: number;
  /** No portfolio scores more than this; equals `totalScore` when optimal. */
  readonly bestBound: number;
  /**
   * (bestBound − totalScore) / totalScore: how much more, at most, a better portfolio could
   * score; 0 when optimal, null when the portfolio scores 0 and the bound does not.
   */
  readonly relativeGap: number | null;
  readonly spending: readonly YearSpending[];
  /** One per candidate, in the order of the input. */
  readonly explanations: readonly Explanation[];
  readonly greedy: GreedyComparison;
}

/** The mandatory cases cannot all be honoured; `conflicts` names the cases and years. */
export interface InfeasibleRound {
  readonly outcome: 'infeasible';
  readonly conflicts: readonly SelectionConflict[];
}

export type SelectionResult = RecommendedPortfolio | InfeasibleRound;

interface Solved {
  readonly round: Round;
  readonly selected: ReadonlySet<string>;
  readonly status: SolveStatus;
  readonly tieBreak: TieBreak;
  readonly boundUnits: number;
}

/**
 * The recommended portfolio of a priority round (docs/selection.md): the highest total score
 * within every year's budget frame, honouring mandatory cases, dependencies and alternatives,
 * solved as an integer program with HiGHS; ties broken by the tie order. A pure function of
 * its input and options, but for where a time limit cuts the solver short.
 */
export async function select(input: SelectionInput, options: SelectOptions = {}): Promise<SelectionResult> {
  const time = new SolverTime(options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS);
  const solved = await solveRound(input, time);
  if ('conflicts' in solved) return { outcome: 'infeasible', conflicts: solved.conflicts };
  const { round, selected } = solved;
  const totalUnits = unitsOf(round, selected);
  const boundUnits = Math.max(totalUnits, solved.boundUnits);
  const greedy = greedyPortfolio(round);
  const greedyUnits = unitsOf(round, greedy);
  const explanations = await explain(input, solved, options, time);
  const inOrder = (ids: Iterable<string>) => [...ids].sort((a, b) => round.rank.get(a)! - round.rank.get(b)!);
  const builder = new PortfolioBuilder(round, selected);
  return {
    outcome: 'portfolio',
    status: solved.status,
    tieBreak: solved.tieBreak,
    selected: inOrder(selected),
    totalScore: totalUnits / SCORE_UNITS_PER_POINT,
    bestBound: boundUnits / SCORE_UNITS_PER_POINT,
    relativeGap: totalUnits === 0 ? (boundUnits === 0 ? 0 : null) : (boundUnits - totalUnits) / totalUnits,
    spending: round.years.map((year) => ({ year, budget: round.budget.get(year)!, spent: builder.spentIn(year), left: builder.left(year) })),
    explanations,
    greedy: {
      selected: inOrder(greedy),
      totalScore: greedyUnits / SCORE_UNITS_PER_POINT,
      scoreDifference: (totalUnits - greedyUnits) / SCORE_UNITS_PER_POINT,
      onlyInRecommended: inOrder([...selected].filter((id) => !greedy.has(id))),
      onlyInGreedy: inOrder([...greedy].filter((id) => !selected.has(id))),
    },
  };
}

async function solveRound(input: SelectionInput, time: SolverTime): Promise<Solved | { conflicts: readonly SelectionConflict[] }> {
  const { round, conflicts } = prepareRound(input);
  if (conflicts.length > 0) return { conflicts };
  const start = greedyPortfolio(round);
  const outcome = solveFreeCases(await loadSolver(), round, start, time);
  let selected: ReadonlySet<string> = new Set([...round.forced, ...outcome.chosen]);
  // An answer cut short may leave room that the tie rule would have filled.
  if (outcome.tieBreak !== 'applied') selected = completePortfolio(round, selected);
  const forcedUnits = [...round.forced].reduce((sum, id) => sum + round.units.get(id)!, 0);
  return { round, selected, status: outcome.status, tieBreak: outcome.tieBreak, boundUnits: forcedUnits + outcome.boundUnits };
}

function unitsOf(round: Round, ids: Iterable<string>): number {
  let sum = 0;
  for (const id of ids) sum += round.units.get(id)!;
  return sum;
}

async function explain(input: SelectionInput, solved: Solved, options: SelectOptions, time: SolverTime): Promise<Explanation[]> {
  const { round, selected } = solved;
  const builder = new PortfolioBuilder(round, selected);
  const explanations = new Map<string, Explanation>();
  const budgetCases: string[] = [];
  for (const caseId of round.ranking) {
    const candidate = round.candidates.get(caseId)!;
    if (round.forced.has(caseId)) {
      const mandatoryItself = round.mandatory.has(caseId);
      const belowFloor = candidate.score === null || (round.floor !== null && round.units.get(caseId)! < scoreUnits(round.floor));
      const requiredBy = round.requiredBy.get(caseId)!.filter((id) => id !== caseId);
      explanations.set(caseId, { kind: 'mandatory', caseId, score: candidate.score, requiredBy, mandatoryItself, belowFloor });
      continue;
    }
    if (selected.has(caseId)) {
      explanations.set(caseId, { kind: 'selected', caseId, score: candidate.score! });
      continue;
    }
    const exclusion = round.excluded.get(caseId);
    if (exclusion) {
      explanations.set(caseId, exclusion.kind === 'alternative' ? { ...exclusion, caseId, via: null } : { ...exclusion, caseId });
      continue;
    }
    const alternative = alternativeOut(builder, caseId);
    if (alternative) {
      explanations.set(caseId, alternative);
      continue;
    }
    const bundle = builder.bundleOf(caseId);
    const shortfall = shortfallOf(builder, bundle);
    explanations.set(caseId, {
      kind: 'budget',
      caseId,
      score: candidate.score!,
      together: bundle.slice(1),
      shortfall,
      extra: shortfall.map(({ year, amount }) => ({ year, amount })),
      check: { outcome: 'notChecked' },
    });
    budgetCases.push(caseId);
  }

  const toVerify = budgetCases.slice(0, options.verifyBudgetExplanations ?? DEFAULT_VERIFIED_BUDGET_EXPLANATIONS);
  for (const caseId of toVerify) {
    if (time.left <= 0) break;
    const explanation = explanations.get(caseId) as BudgetExplanation;
    const slice = time.slice(options.verificationTimeLimitSeconds ?? DEFAULT_VERIFICATION_TIME_LIMIT_SECONDS);
    explanations.set(caseId, await checkBudget(input, solved, explanation, slice));
  }
  return input.candidates.map((c) => explanations.get(c.caseId)!);
}

type BudgetExplanation = Extract<Explanation, { kind: 'budget' }>;

/** The case is out because it, or a case it requires, is an alternative to a selected case. */
function alternativeOut(builder: PortfolioBuilder, caseId: string): Explanation | undefined {
  for (const member of builder.bundleOf(caseId)) {
    const chosen = builder.alternativesSelected([member]);
    if (chosen.length > 0) return { kind: 'alternative', caseId, chosen, via: member === caseId ? null : member };
  }
  return undefined;
}

function shortfallOf(builder: PortfolioBuilder, bundle: readonly string[]): YearShortfall[] {
  return builder
    .shortfall(bundle)
    .filter((y) => y.shortfall > 0)
    .map(({ year, cost, left, shortfall }) => ({ year, cost, left, amount: shortfall }));
}

/**
 * Solves the round again with the extra money the explanation names; while the best portfolio
 * spends it on other cases, adds what the case then lacks beside that portfolio and solves
 * again, at most MAX_BUDGET_CHECK_SOLVES times (docs/selection.md, "Left out for lack of budget").
 */
async function checkBudget(input: SelectionInput, solved: Solved, explanation: BudgetExplanation, time: SolverTime): Promise<BudgetExplanation> {
  const { caseId } = explanation;
  const extra = new Map<number, number>();
  for (const { year, amount } of explanation.extra) extra.set(year, amount);
  const extraList = () => [...extra].filter(([, amount]) => amount > 0).sort(([a], [b]) => a - b).map(([year, amount]) => ({ year, amount }));
  const inOrder = (ids: string[]) => ids.sort((a, b) => solved.round.rank.get(a)! - solved.round.rank.get(b)!);
  for (let solves = 1; solves <= MAX_BUDGET_CHECK_SOLVES; solves++) {
    if (time.left <= 0) return { ...explanation, check: { outcome: 'undecided' } };
    const budgetByYear: Record<number, number> = { ...input.budgetByYear };
    for (const [year, amount] of extra) budgetByYear[year] = budgetByYear[year]! + amount;
    const again = await solveRound({ ...input, budgetByYear }, time);
    // More money cannot make the mandatory cases conflict, so `again` is a portfolio.
    if ('conflicts' in again || again.status !== 'optimal' || again.tieBreak !== 'applied') return { ...explanation, check: { outcome: 'undecided' } };
    if (again.selected.has(caseId)) return { ...explanation, extra: extraList(), check: { outcome: 'joins', solves } };
    const builder = new PortfolioBuilder(again.round, again.selected);
    const lacking = shortfallOf(builder, builder.bundleOf(caseId));
    if (alternativeOut(builder, caseId) || lacking.length === 0 || solves === MAX_BUDGET_CHECK_SOLVES) {
      return {
        ...explanation,
        extra: extraList(),
        check: {
          outcome: 'otherPreferred',
          solves,
          added: inOrder([...again.selected].filter((id) => !solved.selected.has(id))),
          removed: inOrder([...solved.selected].filter((id) => !again.selected.has(id))),
        },
      };
    }
    for (const { year, amount } of lacking) extra.set(year, (extra.get(year) ?? 0) + amount);
  }
  throw new Error('unreachable: the last solve returns');
}

/**
 * How the solver's stop reads to the user, when it did not prove the portfolio optimal or did
 * not finish the tie rule; null when there is nothing to say (docs/selection.md, "Time limit and gap").
 */
export function renderSolverStatus(result: RecommendedPortfolio, language: Language, timeLimitSeconds = DEFAULT_TIME_LIMIT_SECONDS): string | null {
  const en = language === 'en';
  const locale = en ? 'en-GB' : 'nb-NO';
  if (result.status === 'optimal') {
    if (result.tieBreak === 'applied') return null;
    return en
      ? `No portfolio scores more than this one, but the solver reached its time limit of ${timeLimitSeconds} s before it had applied the tie rule among the portfolios that score the same.`
      : `Ingen portefølje gir høyere poengsum enn denne, men løseren nådde tidsgrensen på ${timeLimitSeconds} s før den hadde brukt regelen for likt resultat mellom porteføljene som gir samme poengsum.`;
  }
  const bound = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(result.bestBound);
  if (result.relativeGap === null) {
    return en
      ? `The solver stopped at its time limit of ${timeLimitSeconds} s before proving this portfolio the best: a better one could score at most ${bound}.`
      : `Løseren stoppet ved tidsgrensen på ${timeLimitSeconds} s før den kunne bevise at denne porteføljen er best: en bedre kan gi høyst ${bound} poeng.`;
  }
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(result.relativeGap);
  return en
    ? `The solver stopped at its time limit of ${timeLimitSeconds} s before proving this portfolio the best: a better one could score at most ${percent} more (at most ${bound} in all).`
    : `Løseren stoppet ved tidsgrensen på ${timeLimitSeconds} s før den kunne bevise at denne porteføljen er best: en bedre kan gi høyst ${percent} mer (høyst ${bound} poeng i alt).`;
}
