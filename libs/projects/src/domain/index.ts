// The projects' domain: artefacts, gate checklists, the figures a gate decision keeps, the rules of
// benefits follow-up, reports, and who holds which role for a project. Plain TypeScript with no
// Nest, database or clock (`today` is passed in); docs/projects.md explains the rules.
//
//   ARTEFACT_SCHEMAS[kind], parseArtefact(kind, content): { ok, content } | { ok: false, problems }
//   ARTEFACT_GATE[kind], frozenAfter(gate): ArtefactKind[], gatePlannedOn(milestones, gate), riskScore(risk)
//   usersNamedIn(content): { userId, field }[]
//   checklistFor(gate, artefacts, { projectOwnerId, projectManagerId }, today): ChecklistItem[]
//   checklistMissing(gate, artefacts, team, today): string[]                     (English labels)
//   gateFigures(assessment, discountRate, unitNames): GateFigures
//   measurementPoints(plan, after?), meetsTarget(benefit, value), shareOfTarget(benefit, value)
//   deviationUnexplained(benefit, value, explanation), pointComplete(point, measurements, plusOne)
//   benefitsReport(projects, asOf), projectsByPhase(projects, today), annualReport(input)
//   toCsvRows(report, locale), annualReportPdf(report, locale): Promise<Buffer>
//   projectRolesFor(principal, project), followupRolesFor(principal, followup), maySeeProject(principal, project, teamProcessIds?)
export {
  ALTERNATIVE,
  type Alternative,
  ARTEFACT_GATE,
  ARTEFACT_KINDS,
  ARTEFACT_NAMES,
  ARTEFACT_SCHEMAS,
  type ArtefactContent,
  type ArtefactContents,
  type ArtefactInput,
  type ArtefactKind,
  type ArtefactProblem,
  BENEFIT,
  BENEFIT_KIND_NAMES,
  BENEFIT_KINDS,
  BENEFIT_PLAN,
  type Benefit,
  type BenefitKind,
  type BenefitPlan,
  FINAL_REPORT,
  type FinalReport,
  frozenAfter,
  gatePlannedOn,
  GOVERNING_DOCUMENT,
  type GoverningDocument,
  HANDOVER,
  type Handover,
  isArtefactKind,
  JUSTIFICATION,
  type Justification,
  MILESTONE,
  type Milestone,
  MILESTONES,
  parseArtefact,
  RISK,
  RISK_REGISTER,
  type Risk,
  riskScore,
  STEERING_GROUP,
  STEERING_GROUP_ROLES,
  type SteeringGroup,
  type SteeringGroupRole,
  usersNamedIn,
} from './artefacts.js';
export { type ArtefactsByKind, checklistFor, type ChecklistItem, checklistMissing, type ProjectTeam } from './checklists.js';
export { type GateCostShift, type GateFigures, type GateFigureTotals, gateFigures, type GateUnitCost } from './gate-figures.js';
export { deviationUnexplained, type MeasurementPoint, measurementPoints, meetsTarget, pointComplete, type RecordedMeasurement, shareOfTarget } from './measurements.js';
export {
  ANNUAL_REPORT_WORDS,
  type AnnualCaseRow,
  type AnnualReport,
  annualReport,
  type AnnualReportInput,
  type BenefitsReport,
  benefitsReport,
  type BenefitStatus,
  type BenefitTotals,
  benefitTotals,
  type CaseEventRow,
  type CsvRow,
  DECISION_EVENTS,
  DECISION_NAMES,
  type DecisionEvent,
  IMPLEMENTED_STATE,
  type Label,
  type LatestMeasurement,
  type LeadTimes,
  type Locale,
  type MeasurementRow,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  type ProjectBenefitsRow,
  type ProjectsByPhaseReport,
  projectsByPhase,
  type ProjectStage,
  projectStage,
  type ProjectStatusLine,
  type ProjectStatusRow,
  realisedYearlyNok,
  REPORTED_STATE,
  toCsvRows,
} from './reports.js';
export { ANNUAL_REPORT_PDF_CONTENT_TYPE, annualReportPdf } from './annual-report-pdf.js';
export {
  followupRolesFor,
  type FollowupForRoles,
  type FollowupRoles,
  maySeeProject,
  type PrincipalForRoles,
  type ProjectForRoles,
  type ProjectForVisibility,
  projectRolesFor,
  type ProjectRoles,
} from './project-roles.js';
