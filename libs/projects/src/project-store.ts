import type { TransactionSql } from '#flyt/workflow-runtime';

export interface ProjectRow {
  id: string;
  caseId: string;
  caseReference: string;
  processId: string;
  processName: string;
  reportingUnitId: string;
  reference: string;
  title: string;
  state: string;
  phase: 'concept' | 'planning' | 'execution' | 'closure' | null;
  onHold: boolean;
  plannedGateOn: string | null;
  projectOwnerId: string | null;
  projectManagerId: string | null;
  lastStatusReportAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProjectMemberRow {
  userId: string;
  name: string;
  role: 'projectOwner' | 'projectManager' | 'steeringGroup' | 'benefitOwner' | 'responsibleManager';
}

export interface ArtefactRow {
  kind: string;
  content: unknown;
  version: number;
  updatedBy: string;
  updatedAt: Date;
  frozenAtGate: string | null;
  frozenAt: Date | null;
}

export interface GateDecisionRow {
  id: string;
  gate: string;
  decision: string;
  reason: string;
  decidedBy: string | null;
  decidedAs: string;
  approvedBy: string | null;
  decidedAt: Date;
  figures: unknown;
  costShifts: unknown[];
  artefacts: Record<string, unknown>;
}

export interface StatusReportRow {
  id: string;
  status: 'onTrack' | 'atRisk' | 'offTrack';
  summary: string;
  nextSteps: string | null;
  issues: string | null;
  submittedBy: string | null;
  submittedAt: Date;
}

export interface ProjectData {
  project: ProjectRow;
  members: ProjectMemberRow[];
  artefacts: ArtefactRow[];
}

const PROJECT_COLUMNS = `
  p.id, p.case_id AS "caseId", c.reference AS "caseReference", p.process_id AS "processId", pr.name_nb AS "processName",
  c.reporting_unit_id AS "reportingUnitId", p.reference, p.title, p.state, p.phase, p.on_hold AS "onHold",
  p.planned_gate_on::text AS "plannedGateOn", p.project_owner_id AS "projectOwnerId", p.project_manager_id AS "projectManagerId",
  p.last_status_report_at AS "lastStatusReportAt", p.ended_at AS "endedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
const PROJECT_FROM = `project p JOIN improvement_case c ON c.id = p.case_id JOIN process pr ON pr.id = p.process_id`;

/** Reads of projects, their people, artefacts, gate decisions and status reports, in the caller's transaction. */
export const ProjectStore = {
  async project(sql: TransactionSql, id: string): Promise<ProjectRow | null> {
    const [row] = await sql.query<ProjectRow>(`SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM} WHERE p.id = $1`, [id]);
    return row ?? null;
  },

  async projectOfCase(sql: TransactionSql, caseId: string): Promise<ProjectRow | null> {
    const [row] = await sql.query<ProjectRow>(`SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM} WHERE p.case_id = $1`, [caseId]);
    return row ?? null;
  },

  async data(sql: TransactionSql, id: string): Promise<ProjectData | null> {
    const project = await ProjectStore.project(sql, id);
    if (!project) return null;
    const [members, artefacts] = await Promise.all([ProjectStore.members(sql, id), ProjectStore.artefacts(sql, id)]);
    return { project, members, artefacts };
  },

  members(sql: TransactionSql, id: string): Promise<ProjectMemberRow[]> {
    return sql.query<ProjectMemberRow>(
      `SELECT m.user_id AS "userId", u.name, m.role FROM project_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.project_id = $1 ORDER BY m.role, u.name`,
      [id],
    );
  },

  artefacts(sql: TransactionSql, id: string): Promise<ArtefactRow[]> {
    return sql.query<ArtefactRow>(
      `SELECT kind, content, version, updated_by AS "updatedBy", updated_at AS "updatedAt", frozen_at_gate AS "frozenAtGate", frozen_at AS "frozenAt"
         FROM project_artefact WHERE project_id = $1 ORDER BY kind`,
      [id],
    );
  },

  gateDecisions(sql: TransactionSql, id: string): Promise<GateDecisionRow[]> {
    return sql.query<GateDecisionRow>(
      `SELECT id, gate, decision, reason, decided_by AS "decidedBy", decided_as AS "decidedAs", approved_by AS "approvedBy",
              decided_at AS "decidedAt", figures, cost_shifts AS "costShifts", artefacts
         FROM project_gate_decision WHERE project_id = $1 ORDER BY decided_at, id`,
      [id],
    );
  },

  statusReports(sql: TransactionSql, id: string): Promise<StatusReportRow[]> {
    return sql.query<StatusReportRow>(
      `SELECT id, status, summary, next_steps AS "nextSteps", issues, submitted_by AS "submittedBy", submitted_at AS "submittedAt"
         FROM project_status_report WHERE project_id = $1 ORDER BY submitted_at DESC, id`,
      [id],
    );
  },

  /** Projects the filters allow, newest first, with the total. `visibleTo` limits them to those the user may see. */
  async list(
    sql: TransactionSql,
    filter: { phase?: string[]; processId?: string; visibleTo?: { userId: string; processIds: string[] } | null; limit: number; offset: number },
  ): Promise<{ rows: ProjectRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.phase?.length) where.push(`(p.phase = ANY(${param(filter.phase)}::text[]) OR (p.phase IS NULL AND p.state = ANY(${param(filter.phase)}::text[])))`);
    if (filter.processId) where.push(`p.process_id = ${param(filter.processId)}`);
    if (filter.visibleTo) {
      where.push(
        `(p.process_id = ANY(${param(filter.visibleTo.processIds)}::uuid[]) OR EXISTS (SELECT 1 FROM project_member m WHERE m.project_id = p.id AND m.user_id = ${param(filter.visibleTo.userId)}))`,
      );
    }
    const rows = await sql.query<ProjectRow & { total: string }>(
      `SELECT ${PROJECT_COLUMNS}, count(*) OVER () AS total FROM ${PROJECT_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.created_at DESC, p.id LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`,
      params,
    );
    return { rows, total: rows.length ? Number(rows[0]!.total) : 0 };
  },

  /** The case's cost-benefit assessment, which the project's estimates live in (docs/projects.md, "Cost-benefit at every gate"). */
  async caseAssessment(sql: TransactionSql, caseId: string): Promise<unknown> {
    const [row] = await sql.query<{ cost_benefit: unknown }>(`SELECT cost_benefit FROM improvement_case WHERE id = $1`, [caseId]);
    return row?.cost_benefit ?? null;
  },

  async unitNames(sql: TransactionSql, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await sql.query<{ id: string; name_nb: string }>(`SELECT id, name_nb FROM unit WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name_nb]));
  },
};
