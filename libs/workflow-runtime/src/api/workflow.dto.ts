import { z } from 'zod';
import { pageOf, queryInteger } from '#flyt/http';

const LABEL = z.object({ nb: z.string(), en: z.string() });

export const WORKFLOW = z
  .object({
    id: z.string(),
    noun: LABEL.describe('What one instance is called'),
    versions: z.array(z.number().int()),
    latestVersion: z.number().int(),
    roles: z.array(z.string()),
    states: z.array(
      z.object({
        path: z.string(),
        label: LABEL,
        final: z.boolean(),
        waitsFor: z.array(z.string()).describe('The roles whose decision the state waits for'),
        deadlineOwner: z.string().nullable().describe('The role in charge of the state’s deadlines, who may move them'),
        tags: z.array(z.string()),
      }),
    ),
    events: z.array(z.object({ type: z.string(), description: z.string().nullable(), payloadSchema: z.record(z.string(), z.unknown()) })),
    deadlines: z.record(z.string(), z.unknown()).describe('The rule of every named deadline, as configured (DEADLINE_RULES over the defaults)'),
  })
  .meta({ id: 'Workflow' });
export type WorkflowView = z.infer<typeof WORKFLOW>;
export const WORKFLOW_LIST = z.object({ items: z.array(WORKFLOW) }).meta({ id: 'WorkflowList' });
export const WORKFLOW_PARAMS = z.object({ id: z.string().regex(/^[a-z0-9-]{1,100}$/, 'a workflow id: lower-case letters, digits and hyphens') });
export const DIAGRAM_QUERY = z.object({ version: queryInteger(1).optional().describe('Default: the newest') });
export const DIAGRAM = z
  .object({ workflowId: z.string(), version: z.number().int(), mermaid: z.string().describe('A Mermaid stateDiagram-v2') })
  .meta({ id: 'WorkflowDiagram' });

export const INSTANCE_LINK = z
  .object({
    relation: z.enum(['parent', 'child', 'sentTo', 'receivedFrom']),
    instanceId: z.uuid(),
    workflowId: z.string(),
    state: z.string().nullable().describe('null while a child’s start is still on its way'),
    stateLabel: LABEL.nullable(),
  })
  .meta({ id: 'InstanceLink' });

const MESSAGE = z.object({
  kind: z.enum(['start', 'event']),
  type: z.string(),
  fromInstanceId: z.uuid(),
  toInstanceId: z.uuid(),
  toWorkflowId: z.string(),
  sentAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
  deliveredEventId: z.string().nullable(),
});

export const INSTANCE_EVENT = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    type: z.string().describe('The machine’s event, xstate.init for the start, flyt.held / flyt.resumed / flyt.migrated for the runtime’s own entries'),
    payload: z.unknown(),
    actorId: z.uuid().nullable(),
    actorRoles: z.array(z.string()),
    authority: z
      .object({
        role: z.string(),
        basis: z.string(),
        reference: z.record(z.string(), z.string()).optional().describe('What identifies the grant: the role assignment, mandate or absence'),
      })
      .nullable(),
    from: z.string().nullable(),
    to: z.string(),
    occurredAt: z.iso.datetime(),
    receivedFrom: z.object({ instanceId: z.uuid(), workflowId: z.string() }).nullable(),
    messagesSent: z.array(MESSAGE),
  })
  .meta({ id: 'InstanceEvent' });

const DEADLINE = z.object({ timerId: z.string(), delayName: z.string(), dueAt: z.iso.datetime() });

export const INSTANCE = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    version: z.number().int(),
    state: z.string(),
    stateLabel: LABEL.nullable(),
    status: z.enum(['active', 'done']),
    revision: z.number().int(),
    heldSince: z.iso.datetime().nullable().describe('Set while the instance is on hold'),
    heldBy: z.array(z.enum(['workflow', 'operator'])).describe('Who holds it: a decision in the workflow itself, an operator, or both'),
    pendingDeadlines: z.array(DEADLINE.extend({ generation: z.number().int() })),
    heldDeadlines: z.array(DEADLINE.extend({ left: z.union([z.object({ workingDays: z.number() }), z.object({ ms: z.number() })]) })),
    links: z.array(INSTANCE_LINK),
    history: z.array(INSTANCE_EVENT),
  })
  .meta({ id: 'WorkflowInstance' });

export const HOLD = z
  .strictObject({ reason: z.string().trim().min(1, 'must not be empty').max(1000, 'at most 1000 characters').describe('Why; shown in the history') })
  .meta({ id: 'HoldWorkflowInstance' });

export const DEAD_OUTBOX_ROW = z
  .object({
    id: z.string(),
    kind: z.string().describe('The action, e.g. notify, sendToWorkflow'),
    key: z.string(),
    instanceId: z.uuid(),
    workflowId: z.string(),
    eventId: z.string(),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.number().int(),
    reason: z.string().describe('Why it can never be carried out as it stands'),
    createdAt: z.iso.datetime(),
    deadAt: z.iso.datetime(),
  })
  .meta({ id: 'DeadOutboxRow' });
export const DEAD_OUTBOX_PAGE = pageOf(DEAD_OUTBOX_ROW, 'DeadOutboxRowPage');
export const OUTBOX_ROW_PARAMS = z.object({ id: z.string().regex(/^\d{1,18}$/, 'an outbox row id, a whole number') });
