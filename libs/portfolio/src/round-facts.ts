import type { TransactionSql } from '#flyt/workflow-runtime';
import type { RoundFacts } from '#workflows/priority-round/priority-round.machine';
import { casesToVoteOn, conflictsThatCount, setupMissing } from './rounds/round-setup.js';
import { decisionsOf, type ScenarioResult } from './rounds/round-result.js';
import { tally } from './domain/index.js';
import { type RoundData, RoundStore } from './round-store.js';

export interface RoundFactsRead extends RoundFacts {
  /** Members whose ballot is complete (every case they may vote on is scored). */
  membersWhoHaveVoted?: readonly string[];
}

/**
 * The facts the round's guards read (docs/priority-rounds.md), computed from its data in the
 * caller's transaction; for an event under the round's lock. RECOMMEND is checked against the
 * scenario it names; APPROVE carries each candidate's outcome under the recommended scenario.
 */
export async function roundFacts(
  sql: TransactionSql,
  roundId: string,
  event?: { type: string; payload: unknown },
  /** The round's data when the caller has just read it, so it is not read twice. */
  loaded?: RoundData,
): Promise<RoundFactsRead> {
  const data = loaded ?? (await RoundStore.data(sql, roundId));
  if (!data) return {};
  const missing = setupMissing({
    title: data.round.title,
    budget: data.budget,
    criteria: data.criteria,
    memberIds: data.members.map((m) => m.userId),
    candidates: data.candidates,
  });
  const votes = await RoundStore.votes(sql, roundId);
  const ballots = RoundStore.ballotsOf(votes);
  const conflicts = conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null })));
  const candidateIds = data.candidates.map((c) => c.caseId);
  const memberIds = data.members.map((m) => m.userId);
  const membersWhoHaveVoted = memberIds.filter(
    (id) =>
      casesToVoteOn(
        candidateIds,
        id,
        ballots.find((b) => b.memberId === id),
        conflicts,
      ).length === 0,
  );
  let quorumReached = false;
  if (missing.length === 0) {
    const counted = tally({
      criteria: data.criteria.map((c) => ({ key: c.key, label: { nb: c.labelNb, en: c.labelEn } })),
      weights: Object.fromEntries(data.criteria.map((c) => [c.key, c.weight])),
      caseIds: candidateIds,
      memberIds,
      ballots,
      conflicts,
      quorum: data.round.quorum,
    });
    quorumReached = counted.quorum.reached;
  }
  const facts: RoundFactsRead = {
    readyToOpen: missing.length === 0,
    setupMissing: missing,
    quorumReached,
    allVoted: memberIds.length > 0 && membersWhoHaveVoted.length === memberIds.length,
    membersWhoHaveVoted,
  };
  const scenarios = await RoundStore.scenarios(sql, roundId);
  const usable = (result: Record<string, unknown>) => (result as unknown as ScenarioResult).selection?.outcome === 'portfolio';
  if (event?.type === 'RECOMMEND') {
    const scenarioId = (event.payload as { scenarioId?: string }).scenarioId;
    facts.scenarioReady = scenarios.some((s) => s.id === scenarioId && usable(s.result));
  } else {
    facts.scenarioReady = scenarios.some((s) => usable(s.result));
  }
  const recommended = scenarios.find((s) => s.id === data.round.recommendedScenarioId);
  if (recommended && (event === undefined || event.type === 'APPROVE')) {
    facts.decisions = decisionsOf(data.round, data.candidates, recommended.result as unknown as ScenarioResult);
  }
  return facts;
}
