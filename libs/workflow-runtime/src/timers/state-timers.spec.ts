import { createMachine } from 'xstate';
import { z } from 'zod';
import { MachineRegistry } from '../domain/machine-registry.js';
import type { WorkflowRegistration } from '../domain/machine-registration.js';
import { stateTimersOf } from './timer-store.js';

const label = (en: string) => ({ meta: { label: { nb: en, en } } });
const machine = createMachine({
  id: 'errand',
  initial: 'open',
  ...label('Errand'),
  states: {
    open: {
      ...label('Open'),
      initial: 'asking',
      after: { 86400000: { target: 'closed' } },
      states: { asking: { ...label('Asking'), after: { 3600000: { target: 'waiting' } } }, waiting: { ...label('Waiting') } },
    },
    closed: { type: 'final', ...label('Closed') },
  },
});
const errand: WorkflowRegistration = {
  id: 'errand',
  noun: { nb: 'ærend', en: 'errand' },
  roleNames: {},
  versions: [{ version: 1, machine, roles: [], events: { CLOSE: z.strictObject({}) } }],
  deadlines: {},
  notifications: { recipients: [], templates: {}, openLink: { nb: 'Åpne', en: 'Open' } },
};

describe('the timers of each state', () => {
  it('gives every leaf state its own delayed transitions and those of the states around it, and none to a state without', () => {
    const table = stateTimersOf(new MachineRegistry([errand]));
    const rows = table.states.map((state, i) => `${table.workflowIds[i]}@${table.versions[i]} ${state}: ${table.timerIds[i]}`);
    expect(rows).toEqual([
      'errand@1 open.asking: xstate.after.3600000.errand.open.asking',
      'errand@1 open.asking: xstate.after.86400000.errand.open',
      'errand@1 open.waiting: xstate.after.86400000.errand.open',
    ]);
  });
});
