import { and, not, setup } from 'xstate';
import { actingRoles, actingRolesOfAll } from './acting-roles.js';

const by = (...roles: string[]) => ({ type: 'actorHolds', params: { roles } }) as const;
const base = setup({
  types: {} as { events: { type: string } },
  guards: { actorHolds: (_, _params: { roles: readonly string[] }) => true, ready: () => true },
  delays: { week: 7 * 24 * 3600 * 1000 },
});

const errand = base.createMachine({
  id: 'errand',
  initial: 'asked',
  states: {
    asked: { on: { ANSWER: { target: 'answered', guard: by('clerk') }, WITHDRAW: { target: 'withdrawn', guard: by('asker') } } },
    answered: {
      initial: 'reading',
      // A transition of the parent applies in each of its children.
      on: { REOPEN: { target: 'asked', guard: and([by('boss'), 'ready']) } },
      states: {
        reading: { on: { ACCEPT: { target: 'accepted', guard: and([by('asker'), not(by('clerk'))]) } }, after: { week: 'accepted' } },
        accepted: { on: { PING: 'reading' } },
      },
    },
    withdrawn: { type: 'final' },
  },
});

describe('where each role can act in a machine', () => {
  it('lists, for every role a guard names, the states where it guards a transition, parents’ transitions counting in their children', () => {
    const acting = actingRoles(errand)!;
    expect(Object.fromEntries(acting.byRole)).toEqual({
      clerk: ['asked'],
      asker: ['answered.reading', 'asked'],
      boss: ['answered.accepted', 'answered.reading'],
    });
    // PING has no guard at all: anybody with a role may send it there.
    expect(acting.anyRole).toEqual(['answered.accepted']);
  });

  it('leaves out the events it is told to, and never counts a final state or a delayed transition', () => {
    const acting = actingRoles(errand, ['WITHDRAW', 'ACCEPT'])!;
    expect(acting.byRole.get('asker')).toBeUndefined();
    expect(acting.byRole.get('clerk')).toEqual(['asked']);
    expect([...acting.byRole.values()].flat()).not.toContain('withdrawn');
  });

  it('joins the versions of a workflow: a role acts in a state if it does in any version', () => {
    const v2 = base.createMachine({ id: 'errand', initial: 'asked', states: { asked: { on: { ESCALATE: { target: 'done', guard: by('boss') } } }, done: { type: 'final' } } });
    const acting = actingRolesOfAll([errand, v2], ['WITHDRAW'])!;
    expect(acting.byRole.get('boss')).toEqual(['answered.accepted', 'answered.reading', 'asked']);
    expect(acting.byRole.get('clerk')).toEqual(['asked']);
  });

  it('gives no answer for a machine with parallel regions, whose state is a combination', () => {
    const parallel = base.createMachine({ id: 'p', type: 'parallel', states: { a: { initial: 'x', states: { x: {} } }, b: { initial: 'y', states: { y: {} } } } });
    expect(actingRoles(parallel)).toBeNull();
    expect(actingRolesOfAll([errand, parallel])).toBeNull();
  });
});
