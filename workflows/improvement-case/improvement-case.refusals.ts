import type { RefusalExplanation } from '#flyt/workflow-runtime/domain';
import type { RoundDecisionType } from './improvement-case.events.js';
import type { ImprovementCaseContext } from './improvement-case.machine.js';

/** The facts the cases lib gives with every event, as the refusals read them. */
interface Facts {
  costBenefitComplete?: boolean;
  /** What the cost-benefit assessment still lacks, in words. */
  costBenefitMissing?: readonly string[];
}

/**
 * What to tell someone whose role allows an event the case's data refuses: not "the data does not
 * allow it", but what is missing or what to do instead. Read by the runtime for its 422 answers
 * and for the events a case lists as blocked.
 */
export const CASE_REFUSALS: Readonly<Record<string, (context: unknown, facts: Readonly<Record<string, unknown>>) => RefusalExplanation | null>> = {
  SUBMIT: (context) =>
    (context as ImprovementCaseContext).reportedByEmployee
      ? { reason: 'this is an employee’s idea: its line manager takes it up with ENDORSE, which submits it to the process responsible' }
      : null,
  ENDORSE: (context) =>
    (context as ImprovementCaseContext).reportedByEmployee ? null : { reason: 'ENDORSE takes up an employee’s idea; a line manager’s own report is submitted with SUBMIT' },
  PROPOSE_TO_PROGRAMME: (_context, facts) => {
    const { costBenefitComplete, costBenefitMissing } = facts as Facts;
    if (costBenefitComplete) return null;
    const missing = costBenefitMissing?.length ? costBenefitMissing.join(', ') : 'parts that are missing';
    return { reason: `the cost-benefit assessment is not complete: add ${missing}, then propose the case`, waitsForData: true };
  },
};

/**
 * What to tell a person who sends a priority round's decision to a case of version 2, where only
 * the round may. The runtime's own answer names the role that may ("sent by Flyt itself"), which
 * does not say what to do instead; the cases lib answers with this.
 */
export const DECIDED_BY_A_PRIORITY_ROUND: Readonly<Record<RoundDecisionType, string>> = {
  PRIORITISE: decidedByARound('prioritised'),
  DEFER: decidedByARound('deferred'),
  DECLINE: decidedByARound('declined'),
};

function decidedByARound(what: string): string {
  return (
    `A case is ${what} by a priority round once the rector approves it, not by hand: ` +
    'set up a round under the programme with this case among its candidates. ' +
    'The round prioritises the cases its portfolio selects and defers or declines the others.'
  );
}
