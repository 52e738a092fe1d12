import { Conflict } from '#flyt/kernel';
import { describeTerm, type MandateTerm, mandateNotOver } from './mandate-rules.js';

// The mandate rules live in mandate-rules.ts; these names stay here for the code that reads them with the process rules.
export { type AbsenceTerm, deputyStandInOn, describeTerm, mandateInForce, mandateNotOver, type MandateTerm } from './mandate-rules.js';

export interface MandateOfProcess extends Pick<MandateTerm, 'id' | 'validFrom' | 'validTo' | 'ended'> {
  holderName: string;
}

/**
 * A process ends only when no mandate for it still runs: a mandate in force (or one starting
 * later) would leave a process responsible for a process that no longer exists.
 */
export function assertProcessMayEnd(processCode: string, mandates: readonly MandateOfProcess[], day: string): void {
  const running = mandates.filter((m) => mandateNotOver(m, day));
  if (running.length === 0) return;
  const listed = running.map((m) => `${m.holderName} (${describeTerm(m, day)})`).join('; ');
  const refusal = new Conflict(`process ${processCode} still has mandates in force or starting later: ${listed}; the process owner must end them first`);
  refusal.details.mandateIds = running.map((m) => m.id);
  throw refusal;
}

/** The end reason written on the role assignments that end with their process. */
export const PROCESS_ENDED_REASON = 'process ended';
