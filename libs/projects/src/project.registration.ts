import { holdersOfRole } from '#flyt/organisation';
import type { SendOutcome, TransactionSql, WorkflowRegistration } from '#flyt/workflow-runtime';
import { PROJECT_WORKFLOW } from '#workflows/project/project.workflow';
import { PROJECT_RECIPIENTS, type ProjectContext, type ProjectEventPayload } from '#workflows/project/project.machine';
import { ProjectStore } from './project-store.js';

/** The phase and whether the project is on hold, from its state path (`active.phase.planning.onHold,active.reporting.awaitingReport`). */
export function phaseOf(state: string): { phase: 'concept' | 'planning' | 'execution' | 'closure' | null; onHold: boolean } {
  const match = /(?:^|,)active\.phase\.(concept|planning|execution|closure)\.(\w+)/.exec(state);
  return match ? { phase: match[1] as 'concept', onHold: match[2] === 'onHold' } : { phase: null, onHold: false };
}

/**
 * The project row mirrors its workflow instance in the event's own transaction, whoever sends the
 * event: state, phase, hold, the planned date of the gate ahead, the team (also as members, who see
 * the case); a status report is kept as a row of its own. Gate decisions are written by
 * ProjectsService beside the event, with the figures they were taken on.
 */
export async function projectProject(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  if (outcome.duplicate) return;
  const context = outcome.state.context as ProjectContext;
  const { phase, onHold } = phaseOf(outcome.to);
  if (outcome.from === null) {
    await tx.query(
      `INSERT INTO project (id, case_id, process_id, title, state)
       SELECT $1, c.id, $3, c.title, $4 FROM improvement_case c WHERE c.id = $2`,
      [outcome.instanceId, context.caseId, context.processId, outcome.to],
    );
    return;
  }
  const team = context.team;
  await tx.query(
    `UPDATE project SET state = $2, phase = $3, on_hold = $4, planned_gate_on = $5::date, project_owner_id = $6, project_manager_id = $7,
            ended_at = CASE WHEN $8 THEN coalesce(ended_at, now()) ELSE NULL END, updated_at = now()
      WHERE id = $1`,
    [outcome.instanceId, outcome.to, phase, onHold, context.plannedGateOn, team?.projectOwnerId ?? null, team?.projectManagerId ?? null, outcome.state.status === 'done'],
  );
  await tx.query(`DELETE FROM project_member WHERE project_id = $1 AND role IN ('projectOwner', 'projectManager')`, [outcome.instanceId]);
  if (team) {
    await tx.query(
      `INSERT INTO project_member (project_id, case_id, user_id, role)
       SELECT $1, $2, t.user_id, t.role FROM (VALUES ($3::uuid, 'projectOwner'), ($4::uuid, 'projectManager')) AS t(user_id, role)
       ON CONFLICT DO NOTHING`,
      [outcome.instanceId, context.caseId, team.projectOwnerId, team.projectManagerId],
    );
  }
  const [event] = await tx.query<{ id: string; type: string; payload: unknown; actor_id: string | null; occurred_at: Date }>(
    `SELECT id, type, payload, actor_id, occurred_at FROM workflow_event WHERE id = $1`,
    [outcome.eventId],
  );
  if (event?.type === 'SUBMIT_STATUS_REPORT') {
    const report = event.payload as ProjectEventPayload<'SUBMIT_STATUS_REPORT'>;
    await tx.query(
      `INSERT INTO project_status_report (project_id, status, summary, next_steps, issues, submitted_by, submitted_at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [outcome.instanceId, report.status, report.summary, report.nextSteps ?? null, report.issues ?? null, event.actor_id, event.occurred_at, event.id],
    );
    await tx.query(`UPDATE project SET last_status_report_at = $2 WHERE id = $1`, [outcome.instanceId, event.occurred_at]);
  }
}

export async function projectSubject(sql: TransactionSql, projectId: string): Promise<{ reference: string; title: string } | null> {
  const [row] = await sql.query<{ reference: string; title: string }>(`SELECT reference, title FROM project WHERE id = $1`, [projectId]);
  return row ?? null;
}

/** Who a project's notification goes to on `today`: its owner or manager, the process owner, the programme's secretariat or council, the rector. */
export async function projectRecipients(sql: TransactionSql, request: { instanceId: string; to: string; today: string }): Promise<string[]> {
  if (!(PROJECT_RECIPIENTS as readonly string[]).includes(request.to)) return [];
  const project = await ProjectStore.project(sql, request.instanceId);
  if (!project) return [];
  switch (request.to) {
    case 'projectOwner':
      return project.projectOwnerId ? [project.projectOwnerId] : [];
    case 'projectManager':
      return project.projectManagerId ? [project.projectManagerId] : [];
    case 'processOwner':
      return holdersOfRole(sql, 'process_owner', request.today, project.processId);
    case 'secretariat':
      return holdersOfRole(sql, 'programme_secretariat', request.today);
    case 'council':
      return holdersOfRole(sql, 'programme_council', request.today);
    case 'rector':
      return holdersOfRole(sql, 'rector', request.today);
    default:
      return [];
  }
}

export const PROJECT_REGISTRATION: WorkflowRegistration = {
  ...PROJECT_WORKFLOW,
  projection: projectProject,
  subject: projectSubject,
  recipients: projectRecipients,
  // The project's deadlines read no facts and no other workflow sends it events: every event a
  // person sends carries the facts ProjectsService computes (project-facts.ts), with the thresholds in force.
  facts: async () => ({}),
  path: (projectId) => `/projects/${projectId}`,
};
