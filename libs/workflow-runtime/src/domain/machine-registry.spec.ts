import { type AnyStateMachine, assign, createMachine, emit, log, setup } from 'xstate';
import { z } from 'zod';
import { actionReferencesOf, deadlinesOfState, delayNameOf, effectActionsOf, effectsOf } from './effects.js';
import type { WorkflowRegistration } from './machine-registration.js';
import { MachineRegistry, UnknownWorkflow } from './machine-registry.js';
import { childInstanceId, PLATFORM_ACTIONS } from './platform-actions.js';
import { stateName } from './stepping.js';
import type { MachineVersion } from './workflow-definition.js';

const label = (en: string) => ({ nb: `${en} (nb)`, en });
const machine = (id: string) =>
  createMachine({ id, initial: 'open', states: { open: { meta: { label: label('Open') }, on: { CLOSE: 'closed' } }, closed: { type: 'final', meta: { label: label('Closed') } } } });
const version = (v: number, overrides: Partial<MachineVersion> = {}): MachineVersion => ({
  version: v,
  machine: machine('door'),
  roles: ['keeper'],
  events: { CLOSE: z.strictObject({}) },
  ...overrides,
});
const door = (versions: MachineVersion[], overrides: Partial<WorkflowRegistration> = {}): WorkflowRegistration => ({
  id: 'door',
  noun: { nb: 'dør', en: 'door' },
  roleNames: { keeper: { nb: 'vakten', en: 'the keeper' } },
  versions,
  deadlines: {},
  notifications: { recipients: [], templates: {}, openLink: label('Open the door') },
  ...overrides,
});

describe('the machine registry', () => {
  it('serves an instance its own version and new instances the newest', () => {
    const registry = new MachineRegistry([door([version(1), version(3), version(2)])]);
    expect(registry.latest('door').version).toBe(3);
    expect(registry.get('door', 1).version).toBe(1);
    expect(registry.get('door', 1).resourceName).toBe('door');
    expect(registry.all().map((r) => r.version)).toEqual([1, 2, 3]);
    expect(registry.workflows().map((w) => w.id)).toEqual(['door']);
    expect(registry.label('door', 'closed')).toEqual(label('Closed'));
    expect(registry.label('door', 'open.somewhere')).toEqual(label('Open'));
    expect(registry.label('window', 'open')).toBeNull();
  });

  it('refuses an unknown workflow or version, and a workflow or version registered twice', () => {
    const registry = new MachineRegistry([door([version(1)])]);
    expect(() => registry.get('door', 2)).toThrow(UnknownWorkflow);
    expect(() => registry.latest('window')).toThrow('No workflow window is registered');
    expect(() => registry.register(door([version(1)]))).toThrow('Workflow door is registered twice');
    expect(() => new MachineRegistry([door([version(1), version(1)])])).toThrow('Workflow door version 1 is registered twice');
    expect(() => new MachineRegistry([door([])])).toThrow('Workflow door has no version');
  });

  it('refuses a machine it could not run durably: history states, events without a payload schema or with a runtime name', () => {
    const withHistory = createMachine({
      id: 'h',
      initial: 'a',
      states: { a: { meta: { label: label('A') }, on: { GO: 'b' } }, b: { meta: { label: label('B') }, initial: 'c', states: { c: { meta: { label: label('C') } }, hist: { type: 'history' } } } },
    });
    expect(() => new MachineRegistry([door([version(1, { machine: withHistory, events: { GO: z.strictObject({}) } })])])).toThrow('history state h.b.hist');
    expect(() => new MachineRegistry([door([version(1, { events: {} })])])).toThrow('v1: event CLOSE (in door.open) has no payload schema');
    const sneaky = createMachine({ id: 's', initial: 'a', states: { a: { meta: { label: label('A') }, on: { 'flyt.held': 'a' } } } });
    expect(() => new MachineRegistry([door([version(1, { machine: sneaky, events: { 'flyt.held': z.strictObject({}) } })])])).toThrow(
      'event flyt.held (in s.a) uses a name the runtime keeps for itself',
    );
  });

  it('refuses a state without a label in both languages, or naming a role the machine does not have', () => {
    const unlabelled = createMachine({ id: 'u', initial: 'a', states: { a: { meta: { label: { nb: 'A' } } }, b: { meta: { label: label('B'), waitsFor: ['janitor'] } } } });
    expect(() => new MachineRegistry([door([version(1, { machine: unlabelled, events: {} })])])).toThrow(
      /state a has no label in meta \(nb and en\).*state b names the role janitor, which is not among its roles/,
    );
  });

  it('refuses a named delay without a deadline rule; numeric delays need none', () => {
    const timed = setup({ delays: { knock: 1000 } }).createMachine({
      id: 't',
      initial: 'a',
      states: { a: { meta: { label: label('A') }, after: { knock: 'b', 500: 'b' } }, b: { meta: { label: label('B') } } },
    });
    expect(() => new MachineRegistry([door([version(1, { machine: timed, events: {} })])])).toThrow('v1: delay knock has no deadline rule');
    expect(new MachineRegistry([door([version(1, { machine: timed, events: {} })], { deadlines: { knock: { seconds: 1 } } })]).has('door', 1)).toBe(true);
  });

  it('refuses inline actions, built-ins that need a live actor, and effects named like the runtime’s timers', () => {
    const inline = createMachine({ id: 'i', initial: 'a', states: { a: { meta: { label: label('A') }, entry: [() => undefined] } } });
    expect(() => new MachineRegistry([door([version(1, { machine: inline, events: {} })])])).toThrow('an inline action in i.a entry: name it');
    const logging = createMachine({ id: 'l', initial: 'a', states: { a: { meta: { label: label('A') }, entry: [log('entered'), emit({ type: 'SEEN' })] } } });
    expect(() => new MachineRegistry([door([version(1, { machine: logging, events: {} })])])).toThrow(
      /xstate.log in l.a entry needs a live actor.*xstate.emit in l.a entry needs a live actor/,
    );
    const timerNamed = createMachine({ id: 'n', initial: 'a', states: { a: { meta: { label: label('A') }, entry: ['timer.schedule'] } } });
    expect(() => new MachineRegistry([door([version(1, { machine: timerNamed, events: {} })])])).toThrow('action timer.schedule (in n.a entry) uses a name the runtime keeps for itself');
  });

  it('checks every notify against the workflow’s templates and recipients, and asks for the hooks that resolve them', () => {
    const notifying = setup({ actions: { notify: PLATFORM_ACTIONS.notify } }).createMachine({
      id: 'n',
      initial: 'a',
      states: { a: { meta: { label: label('A') }, entry: [{ type: 'notify', params: { to: 'keeper', template: 'opened' } }] } },
    });
    const words = { nb: { subject: 'Åpnet', lead: () => 'Døra er åpen.' }, en: { subject: 'Opened', lead: () => 'The door is open.' } };
    const v1 = version(1, { machine: notifying, events: {} });
    expect(() => new MachineRegistry([door([v1])])).toThrow(/template opened, which has no wording.*recipient keeper, which is not among the workflow's recipients/);
    const notifications = { recipients: ['keeper'], templates: { opened: words }, openLink: label('Open the door'), deadlineOf: { opened: 'nothing' } };
    expect(() => new MachineRegistry([door([v1], { notifications })])).toThrow(/subject and recipients hooks.*deadlineOf names delay nothing/);
    const hooks = { subject: async () => ({ reference: 'D-1', title: 'Front door' }), recipients: async () => ['u1'] };
    expect(new MachineRegistry([door([v1], { notifications: { ...notifications, deadlineOf: {} }, ...hooks })]).has('door')).toBe(true);
  });

  it('refuses a migration from a version it does not have, or between states that do not exist', () => {
    expect(() => new MachineRegistry([door([version(2, { migrateFrom: { from: 1, states: {} } })])])).toThrow('v2: migrates from version 1, which is not registered');
    expect(() => new MachineRegistry([door([version(1), version(2, { migrateFrom: { from: 1, states: { ajar: 'open', closed: 'shut' } } })])])).toThrow(
      /migration maps state ajar, which version 1 does not have.*migration maps closed to shut, which version 2 does not have/,
    );
  });
});

describe('the actions a machine names', () => {
  const m: AnyStateMachine = setup({ actions: { record: assign({}), notify: PLATFORM_ACTIONS.notify, sendToWorkflow: PLATFORM_ACTIONS.sendToWorkflow } }).createMachine({
    id: 'm',
    initial: 'a',
    states: {
      a: { entry: ['record'], on: { GO: { target: 'b', actions: [{ type: 'notify', params: { to: 'x', template: 'y' } }, 'undeclared'] } } },
      b: { exit: [assign({})], after: { 1000: { actions: ['sendToWorkflow'] } } },
    },
    // An action without an implementation (`undeclared`) is an effect too: typed loosely on purpose.
  } as never) as unknown as AnyStateMachine;

  it('tells the effects the runtime must carry out from what XState does itself, with where each is used', () => {
    expect(Object.fromEntries(effectActionsOf(m))).toEqual({ notify: ['m.a on GO'], undeclared: ['m.a on GO'], sendToWorkflow: ['m.b on xstate.after.1000.m.b'] });
    // b's `after` is XState's own delayed raise on entry and its cancel on exit, beside the assign.
    expect(actionReferencesOf(m).filter((r) => r.builtIn).map((r) => r.where)).toEqual(['m.a entry', 'm.b entry', 'm.b exit', 'm.b exit']);
  });

  it('lists the deadlines a state has when entered', () => {
    const [b] = [m.resolveState({ value: 'b', context: {} })];
    expect(deadlinesOfState(b, m)).toEqual([
      { kind: 'timer.schedule', timerId: 'xstate.after.1000.m.b', delayName: '1000', delayMs: 1000, event: { type: 'xstate.after.1000.m.b' } },
    ]);
    expect(deadlinesOfState(m.resolveState({ value: 'a', context: {} }), m)).toEqual([]);
  });
});

describe('the id of a started child', () => {
  it('is a UUID derived from the parent and the key: the same twice, different for another key or parent', () => {
    const parent = '6f1c2a3e-8d4b-4c5a-9e6f-7a8b9c0d1e2f';
    const child = childInstanceId(parent, 'project');
    expect(child).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(childInstanceId(parent.toUpperCase(), 'project')).toBe(child);
    expect(childInstanceId(parent, 'followUp')).not.toBe(child);
    expect(childInstanceId('0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0101', 'project')).not.toBe(child);
  });
});

describe('effects of a transition', () => {
  it('turns delayed raises into timers, cancels into cancellations and named actions into actions', () => {
    const timerId = 'xstate.after.responsibleReminder.approval.submitted';
    expect(
      effectsOf([
        { type: 'xstate.raise', params: { event: { type: timerId }, id: timerId, delay: 1000 } },
        { type: 'xstate.raise', params: { event: { type: 'DONE' } } },
        { type: 'xstate.cancel', params: { sendId: timerId } },
        { type: 'notify', params: { to: 'processOwner' } },
      ]),
    ).toEqual([
      { kind: 'timer.schedule', timerId, delayName: 'responsibleReminder', delayMs: 1000, event: { type: timerId } },
      { kind: 'timer.cancel', timerId },
      { kind: 'action', action: 'notify', params: { to: 'processOwner' } },
    ]);
    expect(delayNameOf(timerId)).toBe('responsibleReminder');
  });

  it('carries a sendToWorkflow with a list of messages as one sendToWorkflow per message, in order', () => {
    const to = (instanceId: string, type: string) => ({ workflowId: 'improvement-case', instanceId, event: { type, payload: { roundId: 'r' } } });
    expect(effectsOf([{ type: 'notify', params: { to: 'members' } }, { type: 'sendToWorkflow', params: { messages: [to('a', 'PRIORITISE'), to('b', 'DEFER')] } }])).toEqual([
      { kind: 'action', action: 'notify', params: { to: 'members' } },
      { kind: 'action', action: 'sendToWorkflow', params: to('a', 'PRIORITISE') },
      { kind: 'action', action: 'sendToWorkflow', params: to('b', 'DEFER') },
    ]);
    expect(effectsOf([{ type: 'sendToWorkflow', params: { messages: [] } }])).toEqual([]);
  });

  it('refuses built-in actions it cannot make durable', () => {
    expect(() => effectsOf([{ type: 'xstate.sendTo', params: { to: 'child' } }])).toThrow('cannot carry out xstate.sendTo');
  });

  it('names nested states by their dotted path', () => {
    expect(stateName('submitted')).toBe('submitted');
    expect(stateName({ localImprovement: 'plan' })).toBe('localImprovement.plan');
    expect(stateName({ a: { b: 'c' } })).toBe('a.b.c');
  });
});
