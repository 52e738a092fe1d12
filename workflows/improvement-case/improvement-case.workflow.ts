import { type MachineVersion, pathOf, stateNodesOf, type WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { CASE_DEADLINES } from './improvement-case.deadlines.js';
import { CASE_EVENT_PAYLOADS_V1, CASE_EVENT_PAYLOADS_V2, CASE_EVENT_PAYLOADS_V3, CASE_ROLE_NAMES, CASE_ROLES, CASE_ROLES_V1 } from './improvement-case.events.js';
import { CASE_REFUSALS } from './improvement-case.refusals.js';
import { IMPROVEMENT_CASE_MACHINE_ID, type ImprovementCaseContext, improvementCaseMachineOf } from './improvement-case.machine.js';
import { CASE_NOTIFICATIONS } from './improvement-case.notifications.js';

const V1_MACHINE = improvementCaseMachineOf(1);

/**
 * Version 2 keeps every state of version 1 under the same path, so a case moves on where it is and
 * keeps its deadlines. Read from version 1 itself: a state added there can never be left out.
 * Only the states a case can rest in (not the parent `localImprovement`) are mapped.
 */
export const V1_STATES_IN_V2: Readonly<Record<string, string>> = Object.fromEntries(
  stateNodesOf(V1_MACHINE)
    .filter((node) => Object.keys(node.states).length === 0)
    .map((node) => [pathOf(node), pathOf(node)]),
);

/**
 * Version 3 keeps every state of version 2 under the same path too, read from version 2 in the
 * same way. A case moved on in realisation or benefits follow-up has no project: the context says
 * so (`projectId: null`), and its process owner still concludes its benefits work by hand.
 */
export const V2_STATES_IN_V3: Readonly<Record<string, string>> = Object.fromEntries(
  stateNodesOf(improvementCaseMachineOf(2))
    .filter((node) => Object.keys(node.states).length === 0)
    .map((node) => [pathOf(node), pathOf(node)]),
);

/** Version 1: the programme secretariat prioritises, defers or declines a case by hand. */
export const IMPROVEMENT_CASE_V1 = { version: 1, machine: V1_MACHINE, roles: CASE_ROLES_V1, events: CASE_EVENT_PAYLOADS_V1 } satisfies MachineVersion;

/** Version 2: only a priority round does, on the rector's approval (docs/domain.md, docs/priority-rounds.md). */
export const IMPROVEMENT_CASE_V2 = {
  version: 2,
  machine: improvementCaseMachineOf(2),
  roles: CASE_ROLES_V1,
  events: CASE_EVENT_PAYLOADS_V2,
  migrateFrom: { from: 1, states: V1_STATES_IN_V2 },
} satisfies MachineVersion;

/**
 * Version 3: the policy's thresholds for a local improvement, the project a prioritised case starts,
 * the estimates its owner and manager keep up to date, and the benefits follow-up that concludes it
 * (docs/domain.md, docs/projects.md).
 */
export const IMPROVEMENT_CASE_V3 = {
  version: 3,
  machine: improvementCaseMachineOf(3),
  roles: CASE_ROLES,
  events: CASE_EVENT_PAYLOADS_V3,
  migrateFrom: { from: 2, states: V2_STATES_IN_V3, context: (context) => ({ ...(context as ImprovementCaseContext), projectId: null }) },
} satisfies MachineVersion;

/**
 * The improvement case as the platform knows it (docs/adding-a-workflow.md): its machine versions,
 * the payload schema of each event, its deadlines and its notifications. Labels and who each state
 * waits for are in the states' `meta`. libs/cases adds the hooks that read the case data.
 */
export const IMPROVEMENT_CASE_WORKFLOW = {
  id: IMPROVEMENT_CASE_MACHINE_ID,
  noun: { nb: 'sak', en: 'case' },
  roleNames: CASE_ROLE_NAMES,
  explainRefusal: CASE_REFUSALS,
  // Earlier versions stay while cases run on them, and for `npm run replay-check`, which rebuilds every case from the version it started on.
  versions: [IMPROVEMENT_CASE_V1, IMPROVEMENT_CASE_V2, IMPROVEMENT_CASE_V3],
  deadlines: CASE_DEADLINES,
  // Triage left too long goes to the process owner; the owner's decision left too long, to the secretariat.
  escalations: {
    ownerEscalation: { role: 'processOwner', recipient: 'processOwner' },
    secretariatEscalation: { role: 'programme', recipient: 'programmeSecretariat' },
  },
  notifications: CASE_NOTIFICATIONS,
} satisfies WorkflowDefinition;
