import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllowed, type Principal } from '#flyt/access';
import { CasesService, CREATE_CASE_FIELDS, instanceHistory } from '#flyt/cases';
import { InputInvalid, NotFound, NotPermitted, TransitionRejected } from '#flyt/kernel';
import { sqlOfManager, type TransactionSql, WorkflowInstances, WorkflowRuntime } from '#flyt/workflow-runtime';
import type { FollowupContext, FollowupEventPayload } from '#workflows/benefits-followup/benefits-followup.machine';
import { type BenefitPlan, deviationUnexplained, followupRolesFor, maySeeProject } from './domain/index.js';
import { followupData } from './benefits-followup.registration.js';
import { ProjectStore } from './project-store.js';
import { followupStateLabel } from './state-labels.js';
import type { SendProjectEventBody } from './project.dto.js';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/**
 * Benefits follow-up after a project's BP5 (docs/projects.md, "Benefits follow-up"): the
 * measurement dates of the plan, the measurements recorded, and BP6. Seen by whoever may see the
 * project; measured by the benefit owners (and their responsible line managers); concluded by the
 * process owner, who may turn further actions into a new case.
 */
@Injectable()
export class FollowupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
    private readonly cases: CasesService,
  ) {}

  get sql(): TransactionSql {
    return sqlOfManager(this.db.manager);
  }

  private async visible(id: string, principal: Principal) {
    const [row] = await this.sql.query<{ project_id: string }>(`SELECT project_id FROM benefits_followup WHERE id = $1`, [id]);
    const project = row ? await ProjectStore.data(this.sql, row.project_id) : null;
    const data = row ? await followupData(this.sql, id) : null;
    if (!project || !data || !maySeeProject(principal, { processId: project.project.processId, memberIds: project.members.map((m) => m.userId) })) {
      throw new NotFound('benefits follow-up', id);
    }
    const plan = data.plan ?? { benefits: [] };
    const roles = followupRolesFor(principal, {
      processId: project.project.processId,
      benefitOwnerIds: plan.benefits.flatMap((b) => b.benefitOwnerIds),
      responsibleManagerIds: plan.benefits.map((b) => b.responsibleManagerId),
    });
    return { project, context: data.context, plan, ...roles };
  }

  async detail(id: string, principal: Principal) {
    const { project, context, plan, roles } = await this.visible(id, principal);
    const instance = await this.instances.get(id);
    const measurements = await this.sql.query<Record<string, unknown>>(
      `SELECT id, benefit_id AS "benefitId", point_index AS "pointIndex", due_on::text AS "dueOn", value, measured_on::text AS "measuredOn", comment,
              evidence_url AS "evidenceUrl", deviation_explanation AS "deviationExplanation", meets_target AS "meetsTarget",
              recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM benefit_measurement WHERE followup_id = $1 ORDER BY point_index, recorded_at, id`,
      [id],
    );
    const actor = { userId: principal.userId, roles };
    return {
      id,
      project: { id: project.project.id, reference: project.project.reference, title: project.project.title },
      case: { id: project.project.caseId, reference: project.project.caseReference },
      state: instance.state,
      stateLabel: followupStateLabel(instance.state),
      status: instance.status,
      revision: instance.revision,
      current: context.current,
      points: context.points.map((p, index) => ({ ...p, index, current: index === context.current && instance.status !== 'done' })),
      benefits: plan.benefits,
      measurements: measurements.map((m) => ({ ...m, recordedAt: iso(m.recordedAt as Date)! })),
      conclusion: context.conclusion,
      myRoles: roles,
      allowedEvents: this.instances.allowedEvents(instance, actor, {}),
    };
  }

  /** The follow-up's event log: measurements, reminders and escalations, the conclusion. */
  async history(id: string, principal: Principal) {
    await this.visible(id, principal);
    return { items: await instanceHistory(this.sql, this.instances, id, followupStateLabel) };
  }

  /** An event of the follow-up; its facts are read under the lock with the event (benefits-followup.registration.ts). */
  async send(id: string, body: SendProjectEventBody, principal: Principal) {
    const { plan, roles, grants } = await this.visible(id, principal);
    if (body.type === 'RECORD_MEASUREMENT') this.checkMeasurement(plan, body.payload as Partial<FollowupEventPayload<'RECORD_MEASUREMENT'>>, principal, roles);
    const newCase = body.type === 'CONCLUDE' ? (body.payload as Partial<FollowupEventPayload<'CONCLUDE'>> | undefined)?.newCase : undefined;
    if (newCase && typeof newCase.reportingUnitId === 'string') {
      // Checked before the conclusion is written: a conclusion whose new case could not be made would be half done.
      assertAllowed(principal, 'cases.create', { unitId: newCase.reportingUnitId });
    }
    const outcome = await this.runtime
      .send({
        instanceId: id,
        type: body.type,
        payload: body.payload ?? {},
        actor: { userId: principal.userId, roles },
        grants,
        expectedRevision: body.expectedRevision,
        idempotencyKey: body.idempotencyKey,
      })
      .catch((error: unknown) => {
        throw body.type === 'RECORD_MEASUREMENT' ? withDeviationField(error, plan, body.payload) : error;
      });
    if (newCase && !outcome.duplicate && outcome.state.status === 'done') {
      const context = outcome.state.context as FollowupContext;
      const draft = CREATE_CASE_FIELDS.parse({ title: newCase.title, problem: newCase.problem, reportingUnitId: newCase.reportingUnitId, processId: context.processId });
      await this.cases.create(draft, principal);
    }
    return this.detail(id, principal);
  }

  /** A measurement is of a benefit in the plan, by one of its benefit owners or its responsible line manager. */
  private checkMeasurement(plan: BenefitPlan, payload: Partial<FollowupEventPayload<'RECORD_MEASUREMENT'>> | undefined, principal: Principal, roles: readonly string[]): void {
    const benefitId = payload?.benefitId;
    if (typeof benefitId !== 'string') return; // the payload schema names what is wrong
    const benefit = plan.benefits.find((b) => b.id === benefitId);
    if (!benefit) throw new InputInvalid([{ field: 'payload.benefitId', reason: 'is not a benefit in this project’s benefits-realisation plan' }]);
    const mine = benefit.benefitOwnerIds.includes(principal.userId) || benefit.responsibleManagerId === principal.userId;
    if ((roles.includes('benefitOwner') || roles.includes('responsibleManager')) && !mine) {
      throw new NotPermitted(
        'RECORD_MEASUREMENT',
        ['benefit owner of this benefit'],
        `Only the benefit owners of “${benefit.title}” or its responsible line manager may record its measurements.`,
      );
    }
  }
}

/**
 * A measurement refused for its unexplained deviation names the field that settles it, so a form
 * shows the refusal at the explanation (problem+json `errors`); the status stays 422.
 */
function withDeviationField(error: unknown, plan: BenefitPlan, payload: unknown): unknown {
  if (!(error instanceof TransitionRejected) || error.details.reason === undefined) return error;
  const { benefitId, value, deviationExplanation } = (payload ?? {}) as Partial<FollowupEventPayload<'RECORD_MEASUREMENT'>>;
  const benefit = plan.benefits.find((b) => b.id === benefitId);
  if (!benefit || typeof value !== 'number' || !deviationUnexplained(benefit, value, deviationExplanation)) return error;
  error.details.errors = [
    { field: 'payload.deviationExplanation', reason: `the value misses the target (${benefit.target} ${benefit.unit}): explain the deviation` },
  ];
  return error;
}
