import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { decide, MachineRegistry, migrateSnapshot, migrationPath, persist, startSnapshot, type WorkflowActor } from '#flyt/workflow-runtime';
import { ERRAND_EVENTS, ERRAND_V1, ERRAND_V2, type ErrandInput, errandMachineV1, errandMachineV2 } from './errand.machine.js';
import { errandRegistration } from './errand.registration.js';

const INPUT: ErrandInput = { caseId: '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0101', ownerId: '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0202', title: 'Skriv sluttrapporten' };
const OWNER = { userId: INPUT.ownerId, roles: ['owner'] };
const SYSTEM = { userId: null, roles: ['system'] };
const PAYLOAD: Record<string, object> = { DONE: { summary: 'Rapporten er levert.' }, HOLD: { reason: 'Venter på tall' }, DELEGATE: { title: 'Hent tallene' } };

type Actions = readonly { type: string; params?: unknown }[];
const send = (machine: AnyStateMachine, s: AnyMachineSnapshot, type: string, actor: WorkflowActor = OWNER): [AnyMachineSnapshot, Actions] =>
  transition(machine, s as never, { type, payload: PAYLOAD[type] ?? {}, actor, facts: {} } as never) as [AnyMachineSnapshot, Actions];
const named = (actions: Actions) => actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params }));
const start = (machine: AnyStateMachine) => initialTransition(machine, INPUT) as [AnyMachineSnapshot, Actions];
const registration1 = errandRegistration([ERRAND_V1]);
const v1 = new MachineRegistry([registration1]).get('errand', 1);

describe('errand machine, version 1', () => {
  it('starts open, tells its owner, and sets the reminder', () => {
    const [s, actions] = start(errandMachineV1);
    expect(s.value).toBe('open');
    expect(s.context).toEqual({ ...INPUT, onHold: false, summary: null, delegated: 0 });
    expect(named(actions)).toEqual([{ type: 'notify', params: { to: 'owner', template: 'errandAssigned' } }]);
    expect(actions.filter((a) => a.type === 'xstate.raise').map((a) => (a.params as { id: string }).id)).toEqual(['xstate.after.errandReminder.errand.open']);
  });

  it('reminds its owner when the reminder fires, and stays open', () => {
    const [open] = start(errandMachineV1);
    const [s, actions] = send(errandMachineV1, open, 'xstate.after.errandReminder.errand.open', SYSTEM);
    expect(s.value).toBe('open');
    expect(named(actions)).toEqual([{ type: 'notify', params: { to: 'owner', template: 'errandReminder' } }]);
  });

  it('DONE by the owner: done, and the case hears that its project is closed', () => {
    const [open] = start(errandMachineV1);
    const [s, actions] = send(errandMachineV1, open, 'DONE');
    expect(s.value).toBe('done');
    expect(s.status).toBe('done');
    expect(named(actions)).toEqual([
      {
        type: 'sendToWorkflow',
        params: { workflowId: 'improvement-case', instanceId: INPUT.caseId, event: { type: 'PROJECT_CLOSED', payload: { summary: 'Rapporten er levert.' } } },
      },
    ]);
    expect(actions.some((a) => a.type === 'xstate.cancel')).toBe(true);
  });

  it('HOLD stops its deadlines and stays open; RESUME starts them again; each only once', () => {
    const [open] = start(errandMachineV1);
    const [held, holding] = send(errandMachineV1, open, 'HOLD');
    expect(held.value).toBe('open');
    expect(held.context.onHold).toBe(true);
    expect(named(holding)).toEqual([{ type: 'holdDeadlines', params: { reason: 'Venter på tall' } }]);
    // No cancel: the reminder is held by the runtime, not cleared.
    expect(holding.some((a) => a.type === 'xstate.cancel')).toBe(false);
    expect(decide(v1, held, { type: 'HOLD', payload: PAYLOAD.HOLD, actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
    const [resumed, resuming] = send(errandMachineV1, held, 'RESUME');
    expect(resumed.context.onHold).toBe(false);
    expect(named(resuming)).toEqual([{ type: 'resumeDeadlines', params: undefined }]);
    expect(decide(v1, resumed, { type: 'RESUME', payload: {}, actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
  });

  it('refuses DONE and DELEGATE while on hold', () => {
    const [held] = send(errandMachineV1, start(errandMachineV1)[0], 'HOLD');
    for (const type of ['DONE', 'DELEGATE']) {
      expect(decide(v1, held, { type, payload: PAYLOAD[type], actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
    }
  });

  it('DELEGATE starts a child errand with its own key each time', () => {
    const [open] = start(errandMachineV1);
    const [once, first] = send(errandMachineV1, open, 'DELEGATE');
    const [, second] = send(errandMachineV1, once, 'DELEGATE');
    const started = (actions: Actions) => named(actions).map((a) => a.params);
    expect(started(first)).toEqual([{ workflowId: 'errand', key: 'delegated-1', input: { ...INPUT, title: 'Hent tallene' } }]);
    expect(started(second)).toEqual([{ workflowId: 'errand', key: 'delegated-2', input: { ...INPUT, title: 'Hent tallene' } }]);
  });

  it('PARK lays it aside, REOPEN takes it up again with a fresh reminder; a parked errand cannot be done', () => {
    const [parked, parking] = send(errandMachineV1, start(errandMachineV1)[0], 'PARK');
    expect(parked.value).toBe('parked');
    expect(parking.some((a) => a.type === 'xstate.cancel')).toBe(true);
    expect(decide(v1, parked, { type: 'DONE', payload: PAYLOAD.DONE, actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'not_in_state' });
    const [open, reopening] = send(errandMachineV1, parked, 'REOPEN');
    expect(open.value).toBe('open');
    expect(named(reopening)).toEqual([{ type: 'notify', params: { to: 'owner', template: 'errandAssigned' } }]);
  });

  it('lets only its owner act: the system is refused, naming the owner', () => {
    const [open] = start(errandMachineV1);
    for (const type of ['DONE', 'HOLD', 'DELEGATE', 'PARK']) {
      expect(decide(v1, open, { type, payload: PAYLOAD[type] ?? {}, actor: SYSTEM, facts: {} })).toEqual({ kind: 'not_permitted', requiredRoles: ['owner'] });
    }
  });

  it('takes nothing once done', () => {
    const [done] = send(errandMachineV1, start(errandMachineV1)[0], 'DONE');
    for (const type of Object.keys(ERRAND_EVENTS)) {
      expect(decide(v1, done, { type, payload: PAYLOAD[type] ?? {}, actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'not_in_state' });
    }
  });

  it('refuses bad payloads and input', () => {
    expect(ERRAND_EVENTS.DONE.safeParse({}).success).toBe(false);
    expect(ERRAND_EVENTS.HOLD.safeParse({ reason: '  ' }).success).toBe(false);
    expect(ERRAND_EVENTS.RESUME.safeParse({ extra: 1 }).success).toBe(false);
    expect(ERRAND_V1.input!.safeParse({ ...INPUT, caseId: 'case-7' }).success).toBe(false);
  });
});

describe('errand machine, version 2', () => {
  const registry = new MachineRegistry([errandRegistration([ERRAND_V1, ERRAND_V2])]);
  const v2 = registry.get('errand', 2);

  it('is in progress instead of open; DONE goes to review without a message, APPROVE finishes it and tells the case', () => {
    const [progress] = start(errandMachineV2);
    expect(progress.value).toBe('inProgress');
    const [review, reviewing] = send(errandMachineV2, progress, 'DONE');
    expect(review.value).toBe('review');
    expect(named(reviewing)).toEqual([]);
    const [done, approving] = send(errandMachineV2, review, 'APPROVE');
    expect(done.value).toBe('done');
    expect(named(approving).map((a) => a.type)).toEqual(['sendToWorkflow']);
    expect(decide(v2, progress, { type: 'PARK', payload: {}, actor: OWNER, facts: {} })).toEqual({ kind: 'rejected', reason: 'not_in_state' });
  });

  it('maps an open errand of version 1 onto inProgress and a done one onto done; a parked one has no mapping', () => {
    expect(migrationPath(registry, 'errand', 1, 2)!.map((r) => r.version)).toEqual([2]);
    const open = persist(v1, startSnapshot(v1, INPUT).snapshot);
    expect(migrateSnapshot(v2, open)).toMatchObject({ kind: 'mapped', from: 'open', to: 'inProgress', snapshot: { value: 'inProgress', context: { title: INPUT.title } } });
    const [parked] = send(errandMachineV1, start(errandMachineV1)[0], 'PARK');
    expect(migrateSnapshot(v2, persist(v1, parked))).toEqual({ kind: 'unmapped', state: 'parked' });
  });
});
