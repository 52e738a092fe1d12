import { InputInvalid } from '#flyt/kernel';
import { DEFAULT_CRITERIA } from './criteria.js';
import { type Ballot, type CriterionScores, recordBallot, tally, type TallyInput } from './tally.js';

const CASES = ['FLYT-2027-0001', 'FLYT-2027-0002', 'FLYT-2027-0003'];
const MEMBERS = ['randi.sorensen', 'terje.andersen', 'oystein.berge', 'eva.nilsen'];

/** Scores in the order of DEFAULT_CRITERIA: user value, resource savings, quality, strategic fit, risk and feasibility. */
function scores(...values: number[]): CriterionScores {
  return Object.fromEntries(DEFAULT_CRITERIA.map((c, i) => [c.key, values[i]!]));
}

function round(overrides: Partial<TallyInput> = {}): TallyInput {
  return { criteria: DEFAULT_CRITERIA, caseIds: CASES, memberIds: MEMBERS, ballots: [], ...overrides };
}

function invalidFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputInvalid);
    return (error as InputInvalid).errors.map((e) => `${e.field}: ${e.reason}`);
  }
  throw new Error('expected the input to be refused');
}

describe('tally', () => {
  it('takes the mean over the voters of each voter’s weighted mean, with the weights scaled to sum to 1', () => {
    const ballots: Ballot[] = [
      { memberId: 'randi.sorensen', scores: { [CASES[0]!]: scores(5, 1, 3, 4, 2) } },
      { memberId: 'terje.andersen', scores: { [CASES[0]!]: scores(3, 3, 3, 2, 4) } },
    ];
    const weights = { userValue: 2, resourceSavings: 1, quality: 1, strategicFit: 0, riskAndFeasibility: 4 };
    const result = tally(round({ ballots, weights }));
    // randi: (2·5 + 1 + 3 + 0 + 4·2) / 8 = 22/8; terje: (6 + 3 + 3 + 0 + 16) / 8 = 28/8; mean 25/8
    expect(result.cases[0]!.score).toBeCloseTo(25 / 8, 12);
    expect(result.cases[0]!.voters).toBe(2);
    expect(result.cases[0]!.criterionMeans).toEqual({ userValue: 4, resourceSavings: 2, quality: 3, strategicFit: 3, riskAndFeasibility: 3 });
    expect(result.weights).toEqual({ userValue: 0.25, resourceSavings: 0.125, quality: 0.125, strategicFit: 0, riskAndFeasibility: 0.5 });
  });

  it('weighs every criterion equally by default', () => {
    const result = tally(round({ ballots: [{ memberId: 'randi.sorensen', scores: { [CASES[1]!]: scores(5, 4, 3, 2, 0) } }] }));
    expect(result.cases[1]!.score).toBeCloseTo(14 / 5, 12);
  });

  it('leaves a member with a declared conflict out of that case’s tally, and only that case’s', () => {
    const ballots: Ballot[] = [
      { memberId: 'randi.sorensen', scores: { [CASES[0]!]: scores(5, 5, 5, 5, 5), [CASES[1]!]: scores(5, 5, 5, 5, 5) } },
      { memberId: 'terje.andersen', scores: { [CASES[0]!]: scores(1, 1, 1, 1, 1), [CASES[1]!]: scores(1, 1, 1, 1, 1) } },
    ];
    const result = tally(round({ ballots, conflicts: [{ memberId: 'randi.sorensen', caseId: CASES[0]! }] }));
    expect(result.cases[0]).toMatchObject({ score: 1, voters: 1, eligibleMembers: 3, conflictedMembers: ['randi.sorensen'] });
    expect(result.cases[1]).toMatchObject({ score: 3, voters: 2, eligibleMembers: 4, conflictedMembers: [] });
  });

  it('reaches a 2/3 quorum of 4 members with 3 ballots, not with 2', () => {
    const ballot = (memberId: string): Ballot => ({ memberId, scores: { [CASES[0]!]: scores(3, 3, 3, 3, 3) } });
    const two = tally(round({ ballots: MEMBERS.slice(0, 2).map(ballot) }));
    expect(two.quorum).toEqual({ fraction: 2 / 3, members: 4, ballots: 2, ballotsRequired: 3, turnout: 0.5, reached: false });
    const three = tally(round({ ballots: MEMBERS.slice(0, 3).map(ballot) }));
    expect(three.quorum).toMatchObject({ ballots: 3, ballotsRequired: 3, turnout: 0.75, reached: true });
  });

  it('asks 2 of 3 members for a 2/3 quorum (no third ballot through rounding)', () => {
    const result = tally(round({ memberIds: MEMBERS.slice(0, 3), ballots: MEMBERS.slice(0, 2).map((memberId) => ({ memberId, scores: { [CASES[0]!]: scores(1, 1, 1, 1, 1) } })) }));
    expect(result.quorum).toMatchObject({ ballotsRequired: 2, reached: true });
  });

  it('does not count a ballot that scores no case, or only cases the member is in conflict for, toward the quorum', () => {
    const ballots: Ballot[] = [
      { memberId: 'randi.sorensen', scores: {} },
      { memberId: 'terje.andersen', scores: { [CASES[2]!]: scores(4, 4, 4, 4, 4) } },
      { memberId: 'oystein.berge', scores: { [CASES[0]!]: scores(2, 2, 2, 2, 2) } },
    ];
    const result = tally(round({ ballots, conflicts: [{ memberId: 'terje.andersen', caseId: CASES[2]! }] }));
    expect(result.quorum).toMatchObject({ ballots: 1, reached: false });
  });

  it('counts only a member’s latest ballot when they change their vote', () => {
    let ballots = recordBallot([], { memberId: 'randi.sorensen', scores: { [CASES[0]!]: scores(1, 1, 1, 1, 1), [CASES[1]!]: scores(2, 2, 2, 2, 2) } });
    ballots = recordBallot(ballots, { memberId: 'terje.andersen', scores: { [CASES[0]!]: scores(3, 3, 3, 3, 3) } });
    ballots = recordBallot(ballots, { memberId: 'randi.sorensen', scores: { [CASES[0]!]: scores(5, 5, 5, 5, 5) } });
    const result = tally(round({ ballots }));
    expect(ballots).toHaveLength(2);
    expect(result.cases[0]).toMatchObject({ score: 4, voters: 2 });
    // The changed ballot no longer scores the second case.
    expect(result.cases[1]).toMatchObject({ score: null, voters: 0, notScoredBecause: 'nobodyVoted' });
  });

  it('gives a case no one could vote on no score, and says every member was in conflict', () => {
    const conflicts = MEMBERS.map((memberId) => ({ memberId, caseId: CASES[2]! }));
    const ballots: Ballot[] = [{ memberId: 'randi.sorensen', scores: { [CASES[2]!]: scores(5, 5, 5, 5, 5), [CASES[0]!]: scores(2, 2, 2, 2, 2) } }];
    const result = tally(round({ ballots, conflicts }));
    expect(result.cases[2]).toEqual({
      caseId: CASES[2],
      score: null,
      voters: 0,
      eligibleMembers: 0,
      conflictedMembers: MEMBERS,
      criterionMeans: null,
      notScoredBecause: 'everyMemberConflicted',
    });
  });

  it('refuses a score of 6, a fraction, an unknown criterion and a missing criterion, naming each', () => {
    const ballots: Ballot[] = [
      {
        memberId: 'randi.sorensen',
        scores: {
          [CASES[0]!]: scores(6, 1, 1, 1, 1),
          [CASES[1]!]: { ...scores(2.5, 1, 1, 1, 1), beauty: 3 },
          [CASES[2]!]: { userValue: 1 },
        },
      },
    ];
    const fields = invalidFields(() => tally(round({ ballots })));
    expect(fields).toEqual(
      expect.arrayContaining([
        `ballots[0].scores.${CASES[0]}.userValue: must be a whole number from 0 to 5, was 6`,
        `ballots[0].scores.${CASES[1]}.userValue: must be a whole number from 0 to 5, was 2.5`,
        `ballots[0].scores.${CASES[1]}.beauty: unknown criterion beauty`,
        `ballots[0].scores.${CASES[2]}.quality: missing: a vote on a case scores every criterion`,
      ]),
    );
  });

  it('refuses a negative weight, weights that are all zero and a weight for an unknown criterion', () => {
    const zero = { userValue: 0, resourceSavings: 0, quality: 0, strategicFit: 0, riskAndFeasibility: 0 };
    expect(invalidFields(() => tally(round({ weights: { ...zero, quality: -1, userValue: 1 } })))).toEqual(['weights.quality: must be a non-negative number, was -1']);
    expect(invalidFields(() => tally(round({ weights: zero })))).toEqual(['weights: the weights are all zero; at least one criterion must count']);
    expect(invalidFields(() => tally(round({ weights: { ...zero, userValue: 1, speed: 2 } })))).toEqual([
      'weights.speed: unknown criterion speed; the criteria are userValue, resourceSavings, quality, strategicFit, riskAndFeasibility',
    ]);
  });

  it('refuses a duplicate case, a second ballot of one member, a ballot of a non-member and a case outside the round', () => {
    const fields = invalidFields(() =>
      tally(
        round({
          caseIds: [...CASES, CASES[0]!],
          ballots: [
            { memberId: 'randi.sorensen', scores: {} },
            { memberId: 'randi.sorensen', scores: {} },
            { memberId: 'rector', scores: { 'FLYT-2026-0999': scores(1, 1, 1, 1, 1) } },
          ],
        }),
      ),
    );
    expect(fields).toEqual([
      `caseIds[3]: case ${CASES[0]} appears twice`,
      'ballots[1].memberId: randi.sorensen has more than one ballot; record a changed ballot with recordBallot',
      'ballots[2].memberId: rector is not a member of the priority round',
      'ballots[2].scores.FLYT-2026-0999: FLYT-2026-0999 is not a case of the priority round',
    ]);
  });

  it('refuses a quorum outside (0, 1]', () => {
    expect(invalidFields(() => tally(round({ quorum: 1.5 })))).toEqual(['quorum: must be a fraction above 0 and at most 1, was 1.5']);
  });
});
