import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { statesTagged, type SendOutcome, type TransactionSql } from '#flyt/workflow-runtime';
import { CASE_STATE_LABELS, type ImprovementCaseContext, improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import type { CaseSummaryView, CreateCaseBody, ListCasesQuery, UpdateCaseBody } from './case.dto.js';
import type { ProjectTeamMember } from './domain/case-roles.js';
import { type CostBenefitAssessment, costBenefitComplete, costBenefitMissing, storedAssessment } from './domain/cost-benefit.js';
import { type ProjectThresholds, thresholdsCrossed } from './domain/project-thresholds.js';

/** A case row with the names and the unit path the API and the rules need. */
export interface CaseRow {
  id: string;
  reference: string;
  title: string;
  description: string;
  problem: string;
  process_id: string;
  process_code: string;
  process_name: string;
  reporting_unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_path: string[];
  reporter_id: string;
  reporter_name: string;
  significant_it_component: boolean | null;
  expected_benefits: string;
  strategic_goals: number[];
  estimated_size: 'small' | 'medium' | 'large' | null;
  cost_benefit: CostBenefitAssessment | null;
  duplicate_of: string[];
  state: string;
  proposed_at: Date | null;
  escalated_to_programme_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** The owner and the manager of the project the case became; empty before it is one. */
  project_team: ProjectTeamMember[];
}

/** Who runs the case's project, by its members: they hold case roles for it (case-roles.ts). */
const PROJECT_TEAM = `
  coalesce((SELECT json_agg(json_build_object('userId', pm.user_id, 'role', pm.role, 'projectId', pr.id, 'projectReference', pr.reference) ORDER BY pm.role, pm.user_id)
              FROM project pr JOIN project_member pm ON pm.project_id = pr.id
             WHERE pr.case_id = c.id AND pm.role IN ('projectOwner', 'projectManager')), '[]') AS project_team`;

const SELECT_CASES = `
  SELECT c.id, c.reference, c.title, c.description, c.problem, c.process_id, p.code AS process_code, p.name_nb AS process_name,
         c.reporting_unit_id, ru.code AS unit_code, ru.name_nb AS unit_name, ru.path AS unit_path,
         c.reporter_id, rep.name AS reporter_name, c.significant_it_component, c.expected_benefits, c.strategic_goals,
         c.estimated_size, c.cost_benefit, c.duplicate_of, c.state, c.proposed_at, c.escalated_to_programme_at, c.created_at, c.updated_at,
         ${PROJECT_TEAM}
    FROM improvement_case c
    JOIN process p ON p.id = c.process_id
    JOIN unit ru ON ru.id = c.reporting_unit_id
    JOIN app_user rep ON rep.id = c.reporter_id`;

/** A case as lists show it (CaseSummaryView): no texts beyond the title, no assessment. */
export type CaseSummaryRow = Pick<
  CaseRow,
  | 'id'
  | 'reference'
  | 'title'
  | 'process_id'
  | 'process_code'
  | 'process_name'
  | 'reporting_unit_id'
  | 'unit_code'
  | 'unit_name'
  | 'reporter_id'
  | 'reporter_name'
  | 'state'
  | 'estimated_size'
  | 'created_at'
  | 'updated_at'
>;

const SUMMARY_COLUMNS = `c.id, c.reference, c.title, c.process_id, p.code AS process_code, p.name_nb AS process_name,
         c.reporting_unit_id, ru.code AS unit_code, ru.name_nb AS unit_name, c.reporter_id, rep.name AS reporter_name,
         c.state, c.estimated_size, c.created_at, c.updated_at`;

const SELECT_SUMMARIES = `
  SELECT ${SUMMARY_COLUMNS}
    FROM improvement_case c
    JOIN process p ON p.id = c.process_id
    JOIN unit ru ON ru.id = c.reporting_unit_id
    JOIN app_user rep ON rep.id = c.reporter_id`;

/**
 * What weighing whether a case waits for someone reads of it: who holds which role for it
 * (CaseAccess.rolesFor) and what a decision taken on it earlier is known by (its instance's version
 * and revision, the version of its row). An inbox weighs every case in reach, so it reads no texts
 * and no assessment here: those are read for the cases it has not decided on before.
 */
export type CaseForDecisionRow = Pick<CaseRow, 'id' | 'process_id' | 'process_name' | 'unit_path' | 'unit_name' | 'reporter_id'> & {
  workflow_version: number;
  revision: number;
  /**
   * The version of the case's row (PostgreSQL's `xmin`): any change of the row, so of the data the
   * guards' facts are computed from (assessment, process, IT flag), gives it another.
   */
  row_version: string;
  /** When the case last changed, in epoch milliseconds (it orders an inbox; no date is parsed for each row). */
  updated_ms: number;
};

const SELECT_FOR_DECISION = `
  SELECT c.id, c.process_id, p.name_nb AS process_name, ru.path::text AS unit_path, ru.name_nb AS unit_name, c.reporter_id,
         i.workflow_version, i.revision, c.xmin::text AS row_version, floor(extract(epoch FROM c.updated_at) * 1000)::float8 AS updated_ms
    FROM improvement_case c
    JOIN workflow_instance i ON i.id = c.id
    JOIN process p ON p.id = c.process_id
    JOIN unit ru ON ru.id = c.reporting_unit_id`;

/** A uuid[] read as text (`{a,b}`): splitting it is cheaper than the driver's array parser, for hundreds of rows. */
const uuidsOf = (text: string): string[] => (text.length > 2 ? text.slice(1, -1).split(',') : []);

/** What the facts of a case are computed from, with what the same read says its row version and revision are. */
export type CaseFactsRow = Pick<CaseRow, 'id' | 'cost_benefit' | 'significant_it_component' | 'process_id'> & { revision: number; row_version: string };

/** The columns the visibility rule reads, as the case queries name them. */
export const VISIBILITY_COLUMNS = {
  caseId: 'c.id',
  reporterId: 'c.reporter_id',
  reportingUnitPath: 'ru.path',
  processId: 'c.process_id',
  proposedAt: 'c.proposed_at',
  escalatedToProgrammeAt: 'c.escalated_to_programme_at',
};

const SORT_COLUMNS: Record<ListCasesQuery['sort'], string> = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  title: 'lower(c.title)',
  reference: 'c.reference',
};

/** The states a case is in once the programme has it: tagged `programme` in the machine. */
const PROGRAMME_STATES = statesTagged(improvementCaseMachine, 'programme');

export function stateLabel(state: string): { nb: string; en: string } {
  return CASE_STATE_LABELS[state] ?? CASE_STATE_LABELS[state.split('.')[0]!] ?? { nb: state, en: state };
}

export function toSummary(row: CaseSummaryRow): CaseSummaryView {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    process: { id: row.process_id, code: row.process_code, nameNb: row.process_name },
    reportingUnit: { id: row.reporting_unit_id, code: row.unit_code, nameNb: row.unit_name },
    reporter: { id: row.reporter_id, name: row.reporter_name },
    state: row.state,
    stateLabel: stateLabel(row.state),
    estimatedSize: row.estimated_size,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What the facts of a case read beside its cost-benefit assessment. */
export interface CaseFactsInput {
  significantItComponent?: boolean | null;
  processId?: string;
  /** The thresholds configured for a local improvement; without them the facts say nothing about them. */
  thresholds?: ProjectThresholds;
}

/**
 * The facts about a case's data that the machine's guards (and its actions' params) read, and what
 * a refusal tells about them (ImprovementCaseFacts).
 */
export function factsOf(costBenefit: CostBenefitAssessment | null, more: CaseFactsInput = {}): Record<string, unknown> {
  const assessment = storedAssessment(costBenefit);
  return {
    costBenefitComplete: costBenefitComplete(assessment),
    costBenefitMissing: costBenefitMissing(assessment),
    ...(more.significantItComponent !== undefined ? { significantItComponent: more.significantItComponent } : {}),
    ...(more.processId !== undefined ? { processId: more.processId } : {}),
    ...(more.thresholds ? { localThresholdsCrossed: thresholdsCrossed(assessment, more.thresholds).map((t) => t.text) } : {}),
  };
}

/** The facts of a case row, under the thresholds configured: what the events people send carry. */
export function caseRowFacts(row: Pick<CaseRow, 'cost_benefit' | 'significant_it_component' | 'process_id'>, thresholds: ProjectThresholds): Record<string, unknown> {
  return factsOf(row.cost_benefit, { significantItComponent: row.significant_it_component, processId: row.process_id, thresholds });
}

/** What a user sees cases by beside their grants (see CaseRepository.viewerOf). */
export interface CaseViewer {
  teamProcessIds: string[];
  projectCaseIds: string[];
}

/** The viewer's teams and project cases, for the user $1. */
const VIEWER_COLUMNS = `
  ARRAY(SELECT process_id FROM process_team_member WHERE user_id = $1 ORDER BY process_id) AS viewer_teams,
  ARRAY(SELECT DISTINCT case_id FROM project_member WHERE user_id = $1 ORDER BY case_id) AS viewer_project_cases`;

/**
 * The case row mirrors its workflow instance: every event writes its state, first proposal, first
 * escalation to the programme and duplicate links in the event's own transaction, whoever sends it.
 */
export async function projectCase(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  if (outcome.from === null) return; // the case row is written beside the start, by CasesService.create
  const context = outcome.state.context as Pick<ImprovementCaseContext, 'mergedInto' | 'deadlinesPassed'>;
  const mergedInto = context.mergedInto?.caseId ?? null;
  const escalatedToProgramme = context.deadlinesPassed.some((d) => d.delay === 'secretariatEscalation');
  await tx.query(
    `WITH projected AS (
       UPDATE improvement_case
          SET state = $2, updated_at = now(),
              proposed_at = CASE WHEN proposed_at IS NULL AND split_part($2, '.', 1) = ANY($3::text[]) THEN now() ELSE proposed_at END,
              escalated_to_programme_at = CASE WHEN escalated_to_programme_at IS NULL AND $5::boolean THEN now() ELSE escalated_to_programme_at END,
              duplicate_of = CASE WHEN $4::uuid IS NULL OR $4::uuid = ANY(duplicate_of) THEN duplicate_of ELSE duplicate_of || $4::uuid END
        WHERE id = $1 RETURNING 1
     )
     SELECT 1 FROM projected`,
    [outcome.instanceId, outcome.to, PROGRAMME_STATES, mergedInto, escalatedToProgramme],
  );
}

/**
 * The case data the machine's guards read, for an event the system sends (a message from another
 * workflow, a deadline). Not the thresholds for a local improvement: they are configuration, which
 * a registration's hook does not have, and only ACCEPT_LOCAL, which a person sends, reads them.
 */
export async function caseFacts(sql: TransactionSql, caseId: string): Promise<Record<string, unknown>> {
  const [row] = await sql.query<{ cost_benefit: CostBenefitAssessment | null; significant_it_component: boolean | null; process_id: string }>(
    `SELECT cost_benefit, significant_it_component, process_id FROM improvement_case WHERE id = $1`,
    [caseId],
  );
  return row ? factsOf(row.cost_benefit, { significantItComponent: row.significant_it_component, processId: row.process_id }) : factsOf(null);
}

/** What people call a case in notifications: its reference and title. */
export async function caseSubject(sql: TransactionSql, caseId: string): Promise<{ reference: string; title: string } | null> {
  const [row] = await sql.query<{ reference: string; title: string }>(`SELECT reference, title FROM improvement_case WHERE id = $1`, [caseId]);
  return row ?? null;
}

/** A WHERE fragment with TypeORM `:named` parameters. */
export interface CaseFilter {
  sql: string;
  params: Record<string, unknown>;
}

/** The one place that reads and writes the `improvement_case` rows and maps them. */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs SQL written with :named parameters. */
  private query<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.db.driver.escapeQueryWithParameters(sql, params);
    return manager.query(text, values);
  }

  async find(id: string, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<CaseRow | null> {
    const [row] = await this.query<CaseRow>(options.manager ?? this.db.manager, `${SELECT_CASES} WHERE c.id = :id${options.lock ? ' FOR UPDATE OF c' : ''}`, { id });
    return row ? { ...row, cost_benefit: storedAssessment(row.cost_benefit) } : null;
  }

  /** Cases matching every filter, with only what deciding on them reads (CaseForDecisionRow). */
  async findForDecision(filters: readonly CaseFilter[]): Promise<CaseForDecisionRow[]> {
    const where = filters.map((f) => f.sql).join(' AND ') || 'TRUE';
    const rows = await this.query<Omit<CaseForDecisionRow, 'unit_path'> & { unit_path: string }>(
      this.db.manager,
      `${SELECT_FOR_DECISION} WHERE ${where}`,
      Object.assign({}, ...filters.map((f) => f.params)),
    );
    return rows.map((row) => ({ ...row, unit_path: uuidsOf(row.unit_path) }));
  }

  /** What the facts of these cases are computed from, by id (see CaseForDecisionRow). */
  async factsSources(ids: readonly string[]): Promise<Map<string, CaseFactsRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<CaseFactsRow>(
      this.db.manager,
      `SELECT c.id, c.cost_benefit, c.significant_it_component, c.process_id, i.revision, c.xmin::text AS row_version
         FROM improvement_case c JOIN workflow_instance i ON i.id = c.id
        WHERE c.id = ANY(CAST(:ids AS uuid[]))`,
      { ids },
    );
    return new Map(rows.map((row) => [row.id, { ...row, cost_benefit: storedAssessment(row.cost_benefit) }]));
  }

  /** The summaries of these cases, by id. */
  async summaries(ids: readonly string[]): Promise<Map<string, CaseSummaryRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<CaseSummaryRow>(this.db.manager, `${SELECT_SUMMARIES} WHERE c.id = ANY(CAST(:ids AS uuid[]))`, { ids });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * A page of the cases matching every filter, with how many match in all: one statement, which
   * counts the matching rows while it sorts them (only a page past the end needs a second).
   */
  async page(filters: readonly CaseFilter[], query: Pick<ListCasesQuery, 'sort' | 'order' | 'limit' | 'offset'>): Promise<{ rows: CaseSummaryRow[]; total: number }> {
    const where = `WHERE ${filters.map((f) => f.sql).join(' AND ') || 'TRUE'}`;
    const params = Object.assign({}, ...filters.map((f) => f.params));
    const order = `${SORT_COLUMNS[query.sort]} ${query.order === 'asc' ? 'ASC' : 'DESC'}, c.id`;
    const found = await this.query<CaseSummaryRow & { total: number }>(
      this.db.manager,
      `SELECT ${SUMMARY_COLUMNS}, count(*) OVER ()::int AS total
         FROM improvement_case c
         JOIN process p ON p.id = c.process_id
         JOIN unit ru ON ru.id = c.reporting_unit_id
         JOIN app_user rep ON rep.id = c.reporter_id
       ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      { ...params, limit: query.limit, offset: query.offset },
    );
    if (found.length > 0) return { rows: found.map(({ total: _total, ...row }) => row), total: found[0]!.total };
    if (query.offset === 0) return { rows: [], total: 0 };
    const [{ total }] = await this.query<{ total: number }>(this.db.manager, `SELECT count(*)::int AS total FROM improvement_case c JOIN unit ru ON ru.id = c.reporting_unit_id ${where}`, params);
    return { rows: [], total };
  }

  async insert(manager: EntityManager, row: { id: string; body: CreateCaseBody; reporterId: string; state: string }): Promise<void> {
    const { body } = row;
    await manager.query(
      `INSERT INTO improvement_case (id, title, description, problem, process_id, reporting_unit_id, reporter_id, significant_it_component,
                                     expected_benefits, strategic_goals, estimated_size, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        row.id,
        body.title,
        body.description,
        body.problem,
        body.processId,
        body.reportingUnitId,
        row.reporterId,
        body.significantItComponent,
        body.expectedBenefits,
        body.strategicGoals,
        body.estimatedSize,
        row.state,
      ],
    );
  }

  async update(manager: EntityManager, id: string, body: UpdateCaseBody): Promise<void> {
    const { costBenefit, ...fields } = body;
    const columns: Record<string, unknown> = {
      title: fields.title,
      description: fields.description,
      problem: fields.problem,
      process_id: fields.processId,
      significant_it_component: fields.significantItComponent,
      expected_benefits: fields.expectedBenefits,
      strategic_goals: fields.strategicGoals,
      estimated_size: fields.estimatedSize,
      cost_benefit: costBenefit === undefined ? undefined : costBenefit === null ? null : JSON.stringify(costBenefit),
    };
    const set = Object.entries(columns).filter(([, value]) => value !== undefined);
    await manager.query(`UPDATE improvement_case SET ${set.map(([column], i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...set.map(([, value]) => value),
    ]);
  }

  /**
   * What a user sees cases by beside their grants: the processes whose team they are on and the
   * cases whose project they work on (CaseVisibility). One statement, as every read of cases asks.
   */
  async viewerOf(userId: string): Promise<CaseViewer> {
    const [row] = await this.db.query(`SELECT ${VIEWER_COLUMNS}`, [userId]);
    return { teamProcessIds: row.viewer_teams, projectCaseIds: row.viewer_project_cases };
  }

  /** The case and what its viewer sees cases by (viewerOf), in one statement; null when there is no such case. */
  async findForViewer(id: string, viewerId: string, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<{ row: CaseRow; viewer: CaseViewer } | null> {
    const [found] = await (options.manager ?? this.db.manager).query(
      `SELECT x.*, ${VIEWER_COLUMNS} FROM (${SELECT_CASES} WHERE c.id = $2${options.lock ? ' FOR UPDATE OF c' : ''}) x`,
      [viewerId, id],
    );
    if (!found) return null;
    const { viewer_teams, viewer_project_cases, ...row } = found as CaseRow & { viewer_teams: string[]; viewer_project_cases: string[] };
    return { row: { ...row, cost_benefit: storedAssessment(row.cost_benefit) }, viewer: { teamProcessIds: viewer_teams, projectCaseIds: viewer_project_cases } };
  }
}
