// The portfolio's domain: the tally of a priority round's ballots and the selection of the
// recommended portfolio. Plain TypeScript with no Nest, database or clock of its own (the
// solver's time limit runs on HiGHS's clock); docs/selection.md explains the rules.
//
//   tally(input: TallyInput): Tally                                  (throws InputInvalid)
//   recordBallot(ballots, ballot): Ballot[]
//   normaliseWeights(criteria, weights): Map<string, number>         (throws InputInvalid)
//   candidatesFromTally(tally, costByCase): SelectionCandidate[]
//   select(input: SelectionInput, options?: SelectOptions): Promise<SelectionResult>   (throws InputInvalid)
//   renderExplanation(explanation, 'nb' | 'en', name?): string
//   renderConflict(conflict, 'nb' | 'en', name?): string
//   renderSolverStatus(portfolio, 'nb' | 'en', timeLimitSeconds?): string | null
//   loadSolver(): Promise<Highs>   (loads HiGHS once per process; call it at start-up to pay the load early)
export { type Criterion, type CriterionWeights, DEFAULT_CRITERIA, equalWeights, MAX_SCORE, MIN_SCORE, normaliseWeights } from './criteria.js';
export {
  type Ballot,
  type CaseTally,
  type ConflictOfInterest,
  type CriterionScores,
  DEFAULT_QUORUM,
  type NotScoredReason,
  type QuorumResult,
  recordBallot,
  type Tally,
  tally,
  type TallyInput,
} from './tally.js';
export { type AmountByYear, candidatesFromTally, type Dependency, type SelectionCandidate, type SelectionInput, validateSelectionInput } from './selection-input.js';
export { compareForTies, type Exclusion, SCORE_UNITS_PER_POINT, type SelectionConflict } from './portfolio-rules.js';
export { loadSolver, type SolveStatus, type TieBreak } from './portfolio-solver.js';
export {
  type BudgetCheck,
  type CaseName,
  type Explanation,
  formatNok,
  type Language,
  renderConflict,
  renderExplanation,
  type YearAmount,
  type YearShortfall,
} from './explanations.js';
export {
  DEFAULT_TIME_LIMIT_SECONDS,
  DEFAULT_VERIFICATION_TIME_LIMIT_SECONDS,
  DEFAULT_VERIFIED_BUDGET_EXPLANATIONS,
  type GreedyComparison,
  type InfeasibleRound,
  MAX_BUDGET_CHECK_SOLVES,
  type RecommendedPortfolio,
  renderSolverStatus,
  select,
  type SelectionResult,
  type SelectOptions,
  type YearSpending,
} from './selection.js';
