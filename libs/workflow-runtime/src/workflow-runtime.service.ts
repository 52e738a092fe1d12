import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { z, type ZodType } from 'zod';
import { CLOCK, type Clock, InputInvalid, NotFound, NotPermitted, RevisionConflict, TransitionRejected } from '#flyt/kernel';
import { isUniqueViolation } from '#flyt/persistence';
import { DEADLINE_POLICY, type DeadlinePolicy, NOMINAL_DEADLINES } from './domain/deadline-policy.js';
import { type Effect, effectsOf } from './domain/effects.js';
import type { MachineRegistration } from './domain/machine-registration.js';
import { MachineRegistry } from './domain/machine-registry.js';
import {
  allowedEventTypes,
  canonicalJson,
  decide,
  isDelayedEvent,
  type PersistedSnapshot,
  persist,
  rebuild,
  restore,
  startSnapshot,
  stateName,
} from './domain/stepping.js';
import { type AuthorityGrant, SYSTEM_ROLE, type WorkflowActor, type WorkflowEvent } from './domain/workflow-event.js';

export const MACHINE_REGISTRY = Symbol('MACHINE_REGISTRY');

/**
 * Statements inside the runtime's transaction. The hot path runs on a pg client of the data
 * source's own pool, without TypeORM's per-query overhead; `EntityManager.query` has the same shape.
 */
export interface TransactionSql {
  /** `prepareAs` names a statement the hot path runs on every event, so the server plans it once per connection. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], prepareAs?: string): Promise<T[]>;
}

interface PoolClient {
  query(text: string | { name: string; text: string; values?: unknown[] }, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(destroy?: boolean): void;
}

const sqlOfClient = (client: PoolClient): TransactionSql => ({
  query: async <T>(text: string, params?: unknown[], prepareAs?: string) =>
    (await (prepareAs ? client.query({ name: prepareAs, text, values: params }) : client.query(text, params))).rows as T[],
});

const sqlOfManager = (manager: EntityManager): TransactionSql => ({
  query: <T>(text: string, params?: unknown[]) => manager.query(text, params) as Promise<T[]>,
});

/** An instance as stored, at its current revision. */
export interface InstanceState {
  id: string;
  workflowId: string;
  version: number;
  state: string;
  status: 'active' | 'done';
  revision: number;
  snapshot: PersistedSnapshot;
  context: unknown;
}

export interface SendCommand {
  instanceId: string;
  type: string;
  payload: unknown;
  actor: WorkflowActor;
  /** How the actor holds each of their roles; the one the transition needed is logged with it. */
  grants: readonly AuthorityGrant[];
  facts: Record<string, unknown>;
  expectedRevision?: number;
  idempotencyKey?: string;
  /** More writes that belong to the same transaction, such as a read model of the instance. */
  inTransaction?: (tx: TransactionSql, outcome: SendOutcome) => Promise<void>;
}

export interface SendOutcome {
  instanceId: string;
  revision: number;
  from: string;
  to: string;
  eventId: string;
  /** The idempotency key had been used: nothing was applied this time. */
  duplicate: boolean;
  state: InstanceState;
}

export interface EventLogEntry {
  id: string;
  revision: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  actorRoles: string[];
  facts: Record<string, unknown>;
  authority: AuthorityGrant | null;
  from: string | null;
  to: string;
  idempotencyKey: string | null;
  occurredAt: string;
}

export interface PendingTimer {
  timerId: string;
  delayName: string;
  generation: number;
  dueAt: string;
}

/** A deadline of the instance's current state that passed: its event (a reminder, an escalation) was sent. */
export interface PassedDeadline {
  timerId: string;
  delayName: string;
  dueAt: string;
  firedAt: string;
  /** The deadline's event in the log; its effects' outbox keys start with this id. */
  eventId: string;
}

/** Writes that keep a read model of a workflow's instances in step, in the transaction of every event. */
export type Projection = (tx: TransactionSql, outcome: SendOutcome) => Promise<void>;

export interface MoveTimerCommand {
  instanceId: string;
  timerId: string;
  dueAt: Date;
  movedBy: string | null;
  reason: string;
}

export interface AllowedEvent {
  type: string;
  payloadSchema: Record<string, unknown>;
}

/** The event that records an instance's start; it is revision 0 of the log. */
export const START_EVENT = 'xstate.init';

interface InstanceRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  snapshot: PersistedSnapshot;
  state: string;
  status: 'active' | 'done';
  revision: number;
  input: unknown;
}

const toInstance = (row: InstanceRow): InstanceState => ({
  id: row.id,
  workflowId: row.workflow_id,
  version: row.workflow_version,
  state: row.state,
  status: row.status,
  revision: row.revision,
  snapshot: row.snapshot,
  context: row.snapshot.context,
});

const IDEMPOTENCY_CONSTRAINT = 'workflow_event_instance_id_idempotency_key_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Durable execution of registered machines (DESIGN.md §3). Each event is one transaction: lock
 * the instance, step the machine purely, write the snapshot with the next revision, append the
 * event to the log, and write every effect to the outbox; all or nothing.
 */
@Injectable()
export class WorkflowRuntime {
  private readonly jsonSchemas = new WeakMap<ZodType, Record<string, unknown>>();

  private readonly projections = new Map<string, Projection[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MACHINE_REGISTRY) readonly registry: MachineRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(DEADLINE_POLICY) private readonly deadlines: DeadlinePolicy = NOMINAL_DEADLINES,
  ) {}

  /** Runs `projection` in the transaction of every event of this workflow, whoever sends it (a person, a timer). */
  registerProjection(workflowId: string, projection: Projection): void {
    this.projections.set(workflowId, [...(this.projections.get(workflowId) ?? []), projection]);
  }

  /** Starts an instance of the newest version, inside the caller's transaction. */
  async start(manager: EntityManager, a: { instanceId: string; workflowId: string; input: unknown; actor: WorkflowActor }): Promise<InstanceState> {
    const registration = this.registry.latest(a.workflowId);
    const { snapshot, actions } = startSnapshot(registration, a.input);
    const persisted = persist(registration, snapshot);
    const state = stateName(snapshot.value);
    const status = snapshot.status === 'done' ? 'done' : 'active';
    const now = this.clock.now();
    const sql = sqlOfManager(manager);
    const effects = effectsOf(actions);
    const named = effects.filter((e): e is Extract<Effect, { kind: 'action' }> => e.kind === 'action');
    // Instance, start event and the effects that need no timer bookkeeping: one statement.
    const [event] = await sql.query<{ id: string }>(
      `WITH instance AS (
         INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, revision, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8) RETURNING id
       ), event AS (
         INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, authority, from_state, to_state, occurred_at)
         SELECT id, 0, $9, $4, $10, $11, '{}', NULL, NULL, $6, $8 FROM instance RETURNING id
       ), outbox AS (
         INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, created_at)
         SELECT $1, event.id, effect.kind, event.id || '/' || effect.position, effect.payload, $8
           FROM event, unnest($12::text[], $13::jsonb[]) WITH ORDINALITY AS effect(kind, payload, position)
       )
       SELECT id FROM event`,
      [
        a.instanceId,
        registration.id,
        registration.version,
        JSON.stringify(a.input ?? null),
        JSON.stringify(persisted),
        state,
        status,
        now,
        START_EVENT,
        a.actor.userId,
        a.actor.roles,
        named.map((e) => e.action),
        named.map((e) => JSON.stringify(e.params)),
      ],
    );
    await this.writeTimers(sql, { id: a.instanceId, workflowId: registration.id, context: persisted.context }, String(event!.id), effects, now);
    return { id: a.instanceId, workflowId: registration.id, version: registration.version, state, status, revision: 0, snapshot: persisted, context: persisted.context };
  }

  async send(command: SendCommand): Promise<SendOutcome> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.apply(command);
      } catch (error) {
        // Two requests with one idempotency key at once: the loser's insert hit the unique key.
        // Its next attempt finds the winner's event and answers with it.
        if (attempt < 3 && command.idempotencyKey && isUniqueViolation(error, IDEMPOTENCY_CONSTRAINT)) continue;
        throw error;
      }
    }
  }

  private async apply(command: SendCommand): Promise<SendOutcome> {
    const pool = (this.db.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    const client = await pool.connect();
    let broken = false;
    try {
      // BEGIN and the row lock travel in one round trip; the id was checked to be a UUID above,
      // so it can stand in the text of the statement.
      const [, locked] = (await client.query(
        `BEGIN; SELECT id, workflow_id, workflow_version, snapshot, state, status, revision, input FROM workflow_instance WHERE id = '${command.instanceId}' FOR UPDATE`,
      )) as unknown as [unknown, { rows: InstanceRow[] }];
      const outcome = await this.applyLocked(sqlOfClient(client), locked.rows[0], command);
      await client.query('COMMIT');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async applyLocked(tx: TransactionSql, row: InstanceRow | undefined, command: SendCommand): Promise<SendOutcome> {
    if (!row) throw new NotFound('workflow instance', command.instanceId);
    const registration = this.registry.get(row.workflow_id, row.workflow_version);
    const noun = registration.resourceName ?? 'workflow instance';
    if (command.idempotencyKey) {
      // Asked only once the lock is held: a statement started after a concurrent sender
      // committed sees that sender's event.
      const [prior] = await tx.query<{ id: string }>(`SELECT id FROM workflow_event WHERE instance_id = $1 AND idempotency_key = $2`, [
        row.id,
        command.idempotencyKey,
      ]);
      if (prior) return this.priorOutcome(tx, row, String(prior.id));
    }
    if (command.expectedRevision !== undefined && command.expectedRevision !== row.revision) {
      throw new RevisionConflict(noun, row.id, row.revision, command.expectedRevision);
    }

    const event: WorkflowEvent = {
      type: command.type,
      payload: this.parsePayload(registration, command.type, command.payload, command.actor),
      actor: { userId: command.actor.userId, roles: [...command.actor.roles] },
      facts: command.facts,
    };
    const snapshot = restore(registration, row.snapshot);
    const decision = decide(registration, snapshot, event);
    if (decision.kind === 'not_permitted') {
      throw new NotPermitted(`send ${command.type} to ${noun} in state ${row.state}`, decision.requiredRoles);
    }
    if (decision.kind === 'rejected') {
      const allowed = allowedEventTypes(registration, snapshot, command.actor, command.facts);
      const reason = decision.reason === 'refused_by_data' ? `the ${noun}'s data does not allow it yet` : undefined;
      throw new TransitionRejected(command.type, row.state, allowed, reason);
    }

    const next = persist(registration, decision.next);
    const to = stateName(decision.next.value);
    const status = decision.next.status === 'done' ? 'done' : 'active';
    const revision = row.revision + 1;
    const authority = decision.authorityRole
      ? (command.grants.find((g) => g.role === decision.authorityRole) ?? { role: decision.authorityRole, basis: decision.authorityRole })
      : null;
    const now = this.clock.now();
    const effects = effectsOf(decision.actions);
    const actions = effects.filter((e): e is Extract<Effect, { kind: 'action' }> => e.kind === 'action');
    // Snapshot, event and the effects that need no timer bookkeeping: one statement, one round trip.
    const written = await tx.query<{ id: string }>(
      `WITH updated AS (
         UPDATE workflow_instance SET snapshot = $2, state = $3, status = $4, revision = $5, updated_at = $6
          WHERE id = $1 AND revision = $7 RETURNING id
       ), event AS (
         INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, authority, from_state, to_state, idempotency_key, occurred_at)
         SELECT id, $5, $8, $9, $10, $11, $12, $13, $14, $3, $15, $6 FROM updated RETURNING id
       ), outbox AS (
         INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, created_at)
         SELECT $1, event.id, effect.kind, event.id || '/' || effect.position, effect.payload, $6
           FROM event, unnest($16::text[], $17::jsonb[]) WITH ORDINALITY AS effect(kind, payload, position)
       )
       SELECT id FROM event`,
      [
        row.id,
        JSON.stringify(next),
        to,
        status,
        revision,
        now,
        row.revision,
        event.type,
        JSON.stringify(event.payload ?? null),
        command.actor.userId,
        command.actor.roles,
        JSON.stringify(command.facts),
        authority ? JSON.stringify(authority) : null,
        row.state,
        command.idempotencyKey ?? null,
        actions.map((a) => a.action),
        actions.map((a) => JSON.stringify(a.params)),
      ],
      'flyt-runtime-apply-event',
    );
    // The row is locked, so this only fails if something bypassed the lock: never apply blind.
    if (written.length !== 1) throw new RevisionConflict(noun, row.id, row.revision);
    const eventId = String(written[0]!.id);
    await this.writeTimers(tx, { id: row.id, workflowId: registration.id, context: next.context }, eventId, effects, now, isDelayedEvent(event.type) ? event.type : undefined);

    const outcome: SendOutcome = {
      instanceId: row.id,
      revision,
      from: row.state,
      to,
      eventId,
      duplicate: false,
      state: { id: row.id, workflowId: registration.id, version: registration.version, state: to, status, revision, snapshot: next, context: next.context },
    };
    for (const projection of this.projections.get(registration.id) ?? []) await projection(tx, outcome);
    await command.inTransaction?.(tx, outcome);
    return outcome;
  }

  private parsePayload(registration: MachineRegistration, type: string, payload: unknown, actor: WorkflowActor): unknown {
    if (isDelayedEvent(type)) {
      // Deadlines are the system's to fire; a person cannot send one.
      if (!actor.roles.includes(SYSTEM_ROLE)) throw new InputInvalid([{ field: 'type', reason: `${type} is sent by the system only` }]);
      return payload ?? {};
    }
    const schema = registration.events[type];
    if (!schema) {
      throw new InputInvalid([{ field: 'type', reason: `unknown event; one of ${Object.keys(registration.events).join(', ')}` }]);
    }
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new InputInvalid(parsed.error.issues.map((issue) => ({ field: ['payload', ...issue.path.map(String)].join('.'), reason: issue.message })));
    }
    return parsed.data;
  }

  private async priorOutcome(tx: TransactionSql, row: InstanceRow, eventId: string): Promise<SendOutcome> {
    const [event] = await tx.query<{ revision: number; from_state: string; to_state: string }>(`SELECT revision, from_state, to_state FROM workflow_event WHERE id = $1`, [eventId]);
    if (!event) throw new Error(`event ${eventId} vanished from an append-only log`);
    return {
      instanceId: row.id,
      revision: event.revision,
      from: event.from_state,
      to: event.to_state,
      eventId: String(eventId),
      duplicate: true,
      state: toInstance(row),
    };
  }

  /** Timers are recorded with their due time and a generation, and each change of one becomes an outbox row. */
  private async writeTimers(
    tx: TransactionSql,
    instance: { id: string; workflowId: string; context: unknown },
    eventId: string,
    effects: Effect[],
    now: Date,
    firedTimerId?: string,
  ): Promise<void> {
    const instanceId = instance.id;
    if (firedTimerId) {
      await tx.query(
        `UPDATE workflow_timer SET status = 'fired', settled_by = $3 WHERE instance_id = $1 AND timer_id = $2 AND status = 'pending'`,
        [instanceId, firedTimerId, eventId],
      );
    }
    const timers = effects.filter((e) => e.kind !== 'action');
    if (timers.length === 0) return;
    const outbox: { kind: string; key: string; payload: unknown }[] = [];
    for (const effect of timers) {
      if (effect.kind === 'timer.schedule') {
        const dueAt = this.deadlines.dueAt({ workflowId: instance.workflowId, delayName: effect.delayName, delayMs: effect.delayMs, context: instance.context }, now);
        const [timer] = await tx.query<{ generation: number }>(
          `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, scheduled_by)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6)
           ON CONFLICT (instance_id, timer_id) DO UPDATE
             SET generation = workflow_timer.generation + 1, delay_name = EXCLUDED.delay_name, event = EXCLUDED.event,
                 due_at = EXCLUDED.due_at, status = 'pending', scheduled_by = EXCLUDED.scheduled_by, settled_by = NULL
           RETURNING generation`,
          [instanceId, effect.timerId, effect.delayName, JSON.stringify(effect.event), dueAt, eventId],
        );
        outbox.push({
          kind: effect.kind,
          key: `${instanceId}/${effect.timerId}/${timer.generation}/schedule`,
          payload: { timerId: effect.timerId, generation: timer.generation, delayName: effect.delayName, dueAt: dueAt.toISOString(), event: effect.event },
        });
      } else if (effect.kind === 'timer.cancel') {
        const cancelled = await tx.query<{ generation: number }>(
          // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
          `WITH cancelled AS (
             UPDATE workflow_timer SET status = 'cancelled', settled_by = $3
              WHERE instance_id = $1 AND timer_id = $2 AND status = 'pending' RETURNING generation
           )
           SELECT generation FROM cancelled`,
          [instanceId, effect.timerId, eventId],
        );
        for (const { generation } of cancelled) {
          outbox.push({ kind: effect.kind, key: `${instanceId}/${effect.timerId}/${generation}/cancel`, payload: { timerId: effect.timerId, generation } });
        }
      }
    }
    if (outbox.length === 0) return;
    await tx.query(
      `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, created_at)
       SELECT $1, $2, kind, key, payload, $6 FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS effect(kind, key, payload)`,
      [instanceId, eventId, outbox.map((o) => o.kind), outbox.map((o) => o.key), outbox.map((o) => JSON.stringify(o.payload)), now],
    );
  }

  /**
   * Moves a pending deadline, recording who moved it and why. The old job becomes stale (a new
   * generation) and the relay schedules the new one; the instance's state does not change.
   */
  async moveTimer(command: MoveTimerCommand): Promise<PendingTimer> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    return this.db.transaction(async (manager) => {
      const tx = sqlOfManager(manager);
      const [timer] = await tx.query<{ generation: number; due_at: Date; delay_name: string; event: unknown; scheduled_by: string }>(
        `SELECT t.generation, t.due_at, t.delay_name, t.event, t.scheduled_by
           FROM workflow_instance i JOIN workflow_timer t ON t.instance_id = i.id
          WHERE i.id = $1 AND t.timer_id = $2 AND t.status = 'pending'
          FOR UPDATE OF i, t`,
        [command.instanceId, command.timerId],
      );
      if (!timer) throw new NotFound('pending deadline', `${command.instanceId}/${command.timerId}`);
      const generation = timer.generation + 1;
      await tx.query(
        `WITH moved AS (
           UPDATE workflow_timer SET generation = $3, due_at = $4 WHERE instance_id = $1 AND timer_id = $2 RETURNING instance_id
         )
         INSERT INTO workflow_timer_move (instance_id, timer_id, from_generation, to_generation, from_due_at, to_due_at, moved_by, reason, moved_at)
         SELECT instance_id, $2, $5, $3, $6, $4, $7, $8, $9 FROM moved`,
        [command.instanceId, command.timerId, generation, command.dueAt, timer.generation, timer.due_at, command.movedBy, command.reason, this.clock.now()],
      );
      const base = `${command.instanceId}/${command.timerId}`;
      await tx.query(
        `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, created_at)
         VALUES ($1, $2, 'timer.cancel', $3, $4, $7), ($1, $2, 'timer.schedule', $5, $6, $7)`,
        [
          command.instanceId,
          timer.scheduled_by,
          `${base}/${timer.generation}/cancel`,
          JSON.stringify({ timerId: command.timerId, generation: timer.generation }),
          `${base}/${generation}/schedule`,
          JSON.stringify({ timerId: command.timerId, generation, delayName: timer.delay_name, dueAt: command.dueAt.toISOString(), event: timer.event }),
          this.clock.now(),
        ],
      );
      return { timerId: command.timerId, delayName: timer.delay_name, generation, dueAt: command.dueAt.toISOString() };
    });
  }

  async get(instanceId: string): Promise<InstanceState> {
    const [row] = await this.db.query(`SELECT * FROM workflow_instance WHERE id = $1`, [instanceId]);
    if (!row) throw new NotFound('workflow instance', instanceId);
    return toInstance(row);
  }

  async getMany(instanceIds: readonly string[]): Promise<Map<string, InstanceState>> {
    if (instanceIds.length === 0) return new Map();
    const rows: InstanceRow[] = await this.db.query(`SELECT * FROM workflow_instance WHERE id = ANY($1::uuid[])`, [instanceIds]);
    return new Map(rows.map((row) => [row.id, toInstance(row)]));
  }

  /** The events this actor may send to the instance now, each with the JSON schema of its payload. */
  allowedEvents(instance: InstanceState, actor: WorkflowActor, facts: Record<string, unknown>): AllowedEvent[] {
    if (instance.status === 'done') return [];
    const registration = this.registry.get(instance.workflowId, instance.version);
    const snapshot = restore(registration, instance.snapshot);
    return allowedEventTypes(registration, snapshot, actor, facts).map((type) => ({ type, payloadSchema: this.jsonSchemaOf(registration.events[type]!) }));
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

  async history(instanceId: string): Promise<EventLogEntry[]> {
    const rows = await this.db.query(
      `SELECT id, revision, type, payload, actor_id, actor_roles, facts, authority, from_state, to_state, idempotency_key, occurred_at
         FROM workflow_event WHERE instance_id = $1 ORDER BY revision`,
      [instanceId],
    );
    return rows.map((r: Record<string, unknown>) => ({
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
    }));
  }

  async pendingTimers(instanceIds: readonly string[]): Promise<Map<string, PendingTimer[]>> {
    const timers = new Map<string, PendingTimer[]>();
    if (instanceIds.length === 0) return timers;
    const rows = await this.db.query(
      `SELECT instance_id, timer_id, delay_name, generation, due_at FROM workflow_timer
        WHERE status = 'pending' AND instance_id = ANY($1::uuid[]) ORDER BY due_at, timer_id`,
      [instanceIds],
    );
    for (const r of rows) {
      const list = timers.get(r.instance_id) ?? [];
      list.push({ timerId: r.timer_id, delayName: r.delay_name, generation: r.generation, dueAt: (r.due_at as Date).toISOString() });
      timers.set(r.instance_id, list);
    }
    return timers;
  }

  /**
   * The deadlines that passed since each instance entered its current state, oldest first. Leaving
   * a state and coming back schedules its deadlines anew, so earlier visits do not count.
   */
  async passedDeadlines(instanceIds: readonly string[]): Promise<Map<string, PassedDeadline[]>> {
    const passed = new Map<string, PassedDeadline[]>();
    if (instanceIds.length === 0) return passed;
    const rows: { instance_id: string; timer_id: string; delay_name: string; due_at: Date; fired_at: Date; event_id: string }[] = await this.db.query(
      `SELECT t.instance_id, t.timer_id, t.delay_name, t.due_at, fired.occurred_at AS fired_at, fired.id AS event_id
         FROM workflow_timer t
         JOIN workflow_event fired ON fired.id = t.settled_by
        WHERE t.status = 'fired' AND t.instance_id = ANY($1::uuid[])
          AND fired.revision > (SELECT max(entered.revision) FROM workflow_event entered
                                 WHERE entered.instance_id = t.instance_id AND entered.from_state IS DISTINCT FROM entered.to_state)
        ORDER BY fired.revision`,
      [instanceIds],
    );
    for (const r of rows) {
      const list = passed.get(r.instance_id) ?? [];
      list.push({ timerId: r.timer_id, delayName: r.delay_name, dueAt: r.due_at.toISOString(), firedAt: r.fired_at.toISOString(), eventId: String(r.event_id) });
      passed.set(r.instance_id, list);
    }
    return passed;
  }

  /** Rebuilds the instance's snapshot from its input and event log and compares it with the stored one. */
  async replay(instanceId: string): Promise<{ matches: boolean; stored: PersistedSnapshot; rebuilt: PersistedSnapshot }> {
    const [row] = await this.db.query(`SELECT workflow_id, workflow_version, input, snapshot FROM workflow_instance WHERE id = $1`, [instanceId]);
    if (!row) throw new NotFound('workflow instance', instanceId);
    const events = await this.db.query(
      `SELECT type, payload, actor_id, actor_roles, facts FROM workflow_event WHERE instance_id = $1 AND revision > 0 ORDER BY revision`,
      [instanceId],
    );
    const registration = this.registry.get(row.workflow_id, row.workflow_version);
    const rebuilt = rebuild(
      registration,
      row.input,
      events.map((e: Record<string, unknown>) => ({
        type: e.type as string,
        payload: e.payload,
        actor: { userId: e.actor_id as string | null, roles: e.actor_roles as string[] },
        facts: e.facts as Record<string, unknown>,
      })),
    );
    return { matches: canonicalJson(rebuilt) === canonicalJson(row.snapshot), stored: row.snapshot, rebuilt };
  }

  /** Replays every instance (of one workflow, or all): the ids whose log does not rebuild their snapshot. */
  async replayAll(workflowId?: string): Promise<{ checked: number; mismatched: string[] }> {
    const ids: { id: string }[] = await this.db.query(
      `SELECT id FROM workflow_instance WHERE $1::text IS NULL OR workflow_id = $1 ORDER BY created_at, id`,
      [workflowId ?? null],
    );
    const mismatched: string[] = [];
    for (const { id } of ids) if (!(await this.replay(id)).matches) mismatched.push(id);
    return { checked: ids.length, mismatched };
  }
}
