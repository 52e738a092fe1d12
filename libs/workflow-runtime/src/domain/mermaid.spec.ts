import { and, not, setup } from 'xstate';
import { toMermaid } from './mermaid.js';

type Ev = { type: 'OPEN' } | { type: 'START' } | { type: 'FINISH' } | { type: 'PING' } | { type: 'CANCEL' };

const door = setup({
  types: { events: {} as Ev, context: {} as { ready: boolean } },
  guards: {
    actorHolds: (_, _params: { roles: readonly string[] }) => true,
    ready: ({ context }) => context.ready,
  },
  delays: { nudge: 1000 },
}).createMachine({
  id: 'door',
  context: { ready: true },
  initial: 'idle',
  states: {
    idle: {
      on: {
        OPEN: { target: 'working', guard: and([{ type: 'actorHolds', params: { roles: ['clerk', 'boss'] } }, 'ready']) },
        CANCEL: { target: 'gone', guard: not('ready') },
      },
    },
    working: {
      initial: 'first',
      states: {
        first: { on: { START: 'second' }, after: { nudge: { actions: [] } } },
        second: { after: { 5000: 'first' }, on: { FINISH: '#door.done' } },
      },
      on: { PING: {} },
    },
    done: { type: 'final' },
    gone: { type: 'final' },
    lonely: {},
  },
});

describe('toMermaid', () => {
  const text = toMermaid(door);
  const lines = text.split('\n').map((l) => l.trim());

  it('writes a stateDiagram-v2 with the initial state and final states to [*]', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain('[*] --> idle');
    expect(lines).toContain('done --> [*]');
    expect(lines).toContain('gone --> [*]');
    expect(lines).not.toContain('idle --> [*]');
  });

  it('declares every state, also one without transitions', () => {
    expect(lines).toContain('lonely');
    expect(lines).toContain('idle');
  });

  it('writes compound states as composite states with their own initial state', () => {
    const open = lines.indexOf('state working {');
    const close = lines.indexOf('}', open);
    expect(open).toBeGreaterThan(0);
    const inside = lines.slice(open + 1, close);
    expect(inside).toEqual(
      expect.arrayContaining([
        'state "first" as working__first',
        'state "second" as working__second',
        '[*] --> working__first',
        'working__first --> working__second : START',
      ]),
    );
  });

  it('labels transitions with the event, the roles of a parameterised guard and the data guards', () => {
    expect(lines).toContain('idle --> working : OPEN by clerk or boss if ready');
    expect(lines).toContain('idle --> gone : CANCEL if not ready');
  });

  it('shows delayed transitions as "after <delay>" (named or in ms), and targetless ones as self-loops', () => {
    expect(lines).toContain('working__first --> working__first : after nudge');
    expect(lines).toContain('working__second --> working__first : after 5000ms');
    expect(lines).toContain('working --> working : PING');
  });

  it('writes a transition out of a composite state outside its block, so Mermaid does not invent a nested state', () => {
    const close = lines.indexOf('}', lines.indexOf('state working {'));
    const at = lines.indexOf('working__second --> done : FINISH');
    expect(at).toBeGreaterThan(close);
  });

  it('writes exactly what a tiny machine defines', () => {
    const smaller = setup({}).createMachine({ id: 'x', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { type: 'final' } } });
    expect(toMermaid(smaller)).toBe('stateDiagram-v2\n  a\n  b\n  [*] --> a\n  b --> [*]\n  a --> b : GO\n');
  });
});

describe('toMermaid of parallel regions', () => {
  type Both = { type: 'GO' } | { type: 'REPORT' };
  const project = setup({
    types: { events: {} as Both, context: {} as { pending: string } },
    guards: { pendingIs: ({ context }, params: { decision: string }) => context.pending === params.decision },
  }).createMachine({
    id: 'twin',
    context: { pending: 'GO' },
    initial: 'active',
    states: {
      active: {
        type: 'parallel',
        states: {
          phase: { initial: 'working', states: { working: { on: { GO: { target: 'done', guard: { type: 'pendingIs', params: { decision: 'GO' } } } } }, done: {} } },
          reporting: { initial: 'waiting', states: { waiting: { on: { REPORT: 'waiting' } } } },
        },
      },
    },
  });
  const diagram = toMermaid(project);

  it('separates the regions with --, so Mermaid draws them side by side', () => {
    const lines = diagram.split('\n').map((l) => l.trim());
    const at = (text: string) => lines.findIndex((l) => l === text);
    expect(at('state active__phase {')).toBeLessThan(at('--'));
    expect(at('--')).toBeLessThan(at('state active__reporting {'));
    expect(lines.filter((l) => l === '--')).toHaveLength(1);
  });

  it('names a data guard with its parameters', () => {
    expect(diagram).toContain('active__phase__working --> active__phase__done : GO if pendingIs GO');
  });
});
