import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decide, type Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import type { Page } from '#flyt/http';
import { Conflict, InputInvalid, NotFound, NotPermitted, TransitionRejected } from '#flyt/kernel';
import { type InstanceState, type PassedDeadline, type SendOutcome, START_EVENT, type TransactionSql, WorkflowRuntime } from '#flyt/workflow-runtime';
import { CASE_STATE_LABELS, IMPROVEMENT_CASE_WORKFLOW, type ImprovementCaseContext, type ImprovementCaseInput } from '#workflows/improvement-case.machine';
import type {
  CaseSummaryView,
  CaseView,
  CommentView,
  CreateCaseBody,
  HistoryEntryView,
  InboxItemView,
  ListCasesQuery,
  SendEventBody,
  UpdateCaseBody,
} from './case.dto.js';
import { decideEdit } from './domain/case-editing.js';
import { type CaseRoles, caseRolesFor } from './domain/case-roles.js';
import { type CostBenefitAssessment, costBenefitComplete, costBenefitFigures, costBenefitMissing } from './domain/cost-benefit.js';
import { type CaseVisibility, caseRoleScope, caseVisibility, isVisible, PROGRAMME_STATES, visibleCaseOf, visibilityWhere } from './domain/visibility.js';

/** A case in the caller's inbox, with the decisions they may take in it now (possibly none). */
interface InboxCase {
  row: CaseRow;
  instance: InstanceState;
  events: string[];
}

/** A case row with the names and the unit path the API and the rules need. */
interface CaseRow {
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
}

const SELECT_CASES = `
  SELECT c.id, c.reference, c.title, c.description, c.problem, c.process_id, p.code AS process_code, p.name_nb AS process_name,
         c.reporting_unit_id, ru.code AS unit_code, ru.name_nb AS unit_name, ru.path AS unit_path,
         c.reporter_id, rep.name AS reporter_name, c.significant_it_component, c.expected_benefits, c.strategic_goals,
         c.estimated_size, c.cost_benefit, c.duplicate_of, c.state, c.proposed_at, c.escalated_to_programme_at, c.created_at, c.updated_at
    FROM improvement_case c
    JOIN process p ON p.id = c.process_id
    JOIN unit ru ON ru.id = c.reporting_unit_id
    JOIN app_user rep ON rep.id = c.reporter_id`;

const VISIBILITY_COLUMNS = {
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

/**
 * Keeps the case row's state, first proposal, first escalation to the programme and duplicate
 * links in step with its workflow instance.
 */
export async function projectCase(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  const context = outcome.state.context as Pick<ImprovementCaseContext, 'mergedInto' | 'deadlinesPassed'>;
  const mergedInto = context.mergedInto?.caseId ?? null;
  const escalatedToProgramme = context.deadlinesPassed.some((d) => d.delay === 'secretariatEscalation');
  await tx.query(
    `UPDATE improvement_case
        SET state = $2, updated_at = now(),
            proposed_at = CASE WHEN proposed_at IS NULL AND split_part($2, '.', 1) = ANY($3::text[]) THEN now() ELSE proposed_at END,
            escalated_to_programme_at = CASE WHEN escalated_to_programme_at IS NULL AND $5::boolean THEN now() ELSE escalated_to_programme_at END,
            duplicate_of = CASE WHEN $4::uuid IS NULL OR $4::uuid = ANY(duplicate_of) THEN duplicate_of ELSE duplicate_of || $4::uuid END
      WHERE id = $1`,
    [outcome.instanceId, outcome.to, [...PROGRAMME_STATES], mergedInto, escalatedToProgramme],
  );
}

export function stateLabel(state: string): { nb: string; en: string } {
  const labels = CASE_STATE_LABELS as Record<string, { nb: string; en: string }>;
  return labels[state] ?? labels[state.split('.')[0]!] ?? { nb: state, en: state };
}

function toSummary(row: CaseRow): CaseSummaryView {
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

/** The facts about a case's data that the machine's guards read. */
function factsOf(costBenefit: CostBenefitAssessment | null): Record<string, unknown> {
  return { costBenefitComplete: costBenefitComplete(costBenefit) };
}

/**
 * Improvement cases: their data beside the workflow instance that carries their lifecycle. Every
 * read goes through visibility (a case one may not see answers 404); every decision goes through
 * the runtime with the roles the caller holds for the case now.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  /** The case row mirrors its instance: every event updates it in the same transaction, also those a timer sends. */
  onModuleInit(): void {
    this.runtime.registerProjection(IMPROVEMENT_CASE_WORKFLOW.id, projectCase);
  }

  /** Runs SQL written with :named parameters. */
  private query<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.db.driver.escapeQueryWithParameters(sql, params);
    return manager.query(text, values);
  }

  async visibilityOf(principal: Principal): Promise<CaseVisibility> {
    const teams: { process_id: string }[] = await this.db.query(`SELECT process_id FROM process_team_member WHERE user_id = $1`, [principal.userId]);
    return caseVisibility(
      principal.userId,
      principal.grants,
      teams.map((t) => t.process_id),
    );
  }

  rolesFor(principal: Principal, row: CaseRow): CaseRoles {
    return caseRolesFor(principal.userId, principal.grants, {
      processId: row.process_id,
      processName: row.process_name,
      reportingUnitPath: row.unit_path,
      reportingUnitName: row.unit_name,
      reporterId: row.reporter_id,
    });
  }

  /** The case, if the principal may see it; otherwise it does not exist for them. */
  private async visibleCase(id: string, principal: Principal, manager: EntityManager = this.db.manager, lock = false): Promise<CaseRow> {
    const [row] = await this.query<CaseRow>(manager, `${SELECT_CASES} WHERE c.id = :id${lock ? ' FOR UPDATE OF c' : ''}`, { id });
    if (!row) throw new NotFound('case', id);
    const visibility = await this.visibilityOf(principal);
    if (!isVisible(visibility, visibleCaseOf(row))) {
      throw new NotFound('case', id);
    }
    return row;
  }

  private async view(row: CaseRow, instance: InstanceState, principal: Principal): Promise<CaseView> {
    const { roles } = this.rolesFor(principal, row);
    const actor = { userId: principal.userId, roles };
    return {
      ...toSummary(row),
      description: row.description,
      problem: row.problem,
      significantItComponent: row.significant_it_component,
      expectedBenefits: row.expected_benefits,
      strategicGoals: row.strategic_goals,
      duplicateOf: row.duplicate_of,
      status: instance.status,
      revision: instance.revision,
      workflow: { id: instance.workflowId, version: instance.version },
      costBenefit: row.cost_benefit,
      costBenefitFigures: costBenefitFigures(row.cost_benefit, this.config.costBenefit.discountRate),
      costBenefitMissing: costBenefitMissing(row.cost_benefit),
      myRoles: roles,
      allowedEvents: this.runtime.allowedEvents(instance, actor, factsOf(row.cost_benefit)),
    };
  }

  async detail(id: string, principal: Principal): Promise<CaseView> {
    const row = await this.visibleCase(id, principal);
    return this.view(row, await this.runtime.get(id), principal);
  }

  /**
   * Reports a case: an employee for their own unit, a line manager for their unit or one below
   * it. The case row and its workflow instance are written in one transaction.
   */
  async create(body: CreateCaseBody, principal: Principal): Promise<CaseView> {
    const [unit] = await this.db.query(`SELECT id, name_nb, path, ended_at FROM unit WHERE id = $1`, [body.reportingUnitId]);
    const [process] = await this.db.query(`SELECT id, name_nb, ended_at FROM process WHERE id = $1`, [body.processId]);
    const errors = [];
    if (!unit) errors.push({ field: 'reportingUnitId', reason: `no unit has id ${body.reportingUnitId}` });
    else if (unit.ended_at) errors.push({ field: 'reportingUnitId', reason: 'the unit has ended' });
    if (!process) errors.push({ field: 'processId', reason: `no process has id ${body.processId}` });
    else if (process.ended_at) errors.push({ field: 'processId', reason: 'the process has ended' });
    if (errors.length) throw new InputInvalid(errors);

    if (principal.unitId !== unit.id) {
      const decision = decide({ anyOf: [{ role: 'line_manager', in: 'unitOfResource' }] }, principal, { unitPath: unit.path });
      if (!decision.allowed) throw new NotPermitted('cases.create', ['a member of the reporting unit', ...decision.requiredRoles]);
    }
    const { roles } = caseRolesFor(principal.userId, principal.grants, {
      processId: process.id,
      processName: process.name_nb,
      reportingUnitPath: unit.path,
      reportingUnitName: unit.name_nb,
      reporterId: principal.userId,
    });
    const id = randomUUID();
    const input: ImprovementCaseInput = {
      caseId: id,
      processId: body.processId,
      reportingUnitId: body.reportingUnitId,
      reporterId: principal.userId,
      // A line manager's own report is submitted by them; an employee's idea waits for their line manager.
      reportedByEmployee: !roles.includes('lineManager'),
    };
    await this.db.transaction(async (manager) => {
      const instance = await this.runtime.start(manager, {
        instanceId: id,
        workflowId: IMPROVEMENT_CASE_WORKFLOW.id,
        input,
        actor: { userId: principal.userId, roles },
      });
      await manager.query(
        `INSERT INTO improvement_case (id, title, description, problem, process_id, reporting_unit_id, reporter_id, significant_it_component,
                                       expected_benefits, strategic_goals, estimated_size, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          body.title,
          body.description,
          body.problem,
          body.processId,
          body.reportingUnitId,
          principal.userId,
          body.significantItComponent,
          body.expectedBenefits,
          body.strategicGoals,
          body.estimatedSize,
          instance.state,
        ],
      );
    });
    return this.detail(id, principal);
  }

  async list(query: ListCasesQuery, principal: Principal): Promise<Page<CaseSummaryView>> {
    const visibility = visibilityWhere(await this.visibilityOf(principal), VISIBILITY_COLUMNS);
    const where = [visibility.sql];
    const params: Record<string, unknown> = { ...visibility.params };
    if (query.state?.length) {
      where.push(`(c.state = ANY(CAST(:states AS text[])) OR split_part(c.state, '.', 1) = ANY(CAST(:states AS text[])))`);
      params.states = query.state;
    }
    if (query.processId) {
      where.push('c.process_id = :processId');
      params.processId = query.processId;
    }
    if (query.unitId) {
      where.push('CAST(:unitId AS uuid) = ANY(ru.path)');
      params.unitId = query.unitId;
    }
    if (query.q) {
      where.push(`(c.search @@ websearch_to_tsquery('norwegian', :q) OR c.reference = upper(:q))`);
      params.q = query.q;
    }
    if (query.assignedToMe) {
      where.push('c.id = ANY(CAST(:assigned AS uuid[]))');
      params.assigned = (await this.inboxCases(principal)).map((w) => w.row.id);
    }
    const filter = `WHERE ${where.join(' AND ')}`;
    const order = `${SORT_COLUMNS[query.sort]} ${query.order === 'asc' ? 'ASC' : 'DESC'}, c.id`;
    const [rows, [{ total }]] = await Promise.all([
      this.query<CaseRow>(this.db.manager, `${SELECT_CASES} ${filter} ORDER BY ${order} LIMIT :limit OFFSET :offset`, {
        ...params,
        limit: query.limit,
        offset: query.offset,
      }),
      this.query<{ total: number }>(
        this.db.manager,
        `SELECT count(*)::int AS total FROM improvement_case c JOIN unit ru ON ru.id = c.reporting_unit_id ${filter}`,
        params,
      ),
    ]);
    return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
  }

  /** Changes the case data (and the cost-benefit assessment) while the case's state and the caller's roles allow. */
  async update(id: string, body: UpdateCaseBody, principal: Principal): Promise<CaseView> {
    const { costBenefit, ...fields } = body;
    const change = { text: Object.keys(fields).length > 0, costBenefit: costBenefit !== undefined };
    if (fields.processId) {
      const [process] = await this.db.query(`SELECT ended_at FROM process WHERE id = $1`, [fields.processId]);
      if (!process || process.ended_at) {
        throw new InputInvalid([{ field: 'processId', reason: process ? 'the process has ended' : `no process has id ${fields.processId}` }]);
      }
    }
    await this.db.transaction(async (manager) => {
      // Locked, so an event cannot move the case on between the check and the write.
      const row = await this.visibleCase(id, principal, manager, true);
      const { roles } = this.rolesFor(principal, row);
      const decision = decideEdit(row.state, roles, change);
      if (!decision.allowed && decision.because === 'role') throw new NotPermitted('change this case', decision.requiredRoles);
      if (!decision.allowed && decision.because === 'state') {
        const instance = await this.runtime.get(id);
        const allowed = this.runtime.allowedEvents(instance, { userId: principal.userId, roles }, factsOf(row.cost_benefit)).map((e) => e.type);
        throw new TransitionRejected('edit', row.state, allowed, decision.reason);
      }
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
    });
    return this.detail(id, principal);
  }

  /**
   * Sends an event to the case's workflow with the caller's roles for the case now and the facts
   * of its data; the state mirror (and the duplicate link of a merge) is written in the same
   * transaction as the event.
   */
  async send(id: string, body: SendEventBody, principal: Principal): Promise<CaseView> {
    const row = await this.visibleCase(id, principal);
    const { roles, grants } = this.rolesFor(principal, row);
    const payload = body.payload ?? {};
    const mergeTarget = body.type === 'MERGE_INTO' ? (payload as { caseId?: unknown }).caseId : undefined;
    if (typeof mergeTarget === 'string') await this.assertMergeTarget(id, mergeTarget);
    const facts = factsOf(row.cost_benefit);
    await this.runtime.send({
      instanceId: id,
      type: body.type,
      payload,
      actor: { userId: principal.userId, roles },
      grants,
      facts,
      expectedRevision: body.expectedRevision,
      idempotencyKey: body.idempotencyKey,
      inTransaction: (tx, outcome) => this.assertFactsUnchanged(tx, outcome, facts),
    });
    return this.detail(id, principal);
  }

  private async assertMergeTarget(id: string, target: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(target)) return; // the payload schema reports it
    if (target === id) throw new InputInvalid([{ field: 'payload.caseId', reason: 'a case cannot be merged into itself' }]);
    const [found] = await this.db.query(`SELECT 1 FROM improvement_case WHERE id = $1`, [target]);
    if (!found) throw new InputInvalid([{ field: 'payload.caseId', reason: `no case has id ${target}` }]);
  }

  private async assertFactsUnchanged(tx: TransactionSql, outcome: SendOutcome, facts: Record<string, unknown>): Promise<void> {
    // The facts were read before the event's transaction: refuse if the data changed since.
    const [current] = await tx.query<{ cost_benefit: CostBenefitAssessment | null }>(`SELECT cost_benefit FROM improvement_case WHERE id = $1 FOR UPDATE`, [
      outcome.instanceId,
    ]);
    if (!current || JSON.stringify(factsOf(current.cost_benefit)) !== JSON.stringify(facts)) {
      throw new Conflict('the case data changed while the event was being sent; reload the case and try again');
    }
  }

  /** The event log, with the deadlines moved by hand (who, why, from when to when) in between, oldest first. */
  async history(id: string, principal: Principal): Promise<HistoryEntryView[]> {
    await this.visibleCase(id, principal);
    const entries = await this.runtime.history(id);
    const moves: { timer_id: string; delay_name: string; from_due_at: Date; to_due_at: Date; moved_by: string | null; reason: string; moved_at: Date }[] =
      await this.db.query(
        `SELECT m.timer_id, t.delay_name, m.from_due_at, m.to_due_at, m.moved_by, m.reason, m.moved_at
           FROM workflow_timer_move m JOIN workflow_timer t ON t.instance_id = m.instance_id AND t.timer_id = m.timer_id
          WHERE m.instance_id = $1 ORDER BY m.moved_at, m.id`,
        [id],
      );
    const actorIds = [...new Set([...entries.map((e) => e.actorId), ...moves.map((m) => m.moved_by)].filter((a): a is string => a !== null))];
    const people: { id: string; name: string }[] = actorIds.length ? await this.db.query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [actorIds]) : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    const events: HistoryEntryView[] = entries.map((e) => ({
      revision: e.revision,
      type: e.type === START_EVENT ? 'CREATED' : e.type,
      payload: e.type === START_EVENT ? null : e.payload,
      actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '' } : null,
      actorRoles: e.actorRoles,
      authority: e.authority ? { role: e.authority.role, basis: e.authority.basis } : null,
      from: e.from,
      to: e.to,
      toLabel: stateLabel(e.to),
      occurredAt: e.occurredAt,
    }));
    // A move changes no state: it stands after the event it followed, in the state the case was in.
    const merged = [...events];
    for (const m of moves) {
      const movedAt = m.moved_at.toISOString();
      const before = events.filter((e) => e.occurredAt <= movedAt).at(-1) ?? events.at(-1)!;
      const at = merged.findIndex((e) => e.occurredAt > movedAt);
      merged.splice(at === -1 ? merged.length : at, 0, {
        revision: before.revision,
        type: 'DEADLINE_MOVED',
        payload: { timerId: m.timer_id, delayName: m.delay_name, fromDueAt: m.from_due_at.toISOString(), toDueAt: m.to_due_at.toISOString(), reason: m.reason },
        actor: m.moved_by ? { id: m.moved_by, name: names.get(m.moved_by) ?? '' } : null,
        actorRoles: [],
        authority: null,
        from: before.to,
        to: before.to,
        toLabel: stateLabel(before.to),
        occurredAt: movedAt,
      });
    }
    return merged;
  }

  async comments(id: string, principal: Principal): Promise<CommentView[]> {
    await this.visibleCase(id, principal);
    const rows = await this.db.query(
      `SELECT cc.id, cc.body, cc.created_at, u.id AS author_id, u.name AS author_name
         FROM case_comment cc JOIN app_user u ON u.id = cc.author_id WHERE cc.case_id = $1 ORDER BY cc.created_at, cc.id`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      author: { id: r.author_id as string, name: r.author_name as string },
      body: r.body as string,
      createdAt: (r.created_at as Date).toISOString(),
    }));
  }

  /** Anyone who can see a case may comment on it. */
  async addComment(id: string, body: string, principal: Principal): Promise<CommentView> {
    await this.visibleCase(id, principal);
    const [row] = await this.db.query(`INSERT INTO case_comment (case_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at`, [
      id,
      principal.userId,
      body,
    ]);
    return { id: row.id, author: { id: principal.userId, name: principal.name }, body, createdAt: (row.created_at as Date).toISOString() };
  }

  /** The decisions the caller may take in the case now: its allowed events, withdrawing aside. */
  private decisionsFor(principal: Principal, row: CaseRow, instance: InstanceState): string[] {
    const { roles } = this.rolesFor(principal, row);
    if (roles.length === 0) return [];
    return this.runtime
      .allowedEvents(instance, { userId: principal.userId, roles }, factsOf(row.cost_benefit))
      .map((e) => e.type)
      .filter((type) => type !== 'WITHDRAW');
  }

  /** Open visible cases where the caller may take a decision now. */
  private async waitingFor(principal: Principal): Promise<InboxCase[]> {
    const visibility = visibilityWhere(await this.visibilityOf(principal), VISIBILITY_COLUMNS, 'vis');
    const scope = visibilityWhere(caseRoleScope(principal.userId, principal.grants), VISIBILITY_COLUMNS, 'scope');
    const rows = await this.query<CaseRow>(
      this.db.manager,
      `${SELECT_CASES} JOIN workflow_instance i ON i.id = c.id
        WHERE ${visibility.sql} AND ${scope.sql} AND i.status = 'active'
        ORDER BY c.updated_at DESC`,
      { ...visibility.params, ...scope.params },
    );
    return (await this.withDecisions(principal, rows)).filter((c) => c.events.length > 0);
  }

  private async withDecisions(principal: Principal, rows: CaseRow[]): Promise<InboxCase[]> {
    const instances = await this.runtime.getMany(rows.map((r) => r.id));
    return rows.flatMap((row) => {
      const instance = instances.get(row.id);
      return instance ? [{ row, instance, events: this.decisionsFor(principal, row, instance) }] : [];
    });
  }

  /**
   * What the inbox holds: the cases waiting for a decision of the caller, and those where a
   * deadline of the current state told the caller, though they may not decide there themselves
   * (the process owner told that triage is overdue, the secretariat that the owner's decision is).
   * With each, the deadlines of its current state that passed and whether they told the caller.
   */
  private async inboxCases(principal: Principal): Promise<(InboxCase & { passed: (PassedDeadline & { notifiedMe: boolean })[] })[]> {
    const waiting = await this.waitingFor(principal);
    // Every notification a fired deadline sent the caller on an open case, by the deadline's event.
    const told: { case_id: string; event_id: string }[] = await this.db.query(
      `SELECT DISTINCT n.case_id, t.settled_by::text AS event_id
         FROM notification n
         JOIN workflow_instance i ON i.id = n.case_id AND i.status = 'active'
         JOIN workflow_timer t ON t.instance_id = n.case_id AND t.status = 'fired' AND n.source_key LIKE t.settled_by::text || '/%'
        WHERE n.user_id = $1`,
      [principal.userId],
    );
    const toldMe = new Set(told.map((t) => `${t.case_id}/${t.event_id}`));
    const waitingIds = new Set(waiting.map((w) => w.row.id));
    const candidates = [...new Set(told.map((t) => t.case_id))].filter((id) => !waitingIds.has(id));
    // A fired timer of an earlier state stays `fired`: only the deadlines of the state the case is in now count.
    const passed = await this.runtime.passedDeadlines([...waitingIds, ...candidates]);
    const alertedIds = candidates.filter((id) => (passed.get(id) ?? []).some((d) => toldMe.has(`${id}/${d.eventId}`)));
    let alerted: InboxCase[] = [];
    if (alertedIds.length) {
      const visibility = visibilityWhere(await this.visibilityOf(principal), VISIBILITY_COLUMNS, 'vis');
      const rows = await this.query<CaseRow>(this.db.manager, `${SELECT_CASES} WHERE c.id = ANY(CAST(:ids AS uuid[])) AND ${visibility.sql}`, {
        ids: alertedIds,
        ...visibility.params,
      });
      alerted = await this.withDecisions(principal, rows);
    }
    return [...waiting, ...alerted].map((c) => ({
      ...c,
      passed: (passed.get(c.row.id) ?? []).map((d) => ({ ...d, notifiedMe: toldMe.has(`${c.row.id}/${d.eventId}`) })),
    }));
  }

  /**
   * The caller's inbox, with each case's pending deadlines and the reminders and escalations sent
   * in its current state; overdue cases first, then by the next deadline.
   */
  async inbox(principal: Principal): Promise<InboxItemView[]> {
    const cases = await this.inboxCases(principal);
    const timers = await this.runtime.pendingTimers(cases.map((c) => c.row.id));
    const items = cases.map(({ row, instance, events, passed }) => {
      const deadlines = (timers.get(row.id) ?? []).map((t) => ({ delayName: t.delayName, dueAt: t.dueAt })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const passedDeadlines = passed.map((d) => ({ delayName: d.delayName, dueAt: d.dueAt, firedAt: d.firedAt, notifiedMe: d.notifiedMe }));
      return { case: toSummary(row), revision: instance.revision, allowedEvents: events, deadlines, nextDeadline: deadlines[0]?.dueAt ?? null, passedDeadlines };
    });
    // A passed deadline is due in the past, so an overdue case sorts before any with only pending deadlines.
    const urgency = (item: (typeof items)[number]) => item.passedDeadlines[0]?.dueAt ?? item.nextDeadline ?? '9999';
    return items.sort((a, b) => urgency(a).localeCompare(urgency(b)) || a.case.updatedAt.localeCompare(b.case.updatedAt) || a.case.id.localeCompare(b.case.id));
  }
}
