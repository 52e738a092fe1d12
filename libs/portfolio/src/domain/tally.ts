import { type FieldError, InputInvalid } from '#flyt/kernel';
import { type Criterion, type CriterionWeights, equalWeights, MAX_SCORE, MIN_SCORE, normaliseWeights } from './criteria.js';

/** Scores 0–5 per criterion key. */
export type CriterionScores = Readonly<Record<string, number>>;

/**
 * A member's ballot as it stands now: the scores per case id. A member who changes a vote
 * replaces the ballot (see `recordBallot`); only the current one is tallied. A case left out of
 * `scores` is a case the member did not vote on.
 */
export interface Ballot {
  readonly memberId: string;
  readonly scores: Readonly<Record<string, CriterionScores>>;
}

/** A member who declared a conflict of interest for a case; their scores for it do not count. */
export interface ConflictOfInterest {
  readonly memberId: string;
  readonly caseId: string;
}

export const DEFAULT_QUORUM = 2 / 3;

export interface TallyInput {
  readonly criteria: readonly Criterion[];
  /** Per criterion key; equal weights when left out. */
  readonly weights?: CriterionWeights;
  /** The cases of the priority round. */
  readonly caseIds: readonly string[];
  /** The programme council members of the round. */
  readonly memberIds: readonly string[];
  /** At most one (the current) ballot per member. */
  readonly ballots: readonly Ballot[];
  readonly conflicts?: readonly ConflictOfInterest[];
  /** The fraction of the members whose ballots make the tally valid; 2/3 when left out. */
  readonly quorum?: number;
}

export interface QuorumResult {
  readonly fraction: number;
  readonly members: number;
  /** Ballots that scored at least one case the member was free to vote on. */
  readonly ballots: number;
  /** The fewest ballots that reach the quorum: ⌈fraction × members⌉. */
  readonly ballotsRequired: number;
  /** ballots / members. */
  readonly turnout: number;
  readonly reached: boolean;
}

/** Why a case has no score. */
export type NotScoredReason = 'everyMemberConflicted' | 'nobodyVoted';

export interface CaseTally {
  readonly caseId: string;
  /** Weighted mean score 0–5, or null when nobody voted on the case. */
  readonly score: number | null;
  readonly voters: number;
  /** Members free to vote on the case (members without a declared conflict for it). */
  readonly eligibleMembers: number;
  readonly conflictedMembers: readonly string[];
  /** Mean score per criterion over the voters; null when nobody voted. */
  readonly criterionMeans: Readonly<Record<string, number>> | null;
  readonly notScoredBecause: NotScoredReason | null;
}

export interface Tally {
  readonly quorum: QuorumResult;
  /** The weights as used: scaled to sum to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** In the order of `caseIds`. */
  readonly cases: readonly CaseTally[];
}

/** The ballots with `ballot` as the member's current one, replacing any earlier ballot of theirs. */
export function recordBallot(ballots: readonly Ballot[], ballot: Ballot): Ballot[] {
  return [...ballots.filter((b) => b.memberId !== ballot.memberId), ballot];
}

/**
 * Tallies the ballots of a priority round (docs/selection.md, "The tally").
 *
 * A voter's score for a case is the weighted mean of their criterion scores, with the weights
 * scaled to sum to 1: Σ wₖ·sₖ / Σ wₖ. The case's score is the plain mean of those over the
 * members who voted on it, leaving out members with a declared conflict for it. Equivalently it
 * is Σ wₖ·(mean of criterion k) / Σ wₖ, since every voter scores every criterion.
 *
 * The quorum counts a member's ballot when it scores at least one case the member has no
 * conflict for; it is reached when those ballots are at least ⌈quorum × members⌉.
 */
export function tally(input: TallyInput): Tally {
  const weights = normaliseWeights(input.criteria, input.weights ?? equalWeights(input.criteria));
  validate(input);
  const conflicted = new Map<string, Set<string>>(input.caseIds.map((id) => [id, new Set()]));
  for (const conflict of input.conflicts ?? []) conflicted.get(conflict.caseId)!.add(conflict.memberId);

  const countingMembers = new Set<string>();
  const cases = input.caseIds.map((caseId): CaseTally => {
    const excluded = conflicted.get(caseId)!;
    const voterScores = input.ballots
      .filter((b) => !excluded.has(b.memberId) && b.scores[caseId] !== undefined)
      .map((b) => {
        countingMembers.add(b.memberId);
        return b.scores[caseId]!;
      });
    const eligibleMembers = input.memberIds.filter((m) => !excluded.has(m)).length;
    const conflictedMembers = input.memberIds.filter((m) => excluded.has(m));
    if (voterScores.length === 0) {
      const notScoredBecause: NotScoredReason = eligibleMembers === 0 ? 'everyMemberConflicted' : 'nobodyVoted';
      return { caseId, score: null, voters: 0, eligibleMembers, conflictedMembers, criterionMeans: null, notScoredBecause };
    }
    const criterionMeans: Record<string, number> = {};
    for (const { key } of input.criteria) criterionMeans[key] = voterScores.reduce((sum, s) => sum + s[key]!, 0) / voterScores.length;
    const perVoter = voterScores.map((s) => input.criteria.reduce((sum, { key }) => sum + weights.get(key)! * s[key]!, 0));
    const score = perVoter.reduce((a, b) => a + b, 0) / perVoter.length;
    return { caseId, score, voters: voterScores.length, eligibleMembers, conflictedMembers, criterionMeans, notScoredBecause: null };
  });

  const fraction = input.quorum ?? DEFAULT_QUORUM;
  const members = input.memberIds.length;
  // The small allowance keeps 2/3 × 3 from asking for a third ballot through rounding.
  const ballotsRequired = Math.max(1, Math.ceil(fraction * members - 1e-9));
  const ballots = countingMembers.size;
  return {
    quorum: { fraction, members, ballots, ballotsRequired, turnout: members === 0 ? 0 : ballots / members, reached: ballots >= ballotsRequired },
    weights: Object.fromEntries(weights),
    cases,
  };
}

function validate(input: TallyInput): void {
  const errors: FieldError[] = [];
  const cases = duplicatesChecked(input.caseIds, 'caseIds', 'case', errors);
  const members = duplicatesChecked(input.memberIds, 'memberIds', 'member', errors);
  const quorum = input.quorum ?? DEFAULT_QUORUM;
  if (!(quorum > 0 && quorum <= 1)) errors.push({ field: 'quorum', reason: `must be a fraction above 0 and at most 1, was ${quorum}` });
  if (members.size === 0) errors.push({ field: 'memberIds', reason: 'a priority round needs at least one member' });
  const criteria = new Set(input.criteria.map((c) => c.key));
  const seenBallots = new Set<string>();
  for (const [b, ballot] of input.ballots.entries()) {
    const at = `ballots[${b}]`;
    if (!members.has(ballot.memberId)) errors.push({ field: `${at}.memberId`, reason: `${ballot.memberId} is not a member of the priority round` });
    if (seenBallots.has(ballot.memberId)) errors.push({ field: `${at}.memberId`, reason: `${ballot.memberId} has more than one ballot; record a changed ballot with recordBallot` });
    seenBallots.add(ballot.memberId);
    for (const [caseId, scores] of Object.entries(ballot.scores)) {
      if (!cases.has(caseId)) {
        errors.push({ field: `${at}.scores.${caseId}`, reason: `${caseId} is not a case of the priority round` });
        continue;
      }
      for (const [key, value] of Object.entries(scores)) {
        if (!criteria.has(key)) errors.push({ field: `${at}.scores.${caseId}.${key}`, reason: `unknown criterion ${key}` });
        else if (!Number.isInteger(value) || value < MIN_SCORE || value > MAX_SCORE) {
          errors.push({ field: `${at}.scores.${caseId}.${key}`, reason: `must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}, was ${value}` });
        }
      }
      for (const key of criteria) {
        if (scores[key] === undefined) errors.push({ field: `${at}.scores.${caseId}.${key}`, reason: 'missing: a vote on a case scores every criterion' });
      }
    }
  }
  for (const [c, conflict] of (input.conflicts ?? []).entries()) {
    if (!members.has(conflict.memberId)) errors.push({ field: `conflicts[${c}].memberId`, reason: `${conflict.memberId} is not a member of the priority round` });
    if (!cases.has(conflict.caseId)) errors.push({ field: `conflicts[${c}].caseId`, reason: `${conflict.caseId} is not a case of the priority round` });
  }
  if (errors.length > 0) throw new InputInvalid(errors);
}

function duplicatesChecked(ids: readonly string[], field: string, noun: string, errors: FieldError[]): Set<string> {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) errors.push({ field: `${field}[${index}]`, reason: `${noun} ${id} appears twice` });
    seen.add(id);
  }
  return seen;
}
