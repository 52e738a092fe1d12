import { statesTagged } from '#flyt/workflow-runtime/domain';
import { CASE_ROLE_NAMES, CASE_STATE_LABELS, improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import type { CaseRole } from './case-roles.js';

/**
 * Who may change a case's data, and when (docs/domain.md, "Changing a case"). A draft is its
 * reporter's own. Once submitted, until triage is done, the reporter or the process responsible may
 * correct the text, and only the process responsible or the process owner may move the case to
 * another process: a reporter does not move a case away from the one who triages it. The
 * cost-benefit assessment is built by several levels together (the policy, 6.3), so the reporter,
 * the line manager, the process responsible and the process owner may work on it until the
 * process owner has proposed the case to the programme. Once the case is a project (in realisation,
 * from version 3), its owner and manager keep the estimates up to date, and they alone: each gate
 * decision is taken on them (docs/projects.md). The states are tagged so in the machine
 * (`textEditable`, `costBenefitEditable`).
 */
export const CASE_TEXT_EDITABLE_IN: readonly string[] = statesTagged(improvementCaseMachine, 'textEditable');
export const COST_BENEFIT_EDITABLE_IN: readonly string[] = statesTagged(improvementCaseMachine, 'costBenefitEditable');
export const COST_BENEFIT_EDITORS: readonly CaseRole[] = ['reporter', 'lineManager', 'processResponsible', 'processOwner'];
/** Who keeps the estimates up to date while the case's project runs. */
export const PROJECT_ESTIMATORS: readonly CaseRole[] = ['projectOwner', 'projectManager'];
/** The states a case is a project in: tagged `programme`, and its estimates editable. */
const PROJECT_STATES: readonly string[] = COST_BENEFIT_EDITABLE_IN.filter((state) => statesTagged(improvementCaseMachine, 'programme').includes(state));

const DRAFT_EDITORS: readonly CaseRole[] = ['reporter'];
const TEXT_EDITORS: readonly CaseRole[] = ['reporter', 'processResponsible'];
const PROCESS_MOVERS: readonly CaseRole[] = ['processResponsible', 'processOwner'];

export interface EditChange {
  /** The case text (title, problem, description, benefits, goals, size, IT component). */
  text: boolean;
  /** The process the case belongs to. */
  process: boolean;
  costBenefit: boolean;
}

export type EditDecision =
  | { allowed: true; role: CaseRole }
  | { allowed: false; because: 'state'; reason: string }
  | { allowed: false; because: 'role'; requiredRoles: CaseRole[]; message: string };

const topState = (state: string) => state.split('.')[0]!;
const stateNames = (states: readonly string[]) => states.map((s) => CASE_STATE_LABELS[s]?.en.toLowerCase() ?? s).join('; ');
const roleNames = (roles: readonly CaseRole[]) => roles.map((r) => CASE_ROLE_NAMES[r].en).join(' or ');

interface EditRule {
  what: string;
  states: readonly string[];
  editors: readonly CaseRole[];
}

/** The rules a change is under, the strongest first: the role it is recorded under is the one the first rule needed. */
function rulesFor(state: string, change: EditChange): EditRule[] {
  const draft = topState(state) === 'draft';
  const rules: EditRule[] = [];
  if (change.process) rules.push({ what: "the case's process", states: CASE_TEXT_EDITABLE_IN, editors: draft ? DRAFT_EDITORS : PROCESS_MOVERS });
  if (change.text) rules.push({ what: 'the case text', states: CASE_TEXT_EDITABLE_IN, editors: draft ? DRAFT_EDITORS : TEXT_EDITORS });
  if (change.costBenefit) {
    const editors = PROJECT_STATES.includes(topState(state)) ? PROJECT_ESTIMATORS : COST_BENEFIT_EDITORS;
    rules.push({ what: 'the cost-benefit assessment', states: COST_BENEFIT_EDITABLE_IN, editors });
  }
  return rules;
}

/** May someone with `roles` make this change to a case in `state`? When yes, under which role. */
export function decideEdit(state: string, roles: readonly CaseRole[], change: EditChange): EditDecision {
  const rules = rulesFor(state, change);
  for (const rule of rules) {
    if (!rule.states.includes(topState(state))) {
      return { allowed: false, because: 'state', reason: `${rule.what} can be changed only while the case is: ${stateNames(rule.states)}` };
    }
  }
  for (const rule of rules) {
    if (!rule.editors.some((role) => roles.includes(role))) {
      const requiredRoles = [...new Set(rules.flatMap((r) => r.editors))];
      return { allowed: false, because: 'role', requiredRoles, message: `Only ${roleNames(rule.editors)} may change ${rule.what} now.` };
    }
  }
  const first = rules[0]!;
  return { allowed: true, role: first.editors.find((role) => roles.includes(role))! };
}
