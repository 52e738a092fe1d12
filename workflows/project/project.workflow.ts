import type { WorkflowDefinition } from '#flyt/workflow-runtime/domain';
import { PROJECT_DEADLINES } from './project.deadlines.js';
import { PROJECT_EVENT_PAYLOADS, PROJECT_INPUT, PROJECT_ROLE_NAMES, PROJECT_ROLES } from './project.events.js';
import { PROJECT_MACHINE_ID, projectMachine } from './project.machine.js';
import { PROJECT_NOTIFICATIONS } from './project.notifications.js';
import { PROJECT_REFUSALS } from './project.refusals.js';

/**
 * The project as the platform knows it (docs/adding-a-workflow.md, docs/projects.md). libs/projects
 * adds the hooks that read the project's data (its checklists, its size, its milestones) and
 * registers it.
 */
export const PROJECT_WORKFLOW = {
  id: PROJECT_MACHINE_ID,
  noun: { nb: 'prosjekt', en: 'project' },
  roleNames: PROJECT_ROLE_NAMES,
  explainRefusal: PROJECT_REFUSALS,
  versions: [{ version: 1, machine: projectMachine, roles: PROJECT_ROLES, events: PROJECT_EVENT_PAYLOADS, input: PROJECT_INPUT }],
  deadlines: PROJECT_DEADLINES,
  // A gate passed without a decision, and a late status report, go to the project owner: only they may move those deadlines.
  escalations: {
    gateOverdue: { role: 'projectOwner', recipient: 'projectOwner' },
    statusReportOverdue: { role: 'projectOwner', recipient: 'projectOwner' },
  },
  notifications: PROJECT_NOTIFICATIONS,
} satisfies WorkflowDefinition;
