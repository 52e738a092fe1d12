import type { AllowedEvent, BlockedEvent, Label } from '../api/client';

/** The API's answers for priority rounds and the development plan (libs/portfolio/src/round.dto.ts, development-plan.dto.ts). */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RoundSummary {
  id: string;
  reference: string;
  title: string;
  planYear: number;
  state: string;
  stateLabel: Label;
  closesAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface YearAmount {
  year: number;
  amountNok: number;
}

export interface Person {
  id: string;
  name: string;
}

export type ConflictReason = 'reportedByOwnUnit' | 'costsOnOwnUnit';

export interface Candidate {
  caseId: string;
  reference: string;
  title: string;
  caseState: string;
  process: { id: string; name: string };
  costByYear: YearAmount[];
  totalCostNok: number;
  mandatory: boolean;
  carriedOver: boolean;
  ifLeftOut: 'defer' | 'decline';
  declineReason: string | null;
  suggestedConflicts: { memberId: string; because: ConflictReason }[];
}

export interface Conflict {
  member: Person;
  caseId: string;
  declaredAt: string | null;
  reason: string | null;
  decision: 'upheld' | 'dismissed' | null;
  decisionNote: string | null;
  decidedAt: string | null;
  counts: boolean;
}

export interface RoundContext {
  extension: { previousClosesAt: string | null; closesAt: string; reason: string | null; by: string | null } | null;
  votingClosedBy: 'deadline' | 'secretariat' | null;
  recommendation: { scenarioId: string; note: string | null; by: string | null } | null;
  returns: { scenarioId: string | null; reason: string; by: string | null }[];
  approval: { note: string | null; by: string | null; decided: number } | null;
  cancellation: { reason: string; by: string | null } | null;
}

export interface Round extends RoundSummary {
  boardDecision: string;
  quorum: number;
  scoreFloor: number | null;
  status: string;
  revision: number;
  budget: YearAmount[];
  criteria: { key: string; label: Label; weight: number }[];
  members: (Person & { hasVoted: boolean })[];
  candidates: Candidate[];
  dependencies: { caseId: string; requires: string }[];
  alternatives: string[][];
  conflicts: Conflict[];
  quorumStatus: { members: number; voted: number; required: number; reached: boolean } | null;
  recommendedScenarioId: string | null;
  context: Partial<RoundContext>;
  myRoles: string[];
  allowedEvents: AllowedEvent[];
  blockedEvents: BlockedEvent[];
}

export interface Vote {
  caseId: string;
  scores: Record<string, number>;
  comment: string | null;
  updatedAt: string;
}

export interface Ballot {
  member: Person;
  votes: Vote[];
  toVoteOn: string[];
  complete: boolean;
}

export interface CaseTally {
  caseId: string;
  score: number | null;
  voters: number;
  eligibleMembers: number;
  conflictedMembers: string[];
  criterionMeans: Record<string, number> | null;
  notScoredBecause: 'everyMemberConflicted' | 'nobodyVoted' | null;
}

export interface Spending {
  year: number;
  budget: number;
  spent: number;
  left: number;
}

export interface Portfolio {
  outcome: 'portfolio';
  status: 'optimal' | 'timeLimit';
  tieBreak: string;
  selected: string[];
  totalScore: number;
  bestBound: number;
  relativeGap: number | null;
  spending: Spending[];
  greedy: { selected: string[]; totalScore: number; scoreDifference: number; onlyInRecommended: string[]; onlyInGreedy: string[] };
}

export type SelectionConflict =
  | { kind: 'budget'; year: number; budget: number; mandatoryCost: number; excess: number; cases: string[] }
  | { kind: 'alternative'; cases: [string, string]; requiredBy: string[] };

export interface ScenarioResult {
  parametersInForce: { budgetByYear: Record<string, number>; weights: Record<string, number>; scoreFloor: number | null; mandatory: string[] };
  tally: { quorum: { members: number; ballots: number; ballotsRequired: number; reached: boolean }; weights: Record<string, number>; cases: CaseTally[] };
  selection: Portfolio | { outcome: 'infeasible'; conflicts: SelectionConflict[] };
  explanations: { caseId: string; nb: string; en: string }[];
  solverNote: Label | null;
}

export interface Scenario {
  id: string;
  name: string;
  baseline: boolean;
  recommended: boolean;
  parameters: { budgetByYear?: Record<string, number>; weights?: Record<string, number>; scoreFloor?: number | null; mandatory?: string[] };
  result: ScenarioResult;
  createdBy: Person | null;
  createdAt: string;
}

export interface Scenarios {
  items: Scenario[];
  comparison: { caseId: string; reference: string; selectedIn: string[] }[];
}

export interface AvailableCandidate {
  caseId: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  deferredBefore: number;
  oneOffCostNok: number;
  yearlyCostNok: number;
}

interface PlanRound {
  id: string;
  reference: string;
  title: string;
  planYear: number;
  approvedAt: string;
}

export interface DevelopmentPlan {
  year: number;
  discountRate: number;
  rounds: PlanRound[];
  items: {
    caseId: string;
    reference: string;
    title: string;
    process: { id: string; name: string };
    round: PlanRound;
    carriedForward: boolean;
    score: number | null;
    explanation: string;
    allocation: { amountNok: number; byYear: YearAmount[] };
    allocationInYearNok: number;
    totalCostNok: number | null;
    presentValueBenefitsNok: number | null;
    netPresentValueNok: number | null;
    paybackYears: number | null;
    strategicGoals: number[];
    state: string;
    stateLabel: Label;
  }[];
  totals: { amountNok: number; byYear: YearAmount[] };
  carriedOver: {
    caseId: string;
    reference: string;
    title: string;
    process: { id: string; name: string };
    deferredBy: PlanRound;
    score: number | null;
    explanation: string;
    reason: string;
    state: string;
    stateLabel: Label;
    candidateIn: { id: string; reference: string; title: string } | null;
  }[];
}

export interface RoleAssignment {
  id: string;
  user: Person;
  role: string;
  inForce: boolean;
}
