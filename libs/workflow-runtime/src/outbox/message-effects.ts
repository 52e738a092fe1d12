import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, InputInvalid, NotFound, NotPermitted, TransitionRejected } from '#flyt/kernel';
import { START_EVENT, type TransactionSql } from '../domain/instance.js';
import { MachineRegistry } from '../domain/machine-registry.js';
import { childInstanceId } from '../domain/platform-actions.js';
import { systemActor } from '../domain/workflow-event.js';
import { WorkflowInstances } from '../instances/workflow-instances.js';
import { MACHINE_REGISTRY, WorkflowRuntime } from '../workflow-runtime.service.js';
import { EffectFailedForGood, type EffectHandler, HandlesEffect, type OutboxRow } from './effect-handler.js';

const START = z.object({ workflowId: z.string().min(1), key: z.string().min(1), input: z.unknown() });
const SEND = z.object({
  workflowId: z.string().min(1),
  instanceId: z.uuid(),
  event: z.object({ type: z.string().min(1), payload: z.record(z.string(), z.unknown()).optional() }),
});

function paramsOf<T>(schema: z.ZodType<T>, row: OutboxRow): T {
  const parsed = schema.safeParse(row.payload);
  if (!parsed.success) throw new EffectFailedForGood(`${row.kind} params ${JSON.stringify(row.payload)} are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The message row records which event in the receiver's log it became. */
async function markDelivered(sql: TransactionSql, key: string, eventId: string): Promise<void> {
  await sql.query(`WITH delivered AS (UPDATE workflow_message SET delivered_event_id = $2, delivered_at = now() WHERE key = $1 AND delivered_event_id IS NULL RETURNING 1) SELECT 1 FROM delivered`, [
    key,
    eventId,
  ]);
}

/**
 * `startWorkflow`: starts the child instance in the relay's transaction, so the child exists exactly
 * when the row is done. Its id comes from the parent's id and the key, so a row relayed twice starts
 * nothing twice.
 */
@Injectable()
@HandlesEffect('startWorkflow')
export class StartWorkflowEffect implements EffectHandler {
  constructor(
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
  ) {}

  async handle(sql: TransactionSql, row: OutboxRow): Promise<void> {
    const params = paramsOf(START, row);
    if (!this.registry.has(params.workflowId)) throw new EffectFailedForGood(`no workflow ${params.workflowId} is registered`);
    const childId = childInstanceId(row.instanceId, params.key);
    const latest = this.registry.latest(params.workflowId);
    if (!(await this.instances.stateIn(sql, childId))) {
      const input = latest.input?.safeParse(params.input);
      if (input && !input.success) {
        throw new EffectFailedForGood(`the input for ${params.workflowId} is not valid: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      await this.runtime.start(sql, { instanceId: childId, workflowId: params.workflowId, input: input ? input.data : params.input, actor: systemActor(), parentInstanceId: row.instanceId });
    }
    const [start] = await sql.query<{ id: string }>(`SELECT id FROM workflow_event WHERE instance_id = $1 AND type = $2 AND revision = 0`, [childId, START_EVENT]);
    await markDelivered(sql, row.key, String(start!.id));
  }
}

/**
 * `sendToWorkflow`: the event goes through the runtime to the receiving instance in the relay's
 * transaction, sent by the system, with an idempotency key derived from the sending event: it is
 * applied exactly once, however often the row is relayed. A receiver that refuses it (no such
 * instance, not in a state that takes it) will not change its mind by itself: the row is dead.
 */
@Injectable()
@HandlesEffect('sendToWorkflow')
export class SendToWorkflowEffect implements EffectHandler {
  constructor(
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly runtime: WorkflowRuntime,
    private readonly instances: WorkflowInstances,
  ) {}

  async handle(sql: TransactionSql, row: OutboxRow): Promise<void> {
    const params = paramsOf(SEND, row);
    const target = await this.instances.stateIn(sql, params.instanceId);
    if (!target) {
      const [starting] = await sql.query(`SELECT 1 FROM workflow_message WHERE to_instance_id = $1 AND kind = 'start' AND delivered_event_id IS NULL`, [params.instanceId]);
      // A child whose start is still on its way (another relay has it): wait for it, with backoff.
      if (starting) throw new Error(`instance ${params.instanceId} is not started yet`);
      throw new EffectFailedForGood(`no ${params.workflowId} instance ${params.instanceId}`);
    }
    if (target.workflowId !== params.workflowId) throw new EffectFailedForGood(`instance ${params.instanceId} is a ${target.workflowId}, not a ${params.workflowId}`);
    try {
      const outcome = await this.runtime.sendIn(sql, {
        instanceId: params.instanceId,
        type: params.event.type,
        payload: params.event.payload ?? {},
        actor: systemActor(),
        grants: [],
        idempotencyKey: `message/${row.key}`,
      });
      await markDelivered(sql, row.key, outcome.eventId);
    } catch (error) {
      if (error instanceof NotFound || error instanceof TransitionRejected || error instanceof NotPermitted || error instanceof InputInvalid) {
        throw new EffectFailedForGood(`${target.workflowId} ${params.instanceId} refused ${params.event.type}: ${(error as DomainError).message}`);
      }
      throw error;
    }
  }
}
