import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import type { Clock } from '#flyt/kernel';
import { InputInvalid, NotPermitted, RevisionConflict, TransitionRejected } from '#flyt/kernel';
import { dataSourceOptions } from '#flyt/persistence';
import { createTestEnvironment, Factories, type TestEnvironment } from '#flyt/testing';
import { NOMINAL_DEADLINES } from './domain/deadline-policy.js';
import type { WorkflowRegistration } from './domain/machine-registration.js';
import { MachineRegistry } from './domain/machine-registry.js';
import { childInstanceId, PLATFORM_ACTIONS } from './domain/platform-actions.js';
import type { MachineVersion } from './domain/workflow-definition.js';
import { systemActor, type WorkflowActor } from './domain/workflow-event.js';
import { WorkflowInstances } from './instances/workflow-instances.js';
import { WorkflowReplay } from './replay/workflow-replay.js';
import { sqlOfManager } from './sql.js';
import { TimerStore } from './timers/timer-store.js';
import { type SendCommand, WorkflowRuntime } from './workflow-runtime.service.js';

/** A small approval workflow with every feature the runtime must carry: roles, data guards, a deadline, a named effect. */
function approvalMachine(version: number) {
  return setup({
    types: {} as {
      context: { title: string; approvals: number; note: string | null };
      input: { title: string };
      events: { type: string; payload: { note?: string }; actor: WorkflowActor; facts: { complete?: boolean } };
    },
    guards: {
      actorHolds: ({ event }, params: { roles: string[] }) => params.roles.some((role) => event.actor.roles.includes(role)),
      complete: ({ event }) => event.facts.complete === true,
    },
    actions: PLATFORM_ACTIONS,
    delays: { approverReminder: 5 * 24 * 3600 * 1000, cooling: 3 * 24 * 3600 * 1000 },
  }).createMachine({
    id: 'approval',
    initial: 'draft',
    context: ({ input }) => ({ title: input.title, approvals: 0, note: null }),
    states: {
      draft: {
        meta: { label },
        on: {
          SUBMIT: { target: 'submitted', guard: and([{ type: 'actorHolds', params: { roles: ['author'] } }, 'complete']) },
        },
      },
      submitted: {
        meta: { label },
        entry: [{ type: 'notify', params: { to: 'approver', template: 'waiting' } }],
        after: { approverReminder: { actions: [{ type: 'notify', params: { to: 'approver', template: 'waiting' } }] } },
        on: {
          PAUSE: { guard: { type: 'actorHolds', params: { roles: ['approver'] } }, actions: [{ type: 'holdDeadlines', params: { reason: 'waiting for the board' } }] },
          CONTINUE: { guard: { type: 'actorHolds', params: { roles: ['approver'] } }, actions: ['resumeDeadlines'] },
          DELEGATE: {
            guard: { type: 'actorHolds', params: { roles: ['approver'] } },
            actions: [
              { type: 'startWorkflow', params: ({ context }) => ({ workflowId: 'approval', key: 'second-opinion', input: { title: `${context.title}: second opinion` } }) },
              { type: 'sendToWorkflow', params: { workflowId: 'approval', instanceId: OTHER, event: { type: 'RETURN' } } },
            ],
          },
          APPROVE: {
            target: version === 1 ? 'approved' : 'secondApproval',
            guard: { type: 'actorHolds', params: { roles: ['approver'] } },
            actions: assign({ approvals: ({ context }) => context.approvals + 1, note: ({ event }) => event.payload.note ?? null }),
          },
          RETURN: { target: 'draft', guard: { type: 'actorHolds', params: { roles: ['approver'] } } },
        },
      },
      ...(version === 1
        ? {}
        : { secondApproval: { meta: { label }, after: { cooling: {} }, on: { APPROVE: { target: 'approved', guard: { type: 'actorHolds', params: { roles: ['approver'] } } } } } }),
      approved: { type: 'final', meta: { label } },
    },
  });
}

const label = { nb: 'Tilstand', en: 'State' };
/** An instance the DELEGATE event sends RETURN to (the test makes it). */
const OTHER = '7d0a6a52-30bb-4a8f-9a57-8d2c3f3e9c01';
const EVENTS = {
  SUBMIT: z.strictObject({}),
  APPROVE: z.strictObject({ note: z.string().min(1, 'must not be empty').optional() }),
  RETURN: z.strictObject({}),
  PAUSE: z.strictObject({}),
  CONTINUE: z.strictObject({}),
  DELEGATE: z.strictObject({}),
};
const v1: MachineVersion = { version: 1, machine: approvalMachine(1), roles: ['author', 'approver', 'system'], events: EVENTS };
/** Version 2 adds a second approval: an instance submitted under v1 moves to the first approval of v2; a draft stays a draft. */
const v2: MachineVersion = { ...v1, version: 2, machine: approvalMachine(2), migrateFrom: { from: 1, states: { draft: 'draft', submitted: 'submitted' } } };
const approval = (versions: MachineVersion[]): WorkflowRegistration => ({
  id: 'approval',
  noun: { nb: 'godkjenning', en: 'approval' },
  roleNames: { author: { nb: 'forfatteren', en: 'the author' }, approver: { nb: 'godkjenneren', en: 'the approver' }, system: { nb: 'Flyt selv', en: 'Flyt itself' } },
  versions,
  // Placed by the machine's own lengths in this test (NOMINAL_DEADLINES): five days, three days.
  deadlines: { approverReminder: { calendarDays: 5 }, cooling: { calendarDays: 3 } },
  notifications: {
    recipients: ['approver'],
    templates: { waiting: { nb: { subject: 'Venter', lead: () => 'Venter på deg.' }, en: { subject: 'Waiting', lead: () => 'Waiting for you.' } } },
    openLink: label,
  },
  subject: async () => ({ reference: 'A-1', title: 'Digital signering' }),
  recipients: async () => [],
});

describe('the durable workflow runtime, on PostgreSQL', () => {
  let env: TestEnvironment;
  let runtime: WorkflowRuntime;
  let timers: TimerStore;
  let instances: WorkflowInstances;
  let replay: WorkflowReplay;
  let author: WorkflowActor;
  let approver: WorkflowActor;
  const clock: Clock & { at: Date } = { at: new Date('2026-03-02T08:00:00Z'), now: () => clock.at };

  const count = async (table: string, instanceId: string) =>
    (await env.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE instance_id = $1`, [instanceId]))[0].n as number;
  const traces = async (id: string) => ({
    events: await count('workflow_event', id),
    outbox: await count('workflow_outbox', id),
    timers: await count('workflow_timer', id),
    revision: (await instances.get(id)).revision,
  });
  /** The runtime's services over one registry and data source, as WorkflowRuntimeModule wires them. */
  const servicesOf = (db: DataSource, registry: MachineRegistry) => {
    const timerStore = new TimerStore(db, clock, registry, NOMINAL_DEADLINES);
    return { runtime: new WorkflowRuntime(db, registry, clock, timerStore), timers: timerStore, instances: new WorkflowInstances(db, registry), replay: new WorkflowReplay(db, registry) };
  };
  const newInstance = async (on = runtime, id: string = randomUUID()) => {
    await env.db.transaction((manager) => on.start(sqlOfManager(manager), { instanceId: id, workflowId: 'approval', input: { title: 'Digital signering' }, actor: author }));
    return id;
  };
  const command = (instanceId: string, type: string, actor: WorkflowActor, extra: Partial<SendCommand> = {}): SendCommand => ({
    instanceId,
    type,
    payload: {},
    actor,
    grants: actor.roles.map((role) => ({ role, basis: `${role} of the approval` })),
    facts: { complete: true },
    ...extra,
  });

  beforeAll(async () => {
    env = await createTestEnvironment();
    const factories = new Factories(env.db);
    const unit = await factories.unit();
    author = { userId: (await factories.user({ unitId: unit.id })).id, roles: ['author'] };
    approver = { userId: (await factories.user({ unitId: unit.id })).id, roles: ['approver'] };
    ({ runtime, timers, instances, replay } = servicesOf(env.db, new MachineRegistry([approval([v1])])));
  });
  afterAll(() => env.drop());

  it('starts an instance at revision 0 with its start in the log', async () => {
    const id = await newInstance();
    const instance = await instances.get(id);
    expect(instance).toMatchObject({ state: 'draft', status: 'active', revision: 0, version: 1, context: { title: 'Digital signering', approvals: 0 } });
    const [start] = await instances.history(id);
    expect(start).toMatchObject({ revision: 0, type: 'xstate.init', actorId: author.userId, from: null, to: 'draft' });
  });

  it('applies an event in one transaction: snapshot, log with authority, timer and outbox', async () => {
    const id = await newInstance();
    const outcome = await runtime.send(command(id, 'SUBMIT', author));
    expect(outcome).toMatchObject({ revision: 1, from: 'draft', to: 'submitted', duplicate: false });

    const [, submitted] = await instances.history(id);
    expect(submitted).toMatchObject({ type: 'SUBMIT', actorId: author.userId, authority: { role: 'author', basis: 'author of the approval' }, from: 'draft', to: 'submitted' });

    const timers = await env.db.query(`SELECT timer_id, delay_name, due_at, status, generation FROM workflow_timer WHERE instance_id = $1`, [id]);
    expect(timers).toEqual([
      { timer_id: 'xstate.after.approverReminder.approval.submitted', delay_name: 'approverReminder', due_at: new Date('2026-03-07T08:00:00Z'), status: 'pending', generation: 1 },
    ]);
    const outbox = await env.db.query(`SELECT kind, payload FROM workflow_outbox WHERE instance_id = $1 ORDER BY id`, [id]);
    expect(outbox).toEqual([
      { kind: 'notify', payload: { to: 'approver', template: 'waiting' } },
      {
        kind: 'timer.schedule',
        payload: {
          timerId: 'xstate.after.approverReminder.approval.submitted',
          generation: 1,
          delayName: 'approverReminder',
          dueAt: '2026-03-07T08:00:00.000Z',
          event: { type: 'xstate.after.approverReminder.approval.submitted' },
        },
      },
    ]);
  });

  it('cancels the deadline when the state is left, and re-entering schedules a new generation', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    await runtime.send(command(id, 'RETURN', approver));
    await runtime.send(command(id, 'SUBMIT', author));
    const outbox = await env.db.query(`SELECT kind, payload->>'generation' AS generation FROM workflow_outbox WHERE instance_id = $1 AND kind LIKE 'timer.%' ORDER BY id`, [id]);
    expect(outbox).toEqual([
      { kind: 'timer.schedule', generation: '1' },
      { kind: 'timer.cancel', generation: '1' },
      { kind: 'timer.schedule', generation: '2' },
    ]);
    expect((await timers.pending([id])).get(id)).toEqual([
      { timerId: 'xstate.after.approverReminder.approval.submitted', delayName: 'approverReminder', generation: 2, dueAt: '2026-03-07T08:00:00.000Z' },
    ]);
  });

  it('moves a pending deadline with a reason: a new generation, the old job cancelled, the move recorded', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const timerId = 'xstate.after.approverReminder.approval.submitted';
    const moved = await timers.move({ instanceId: id, timerId, dueAt: new Date('2026-03-10T08:00:00Z'), movedBy: approver.userId, reason: 'Venter på styremøtet' });
    expect(moved).toEqual({ timerId, delayName: 'approverReminder', generation: 2, dueAt: '2026-03-10T08:00:00.000Z' });
    expect((await timers.pending([id])).get(id)).toEqual([moved]);
    const [move] = await env.db.query(`SELECT from_generation, to_generation, from_due_at, to_due_at, moved_by, reason FROM workflow_timer_move WHERE instance_id = $1`, [id]);
    expect(move).toEqual({
      from_generation: 1,
      to_generation: 2,
      from_due_at: new Date('2026-03-07T08:00:00Z'),
      to_due_at: new Date('2026-03-10T08:00:00Z'),
      moved_by: approver.userId,
      reason: 'Venter på styremøtet',
    });
    const outbox = await env.db.query(`SELECT kind, payload FROM workflow_outbox WHERE instance_id = $1 AND kind LIKE 'timer.%' ORDER BY id`, [id]);
    expect(outbox.slice(1)).toEqual([
      { kind: 'timer.cancel', payload: { timerId, generation: 1 } },
      { kind: 'timer.schedule', payload: { timerId, generation: 2, delayName: 'approverReminder', dueAt: '2026-03-10T08:00:00.000Z', event: { type: timerId } } },
    ]);
    await runtime.send(command(id, 'APPROVE', approver));
    await expect(timers.move({ instanceId: id, timerId, dueAt: new Date('2026-03-12T08:00:00Z'), movedBy: approver.userId, reason: 'For sent' })).rejects.toThrow(
      /pending deadline .* was not found/,
    );
  });

  it('tells which deadlines of the current state passed, forgetting those of an earlier visit', async () => {
    const id = await newInstance();
    const timer = 'xstate.after.approverReminder.approval.submitted';
    await runtime.send(command(id, 'SUBMIT', author));
    expect(await timers.passed([id])).toEqual(new Map());
    clock.at = new Date('2026-03-07T08:00:05Z');
    const fired = await runtime.send(command(id, timer, systemActor()));
    expect((await timers.passed([id])).get(id)).toEqual([
      { timerId: timer, delayName: 'approverReminder', dueAt: '2026-03-07T08:00:00.000Z', firedAt: '2026-03-07T08:00:05.000Z', eventId: fired.eventId },
    ]);
    // What orders an inbox: the first deadline that passed in this visit, and none pending.
    expect((await timers.urgency([id])).get(id)).toEqual({ firstPassedMs: Date.parse('2026-03-07T08:00:00Z'), nextDueMs: null });
    // Back to draft and submitted again: a new visit, its deadline pending, the old reminder no longer counts.
    await runtime.send(command(id, 'RETURN', approver));
    expect(await timers.passed([id])).toEqual(new Map());
    expect(await timers.urgency([id])).toEqual(new Map());
    await runtime.send(command(id, 'SUBMIT', author));
    expect(await timers.passed([id])).toEqual(new Map());
    const [pending] = (await timers.pending([id])).get(id) ?? [];
    expect((await timers.urgency([id])).get(id)).toEqual({ firstPassedMs: null, nextDueMs: Date.parse(pending!.dueAt) });
    clock.at = new Date('2026-03-02T08:00:00Z');
  });

  it('lets the system fire a deadline, and ignores one that fires after the state was left', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const timer = 'xstate.after.approverReminder.approval.submitted';
    const fired = await runtime.send(command(id, timer, systemActor(), { idempotencyKey: `${timer}.1` }));
    expect(fired).toMatchObject({ from: 'submitted', to: 'submitted' });
    expect(await timers.pending([id])).toEqual(new Map());
    const reminders = await env.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE instance_id = $1 AND kind = 'notify'`, [id]);
    expect(reminders[0].n).toBe(2);

    await runtime.send(command(id, 'APPROVE', approver));
    await expect(runtime.send(command(id, timer, systemActor()))).rejects.toBeInstanceOf(TransitionRejected);
    await expect(runtime.send(command(id, timer, author))).rejects.toMatchObject({ errors: [{ field: 'type', reason: `${timer} is sent by the system only` }] });
  });

  describe('refuses, leaving no trace', () => {
    let id: string;
    beforeEach(async () => {
      id = await newInstance();
    });

    it('an unknown event type: 400 on type', async () => {
      const before = await traces(id);
      const error = await runtime.send(command(id, 'PUBLISH', author)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputInvalid);
      expect((error as InputInvalid).errors[0]).toMatchObject({ field: 'type' });
      expect(await traces(id)).toEqual(before);
    });

    it('a bad payload: 400 naming the payload field', async () => {
      await runtime.send(command(id, 'SUBMIT', author));
      const before = await traces(id);
      const error = await runtime.send(command(id, 'APPROVE', approver, { payload: { note: '', extra: 1 } })).catch((e: unknown) => e);
      expect((error as InputInvalid).errors.map((e) => e.field).sort()).toEqual(['payload', 'payload.note']);
      expect(await traces(id)).toEqual(before);
    });

    it('the wrong role: 403 naming the roles that may', async () => {
      const before = await traces(id);
      const error = await runtime.send(command(id, 'SUBMIT', approver)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotPermitted);
      expect((error as NotPermitted).requiredRoles).toEqual(['author']);
      expect(await traces(id)).toEqual(before);
    });

    it('an event the state does not take: 422 with the events allowed now', async () => {
      const before = await traces(id);
      const error = await runtime.send(command(id, 'APPROVE', approver)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransitionRejected);
      expect(error).toMatchObject({ state: 'draft', allowedEvents: [] });
      const authorsView = await runtime.send(command(id, 'APPROVE', author)).catch((e: unknown) => e);
      expect(authorsView).toMatchObject({ allowedEvents: ['SUBMIT'] });
      expect(await traces(id)).toEqual(before);
    });

    it('an event the data does not allow yet: 422 saying so', async () => {
      const before = await traces(id);
      const error = await runtime.send(command(id, 'SUBMIT', author, { facts: { complete: false } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransitionRejected);
      expect((error as Error).message).toMatch(/data does not allow it yet/);
      expect(await traces(id)).toEqual(before);
    });

    it('a stale expected revision: 409 with the current revision', async () => {
      await runtime.send(command(id, 'SUBMIT', author));
      const before = await traces(id);
      const error = await runtime.send(command(id, 'RETURN', approver, { expectedRevision: 0 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RevisionConflict);
      expect((error as RevisionConflict).details.currentRevision).toBe(1);
      expect(await traces(id)).toEqual(before);
    });

    it('a transaction that fails after the event: no event, no outbox row, no timer, no change', async () => {
      const before = await traces(id);
      const failing = command(id, 'SUBMIT', author, {
        inTransaction: async () => {
          throw new Error('the read model could not be written');
        },
      });
      await expect(runtime.send(failing)).rejects.toThrow('the read model could not be written');
      expect(await traces(id)).toEqual(before);
      expect((await instances.get(id)).state).toBe('draft');
    });
  });

  it('lets exactly one of two processes that send at once win; the other gets 409', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    // A second connection pool stands for a second API process.
    const other = new DataSource({ ...dataSourceOptions(env.config), extra: { max: 2 } });
    await other.initialize();
    try {
      const { runtime: otherRuntime } = servicesOf(other, new MachineRegistry([approval([v1])]));
      const results = await Promise.allSettled([
        runtime.send(command(id, 'APPROVE', approver, { expectedRevision: 1 })),
        otherRuntime.send(command(id, 'RETURN', approver, { expectedRevision: 1 })),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(RevisionConflict);
      expect(await traces(id)).toMatchObject({ events: 3, revision: 2 });
    } finally {
      await other.destroy();
    }
  });

  it('serialises concurrent senders without an expected revision: no update is lost', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => runtime.send(command(id, i % 2 === 0 ? 'RETURN' : 'SUBMIT', i % 2 === 0 ? approver : author))),
    );
    const applied = results.filter((r) => r.status === 'fulfilled').length;
    const history = await instances.history(id);
    expect(history.map((e) => e.revision)).toEqual(Array.from({ length: history.length }, (_, i) => i));
    expect(history).toHaveLength(2 + applied);
    expect((await instances.get(id)).revision).toBe(1 + applied);
  });

  it('applies a repeated idempotency key once, also when both arrive at once', async () => {
    const id = await newInstance();
    const first = await runtime.send(command(id, 'SUBMIT', author, { idempotencyKey: 'submit-1' }));
    const again = await runtime.send(command(id, 'SUBMIT', author, { idempotencyKey: 'submit-1' }));
    expect(again).toMatchObject({ duplicate: true, revision: first.revision, eventId: first.eventId, to: 'submitted' });

    const racing = await Promise.all([
      runtime.send(command(id, 'APPROVE', approver, { idempotencyKey: 'approve-1' })),
      runtime.send(command(id, 'APPROVE', approver, { idempotencyKey: 'approve-1' })),
    ]);
    expect(racing.map((r) => r.eventId)[0]).toBe(racing[1]!.eventId);
    expect((await instances.history(id)).filter((e) => e.type === 'APPROVE')).toHaveLength(1);
  });

  it('keeps the event log append-only', async () => {
    const id = await newInstance();
    await expect(env.db.query(`UPDATE workflow_event SET type = 'FORGED' WHERE instance_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(env.db.query(`DELETE FROM workflow_event WHERE instance_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('rebuilds every stored snapshot from its event log, and notices one that does not match', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    await runtime.send(command(id, 'xstate.after.approverReminder.approval.submitted', systemActor()));
    await runtime.send(command(id, 'APPROVE', approver, { payload: { note: 'Godkjent i møte' } }));
    expect(await replay.replay(id)).toMatchObject({ matches: true });
    const all = await replay.replayAll('approval');
    expect(all.mismatched).toEqual([]);
    expect(all.checked).toBeGreaterThan(5);

    await env.db.query(`UPDATE workflow_instance SET snapshot = jsonb_set(snapshot, '{context,approvals}', '7') WHERE id = $1`, [id]);
    expect(await replay.replay(id)).toMatchObject({ matches: false, stored: { context: { approvals: 7 } }, rebuilt: { context: { approvals: 1 } } });
  });

  it('keeps an instance on its version after a newer one is registered; new instances take the newest', async () => {
    const old = await newInstance();
    await runtime.send(command(old, 'SUBMIT', author));
    const upgraded = servicesOf(env.db, new MachineRegistry([approval([v1, v2])]));
    const fresh = await newInstance(upgraded.runtime);
    expect((await instances.get(fresh)).version).toBe(2);

    const oldOutcome = await upgraded.runtime.send(command(old, 'APPROVE', approver));
    expect(oldOutcome).toMatchObject({ to: 'approved', state: { version: 1, status: 'done' } });

    await upgraded.runtime.send(command(fresh, 'SUBMIT', author));
    expect(await upgraded.runtime.send(command(fresh, 'APPROVE', approver))).toMatchObject({ to: 'secondApproval', state: { version: 2 } });
    expect(await upgraded.replay.replay(old)).toMatchObject({ matches: true });
    expect(await upgraded.replay.replay(fresh)).toMatchObject({ matches: true });
  });

  it('lists the events an actor may send now, with their payload schemas', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const instance = await instances.get(id);
    expect(instances.allowedEvents(instance, author, {})).toEqual([]);
    const forApprover = instances.allowedEvents(instance, approver, {});
    expect(forApprover.map((e) => e.type)).toEqual(['PAUSE', 'CONTINUE', 'DELEGATE', 'APPROVE', 'RETURN']);
    expect(forApprover[3]!.payloadSchema).toMatchObject({ type: 'object', properties: { note: { type: 'string', minLength: 1 } }, additionalProperties: false });
  });

  describe('hold and resume', () => {
    const timer = 'xstate.after.approverReminder.approval.submitted';

    it('a machine action holds every pending deadline with the time it had left, and another resumes it from now', async () => {
      const id = await newInstance();
      await runtime.send(command(id, 'SUBMIT', author)); // due 2026-03-07T08:00Z, five days on
      clock.at = new Date('2026-03-04T08:00:00Z');
      const held = await runtime.send(command(id, 'PAUSE', approver));
      expect(held.state.heldSince).toBe('2026-03-04T08:00:00.000Z');
      expect(await timers.pending([id])).toEqual(new Map());
      expect(await timers.held(id)).toEqual([{ timerId: timer, delayName: 'approverReminder', dueAt: '2026-03-07T08:00:00.000Z', left: { ms: 3 * 24 * 3600_000 } }]);
      // The job goes; a firing that was already under way finds the timer held and is refused.
      const outbox = await env.db.query(`SELECT kind, payload FROM workflow_outbox WHERE event_id = $1 AND kind LIKE 'timer.%'`, [held.eventId]);
      expect(outbox).toEqual([{ kind: 'timer.cancel', payload: { timerId: timer, generation: 1 } }]);
      expect((await timers.status(id, timer))?.status).toBe('held');

      clock.at = new Date('2026-03-20T08:00:00Z');
      const resumed = await runtime.send(command(id, 'CONTINUE', approver));
      expect(resumed.state.heldSince).toBeNull();
      expect((await timers.pending([id])).get(id)).toEqual([{ timerId: timer, delayName: 'approverReminder', generation: 2, dueAt: '2026-03-23T08:00:00.000Z' }]);
      const scheduled = await env.db.query(`SELECT kind, payload->>'generation' AS generation FROM workflow_outbox WHERE event_id = $1`, [resumed.eventId]);
      expect(scheduled).toEqual([{ kind: 'timer.schedule', generation: '2' }]);
      expect(await replay.replay(id)).toMatchObject({ matches: true });
      clock.at = new Date('2026-03-02T08:00:00Z');
    });

    it('a deadline set while on hold starts held with its whole length; leaving the state cancels held deadlines', async () => {
      const id = await newInstance();
      await runtime.hold({ instanceId: id, actor: approver, reason: 'Omorganisering' });
      await runtime.send(command(id, 'SUBMIT', author));
      expect(await timers.held(id)).toEqual([expect.objectContaining({ timerId: timer, left: { ms: 5 * 24 * 3600_000 } })]);
      const outbox = await env.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE instance_id = $1 AND kind LIKE 'timer.%'`, [id]);
      expect(outbox[0].n).toBe(0);
      await runtime.send(command(id, 'RETURN', approver));
      expect(await timers.held(id)).toEqual([]);
      expect((await timers.status(id, timer))?.status).toBe('cancelled');
    });

    it('the runtime puts an instance on hold and resumes it, in its history; twice is refused', async () => {
      const id = await newInstance();
      await runtime.send(command(id, 'SUBMIT', author));
      const held = await runtime.hold({ instanceId: id, actor: approver, reason: 'Venter på budsjett' });
      expect(held).toMatchObject({ from: 'submitted', to: 'submitted', revision: 2 });
      await expect(runtime.hold({ instanceId: id, actor: approver, reason: 'igjen' })).rejects.toThrow('the approval is on hold already');
      await runtime.resume({ instanceId: id, actor: approver, reason: 'Budsjett vedtatt' });
      await expect(runtime.resume({ instanceId: id, actor: approver, reason: 'igjen' })).rejects.toThrow('the approval is not on hold');
      const history = await instances.history(id);
      expect(history.slice(2).map((e) => [e.type, e.payload, e.actorId])).toEqual([
        ['flyt.held', { reason: 'Venter på budsjett' }, approver.userId],
        ['flyt.resumed', { reason: 'Budsjett vedtatt' }, approver.userId],
      ]);
      expect(await replay.replay(id)).toMatchObject({ matches: true });
    });
    it('counts holds by who holds: an operator’s hold outlasts the workflow’s own resume, and the other way round', async () => {
      const id = await newInstance();
      await runtime.send(command(id, 'SUBMIT', author));
      await runtime.send(command(id, 'PAUSE', approver));
      await expect(runtime.resume({ instanceId: id, actor: approver, reason: 'x' })).rejects.toThrow(
        'the approval was put on hold by a decision in the approval itself, and is resumed the same way',
      );
      const both = await runtime.hold({ instanceId: id, actor: approver, reason: 'Revisjon' });
      expect(both.state.heldBy).toEqual(['operator', 'workflow']);
      // The workflow resumes; the operator still holds it: the deadline stays held.
      const stillHeld = await runtime.send(command(id, 'CONTINUE', approver));
      expect(stillHeld.state).toMatchObject({ heldBy: ['operator'], heldSince: both.state.heldSince });
      expect(await timers.pending([id])).toEqual(new Map());
      expect(await timers.held(id)).toHaveLength(1);
      const free = await runtime.resume({ instanceId: id, actor: approver, reason: 'Revisjon ferdig' });
      expect(free.state).toMatchObject({ heldBy: [], heldSince: null });
      expect((await timers.pending([id])).get(id)).toHaveLength(1);
      expect(await replay.replay(id)).toMatchObject({ matches: true });
    });
  });

  it('reads the facts with the workflow’s own hook, under the lock, when the sender gives none (deadlines, messages)', async () => {
    const asked: string[] = [];
    const withFacts: WorkflowRegistration = {
      ...approval([v1]),
      facts: async (sql, instanceId, event) => {
        asked.push(`${instanceId} ${event?.type}`);
        const [row] = await sql.query<{ locked: boolean }>(`SELECT true AS locked FROM workflow_instance WHERE id = $1 FOR UPDATE NOWAIT`, [instanceId]);
        return { complete: row?.locked === true };
      },
    };
    const other = servicesOf(env.db, new MachineRegistry([withFacts])).runtime;
    const id = await newInstance(other);
    await expect(runtime.send(command(id, 'SUBMIT', author, { facts: undefined }))).rejects.toThrow(TransitionRejected);
    expect(await other.send(command(id, 'SUBMIT', author, { facts: undefined }))).toMatchObject({ from: 'draft', to: 'submitted' });
    expect(asked).toEqual([`${id} SUBMIT`]);
  });

  describe('messages to other instances', () => {
    it('writes a start and an event message with the outbox rows of the sending event, and links them', async () => {
      await newInstance(runtime, OTHER);
      const id = await newInstance();
      await runtime.send(command(id, 'SUBMIT', author));
      const sent = await runtime.send(command(id, 'DELEGATE', approver));
      const outbox = await env.db.query(`SELECT kind, key, payload FROM workflow_outbox WHERE event_id = $1 ORDER BY id`, [sent.eventId]);
      expect(outbox).toEqual([
        {
          kind: 'startWorkflow',
          key: `${sent.eventId}/1`,
          payload: { workflowId: 'approval', key: 'second-opinion', input: { title: 'Digital signering: second opinion' } },
        },
        { kind: 'sendToWorkflow', key: `${sent.eventId}/2`, payload: { workflowId: 'approval', instanceId: OTHER, event: { type: 'RETURN' } } },
      ]);
      const child = childInstanceId(id, 'second-opinion');
      const [entry] = (await instances.history(id)).filter((e) => e.type === 'DELEGATE');
      expect(entry!.messagesSent).toEqual([
        expect.objectContaining({ kind: 'start', type: 'xstate.init', toInstanceId: child, toWorkflowId: 'approval', deliveredAt: null }),
        expect.objectContaining({ kind: 'event', type: 'RETURN', toInstanceId: OTHER, toWorkflowId: 'approval', deliveredAt: null }),
      ]);
      expect(await instances.links(id)).toEqual([
        { relation: 'child', instanceId: child, workflowId: 'approval', state: null, stateLabel: null },
        { relation: 'sentTo', instanceId: OTHER, workflowId: 'approval', state: 'draft', stateLabel: label },
      ]);

      // Delivered as the relay delivers it: the child started with its parent, the event once, whatever is repeated.
      await env.db.transaction(async (manager) => {
        const sql = sqlOfManager(manager);
        await runtime.start(sql, { instanceId: child, workflowId: 'approval', input: { title: 'x' }, actor: systemActor(), parentInstanceId: id });
      });
      expect(await instances.links(child)).toEqual([{ relation: 'parent', instanceId: id, workflowId: 'approval', state: 'submitted', stateLabel: label }]);
      expect((await instances.get(child)).parentInstanceId).toBe(id);
    });
  });

  describe('moving instances to a new version', () => {
    it('maps each running instance by the declared states, recomputes its deadlines, logs it, and replays it exactly', async () => {
      const submitted = await newInstance();
      await runtime.send(command(submitted, 'SUBMIT', author));
      const draft = await newInstance();
      const upgraded = servicesOf(env.db, new MachineRegistry([approval([v1, v2])]));

      const dry = await upgraded.runtime.migrate(submitted, 2, { ranBy: 'ops', dryRun: true });
      expect(dry).toEqual({ kind: 'moved', version: 1, state: 'submitted', toState: 'submitted' });
      expect((await instances.get(submitted)).version).toBe(1);

      const moved = await upgraded.runtime.migrate(submitted, 2, { ranBy: 'ops', dryRun: false });
      expect(moved).toEqual({ kind: 'moved', version: 1, state: 'submitted', toState: 'submitted' });
      const after = await instances.get(submitted);
      expect(after).toMatchObject({ version: 2, state: 'submitted', revision: 2 });
      const [entry] = (await instances.history(submitted)).slice(-1);
      expect(entry).toMatchObject({ type: 'flyt.migrated', payload: { fromVersion: 1, toVersion: 2, fromState: 'submitted', toState: 'submitted', ranBy: 'ops' } });
      // The reminder of `submitted` exists in both versions: it keeps its due time.
      expect((await timers.pending([submitted])).get(submitted)).toEqual([expect.objectContaining({ delayName: 'approverReminder', generation: 1, dueAt: '2026-03-07T08:00:00.000Z' })]);
      expect(await upgraded.replay.replay(submitted)).toMatchObject({ matches: true, version: 2 });
      expect(await upgraded.runtime.migrate(submitted, 2, { ranBy: 'ops', dryRun: false })).toMatchObject({ kind: 'current' });

      // On v2, approving leads to the second approval, with its own deadline; replay follows the migration.
      await upgraded.runtime.send(command(submitted, 'APPROVE', approver));
      expect((await timers.pending([submitted])).get(submitted)).toEqual([expect.objectContaining({ delayName: 'cooling' })]);
      expect(await upgraded.replay.replay(submitted)).toMatchObject({ matches: true, version: 2 });
      expect(await upgraded.runtime.migrate(draft, 2, { ranBy: 'ops', dryRun: false })).toMatchObject({ kind: 'moved', toState: 'draft' });
    });

    it('refuses an instance in a state the new version does not map, and a version with no declared way there', async () => {
      const approved = await newInstance();
      await runtime.send(command(approved, 'SUBMIT', author));
      await runtime.send(command(approved, 'APPROVE', approver));
      const upgraded = servicesOf(env.db, new MachineRegistry([approval([v1, v2])]));
      expect(await upgraded.runtime.migrate(approved, 2, { ranBy: 'ops', dryRun: false })).toEqual({
        kind: 'refused',
        version: 1,
        state: 'approved',
        reason: 'version 2 declares no mapping for state approved',
      });
      const noWay = servicesOf(env.db, new MachineRegistry([approval([v1, { ...v2, migrateFrom: undefined }])]));
      expect(await noWay.runtime.migrate(approved, 2, { ranBy: 'ops', dryRun: false })).toMatchObject({ kind: 'refused', reason: 'no declared migration from version 1 to 2' });
      expect((await instances.get(approved)).version).toBe(1);
    });
  });
});
