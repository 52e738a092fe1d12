import { initialTransition, transition } from 'xstate';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  type BenefitsFollowupEvent,
  benefitsFollowupMachine as machine,
  type FollowupFacts,
  type FollowupInput,
  type FollowupRole,
} from './benefits-followup.machine.js';

/*
 * Model-based coverage: the graph tools explore the machine from a plan with two dates and from
 * one without, with events sent by the right people under the facts libs/projects may give;
 * every state node must be reached, every declared transition (timers and the start by data
 * included) taken on a generated path that replays with transition().
 */

type Snapshot = ReturnType<typeof machine.transition>;

const id = (n: number) => `7c3f4e5d-0000-4000-8000-${String(n).padStart(12, '0')}`;
const INPUTS: FollowupInput[] = [
  {
    caseId: id(1),
    projectId: id(2),
    processId: id(3),
    points: [
      { dueOn: '2027-03-01', benefitIds: [id(10)] },
      { dueOn: '2028-03-01', benefitIds: [id(10)] },
    ],
  },
  { caseId: id(1), projectId: id(2), processId: id(3), points: [] },
];

const as = (role: FollowupRole) => ({ userId: `u-${role}`, roles: [role] });
const MEASUREMENT = { benefitId: id(10), value: 1, measuredOn: '2027-03-01' };
const FACTS: FollowupFacts[] = [{ completesPoint: false }, { completesPoint: true }, { deviationUnexplained: true }];

const allNodes = (node: AnyStateNode = machine.root): AnyStateNode[] => (Object.values(node.states) as AnyStateNode[]).flatMap((c) => [c, ...allNodes(c)]);
const declaredTransitions = (): AnyTransitionDefinition[] => allNodes().flatMap((node) => [...node.transitions.values()].flat());
const describeTransition = (t: AnyTransitionDefinition) => `${t.source.id} --${t.eventType}--> ${t.target?.map((n: AnyStateNode) => n.id).join(',') ?? '(stays)'}`;

const EVENTS: BenefitsFollowupEvent[] = [
  ...(['benefitOwner', 'responsibleManager'] as const).flatMap((role) =>
    FACTS.map((facts) => ({ type: 'RECORD_MEASUREMENT', payload: MEASUREMENT, actor: as(role), facts }) as BenefitsFollowupEvent),
  ),
  { type: 'CONCLUDE', payload: { outcome: 'realised', summary: 's' }, actor: as('processOwner'), facts: {} },
  ...declaredTransitions()
    .filter((t) => t.eventType.startsWith('xstate.after.'))
    .map((t) => ({ type: t.eventType, payload: {}, actor: { userId: null, roles: ['system'] }, facts: {} }) as unknown as BenefitsFollowupEvent),
];

// Measurements and passed deadlines only grow; where it stands is the state and the date it follows up.
const serializeState = (s: Snapshot) => `${JSON.stringify(s.value)}|${s.context.current}|${s.status}`;
const outgoing = (v: { transitions: object }) => Object.values(v.transitions) as { event: BenefitsFollowupEvent; state: Snapshot }[];

const runs = INPUTS.map((input) => {
  const options = { input, events: EVENTS, serializeState };
  const adjacency = getAdjacencyMap(machine, options);
  const paths = new Map(getShortestPaths(machine, options).map((p) => [serializeState(p.state), p]));
  const edges = Object.values(adjacency).flatMap((v) => outgoing(v).map((t) => ({ from: v.state, event: t.event, to: t.state })));
  return { input, adjacency, paths, edges };
});

describe('benefits-followup machine: model-based coverage (xstate/graph)', () => {
  it('rests in every state node but the start, which it only passes through', () => {
    const reached = new Set<string>();
    for (const { adjacency } of runs) {
      for (const { state } of Object.values(adjacency)) for (const node of allNodes()) if (state.matches(node.path.join('.') as never)) reached.add(node.id);
    }
    expect(allNodes().map((n) => n.id).filter((n) => !reached.has(n))).toEqual(['benefits-followup.starting']);
    expect(allNodes().filter((n) => n.always?.length).map((n) => n.id)).toEqual(['benefits-followup.starting']);
  });

  it('starts by data: a plan with dates waits for the first, one without goes to concluding', () => {
    expect(runs.map(({ input }) => JSON.stringify(initialTransition(machine, input)[0].value))).toEqual(['{"measuring":"waiting"}', '"concluding"']);
  });

  it('takes every declared transition on a generated path, which replays with transition()', () => {
    const taken = new Set<string>();
    for (const { input, paths, edges } of runs) {
      for (const edge of edges) {
        const enabled = machine.getTransitionData(edge.from, edge.event);
        if (enabled.length === 0) continue;
        const path = paths.get(serializeState(edge.from));
        if (!path) throw new Error(`no generated path to ${serializeState(edge.from)}`);
        let [s] = initialTransition(machine, input);
        for (const step of path.steps.slice(1)) s = transition(machine, s, step.event)[0];
        expect(serializeState(s)).toBe(serializeState(edge.from));
        expect(serializeState(transition(machine, s, edge.event)[0])).toBe(serializeState(edge.to));
        for (const t of enabled) taken.add(describeTransition(t));
      }
    }
    expect(taken).toEqual(new Set(declaredTransitions().map(describeTransition)));
  });

  it('reaches the final state, and every other reachable state has a way on', () => {
    for (const { adjacency } of runs) {
      for (const { state, transitions } of Object.values(adjacency)) {
        const moves = outgoing({ transitions }).filter((t) => serializeState(t.state) !== serializeState(state));
        if (state.status === 'done') expect(moves).toEqual([]);
        else expect(moves.length).toBeGreaterThan(0);
      }
    }
    const finals = runs.flatMap(({ adjacency }) => Object.values(adjacency).filter((v) => v.state.status === 'done').map((v) => JSON.stringify(v.state.value)));
    expect(new Set(finals)).toEqual(new Set(['"concluded"']));
  });
});
