import {
  type Ballot,
  type ConflictOfInterest,
  type Criterion,
  type Explanation,
  type Language,
  renderExplanation,
  renderSolverStatus,
  type SelectionResult,
  select,
  type Tally,
  tally,
} from '../domain/index.js';
import type { RoundDecision } from '#workflows/priority-round/priority-round.machine';

/** What a scenario changes from the round's own set-up; what it leaves out is the round's. */
export interface ScenarioParameters {
  budgetByYear?: Readonly<Record<string, number>>;
  weights?: Readonly<Record<string, number>>;
  scoreFloor?: number | null;
  mandatory?: readonly string[];
}

/** The round as the tally and the selection read it. */
export interface RoundForResult {
  criteria: readonly (Criterion & { weight: number })[];
  budgetByYear: Readonly<Record<string, number>>;
  scoreFloor: number | null;
  quorum: number;
  memberIds: readonly string[];
  candidates: readonly { caseId: string; reference: string; costByYear: Readonly<Record<string, number>>; mandatory: boolean }[];
  dependencies: readonly { caseId: string; requires: string }[];
  alternatives: readonly (readonly string[])[];
  ballots: readonly Ballot[];
  conflicts: readonly ConflictOfInterest[];
}

/** A scenario's result as stored: the tally and the selection, with each explanation in both languages. */
export interface ScenarioResult {
  parametersInForce: { budgetByYear: Record<string, number>; weights: Record<string, number>; scoreFloor: number | null; mandatory: string[] };
  tally: Tally;
  selection: SelectionResult;
  /** Per candidate, in the round's order: the explanation in words. */
  explanations: { caseId: string; nb: string; en: string }[];
  solverNote: { nb: string; en: string } | null;
}

/**
 * Tallies the ballots and selects the portfolio for a round under a scenario's parameters
 * (docs/priority-rounds.md, "Scenarios"); the ballots are read, never changed.
 */
export async function scenarioResult(round: RoundForResult, parameters: ScenarioParameters, options: { timeLimitSeconds?: number } = {}): Promise<ScenarioResult> {
  const weights = parameters.weights ?? Object.fromEntries(round.criteria.map((c) => [c.key, c.weight]));
  const budgetByYear = { ...(parameters.budgetByYear ?? round.budgetByYear) };
  const scoreFloor = parameters.scoreFloor === undefined ? round.scoreFloor : parameters.scoreFloor;
  const mandatory = [...(parameters.mandatory ?? round.candidates.filter((c) => c.mandatory).map((c) => c.caseId))];
  const counted = tally({
    criteria: round.criteria,
    weights,
    caseIds: round.candidates.map((c) => c.caseId),
    memberIds: round.memberIds,
    ballots: round.ballots,
    conflicts: round.conflicts,
    quorum: round.quorum,
  });
  const budget = Object.fromEntries(Object.entries(budgetByYear).map(([year, amount]) => [Number(year), amount]));
  const selection = await select(
    {
      candidates: counted.cases.map((c) => ({
        caseId: c.caseId,
        score: c.score,
        ...(c.notScoredBecause ? { notScoredBecause: c.notScoredBecause } : {}),
        costByYear: Object.fromEntries(
          Object.entries(round.candidates.find((k) => k.caseId === c.caseId)!.costByYear)
            .filter(([year]) => Object.hasOwn(budgetByYear, year))
            .map(([year, amount]) => [Number(year), amount]),
        ),
      })),
      budgetByYear: budget,
      mandatory,
      dependencies: round.dependencies,
      alternatives: round.alternatives,
      ...(scoreFloor === null ? {} : { scoreFloor }),
    },
    options,
  );
  const name = (id: string) => round.candidates.find((c) => c.caseId === id)?.reference ?? id;
  const explanations =
    selection.outcome === 'portfolio'
      ? selection.explanations.map((e: Explanation) => ({ caseId: e.caseId, nb: renderExplanation(e, 'nb', name), en: renderExplanation(e, 'en', name) }))
      : [];
  const note = (language: Language) => (selection.outcome === 'portfolio' ? renderSolverStatus(selection, language, options.timeLimitSeconds) : null);
  const nb = note('nb');
  return {
    parametersInForce: { budgetByYear, weights: { ...weights }, scoreFloor, mandatory },
    tally: counted,
    selection,
    explanations,
    solverNote: nb ? { nb, en: note('en')! } : null,
  };
}

/**
 * What the round's approval does with each candidate (docs/priority-rounds.md, "Approval"): the
 * selected cases are prioritised with their cost in each year of the frame as the allocation; the
 * others are deferred to the next round, or declined where the secretariat chose so, with the reason.
 */
export function decisionsOf(
  round: { id: string; title: string },
  candidates: readonly { caseId: string; costByYear: Readonly<Record<string, number>>; ifLeftOut: 'defer' | 'decline'; declineReason: string | null }[],
  result: ScenarioResult,
): RoundDecision[] {
  if (result.selection.outcome !== 'portfolio') return [];
  const selected = new Set(result.selection.selected);
  const years = Object.keys(result.parametersInForce.budgetByYear).map(Number).sort((a, b) => a - b);
  return candidates.map((candidate): RoundDecision => {
    const score = result.tally.cases.find((c) => c.caseId === candidate.caseId)?.score ?? null;
    // Every candidate of a portfolio has an explanation; the case refuses an empty one, so never send it.
    const explanation = result.explanations.find((e) => e.caseId === candidate.caseId)?.nb ?? `Avgjort i ${round.title}.`;
    const common = { roundId: round.id, roundTitle: round.title, score: score === null ? null : Math.round(score * 1000) / 1000, explanation };
    if (selected.has(candidate.caseId)) {
      const byYear = years.map((year) => ({ year, amountNok: candidate.costByYear[String(year)] ?? 0 }));
      return {
        caseId: candidate.caseId,
        type: 'PRIORITISE',
        payload: { ...common, allocation: { amountNok: byYear.reduce((sum, y) => sum + y.amountNok, 0), byYear } },
      };
    }
    if (candidate.ifLeftOut === 'decline') return { caseId: candidate.caseId, type: 'DECLINE', payload: { ...common, reason: candidate.declineReason ?? explanation } };
    return { caseId: candidate.caseId, type: 'DEFER', payload: { ...common, reason: `Ikke med i porteføljen til ${round.title}; venter på neste prioriteringsrunde.` } };
  });
}
