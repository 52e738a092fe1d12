import type { WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { FOLLOWUP_DEADLINES } from './benefits-followup.deadlines.js';
import { FOLLOWUP_EVENT_PAYLOADS, FOLLOWUP_INPUT, FOLLOWUP_ROLE_NAMES, FOLLOWUP_ROLES } from './benefits-followup.events.js';
import { benefitsFollowupMachine, FOLLOWUP_MACHINE_ID } from './benefits-followup.machine.js';
import { FOLLOWUP_NOTIFICATIONS } from './benefits-followup.notifications.js';
import { FOLLOWUP_REFUSALS } from './benefits-followup.refusals.js';

/**
 * The benefits follow-up as the platform knows it (docs/adding-a-workflow.md, docs/projects.md).
 * The project starts it when it passes BP5; libs/projects adds the hooks that read the plan and
 * its measurements, and registers it.
 */
export const BENEFITS_FOLLOWUP_WORKFLOW = {
  id: FOLLOWUP_MACHINE_ID,
  noun: { nb: 'gevinstoppfølging', en: 'benefits follow-up' },
  roleNames: FOLLOWUP_ROLE_NAMES,
  explainRefusal: FOLLOWUP_REFUSALS,
  versions: [{ version: 1, machine: benefitsFollowupMachine, roles: FOLLOWUP_ROLES, events: FOLLOWUP_EVENT_PAYLOADS, input: FOLLOWUP_INPUT }],
  deadlines: FOLLOWUP_DEADLINES,
  // A missing measurement goes to the responsible line managers, then to the process owner; only they may move those deadlines.
  escalations: {
    measurementOverdue: { role: 'responsibleManager', recipient: 'responsibleManagers' },
    measurementEscalated: { role: 'processOwner', recipient: 'processOwner' },
  },
  notifications: FOLLOWUP_NOTIFICATIONS,
} satisfies WorkflowDefinition;
