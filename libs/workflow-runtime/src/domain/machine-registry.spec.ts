import { createMachine } from 'xstate';
import { z } from 'zod';
import { effectsOf, delayNameOf } from './effects.js';
import { MachineRegistry, UnknownWorkflow } from './machine-registry.js';
import { stateName } from './stepping.js';

const machine = (id: string) =>
  createMachine({ id, initial: 'open', states: { open: { on: { CLOSE: 'closed' } }, closed: { type: 'final' } } });
const registration = (version: number) => ({ id: 'door', version, machine: machine('door'), roles: ['keeper'], events: { CLOSE: z.strictObject({}) } });

describe('the machine registry', () => {
  it('serves an instance its own version and new instances the newest', () => {
    const registry = new MachineRegistry([registration(1), registration(3), registration(2)]);
    expect(registry.latest('door').version).toBe(3);
    expect(registry.get('door', 1).version).toBe(1);
    expect(registry.all().map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('refuses an unknown workflow or version, and a version registered twice', () => {
    const registry = new MachineRegistry([registration(1)]);
    expect(() => registry.get('door', 2)).toThrow(UnknownWorkflow);
    expect(() => registry.latest('window')).toThrow('No workflow window is registered');
    expect(() => registry.register(registration(1))).toThrow('registered twice');
  });

  it('refuses a machine it could not run durably: history states, and events without a payload schema', () => {
    const withHistory = createMachine({ id: 'h', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { initial: 'c', states: { c: {}, hist: { type: 'history' } } } } });
    expect(() => new MachineRegistry([{ id: 'h', version: 1, machine: withHistory, roles: [], events: { GO: z.strictObject({}) } }])).toThrow(
      'history state h.b.hist',
    );
    expect(() => new MachineRegistry([{ ...registration(1), events: {} }])).toThrow('event CLOSE (in door.open) has no payload schema');
  });
});

describe('effects of a transition', () => {
  it('turns delayed raises into timers, cancels into cancellations and named actions into actions', () => {
    const timerId = 'xstate.after.responsibleReminder.improvementCase.submitted';
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

  it('refuses built-in actions it cannot make durable', () => {
    expect(() => effectsOf([{ type: 'xstate.sendTo', params: { to: 'child' } }])).toThrow('cannot carry out xstate.sendTo');
  });

  it('names nested states by their dotted path', () => {
    expect(stateName('submitted')).toBe('submitted');
    expect(stateName({ localImprovement: 'plan' })).toBe('localImprovement.plan');
    expect(stateName({ a: { b: 'c' } })).toBe('a.b.c');
  });
});
