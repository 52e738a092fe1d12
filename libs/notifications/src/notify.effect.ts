import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { osloDay } from '#flyt/kernel';
import {
  type AfterCommit,
  EffectFailedForGood,
  type EffectHandler,
  HandlesEffect,
  isDelayedEvent,
  MACHINE_REGISTRY,
  MachineRegistry,
  type OutboxRow,
  TimerStore,
  type TransactionSql,
  WorkflowInstances,
} from '#flyt/workflow-runtime';
import type { NotificationParams } from './domain/rendering.js';
import { NotificationsService } from './notifications.service.js';

const NOTIFY_PARAMS = z.object({ to: z.string().min(1), template: z.string().min(1), delay: z.string().min(1).optional() });
const DELIVERY_OF_DUE = `CASE u.notification_delivery WHEN 'daily_digest' THEN 'digest' ELSE 'immediate' END`;

/**
 * The platform's `notify` action, for every workflow: one notification per recipient, written in
 * the relay's transaction. The workflow's registration says what its recipients and templates are;
 * its lib's hooks say who a recipient is for an instance today, and what the instance is called.
 * A redelivered row inserts nothing twice (UNIQUE (source_key, user_id)); the ids to e-mail at once
 * include rows an earlier delivery made, so a relay that died before enqueueing makes up for it.
 * A notification nobody can receive is dead, with the reason, for an admin to see to.
 */
@Injectable()
@HandlesEffect('notify')
export class NotifyEffect implements EffectHandler {
  constructor(
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(sql: TransactionSql, row: OutboxRow): Promise<AfterCommit | void> {
    const ids = await this.deliver(sql, row);
    if (ids.length) return () => this.notifications.enqueueEmails(ids);
  }

  /** Writes the notifications of the row in `sql`'s transaction; answers the ids to e-mail now (enqueue them after the commit). */
  async deliver(sql: TransactionSql, row: Pick<OutboxRow, 'instanceId' | 'eventId' | 'key' | 'payload'>): Promise<string[]> {
    const params = NOTIFY_PARAMS.safeParse(row.payload);
    if (!params.success) throw new EffectFailedForGood(`notify params ${JSON.stringify(row.payload)} are not { to, template }`);
    const { to, template, delay: namedDelay } = params.data;
    const instance = await this.instances.stateIn(sql, row.instanceId);
    if (!instance) throw new EffectFailedForGood(`no workflow instance ${row.instanceId}`);
    if (!this.registry.has(instance.workflowId)) throw new EffectFailedForGood(`workflow ${instance.workflowId} is not registered in this worker`);
    const workflow = this.registry.workflow(instance.workflowId);
    const { notifications } = workflow;
    if (!Object.hasOwn(notifications.templates, template)) throw new EffectFailedForGood(`${workflow.id} has no notification template ${template}`);
    if (!notifications.recipients.includes(to)) throw new EffectFailedForGood(`${workflow.id} has no recipient ${to}`);

    const subject = await workflow.subject!(sql, row.instanceId);
    if (!subject) throw new EffectFailedForGood(`no ${workflow.noun.en} ${row.instanceId} to notify about`);
    const event = await this.instances.eventIn(sql, row.eventId);
    const delay = namedDelay ?? (Object.hasOwn(notifications.deadlineOf ?? {}, template) ? notifications.deadlineOf![template]! : null);
    const notificationParams: NotificationParams = {
      reference: subject.reference,
      title: subject.title,
      state: event?.to ?? instance.state,
      deadline: delay ? await this.timers.dueOf(sql, row.instanceId, delay, row.eventId) : null,
    };
    const recipients = await workflow.recipients!(sql, {
      instanceId: row.instanceId,
      to,
      today: osloDay(new Date()),
      event: event ? { type: event.type, payload: event.payload } : null,
    });
    if (recipients.length) {
      await sql.query(
          `WITH made AS (
             INSERT INTO notification (user_id, workflow_id, instance_id, event_id, by_deadline, template, params, source_key, email_due)
             SELECT u.id, $2, $3, $4, $5, $6, $7, $8, ${DELIVERY_OF_DUE} FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.ended_at IS NULL
             ON CONFLICT (source_key, user_id) DO NOTHING RETURNING id
           )
           SELECT count(*)::int AS n FROM made`,
        [recipients, workflow.id, row.instanceId, row.eventId, event ? isDelayedEvent(event.type) : false, template, JSON.stringify(notificationParams), row.key],
      );
    }
    const [{ existing }] = await sql.query<{ existing: number }>(`SELECT count(*)::int AS existing FROM notification WHERE source_key = $1`, [row.key]);
    if (existing === 0) {
      throw new EffectFailedForGood(`nobody to notify: no one with an active account is ${to} for ${workflow.noun.en} ${subject.reference} today`);
    }
    const due = await sql.query<{ id: string }>(`SELECT id FROM notification WHERE source_key = $1 AND email_due = 'immediate' AND emailed_at IS NULL ORDER BY id`, [row.key]);
    return due.map((r) => r.id);
  }
}
