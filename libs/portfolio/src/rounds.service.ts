import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllowed, type Principal } from '#flyt/access';
import { type CostBenefitAssessment } from '#flyt/cases';
import type { Page } from '#flyt/http';
import { Conflict, type FieldError, InputInvalid, NotFound, TransitionRejected } from '#flyt/kernel';
import { sqlOfManager, type TransactionSql, WorkflowInstances, WorkflowRuntime } from '#flyt/workflow-runtime';
import { ROUND_STATE_LABELS, type PriorityRoundContext, type PriorityRoundInput } from '#workflows/priority-round/priority-round.machine';
import { DEFAULT_CRITERIA, normaliseWeights } from './domain/index.js';
import { PRIORITY_ROUND_REGISTRATION } from './priority-round.registration.js';
import { roundFacts } from './round-facts.js';
import { type RoundData, type RoundRow, RoundStore } from './round-store.js';
import type { CreateRoundBody, ListRoundsQuery, SendRoundEventBody, UpdateRoundBody } from './round.dto.js';
import { costByYearOf } from './rounds/round-costs.js';
import { maySeeRound, roundRolesFor } from './rounds/round-roles.js';
import { conflictsThatCount, suggestedConflict } from './rounds/round-setup.js';

const stateLabel = (state: string) => ROUND_STATE_LABELS[state] ?? { nb: state, en: state };

export function toRoundSummary(row: RoundRow) {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    planYear: row.planYear,
    state: row.state,
    stateLabel: stateLabel(row.state),
    closesAt: row.closesAt ? new Date(row.closesAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** States in which the ballots are everyone's to read (docs/priority-rounds.md, "Voting"). */
export const BALLOTS_OPEN_TO_ALL = ['closed', 'recommended', 'approved'];

/**
 * Priority rounds (docs/priority-rounds.md): set-up by the programme secretariat, the events of
 * the round's workflow, and what each role sees. Ballots, conflicts and scenarios are in their
 * own services; all share the rule that a round one may not see answers 404.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
  ) {}

  /** SQL outside any transaction, for reads. */
  get sql(): TransactionSql {
    return sqlOfManager(this.db.manager);
  }

  /** The round's data if the principal may see it; otherwise it does not exist for them. */
  async visibleRound(id: string, principal: Principal, sql: TransactionSql = this.sql, lock = false): Promise<RoundData> {
    const data = await RoundStore.data(sql, id, lock);
    if (!data || !maySeeRound(principal, data.members.map((m) => m.userId))) throw new NotFound('priority round', id);
    return data;
  }

  /** Runs `work` in a transaction holding the round's workflow instance, as its events do. */
  async underLock<T>(id: string, principal: Principal, work: (sql: TransactionSql, data: RoundData) => Promise<T>): Promise<T> {
    await this.visibleRound(id, principal);
    return this.db.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      await this.runtime.lockIn(sql, id);
      return work(sql, (await RoundStore.data(sql, id, true))!);
    });
  }

  /** 422 unless the round's state carries `tag` (set-up, voting, scenarios: the machine's tags), saying what may be done instead. */
  async assertStateAllows(data: RoundData, tag: string, what: string, reason: string, principal: Principal): Promise<void> {
    const instance = await this.instances.get(data.round.id);
    const registration = PRIORITY_ROUND_REGISTRATION.versions.find((v) => v.version === instance.version)!;
    const snapshot = registration.machine.resolveState({ value: instance.state, context: instance.context as PriorityRoundContext });
    if (!snapshot.hasTag(tag as never)) await this.refuse(data, what, reason, principal);
  }

  /** 422: not possible in the round's state; names the events the caller may send instead. */
  async refuse(data: RoundData, what: string, reason: string, principal: Principal): Promise<never> {
    const instance = await this.instances.get(data.round.id);
    const { roles } = roundRolesFor(principal, data.members.map((m) => m.userId));
    const facts = (await roundFacts(this.sql, data.round.id)) as Record<string, unknown>;
    const allowed = this.instances.allowedEvents(instance, { userId: principal.userId, roles }, facts).map((e) => e.type);
    throw new TransitionRejected(what, instance.state, allowed, reason, stateLabel(instance.state).en);
  }

  async list(query: ListRoundsQuery, principal: Principal): Promise<Page<ReturnType<typeof toRoundSummary>>> {
    const programme = principal.grants.some((g) => ['programme_secretariat', 'programme_council', 'rector', 'admin'].includes(g.role));
    const { rows, total } = await RoundStore.list(this.sql, {
      // Anyone else sees the rounds they are a member of (none, for most).
      ...(programme ? {} : { memberId: principal.userId }),
      ...(query.state ? { states: query.state } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map(toRoundSummary), total, limit: query.limit, offset: query.offset };
  }

  async detail(id: string, principal: Principal) {
    const data = await this.visibleRound(id, principal);
    const instance = await this.instances.get(id);
    const memberIds = data.members.map((m) => m.userId);
    const { roles } = roundRolesFor(principal, memberIds);
    const actor = { userId: principal.userId, roles };
    const facts = await roundFacts(this.sql, id, undefined, data);
    const counted = conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null })));
    const everything = roles.includes('secretariat') || principal.grants.some((g) => g.role === 'admin') || BALLOTS_OPEN_TO_ALL.includes(data.round.state);
    const quorum = data.round.quorum;
    const required = Math.max(1, Math.ceil(quorum * memberIds.length - 1e-9));
    const voted = facts.membersWhoHaveVoted ?? [];
    return {
      ...toRoundSummary(data.round),
      boardDecision: data.round.boardDecision,
      quorum,
      scoreFloor: data.round.scoreFloor,
      status: instance.status,
      revision: instance.revision,
      budget: data.budget,
      criteria: data.criteria.map((c) => ({ key: c.key, label: { nb: c.labelNb, en: c.labelEn }, weight: c.weight })),
      members: data.members.map((m) => ({ id: m.userId, name: m.name, hasVoted: voted.includes(m.userId) })),
      candidates: data.candidates.map((c) => {
        const costByYear = data.budget.map((b) => ({ year: b.year, amountNok: c.costByYear[String(b.year)] ?? 0 }));
        return {
          caseId: c.caseId,
          reference: c.reference,
          title: c.title,
          caseState: c.caseState,
          process: { id: c.processId, name: c.processName },
          costByYear,
          totalCostNok: costByYear.reduce((sum, y) => sum + y.amountNok, 0),
          mandatory: c.mandatory,
          carriedOver: c.carriedOver,
          ifLeftOut: c.ifLeftOut,
          declineReason: c.declineReason,
          suggestedConflicts: data.members.flatMap((m) => {
            if (!everything && m.userId !== principal.userId) return [];
            const because = suggestedConflict(m, c);
            return because ? [{ memberId: m.userId, because }] : [];
          }),
        };
      }),
      dependencies: data.dependencies,
      alternatives: data.alternatives,
      conflicts: data.conflicts
        .filter((c) => everything || c.memberId === principal.userId)
        .map((c) => ({
          member: { id: c.memberId, name: c.memberName },
          caseId: c.caseId,
          declaredAt: c.declaredAt ? new Date(c.declaredAt).toISOString() : null,
          reason: c.reason,
          decision: c.decision,
          decisionNote: c.decisionNote,
          decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null,
          counts: counted.some((k) => k.memberId === c.memberId && k.caseId === c.caseId),
        })),
      quorumStatus: everything ? { members: memberIds.length, voted: voted.length, required, reached: facts.quorumReached ?? false } : null,
      recommendedScenarioId: data.round.recommendedScenarioId,
      context: pick(instance.context as PriorityRoundContext),
      myRoles: roles,
      allowedEvents: this.instances.allowedEvents(instance, actor, facts as Record<string, unknown>),
      blockedEvents: this.instances.blockedEvents(instance, actor, facts as Record<string, unknown>),
    };
  }

  /** Cases that may join a round: awaiting prioritisation and in no other round; those deferred before first. */
  async availableCandidates(principal: Principal) {
    assertAllowed(principal, 'rounds.manage');
    const rows = await this.sql.query<{ id: string; reference: string; title: string; process_id: string; process_name: string; deferred: number; cost_benefit: CostBenefitAssessment | null }>(
      `SELECT c.id, c.reference, c.title, c.process_id, p.name_nb AS process_name, c.cost_benefit,
              coalesce(jsonb_array_length(i.snapshot->'context'->'deferrals'), 0) AS deferred
         FROM improvement_case c
         JOIN process p ON p.id = c.process_id
         JOIN workflow_instance i ON i.id = c.id
        WHERE c.state = 'awaitingPrioritisation'
          AND NOT EXISTS (SELECT 1 FROM priority_round_candidate k WHERE k.case_id = c.id AND k.active)
        ORDER BY deferred DESC, c.proposed_at, c.reference`,
    );
    return {
      items: rows.map((r) => ({
        caseId: r.id,
        reference: r.reference,
        title: r.title,
        process: { id: r.process_id, name: r.process_name },
        deferredBefore: r.deferred,
        oneOffCostNok: (r.cost_benefit?.costs?.oneOff ?? []).reduce((sum, c) => sum + c.amountNok, 0),
        yearlyCostNok: (r.cost_benefit?.costs?.yearly ?? []).reduce((sum, c) => sum + c.amountNok, 0),
      })),
    };
  }

  /** A new round, in draft, with its workflow instance: set up by the programme secretariat. */
  async create(body: CreateRoundBody, principal: Principal) {
    assertAllowed(principal, 'rounds.manage');
    const id = randomUUID();
    const criteria =
      body.criteria ?? DEFAULT_CRITERIA.map((c) => ({ key: c.key, label: { nb: c.label.nb, en: c.label.en }, weight: 1 }));
    await this.db.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      const instance = await this.runtime.start(sql, {
        instanceId: id,
        workflowId: PRIORITY_ROUND_REGISTRATION.id,
        input: { roundId: id, title: body.title } satisfies PriorityRoundInput,
        actor: { userId: principal.userId, roles: ['secretariat'] },
      });
      await sql.query(
        `INSERT INTO priority_round (id, title, plan_year, board_decision, quorum, score_floor, state, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, body.title, body.planYear, body.boardDecision, body.quorum, body.scoreFloor, instance.state, principal.userId],
      );
      await this.writeSetup(sql, id, body.planYear, { ...body, criteria }, true);
    });
    return this.detail(id, principal);
  }

  /** Changes the set-up while the round is being set up; lists given replace the stored ones. */
  async update(id: string, body: UpdateRoundBody, principal: Principal) {
    assertAllowed(principal, 'rounds.manage');
    await this.underLock(id, principal, async (sql, data) => {
      await this.assertStateAllows(data, 'setupEditable', 'a change of the set-up', 'the set-up can change only before voting opens', principal);
      const planYear = body.planYear ?? data.round.planYear;
      await sql.query(
        `UPDATE priority_round SET title = coalesce($2, title), plan_year = $3, board_decision = coalesce($4, board_decision), quorum = coalesce($5, quorum),
                score_floor = CASE WHEN $6::boolean THEN $7 ELSE score_floor END, updated_at = now() WHERE id = $1`,
        [id, body.title ?? null, planYear, body.boardDecision ?? null, body.quorum ?? null, body.scoreFloor !== undefined, body.scoreFloor ?? null],
      );
      await this.writeSetup(sql, id, planYear, body, false, data);
    });
    return this.detail(id, principal);
  }

  /**
   * Writes the lists of the set-up that are given (all of them for a new round), checking each
   * against the data: the members hold the council role, the candidates await prioritisation in no
   * other round, dependencies and alternatives name candidates. Costs are read again from each
   * candidate's assessment for the frame's years.
   */
  private async writeSetup(sql: TransactionSql, id: string, planYear: number, body: UpdateRoundBody, all: boolean, before?: RoundData): Promise<void> {
    const errors: FieldError[] = [];
    if (body.criteria) {
      try {
        normaliseWeights(
          body.criteria.map((c) => ({ key: c.key, label: c.label })),
          Object.fromEntries(body.criteria.map((c) => [c.key, c.weight])),
        );
      } catch (error) {
        if (error instanceof InputInvalid) errors.push(...error.errors.map((e) => ({ field: e.field.replace(/^weights\./, 'criteria.'), reason: e.reason })));
        else throw error;
      }
    }
    if (body.memberIds?.length) {
      const council = await sql.query<{ id: string }>(
        `SELECT DISTINCT u.id FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id
          WHERE u.id = ANY($1::uuid[]) AND u.ended_at IS NULL AND ra.role = 'programme_council' AND ra.ended_at IS NULL
            AND ra.valid_from <= current_date AND (ra.valid_to IS NULL OR ra.valid_to >= current_date)`,
        [body.memberIds],
      );
      const known = new Set(council.map((c) => c.id));
      body.memberIds.forEach((m, i) => {
        if (!known.has(m)) errors.push({ field: `memberIds[${i}]`, reason: `${m} is not a member of the programme council today; give them the programme council role first` });
      });
    }
    const candidateIds = body.candidates?.map((c) => c.caseId) ?? before?.candidates.map((c) => c.caseId) ?? [];
    let cases: { id: string; reference: string; state: string; cost_benefit: CostBenefitAssessment | null; deferred: number; other_round: string | null }[] = [];
    if (body.candidates?.length) {
      cases = await sql.query(
        `SELECT c.id, c.reference, c.state, c.cost_benefit, coalesce(jsonb_array_length(i.snapshot->'context'->'deferrals'), 0) AS deferred,
                (SELECT r.reference || ' (' || r.title || ')' FROM priority_round_candidate k JOIN priority_round r ON r.id = k.round_id
                  WHERE k.case_id = c.id AND k.active AND k.round_id <> $2 LIMIT 1) AS other_round
           FROM improvement_case c JOIN workflow_instance i ON i.id = c.id WHERE c.id = ANY($1::uuid[])`,
        [body.candidates.map((c) => c.caseId), id],
      );
      body.candidates.forEach((c, i) => {
        const found = cases.find((k) => k.id === c.caseId);
        const field = `candidates[${i}].caseId`;
        if (!found) errors.push({ field, reason: `no case awaiting prioritisation has id ${c.caseId}` });
        else if (found.state !== 'awaitingPrioritisation') errors.push({ field, reason: `${found.reference} is not awaiting prioritisation` });
        else if (found.other_round) errors.push({ field, reason: `${found.reference} is already a candidate in ${found.other_round}` });
      });
    }
    const inRound = new Set(candidateIds);
    body.dependencies?.forEach((d, i) => {
      if (!inRound.has(d.caseId)) errors.push({ field: `dependencies[${i}].caseId`, reason: 'is not a candidate of the round' });
      if (!inRound.has(d.requires)) errors.push({ field: `dependencies[${i}].requires`, reason: 'is not a candidate of the round' });
      if (d.caseId === d.requires) errors.push({ field: `dependencies[${i}]`, reason: 'a case cannot require itself' });
    });
    body.alternatives?.forEach((group, i) =>
      group.forEach((caseId, j) => {
        if (!inRound.has(caseId)) errors.push({ field: `alternatives[${i}][${j}]`, reason: 'is not a candidate of the round' });
      }),
    );
    if (errors.length) throw new InputInvalid(errors);

    const budget = body.budget ?? before?.budget;
    if (body.budget) {
      await sql.query(`DELETE FROM priority_round_budget WHERE round_id = $1`, [id]);
      for (const b of body.budget) await sql.query(`INSERT INTO priority_round_budget (round_id, year, amount_nok) VALUES ($1, $2, $3)`, [id, b.year, b.amountNok]);
    }
    if (body.criteria) {
      await sql.query(`DELETE FROM priority_round_criterion WHERE round_id = $1`, [id]);
      for (const [i, c] of body.criteria.entries()) {
        await sql.query(`INSERT INTO priority_round_criterion (round_id, key, position, label_nb, label_en, weight) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id,
          c.key,
          i,
          c.label.nb,
          c.label.en,
          c.weight,
        ]);
      }
    }
    if (body.memberIds) {
      await sql.query(`DELETE FROM priority_round_member WHERE round_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [id, body.memberIds]);
      await sql.query(`INSERT INTO priority_round_member (round_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [id, body.memberIds]);
    }
    const frameYears = (budget ?? []).map((b) => b.year);
    if (body.candidates) {
      await sql.query(`DELETE FROM priority_round_candidate WHERE round_id = $1 AND NOT (case_id = ANY($2::uuid[]))`, [id, candidateIds]);
      // Deferred cases come first (docs/priority-rounds.md), then in the order given.
      const ordered = [...body.candidates].sort((a, b) => (cases.find((k) => k.id === b.caseId)?.deferred ?? 0) - (cases.find((k) => k.id === a.caseId)?.deferred ?? 0));
      for (const [i, c] of ordered.entries()) {
        const found = cases.find((k) => k.id === c.caseId)!;
        await sql
          .query(
            `INSERT INTO priority_round_candidate (round_id, case_id, position, cost_by_year, mandatory, carried_over) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (round_id, case_id) DO UPDATE SET position = EXCLUDED.position, cost_by_year = EXCLUDED.cost_by_year, mandatory = EXCLUDED.mandatory`,
            [id, c.caseId, i, JSON.stringify(costByYearOf(found.cost_benefit, planYear, frameYears)), c.mandatory, found.deferred > 0],
          )
          .catch((error: { code?: string }) => {
            // Another round took the case in the same moment (the unique index on active candidates).
            if (error.code === '23505') throw new Conflict(`${found.reference} was just made a candidate in another round; reload the candidates`, 'candidates');
            throw error;
          });
      }
    } else if (!all && (body.budget || body.planYear !== undefined)) {
      // The frame or the plan year moved: every candidate's cost per year is read again.
      const rows = await sql.query<{ case_id: string; cost_benefit: CostBenefitAssessment | null }>(
        `SELECT k.case_id, c.cost_benefit FROM priority_round_candidate k JOIN improvement_case c ON c.id = k.case_id WHERE k.round_id = $1`,
        [id],
      );
      for (const r of rows) {
        await sql.query(`UPDATE priority_round_candidate SET cost_by_year = $3 WHERE round_id = $1 AND case_id = $2`, [id, r.case_id, JSON.stringify(costByYearOf(r.cost_benefit, planYear, frameYears))]);
      }
    }
    if (body.dependencies || body.candidates) {
      await sql.query(`DELETE FROM priority_round_dependency WHERE round_id = $1`, [id]);
      for (const d of body.dependencies ?? before?.dependencies.filter((x) => inRound.has(x.caseId) && inRound.has(x.requires)) ?? []) {
        await sql.query(`INSERT INTO priority_round_dependency (round_id, case_id, requires_case_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, d.caseId, d.requires]);
      }
    }
    if (body.alternatives || body.candidates) {
      await sql.query(`DELETE FROM priority_round_alternative WHERE round_id = $1`, [id]);
      const groups = body.alternatives ?? before?.alternatives.map((g) => g.filter((x) => inRound.has(x))).filter((g) => g.length > 1) ?? [];
      for (const [i, group] of groups.entries()) {
        for (const caseId of new Set(group)) await sql.query(`INSERT INTO priority_round_alternative (round_id, group_no, case_id) VALUES ($1, $2, $3)`, [id, i, caseId]);
      }
    }
  }

  /** An event of the round's workflow; its facts are read under the round's lock (round-facts.ts). */
  async send(id: string, body: SendRoundEventBody, principal: Principal) {
    const data = await this.visibleRound(id, principal);
    const { roles, grants } = roundRolesFor(principal, data.members.map((m) => m.userId));
    const closesAt = (body.payload as { closesAt?: unknown } | undefined)?.closesAt;
    if ((body.type === 'OPEN' || body.type === 'EXTEND') && typeof closesAt === 'string' && Date.parse(closesAt) <= Date.now()) {
      throw new InputInvalid([{ field: 'payload.closesAt', reason: 'must be in the future: voting closes then' }]);
    }
    if (body.type === 'RECOMMEND') {
      const scenarioId = (body.payload as { scenarioId?: unknown } | undefined)?.scenarioId;
      if (typeof scenarioId === 'string' && /^[0-9a-f-]{36}$/i.test(scenarioId) && !(await RoundStore.scenario(this.sql, id, scenarioId))) {
        throw new InputInvalid([{ field: 'payload.scenarioId', reason: 'is not a scenario of this round' }]);
      }
    }
    await this.runtime.send({
      instanceId: id,
      type: body.type,
      payload: body.payload ?? {},
      actor: { userId: principal.userId, roles },
      grants,
      expectedRevision: body.expectedRevision,
      idempotencyKey: body.idempotencyKey,
    });
    return this.detail(id, principal);
  }

  /** The secretariat's choice for a case the portfolio leaves out: defer it (the default) or decline it with a reason. */
  async setCandidateOutcome(id: string, caseId: string, body: { ifLeftOut: 'defer' | 'decline'; declineReason?: string | undefined }, principal: Principal) {
    assertAllowed(principal, 'rounds.manage');
    await this.underLock(id, principal, async (sql, data) => {
      if (!['draft', 'open', 'quorumNotReached', 'closed'].includes(data.round.state)) {
        await this.refuse(data, 'a change of what happens to a case left out', 'it can change only until the round is recommended', principal);
      }
      if (!data.candidates.some((c) => c.caseId === caseId)) throw new NotFound('candidate case', caseId);
      await sql.query(`UPDATE priority_round_candidate SET if_left_out = $3, decline_reason = $4 WHERE round_id = $1 AND case_id = $2`, [
        id,
        caseId,
        body.ifLeftOut,
        body.ifLeftOut === 'decline' ? body.declineReason : null,
      ]);
    });
    return this.detail(id, principal);
  }
}

function pick(context: PriorityRoundContext) {
  return {
    extension: context.extension,
    votingClosedBy: context.votingClosedBy,
    recommendation: context.recommendation,
    returns: context.returns,
    approval: context.approval,
    cancellation: context.cancellation,
  };
}

