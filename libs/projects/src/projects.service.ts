import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { type CostBenefitAssessment, instanceHistory } from '#flyt/cases';
import type { Page } from '#flyt/http';
import { CLOCK, type Clock, type FieldError, InputInvalid, NotFound, NotPermitted, osloDay } from '#flyt/kernel';
import { sqlOfManager, type TransactionSql, WorkflowInstances, WorkflowRuntime, type SendOutcome } from '#flyt/workflow-runtime';
import type { ProjectContext, ProjectFacts } from '#workflows/project/project.machine';
import { whoDecides } from '#workflows/project/project.refusals';
import { checklistFor, frozenAfter, gateFigures, maySeeProject, projectRolesFor } from './domain/index.js';
import { artefactsOf, gateAhead, projectFacts } from './project-facts.js';
import { type ProjectData, type ProjectRow, ProjectStore } from './project-store.js';
import type { ListProjectsQuery, SendProjectEventBody } from './project.dto.js';
import { projectStateLabel } from './state-labels.js';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

export function toProjectSummary(row: ProjectRow) {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    case: { id: row.caseId, reference: row.caseReference },
    process: { id: row.processId, name: row.processName },
    state: row.state,
    stateLabel: projectStateLabel(row.state),
    phase: row.phase,
    onHold: row.onHold,
    gateAhead: gateAhead(row.state),
    plannedGateOn: row.plannedGateOn,
    projectOwnerId: row.projectOwnerId,
    projectManagerId: row.projectManagerId,
    endedAt: iso(row.endedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

const DECISIONS = ['GO', 'RECYCLE', 'HOLD', 'STOP', 'RESUME'];

/**
 * A gate decision by someone who decides the gates of projects of the other size: the runtime
 * would only say who may; this says why, with the thresholds the project crosses or does not.
 */
function refuseTheWrongDecider(type: string, roles: readonly string[], facts: ProjectFacts): void {
  if (!DECISIONS.includes(type)) return;
  const decider = facts.largeProject ? 'council' : 'processOwner';
  if (roles.includes(decider) || !(roles.includes('council') || roles.includes('processOwner'))) return;
  const why = whoDecides(facts);
  throw new NotPermitted(type, [facts.largeProject ? 'programme council' : 'process owner'], `${why.charAt(0).toUpperCase()}${why.slice(1)}.`);
}

/** The process ids in which the principal holds a process role: they see the projects of those processes. */
export const processIdsOf = (principal: Principal): string[] =>
  principal.grants.flatMap((g) => (g.scope.kind === 'process' && ['process_owner', 'process_responsible', 'process_adviser'].includes(g.role) ? [g.scope.processId] : []));
const seesAll = (principal: Principal) =>
  principal.grants.some((g) => ['admin', 'programme_secretariat', 'programme_council', 'rector'].includes(g.role) || (g.role === 'process_owner' && g.scope.kind === 'global'));

/**
 * Projects (docs/projects.md): what each person sees of them, the events of the project's workflow
 * with the facts its guards read, and the gate decisions kept with the figures and artefacts they
 * were taken on. A project one may not see answers 404.
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
    @Inject(FLYT_CONFIG) readonly config: FlytConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get sql(): TransactionSql {
    return sqlOfManager(this.db.manager);
  }

  today(): string {
    return osloDay(this.clock.now());
  }

  rolesOf(principal: Principal, data: ProjectData) {
    return projectRolesFor(principal, {
      processId: data.project.processId,
      projectOwnerId: data.project.projectOwnerId,
      projectManagerId: data.project.projectManagerId,
    });
  }

  async visibleProject(id: string, principal: Principal, sql: TransactionSql = this.sql): Promise<ProjectData> {
    const data = await ProjectStore.data(sql, id);
    if (!data || !maySeeProject(principal, { processId: data.project.processId, memberIds: data.members.map((m) => m.userId) })) {
      throw new NotFound('project', id);
    }
    return data;
  }

  /** Runs `work` in a transaction holding the project's workflow instance, as its events do. */
  async underLock<T>(id: string, principal: Principal, work: (sql: TransactionSql, data: ProjectData) => Promise<T>): Promise<T> {
    await this.visibleProject(id, principal);
    return this.db.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      await this.runtime.lockIn(sql, id);
      return work(sql, (await ProjectStore.data(sql, id))!);
    });
  }

  async list(query: ListProjectsQuery, principal: Principal): Promise<Page<ReturnType<typeof toProjectSummary>>> {
    const { rows, total } = await ProjectStore.list(this.sql, {
      ...(query.phase ? { phase: query.phase } : {}),
      ...(query.processId ? { processId: query.processId } : {}),
      visibleTo: seesAll(principal) ? null : { userId: principal.userId, processIds: processIdsOf(principal) },
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map(toProjectSummary), total, limit: query.limit, offset: query.offset };
  }

  async detail(id: string, principal: Principal) {
    const data = await this.visibleProject(id, principal);
    const sql = this.sql;
    const instance = await this.instances.get(id);
    const { roles } = this.rolesOf(principal, data);
    const today = this.today();
    const assessment = (await ProjectStore.caseAssessment(sql, data.project.caseId)) as CostBenefitAssessment | null;
    const facts = await projectFacts(sql, data, this.config, today, { assessment });
    const actor = { userId: principal.userId, roles };
    const artefacts = artefactsOf(data);
    const gate = gateAhead(data.project.state);
    const team = { projectOwnerId: data.project.projectOwnerId, projectManagerId: data.project.projectManagerId };
    const [decisions, reports, followUp] = await Promise.all([
      ProjectStore.gateDecisions(sql, id),
      ProjectStore.statusReports(sql, id),
      sql.query<{ id: string; state: string }>(`SELECT id, state FROM benefits_followup WHERE project_id = $1`, [id]),
    ]);
    const editable = roles.includes('projectManager') || roles.includes('projectOwner');
    const context = instance.context as ProjectContext;
    return {
      ...toProjectSummary(data.project),
      status: instance.status,
      revision: instance.revision,
      large: facts.largeProject ?? false,
      thresholdsCrossed: facts.thresholdsCrossed ?? [],
      members: data.members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
      checklist: gate ? { gate, items: checklistFor(gate, artefacts, team, today) } : null,
      artefacts: data.artefacts.map((a) => ({
        kind: a.kind,
        content: a.content,
        version: a.version,
        updatedBy: a.updatedBy,
        updatedAt: iso(a.updatedAt)!,
        frozenAtGate: a.frozenAtGate,
        frozenAt: iso(a.frozenAt),
        editable: editable && a.frozenAtGate === null && instance.status !== 'done',
      })),
      figures: await this.figuresOf(sql, assessment),
      gateDecisions: decisions.map((d) => ({ ...d, decidedAt: iso(d.decidedAt)! })),
      statusReports: reports.map((r) => ({ ...r, submittedAt: iso(r.submittedAt)! })),
      pendingDecision: context.pendingDecision ?? null,
      hold: context.hold ?? null,
      stop: context.stop ?? null,
      followUp: followUp[0] ? { id: followUp[0].id, state: followUp[0].state } : null,
      myRoles: roles,
      allowedEvents: this.instances.allowedEvents(instance, actor, facts as Record<string, unknown>),
      blockedEvents: this.instances.blockedEvents(instance, actor, facts as Record<string, unknown>),
    };
  }

  /** The project's event log: appointments, artefact edits, gate decisions with their authority, status reports, deadlines. */
  async history(id: string, principal: Principal) {
    await this.visibleProject(id, principal);
    return { items: await instanceHistory(this.sql, this.instances, id, projectStateLabel) };
  }

  /** The figures a gate decision would be taken on now: recomputed from the case's current estimates. */
  private async figuresOf(sql: TransactionSql, assessment: CostBenefitAssessment | null) {
    const units = await ProjectStore.unitNames(sql, (assessment?.costShifts ?? []).map((s) => s.unitId));
    return gateFigures(assessment, this.config.costBenefit.discountRate, units);
  }

  /** An event of the project's workflow, with the facts its guards read under the project's lock. */
  async send(id: string, body: SendProjectEventBody, principal: Principal) {
    await this.visibleProject(id, principal);
    await this.checkPayload(body);
    await this.db.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      await this.runtime.lockIn(sql, id);
      const data = (await ProjectStore.data(sql, id))!;
      const { roles, grants } = this.rolesOf(principal, data);
      const facts = await projectFacts(sql, data, this.config, this.today());
      refuseTheWrongDecider(body.type, roles, facts);
      // Read after the lock is held: no other event can add a decision before this one.
      const before = ((await this.instances.get(id)).context as ProjectContext).gateDecisions?.length ?? 0;
      await this.runtime.sendIn(sql, {
        instanceId: id,
        type: body.type,
        payload: body.payload ?? {},
        actor: { userId: principal.userId, roles },
        grants,
        facts: facts as Record<string, unknown>,
        expectedRevision: body.expectedRevision,
        idempotencyKey: body.idempotencyKey,
        inTransaction: (tx, outcome) => this.keepGateDecisions(tx, data, outcome, before),
      });
    });
    return this.detail(id, principal);
  }

  /** Refusals the payload schema cannot make: people named must exist, a gate date must not be in the past. */
  private async checkPayload(body: SendProjectEventBody): Promise<void> {
    const payload = (body.payload ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (body.type === 'APPOINT_TEAM') {
      for (const field of ['projectOwnerId', 'projectManagerId']) {
        const id = payload[field];
        if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) continue;
        const [user] = await this.sql.query<{ ended: boolean }>(`SELECT ended_at IS NOT NULL AS ended FROM app_user WHERE id = $1`, [id]);
        if (!user) errors.push({ field: `payload.${field}`, reason: 'no user has this id' });
        else if (user.ended) errors.push({ field: `payload.${field}`, reason: 'this user has left: name someone who works here now' });
      }
    }
    if (body.type === 'SET_GATE_DATE' && typeof payload.plannedOn === 'string' && payload.plannedOn < this.today()) {
      errors.push({ field: 'payload.plannedOn', reason: 'must be today or later: a gate is planned ahead' });
    }
    if (errors.length) throw new InputInvalid(errors);
  }

  /**
   * A decision that took effect at a gate is kept with what it was taken on: the cost-benefit
   * figures recomputed from the current estimates, the cost shifts per unit, and every artefact as
   * it stood. A GO freezes the artefacts that gate checks (docs/projects.md, "Gate decisions").
   */
  private async keepGateDecisions(tx: TransactionSql, data: ProjectData, outcome: SendOutcome, before: number): Promise<void> {
    if (outcome.duplicate) return;
    const context = outcome.state.context as ProjectContext;
    const taken = context.gateDecisions.slice(before);
    if (!taken.length) return;
    const figures = await this.figuresOf(tx, (await ProjectStore.caseAssessment(tx, data.project.caseId)) as CostBenefitAssessment | null);
    const artefacts = artefactsOf(data);
    const [event] = await tx.query<{ occurred_at: Date }>(`SELECT occurred_at FROM workflow_event WHERE id = $1`, [outcome.eventId]);
    for (const decision of taken) {
      await tx.query(
        `INSERT INTO project_gate_decision (project_id, gate, decision, reason, decided_by, decided_as, approved_by, event_id, decided_at, figures, cost_shifts, artefacts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          data.project.id,
          decision.gate,
          decision.decision,
          decision.reason,
          decision.by,
          decision.as,
          decision.approvedBy ?? null,
          outcome.eventId,
          event!.occurred_at,
          JSON.stringify(figures.figures),
          JSON.stringify(figures.costShifts),
          JSON.stringify(artefacts),
        ],
      );
      if (decision.decision === 'GO') {
        const kinds = frozenAfter(decision.gate);
        await tx.query(
          `UPDATE project_artefact SET frozen_at_gate = $2, frozen_at = $3 WHERE project_id = $1 AND kind = ANY($4::text[]) AND frozen_at_gate IS NULL`,
          [data.project.id, decision.gate, event!.occurred_at, kinds],
        );
      }
    }
  }
}
