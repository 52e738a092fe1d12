import type { RefusalExplanation } from '#flyt/workflow-runtime/domain';
import type { Gate, ProjectFacts } from './project.events.js';
import { gateAheadOf, type ProjectContext } from './project.machine.js';

type Explain = (context: unknown, facts: Readonly<Record<string, unknown>>) => RefusalExplanation | null;

/** What the checklist of the gate still lacks, as a refusal that waits for it; null when nothing is missing. */
function checklistIncomplete(gate: Gate, facts: ProjectFacts, then: string, still = 'not'): RefusalExplanation | null {
  const missing = facts.checklistMissing;
  if (Array.isArray(missing) && missing.length === 0) return null;
  const items = missing?.length ? missing.join(', ') : 'what it still lacks';
  return { reason: `the checklist for ${gate} is ${still} complete: add ${items}, then ${then}`, waitsForData: true };
}

/**
 * Who decides this project's gates (`what`), and why. A sender whose role the size of the project
 * rules out gets the runtime's answer, which names the role that may; libs/projects adds this to
 * say why.
 */
export function whoDecides(facts: ProjectFacts, what = 'decides this project’s gates'): string {
  if (facts.largeProject) {
    const thresholds = facts.thresholdsCrossed?.length ? `: ${facts.thresholdsCrossed.join(', ')}` : '';
    return `the programme council ${what}, with the rector’s approval, because the project crosses the thresholds for large projects${thresholds}`;
  }
  return `the process owner ${what}: the project crosses none of the thresholds that would take its decisions to the programme council`;
}

/** A decision at a gate: for a GO the checklist comes first; otherwise who takes it. */
const gateDecision =
  (needsChecklist: boolean): Explain =>
  (context, facts) =>
    (needsChecklist ? checklistIncomplete(gateAheadOf(context as ProjectContext), facts as ProjectFacts, 'decide that the project goes on') : null) ?? {
      reason: whoDecides(facts as ProjectFacts),
    };

/**
 * What to tell someone whose role allows an event the project's data refuses: what the checklist
 * lacks, or who decides the gates of a project of this size. Read by the runtime for its 422
 * answers and for the events a project lists as blocked.
 */
export const PROJECT_REFUSALS: Readonly<Record<string, Explain>> = {
  SUBMIT_FOR_GATE: (context, facts) => checklistIncomplete(gateAheadOf(context as ProjectContext), facts as ProjectFacts, 'submit the project for the gate'),
  GO: gateDecision(true),
  RECYCLE: gateDecision(false),
  HOLD: gateDecision(false),
  STOP: gateDecision(false),
  RESUME: (_context, facts) => ({ reason: whoDecides(facts as ProjectFacts, 'resumes this project') }),
  APPROVE_GATE_DECISION: (context, facts) => {
    const { pendingDecision } = context as ProjectContext;
    // Only a decision to go on needs the checklist; the others the rector may always approve.
    if (pendingDecision?.decision !== 'GO') return null;
    return checklistIncomplete(pendingDecision.gate, facts as ProjectFacts, 'approve the council’s decision, or return it to the council', 'no longer');
  },
};
