import type { RefusalExplanation } from '#flyt/workflow-runtime/domain';
import type { ImprovementCaseFacts, RoundDecisionType } from './improvement-case.events.js';
import type { ImprovementCaseContext } from './improvement-case.machine.js';

/** The facts the cases lib gives with every event, as the refusals read them. */
type Facts = Pick<ImprovementCaseFacts, 'costBenefitComplete' | 'costBenefitMissing' | 'localThresholdsCrossed'>;

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
  // Version 3. Waits for data: the estimates may be wrong, and corrected during triage, after which the case may stay local.
  ACCEPT_LOCAL: (_context, facts) => {
    const crossed = (facts as Facts).localThresholdsCrossed;
    if (!Array.isArray(crossed) || crossed.length === 0) return null;
    return {
      reason:
        `the case is larger than a local improvement, as the policy counts it: ${crossed.join('; ')}. ` +
        'Escalate it to the process owner with ESCALATE instead (or, if its estimates are wrong, correct its cost-benefit assessment first)',
      waitsForData: true,
    };
  },
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

/**
 * What to tell a person who concludes the benefits work on a case of version 3, where the benefits
 * follow-up does it at BP6 (docs/projects.md, "Benefits follow-up").
 */
export const CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP =
  'The benefits work of a case that became a project is concluded at BP6 in its benefits follow-up, not on the case: ' +
  'once the benefits are measured, the process owner concludes the follow-up there (CONCLUDE, with the outcome and a summary; ' +
  'the follow-up is linked from the case’s project), and the case is closed with it.';

/** Every event a person may try that only another workflow sends, with what to tell them instead. */
export const SENT_BY_ANOTHER_WORKFLOW: Readonly<Record<string, string>> = {
  ...DECIDED_BY_A_PRIORITY_ROUND,
  CONCLUDE_BENEFITS: CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP,
};
