import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllowed, type Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import type { Page } from '#flyt/http';
import { Conflict, InputInvalid, NotFound, NotPermitted, osloDay, TransitionRejected } from '#flyt/kernel';
import {
  canonicalJson,
  type FieldChange,
  type InstanceLink,
  type InstanceState,
  type SendOutcome,
  sqlOfManager,
  SYSTEM_ROLE,
  systemActor,
  TimerStore,
  type TransactionSql,
  type WorkflowActor,
  WorkflowInstances,
  WorkflowRuntime,
} from '#flyt/workflow-runtime';
import type { ImprovementCaseInput } from '#workflows/improvement-case/improvement-case.machine';
import type { ImprovementCaseContext } from '#workflows/improvement-case/improvement-case.machine';
import { SENT_BY_ANOTHER_WORKFLOW } from '#workflows/improvement-case/improvement-case.refusals';
import { CaseAccess } from './case-access.js';
import type { CaseEventAnswerView, CaseListItemView, CaseView, CreateCaseBody, ListCasesQuery, SendEventBody, UpdateCaseBody } from './case.dto.js';
import { CaseInbox } from './case-inbox.service.js';
import { type CaseFilter, type CaseRow, CaseRepository, caseRowFacts, stateLabel, toSummary, VISIBILITY_COLUMNS } from './case-repository.js';
import { decideEdit } from './domain/case-editing.js';
import { dueDateProblems, eventWarnings, mergeTargetProblem } from './domain/event-checks.js';
import { caseRolesFor } from './domain/case-roles.js';
import { type CostBenefitAssessment, costBenefitFigures, costBenefitMissing } from './domain/cost-benefit.js';
import { thresholdsCrossed } from './domain/project-thresholds.js';
import { visibilityWhere } from './domain/visibility.js';
import { IMPROVEMENT_CASE_REGISTRATION } from './improvement-case.registration.js';

/** The field of a change, its column, and its value on the row, as the history records them. */
const FIELDS: readonly [field: keyof UpdateCaseBody, read: (row: CaseRow) => unknown][] = [
  ['title', (r) => r.title],
  ['description', (r) => r.description],
  ['problem', (r) => r.problem],
  ['processId', (r) => r.process_id],
  ['significantItComponent', (r) => r.significant_it_component],
  ['expectedBenefits', (r) => r.expected_benefits],
  ['strategicGoals', (r) => r.strategic_goals],
  ['estimatedSize', (r) => r.estimated_size],
  ['costBenefit', (r) => r.cost_benefit],
];

/** The fields a change really changes, each with its old and new value. */
function changesOf(row: CaseRow, body: UpdateCaseBody): FieldChange[] {
  return FIELDS.flatMap(([field, read]) => {
    if (body[field] === undefined) return [];
    const from = read(row) ?? null;
    const to = body[field] ?? null;
    return canonicalJson(from) === canonicalJson(to) ? [] : [{ field, from, to }];
  });
}

/**
 * Improvement cases: their data beside the workflow instance that carries their lifecycle. Every
 * read goes through visibility (a case one may not see answers 404); every decision goes through
 * the runtime with the roles the caller holds for the case now.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly inbox: CaseInbox,
    private readonly timers: TimerStore,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  /** The facts of a case's data as the events people send carry them, under the thresholds configured. */
  private factsOf(row: Pick<CaseRow, 'cost_benefit' | 'significant_it_component' | 'process_id'>): Record<string, unknown> {
    return caseRowFacts(row, this.config.localImprovement);
  }

  private async view(row: CaseRow, instance: InstanceState, principal: Principal, links?: InstanceLink[]): Promise<CaseView> {
    const { roles } = this.access.rolesFor(principal, row);
    const actor = { userId: principal.userId, roles };
    const facts = this.factsOf(row);
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
      heldSince: instance.heldSince,
      costBenefit: row.cost_benefit,
      costBenefitFigures: costBenefitFigures(row.cost_benefit, this.config.costBenefit.discountRate),
      costBenefitMissing: costBenefitMissing(row.cost_benefit),
      myRoles: roles,
      allowedEvents: this.instances.allowedEvents(instance, actor, facts),
      blockedEvents: this.instances.blockedEvents(instance, actor, facts),
      linkedInstances: links ?? (await this.instances.links(row.id)),
    };
  }

  async detail(id: string, principal: Principal): Promise<CaseView> {
    const row = await this.access.visibleCase(id, principal);
    const { instance, links } = await this.instances.getWithLinks(id);
    return this.view(row, instance, principal, links);
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

    assertAllowed(principal, 'cases.create', { unitPath: unit.path, unitId: unit.id });
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
      const instance = await this.runtime.start(sqlOfManager(manager), {
        instanceId: id,
        workflowId: IMPROVEMENT_CASE_REGISTRATION.id,
        input,
        actor: { userId: principal.userId, roles },
      });
      await this.cases.insert(manager, { id, body, reporterId: principal.userId, state: instance.state });
    });
    return this.detail(id, principal);
  }

  /** A page of the cases the caller can see, each with its next deadline and whether one passed (the process view's columns). */
  async list(query: ListCasesQuery, principal: Principal): Promise<Page<CaseListItemView>> {
    const filters: CaseFilter[] = [visibilityWhere(await this.access.visibilityOf(principal), VISIBILITY_COLUMNS)];
    if (query.state?.length) {
      filters.push({ sql: `(c.state = ANY(CAST(:states AS text[])) OR split_part(c.state, '.', 1) = ANY(CAST(:states AS text[])))`, params: { states: query.state } });
    }
    if (query.processId) filters.push({ sql: 'c.process_id = :processId', params: { processId: query.processId } });
    if (query.unitId) filters.push({ sql: 'CAST(:unitId AS uuid) = ANY(ru.path)', params: { unitId: query.unitId } });
    if (query.q) filters.push({ sql: `(c.search @@ websearch_to_tsquery('norwegian', :q) OR c.reference = upper(:q))`, params: { q: query.q } });
    if (query.assignedToMe) filters.push({ sql: 'c.id = ANY(CAST(:assigned AS uuid[]))', params: { assigned: await this.inbox.caseIds(principal) } });
    const { rows, total } = await this.cases.page(filters, query);
    const ids = rows.map((r) => r.id);
    const [pending, passed] = await Promise.all([this.timers.pending(ids), this.timers.passed(ids)]);
    const items = rows.map((row) => ({
      ...toSummary(row),
      nextDeadline: pending.get(row.id)?.[0]?.dueAt ?? null,
      overdue: (passed.get(row.id)?.length ?? 0) > 0,
    }));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * Changes the case data (and the cost-benefit assessment) while the case's state and the caller's
   * roles allow, and records each changed field (old → new, who, under which authority) in the
   * case's history. Moving a submitted case to another process tells both process responsibles.
   */
  async update(id: string, body: UpdateCaseBody, principal: Principal): Promise<CaseView> {
    const { costBenefit, processId, ...text } = body;
    const change = { text: Object.keys(text).length > 0, process: processId !== undefined, costBenefit: costBenefit !== undefined };
    if (processId) {
      const [process] = await this.db.query(`SELECT ended_at FROM process WHERE id = $1`, [processId]);
      if (!process || process.ended_at) {
        throw new InputInvalid([{ field: 'processId', reason: process ? 'the process has ended' : `no process has id ${processId}` }]);
      }
    }
    if (costBenefit) await this.assertReferencesExist(costBenefit);
    await this.access.visibleCase(id, principal);
    await this.db.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      // The instance first, then the case row, as an event's transaction takes them: never each waiting on the other.
      await this.runtime.lockIn(sql, id);
      const row = (await this.cases.find(id, { manager, lock: true }))!;
      const { roles, grants } = this.access.rolesFor(principal, row);
      const decision = decideEdit(row.state, roles, change);
      if (!decision.allowed && decision.because === 'role') throw new NotPermitted('change this case', decision.requiredRoles, decision.message);
      if (!decision.allowed) {
        const instance = await this.instances.get(id);
        const allowed = this.instances.allowedEvents(instance, { userId: principal.userId, roles }, this.factsOf(row)).map((e) => e.type);
        throw new TransitionRejected('a change', row.state, allowed, decision.reason, stateLabel(row.state).en);
      }
      const changes = changesOf(row, body);
      if (changes.length === 0) return;
      await this.cases.update(manager, id, body);
      const moved = changes.some((c) => c.field === 'processId') && row.state !== 'draft';
      await this.runtime.recordChangeIn(sql, {
        instanceId: id,
        actor: { userId: principal.userId, roles },
        authority: grants.find((g) => g.role === decision.role) ?? null,
        changes,
        notify: moved
          ? [
              { to: 'processResponsible', template: 'caseMovedToProcess' },
              { to: 'previousProcessResponsible', template: 'caseMovedFromProcess' },
            ]
          : [],
      });
    });
    // Not `detail`: whoever moved a case to a process they do not look after can no longer see
    // it, but the answer to their own change still shows the case as they left it.
    return this.view((await this.cases.find(id))!, await this.instances.get(id), principal);
  }

  /** The units and people an assessment names must exist: a cost shifted to a unit nobody can find helps no one. */
  private async assertReferencesExist(assessment: CostBenefitAssessment): Promise<void> {
    const units = [
      ...(assessment.costShifts ?? []).map((shift, i) => ({ field: `costBenefit.costShifts[${i}].unitId`, id: shift.unitId })),
      ...assessment.contributors.flatMap((c, i) => (c.unitId ? [{ field: `costBenefit.contributors[${i}].unitId`, id: c.unitId }] : [])),
    ];
    const users = assessment.contributors.flatMap((c, i) => (c.userId ? [{ field: `costBenefit.contributors[${i}].userId`, id: c.userId }] : []));
    const [knownUnits, knownUsers] = await Promise.all([
      units.length ? this.db.query(`SELECT id FROM unit WHERE id = ANY($1::uuid[])`, [units.map((u) => u.id)]) : [],
      users.length ? this.db.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[])`, [users.map((u) => u.id)]) : [],
    ]);
    const unitIds = new Set((knownUnits as { id: string }[]).map((u) => u.id));
    const userIds = new Set((knownUsers as { id: string }[]).map((u) => u.id));
    const errors = [
      ...units.filter((u) => !unitIds.has(u.id)).map((u) => ({ field: u.field, reason: `no unit has id ${u.id}` })),
      ...users.filter((u) => !userIds.has(u.id)).map((u) => ({ field: u.field, reason: `no user has id ${u.id}` })),
    ];
    if (errors.length) throw new InputInvalid(errors);
  }

  /**
   * Sends an event to the case's workflow with the caller's roles for the case now and the facts
   * of its data; the case row (and the duplicate link of a merge) is written in the same
   * transaction as the event, by the case's projection. The answer is the case after the event,
   * with what Flyt warns of though it applied it.
   */
  async send(id: string, body: SendEventBody, principal: Principal): Promise<CaseEventAnswerView> {
    const row = await this.access.visibleCase(id, principal);
    const { roles, grants } = this.access.rolesFor(principal, row);
    const payload = body.payload ?? {};
    const problems = dueDateProblems(body.type, payload, osloDay(new Date()));
    if (problems.length) throw new InputInvalid(problems);
    const mergeTarget = body.type === 'MERGE_INTO' ? (payload as { caseId?: unknown }).caseId : undefined;
    if (typeof mergeTarget === 'string') await this.assertMergeTarget(row, mergeTarget, principal);
    const facts = this.factsOf(row);
    const actor = { userId: principal.userId, roles };
    let outcome: SendOutcome;
    try {
      outcome = await this.runtime.send({
        instanceId: id,
        type: body.type,
        payload,
        actor,
        grants,
        facts,
        expectedRevision: body.expectedRevision,
        idempotencyKey: body.idempotencyKey,
        inTransaction: (tx, outcome) => this.assertFactsUnchanged(tx, outcome, facts),
      });
    } catch (error) {
      if (error instanceof TransitionRejected && body.type === 'ACCEPT_LOCAL') this.nameThresholds(error, row);
      throw await this.sentByAnotherWorkflow(error, id, body.type, actor, facts);
    }
    const escalation = (outcome.state.context as Partial<ImprovementCaseContext>).escalation;
    const warnings = eventWarnings(body.type, facts as { significantItComponent?: boolean | null }, { toldProcessOwner: escalation?.outsideScope === true });
    return { ...(await this.detail(id, principal)), warnings };
  }

  /** A refused ACCEPT_LOCAL names the thresholds the case crosses by code too, for a screen to mark the estimates at fault. */
  private nameThresholds(error: TransitionRejected, row: CaseRow): void {
    const crossed = thresholdsCrossed(row.cost_benefit, this.config.localImprovement);
    if (crossed.length > 0 && error.details.reason !== undefined) error.details.thresholdsCrossed = crossed;
  }

  /**
   * A person who sends what only another workflow sends is told who does and how to get there: a
   * priority round's decisions (from version 2), the benefits follow-up's conclusion (from version
   * 3). The runtime checks the payload before the sender's roles, so the secretariat's habit of an
   * empty PRIORITISE would otherwise be answered with the round's fields to fill in.
   */
  private async sentByAnotherWorkflow(error: unknown, id: string, type: string, actor: WorkflowActor, facts: Record<string, unknown>): Promise<unknown> {
    const explanation = Object.hasOwn(SENT_BY_ANOTHER_WORKFLOW, type) ? SENT_BY_ANOTHER_WORKFLOW[type] : null;
    if (!explanation) return error;
    if (error instanceof NotPermitted) {
      return error.requiredRoles.length > 0 && error.requiredRoles.every((role) => role === SYSTEM_ROLE) ? new NotPermitted(error.action, error.requiredRoles, explanation) : error;
    }
    if (!(error instanceof InputInvalid)) return error;
    const instance = await this.instances.get(id);
    const may = (who: WorkflowActor) => this.instances.allowedEvents(instance, who, facts).some((e) => e.type === type);
    if (may(actor) || !may(systemActor())) return error;
    return new NotPermitted(`send ${type} to case in state ${instance.state}`, [SYSTEM_ROLE], explanation);
  }

  /** The case merged into must be one the sender can see, still open, and of the same process (or one they are responsible for too). */
  private async assertMergeTarget(row: CaseRow, targetId: string, principal: Principal): Promise<void> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(targetId)) return; // the payload schema reports it
    const target = targetId === row.id ? null : await this.cases.find(targetId);
    const visible = target && this.access.isVisibleTo(await this.access.visibilityOf(principal), target) ? target : null;
    const problem = mergeTargetProblem(
      row.id,
      row.process_id,
      targetId,
      visible && {
        id: visible.id,
        state: visible.state,
        processId: visible.process_id,
        processName: visible.process_name,
        reference: visible.reference,
        senderIsResponsibleThere: this.access.rolesFor(principal, visible).roles.includes('processResponsible'),
      },
    );
    if (problem) throw new InputInvalid([problem]);
  }

  private async assertFactsUnchanged(tx: TransactionSql, outcome: SendOutcome, facts: Record<string, unknown>): Promise<void> {
    // The facts were read before the event's transaction: refuse if the data changed since.
    const [current] = await tx.query<Pick<CaseRow, 'cost_benefit' | 'significant_it_component' | 'process_id'>>(
      `SELECT cost_benefit, significant_it_component, process_id FROM improvement_case WHERE id = $1 FOR UPDATE`,
      [outcome.instanceId],
    );
    if (!current) throw new NotFound('case', outcome.instanceId);
    if (JSON.stringify(this.factsOf(current)) !== JSON.stringify(facts)) {
      throw new Conflict('the case data changed while the event was being sent; reload the case and try again');
    }
  }
}
