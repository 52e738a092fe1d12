import type { TransactionSql } from '#flyt/workflow-runtime';
import type { Ballot } from './domain/index.js';

export interface RoundRow {
  id: string;
  reference: string;
  title: string;
  planYear: number;
  boardDecision: string;
  quorum: number;
  scoreFloor: number | null;
  state: string;
  closesAt: Date | null;
  recommendedScenarioId: string | null;
  approvedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CriterionRow {
  key: string;
  labelNb: string;
  labelEn: string;
  weight: number;
}

export interface CandidateRow {
  caseId: string;
  reference: string;
  title: string;
  caseState: string;
  processId: string;
  processName: string;
  reportingUnitPath: string[];
  costShiftUnitPaths: string[][];
  costByYear: Record<string, number>;
  mandatory: boolean;
  carriedOver: boolean;
  ifLeftOut: 'defer' | 'decline';
  declineReason: string | null;
}

export interface MemberRow {
  userId: string;
  name: string;
  unitPath: string[];
}

export interface ConflictRow {
  memberId: string;
  memberName: string;
  caseId: string;
  declaredAt: Date | null;
  reason: string | null;
  decision: 'upheld' | 'dismissed' | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface VoteRow {
  memberId: string;
  caseId: string;
  scores: Record<string, number>;
  comment: string | null;
  updatedAt: Date;
}

export interface ScenarioRow {
  id: string;
  name: string;
  baseline: boolean;
  parameters: Record<string, unknown>;
  result: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
}

/** Everything about one round, read in one go. */
export interface RoundData {
  round: RoundRow;
  budget: { year: number; amountNok: number }[];
  criteria: CriterionRow[];
  members: MemberRow[];
  candidates: CandidateRow[];
  dependencies: { caseId: string; requires: string }[];
  alternatives: string[][];
  conflicts: ConflictRow[];
}

const ROUND_COLUMNS = `r.id, r.reference, r.title, r.plan_year AS "planYear", r.board_decision AS "boardDecision", r.quorum::float8 AS quorum,
  r.score_floor::float8 AS "scoreFloor", r.state, r.closes_at AS "closesAt", r.recommended_scenario_id AS "recommendedScenarioId",
  r.approved_at AS "approvedAt", r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

/**
 * The one place that reads and writes the priority-round tables (docs/priority-rounds.md). Every
 * method takes the SQL of the caller's transaction, so a change and the event that goes with it
 * commit together.
 */
export const RoundStore = {
  async round(sql: TransactionSql, id: string, lock = false): Promise<RoundRow | undefined> {
    const [row] = await sql.query<RoundRow>(`SELECT ${ROUND_COLUMNS} FROM priority_round r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  },

  async list(sql: TransactionSql, filter: { memberId?: string; states?: readonly string[]; limit: number; offset: number }): Promise<{ rows: RoundRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.memberId) {
      params.push(filter.memberId);
      where.push(`EXISTS (SELECT 1 FROM priority_round_member m WHERE m.round_id = r.id AND m.user_id = $${params.length})`);
    }
    if (filter.states?.length) {
      params.push(filter.states);
      where.push(`r.state = ANY($${params.length}::text[])`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM priority_round r ${clause}`, params)) as [{ total: number }];
    const rows = await sql.query<RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM priority_round r ${clause} ORDER BY r.plan_year DESC, r.created_at DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  },

  async memberIds(sql: TransactionSql, roundId: string): Promise<string[]> {
    return (await sql.query<{ user_id: string }>(`SELECT user_id FROM priority_round_member WHERE round_id = $1 ORDER BY user_id`, [roundId])).map((r) => r.user_id);
  },

  async data(sql: TransactionSql, id: string, lock = false): Promise<RoundData | undefined> {
    const round = await this.round(sql, id, lock);
    if (!round) return undefined;
    const [budget, criteria, members, candidates, dependencies, alternatives, conflicts] = await Promise.all([
      sql.query<{ year: number; amountNok: number }>(`SELECT year, amount_nok::float8 AS "amountNok" FROM priority_round_budget WHERE round_id = $1 ORDER BY year`, [id]),
      sql.query<CriterionRow>(
        `SELECT key, label_nb AS "labelNb", label_en AS "labelEn", weight::float8 AS weight FROM priority_round_criterion WHERE round_id = $1 ORDER BY position`,
        [id],
      ),
      sql.query<MemberRow>(
        `SELECT m.user_id AS "userId", u.name, un.path AS "unitPath"
           FROM priority_round_member m JOIN app_user u ON u.id = m.user_id JOIN unit un ON un.id = u.unit_id
          WHERE m.round_id = $1 ORDER BY u.name, u.id`,
        [id],
      ),
      sql.query<CandidateRow>(
        `SELECT c.case_id AS "caseId", ic.reference, ic.title, ic.state AS "caseState", ic.process_id AS "processId", p.name_nb AS "processName",
                ru.path AS "reportingUnitPath",
                coalesce((SELECT json_agg(su.path) FROM jsonb_array_elements(coalesce(ic.cost_benefit->'costShifts', '[]'::jsonb)) s
                            JOIN unit su ON su.id::text = s->>'unitId'), '[]') AS "costShiftUnitPaths",
                c.cost_by_year AS "costByYear", c.mandatory, c.carried_over AS "carriedOver", c.if_left_out AS "ifLeftOut", c.decline_reason AS "declineReason"
           FROM priority_round_candidate c
           JOIN improvement_case ic ON ic.id = c.case_id
           JOIN process p ON p.id = ic.process_id
           JOIN unit ru ON ru.id = ic.reporting_unit_id
          WHERE c.round_id = $1 ORDER BY c.position`,
        [id],
      ),
      sql.query<{ caseId: string; requires: string }>(
        `SELECT case_id AS "caseId", requires_case_id AS requires FROM priority_round_dependency WHERE round_id = $1 ORDER BY case_id, requires_case_id`,
        [id],
      ),
      sql.query<{ ids: string[] }>(`SELECT array_agg(case_id ORDER BY case_id) AS ids FROM priority_round_alternative WHERE round_id = $1 GROUP BY group_no ORDER BY group_no`, [id]),
      sql.query<ConflictRow>(
        `SELECT k.member_id AS "memberId", u.name AS "memberName", k.case_id AS "caseId", k.declared_at AS "declaredAt", k.reason, k.decision,
                k.decision_note AS "decisionNote", k.decided_by AS "decidedBy", k.decided_at AS "decidedAt"
           FROM priority_round_conflict k JOIN app_user u ON u.id = k.member_id
          WHERE k.round_id = $1 ORDER BY u.name, k.case_id`,
        [id],
      ),
    ]);
    return { round, budget, criteria, members, candidates, dependencies, alternatives: alternatives.map((a) => a.ids), conflicts };
  },

  async votes(sql: TransactionSql, roundId: string, memberId?: string): Promise<VoteRow[]> {
    return sql.query<VoteRow>(
      `SELECT member_id AS "memberId", case_id AS "caseId", scores, comment, updated_at AS "updatedAt"
         FROM priority_round_vote WHERE round_id = $1 AND ($2::uuid IS NULL OR member_id = $2) ORDER BY member_id, case_id`,
      [roundId, memberId ?? null],
    );
  },

  /** The votes as the tally reads them: one ballot per member. */
  ballotsOf(votes: readonly VoteRow[]): Ballot[] {
    const byMember = new Map<string, Record<string, Record<string, number>>>();
    for (const vote of votes) {
      const scores = byMember.get(vote.memberId) ?? {};
      scores[vote.caseId] = vote.scores;
      byMember.set(vote.memberId, scores);
    }
    return [...byMember].map(([memberId, scores]) => ({ memberId, scores }));
  },

  async scenarios(sql: TransactionSql, roundId: string): Promise<ScenarioRow[]> {
    return sql.query<ScenarioRow>(
      `SELECT id, name, baseline, parameters, result, created_by AS "createdBy", created_at AS "createdAt"
         FROM priority_round_scenario WHERE round_id = $1 ORDER BY baseline DESC, created_at, id`,
      [roundId],
    );
  },

  async scenario(sql: TransactionSql, roundId: string, scenarioId: string): Promise<ScenarioRow | undefined> {
    const [row] = await sql.query<ScenarioRow>(
      `SELECT id, name, baseline, parameters, result, created_by AS "createdBy", created_at AS "createdAt"
         FROM priority_round_scenario WHERE round_id = $1 AND id = $2`,
      [roundId, scenarioId],
    );
    return row;
  },
};
