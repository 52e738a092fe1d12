import { holdersOfRole } from '#flyt/organisation';
import type { SendOutcome, TransactionSql, WorkflowRegistration } from '#flyt/workflow-runtime';
import { BENEFITS_FOLLOWUP_WORKFLOW } from '#workflows/benefits-followup/benefits-followup.workflow';
import {
  FOLLOWUP_RECIPIENTS,
  type FollowupContext,
  type FollowupEventPayload,
  type FollowupFacts,
} from '#workflows/benefits-followup/benefits-followup.machine';
import { type BenefitPlan, deviationUnexplained, meetsTarget } from './domain/index.js';

/** A follow-up's context as stored, and the benefits-realisation plan of its project (frozen at BP5). */
export async function followupData(sql: TransactionSql, followupId: string): Promise<{ context: FollowupContext; plan: BenefitPlan | null } | null> {
  const [row] = await sql.query<{ context: FollowupContext; plan: BenefitPlan | null }>(
    `SELECT i.snapshot->'context' AS context, a.content AS plan
       FROM workflow_instance i
       LEFT JOIN project_artefact a ON a.project_id = (i.input->>'projectId')::uuid AND a.kind = 'benefitPlan'
      WHERE i.id = $1 AND i.workflow_id = 'benefits-followup'`,
    [followupId],
  );
  return row ?? null;
}

const benefitOf = (plan: BenefitPlan | null, benefitId: string) => plan?.benefits.find((b) => b.id === benefitId) ?? null;

/**
 * The facts the follow-up's guards read (docs/projects.md, "Benefits follow-up"): whether a
 * measurement misses its benefit's target without an explanation, and whether it completes the
 * measurements due at the current date. Read under the follow-up's lock, with the event.
 */
export async function followupFacts(sql: TransactionSql, followupId: string, event?: { type: string; payload: unknown }): Promise<FollowupFacts> {
  if (event?.type !== 'RECORD_MEASUREMENT') return {};
  const data = await followupData(sql, followupId);
  if (!data) return {};
  const payload = event.payload as FollowupEventPayload<'RECORD_MEASUREMENT'>;
  const benefit = benefitOf(data.plan, payload.benefitId);
  const point = data.context.points[data.context.current];
  const measured = new Set(data.context.measurements.filter((m) => m.pointIndex === data.context.current).map((m) => m.benefitId));
  measured.add(payload.benefitId);
  return {
    deviationUnexplained: benefit ? deviationUnexplained(benefit, payload.value, payload.deviationExplanation ?? null) : false,
    completesPoint: point ? point.benefitIds.every((id) => measured.has(id)) : false,
  };
}

/**
 * The follow-up row mirrors its instance (state, the date measured next, the conclusion); a
 * recorded measurement is kept as a row of its own, with whether it met its target, for the reports.
 */
export async function projectFollowup(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  if (outcome.duplicate) return;
  const context = outcome.state.context as FollowupContext;
  if (outcome.from === null) {
    await tx.query(`INSERT INTO benefits_followup (id, project_id, case_id, state, next_due_on) VALUES ($1, $2, $3, $4, $5::date)`, [
      outcome.instanceId,
      context.projectId,
      context.caseId,
      outcome.to,
      context.dueOn,
    ]);
    return;
  }
  await tx.query(
    `UPDATE benefits_followup SET state = $2, next_due_on = $3::date, outcome = $4, conclusion = $5,
            concluded_at = CASE WHEN $4::text IS NOT NULL THEN coalesce(concluded_at, now()) END, updated_at = now()
      WHERE id = $1`,
    [outcome.instanceId, outcome.to, outcome.state.status === 'done' ? null : context.dueOn, context.conclusion?.outcome ?? null, context.conclusion?.summary ?? null],
  );
  const [event] = await tx.query<{ id: string; type: string; payload: unknown; actor_id: string | null; occurred_at: Date }>(
    `SELECT id, type, payload, actor_id, occurred_at FROM workflow_event WHERE id = $1`,
    [outcome.eventId],
  );
  if (event?.type !== 'RECORD_MEASUREMENT') return;
  const recorded = context.measurements[context.measurements.length - 1]!;
  const [plan] = await tx.query<{ content: BenefitPlan }>(`SELECT content FROM project_artefact WHERE project_id = $1 AND kind = 'benefitPlan'`, [context.projectId]);
  const benefit = benefitOf(plan?.content ?? null, recorded.benefitId);
  const payload = event.payload as FollowupEventPayload<'RECORD_MEASUREMENT'>;
  await tx.query(
    `INSERT INTO benefit_measurement (followup_id, project_id, benefit_id, point_index, due_on, value, measured_on, comment, evidence_url,
                                      deviation_explanation, meets_target, recorded_by, recorded_at, event_id)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7::date, $8, $9, $10, $11, $12, $13, $14)`,
    [
      outcome.instanceId,
      context.projectId,
      recorded.benefitId,
      recorded.pointIndex,
      context.points[recorded.pointIndex]?.dueOn ?? payload.measuredOn,
      payload.value,
      payload.measuredOn,
      payload.comment ?? null,
      payload.evidenceUrl ?? null,
      payload.deviationExplanation ?? null,
      benefit ? meetsTarget(benefit, payload.value) : false,
      event.actor_id,
      event.occurred_at,
      event.id,
    ],
  );
}

export async function followupSubject(sql: TransactionSql, followupId: string): Promise<{ reference: string; title: string } | null> {
  const [row] = await sql.query<{ reference: string; title: string }>(
    `SELECT p.reference, p.title FROM benefits_followup f JOIN project p ON p.id = f.project_id WHERE f.id = $1`,
    [followupId],
  );
  return row ?? null;
}

/**
 * Who a follow-up's notification goes to: the benefit owners whose measurement at the current date
 * is missing (all of them for the conclusion), the responsible line managers of the plan's
 * benefits, the process owner.
 */
export async function followupRecipients(sql: TransactionSql, request: { instanceId: string; to: string; today: string }): Promise<string[]> {
  if (!(FOLLOWUP_RECIPIENTS as readonly string[]).includes(request.to)) return [];
  const data = await followupData(sql, request.instanceId);
  if (!data) return [];
  const benefits = data.plan?.benefits ?? [];
  if (request.to === 'processOwner') return holdersOfRole(sql, 'process_owner', request.today, data.context.processId);
  if (request.to === 'responsibleManagers') return [...new Set(benefits.map((b) => b.responsibleManagerId))].sort();
  // The conclusion goes to every benefit owner of the plan; a measurement date to those who still owe one.
  if (data.context.conclusion) return [...new Set(benefits.flatMap((b) => b.benefitOwnerIds))].sort();
  const point = data.context.points[data.context.current];
  const measured = new Set(data.context.measurements.filter((m) => m.pointIndex === data.context.current).map((m) => m.benefitId));
  const due = benefits.filter((b) => point?.benefitIds.includes(b.id) && !measured.has(b.id));
  return [...new Set(due.flatMap((b) => b.benefitOwnerIds))].sort();
}

export const BENEFITS_FOLLOWUP_REGISTRATION: WorkflowRegistration = {
  ...BENEFITS_FOLLOWUP_WORKFLOW,
  projection: projectFollowup,
  subject: followupSubject,
  recipients: followupRecipients,
  facts: (sql, id, event) => followupFacts(sql, id, event) as Promise<Record<string, unknown>>,
  path: (followupId) => `/follow-ups/${followupId}`,
};
