import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import type { Clock } from '#flyt/kernel';
import { InputInvalid, NotPermitted, RevisionConflict, TransitionRejected } from '#flyt/kernel';
import { dataSourceOptions } from '#flyt/persistence';
import { createTestEnvironment, Factories, type TestEnvironment } from '#flyt/testing';
import type { MachineRegistration } from './domain/machine-registration.js';
import { MachineRegistry } from './domain/machine-registry.js';
import { systemActor, type WorkflowActor } from './domain/workflow-event.js';
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
    actions: { notify: (_, _params: { to: string }) => {} },
    delays: { approverReminder: 5 * 24 * 3600 * 1000 },
  }).createMachine({
    id: 'approval',
    initial: 'draft',
    context: ({ input }) => ({ title: input.title, approvals: 0, note: null }),
    states: {
      draft: {
        on: {
          SUBMIT: { target: 'submitted', guard: and([{ type: 'actorHolds', params: { roles: ['author'] } }, 'complete']) },
        },
      },
      submitted: {
        entry: [{ type: 'notify', params: { to: 'approver' } }],
        after: { approverReminder: { actions: [{ type: 'notify', params: { to: 'approver' } }] } },
        on: {
          APPROVE: {
            target: version === 1 ? 'approved' : 'secondApproval',
            guard: { type: 'actorHolds', params: { roles: ['approver'] } },
            actions: assign({ approvals: ({ context }) => context.approvals + 1, note: ({ event }) => event.payload.note ?? null }),
          },
          RETURN: { target: 'draft', guard: { type: 'actorHolds', params: { roles: ['approver'] } } },
        },
      },
      ...(version === 1 ? {} : { secondApproval: { on: { APPROVE: { target: 'approved', guard: { type: 'actorHolds', params: { roles: ['approver'] } } } } } }),
      approved: { type: 'final' },
    },
  });
}

const EVENTS = {
  SUBMIT: z.strictObject({}),
  APPROVE: z.strictObject({ note: z.string().min(1, 'must not be empty').optional() }),
  RETURN: z.strictObject({}),
};
const approvalV1: MachineRegistration = { id: 'approval', version: 1, machine: approvalMachine(1), roles: ['author', 'approver', 'system'], events: EVENTS, resourceName: 'approval' };
const approvalV2: MachineRegistration = { ...approvalV1, version: 2, machine: approvalMachine(2) };

describe('the durable workflow runtime, on PostgreSQL', () => {
  let env: TestEnvironment;
  let runtime: WorkflowRuntime;
  let registry: MachineRegistry;
  let author: WorkflowActor;
  let approver: WorkflowActor;
  const clock: Clock & { at: Date } = { at: new Date('2026-03-02T08:00:00Z'), now: () => clock.at };

  const count = async (table: string, instanceId: string) =>
    (await env.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE instance_id = $1`, [instanceId]))[0].n as number;
  const traces = async (id: string) => ({
    events: await count('workflow_event', id),
    outbox: await count('workflow_outbox', id),
    timers: await count('workflow_timer', id),
    revision: (await runtime.get(id)).revision,
  });
  const newInstance = async (workflow = 'approval') => {
    const id = randomUUID();
    await env.db.transaction((manager) => runtime.start(manager, { instanceId: id, workflowId: workflow, input: { title: 'Digital signering' }, actor: author }));
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
    registry = new MachineRegistry([approvalV1]);
    runtime = new WorkflowRuntime(env.db, registry, clock);
  });
  afterAll(() => env.drop());

  it('starts an instance at revision 0 with its start in the log', async () => {
    const id = await newInstance();
    const instance = await runtime.get(id);
    expect(instance).toMatchObject({ state: 'draft', status: 'active', revision: 0, version: 1, context: { title: 'Digital signering', approvals: 0 } });
    const [start] = await runtime.history(id);
    expect(start).toMatchObject({ revision: 0, type: 'xstate.init', actorId: author.userId, from: null, to: 'draft' });
  });

  it('applies an event in one transaction: snapshot, log with authority, timer and outbox', async () => {
    const id = await newInstance();
    const outcome = await runtime.send(command(id, 'SUBMIT', author));
    expect(outcome).toMatchObject({ revision: 1, from: 'draft', to: 'submitted', duplicate: false });

    const [, submitted] = await runtime.history(id);
    expect(submitted).toMatchObject({ type: 'SUBMIT', actorId: author.userId, authority: { role: 'author', basis: 'author of the approval' }, from: 'draft', to: 'submitted' });

    const timers = await env.db.query(`SELECT timer_id, delay_name, due_at, status, generation FROM workflow_timer WHERE instance_id = $1`, [id]);
    expect(timers).toEqual([
      { timer_id: 'xstate.after.approverReminder.approval.submitted', delay_name: 'approverReminder', due_at: new Date('2026-03-07T08:00:00Z'), status: 'pending', generation: 1 },
    ]);
    const outbox = await env.db.query(`SELECT kind, payload FROM workflow_outbox WHERE instance_id = $1 ORDER BY id`, [id]);
    expect(outbox).toEqual([
      { kind: 'notify', payload: { to: 'approver' } },
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
    expect((await runtime.pendingTimers([id])).get(id)).toEqual([
      { timerId: 'xstate.after.approverReminder.approval.submitted', delayName: 'approverReminder', generation: 2, dueAt: '2026-03-07T08:00:00.000Z' },
    ]);
  });

  it('moves a pending deadline with a reason: a new generation, the old job cancelled, the move recorded', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const timerId = 'xstate.after.approverReminder.approval.submitted';
    const moved = await runtime.moveTimer({ instanceId: id, timerId, dueAt: new Date('2026-03-10T08:00:00Z'), movedBy: approver.userId, reason: 'Venter på styremøtet' });
    expect(moved).toEqual({ timerId, delayName: 'approverReminder', generation: 2, dueAt: '2026-03-10T08:00:00.000Z' });
    expect((await runtime.pendingTimers([id])).get(id)).toEqual([moved]);
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
    await expect(runtime.moveTimer({ instanceId: id, timerId, dueAt: new Date('2026-03-12T08:00:00Z'), movedBy: approver.userId, reason: 'For sent' })).rejects.toThrow(
      /pending deadline .* was not found/,
    );
  });

  it('tells which deadlines of the current state passed, forgetting those of an earlier visit', async () => {
    const id = await newInstance();
    const timer = 'xstate.after.approverReminder.approval.submitted';
    await runtime.send(command(id, 'SUBMIT', author));
    expect(await runtime.passedDeadlines([id])).toEqual(new Map());
    clock.at = new Date('2026-03-07T08:00:05Z');
    const fired = await runtime.send(command(id, timer, systemActor()));
    expect((await runtime.passedDeadlines([id])).get(id)).toEqual([
      { timerId: timer, delayName: 'approverReminder', dueAt: '2026-03-07T08:00:00.000Z', firedAt: '2026-03-07T08:00:05.000Z', eventId: fired.eventId },
    ]);
    // Back to draft and submitted again: a new visit, its deadline pending, the old reminder no longer counts.
    await runtime.send(command(id, 'RETURN', approver));
    expect(await runtime.passedDeadlines([id])).toEqual(new Map());
    await runtime.send(command(id, 'SUBMIT', author));
    expect(await runtime.passedDeadlines([id])).toEqual(new Map());
    clock.at = new Date('2026-03-02T08:00:00Z');
  });

  it('lets the system fire a deadline, and ignores one that fires after the state was left', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const timer = 'xstate.after.approverReminder.approval.submitted';
    const fired = await runtime.send(command(id, timer, systemActor(), { idempotencyKey: `${timer}.1` }));
    expect(fired).toMatchObject({ from: 'submitted', to: 'submitted' });
    expect(await runtime.pendingTimers([id])).toEqual(new Map());
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
      expect((await runtime.get(id)).state).toBe('draft');
    });
  });

  it('lets exactly one of two processes that send at once win; the other gets 409', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    // A second connection pool stands for a second API process.
    const other = new DataSource({ ...dataSourceOptions(env.config), extra: { max: 2 } });
    await other.initialize();
    try {
      const otherRuntime = new WorkflowRuntime(other, new MachineRegistry([approvalV1]), clock);
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
    const history = await runtime.history(id);
    expect(history.map((e) => e.revision)).toEqual(Array.from({ length: history.length }, (_, i) => i));
    expect(history).toHaveLength(2 + applied);
    expect((await runtime.get(id)).revision).toBe(1 + applied);
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
    expect((await runtime.history(id)).filter((e) => e.type === 'APPROVE')).toHaveLength(1);
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
    expect(await runtime.replay(id)).toMatchObject({ matches: true });
    const all = await runtime.replayAll('approval');
    expect(all.mismatched).toEqual([]);
    expect(all.checked).toBeGreaterThan(5);

    await env.db.query(`UPDATE workflow_instance SET snapshot = jsonb_set(snapshot, '{context,approvals}', '7') WHERE id = $1`, [id]);
    expect(await runtime.replay(id)).toMatchObject({ matches: false, stored: { context: { approvals: 7 } }, rebuilt: { context: { approvals: 1 } } });
  });

  it('keeps an instance on its version after a newer one is registered; new instances take the newest', async () => {
    const old = await newInstance();
    await runtime.send(command(old, 'SUBMIT', author));
    registry.register(approvalV2);
    const fresh = await newInstance();
    expect((await runtime.get(fresh)).version).toBe(2);

    const oldOutcome = await runtime.send(command(old, 'APPROVE', approver));
    expect(oldOutcome).toMatchObject({ to: 'approved', state: { version: 1, status: 'done' } });

    await runtime.send(command(fresh, 'SUBMIT', author));
    expect(await runtime.send(command(fresh, 'APPROVE', approver))).toMatchObject({ to: 'secondApproval', state: { version: 2 } });
    expect(await runtime.replay(old)).toMatchObject({ matches: true });
    expect(await runtime.replay(fresh)).toMatchObject({ matches: true });
  });

  it('lists the events an actor may send now, with their payload schemas', async () => {
    const id = await newInstance();
    await runtime.send(command(id, 'SUBMIT', author));
    const instance = await runtime.get(id);
    expect(runtime.allowedEvents(instance, author, {})).toEqual([]);
    const forApprover = runtime.allowedEvents(instance, approver, {});
    expect(forApprover.map((e) => e.type)).toEqual(['APPROVE', 'RETURN']);
    expect(forApprover[0]!.payloadSchema).toMatchObject({ type: 'object', properties: { note: { type: 'string', minLength: 1 } }, additionalProperties: false });
  });
});
