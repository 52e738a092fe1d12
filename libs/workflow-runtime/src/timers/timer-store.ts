import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock, NotFound } from '#flyt/kernel';
import { DEADLINE_POLICY, type DeadlinePolicy, NOMINAL_DEADLINES } from '../domain/deadline-policy.js';
import type { Effect } from '../domain/effects.js';
import { MACHINE_REGISTRY, type MachineRegistry } from '../domain/machine-registry.js';
import { pathOf, stateNodesOf } from '../domain/state-meta.js';
import type { NotifyParams } from '../domain/platform-actions.js';
import type { HeldTimer, PassedDeadline, PendingTimer, TimeLeft, TimerMove, TransactionSql } from '../domain/instance.js';
import { sqlOfManager } from '../sql.js';

/** An outbox row the timer bookkeeping asks for: a job to schedule or to remove. */
export interface TimerOutboxRow {
  kind: 'timer.schedule' | 'timer.cancel';
  key: string;
  payload: Record<string, unknown>;
}

export interface MoveTimerCommand {
  instanceId: string;
  timerId: string;
  dueAt: Date;
  movedBy: string | null;
  reason: string;
  /** Who to tell about the move (the one a deadline of the state escalates to). */
  notify?: readonly NotifyParams[];
}

/** A timer as the firing job checks it. */
export interface TimerStatus {
  status: 'pending' | 'held' | 'cancelled' | 'fired';
  generation: number;
}

export interface InstanceForTimers {
  id: string;
  workflowId: string;
  context: unknown;
  /** The instance is on hold: new deadlines start held, keeping their whole length. */
  held: boolean;
}

/** One change of the instance's timers that a transition asks for, in the order the actions came. */
export type TimerChange = Extract<Effect, { kind: 'timer.schedule' | 'timer.cancel' }> | { kind: 'hold' } | { kind: 'resume' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string) => new Date(d).toISOString();

/** Each state of each workflow version, with the timers (delayed transitions) of it and of the states around it, as columns. */
interface StateTimers {
  workflowIds: string[];
  versions: number[];
  /** A leaf state's dotted path: one region's part of an instance's state. */
  states: string[];
  timerIds: string[];
}

/**
 * The fired timers (`t`, with the event that fired them as `fired`) of the instances $1 that belong
 * to a state the instance is in ($2–$5: StateTimers' columns): the deadlines passed in this visit.
 */
const FIRED_IN_THIS_VISIT = `
  FROM workflow_timer t
  JOIN workflow_instance i ON i.id = t.instance_id
  JOIN unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS own(workflow_id, version, state, timer_id)
    ON own.workflow_id = i.workflow_id AND own.version = i.workflow_version AND own.timer_id = t.timer_id AND own.state = ANY(string_to_array(i.state, ','))
  JOIN workflow_event fired ON fired.id = t.settled_by
 WHERE t.status = 'fired' AND t.instance_id = ANY($1::uuid[])`;

export function stateTimersOf(registry: MachineRegistry): StateTimers {
  const table: StateTimers = { workflowIds: [], versions: [], states: [], timerIds: [] };
  for (const { id, version, machine } of registry.all()) {
    for (const leaf of stateNodesOf(machine).filter((node) => Object.keys(node.states).length === 0)) {
      for (let node: typeof leaf | undefined = leaf; node; node = node.parent) {
        for (const delayed of node.after ?? []) {
          table.workflowIds.push(id);
          table.versions.push(version);
          table.states.push(pathOf(leaf));
          table.timerIds.push(delayed.eventType);
        }
      }
    }
  }
  return table;
}

/**
 * The deadlines of every instance, in `workflow_timer`: pending (a delayed job fires it), held (the
 * instance is on hold; it keeps the time it had left), fired or cancelled, each with a generation
 * that grows whenever it is set again, moved or resumed, so a job of an earlier generation is
 * recognisably stale. The only place that reads or writes that table (docs/architecture.md).
 */
@Injectable()
export class TimerStore {
  private stateTimers?: StateTimers;

  /** The timers of each state, read off the registry once (stateTimersOf). */
  private get timersOfStates(): StateTimers {
    return (this.stateTimers ??= stateTimersOf(this.registry));
  }

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    @Optional() @Inject(DEADLINE_POLICY) private readonly deadlines: DeadlinePolicy = NOMINAL_DEADLINES,
  ) {}

  /**
   * Carries out a transition's timer changes inside its transaction, in order, and answers the
   * outbox rows that put them into Redis. `firedTimerId`: the event is that timer's, now fired.
   */
  async apply(tx: TransactionSql, instance: InstanceForTimers, eventId: string, changes: readonly TimerChange[], now: Date, firedTimerId?: string): Promise<TimerOutboxRow[]> {
    if (firedTimerId) {
      await tx.query(`UPDATE workflow_timer SET status = 'fired', settled_by = $3 WHERE instance_id = $1 AND timer_id = $2 AND status = 'pending'`, [
        instance.id,
        firedTimerId,
        eventId,
      ]);
    }
    const outbox: TimerOutboxRow[] = [];
    let held = instance.held;
    for (const change of changes) {
      if (change.kind === 'timer.schedule') outbox.push(...(await this.schedule(tx, instance, held, eventId, change, now)));
      else if (change.kind === 'timer.cancel') outbox.push(...(await this.cancel(tx, instance.id, change.timerId, eventId)));
      else if (change.kind === 'hold') {
        held = true;
        outbox.push(...(await this.holdAll(tx, instance, now)));
      } else {
        held = false;
        outbox.push(...(await this.resumeAll(tx, instance, eventId, now)));
      }
    }
    return outbox;
  }

  private async schedule(
    tx: TransactionSql,
    instance: InstanceForTimers,
    held: boolean,
    eventId: string,
    effect: Extract<TimerChange, { kind: 'timer.schedule' }>,
    now: Date,
  ): Promise<TimerOutboxRow[]> {
    const dueAt = this.deadlines.dueAt({ workflowId: instance.workflowId, delayName: effect.delayName, delayMs: effect.delayMs, context: instance.context }, now);
    const left = held ? this.deadlines.timeLeft({ workflowId: instance.workflowId, delayName: effect.delayName }, dueAt, now) : null;
    const [timer] = await tx.query<{ generation: number }>(
      `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, time_left, scheduled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (instance_id, timer_id) DO UPDATE
         SET generation = workflow_timer.generation + 1, delay_name = EXCLUDED.delay_name, event = EXCLUDED.event, due_at = EXCLUDED.due_at,
             status = EXCLUDED.status, time_left = EXCLUDED.time_left, scheduled_by = EXCLUDED.scheduled_by, settled_by = NULL
       RETURNING generation`,
      [instance.id, effect.timerId, effect.delayName, JSON.stringify(effect.event), dueAt, held ? 'held' : 'pending', left ? JSON.stringify(left) : null, eventId],
    );
    if (held) return [];
    return [scheduleRow(instance.id, { timerId: effect.timerId, generation: timer!.generation, delayName: effect.delayName, dueAt, event: effect.event })];
  }

  private async cancel(tx: TransactionSql, instanceId: string, timerId: string, eventId: string): Promise<TimerOutboxRow[]> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
    const cancelled = await tx.query<{ generation: number; was: string }>(
      `WITH before AS (SELECT status FROM workflow_timer WHERE instance_id = $1 AND timer_id = $2),
            cancelled AS (
              UPDATE workflow_timer SET status = 'cancelled', time_left = NULL, settled_by = $3
               WHERE instance_id = $1 AND timer_id = $2 AND status IN ('pending', 'held') RETURNING generation
            )
       SELECT cancelled.generation, before.status AS was FROM cancelled, before`,
      [instanceId, timerId, eventId],
    );
    // A held timer has no job to remove.
    return cancelled.filter((c) => c.was === 'pending').map((c) => cancelRow(instanceId, timerId, c.generation));
  }

  /** Every pending timer of the instance stops, keeping the time it had left; its job goes. */
  private async holdAll(tx: TransactionSql, instance: InstanceForTimers, now: Date): Promise<TimerOutboxRow[]> {
    const pending = await tx.query<{ timer_id: string; delay_name: string; due_at: Date; generation: number }>(
      `SELECT timer_id, delay_name, due_at, generation FROM workflow_timer WHERE instance_id = $1 AND status = 'pending' ORDER BY timer_id`,
      [instance.id],
    );
    if (pending.length === 0) return [];
    const lefts = pending.map((t) => this.deadlines.timeLeft({ workflowId: instance.workflowId, delayName: t.delay_name }, new Date(t.due_at), now));
    await tx.query(
      `UPDATE workflow_timer t SET status = 'held', time_left = held.time_left
         FROM unnest($2::text[], $3::jsonb[]) AS held(timer_id, time_left)
        WHERE t.instance_id = $1 AND t.timer_id = held.timer_id AND t.status = 'pending'`,
      [instance.id, pending.map((t) => t.timer_id), lefts.map((l) => JSON.stringify(l))],
    );
    return pending.map((t) => cancelRow(instance.id, t.timer_id, t.generation));
  }

  /** Every held timer of the instance runs again with the time it had left, counted from now; a new generation, a new job. */
  private async resumeAll(tx: TransactionSql, instance: InstanceForTimers, eventId: string, now: Date): Promise<TimerOutboxRow[]> {
    const held = await tx.query<{ timer_id: string; delay_name: string; event: { type: string }; time_left: TimeLeft }>(
      `SELECT timer_id, delay_name, event, time_left FROM workflow_timer WHERE instance_id = $1 AND status = 'held' ORDER BY timer_id`,
      [instance.id],
    );
    if (held.length === 0) return [];
    const dues = held.map((t) => this.deadlines.resumedDueAt(t.time_left, now));
    const resumed = await tx.query<{ timer_id: string; generation: number }>(
      `WITH resumed AS (
         UPDATE workflow_timer t SET status = 'pending', time_left = NULL, due_at = r.due_at, generation = t.generation + 1, scheduled_by = $4
           FROM unnest($2::text[], $3::timestamptz[]) AS r(timer_id, due_at)
          WHERE t.instance_id = $1 AND t.timer_id = r.timer_id AND t.status = 'held'
          RETURNING t.timer_id, t.generation
       )
       SELECT timer_id, generation FROM resumed`,
      [instance.id, held.map((t) => t.timer_id), dues, eventId],
    );
    const generations = new Map(resumed.map((r) => [r.timer_id, r.generation]));
    return held.map((t, i) =>
      scheduleRow(instance.id, { timerId: t.timer_id, generation: generations.get(t.timer_id)!, delayName: t.delay_name, dueAt: dues[i]!, event: t.event }),
    );
  }

  /**
   * Moves a pending deadline, recording who moved it and why, in a transaction of its own. The old
   * job becomes stale (a new generation) and the relay schedules the new one; the instance's state
   * does not change. The outbox rows belong to the event that scheduled the timer.
   */
  async move(command: MoveTimerCommand): Promise<PendingTimer> {
    if (!UUID.test(command.instanceId)) throw new NotFound('workflow instance', command.instanceId);
    return this.db.transaction(async (manager) => {
      const tx = sqlOfManager(manager);
      const [timer] = await tx.query<{ generation: number; due_at: Date; delay_name: string; event: { type: string }; scheduled_by: string }>(
        `SELECT t.generation, t.due_at, t.delay_name, t.event, t.scheduled_by
           FROM workflow_instance i JOIN workflow_timer t ON t.instance_id = i.id
          WHERE i.id = $1 AND t.timer_id = $2 AND t.status = 'pending'
          FOR UPDATE OF i, t`,
        [command.instanceId, command.timerId],
      );
      if (!timer) throw new NotFound('pending deadline', `${command.instanceId}/${command.timerId}`);
      const generation = timer.generation + 1;
      const now = this.clock.now();
      await tx.query(
        `WITH moved AS (
           UPDATE workflow_timer SET generation = $3, due_at = $4 WHERE instance_id = $1 AND timer_id = $2 RETURNING instance_id
         )
         INSERT INTO workflow_timer_move (instance_id, timer_id, from_generation, to_generation, from_due_at, to_due_at, moved_by, reason, moved_at)
         SELECT instance_id, $2, $5, $3, $6, $4, $7, $8, $9 FROM moved`,
        [command.instanceId, command.timerId, generation, command.dueAt, timer.generation, timer.due_at, command.movedBy, command.reason, now],
      );
      const base = `${command.instanceId}/${command.timerId}`;
      const rows = [
        cancelRow(command.instanceId, command.timerId, timer.generation),
        scheduleRow(command.instanceId, { timerId: command.timerId, generation, delayName: timer.delay_name, dueAt: command.dueAt, event: timer.event }),
        ...(command.notify ?? []).map((params, i) => ({ kind: 'notify', key: `${base}/${generation}/notify/${i + 1}`, payload: { ...params } })),
      ];
      await writeOutbox(tx, command.instanceId, timer.scheduled_by, rows, now);
      return { timerId: command.timerId, delayName: timer.delay_name, generation, dueAt: command.dueAt.toISOString() };
    });
  }

  /** The timers of the instance that still run or wait (pending or held), read in its transaction. */
  async open(tx: TransactionSql, instanceId: string): Promise<{ timerId: string; status: 'pending' | 'held' }[]> {
    const rows = await tx.query<{ timer_id: string; status: 'pending' | 'held' }>(
      `SELECT timer_id, status FROM workflow_timer WHERE instance_id = $1 AND status IN ('pending', 'held') ORDER BY timer_id`,
      [instanceId],
    );
    return rows.map((r) => ({ timerId: r.timer_id, status: r.status }));
  }

  /** A timer as the job that fires it sees it, read in the given transaction (or outside one). */
  async status(instanceId: string, timerId: string, sql: TransactionSql = sqlOfManager(this.db)): Promise<TimerStatus | null> {
    const [timer] = await sql.query<TimerStatus>(`SELECT status, generation FROM workflow_timer WHERE instance_id = $1 AND timer_id = $2`, [instanceId, timerId]);
    return timer ?? null;
  }

  async isPending(instanceId: string, timerId: string): Promise<boolean> {
    return (await this.status(instanceId, timerId))?.status === 'pending';
  }

  async pending(instanceIds: readonly string[]): Promise<Map<string, PendingTimer[]>> {
    const timers = new Map<string, PendingTimer[]>();
    if (instanceIds.length === 0) return timers;
    const rows: { instance_id: string; timer_id: string; delay_name: string; generation: number; due_at: Date }[] = await this.db.query(
      `SELECT instance_id, timer_id, delay_name, generation, due_at FROM workflow_timer
        WHERE status = 'pending' AND instance_id = ANY($1::uuid[]) ORDER BY due_at, timer_id`,
      [instanceIds],
    );
    for (const r of rows) {
      const list = timers.get(r.instance_id) ?? [];
      list.push({ timerId: r.timer_id, delayName: r.delay_name, generation: r.generation, dueAt: iso(r.due_at) });
      timers.set(r.instance_id, list);
    }
    return timers;
  }

  async held(instanceId: string): Promise<HeldTimer[]> {
    const rows: { timer_id: string; delay_name: string; due_at: Date; time_left: TimeLeft }[] = await this.db.query(
      `SELECT timer_id, delay_name, due_at, time_left FROM workflow_timer WHERE instance_id = $1 AND status = 'held' ORDER BY due_at, timer_id`,
      [instanceId],
    );
    return rows.map((r) => ({ timerId: r.timer_id, delayName: r.delay_name, dueAt: iso(r.due_at), left: r.time_left }));
  }

  /**
   * The deadlines that passed in each instance's current visit of the states it is in, oldest first:
   * the fired timers of those states (and of the states around them). Leaving a state and coming
   * back schedules its deadlines anew (pending again), so a fired timer of a state the instance is
   * in fired during this visit; an earlier visit's do not count.
   */
  async passed(instanceIds: readonly string[]): Promise<Map<string, PassedDeadline[]>> {
    const passed = new Map<string, PassedDeadline[]>();
    if (instanceIds.length === 0) return passed;
    const own = this.timersOfStates;
    const rows: { instance_id: string; timer_id: string; delay_name: string; due_at: Date; fired_at: Date; event_id: string }[] = await this.db.query(
      `SELECT t.instance_id, t.timer_id, t.delay_name, t.due_at, fired.occurred_at AS fired_at, fired.id AS event_id
         ${FIRED_IN_THIS_VISIT}
        ORDER BY fired.revision`,
      [instanceIds, own.workflowIds, own.versions, own.states, own.timerIds],
    );
    for (const r of rows) {
      const list = passed.get(r.instance_id) ?? [];
      list.push({ timerId: r.timer_id, delayName: r.delay_name, dueAt: iso(r.due_at), firedAt: iso(r.fired_at), eventId: String(r.event_id) });
      passed.set(r.instance_id, list);
    }
    return passed;
  }

  /**
   * For each instance that has one, the due time of the first deadline that passed in its current
   * visit (as `passed` reads them: the first to fire) and of its next pending deadline, in epoch
   * milliseconds: what orders an inbox, one row per instance, so a list of hundreds reads no more.
   */
  async urgency(instanceIds: readonly string[]): Promise<Map<string, { firstPassedMs: number | null; nextDueMs: number | null }>> {
    const urgency = new Map<string, { firstPassedMs: number | null; nextDueMs: number | null }>();
    if (instanceIds.length === 0) return urgency;
    const own = this.timersOfStates;
    const rows: { instance_id: string; first_passed_ms: number | null; next_due_ms: number | null }[] = await this.db.query(
      `WITH passed AS (
         SELECT DISTINCT ON (t.instance_id) t.instance_id, t.due_at
           ${FIRED_IN_THIS_VISIT}
          ORDER BY t.instance_id, fired.revision
       ), pending AS (
         SELECT instance_id, min(due_at) AS due_at FROM workflow_timer WHERE status = 'pending' AND instance_id = ANY($1::uuid[]) GROUP BY instance_id
       )
       SELECT instance_id, floor(extract(epoch FROM p.due_at) * 1000)::float8 AS first_passed_ms, floor(extract(epoch FROM n.due_at) * 1000)::float8 AS next_due_ms
         FROM passed p FULL JOIN pending n USING (instance_id)`,
      [instanceIds, own.workflowIds, own.versions, own.states, own.timerIds],
    );
    for (const r of rows) urgency.set(r.instance_id, { firstPassedMs: r.first_passed_ms, nextDueMs: r.next_due_ms });
    return urgency;
  }

  /** The deadlines of the instance moved by hand, oldest first. */
  async moves(instanceId: string): Promise<TimerMove[]> {
    const rows: { timer_id: string; delay_name: string; from_due_at: Date; to_due_at: Date; moved_by: string | null; reason: string; moved_at: Date }[] =
      await this.db.query(
        `SELECT m.timer_id, t.delay_name, m.from_due_at, m.to_due_at, m.moved_by, m.reason, m.moved_at
           FROM workflow_timer_move m JOIN workflow_timer t ON t.instance_id = m.instance_id AND t.timer_id = m.timer_id
          WHERE m.instance_id = $1 ORDER BY m.moved_at, m.id`,
        [instanceId],
      );
    return rows.map((m) => ({
      timerId: m.timer_id,
      delayName: m.delay_name,
      fromDueAt: iso(m.from_due_at),
      toDueAt: iso(m.to_due_at),
      movedBy: m.moved_by,
      reason: m.reason,
      movedAt: iso(m.moved_at),
    }));
  }

  /**
   * The due time a notification speaks of, for one of its delays: the timer this event fired, else
   * the pending one, else the newest. Read in the caller's transaction.
   */
  async dueOf(sql: TransactionSql, instanceId: string, delayName: string, eventId: string): Promise<string | null> {
    const [timer] = await sql.query<{ due_at: Date }>(
      `SELECT due_at FROM workflow_timer WHERE instance_id = $1 AND delay_name = $2
        ORDER BY (settled_by IS NOT DISTINCT FROM $3::bigint) DESC, (status = 'pending') DESC, due_at DESC LIMIT 1`,
      [instanceId, delayName, eventId],
    );
    return timer ? iso(timer.due_at) : null;
  }

  /** A page of pending timers after `cursor`, by instance and timer id: the sweep walks them all. */
  async pendingPage(cursor: { instanceId: string; timerId: string } | null, limit: number): Promise<{ instanceId: string; timerId: string; generation: number; dueAt: Date }[]> {
    const rows: { instance_id: string; timer_id: string; generation: number; due_at: Date }[] = await this.db.query(
      `SELECT instance_id, timer_id, generation, due_at FROM workflow_timer
        WHERE status = 'pending' AND ($1::uuid IS NULL OR (instance_id, timer_id) > ($1::uuid, $2::text))
        ORDER BY instance_id, timer_id LIMIT $3`,
      [cursor?.instanceId ?? null, cursor?.timerId ?? '', limit],
    );
    return rows.map((r) => ({ instanceId: r.instance_id, timerId: r.timer_id, generation: r.generation, dueAt: new Date(r.due_at) }));
  }
}

function scheduleRow(instanceId: string, t: { timerId: string; generation: number; delayName: string; dueAt: Date; event: { type: string } }): TimerOutboxRow {
  return {
    kind: 'timer.schedule',
    key: `${instanceId}/${t.timerId}/${t.generation}/schedule`,
    payload: { timerId: t.timerId, generation: t.generation, delayName: t.delayName, dueAt: t.dueAt.toISOString(), event: t.event },
  };
}

function cancelRow(instanceId: string, timerId: string, generation: number): TimerOutboxRow {
  return { kind: 'timer.cancel', key: `${instanceId}/${timerId}/${generation}/cancel`, payload: { timerId, generation } };
}

/** Outbox rows of one instance's event, written in its transaction. */
export async function writeOutbox(tx: TransactionSql, instanceId: string, eventId: string, rows: readonly { kind: string; key: string; payload: unknown }[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, created_at)
     SELECT $1, $2, kind, key, payload, $6 FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS effect(kind, key, payload)`,
    [instanceId, eventId, rows.map((o) => o.kind), rows.map((o) => o.key), rows.map((o) => JSON.stringify(o.payload)), now],
  );
}
