import type { DeadlineRule } from '../domain/workflow-definition.js';

/** The deadline rules each workflow runs with (its defaults under DEADLINE_RULES), as the calendar placed them. */
export interface DeadlineRulesInForce {
  rulesOf(workflowId: string): Readonly<Record<string, DeadlineRule>>;
}
export const DEADLINE_RULES_IN_FORCE = Symbol('DEADLINE_RULES_IN_FORCE');
