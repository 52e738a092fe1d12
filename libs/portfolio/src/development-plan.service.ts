import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type CostBenefitAssessment, stateLabel } from '#flyt/cases';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { sqlOfManager, type TransactionSql } from '#flyt/workflow-runtime';
import { assembleDevelopmentPlan, type DeliveredDecision, type DevelopmentPlan, developmentPlanCsv, type PlanCase } from './rounds/development-plan.js';

interface DecisionRow {
  type: 'PRIORITISE' | 'DEFER';
  caseId: string;
  payload: unknown;
  occurredAt: Date;
  roundId: string;
  roundReference: string;
  roundTitle: string;
  planYear: number;
  approvedAt: Date;
}

interface CaseRow {
  id: string;
  reference: string;
  title: string;
  state: string;
  processId: string;
  processName: string;
  strategicGoals: number[] | null;
  costBenefit: CostBenefitAssessment | null;
  candidateIn: { id: string; reference: string; title: string } | null;
}

/**
 * The development plan of a year (docs/priority-rounds.md, "The development plan and the minutes"),
 * read from what approved rounds delivered: the PRIORITISE and DEFER events in the cases' own
 * logs, reached through the messages the rounds sent. A message that was never delivered (refused
 * by the case) decided nothing, so it is not in the plan.
 */
@Injectable()
export class DevelopmentPlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  private get sql(): TransactionSql {
    return sqlOfManager(this.db.manager);
  }

  async plan(year: number): Promise<DevelopmentPlan> {
    const rows = await this.sql.query<DecisionRow>(
      `SELECT e.type, e.instance_id AS "caseId", e.payload, e.occurred_at AS "occurredAt",
              r.id AS "roundId", r.reference AS "roundReference", r.title AS "roundTitle", r.plan_year AS "planYear", r.approved_at AS "approvedAt"
         FROM priority_round r
         JOIN workflow_message m ON m.from_instance_id = r.id AND m.kind = 'event' AND m.event_type IN ('PRIORITISE', 'DEFER')
         JOIN workflow_event e ON e.id = m.delivered_event_id AND e.type = m.event_type
        WHERE r.state = 'approved' AND r.approved_at IS NOT NULL AND r.plan_year <= $1`,
      [year],
    );
    const decisions: DeliveredDecision[] = rows.map((r) => ({
      type: r.type,
      caseId: r.caseId,
      payload: r.payload,
      occurredAt: new Date(r.occurredAt).toISOString(),
      round: { id: r.roundId, reference: r.roundReference, title: r.roundTitle, planYear: r.planYear, approvedAt: new Date(r.approvedAt).toISOString() },
    }));
    const caseIds = [...new Set(decisions.map((d) => d.caseId))];
    const cases = caseIds.length
      ? await this.sql.query<CaseRow>(
          `SELECT c.id, c.reference, c.title, c.state, c.process_id AS "processId", p.name_nb AS "processName", c.strategic_goals AS "strategicGoals",
                  c.cost_benefit AS "costBenefit",
                  (SELECT json_build_object('id', r.id, 'reference', r.reference, 'title', r.title)
                     FROM priority_round_candidate k JOIN priority_round r ON r.id = k.round_id
                    WHERE k.case_id = c.id AND k.active LIMIT 1) AS "candidateIn"
             FROM improvement_case c JOIN process p ON p.id = c.process_id
            WHERE c.id = ANY($1::uuid[])`,
          [caseIds],
        )
      : [];
    const byId = new Map<string, PlanCase>(
      cases.map((c) => [
        c.id,
        {
          id: c.id,
          reference: c.reference,
          title: c.title,
          state: c.state,
          stateLabel: stateLabel(c.state),
          process: { id: c.processId, name: c.processName },
          strategicGoals: c.strategicGoals ?? [],
          costBenefit: c.costBenefit,
          candidateIn: c.candidateIn,
        },
      ]),
    );
    return assembleDevelopmentPlan(year, decisions, byId, this.config.costBenefit.discountRate);
  }

  async csv(year: number): Promise<string> {
    return developmentPlanCsv(await this.plan(year));
  }
}
