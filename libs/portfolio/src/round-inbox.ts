import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { type OtherWorkItem, type OtherWorkSource, OtherWorkSources } from '#flyt/cases';
import { ROUND_STATE_LABELS } from '#workflows/priority-round/priority-round.machine';
import { roundFacts } from './round-facts.js';
import { RoundStore } from './round-store.js';
import { RoundsService } from './rounds.service.js';
import { roundRolesFor } from './rounds/round-roles.js';

/** What each role is asked to do in a round's state: the secretariat's work, a member's ballot, the rector's decision. */
const TASKS: Record<string, { role: 'secretariat' | 'member' | 'rector'; nb: string; en: string }> = {
  draft: { role: 'secretariat', nb: 'Gjør ferdig oppsettet og åpne for stemmegivning', en: 'Finish the set-up and open voting' },
  open: { role: 'member', nb: 'Gi poeng til sakene', en: 'Score the cases' },
  quorumNotReached: { role: 'secretariat', nb: 'For få stemte: gi ny frist eller avlys', en: 'Too few voted: extend or cancel' },
  closed: { role: 'secretariat', nb: 'Anbefal en portefølje til rektor', en: 'Recommend a portfolio to the rector' },
  recommended: { role: 'rector', nb: 'Godkjenn prioriteringen, eller send den tilbake', en: 'Approve the prioritisation, or return it' },
};

/**
 * The priority rounds waiting for the caller, for the inbox (docs/priority-rounds.md): a member
 * whose ballot is not complete while voting is open, the rector a recommendation, the secretariat
 * the rounds it must move on.
 */
@Injectable()
export class RoundInbox implements OtherWorkSource {
  constructor(
    private readonly rounds: RoundsService,
    sources: OtherWorkSources,
  ) {
    sources.add(this);
  }

  async itemsFor(principal: Principal): Promise<OtherWorkItem[]> {
    const sql = this.rounds.sql;
    const anyRole = principal.grants.some((g) => ['programme_secretariat', 'programme_council', 'rector'].includes(g.role));
    if (!anyRole) return [];
    const { rows } = await RoundStore.list(sql, { states: Object.keys(TASKS), limit: 200, offset: 0 });
    const items: OtherWorkItem[] = [];
    for (const round of rows) {
      const task = TASKS[round.state]!;
      const memberIds = await RoundStore.memberIds(sql, round.id);
      if (!roundRolesFor(principal, memberIds).roles.includes(task.role)) continue;
      if (task.role === 'member' && (await roundFacts(sql, round.id)).membersWhoHaveVoted?.includes(principal.userId)) continue;
      items.push({
        workflowId: 'priority-round',
        instanceId: round.id,
        reference: round.reference,
        title: round.title,
        state: round.state,
        stateLabel: ROUND_STATE_LABELS[round.state]!,
        task: { nb: task.nb, en: task.en },
        dueAt: round.state === 'open' && round.closesAt ? new Date(round.closesAt).toISOString() : null,
        // A council member votes on the ballot page; the others act on the round's page.
        path: task.role === 'member' ? `/rounds/${round.id}/ballot` : `/rounds/${round.id}`,
      });
    }
    return items;
  }
}
