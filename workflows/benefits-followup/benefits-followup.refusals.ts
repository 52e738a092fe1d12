import type { RefusalExplanation } from '#flyt/workflow-runtime/domain';
import type { FollowupFacts } from './benefits-followup.events.js';

/**
 * What to tell someone whose role allows an event the follow-up's data refuses. Read by the runtime
 * for its 422 answers and the events listed as blocked.
 */
export const FOLLOWUP_REFUSALS: Readonly<Record<string, (context: unknown, facts: Readonly<Record<string, unknown>>) => RefusalExplanation | null>> = {
  // libs/projects compares the value with the benefit's target; the payload's explanation settles it.
  RECORD_MEASUREMENT: (_context, facts) =>
    (facts as FollowupFacts).deviationUnexplained
      ? {
          reason:
            'the measured value misses the target set for this benefit in the benefits-realisation plan: explain the deviation (deviationExplanation), then record the measurement again',
          waitsForData: true,
        }
      : null,
};
