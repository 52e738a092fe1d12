import type { AllowedEvent, BlockedEvent, Label } from '../../api/client';
import type { JsonSchema } from '../../forms/json-schema';

/** The project as GET /api/projects and /api/projects/{id} describe it (libs/projects/src/project.dto.ts). */
export type Phase = 'concept' | 'planning' | 'execution' | 'closure';
export type Gate = 'BP2' | 'BP3' | 'BP4' | 'BP5';
export type GateDecisionType = 'GO' | 'RECYCLE' | 'HOLD' | 'STOP';
export type ArtefactKind = 'justification' | 'governingDocument' | 'milestones' | 'riskRegister' | 'steeringGroup' | 'benefitPlan' | 'handover' | 'finalReport';

export const PHASES: readonly Phase[] = ['concept', 'planning', 'execution', 'closure'];
export const GATE_OF_PHASE: Readonly<Record<Phase, Gate>> = { concept: 'BP2', planning: 'BP3', execution: 'BP4', closure: 'BP5' };

export interface ProjectSummary {
  id: string;
  reference: string;
  title: string;
  case: { id: string; reference: string };
  process: { id: string; name: string };
  state: string;
  stateLabel: Label;
  phase: Phase | null;
  onHold: boolean;
  gateAhead: Gate | null;
  plannedGateOn: string | null;
  projectOwnerId: string | null;
  projectManagerId: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectPage {
  items: ProjectSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface CashFlowYear {
  year: number;
  benefitsNok: number;
  costsNok: number;
  netNok: number;
}

/** The cost-benefit figures of the case, as computed for a gate decision (null while the assessment has no horizon). */
export interface Figures {
  discountRate: number;
  horizonYears: number;
  cashFlows: CashFlowYear[];
  presentValueBenefitsNok: number;
  presentValueCostsNok: number;
  netPresentValueNok: number;
  paybackYears: number | null;
  unpricedValues: number;
}

export interface CostShift {
  unitId: string;
  unitName: string | null;
  description: string;
  yearlyCostNok: number | null;
  yearlyHours: number | null;
}

export interface Artefact {
  kind: ArtefactKind;
  content: unknown;
  version: number;
  updatedBy: string;
  updatedAt: string;
  frozenAtGate: Gate | null;
  frozenAt: string | null;
  editable: boolean;
}

export interface ArtefactForm {
  kind: ArtefactKind;
  freezesAt: Gate;
  schema: JsonSchema;
}

export interface GateDecision {
  id: string;
  gate: Gate;
  decision: GateDecisionType;
  reason: string;
  decidedBy: string | null;
  decidedAs: string;
  approvedBy: string | null;
  decidedAt: string;
  figures: Figures | null;
  costShifts: CostShift[];
  artefacts: Record<string, unknown>;
}

export type ReportStatus = 'onTrack' | 'atRisk' | 'offTrack';

export interface StatusReport {
  id: string;
  status: ReportStatus;
  summary: string;
  nextSteps: string | null;
  issues: string | null;
  submittedBy: string | null;
  submittedAt: string;
}

export interface Project extends ProjectSummary {
  status: string;
  revision: number;
  large: boolean;
  thresholdsCrossed: string[];
  members: { userId: string; name: string; role: string }[];
  checklist: { gate: Gate; items: { item: string; label: Label; done: boolean }[] } | null;
  artefacts: Artefact[];
  figures: { figures: Figures | null; costShifts: CostShift[] };
  gateDecisions: GateDecision[];
  statusReports: StatusReport[];
  pendingDecision: { gate: Gate; decision: GateDecisionType; reason: string; by: string | null } | null;
  hold: { gate: Gate; reason: string; by: string | null } | null;
  stop: { gate: Gate; reason: string } | null;
  followUp: { id: string; state: string } | null;
  artefactForms: ArtefactForm[];
  myRoles: string[];
  allowedEvents: AllowedEvent[];
  blockedEvents: BlockedEvent[];
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

/** Is the gate ahead late: its planned day has passed and it is not decided (docs/projects.md, "Reports"). */
export function isLate(project: Pick<ProjectSummary, 'plannedGateOn' | 'endedAt'>, today: string): boolean {
  return project.endedAt === null && project.plannedGateOn !== null && project.plannedGateOn < today;
}

/** Today in Oslo, YYYY-MM-DD: the day the API compares gate dates with. */
export function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
