import type { FlytConfig } from '#flyt/config';
import { type CostBenefitAssessment, thresholdsCrossed } from '#flyt/cases';
import type { TransactionSql } from '#flyt/workflow-runtime';
import { GATE_OF_PHASE, GATES, type Gate, type ProjectFacts } from '#workflows/project/project.machine';
import { type ArtefactsByKind, checklistMissing, measurementPoints } from './domain/index.js';
import { phaseOf } from './project.registration.js';
import { type ProjectData, ProjectStore } from './project-store.js';

/** The artefacts of a project by kind, as their content. */
export function artefactsOf(data: ProjectData): ArtefactsByKind {
  return Object.fromEntries(data.artefacts.map((a) => [a.kind, a.content])) as ArtefactsByKind;
}

/** The gate ahead of a project in a phase; null before the team is appointed and after the last gate. */
export function gateAhead(state: string): Gate | null {
  const { phase } = phaseOf(state);
  return phase ? GATE_OF_PHASE[phase] : null;
}

/**
 * The facts the project's guards read (docs/projects.md): what the checklist of the gate ahead
 * lacks, whether the project is large (the thresholds in force, on the case's current estimates),
 * and for a GO the next gate's planned date from the milestones, and at BP5 the follow-up's
 * measurement dates and the final report's summary. Read in the caller's transaction.
 */
export async function projectFacts(
  sql: TransactionSql,
  data: ProjectData,
  config: FlytConfig,
  today: string,
  /** The case's assessment when the caller has read it already. */
  read?: { assessment: CostBenefitAssessment | null },
): Promise<ProjectFacts> {
  const artefacts = artefactsOf(data);
  const gate = gateAhead(data.project.state);
  const assessment = read ? read.assessment : ((await ProjectStore.caseAssessment(sql, data.project.caseId)) as CostBenefitAssessment | null);
  const crossed = thresholdsCrossed(assessment, config.localImprovement);
  const team = { projectOwnerId: data.project.projectOwnerId, projectManagerId: data.project.projectManagerId };
  const next = gate ? GATES[GATES.indexOf(gate) + 1] : undefined;
  const milestones = (artefacts.milestones ?? []) as { gate: string | null; dueOn: string }[];
  return {
    checklistMissing: gate ? checklistMissing(gate, artefacts, team, today) : [],
    largeProject: crossed.length > 0,
    thresholdsCrossed: crossed.map((t) => t.text),
    nextGatePlannedOn: next ? (milestones.find((m) => m.gate === next)?.dueOn ?? null) : null,
    ...(gate === 'BP5'
      ? {
          measurementPoints: artefacts.benefitPlan ? measurementPoints(artefacts.benefitPlan, today) : [],
          finalReportSummary: (artefacts.finalReport as { summary?: string } | undefined)?.summary ?? null,
        }
      : {}),
  };
}
