import type { WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { ROUND_DEADLINES } from './priority-round.deadlines.js';
import { ROUND_EVENT_PAYLOADS, ROUND_ROLE_NAMES, ROUND_ROLES } from './priority-round.events.js';
import { PRIORITY_ROUND_MACHINE_ID, priorityRoundMachine } from './priority-round.machine.js';
import { ROUND_NOTIFICATIONS } from './priority-round.notifications.js';
import { ROUND_REFUSALS } from './priority-round.refusals.js';

/**
 * The priority round as the platform knows it (docs/adding-a-workflow.md, docs/priority-rounds.md).
 * libs/portfolio adds the hooks that read the round's data and registers it.
 */
export const PRIORITY_ROUND_WORKFLOW = {
  id: PRIORITY_ROUND_MACHINE_ID,
  noun: { nb: 'prioriteringsrunde', en: 'priority round' },
  roleNames: ROUND_ROLE_NAMES,
  explainRefusal: ROUND_REFUSALS,
  versions: [{ version: 1, machine: priorityRoundMachine, roles: ROUND_ROLES, events: ROUND_EVENT_PAYLOADS }],
  deadlines: ROUND_DEADLINES,
  notifications: ROUND_NOTIFICATIONS,
} satisfies WorkflowDefinition;
