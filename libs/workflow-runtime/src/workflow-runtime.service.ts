import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock, Conflict, IdempotencyKeyReused, InputInvalid, NotFound, NotPermitted, RevisionConflict, TransitionRejected } from '#flyt/kernel';
import { isUniqueViolation } from '#flyt/persistence';
import { deadlinesOfState, type Effect, effectsOf } from './domain/effects.js';
import { type MigratedPayload, migrateThrough, migrationPath } from './domain/instance-migration.js';
import { type HoldSource, type InstanceState, RUNTIME_EVENTS, type SendOutcome, START_EVENT, type TransactionSql } from './domain/instance.js';
import type { MachineRegistration } from './domain/machine-registration.js';
import { MACHINE_REGISTRY, MachineRegistry } from './domain/machine-registry.js';
import { childInstanceId, IN_TRANSACTION_ACTIONS, type NotifyParams, type SendToWorkflowParams, type StartWorkflowParams } from './domain/platform-actions.js';
import { allowedEventTypes, canonicalJson, decide, isDelayedEvent, type PersistedSnapshot, persist, restore, startSnapshot, stateName } from './domain/stepping.js';
import { notPermittedMessage, refusalOf, stateLabelOf } from './domain/refusals.js';
import { type AuthorityGrant, SYSTEM_ROLE, type WorkflowActor, type WorkflowEvent } from './domain/workflow-event.js';
import { type InstanceRow, SELECT_INSTANCE, toInstance } from './instances/instance-row.js';
import { poolOf, sqlOfClient } from './sql.js';
import { type TimerChange, TimerStore, writeOutbox } from './timers/timer-store.js';

export { MACHINE_REGISTRY };

export interface SendCommand {
  instanceId: string;
  type: string;
  payload: unknown;
  actor: WorkflowActor;
  /** How the actor holds each of their roles; the one the transition needed is logged with it. */
  grants: readonly AuthorityGrant[];
  /**
   * What the guards read about the instance's data. Omitted for what the system sends (deadlines,
   * messages): the workflow's `facts` hook reads them in the event's transaction, under the lock.
   */
  facts?: Record<string, unknown>;
  expectedRevision?: number;
  idempotencyKey?: string;
  /** More writes that belong to the same transaction, such as a check that the facts still hold. */
  inTransaction?: (tx: TransactionSql, outcome: SendOutcome) => Promise<void>;
}

export interface StartCommand {
  instanceId: string;
  workflowId: string;
  input: unknown;
  actor: WorkflowActor;
  /** The instance whose `startWorkflow` started this one. */
  parentInstanceId?: string;
}

/** One field of an instance's own data, changed: recorded in its log. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RecordChangeCommand {
  instanceId: string;
  actor: WorkflowActor;
  /** The role that allowed the change, and how it is held. */
  authority: AuthorityGrant | null;
  changes: readonly FieldChange[];
  /** Who to tell: notifications of the workflow, sent after the commit like any other. */
  notify?: readonly NotifyParams[];
}

/** Putting an instance on hold, or resuming it, by a person outside the machine's own events. */
export interface HoldCommand {
  instanceId: string;
  actor: WorkflowActor;
  reason: string;
}

/** What migrating one instance did, or would do in a dry run. */
export type MigrationOutcome =
  | { kind: 'moved'; version: number; state: string; toState: string }
  | { kind: 'refused'; version: number; state: string; reason: string }
  | { kind: 'current'; version: number; state: string };

const IDEMPOTENCY_CONSTRAINT = 'workflow_event_instance_id_idempotency_key_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ActionEffect = Extract<Effect, { kind: 'action' }>;
const isInTransaction = (e: Effect): boolean => e.kind === 'action' && IN_TRANSACTION_ACTIONS.includes(e.action);

/**
 * The timer changes of a transition, in order: deadlines set or cleared, and the whole instance held
 * or resumed. Holds are counted by who holds: the deadlines stop when the first hold begins and run
 * again when the last ends, so an operator's hold outlasts the workflow's own RESUME and the reverse.
 */
function timerChangesOf(effects: readonly Effect[], heldBefore: readonly HoldSource[], operator?: 'hold' | 'resume'): { changes: TimerChange[]; heldBy: HoldSource[] } {
  const heldBy = new Set<HoldSource>(heldBefore);
  const changes: TimerChange[] = [];
  const toggle = (by: HoldSource, hold: boolean) => {
    const wasHeld = heldBy.size > 0;
    if (hold) heldBy.add(by);
    else heldBy.delete(by);
    if (!wasHeld && heldBy.size > 0) changes.push({ kind: 'hold' });
    if (wasHeld && heldBy.size === 0) changes.push({ kind: 'resume' });
  };
  for (const e of effects) {
    if (e.kind !== 'action') changes.push(e);
    else if (e.action === 'holdDeadlines') toggle('workflow', true);
    else if (e.action === 'resumeDeadlines') toggle('workflow', false);
  }
  if (operator) toggle('operator', operator === 'hold');
  return { changes, heldBy: [...heldBy].sort() };
}

/**
 * The write path of durable execution (docs/architecture.md). Each event is one transaction: lock
 * the instance, step the machine purely, write the snapshot with the next revision, append the
 * event to the log, and write every effect (deadlines, notifications, messages to other instances)
 * to the outbox; run the workflow's projection; all or nothing.
 */
@Injectable()
export class WorkflowRuntime {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MACHINE_REGISTRY) readonly registry: MachineRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly timers: TimerStore,
  ) {}

  /** Starts an instance of the newest version inside the caller's transaction (`sqlOfManager(manager)` for a TypeORM one). */
  async start(sql: TransactionSql, command: StartCommand): Promise<InstanceState> {
    const registration = this.registry.latest(command.workflowId);
    const { snapshot, actions } = startSnapshot(registration, command.input);
    const persisted = persist(registration, snapshot);
    const state = stateName(snapshot.value);
    const status = snapshot.status === 'done' ? 'done' : 'active';
    const now = this.clock.now();
    const effects = effectsOf(actions);
    const outboxActions = effects.filter((e): e is ActionEffect => e.kind === 'action' && !isInTransaction(e));
    // Instance, start event and the effects that need no bookkeeping of their own: one statement.
    const [event] = await sql.query<{ id: string }>(
      `WITH instance AS (
         INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, revision, parent_instance_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $14, $8, $8) RETURNING id
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
        command.instanceId,
        registration.id,
        registration.version,
        JSON.stringify(command.input ?? null),
        JSON.stringify(persisted),
        state,
        status,
        now,
        START_EVENT,
        command.actor.userId,
        command.actor.roles,
        outboxActions.map((e) => e.action),
        outboxActions.map((e) => JSON.stringify(e.params)),
        command.parentInstanceId ?? null,
      ],
    );
    const eventId = String(event!.id);
    const { changes } = timerChangesOf(effects, []);
    await this.afterWrite(sql, { id: command.instanceId, workflowId: registration.id, context: persisted.context, held: false }, eventId, changes, outboxActions, now);
    const instance: InstanceState = {
      id: command.instanceId,
      workflowId: registration.id,
      version: registration.version,
      state,
      status,
      revision: 0,
      snapshot: persisted,
      context: persisted.context,
      heldSince: null,
      heldBy: [],
      parentInstanceId: command.parentInstanceId ?? null,
    };
    await registration.workflow.projection?.(sql, { instanceId: instance.id, revision: 0, from: null, to: state, eventId, duplicate: false, state: instance });
    return instance;
  }

  /** Applies one event in a transaction of its own. */
  async send(command: SendCommand): Promise<SendOutcome> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.inOwnTransaction(command.instanceId, (tx, row) => this.applyLocked(tx, row, command));
      } catch (error) {
        // Two requests with one idempotency key at once: the loser's insert hit the unique key.
        // Its next attempt finds the winner's event and answers with it.
        if (attempt < 3 && command.idempotencyKey && isUniqueViolation(error, IDEMPOTENCY_CONSTRAINT)) continue;
        throw error;
      }
    }
  }

  /** Applies one event inside the caller's transaction (the outbox relay delivering a message). */
  async sendIn(tx: TransactionSql, command: SendCommand): Promise<SendOutcome> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    const [row] = await tx.query<InstanceRow>(`${SELECT_INSTANCE} WHERE id = $1 FOR UPDATE`, [command.instanceId]);
    return this.applyLocked(tx, row, command);
  }

  /** Locks the instance's row in the caller's transaction: take it before the lib's own rows, as events do, so the two never wait on each other. */
  async lockIn(tx: TransactionSql, instanceId: string): Promise<void> {
    if (!UUID.test(instanceId)) throw new NotFound('workflow instance', instanceId);
    const [row] = await tx.query(`SELECT id FROM workflow_instance WHERE id = $1 FOR UPDATE`, [instanceId]);
    if (!row) throw new NotFound('workflow instance', instanceId);
  }

  /**
   * Records a change of the instance's own data (a case's text, its process), not of its state, in
   * its log: a `flyt.changed` entry with each field's old and new value, who and under which
   * authority, in the caller's transaction. The revision grows, so a client holding the old one
   * finds out; replay passes over the entry.
   */
  async recordChangeIn(tx: TransactionSql, command: RecordChangeCommand): Promise<SendOutcome> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    const [row] = await tx.query<InstanceRow>(`${SELECT_INSTANCE} WHERE id = $1 FOR UPDATE`, [command.instanceId]);
    if (!row) throw new NotFound('workflow instance', command.instanceId);
    return this.write(tx, row, this.registry.get(row.workflow_id, row.workflow_version), {
      event: { type: RUNTIME_EVENTS.changed, payload: { changes: command.changes }, actor: command.actor, facts: {} },
      next: row.snapshot,
      to: row.state,
      status: row.status,
      authority: command.authority,
      idempotencyKey: null,
      effects: (command.notify ?? []).map((params): Effect => ({ kind: 'action', action: 'notify', params: { ...params } })),
    });
  }

  /** Puts an instance on hold: its pending deadlines stop, each keeping the time it had left. Logged as `flyt.held`. */
  hold(command: HoldCommand): Promise<SendOutcome> {
    return this.toggleHold(command, true);
  }

  /** Resumes an instance on hold: each deadline runs again with the time it had left, counted in the same calendar. Logged as `flyt.resumed`. */
  resume(command: HoldCommand): Promise<SendOutcome> {
    return this.toggleHold(command, false);
  }

  private toggleHold(command: HoldCommand, hold: boolean): Promise<SendOutcome> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    return this.inOwnTransaction(command.instanceId, async (tx, row) => {
      if (!row) throw new NotFound('workflow instance', command.instanceId);
      const registration = this.registry.get(row.workflow_id, row.workflow_version);
      const noun = registration.resourceName;
      if (row.status === 'done') throw new Conflict(`the ${noun} has ended; there is nothing to ${hold ? 'hold' : 'resume'}`);
      const byOperator = row.held_by.includes('operator');
      if (hold && byOperator) throw new Conflict(`the ${noun} is on hold already`);
      if (!hold && !byOperator) {
        throw new Conflict(
          row.held_by.length ? `the ${noun} was put on hold by a decision in the ${noun} itself, and is resumed the same way` : `the ${noun} is not on hold`,
        );
      }
      return this.write(tx, row, registration, {
        event: { type: hold ? RUNTIME_EVENTS.held : RUNTIME_EVENTS.resumed, payload: { reason: command.reason }, actor: command.actor, facts: {} },
        next: row.snapshot,
        to: row.state,
        status: row.status,
        authority: null,
        idempotencyKey: null,
        effects: [],
        operator: hold ? 'hold' : 'resume',
      });
    });
  }

  /**
   * Moves one instance to `toVersion` of its machine by the versions' declared mappings, in a
   * transaction of its own: the mapped snapshot, a `flyt.migrated` entry in its log (from and to
   * version and state, who ran it), and its deadlines recomputed: those the new state still has
   * keep their due time, those it no longer has are cancelled, new ones start now. A dry run writes
   * nothing and answers what would happen.
   */
  async migrate(instanceId: string, toVersion: number, options: { ranBy: string; dryRun: boolean }): Promise<MigrationOutcome> {
    if (!UUID.test(instanceId)) throw new NotFound('workflow instance', instanceId);
    return this.inOwnTransaction(instanceId, async (tx, row) => {
      if (!row) throw new NotFound('workflow instance', instanceId);
      const from = { version: row.workflow_version, state: row.state };
      if (row.workflow_version === toVersion) return { kind: 'current', ...from };
      const steps = migrationPath(this.registry, row.workflow_id, row.workflow_version, toVersion);
      if (!steps) return { kind: 'refused', ...from, reason: `no declared migration from version ${row.workflow_version} to ${toVersion}` };
      const moved = migrateThrough(steps, row.snapshot);
      if (moved.kind === 'unmapped') return { kind: 'refused', ...from, reason: `version ${toVersion} declares no mapping for state ${moved.state}` };
      const target = steps[steps.length - 1]!;
      if (options.dryRun) return { kind: 'moved', ...from, toState: moved.to };
      const desired = deadlinesOfState(restore(target, moved.snapshot), target.machine);
      const open = await this.timers.open(tx, row.id);
      const effects: Effect[] = [
        ...open.filter((t) => !desired.some((d) => d.timerId === t.timerId)).map((t): Effect => ({ kind: 'timer.cancel', timerId: t.timerId })),
        ...desired.filter((d) => !open.some((t) => t.timerId === d.timerId)),
      ];
      const payload: MigratedPayload = { fromVersion: row.workflow_version, toVersion, fromState: row.state, toState: moved.to, ranBy: options.ranBy };
      await this.write(tx, row, target, {
        event: { type: RUNTIME_EVENTS.migrated, payload, actor: { userId: null, roles: [SYSTEM_ROLE] }, facts: {} },
        next: moved.snapshot,
        to: moved.to,
        status: moved.snapshot.status === 'done' ? 'done' : 'active',
        authority: null,
        idempotencyKey: null,
        effects,
      });
      return { kind: 'moved', ...from, toState: moved.to };
    });
  }

  private async inOwnTransaction<T>(instanceId: string, work: (tx: TransactionSql, row: InstanceRow | undefined) => Promise<T>): Promise<T> {
    const client = await poolOf(this.db).connect();
    let broken = false;
    try {
      // BEGIN and the row lock travel in one round trip; the id was checked to be a UUID, so it can
      // stand in the text of the statement.
      const [, locked] = (await client.query(`BEGIN; ${SELECT_INSTANCE} WHERE id = '${instanceId}' FOR UPDATE`)) as unknown as [unknown, { rows: InstanceRow[] }];
      const result = await work(sqlOfClient(client), locked.rows[0]);
      await client.query('COMMIT');
      return result;
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
    const noun = registration.resourceName;
    // Validated first: a repeated idempotency key does not let an invalid payload through.
    const payload = this.parsePayload(registration, command.type, command.payload, command.actor);
    const facts = command.facts ?? (await registration.workflow.facts?.(tx, row.id, { type: command.type, payload })) ?? {};
    const event: WorkflowEvent = { type: command.type, payload, actor: { userId: command.actor.userId, roles: [...command.actor.roles] }, facts };
    if (command.idempotencyKey) {
      // Asked only once the lock is held: a statement started after a concurrent sender
      // committed sees that sender's event.
      const [prior] = await tx.query<{ id: string; revision: number; from_state: string; to_state: string; type: string; payload: unknown; actor_id: string | null; occurred_at: Date }>(
        `SELECT id, revision, from_state, to_state, type, payload, actor_id, occurred_at FROM workflow_event WHERE instance_id = $1 AND idempotency_key = $2`,
        [row.id, command.idempotencyKey],
      );
      if (prior) {
        const differs = [
          ...(prior.type === event.type ? [] : ['event type']),
          ...(canonicalJson(prior.payload) === canonicalJson(event.payload ?? null) ? [] : ['payload']),
          ...(prior.actor_id === event.actor.userId ? [] : ['sender']),
        ];
        if (differs.length) throw new IdempotencyKeyReused(command.idempotencyKey, new Date(prior.occurred_at).toISOString(), differs);
        return { instanceId: row.id, revision: prior.revision, from: prior.from_state, to: prior.to_state, eventId: String(prior.id), duplicate: true, state: toInstance(row) };
      }
    }
    if (command.expectedRevision !== undefined && command.expectedRevision !== row.revision) {
      throw new RevisionConflict(noun, row.id, row.revision, command.expectedRevision);
    }

    const snapshot = restore(registration, row.snapshot);
    const decision = decide(registration, snapshot, event);
    if (decision.kind === 'not_permitted') {
      throw new NotPermitted(`send ${command.type} to ${noun} in state ${row.state}`, decision.requiredRoles, notPermittedMessage(registration, command.type, decision.requiredRoles));
    }
    if (decision.kind === 'rejected') {
      const allowed = allowedEventTypes(registration, snapshot, command.actor, facts);
      const reason = decision.reason === 'refused_by_data' ? refusalOf(registration, command.type, row.snapshot.context, facts).reason : undefined;
      throw new TransitionRejected(command.type, row.state, allowed, reason, stateLabelOf(registration, row.state));
    }
    const authority = decision.authorityRole
      ? (command.grants.find((g) => g.role === decision.authorityRole) ?? { role: decision.authorityRole, basis: decision.authorityRole })
      : null;
    const outcome = await this.write(tx, row, registration, {
      event,
      next: persist(registration, decision.next),
      to: stateName(decision.next.value),
      status: decision.next.status === 'done' ? 'done' : 'active',
      authority,
      idempotencyKey: command.idempotencyKey ?? null,
      effects: effectsOf(decision.actions),
      firedTimerId: isDelayedEvent(event.type) ? event.type : undefined,
    });
    await command.inTransaction?.(tx, outcome);
    return outcome;
  }

  /** The new revision: snapshot, log entry, effects, timers, messages, hold, projection. */
  private async write(
    tx: TransactionSql,
    row: InstanceRow,
    registration: MachineRegistration,
    w: {
      event: WorkflowEvent;
      next: PersistedSnapshot;
      to: string;
      status: 'active' | 'done';
      authority: AuthorityGrant | null;
      idempotencyKey: string | null;
      effects: Effect[];
      firedTimerId?: string;
      /** An operator's hold or resume, beside whatever the machine's actions do. */
      operator?: 'hold' | 'resume';
    },
  ): Promise<SendOutcome> {
    const revision = row.revision + 1;
    const now = this.clock.now();
    const outboxActions = w.effects.filter((e): e is ActionEffect => e.kind === 'action' && !isInTransaction(e));
    const { changes, heldBy } = timerChangesOf(w.effects, row.held_by, w.operator);
    const heldSince = heldBy.length === 0 ? null : (row.held_since ?? now);
    // Snapshot, event and the effects that need no bookkeeping of their own: one statement, one round trip.
    const written = await tx.query<{ id: string }>(
      `WITH updated AS (
         UPDATE workflow_instance SET snapshot = $2, state = $3, status = $4, revision = $5, updated_at = $6, held_since = $18, held_by = $20, workflow_version = $19
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
        JSON.stringify(w.next),
        w.to,
        w.status,
        revision,
        now,
        row.revision,
        w.event.type,
        JSON.stringify(w.event.payload ?? null),
        w.event.actor.userId,
        w.event.actor.roles,
        JSON.stringify(w.event.facts),
        w.authority ? JSON.stringify(w.authority) : null,
        row.state,
        w.idempotencyKey,
        outboxActions.map((a) => a.action),
        outboxActions.map((a) => JSON.stringify(a.params)),
        heldSince,
        registration.version,
        heldBy,
      ],
      'flyt-runtime-apply-event',
    );
    // The row is locked, so this only fails if something bypassed the lock: never apply blind.
    if (written.length !== 1) throw new RevisionConflict(registration.resourceName, row.id, row.revision);
    const eventId = String(written[0]!.id);
    await this.afterWrite(
      tx,
      { id: row.id, workflowId: registration.id, context: (w.next as { context: unknown }).context, held: row.held_by.length > 0 },
      eventId,
      changes,
      outboxActions,
      now,
      w.firedTimerId,
    );
    const state: InstanceState = {
      id: row.id,
      workflowId: registration.id,
      version: registration.version,
      state: w.to,
      status: w.status,
      revision,
      snapshot: w.next,
      context: w.next.context,
      heldSince: heldSince ? new Date(heldSince).toISOString() : null,
      heldBy,
      parentInstanceId: row.parent_instance_id,
    };
    const outcome: SendOutcome = { instanceId: row.id, revision, from: row.state, to: w.to, eventId, duplicate: false, state };
    await registration.workflow.projection?.(tx, outcome);
    return outcome;
  }

  /** Timers (and hold/resume) in the timer store, and a record of every message the event sends. */
  private async afterWrite(
    tx: TransactionSql,
    instance: { id: string; workflowId: string; context: unknown; held: boolean },
    eventId: string,
    changes: readonly TimerChange[],
    outboxActions: readonly ActionEffect[],
    now: Date,
    firedTimerId?: string,
  ): Promise<void> {
    if (changes.length > 0 || firedTimerId) {
      await writeOutbox(tx, instance.id, eventId, await this.timers.apply(tx, instance, eventId, changes, now, firedTimerId), now);
    }
    const messages = outboxActions.flatMap((action, i) => {
      const key = `${eventId}/${i + 1}`;
      if (action.action === 'startWorkflow') {
        const p = action.params as unknown as StartWorkflowParams;
        return [{ key, kind: 'start', toInstanceId: childInstanceId(instance.id, p.key), toWorkflowId: p.workflowId, type: START_EVENT }];
      }
      if (action.action === 'sendToWorkflow') {
        const p = action.params as unknown as SendToWorkflowParams;
        return [{ key, kind: 'event', toInstanceId: p.instanceId, toWorkflowId: p.workflowId, type: p.event?.type }];
      }
      return [];
    });
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO workflow_message (key, kind, from_instance_id, from_event_id, to_instance_id, to_workflow_id, event_type, sent_at)
       SELECT m.key, m.kind, $1, $2, m.to_instance_id, m.to_workflow_id, m.event_type, $8
         FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[]) AS m(key, kind, to_instance_id, to_workflow_id, event_type)`,
      [
        instance.id,
        eventId,
        messages.map((m) => m.key),
        messages.map((m) => m.kind),
        messages.map((m) => m.toInstanceId),
        messages.map((m) => m.toWorkflowId),
        messages.map((m) => m.type ?? ''),
        now,
      ],
    );
  }

  private parsePayload(registration: MachineRegistration, type: string, payload: unknown, actor: WorkflowActor): unknown {
    if (isDelayedEvent(type)) {
      // Deadlines are the system's to fire; a person cannot send one.
      if (!actor.roles.includes(SYSTEM_ROLE)) throw new InputInvalid([{ field: 'type', reason: `${type} is sent by the system only` }]);
      return payload ?? {};
    }
    const schema = Object.hasOwn(registration.events, type) ? registration.events[type] : undefined;
    if (!schema) {
      throw new InputInvalid([{ field: 'type', reason: `unknown event; one of ${Object.keys(registration.events).join(', ')}` }]);
    }
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new InputInvalid(parsed.error.issues.map((issue) => ({ field: ['payload', ...issue.path.map(String)].join('.'), reason: issue.message })));
    }
    return parsed.data;
  }
}
