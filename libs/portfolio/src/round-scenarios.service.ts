import { Injectable } from '@nestjs/common';
import { assertAllowed, type Principal } from '#flyt/access';
import { type FieldError, InputInvalid } from '#flyt/kernel';
import type { TransactionSql } from '#flyt/workflow-runtime';
import { type RoundData, RoundStore, type ScenarioRow } from './round-store.js';
import type { CreateScenarioBody } from './round.dto.js';
import { BALLOTS_OPEN_TO_ALL, RoundsService } from './rounds.service.js';
import { type RoundForResult, type ScenarioParameters, type ScenarioResult, scenarioResult } from './rounds/round-result.js';
import { conflictsThatCount } from './rounds/round-setup.js';

/**
 * The result of a round and its what-if scenarios (docs/priority-rounds.md, "Scenarios"): the
 * baseline is the council's own set-up, computed the first time the result is asked for after
 * voting closed; the secretariat re-runs the selection with another budget, weights, floor or
 * mandatory set, without touching the ballots. Results are stored as computed, never recomputed.
 */
@Injectable()
export class RoundScenariosService {
  constructor(private readonly rounds: RoundsService) {}

  private async input(sql: TransactionSql, data: RoundData): Promise<RoundForResult> {
    return {
      criteria: data.criteria.map((c) => ({ key: c.key, label: { nb: c.labelNb, en: c.labelEn }, weight: c.weight })),
      budgetByYear: Object.fromEntries(data.budget.map((b) => [String(b.year), b.amountNok])),
      scoreFloor: data.round.scoreFloor,
      quorum: data.round.quorum,
      memberIds: data.members.map((m) => m.userId),
      candidates: data.candidates.map((c) => ({ caseId: c.caseId, reference: c.reference, costByYear: c.costByYear, mandatory: c.mandatory })),
      dependencies: data.dependencies,
      alternatives: data.alternatives,
      ballots: RoundStore.ballotsOf(await RoundStore.votes(sql, data.round.id)),
      conflicts: conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null }))),
    };
  }

  private view(data: RoundData, rows: readonly ScenarioRow[], people: ReadonlyMap<string, string>) {
    const selectedBy = (row: ScenarioRow) => {
      const selection = (row.result as unknown as ScenarioResult).selection;
      return new Set(selection.outcome === 'portfolio' ? selection.selected : []);
    };
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        baseline: row.baseline,
        recommended: data.round.recommendedScenarioId === row.id,
        parameters: row.parameters,
        result: row.result,
        createdBy: row.createdBy ? { id: row.createdBy, name: people.get(row.createdBy) ?? '' } : null,
        createdAt: new Date(row.createdAt).toISOString(),
      })),
      comparison: data.candidates.map((c) => ({ caseId: c.caseId, reference: c.reference, selectedIn: rows.filter((r) => selectedBy(r).has(c.caseId)).map((r) => r.id) })),
    };
  }

  private async people(sql: TransactionSql, rows: readonly ScenarioRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])))];
    const found = ids.length ? await sql.query<{ id: string; name: string }>(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [ids]) : [];
    return new Map(found.map((p) => [p.id, p.name]));
  }

  /** The round's scenarios, with the baseline computed when voting has closed and it is not yet there. */
  async list(id: string, principal: Principal) {
    const data = await this.rounds.visibleRound(id, principal);
    if (!BALLOTS_OPEN_TO_ALL.includes(data.round.state)) {
      await this.rounds.refuse(data, 'the result', 'the result is computed once voting has closed', principal);
    }
    let rows = await RoundStore.scenarios(this.rounds.sql, id);
    if (!rows.some((r) => r.baseline)) {
      rows = await this.rounds.underLock(id, principal, async (sql, locked) => {
        const existing = await RoundStore.scenarios(sql, id);
        if (existing.some((r) => r.baseline)) return existing;
        const result = await scenarioResult(await this.input(sql, locked), {});
        await sql.query(`INSERT INTO priority_round_scenario (round_id, name, baseline, parameters, result) VALUES ($1, $2, true, '{}', $3)`, [
          id,
          'Programrådets oppsett',
          JSON.stringify(result),
        ]);
        return RoundStore.scenarios(sql, id);
      });
    }
    return this.view(data, rows, await this.people(this.rounds.sql, rows));
  }

  /** A what-if scenario: the selection again with other parameters, kept beside the others. */
  async create(id: string, body: CreateScenarioBody, principal: Principal) {
    assertAllowed(principal, 'rounds.manage');
    await this.list(id, principal); // the baseline first, so it is always the first scenario
    await this.rounds.underLock(id, principal, async (sql, data) => {
      await this.rounds.assertStateAllows(data, 'scenariosEditable', 'a scenario', 'scenarios are run after voting closes and before the round is recommended', principal);
      const parameters: ScenarioParameters = {
        ...(body.budget ? { budgetByYear: Object.fromEntries(body.budget.map((b) => [String(b.year), b.amountNok])) } : {}),
        ...(body.weights ? { weights: body.weights } : {}),
        ...(body.scoreFloor !== undefined ? { scoreFloor: body.scoreFloor } : {}),
        ...(body.mandatory ? { mandatory: body.mandatory } : {}),
      };
      const errors: FieldError[] = [];
      const keys = data.criteria.map((c) => c.key);
      for (const key of Object.keys(body.weights ?? {})) if (!keys.includes(key)) errors.push({ field: `weights.${key}`, reason: `not a criterion of the round; the criteria are ${keys.join(', ')}` });
      if (body.weights) for (const key of keys) if (body.weights[key] === undefined) errors.push({ field: `weights.${key}`, reason: 'missing: give a weight for every criterion' });
      if (body.weights && Object.values(body.weights).every((w) => w === 0)) errors.push({ field: 'weights', reason: 'the weights are all zero; at least one criterion must count' });
      body.mandatory?.forEach((caseId, i) => {
        if (!data.candidates.some((c) => c.caseId === caseId)) errors.push({ field: `mandatory[${i}]`, reason: 'is not a candidate of the round' });
      });
      if (errors.length) throw new InputInvalid(errors);
      const result = await scenarioResult(await this.input(sql, data), parameters);
      await sql.query(`INSERT INTO priority_round_scenario (round_id, name, parameters, result, created_by) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        body.name,
        JSON.stringify(parameters),
        JSON.stringify(result),
        principal.userId,
      ]);
    });
    return this.list(id, principal);
  }
}
