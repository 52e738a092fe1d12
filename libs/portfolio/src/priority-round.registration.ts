import { holdersOfRole } from '#flyt/organisation';
import type { SendOutcome, TransactionSql, WorkflowRegistration } from '#flyt/workflow-runtime';
import { PRIORITY_ROUND_WORKFLOW } from '#workflows/priority-round/priority-round.workflow';
import { ROUND_RECIPIENTS, type PriorityRoundContext, type RoundFacts } from '#workflows/priority-round/priority-round.machine';
import { RoundStore } from './round-store.js';
import { roundFacts } from './round-facts.js';

/**
 * The round row mirrors its workflow instance: state, closing time, recommendation and approval are
 * written in the event's own transaction, whoever sends it (a person, the deadline). An approved or
 * cancelled round lets go of its candidates, so they can join the next round.
 */
export async function projectRound(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  if (outcome.from === null) return; // written beside the start, by RoundsService.create
  const context = outcome.state.context as PriorityRoundContext;
  await tx.query(
    `UPDATE priority_round
        SET state = $2, closes_at = $3, recommended_scenario_id = $4, updated_at = now(),
            approved_at = CASE WHEN $2 = 'approved' AND approved_at IS NULL THEN now() ELSE approved_at END
      WHERE id = $1`,
    [outcome.instanceId, outcome.to, context.closesAt, context.recommendation?.scenarioId ?? null],
  );
  if (outcome.to === 'approved' || outcome.to === 'cancelled') {
    await tx.query(`UPDATE priority_round_candidate SET active = false WHERE round_id = $1`, [outcome.instanceId]);
  }
}

/** What people call a round in notifications. */
export async function roundSubject(sql: TransactionSql, roundId: string): Promise<{ reference: string; title: string } | null> {
  const [row] = await sql.query<{ reference: string; title: string }>(`SELECT reference, title FROM priority_round WHERE id = $1`, [roundId]);
  return row ?? null;
}

/**
 * Who a round's notification goes to on `today`: its members (all, or those whose ballot is not
 * complete), the programme secretariat, the rector.
 */
export async function roundRecipients(sql: TransactionSql, request: { instanceId: string; to: string; today: string }): Promise<string[]> {
  if (!(ROUND_RECIPIENTS as readonly string[]).includes(request.to)) return [];
  if (request.to === 'secretariat') return holdersOfRole(sql, 'programme_secretariat', request.today);
  if (request.to === 'rector') return holdersOfRole(sql, 'rector', request.today);
  const members = await RoundStore.memberIds(sql, request.instanceId);
  if (request.to === 'members') return members;
  const facts = await roundFacts(sql, request.instanceId);
  return members.filter((id) => !(facts.membersWhoHaveVoted ?? []).includes(id));
}

export const PRIORITY_ROUND_REGISTRATION: WorkflowRegistration = {
  ...PRIORITY_ROUND_WORKFLOW,
  projection: projectRound,
  subject: roundSubject,
  recipients: roundRecipients,
  facts: (sql, roundId, event) => roundFacts(sql, roundId, event) as Promise<Record<string, unknown> & RoundFacts>,
  path: (roundId) => `/rounds/${roundId}`,
};
