import { stateLabel } from '#flyt/cases';
import type { TransactionSql } from '#flyt/workflow-runtime';
import { BENEFIT, type Benefit } from './domain/artefacts.js';
import {
  type AnnualCaseRow,
  DECISION_EVENTS,
  IMPLEMENTED_STATE,
  type MeasurementRow,
  type ProjectBenefitsRow,
  type ProjectStatusRow,
  REPORTED_STATE,
} from './domain/reports.js';

/**
 * The rows the pure report functions (domain/reports.ts) take, read from the projects' and the
 * cases' tables (docs/projects.md, "Reports"). `processIds` limits every read to those processes
 * (a process owner's); null reads them all. A year runs from New Year in Oslo to the next.
 */

/** The processes a reader may see the figures of; null: all of them. */
export type ProcessScope = readonly string[] | null;

const YEAR_START = (param: string) => `make_timestamptz(${param}::int, 1, 1, 0, 0, 0, 'Europe/Oslo')`;
const YEAR_END = (param: string) => `make_timestamptz(${param}::int + 1, 1, 1, 0, 0, 0, 'Europe/Oslo')`;

const scopeParam = (scope: ProcessScope) => (scope === null ? null : [...scope]);

interface BenefitsRow {
  projectId: string;
  reference: string;
  title: string;
  processId: string;
  processName: string;
  plan: { benefits?: unknown[] } | null;
  measurements: { benefitId: string; value: number; measuredOn: string; dueOn: string; recordedAt: string }[];
}

/**
 * A plan's benefits as the domain reads them. Each was checked against BENEFIT when the plan was
 * written; one that no longer parses (a later schema) is left out rather than failing the report.
 */
function benefitsOf(plan: BenefitsRow['plan']): Benefit[] {
  return (plan?.benefits ?? []).flatMap((b) => {
    const parsed = BENEFIT.safeParse(b);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Every project with a benefits-realisation plan (project_artefact of kind benefitPlan) and the
 * measurements its follow-up recorded. With `createdBefore` (a year), only projects that existed
 * before that year ended: a past year's report does not count plans made since.
 */
export async function projectBenefitsRows(sql: TransactionSql, scope: ProcessScope, createdBeforeEndOf: number | null = null): Promise<ProjectBenefitsRow[]> {
  const rows = await sql.query<BenefitsRow>(
    `SELECT p.id AS "projectId", p.reference, p.title, p.process_id AS "processId", pr.name_nb AS "processName", a.content AS plan,
            coalesce((SELECT json_agg(json_build_object('benefitId', m.benefit_id, 'value', m.value, 'measuredOn', m.measured_on, 'dueOn', m.due_on, 'recordedAt', m.recorded_at)
                                      ORDER BY m.measured_on, m.recorded_at)
                        FROM benefit_measurement m WHERE m.project_id = p.id), '[]'::json) AS measurements
       FROM project p
       JOIN process pr ON pr.id = p.process_id
       JOIN project_artefact a ON a.project_id = p.id AND a.kind = 'benefitPlan'
      WHERE ($1::uuid[] IS NULL OR p.process_id = ANY($1::uuid[]))
        AND ($2::int IS NULL OR p.created_at < ${YEAR_END('$2')})
      ORDER BY p.reference`,
    [scopeParam(scope), createdBeforeEndOf],
  );
  return rows.map(
    (r): ProjectBenefitsRow => ({
      projectId: r.projectId,
      reference: r.reference,
      title: r.title,
      process: { id: r.processId, name: r.processName },
      benefits: benefitsOf(r.plan),
      measurements: r.measurements.map(
        (m): MeasurementRow => ({
          benefitId: m.benefitId,
          value: Number(m.value),
          measuredOn: m.measuredOn,
          dueOn: m.dueOn,
          recordedAt: new Date(m.recordedAt).toISOString(),
        }),
      ),
    }),
  );
}

interface ProjectRow {
  id: string;
  reference: string;
  title: string;
  processId: string;
  processName: string;
  phase: ProjectStatusRow['phase'];
  ended: ProjectStatusRow['ended'];
  onHold: boolean;
  plannedGateOn: string | null;
  followUp: 'running' | 'concluded' | null;
}

/**
 * The projects as the table `project` holds them: the phase while one runs, how it ended (ended_at
 * set in the final state `closed` or `stopped`), and its benefits follow-up (benefits_followup,
 * concluded once BP6 is recorded). With `year`, only those under way in that year or whose
 * benefits were still followed up in it: created before it ended, and not ended (nor their
 * follow-up concluded) before it began.
 */
export async function projectStatusRows(sql: TransactionSql, scope: ProcessScope, year: number | null = null): Promise<ProjectStatusRow[]> {
  const rows = await sql.query<ProjectRow>(
    `SELECT p.id, p.reference, p.title, p.process_id AS "processId", pr.name_nb AS "processName", p.phase,
            CASE WHEN p.ended_at IS NOT NULL AND p.state IN ('closed', 'stopped') THEN p.state END AS ended,
            p.on_hold AS "onHold", p.planned_gate_on::text AS "plannedGateOn",
            CASE WHEN f.id IS NULL THEN NULL WHEN f.concluded_at IS NOT NULL THEN 'concluded' ELSE 'running' END AS "followUp"
       FROM project p
       JOIN process pr ON pr.id = p.process_id
       LEFT JOIN benefits_followup f ON f.project_id = p.id
      WHERE ($1::uuid[] IS NULL OR p.process_id = ANY($1::uuid[]))
        AND ($2::int IS NULL OR (
              p.created_at < ${YEAR_END('$2')}
              AND (p.ended_at IS NULL OR p.ended_at >= ${YEAR_START('$2')}
                   OR (f.id IS NOT NULL AND (f.concluded_at IS NULL OR f.concluded_at >= ${YEAR_START('$2')})))))
      ORDER BY p.reference`,
    [scopeParam(scope), year],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    process: { id: r.processId, name: r.processName },
    phase: r.phase,
    ended: r.ended,
    onHold: r.onHold,
    plannedGateOn: r.plannedGateOn,
    followUp: r.followUp,
  }));
}

interface CaseRow {
  id: string;
  reference: string;
  title: string;
  state: string;
  processId: string;
  processName: string;
  events: { type: string; to: string; occurredAt: string }[];
}

/**
 * The cases reported, decided or completed in `year`, each with the events of its log that the
 * annual report reads: reaching `submitted` or `implemented`, and the decision events. Events after
 * the year are left out (they decide nothing about it); those before are kept, as a case decided
 * this year may have been reported last year. The state is given at its top level: the board reads
 * "local improvement", not which of its steps.
 */
export async function annualCaseRows(sql: TransactionSql, year: number, scope: ProcessScope): Promise<AnnualCaseRow[]> {
  const rows = await sql.query<CaseRow>(
    `WITH milestone AS (
       SELECT e.instance_id, e.type, e.to_state, e.occurred_at
         FROM workflow_event e
        WHERE e.occurred_at < ${YEAR_END('$1')}
          AND (e.to_state = ANY($2::text[]) OR e.type = ANY($3::text[]))
     )
     SELECT c.id, c.reference, c.title, split_part(c.state, '.', 1) AS state, c.process_id AS "processId", pr.name_nb AS "processName",
            json_agg(json_build_object('type', m.type, 'to', m.to_state, 'occurredAt', m.occurred_at) ORDER BY m.occurred_at) AS events
       FROM milestone m
       JOIN improvement_case c ON c.id = m.instance_id
       JOIN process pr ON pr.id = c.process_id
      WHERE ($4::uuid[] IS NULL OR c.process_id = ANY($4::uuid[]))
      GROUP BY c.id, pr.name_nb
     HAVING max(m.occurred_at) >= ${YEAR_START('$1')}`,
    [year, [REPORTED_STATE, IMPLEMENTED_STATE], [...DECISION_EVENTS], scopeParam(scope)],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    process: { id: r.processId, name: r.processName },
    state: r.state,
    stateLabel: stateLabel(r.state),
    events: r.events.map((e) => ({ type: e.type, to: e.to, occurredAt: new Date(e.occurredAt).toISOString() })),
  }));
}
