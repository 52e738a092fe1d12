import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { type FieldError, InputInvalid, NotFound, NotPermitted } from '#flyt/kernel';
import { type RoundData, RoundStore, type VoteRow } from './round-store.js';
import type { DecideConflictBody, DeclareConflictBody, SaveBallotBody } from './round.dto.js';
import { BALLOTS_OPEN_TO_ALL, RoundsService } from './rounds.service.js';
import { roundRolesFor } from './rounds/round-roles.js';
import { casesToVoteOn, conflictsThatCount } from './rounds/round-setup.js';

/**
 * Ballots and conflicts of interest (docs/priority-rounds.md, "Voting"): a member scores each
 * candidate on each criterion while voting is open and may change it until it closes; ballots are
 * hidden from other members until then. A declared conflict leaves the member out of that case's
 * tally; the secretariat upholds or dismisses it, and may uphold one Flyt suggested.
 */
@Injectable()
export class RoundVotesService {
  constructor(private readonly rounds: RoundsService) {}

  private memberOf(data: RoundData, principal: Principal, what: string): void {
    if (!roundRolesFor(principal, data.members.map((m) => m.userId)).roles.includes('member')) {
      throw new NotPermitted(what, ['member'], `Only the council members named in this round may ${what}; ask the programme secretariat to add you.`);
    }
  }

  private ballotView(data: RoundData, memberId: string, votes: readonly VoteRow[]) {
    const member = data.members.find((m) => m.userId === memberId)!;
    const mine = votes.filter((v) => v.memberId === memberId);
    const conflicts = conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null })));
    const ballot = RoundStore.ballotsOf(mine)[0];
    const toVoteOn = casesToVoteOn(
      data.candidates.map((c) => c.caseId),
      memberId,
      ballot,
      conflicts,
    );
    return {
      member: { id: member.userId, name: member.name },
      votes: mine.map((v) => ({ caseId: v.caseId, scores: v.scores, comment: v.comment, updatedAt: new Date(v.updatedAt).toISOString() })),
      toVoteOn,
      complete: toVoteOn.length === 0,
    };
  }

  async myBallot(id: string, principal: Principal) {
    const data = await this.rounds.visibleRound(id, principal);
    this.memberOf(data, principal, 'have a ballot');
    return this.ballotView(data, principal.userId, await RoundStore.votes(this.rounds.sql, id, principal.userId));
  }

  /** Saves the votes given (a case at a time, as the member goes); each must score every criterion. */
  async saveBallot(id: string, body: SaveBallotBody, principal: Principal) {
    return this.rounds.underLock(id, principal, async (sql, data) => {
      this.memberOf(data, principal, 'vote');
      await this.rounds.assertStateAllows(data, 'voting', 'a ballot', 'voting is not open: ballots can be filled in and changed only while the round is open', principal);
      const keys = data.criteria.map((c) => c.key);
      const conflicts = conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null })));
      const errors: FieldError[] = [];
      body.votes.forEach((vote, i) => {
        if (!data.candidates.some((c) => c.caseId === vote.caseId)) errors.push({ field: `votes[${i}].caseId`, reason: 'is not a candidate of the round' });
        else if (conflicts.some((c) => c.memberId === principal.userId && c.caseId === vote.caseId)) {
          errors.push({ field: `votes[${i}].caseId`, reason: 'you have a conflict of interest for this case and are left out of its tally; withdraw the declaration to vote on it' });
        }
        for (const key of keys) if (vote.scores[key] === undefined) errors.push({ field: `votes[${i}].scores.${key}`, reason: 'missing: score every criterion from 0 to 5' });
        for (const key of Object.keys(vote.scores)) if (!keys.includes(key)) errors.push({ field: `votes[${i}].scores.${key}`, reason: `not a criterion of the round; the criteria are ${keys.join(', ')}` });
      });
      if (errors.length) throw new InputInvalid(errors);
      for (const vote of body.votes) {
        await sql.query(
          `INSERT INTO priority_round_vote (round_id, member_id, case_id, scores, comment) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (round_id, member_id, case_id) DO UPDATE SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, updated_at = now()`,
          [id, principal.userId, vote.caseId, JSON.stringify(vote.scores), vote.comment ?? null],
        );
      }
      return this.ballotView(data, principal.userId, await RoundStore.votes(sql, id, principal.userId));
    });
  }

  /** Every ballot, once voting has closed; until then only the secretariat sees who has voted, never how. */
  async allBallots(id: string, principal: Principal) {
    const data = await this.rounds.visibleRound(id, principal);
    if (!BALLOTS_OPEN_TO_ALL.includes(data.round.state)) {
      await this.rounds.refuse(data, 'the ballots', 'ballots stay hidden until voting has closed', principal);
    }
    const votes = await RoundStore.votes(this.rounds.sql, id);
    return { items: data.members.map((m) => this.ballotView(data, m.userId, votes)) };
  }

  async declareConflict(id: string, body: DeclareConflictBody, principal: Principal) {
    await this.rounds.underLock(id, principal, async (sql, data) => {
      this.memberOf(data, principal, 'declare a conflict of interest');
      if (!['draft', 'open'].includes(data.round.state)) {
        await this.rounds.refuse(data, 'a declared conflict of interest', 'conflicts are declared before voting closes', principal);
      }
      if (!data.candidates.some((c) => c.caseId === body.caseId)) throw new InputInvalid([{ field: 'caseId', reason: 'is not a candidate of the round' }]);
      await sql.query(
        `INSERT INTO priority_round_conflict (round_id, member_id, case_id, declared_at, reason) VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (round_id, member_id, case_id) DO UPDATE SET declared_at = now(), reason = EXCLUDED.reason`,
        [id, principal.userId, body.caseId, body.reason ?? null],
      );
      // A vote on a case one is conflicted for would never count: it goes.
      await sql.query(`DELETE FROM priority_round_vote WHERE round_id = $1 AND member_id = $2 AND case_id = $3`, [id, principal.userId, body.caseId]);
    });
    return this.rounds.detail(id, principal);
  }

  async withdrawConflict(id: string, caseId: string, principal: Principal) {
    await this.rounds.underLock(id, principal, async (sql, data) => {
      this.memberOf(data, principal, 'withdraw a conflict of interest');
      if (!['draft', 'open'].includes(data.round.state)) {
        await this.rounds.refuse(data, 'withdrawing a conflict of interest', 'conflicts change only before voting closes', principal);
      }
      const found = data.conflicts.find((c) => c.memberId === principal.userId && c.caseId === caseId && c.declaredAt !== null);
      if (!found) throw new NotFound('declared conflict of interest for case', caseId);
      if (found.decision === 'upheld') {
        throw new InputInvalid([{ field: 'caseId', reason: 'the programme secretariat has upheld this conflict of interest; ask them to dismiss it' }]);
      }
      await sql.query(`DELETE FROM priority_round_conflict WHERE round_id = $1 AND member_id = $2 AND case_id = $3`, [id, principal.userId, caseId]);
    });
    return this.rounds.detail(id, principal);
  }

  /** The secretariat records its decision on a declared or suggested conflict, until the round is recommended. */
  async decideConflict(id: string, body: DecideConflictBody, principal: Principal) {
    await this.rounds.underLock(id, principal, async (sql, data) => {
      if (!roundRolesFor(principal, []).roles.includes('secretariat')) {
        throw new NotPermitted('decide on a conflict of interest', ['secretariat'], 'Only the programme secretariat decides on conflicts of interest.');
      }
      if (!['draft', 'open', 'quorumNotReached', 'closed'].includes(data.round.state)) {
        await this.rounds.refuse(data, 'a decision on a conflict of interest', 'conflicts are decided before the round is recommended', principal);
      }
      const errors: FieldError[] = [];
      if (!data.members.some((m) => m.userId === body.memberId)) errors.push({ field: 'memberId', reason: 'is not a member of the round' });
      if (!data.candidates.some((c) => c.caseId === body.caseId)) errors.push({ field: 'caseId', reason: 'is not a candidate of the round' });
      if (errors.length) throw new InputInvalid(errors);
      await sql.query(
        `INSERT INTO priority_round_conflict (round_id, member_id, case_id, decision, decision_note, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (round_id, member_id, case_id) DO UPDATE SET decision = EXCLUDED.decision, decision_note = EXCLUDED.decision_note,
           decided_by = EXCLUDED.decided_by, decided_at = now()`,
        [id, body.memberId, body.caseId, body.decision, body.note ?? null, principal.userId],
      );
    });
    return this.rounds.detail(id, principal);
  }
}
