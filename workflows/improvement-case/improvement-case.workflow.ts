import type { WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { CASE_DEADLINES } from './improvement-case.deadlines.js';
import { CASE_EVENT_PAYLOADS, CASE_ROLE_NAMES, CASE_ROLES } from './improvement-case.events.js';
import { CASE_REFUSALS } from './improvement-case.refusals.js';
import { IMPROVEMENT_CASE_MACHINE_ID, improvementCaseMachine } from './improvement-case.machine.js';
import { CASE_NOTIFICATIONS } from './improvement-case.notifications.js';

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
  versions: [{ version: 1, machine: improvementCaseMachine, roles: CASE_ROLES, events: CASE_EVENT_PAYLOADS }],
  deadlines: CASE_DEADLINES,
  // Triage left too long goes to the process owner; the owner's decision left too long, to the secretariat.
  escalations: {
    ownerEscalation: { role: 'processOwner', recipient: 'processOwner' },
    secretariatEscalation: { role: 'programme', recipient: 'programmeSecretariat' },
  },
  notifications: CASE_NOTIFICATIONS,
} satisfies WorkflowDefinition;
