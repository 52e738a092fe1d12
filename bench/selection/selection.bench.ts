// `npm run bench:selection`: the tally and the portfolio selection of a priority round
// (docs/selection.md) at 50, 200 and 1,000 candidates over a three-year budget frame with
// dependencies, alternatives, mandatory cases and a score floor, several seeded rounds per size,
// beside greedy "rank and fill" on the same input (its time and total score). Pure computation:
// no database, no Redis. BENCH_SELECTION_SEEDS sets the rounds per size (default 5),
// BENCH_SELECTION_SIZES the sizes (default 50,200,1000).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  candidatesFromTally,
  DEFAULT_TIME_LIMIT_SECONDS,
  loadSolver,
  type RecommendedPortfolio,
  select,
  type SelectionInput,
  tally,
} from '#flyt/portfolio';
import { writeResultsSection } from '../support/bench-report.js';
import { generateRound, MEMBERS, YEARS } from './round-instances.js';

const SIZES = (process.env.BENCH_SELECTION_SIZES ?? '50,200,1000').split(',').map(Number);
const SEEDS = Number(process.env.BENCH_SELECTION_SEEDS ?? 5);

interface Run {
  readonly size: number;
  readonly seed: number;
  readonly tallyMs: number;
  /** `select` without budget-explanation checks: the portfolio, its tie rule and the greedy comparison. */
  readonly solveMs: number;
  /** `select` as the round calls it: with the default checks of budget explanations. */
  readonly explainedMs: number;
  readonly greedyMs: number;
  readonly result: RecommendedPortfolio;
  readonly checked: number;
}

/** Greedy on its own, as CONSUL-style tools do it: rank by score, take each case that still fits every year. */
function greedyAlone(input: SelectionInput): number {
  const left = new Map(Object.entries(input.budgetByYear).map(([y, b]) => [Number(y), b]));
  const ranked = [...input.candidates].filter((c) => c.score !== null).sort((a, b) => b.score! - a.score!);
  let total = 0;
  for (const c of ranked) {
    const years = Object.entries(c.costByYear).map(([y, cost]) => [Number(y), cost] as const);
    if (years.every(([y, cost]) => cost <= left.get(y)!)) {
      for (const [y, cost] of years) left.set(y, left.get(y)! - cost);
      total += c.score!;
    }
  }
  return total;
}

async function measure(size: number, seed: number): Promise<Run> {
  const round = generateRound(size, seed);
  let t = performance.now();
  const counted = tally(round.tallyInput);
  const tallyMs = performance.now() - t;
  const input: SelectionInput = {
    candidates: candidatesFromTally(counted, round.costByCase),
    budgetByYear: round.budgetByYear,
    mandatory: round.mandatory,
    dependencies: round.dependencies,
    alternatives: round.alternatives,
    scoreFloor: round.scoreFloor,
  };
  t = performance.now();
  const result = await select(input, { verifyBudgetExplanations: 0 });
  const solveMs = performance.now() - t;
  t = performance.now();
  const explained = await select(input);
  const explainedMs = performance.now() - t;
  t = performance.now();
  greedyAlone(input);
  const greedyMs = performance.now() - t;
  if (result.outcome !== 'portfolio' || explained.outcome !== 'portfolio') throw new Error(`round ${size}/${seed} is infeasible; the generator should not make such rounds`);
  const checked = explained.explanations.filter((e) => e.kind === 'budget' && e.check.outcome !== 'notChecked').length;
  return { size, seed, tallyMs, solveMs, explainedMs, greedyMs, result, checked };
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const score = (value: number) => value.toFixed(2);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

async function main(): Promise<void> {
  // The package exports no package.json; read it beside its entry point.
  const highsEntry = createRequire(import.meta.url).resolve('highs');
  const highsVersion = (JSON.parse(readFileSync(join(dirname(highsEntry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  let t = performance.now();
  await loadSolver();
  const loadMs = performance.now() - t;
  // The first solves in a process run HiGHS's WebAssembly before V8 has optimised it; one round
  // of each size first, so that the figures are those of a process that has solved before.
  t = performance.now();
  for (const size of SIZES) await select({ ...toInput(size, 0) }, { verifyBudgetExplanations: 0, timeLimitSeconds: 2 });
  const warmUpMs = performance.now() - t;

  const runs: Run[] = [];
  for (const size of SIZES) {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const run = await measure(size, seed);
      runs.push(run);
      const r = run.result;
      console.log(
        `${size} candidates, seed ${seed}: tally ${ms(run.tallyMs)} ms, select ${ms(run.solveMs)} ms (${r.status}, tie rule ${r.tieBreak}, gap ${r.relativeGap === null ? '–' : (r.relativeGap * 100).toFixed(3)} %), ` +
          `with ${run.checked} budget checks ${ms(run.explainedMs)} ms; ${r.selected.length} selected, score ${score(r.totalScore)} vs greedy ${score(r.greedy.totalScore)} (+${score(r.greedy.scoreDifference)}), greedy alone ${ms(run.greedyMs)} ms`,
      );
    }
  }

  const cpu = cpus();
  const lines = [
    '## Portfolio selection (`npm run bench:selection`)',
    '',
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}, HiGHS ${highsVersion} (WebAssembly, one thread).`,
    `Load average when the run ended: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (other work shared the cores).`,
    '',
    `Seeded rounds from \`bench/selection/round-instances.ts\`: ${MEMBERS} members scoring every case on the five default criteria, a ${YEARS[0]}–${YEARS[YEARS.length - 1]} frame holding 35 % of what the candidates cost each year, ` +
      'one case in twelve requiring another, one in twenty-five heading a group of alternatives, one in fifty mandatory, score floor 1.5. ' +
      `Solver time limit ${DEFAULT_TIME_LIMIT_SECONDS} s. Loading HiGHS took ${ms(loadMs)} ms; the warm-up solves before the measurements ${ms(warmUpMs)} ms.`,
    '',
    '"select" is the portfolio with its tie rule, the greedy comparison and every explanation, without re-solving; "with checks" also re-solves the ten best-ranked budget explanations (the default). ' +
      '"greedy" is rank-and-fill alone on the same candidates.',
    '',
    '| candidates | seed | tally ms | select ms | status | tie rule | gap | with checks ms | selected | score | greedy score | difference | greedy ms |',
    '|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((run) => {
      const r = run.result;
      const gap = r.relativeGap === null ? '–' : `${(r.relativeGap * 100).toFixed(3)} %`;
      return `| ${run.size} | ${run.seed} | ${ms(run.tallyMs)} | ${ms(run.solveMs)} | ${r.status} | ${r.tieBreak} | ${gap} | ${ms(run.explainedMs)} | ${r.selected.length} | ${score(r.totalScore)} | ${score(r.greedy.totalScore)} | +${score(r.greedy.scoreDifference)} | ${ms(run.greedyMs)} |`;
    }),
    '',
    '| candidates | median tally ms | median select ms | slowest select ms | proven optimal | median gap | median gain over greedy |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...SIZES.map((size) => {
      const of = runs.filter((r) => r.size === size);
      const gaps = of.map((r) => r.result.relativeGap ?? Number.POSITIVE_INFINITY);
      return `| ${size} | ${ms(median(of.map((r) => r.tallyMs)))} | ${ms(median(of.map((r) => r.solveMs)))} | ${ms(Math.max(...of.map((r) => r.solveMs)))} | ${of.filter((r) => r.result.status === 'optimal').length} of ${of.length} | ${(median(gaps) * 100).toFixed(3)} % | +${score(median(of.map((r) => r.result.greedy.scoreDifference)))} |`;
    }),
  ];
  writeResultsSection('selection', lines.join('\n'));
}

function toInput(size: number, seed: number): SelectionInput {
  const round = generateRound(size, seed);
  return {
    candidates: candidatesFromTally(tally(round.tallyInput), round.costByCase),
    budgetByYear: round.budgetByYear,
    mandatory: round.mandatory,
    dependencies: round.dependencies,
    alternatives: round.alternatives,
    scoreFloor: round.scoreFloor,
  };
}

await main();
