import { z } from 'zod';
import { personDay, personText, type WorkflowEvent } from '#flyt/workflow-runtime/domain';

/**
 * The roles the project guards check; libs/projects computes which of them a caller holds for one
 * project, now (docs/projects.md, "Who does what").
 */
export const PROJECT_ROLES = [
  /** Named when the team is appointed: owns the project, prepares gate decisions, receives its escalations. */
  'projectOwner',
  /** Named when the team is appointed: runs the project through its gates, writes its status reports. */
  'projectManager',
  /** The process owner of the case's process: appoints the team; decides the gates of a small project. */
  'processOwner',
  /** The programme secretariat: appoints the team when the process owner has not; records the council's gate decisions. */
  'secretariat',
  /** A member of the programme council: records the council's decision at a gate of a large project. */
  'council',
  /** The rector: approves the council's gate decisions for large projects. */
  'rector',
  /** Deadlines. */
  'system',
] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PROJECT_ROLE_NAMES: Readonly<Record<ProjectRole, { nb: string; en: string }>> = {
  projectOwner: { nb: 'prosjekteieren', en: 'the project owner' },
  projectManager: { nb: 'prosjektlederen', en: 'the project manager' },
  processOwner: { nb: 'prosesseieren for sakens prosess', en: "the process owner of the case's process" },
  secretariat: { nb: 'programsekretariatet', en: 'the programme secretariat' },
  council: { nb: 'programrådet (et medlem fører rådets beslutning)', en: 'the programme council (a member records its decision)' },
  rector: { nb: 'rektor', en: 'the rector' },
  system: { nb: 'Flyt selv (en frist)', en: 'Flyt itself (a deadline)' },
};

/** The decision points between the phases (Prosjektveiviseren). BP1 is the priority round's decision. */
export const GATES = ['BP2', 'BP3', 'BP4', 'BP5'] as const;
export type Gate = (typeof GATES)[number];

/** The phases, each ending at its gate. */
export const PHASES = ['concept', 'planning', 'execution', 'closure'] as const;
export type Phase = (typeof PHASES)[number];
export const GATE_OF_PHASE: Readonly<Record<Phase, Gate>> = { concept: 'BP2', planning: 'BP3', execution: 'BP4', closure: 'BP5' };

export const GATE_DECISIONS = ['GO', 'RECYCLE', 'HOLD', 'STOP'] as const;
export type GateDecision = (typeof GATE_DECISIONS)[number];

/** One measurement date of the benefits-realisation plan and the benefits measured then: the follow-up's schedule. */
export interface MeasurementPoint {
  dueOn: string;
  benefitIds: string[];
}

/**
 * Facts about the project's data that guards read, computed by libs/projects (under the project's
 * lock) and stored with the event, so a replay takes the same transitions.
 */
export interface ProjectFacts {
  /** What the checklist of the gate ahead still lacks, in words; empty when it is complete. */
  checklistMissing?: readonly string[];
  /**
   * The project crosses a threshold (over 6 months, resources from outside the unit, more than the
   * configured cost, costs moved to other units): the programme council decides its gates and the
   * rector approves. Otherwise the process owner decides.
   */
  largeProject?: boolean;
  /** The thresholds it crosses, in words (for the refusal a process owner gets). */
  thresholdsCrossed?: readonly string[];
  /** On a GO: the next gate's planned date from the milestones (YYYY-MM-DD), or null. */
  nextGatePlannedOn?: string | null;
  /** On a GO at BP5: the measurement dates of the benefits-realisation plan, for the follow-up. */
  measurementPoints?: readonly MeasurementPoint[];
  /** On a GO at BP5: the final report's summary, for the case's history. */
  finalReportSummary?: string | null;
}

const text = (what: string) => personText({ max: 4000 }).describe(what);
const DATE = personDay();
const decision = (what: string) =>
  z.strictObject({ reason: text('What the decision was taken on, and any conditions.') }).describe(what);

/** Payload schema of every event a person may send to a project. */
export const PROJECT_EVENT_PAYLOADS = {
  APPOINT_TEAM: z
    .strictObject({
      projectOwnerId: z.uuid('must be the id of a user').describe('The project owner (prosjekteier).'),
      projectManagerId: z.uuid('must be the id of a user').describe('The project manager (prosjektleder).'),
      note: text('Why these two, or what they are asked to do.').optional(),
    })
    .describe('The process owner (or the secretariat) names the project owner and the project manager; the concept phase starts. Also replaces them later.'),
  SET_GATE_DATE: z
    .strictObject({
      plannedOn: DATE.describe('When the gate ahead is planned (the project manager is reminded five working days before; the project owner is told if it passes).'),
      reason: text('Why the date is set or moved.'),
    })
    .describe('The project manager or owner plans the date of the gate ahead.'),
  SUBMIT_FOR_GATE: z
    .strictObject({ note: text('What the decider should know.').optional() })
    .describe('The project manager submits the phase’s artefacts for the gate decision; refused while a checklist item is missing.'),
  WITHDRAW_FROM_GATE: z
    .strictObject({ reason: text('Why the submission is taken back.') })
    .describe('The project manager takes a submission back to keep working on it.'),
  GO: decision('The gate is passed: the next phase starts (after BP5 the project is closed and benefits follow-up starts).'),
  RECYCLE: decision('Rework: the project stays in the phase and submits again.'),
  HOLD: decision('The project is suspended: its deadlines stop and resume with the time that was left.'),
  STOP: decision('The project ends here; the case is closed with the reason.'),
  APPROVE_GATE_DECISION: z
    .strictObject({ note: text('The rector’s note.').optional() })
    .describe('The rector approves the programme council’s decision at a gate of a large project; it then takes effect.'),
  REJECT_GATE_DECISION: z
    .strictObject({ reason: text('What the council should reconsider.') })
    .describe('The rector sends the council’s decision back; the gate waits for a new decision.'),
  RESUME: z
    .strictObject({ reason: text('Why the project resumes now.') })
    .describe('The one who decides the project’s gates resumes a project on hold; its deadlines run on with the time they had left.'),
  SUBMIT_STATUS_REPORT: z
    .strictObject({
      status: z.enum(['onTrack', 'atRisk', 'offTrack']).describe('onTrack (green), atRisk (yellow), offTrack (red).'),
      summary: text('Progress since the last report.'),
      nextSteps: text('What happens next.').optional(),
      issues: text('Problems and decisions the project owner should know about.').optional(),
    })
    .describe('The project manager’s monthly status report; the next one is due a month later.'),
} as const;

export type ProjectEventType = keyof typeof PROJECT_EVENT_PAYLOADS;
export type ProjectEventPayload<T extends ProjectEventType> = z.infer<(typeof PROJECT_EVENT_PAYLOADS)[T]>;

export type ProjectEvent = {
  [T in ProjectEventType]: WorkflowEvent<T, ProjectEventPayload<T>, ProjectFacts>;
}[ProjectEventType];

/** What a project starts with: the case a priority round prioritised (BP1). */
export const PROJECT_INPUT = z.strictObject({
  caseId: z.uuid(),
  processId: z.uuid(),
});
export type ProjectInput = z.infer<typeof PROJECT_INPUT>;
