import { statesTagged } from '#flyt/workflow-runtime/domain';
import { improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import type { CaseRole } from './case-roles.js';

/**
 * Who may change a case's data, and when. The case text is the reporter's until triage is done:
 * the reporter or the process responsible may correct it while the case is a draft, submitted or
 * awaiting information. The cost-benefit assessment is built by several levels together (the
 * policy, 6.3), so the reporter, the line manager, the process responsible and the process owner
 * may work on it until the process owner has proposed the case to the programme. The states are
 * tagged so in the machine (`textEditable`, `costBenefitEditable`).
 */
export const CASE_TEXT_EDITABLE_IN: readonly string[] = statesTagged(improvementCaseMachine, 'textEditable');
export const CASE_TEXT_EDITORS: readonly CaseRole[] = ['reporter', 'processResponsible'];
export const COST_BENEFIT_EDITABLE_IN: readonly string[] = statesTagged(improvementCaseMachine, 'costBenefitEditable');
export const COST_BENEFIT_EDITORS: readonly CaseRole[] = ['reporter', 'lineManager', 'processResponsible', 'processOwner'];

export type EditDecision =
  | { allowed: true }
  | { allowed: false; because: 'state'; reason: string }
  | { allowed: false; because: 'role'; requiredRoles: string[] };

const topState = (state: string) => state.split('.')[0]!;

/** May someone with `roles` change the case text and/or the cost-benefit assessment of a case in `state`? */
export function decideEdit(state: string, roles: readonly CaseRole[], change: { text: boolean; costBenefit: boolean }): EditDecision {
  const top = topState(state);
  const rules: Array<{ states: readonly string[]; editors: readonly CaseRole[]; what: string }> = [];
  if (change.text) rules.push({ states: CASE_TEXT_EDITABLE_IN, editors: CASE_TEXT_EDITORS, what: 'the case text' });
  if (change.costBenefit) rules.push({ states: COST_BENEFIT_EDITABLE_IN, editors: COST_BENEFIT_EDITORS, what: 'the cost-benefit assessment' });
  for (const rule of rules) {
    if (!rule.states.includes(top)) {
      return { allowed: false, because: 'state', reason: `${rule.what} can be changed only while the case is ${rule.states.join(', ')}` };
    }
  }
  const required = [...new Set(rules.flatMap((r) => r.editors))];
  for (const rule of rules) {
    if (!rule.editors.some((role) => roles.includes(role))) return { allowed: false, because: 'role', requiredRoles: required };
  }
  return { allowed: true };
}
