import type { RefusalExplanation } from '#flyt/workflow-runtime/domain';
import type { PriorityRoundContext } from './priority-round.machine.js';
import type { RoundFacts } from './priority-round.events.js';

/**
 * What to tell someone whose role allows an event the round's data refuses: what is missing or
 * what to do instead. Read by the runtime for its 422 answers and the events listed as blocked.
 */
export const ROUND_REFUSALS: Readonly<Record<string, (context: unknown, facts: Readonly<Record<string, unknown>>) => RefusalExplanation | null>> = {
  OPEN: (_context, facts) => {
    const { readyToOpen, setupMissing } = facts as RoundFacts;
    if (readyToOpen) return null;
    const missing = setupMissing?.length ? setupMissing.join(', ') : 'what is missing';
    return { reason: `the round is not ready for voting: add ${missing}, then open it`, waitsForData: true };
  },
  CLOSE_VOTING: () => ({ reason: 'not every member has voted yet: voting closes by itself at its deadline', waitsForData: true }),
  EXTEND: (context) =>
    (context as PriorityRoundContext).extension
      ? { reason: 'the round has already had its one extension: cancel it, and put its cases into a new round' }
      : null,
  RECOMMEND: () => ({ reason: 'the scenario has no result yet, or is not one of this round’s: run it first, then recommend it', waitsForData: true }),
  APPROVE: () => ({ reason: 'the recommended scenario decides no case: return it to the secretariat', waitsForData: true }),
};
