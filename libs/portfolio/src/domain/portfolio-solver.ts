import highsPackage, { type Highs, type ModelData } from 'highs';
import { brokenRules, costIn, type Round } from './portfolio-rules.js';

type HighsModel = ReturnType<Highs['createModel']>;

// The package's typings describe its CommonJS build, where the default import is the module
// object; at run time both builds' default export is the loader itself.
const loadHighs: typeof highsPackage.default = typeof highsPackage === 'function' ? highsPackage : highsPackage.default;

let solver: Promise<Highs> | undefined;

/** HiGHS compiled to WebAssembly, compiled and instantiated once per process. */
export function loadSolver(): Promise<Highs> {
  solver ??= loadHighs().catch((error: unknown) => {
    solver = undefined;
    throw error;
  });
  return solver;
}

export type SolveStatus = 'optimal' | 'timeLimit';
/** `applied`: the tie rule decided among all optimal portfolios; `incomplete`: time ran out while it did; `notApplied`: the score was not proven optimal. */
export type TieBreak = 'applied' | 'incomplete' | 'notApplied';

export interface SolveOutcome {
  /** The free cases chosen (forced cases not included). */
  readonly chosen: ReadonlySet<string>;
  readonly status: SolveStatus;
  /** The chosen free cases' score, in score units. */
  readonly objectiveUnits: number;
  /** No portfolio of the free cases scores more than this, in score units. */
  readonly boundUnits: number;
  readonly tieBreak: TieBreak;
}

/**
 * The objective is whole score units, so a portfolio within less than one unit of the bound is
 * optimal. The sub-MIP heuristics RINS and RENS are off: on portfolio models they spent most of
 * the time without finding better portfolios than the search itself (docs/selection.md, "The integer program").
 */
const SOLVER_OPTIONS = {
  output_flag: false,
  presolve: 'on',
  mip_rel_gap: 0,
  mip_abs_gap: 0.999,
  mip_heuristic_run_rins: false,
  mip_heuristic_run_rens: false,
} as const;
/** HiGHS refuses a time limit of zero; a spent budget still gets this much, to report what it has. */
const MIN_TIME_LIMIT_SECONDS = 0.001;

/**
 * Seconds of solver time left to a selection, spent by every HiGHS run that belongs to it. It
 * counts HiGHS's own run clock, so the domain reads no clock of its own.
 */
export class SolverTime {
  constructor(private seconds: number) {}

  get left(): number {
    return Math.max(0, this.seconds);
  }

  spend(seconds: number): void {
    this.seconds -= seconds;
    this.parent?.spend(seconds);
  }

  /** At most `seconds` of what is left, charged to this budget as it is spent. */
  slice(seconds: number): SolverTime {
    const part = new SolverTime(Math.min(seconds, this.left));
    part.parent = this;
    return part;
  }

  private parent: SolverTime | undefined;
}

const MODEL_STATUS = { optimal: 7, infeasible: 8, timeLimit: 13, iterationLimit: 14, solutionLimit: 16, interrupted: 17 } as const;
const PRIMAL_FEASIBLE = 2;

/**
 * The integer program over the free cases (docs/selection.md, "The integer program"): one binary per
 * case whose bundle fits the budget left after the forced cases; a budget row per year that
 * could bind; x_case ≤ x_required per dependency; Σ x ≤ 1 per group of alternatives.
 * Maximises the score in whole score units. `start` (a feasible portfolio, e.g. greedy's)
 * seeds the search.
 */
export function buildModel(highs: Highs, round: Round): { data: ModelData; columns: readonly string[] } | undefined {
  const columns = round.free.filter((id) => round.years.every((year) => bundleCost(round, id, year) <= round.remaining.get(year)!));
  if (columns.length === 0) return undefined;
  const index = new Map(columns.map((id, i) => [id, i]));
  const rows: { entries: [number, number][]; upper: number }[] = [];
  for (const year of round.years) {
    const entries: [number, number][] = [];
    let total = 0;
    for (const id of columns) {
      const cost = costIn(round.candidates.get(id)!, year);
      if (cost > 0) entries.push([index.get(id)!, cost]);
      total += cost;
    }
    // A year the free cases cannot overspend together needs no row.
    if (total > round.remaining.get(year)!) rows.push({ entries, upper: round.remaining.get(year)! });
  }
  for (const id of columns) {
    for (const required of round.prerequisites.get(id)!) {
      if (round.forced.has(required)) continue;
      rows.push({ entries: [[index.get(id)!, 1], [index.get(required)!, -1]], upper: 0 });
    }
  }
  for (const group of round.groups) {
    const members = group.filter((id) => index.has(id));
    if (members.length > 1) rows.push({ entries: members.map((id) => [index.get(id)!, 1]), upper: 1 });
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    for (const [column, value] of row.entries.sort((a, b) => a[0] - b[0])) {
      indices.push(column);
      values.push(value);
    }
    starts.push(indices.length);
  }
  const n = columns.length;
  const data: ModelData = {
    numCols: n,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: columns.map((id) => round.units.get(id)!),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: new Float64Array(rows.length).fill(-highs.infinity),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
    integrality: new Int32Array(n).fill(highs.constants.variableType.integer),
  };
  return { data, columns };
}

function bundleCost(round: Round, id: string, year: number): number {
  return [id, ...round.closure.get(id)!].filter((c) => !round.forced.has(c)).reduce((sum, c) => sum + costIn(round.candidates.get(c)!, year), 0);
}

/**
 * Solves for the best portfolio of the free cases, then applies the tie rule among the
 * optimal ones: going down the tie order, each case is fixed in when some optimal portfolio
 * with the decisions so far holds it, and out otherwise (docs/selection.md, "The tie rule").
 * Every HiGHS run spends from `time`.
 */
export function solveFreeCases(highs: Highs, round: Round, start: ReadonlySet<string>, time: SolverTime): SolveOutcome {
  const built = buildModel(highs, round);
  if (!built) return { chosen: new Set(), status: 'optimal', objectiveUnits: 0, boundUnits: 0, tieBreak: 'applied' };
  const { data, columns } = built;
  const startValues = columns.map((id) => (start.has(id) ? 1 : 0));
  const model = highs.createModel(data);
  try {
    model.options.set({ ...SOLVER_OPTIONS, time_limit: Math.max(time.left, MIN_TIME_LIMIT_SECONDS) });
    model.setSolution({ colValue: startValues });
    const status = runStatus(model, time);
    let x = status.feasible ? checkedSolution(model, round, columns) : startValues;
    const objectiveUnits = dot(data.colCost as number[], x);
    if (status.kind !== 'optimal') {
      const bound = Math.floor(Number(model.info.get('mip_dual_bound')) + 1e-6);
      return { chosen: chosenOf(columns, x), status: 'timeLimit', objectiveUnits, boundUnits: Math.max(bound, objectiveUnits), tieBreak: 'notApplied' };
    }
    const tie = breakTies(highs, model, data, round, columns, x, objectiveUnits, time);
    x = tie.x;
    return { chosen: chosenOf(columns, x), status: 'optimal', objectiveUnits, boundUnits: objectiveUnits, tieBreak: tie.complete ? 'applied' : 'incomplete' };
  } finally {
    model.dispose();
  }
}

function breakTies(
  highs: Highs,
  model: HighsModel,
  data: ModelData,
  round: Round,
  columns: readonly string[],
  optimum: number[],
  objectiveUnits: number,
  time: SolverTime,
): { x: number[]; complete: boolean } {
  const n = data.numCols;
  const upperBounds = reducedCostBounds(highs, data, time);
  let x = optimum;
  // From here on only feasibility matters: a portfolio of optimal score with the fixings so far.
  model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, new Float64Array(n));
  model.addRow(objectiveUnits - 0.5, highs.infinity, { indices: Array.from({ length: n }, (_, i) => i), values: data.colCost });
  // Columns are in tie order (round.free is), so this walks the tie order.
  for (let j = 0; j < n; j++) {
    if (x[j] === 1) {
      model.changeColBounds(j, 1, 1);
      continue;
    }
    if (upperBounds[j]! < objectiveUnits - 0.5) {
      model.changeColBounds(j, 0, 0);
      continue;
    }
    if (time.left <= 0) return { x, complete: false };
    model.changeColBounds(j, 1, 1);
    model.options.set('time_limit', Math.max(time.left, MIN_TIME_LIMIT_SECONDS));
    model.zeroAllClocks();
    const status = runStatus(model, time);
    if (status.kind === 'optimal' && status.feasible) {
      x = checkedSolution(model, round, columns);
    } else if (status.kind === 'infeasible') {
      model.changeColBounds(j, 0, 0);
    } else {
      return { x, complete: false };
    }
  }
  return { x, complete: true };
}

/**
 * For each column, a bound on the best score of any portfolio holding it, from the LP
 * relaxation's reduced costs: z_LP + d_j for a column at zero. Columns whose bound is below
 * the optimum cannot be in an optimal portfolio, and the tie rule needs no solve for them.
 */
function reducedCostBounds(highs: Highs, data: ModelData, time: SolverTime): number[] {
  const { integrality: _, ...relaxed } = data;
  const lp = highs.createModel(relaxed);
  try {
    lp.options.set({ output_flag: false, time_limit: Math.max(time.left, MIN_TIME_LIMIT_SECONDS) });
    lp.run();
    time.spend(lp.getRunTime());
    if (lp.getModelStatus() !== MODEL_STATUS.optimal) return new Array<number>(data.numCols).fill(Number.POSITIVE_INFINITY);
    const z = lp.getObjectiveValue();
    const { colDual } = lp.getSolution();
    // A small allowance keeps the relaxation's rounding from ruling a case out.
    return Array.from(colDual, (d) => z + Math.min(0, d) + 1e-6 * Math.max(1, Math.abs(z)));
  } finally {
    lp.dispose();
  }
}

function runStatus(model: HighsModel, time: SolverTime): { kind: 'optimal' | 'infeasible' | 'stopped'; feasible: boolean } {
  model.run();
  time.spend(model.getRunTime());
  const status = model.getModelStatus();
  const feasible = Number(model.info.get('primal_solution_status')) === PRIMAL_FEASIBLE;
  if (status === MODEL_STATUS.optimal) return { kind: 'optimal', feasible };
  if (status === MODEL_STATUS.infeasible) return { kind: 'infeasible', feasible: false };
  if ([MODEL_STATUS.timeLimit, MODEL_STATUS.iterationLimit, MODEL_STATUS.solutionLimit, MODEL_STATUS.interrupted].includes(status as 13)) return { kind: 'stopped', feasible };
  // The round's rules are checked before the solver runs, so the model always has a solution.
  throw new Error(`HiGHS ended with model status ${status}, which the portfolio model should never reach`);
}

/**
 * The solver's portfolio, rounded to whole decisions and checked against the round's rules in
 * exact kroner: HiGHS works in floating point within tolerances, and a portfolio over budget by
 * a krone is a bug to surface, never a recommendation.
 */
function checkedSolution(model: HighsModel, round: Round, columns: readonly string[]): number[] {
  const x = Array.from(model.getSolution().colValue, (v) => (v > 0.5 ? 1 : 0));
  const chosen = new Set([...round.forced, ...chosenOf(columns, x)]);
  const broken = brokenRules(round, chosen);
  if (broken.length > 0) throw new Error(`HiGHS returned a portfolio that breaks the round's rules: ${broken.join('; ')}`);
  return x;
}

function chosenOf(columns: readonly string[], x: readonly number[]): Set<string> {
  return new Set(columns.filter((_, i) => x[i] === 1));
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i]!, 0);
}
