import { initialTransition, transition } from 'xstate';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { stateNodesOf } from '#flyt/workflow-runtime';
import {
  PROJECT_EVENT_PAYLOADS,
  projectMachine as machine,
  type ProjectEvent,
  type ProjectEventPayload,
  type ProjectEventType,
  type ProjectFacts,
  type ProjectInput,
  type ProjectRole,
} from './project.machine.js';

/*
 * Model-based coverage: the graph tools explore the machine with events sent by the people who
 * send them in practice, for a small and a large project (with complete checklists), plus the
 * timer event of every delayed transition. The test proves that every state node is reached,
 * every declared transition (source × event × target) is taken on a generated path, which it
 * replays with transition(), and both final states can be reached.
 */

type Snapshot = ReturnType<typeof machine.transition>;

const INPUT: ProjectInput = { caseId: '7b0e4c1a-0000-4000-8000-000000000001', processId: '7b0e4c1a-0000-4000-8000-000000000002' };
const USER = '7b0e4c1a-0000-4000-8000-000000000003';

/** Who sends each event in practice (independent of the machine's guards), and a valid payload. */
const SENDERS: { [T in ProjectEventType]: { roles: ProjectRole[]; payload: ProjectEventPayload<T> } } = {
  APPOINT_TEAM: { roles: ['processOwner', 'secretariat'], payload: { projectOwnerId: USER, projectManagerId: USER } },
  SET_GATE_DATE: { roles: ['projectManager', 'projectOwner'], payload: { plannedOn: '2026-06-15', reason: 'r' } },
  SUBMIT_FOR_GATE: { roles: ['projectManager'], payload: {} },
  WITHDRAW_FROM_GATE: { roles: ['projectManager'], payload: { reason: 'r' } },
  GO: { roles: ['processOwner', 'council'], payload: { reason: 'r' } },
  RECYCLE: { roles: ['processOwner', 'council'], payload: { reason: 'r' } },
  HOLD: { roles: ['processOwner', 'council'], payload: { reason: 'r' } },
  STOP: { roles: ['processOwner', 'council'], payload: { reason: 'r' } },
  APPROVE_GATE_DECISION: { roles: ['rector'], payload: {} },
  REJECT_GATE_DECISION: { roles: ['rector'], payload: { reason: 'r' } },
  RESUME: { roles: ['processOwner', 'council'], payload: { reason: 'r' } },
  SUBMIT_STATUS_REPORT: { roles: ['projectManager'], payload: { status: 'atRisk', summary: 's' } },
};
const SIZES: ProjectFacts[] = [
  { checklistMissing: [], largeProject: false },
  { checklistMissing: [], largeProject: true },
];

const declaredTransitions = (): AnyTransitionDefinition[] => stateNodesOf(machine).flatMap((node) => [...node.transitions.values()].flat());
const describeTransition = (t: AnyTransitionDefinition) => `${t.source.id} --${t.eventType}--> ${t.target?.map((n: AnyStateNode) => n.id).join(',') ?? '(stays)'}`;

const EVENTS: ProjectEvent[] = [
  ...(Object.keys(PROJECT_EVENT_PAYLOADS) as ProjectEventType[]).flatMap((type) =>
    SENDERS[type].roles.flatMap((role) => SIZES.map((facts) => ({ type, payload: SENDERS[type].payload, actor: { userId: `u-${role}`, roles: [role] }, facts }) as ProjectEvent)),
  ),
  ...declaredTransitions()
    .filter((t) => t.eventType.startsWith('xstate.after.'))
    .map((t) => ({ type: t.eventType }) as unknown as ProjectEvent),
];

// The context only grows logs and counts, but what the rector approves decides where APPROVE leads: it is part of the vertex.
const serializeState = (s: Snapshot) => `${JSON.stringify(s.value)}|${s.status}|${s.context.pendingDecision?.decision ?? ''}`;
const outgoing = (v: { transitions: object }) => Object.values(v.transitions) as { event: ProjectEvent; state: Snapshot }[];

describe('project machine: model-based coverage (xstate/graph)', () => {
  const options = { input: INPUT, events: EVENTS, serializeState };
  const adjacency = getAdjacencyMap(machine, options);
  const paths = new Map(getShortestPaths(machine, options).map((p) => [serializeState(p.state), p]));
  const edges = Object.values(adjacency).flatMap((v) => outgoing(v).map((t) => ({ from: v.state, event: t.event, to: t.state })));

  it('reaches every state node of the machine', () => {
    const reached = new Set<string>();
    for (const { state } of Object.values(adjacency)) for (const node of stateNodesOf(machine)) if (state.matches(node.path.join('.') as never)) reached.add(node.id);
    expect(stateNodesOf(machine).map((n) => n.id).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every declared transition (source × event × target), timers included, on a generated path that replays with transition()', () => {
    const taken = new Set<AnyTransitionDefinition>();
    for (const edge of edges) {
      const enabled = machine.getTransitionData(edge.from, edge.event);
      if (enabled.length === 0) continue;
      const path = paths.get(serializeState(edge.from));
      if (!path) throw new Error(`no generated path to ${serializeState(edge.from)}`);
      let [s] = initialTransition(machine, INPUT);
      // steps[0] is the initial state itself (its event is xstate.init).
      for (const step of path.steps.slice(1)) s = transition(machine, s, step.event)[0];
      expect(serializeState(s)).toBe(serializeState(edge.from));
      expect(serializeState(transition(machine, s, edge.event)[0])).toBe(serializeState(edge.to));
      for (const t of enabled) taken.add(t);
    }
    // By identity: two guarded branches with the same source, event and target are two transitions.
    const declared = declaredTransitions();
    expect(declared.filter((t) => !taken.has(t)).map(describeTransition)).toEqual([]);
    expect(taken.size).toBe(declared.length);
  });

  it('both final states can be reached, and every other reachable state has a way on', () => {
    for (const { state, transitions } of Object.values(adjacency)) {
      const moves = outgoing({ transitions }).filter((t) => serializeState(t.state) !== serializeState(state));
      if (state.status === 'done') expect(moves).toEqual([]);
      else expect(moves.length).toBeGreaterThan(0);
    }
    const finals = Object.values(adjacency).filter((v) => v.state.status === 'done').map((v) => v.state.value);
    expect(new Set(finals)).toEqual(new Set(['closed', 'stopped']));
  });
});
