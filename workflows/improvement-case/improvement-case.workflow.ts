import { type MachineVersion, pathOf, stateNodesOf, type WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { CASE_DEADLINES } from './improvement-case.deadlines.js';
import { CASE_EVENT_PAYLOADS_V1, CASE_EVENT_PAYLOADS_V2, CASE_ROLE_NAMES, CASE_ROLES } from './improvement-case.events.js';
import { CASE_REFUSALS } from './improvement-case.refusals.js';
import { IMPROVEMENT_CASE_MACHINE_ID, improvementCaseMachineOf } from './improvement-case.machine.js';
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

/** Version 1: the programme secretariat prioritises, defers or declines a case by hand. */
export const IMPROVEMENT_CASE_V1 = { version: 1, machine: V1_MACHINE, roles: CASE_ROLES, events: CASE_EVENT_PAYLOADS_V1 } satisfies MachineVersion;

/** Version 2: only a priority round does, on the rector's approval (docs/domain.md, docs/priority-rounds.md). */
export const IMPROVEMENT_CASE_V2 = {
  version: 2,
  machine: improvementCaseMachineOf(2),
  roles: CASE_ROLES,
  events: CASE_EVENT_PAYLOADS_V2,
  migrateFrom: { from: 1, states: V1_STATES_IN_V2 },
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
  // Version 1 stays while cases run on it, and for `npm run replay-check`, which rebuilds every case from the version it started on.
  versions: [IMPROVEMENT_CASE_V1, IMPROVEMENT_CASE_V2],
  deadlines: CASE_DEADLINES,
  // Triage left too long goes to the process owner; the owner's decision left too long, to the secretariat.
  escalations: {
    ownerEscalation: { role: 'processOwner', recipient: 'processOwner' },
    secretariatEscalation: { role: 'programme', recipient: 'programmeSecretariat' },
  },
  notifications: CASE_NOTIFICATIONS,
} satisfies WorkflowDefinition;
