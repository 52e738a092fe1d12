import type { AllowedEvent, Label } from '../../api/client';

/**
 * The answers of the benefits follow-up and report endpoints (libs/projects: project.dto.ts,
 * reports.dto.ts), as far as the benefits screens read them.
 */

export type BenefitKind = 'efficiency' | 'quality' | 'gainsForOthers';
export type Outcome = 'realised' | 'partlyRealised' | 'notRealised';

/** A benefit of the benefits-realisation plan, as frozen at BP5. */
export interface PlannedBenefit {
  id: string;
  title: string;
  kind: BenefitKind;
  priced: boolean;
  yearlyValueNok: number | null;
  responsibleManagerId: string;
  benefitOwnerIds: string[];
  indicator: string;
  unit: string;
  baseline: number;
  baselineMeasuredOn: string | null;
  target: number;
  measurementMethod: string;
  measurementDates: string[];
}

export interface MeasurementPoint {
  index: number;
  dueOn: string;
  benefitIds: string[];
  current: boolean;
}

export interface Measurement {
  id: string;
  benefitId: string;
  pointIndex: number;
  dueOn: string;
  value: number;
  measuredOn: string;
  comment: string | null;
  evidenceUrl: string | null;
  deviationExplanation: string | null;
  meetsTarget: boolean;
  recordedBy: string | null;
  recordedAt: string;
}

export interface Conclusion {
  outcome: Outcome;
  summary: string;
  furtherActions: string | null;
  newCase: { title: string; problem: string; reportingUnitId: string } | null;
  by: string | null;
}

export interface FollowUp {
  id: string;
  project: { id: string; reference: string; title: string };
  case: { id: string; reference: string };
  state: string;
  stateLabel: Label;
  status: string;
  revision: number;
  current: number;
  points: MeasurementPoint[];
  benefits: PlannedBenefit[];
  measurements: Measurement[];
  conclusion: Conclusion | null;
  myRoles: string[];
  allowedEvents: AllowedEvent[];
}

export interface HistoryEntry {
  revision: number;
  type: string;
  payload: unknown;
  actor: { id: string; name: string } | null;
  actorRoles: string[];
  authority: { role: string; basis: string } | null;
  from: string | null;
  to: string;
  toLabel: Label;
  occurredAt: string;
}

/** The people of a project, from its page: the benefit owners and responsible managers are among them. */
export interface ProjectPeople {
  members: { userId: string; name: string; role: string }[];
}

export interface BenefitTotals {
  benefits: number;
  met: number;
  notMet: number;
  notMeasured: number;
  plannedYearlyNok: number;
  realisedYearlyNok: number;
}

export type Grouping = 'project' | 'process' | 'year';

export interface BenefitGroup extends BenefitTotals {
  projectId: string | null;
  projectReference: string | null;
  projectTitle: string | null;
  processId: string | null;
  processName: string | null;
  year: number | null;
}

export interface BenefitStatus {
  projectId: string;
  projectReference: string;
  projectTitle: string;
  processId: string;
  processName: string;
  benefitId: string;
  title: string;
  kind: BenefitKind;
  kindLabel: Label;
  indicator: string;
  unit: string;
  baseline: number;
  target: number;
  measurementDates: string[];
  plannedYearlyNok: number | null;
  latest: { value: number; measuredOn: string; meetsTarget: boolean; shareOfTarget: number } | null;
  realisedYearlyNok: number | null;
}

export interface BenefitsReport {
  kind: 'benefitGroups';
  asOf: string;
  year: number | null;
  groupBy: Grouping;
  groups: BenefitGroup[];
  totals: BenefitTotals;
  benefits: BenefitStatus[];
}

export type ProjectStage = 'awaitingTeam' | 'concept' | 'planning' | 'execution' | 'closure' | 'closed' | 'stopped';

export interface ProjectLine {
  projectId: string;
  reference: string;
  title: string;
  processId: string;
  processName: string;
  stage: ProjectStage;
  stageLabel: Label;
  nextGate: string | null;
  plannedGateOn: string | null;
  late: boolean;
  onHold: boolean;
  followUp: 'running' | 'concluded' | null;
}

export interface ProjectsReport {
  kind: 'projectsByPhase';
  today: string;
  projects: ProjectLine[];
  byStage: { stage: ProjectStage; label: Label; projects: number; late: number; onHold: number }[];
}

export interface LeadTimes {
  decisions: number;
  medianDays: number | null;
  meanDays: number | null;
}

export interface AnnualReport {
  kind: 'annual';
  year: number;
  generatedAt: string;
  cases: {
    reported: number;
    byState: { state: string; label: Label; cases: number }[];
    byProcess: { processId: string; processName: string; reported: number; decided: number; localImprovementsCompleted: number }[];
  };
  leadTimes: LeadTimes & { byDecision: (LeadTimes & { decision: string; label: Label })[] };
  localImprovements: { caseId: string; reference: string; title: string; processName: string; completedOn: string }[];
  projects: Omit<ProjectsReport, 'kind'>;
  benefits: {
    inYear: BenefitTotals;
    report: {
      asOf: string;
      benefits: BenefitStatus[];
      byProject: (BenefitTotals & { projectId: string; reference: string; title: string; processId: string; processName: string })[];
      byProcess: (BenefitTotals & { processId: string; processName: string })[];
      byYear: (BenefitTotals & { year: number })[];
      totals: BenefitTotals;
    };
  };
}
