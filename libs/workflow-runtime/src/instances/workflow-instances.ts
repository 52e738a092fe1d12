import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z, type ZodType } from 'zod';
import { NotFound } from '#flyt/kernel';
import type { AllowedEvent, BlockedEvent, EventLogEntry, InstanceLink, InstanceState, MessageView, TransactionSql } from '../domain/instance.js';
import { MachineRegistry } from '../domain/machine-registry.js';
import { deadlineOwnerAt, waitsForAt } from '../domain/state-meta.js';
import { refusalOf, rolesGuarding } from '../domain/refusals.js';
import { allowedEventTypes, candidateEventTypes, decide, restore } from '../domain/stepping.js';
import type { AuthorityGrant, WorkflowActor } from '../domain/workflow-event.js';
import { sqlOfManager } from '../sql.js';
import { MACHINE_REGISTRY } from '../workflow-runtime.service.js';
import { INSTANCE_COLUMNS, type InstanceRow, SELECT_INSTANCE, toInstance } from './instance-row.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MessageRow {
  key: string;
  kind: 'start' | 'event';
  from_instance_id: string;
  from_event_id: string;
  to_instance_id: string;
  to_workflow_id: string;
  event_type: string;
  sent_at: Date;
  delivered_event_id: string | null;
  delivered_at: Date | null;
}

interface LinkRow {
  relation: InstanceLink['relation'];
  instance_id: string;
  workflow_id: string;
  version: number | null;
  state: string | null;
}

/** The instances linked to instance $1, unordered (LINK_ORDER orders them). */
const LINKS = `
  WITH linked AS (
    SELECT 'parent' AS relation, parent_instance_id AS instance_id, NULL::text AS workflow_id FROM workflow_instance WHERE id = $1 AND parent_instance_id IS NOT NULL
    UNION
    SELECT 'child', to_instance_id, to_workflow_id FROM workflow_message WHERE from_instance_id = $1 AND kind = 'start'
    UNION
    SELECT 'sentTo', to_instance_id, to_workflow_id FROM workflow_message WHERE from_instance_id = $1 AND kind = 'event'
    UNION
    SELECT 'receivedFrom', from_instance_id, NULL FROM workflow_message WHERE to_instance_id = $1 AND kind = 'event'
  )
  SELECT l.relation, l.instance_id, coalesce(i.workflow_id, l.workflow_id) AS workflow_id, i.workflow_version AS version, i.state
    FROM linked l LEFT JOIN workflow_instance i ON i.id = l.instance_id`;
const LINK_ORDER = `array_position(ARRAY['parent', 'child', 'sentTo', 'receivedFrom'], relation), instance_id`;

const toMessage = (m: MessageRow): MessageView => ({
  kind: m.kind,
  type: m.event_type,
  fromInstanceId: m.from_instance_id,
  toInstanceId: m.to_instance_id,
  toWorkflowId: m.to_workflow_id,
  sentAt: new Date(m.sent_at).toISOString(),
  deliveredAt: m.delivered_at ? new Date(m.delivered_at).toISOString() : null,
  deliveredEventId: m.delivered_event_id === null ? null : String(m.delivered_event_id),
});

/**
 * What the runtime answers about its instances: their state, the events a caller may send, their
 * history with the messages each event sent and received, and their linked instances. The libs of
 * the workflows ask here instead of reading the runtime's tables.
 */
@Injectable()
export class WorkflowInstances {
  private readonly jsonSchemas = new WeakMap<ZodType, Record<string, unknown>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MACHINE_REGISTRY) readonly registry: MachineRegistry,
  ) {}

  async get(instanceId: string): Promise<InstanceState> {
    const [row] = UUID.test(instanceId) ? ((await this.db.query(`${SELECT_INSTANCE} WHERE id = $1`, [instanceId])) as InstanceRow[]) : [];
    if (!row) throw new NotFound('workflow instance', instanceId);
    return toInstance(row);
  }

  async getMany(instanceIds: readonly string[]): Promise<Map<string, InstanceState>> {
    if (instanceIds.length === 0) return new Map();
    const rows: InstanceRow[] = await this.db.query(`${SELECT_INSTANCE} WHERE id = ANY($1::uuid[])`, [instanceIds]);
    return new Map(rows.map((row) => [row.id, toInstance(row)]));
  }

  /** The workflow, version and state of an instance, read in the caller's transaction; null when there is none. */
  async stateIn(sql: TransactionSql, instanceId: string): Promise<Pick<InstanceState, 'id' | 'workflowId' | 'version' | 'state' | 'status'> | null> {
    const [row] = await sql.query<{ id: string; workflow_id: string; workflow_version: number; state: string; status: 'active' | 'done' }>(
      `SELECT id, workflow_id, workflow_version, state, status FROM workflow_instance WHERE id = $1`,
      [instanceId],
    );
    return row ? { id: row.id, workflowId: row.workflow_id, version: row.workflow_version, state: row.state, status: row.status } : null;
  }

  /** One event of the log, read in the caller's transaction. */
  async eventIn(sql: TransactionSql, eventId: string): Promise<{ type: string; to: string; payload: unknown } | null> {
    const [row] = await sql.query<{ type: string; to_state: string; payload: unknown }>(`SELECT type, to_state, payload FROM workflow_event WHERE id = $1`, [eventId]);
    return row ? { type: row.type, to: row.to_state, payload: row.payload } : null;
  }

  /** The events this actor may send to the instance now, each with the JSON schema of its payload. */
  allowedEvents(instance: InstanceState, actor: WorkflowActor, facts: Record<string, unknown>): AllowedEvent[] {
    if (instance.status === 'done') return [];
    const registration = this.registry.get(instance.workflowId, instance.version);
    const snapshot = restore(registration, instance.snapshot);
    return allowedEventTypes(registration, snapshot, actor, facts).map((type) => ({ type, payloadSchema: this.jsonSchemaOf(registration.events[type]!) }));
  }

  /**
   * The events this actor's roles would allow now but the instance's data does not, each with what
   * is missing, so a client can show them as blocked instead of hiding them.
   */
  blockedEvents(instance: InstanceState, actor: WorkflowActor, facts: Record<string, unknown>): BlockedEvent[] {
    if (instance.status === 'done') return [];
    const registration = this.registry.get(instance.workflowId, instance.version);
    const snapshot = restore(registration, instance.snapshot);
    const allowed = new Set(allowedEventTypes(registration, snapshot, actor, facts));
    return candidateEventTypes(snapshot).flatMap((type) => {
      if (allowed.has(type)) return [];
      const decision = decide(registration, snapshot, { type, payload: {}, actor, facts });
      if (decision.kind !== 'rejected' || decision.reason !== 'refused_by_data') return [];
      const guarding = rolesGuarding(snapshot, type);
      if (!guarding?.size || !actor.roles.some((role) => guarding.has(role))) return [];
      const refusal = refusalOf(registration, type, instance.context, facts);
      return refusal.waitsForData ? [{ type, reason: refusal.reason }] : [];
    });
  }

  /** The roles the instance's state waits for, and the one in charge of its deadlines (state `meta`). */
  stateMeta(instance: Pick<InstanceState, 'workflowId' | 'version' | 'state'>): { waitsFor: readonly string[]; deadlineOwner: string | null } {
    const { machine } = this.registry.get(instance.workflowId, instance.version);
    return { waitsFor: waitsForAt(machine, instance.state), deadlineOwner: deadlineOwnerAt(machine, instance.state) };
  }

  jsonSchemaOf(schema: ZodType): Record<string, unknown> {
    let json = this.jsonSchemas.get(schema);
    if (!json) {
      const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      json = rest;
      this.jsonSchemas.set(schema, json);
    }
    return json;
  }

  /** The event log, oldest first, with the message each event came from and the messages it sent. */
  async history(instanceId: string): Promise<EventLogEntry[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT e.id, e.revision, e.type, e.payload, e.actor_id, e.actor_roles, e.facts, e.authority, e.from_state, e.to_state, e.idempotency_key, e.occurred_at,
              received.from_instance_id AS received_from, sender.workflow_id AS received_from_workflow
         FROM workflow_event e
         LEFT JOIN workflow_message received ON received.delivered_event_id = e.id
         LEFT JOIN workflow_instance sender ON sender.id = received.from_instance_id
        WHERE e.instance_id = $1 ORDER BY e.revision`,
      [instanceId],
    );
    const sent: MessageRow[] = await this.db.query(`SELECT * FROM workflow_message WHERE from_instance_id = $1 ORDER BY key`, [instanceId]);
    const sentBy = new Map<string, MessageView[]>();
    for (const m of sent) sentBy.set(String(m.from_event_id), [...(sentBy.get(String(m.from_event_id)) ?? []), toMessage(m)]);
    return rows.map((r) => ({
      id: String(r.id),
      revision: r.revision as number,
      type: r.type as string,
      payload: r.payload,
      actorId: r.actor_id as string | null,
      actorRoles: r.actor_roles as string[],
      facts: r.facts as Record<string, unknown>,
      authority: r.authority as AuthorityGrant | null,
      from: r.from_state as string | null,
      to: r.to_state as string,
      idempotencyKey: r.idempotency_key as string | null,
      occurredAt: (r.occurred_at as Date).toISOString(),
      receivedFrom: r.received_from ? { instanceId: r.received_from as string, workflowId: r.received_from_workflow as string } : null,
      messagesSent: sentBy.get(String(r.id)) ?? [],
    }));
  }

  /** The instance's parent, its children, and the instances it sent messages to or received them from. */
  async links(instanceId: string, sql: TransactionSql = sqlOfManager(this.db)): Promise<InstanceLink[]> {
    const rows = await sql.query<LinkRow>(`${LINKS} ORDER BY ${LINK_ORDER}`, [instanceId]);
    return rows.map((r) => this.toLink(r));
  }

  /** The instance and its links (see `links`), in one statement: a page showing both waits for one round trip. */
  async getWithLinks(instanceId: string): Promise<{ instance: InstanceState; links: InstanceLink[] }> {
    const [row] = UUID.test(instanceId)
      ? ((await this.db.query(
          `SELECT ${INSTANCE_COLUMNS}, (SELECT coalesce(json_agg(l ORDER BY ${LINK_ORDER}), '[]') FROM (${LINKS}) l) AS links FROM workflow_instance WHERE id = $1`,
          [instanceId],
        )) as (InstanceRow & { links: LinkRow[] })[])
      : [];
    if (!row) throw new NotFound('workflow instance', instanceId);
    return { instance: toInstance(row), links: row.links.map((r) => this.toLink(r)) };
  }

  private toLink(r: LinkRow): InstanceLink {
    return {
      relation: r.relation,
      instanceId: r.instance_id,
      workflowId: r.workflow_id,
      state: r.state,
      stateLabel: r.state === null ? null : this.registry.label(r.workflow_id, r.state, r.version ?? undefined),
    };
  }
}
