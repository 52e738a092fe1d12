import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { SYSTEM_CLOCK } from '#flyt/kernel';
import { WorkflowInstances } from '#flyt/workflow-runtime';
import { ROUND_STATE_LABELS, type PriorityRoundContext } from '#workflows/priority-round/priority-round.machine';
import { RoundStore } from './round-store.js';
import { RoundScenariosService } from './round-scenarios.service.js';
import { BALLOTS_OPEN_TO_ALL, RoundsService } from './rounds.service.js';
import { renderMinutesPdf } from './rounds/minutes-pdf.js';
import type { ScenarioResult } from './rounds/round-result.js';
import { type MinutesScenario, roundMinutes } from './rounds/round-minutes.js';

/**
 * The minutes (protokoll) of a priority round as a PDF to archive (docs/priority-rounds.md, "The
 * development plan and the minutes"). They show every ballot, so they exist once voting has
 * closed, for those who may see the round.
 */
@Injectable()
export class RoundMinutesService {
  constructor(
    private readonly rounds: RoundsService,
    private readonly scenarios: RoundScenariosService,
    private readonly instances: WorkflowInstances,
  ) {}

  async pdf(id: string, principal: Principal): Promise<{ reference: string; pdf: Buffer }> {
    const data = await this.rounds.visibleRound(id, principal);
    if (!BALLOTS_OPEN_TO_ALL.includes(data.round.state)) {
      await this.rounds.refuse(data, 'a PDF of the minutes', 'the minutes show every ballot, so they are made once voting has closed', principal);
    }
    // Before a recommendation the minutes show the council's own portfolio, computed here if no one has asked for it yet.
    const listed = await this.scenarios.list(id, principal);
    const scenarios: MinutesScenario[] = listed.items.map((s) => ({
      name: s.name,
      baseline: s.baseline,
      recommended: s.recommended,
      result: s.result as unknown as ScenarioResult,
    }));
    const scenario = scenarios.find((s) => s.recommended) ?? scenarios.find((s) => s.baseline) ?? null;
    const [votes, instance] = await Promise.all([RoundStore.votes(this.rounds.sql, id), this.instances.get(id)]);
    const context = instance.context as PriorityRoundContext;
    const ids = [
      context.recommendation?.by,
      context.approval?.by,
      ...context.returns.map((r) => r.by),
      ...data.conflicts.map((c) => c.decidedBy),
    ].filter((x): x is string => typeof x === 'string');
    const people = ids.length
      ? await this.rounds.sql.query<{ id: string; name: string }>(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]])
      : [];
    const now = SYSTEM_CLOCK.now();
    const minutes = roundMinutes({
      data,
      stateLabel: (ROUND_STATE_LABELS[data.round.state] ?? { nb: data.round.state }).nb,
      votes,
      scenario,
      scenarios,
      context,
      people: new Map(people.map((p) => [p.id, p.name])),
      generatedAt: now,
    });
    return { reference: data.round.reference, pdf: await renderMinutesPdf(minutes, { author: 'Programmet for digitalisering og prosessutvikling', createdAt: now }) };
  }
}
