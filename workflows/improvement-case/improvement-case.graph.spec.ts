import { initialTransition, transition } from 'xstate';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  CASE_EVENT_TYPES,
  improvementCaseMachineOf,
  type CaseEventPayload,
  type CaseEventPayloadV1,
  type CaseEventType,
  type CaseRole,
  type ImprovementCaseEvent,
  type ImprovementCaseInput,
} from './improvement-case.machine.js';

/*
 * Model-based coverage: the graph tools explore the machine from each kind of draft with events
 * sent by the right people (and with a complete cost-benefit assessment); the test then proves
 * that every state node is reached and every declared transition (source × event × target),
 * timers included, is taken by a generated path, which it replays with transition(). Both
 * versions, each with the senders it expects.
 */

type Machine = ReturnType<typeof improvementCaseMachineOf>;
type Snapshot = ReturnType<Machine['transition']>;

const INPUTS: ImprovementCaseInput[] = [
  { caseId: 'c-lm', processId: 'p', reportingUnitId: 'u', reporterId: 'lm', reportedByEmployee: false },
  { caseId: 'c-emp', processId: 'p', reportingUnitId: 'u', reporterId: 'emp', reportedByEmployee: true },
];

type Senders = { [T in CaseEventType]: { roles: CaseRole[]; payload: CaseEventPayloadV1<T> | CaseEventPayload<T> } };

/** Who sends each event in practice (independent of the machine's guards) and a valid payload: version 1. */
const SENDERS_V1: Senders = {
  SUBMIT: { roles: ['lineManager'], payload: {} },
  ENDORSE: { roles: ['lineManager'], payload: {} },
  WITHDRAW: { roles: ['reporter'], payload: {} },
  REQUEST_INFO: { roles: ['processResponsible'], payload: { question: 'q' } },
  PROVIDE_INFO: { roles: ['reporter'], payload: { answer: 'a' } },
  REJECT: { roles: ['processResponsible', 'processOwner'], payload: { reason: 'other', text: 't' } },
  MERGE_INTO: { roles: ['processResponsible'], payload: { caseId: '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0002' } },
  ACCEPT_LOCAL: { roles: ['processResponsible'], payload: {} },
  COMPLETE_STEP: { roles: ['lineManager'], payload: { summary: 's' } },
  RESTART_CYCLE: { roles: ['lineManager'], payload: { reason: 'r' } },
  ESCALATE: { roles: ['processResponsible'], payload: { text: 't' } },
  RETURN_TO_RESPONSIBLE: { roles: ['processOwner'], payload: { text: 't' } },
  PROPOSE_TO_PROGRAMME: { roles: ['processOwner'], payload: {} },
  PRIORITISE: { roles: ['programme'], payload: {} },
  DEFER: { roles: ['programme'], payload: { reason: 'r' } },
  DECLINE: { roles: ['programme'], payload: { reason: 'r' } },
  PROJECT_CLOSED: { roles: ['system'], payload: {} },
  PROJECT_STOPPED: { roles: ['system'], payload: { reason: 'r' } },
  CONCLUDE_BENEFITS: { roles: ['processOwner'], payload: { summary: 's' } },
};

const ROUND = { roundId: '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0003', roundTitle: 'Utviklingsplan 2027', score: 3.5, explanation: 'e' };
/** Version 2: the priority round decides, through a message the runtime delivers as the system. */
const SENDERS_V2: Senders = {
  ...SENDERS_V1,
  PRIORITISE: { roles: ['system'], payload: { ...ROUND, allocation: { amountNok: 1, byYear: [{ year: 2027, amountNok: 1 }] } } },
  DEFER: { roles: ['system'], payload: { ...ROUND, reason: 'r' } },
  DECLINE: { roles: ['system'], payload: { ...ROUND, score: null, reason: 'r' } },
};

function allNodes(machine: Machine, node: AnyStateNode = machine.root): AnyStateNode[] {
  return (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...allNodes(machine, child)]);
}

function declaredTransitions(machine: Machine): AnyTransitionDefinition[] {
  return allNodes(machine).flatMap((node) => [...node.transitions.values()].flat());
}

const describeTransition = (t: AnyTransitionDefinition) =>
  `${t.source.id} --${t.eventType}--> ${t.target?.map((n: AnyStateNode) => n.id).join(',') ?? '(stays)'}`;

/** One event per sender role and event type, plus the timer event of every delayed transition. */
const eventsOf = (machine: Machine, SENDERS: Senders): ImprovementCaseEvent[] => [
  ...CASE_EVENT_TYPES.flatMap((type) =>
    SENDERS[type].roles.map(
      (role) => ({ type, payload: SENDERS[type].payload, actor: { userId: `u-${role}`, roles: [role] }, facts: { costBenefitComplete: true } }) as ImprovementCaseEvent,
    ),
  ),
  ...declaredTransitions(machine)
    .filter((t) => t.eventType.startsWith('xstate.after.'))
    .map((t) => ({ type: t.eventType }) as unknown as ImprovementCaseEvent),
];

// Context only grows logs (deferrals, cycles), so the state value identifies a vertex.
const serializeState = (s: Snapshot) => `${JSON.stringify(s.value)}|${s.status}`;

const outgoing = (v: { transitions: object }) => Object.values(v.transitions) as { event: ImprovementCaseEvent; state: Snapshot }[];

interface Edge {
  from: Snapshot;
  event: ImprovementCaseEvent;
  to: Snapshot;
  input: ImprovementCaseInput;
}

function explore(machine: Machine, senders: Senders, input: ImprovementCaseInput) {
  const options = { input, events: eventsOf(machine, senders), serializeState };
  const adjacency = getAdjacencyMap(machine, options);
  const paths = new Map(getShortestPaths(machine, options).map((p) => [serializeState(p.state), p]));
  const edges: Edge[] = Object.values(adjacency).flatMap((v) =>
    outgoing(v).map((t) => ({ from: v.state, event: t.event, to: t.state, input })),
  );
  return { adjacency, paths, edges };
}

describe.each([
  { version: 1, machine: improvementCaseMachineOf(1), senders: SENDERS_V1 },
  { version: 2, machine: improvementCaseMachineOf(2), senders: SENDERS_V2 },
])('improvement-case machine v$version: model-based coverage (xstate/graph)', ({ machine, senders }) => {
  const runs = INPUTS.map((input) => ({ input, ...explore(machine, senders, input) }));

  it('reaches every state node of the machine', () => {
    const reached = new Set<string>();
    for (const { adjacency } of runs) {
      for (const { state } of Object.values(adjacency)) {
        for (const node of allNodes(machine)) if (state.matches(node.path.join('.') as never)) reached.add(node.id);
      }
    }
    const missing = allNodes(machine)
      .map((n) => n.id)
      .filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
    expect(reached.size).toBe(allNodes(machine).length);
  });

  it('takes every declared transition (source × event × target), timers included, on a generated path', () => {
    const declared = declaredTransitions(machine);
    const taken = new Map<AnyTransitionDefinition, Edge>();
    for (const { edges } of runs) {
      for (const edge of edges) {
        for (const t of machine.getTransitionData(edge.from, edge.event)) if (!taken.has(t)) taken.set(t, edge);
      }
    }
    const notCovered = declared.filter((t) => !taken.has(t)).map(describeTransition);
    expect(notCovered).toEqual([]);
    expect(taken.size).toBe(declared.length);
  });

  it('every covering path replays with transition() from the initial state to the same state', () => {
    const declared = declaredTransitions(machine);
    const replayed: string[] = [];
    for (const { input, paths, edges } of runs) {
      for (const edge of edges) {
        const enabled = machine.getTransitionData(edge.from, edge.event);
        if (enabled.length === 0) continue;
        const path = paths.get(serializeState(edge.from));
        if (!path) throw new Error(`no generated path to ${serializeState(edge.from)}`);
        let [s] = initialTransition(machine, input);
        // steps[0] is the initial state itself (its event is xstate.init).
        for (const step of path.steps.slice(1)) s = transition(machine, s, step.event)[0];
        expect(serializeState(s)).toBe(serializeState(edge.from));
        const [next] = transition(machine, s, edge.event);
        expect(serializeState(next)).toBe(serializeState(edge.to));
        for (const t of enabled) replayed.push(describeTransition(t));
      }
    }
    expect(new Set(replayed)).toEqual(new Set(declared.map(describeTransition)));
  });

  it('every final state is reachable and every non-final reachable state has a way on', () => {
    for (const { adjacency } of runs) {
      for (const { state, transitions } of Object.values(adjacency)) {
        const moves = outgoing({ transitions }).filter((t) => serializeState(t.state) !== serializeState(state));
        if (state.status === 'done') expect(moves).toEqual([]);
        else expect(moves.length).toBeGreaterThan(0);
      }
    }
    const finals = allNodes(machine).filter((n) => n.type === 'final');
    const reachedFinals = new Set(runs.flatMap(({ adjacency }) => Object.values(adjacency).filter((v) => v.state.status === 'done').map((v) => JSON.stringify(v.state.value))));
    expect(reachedFinals).toEqual(new Set(finals.map((n) => JSON.stringify(n.key))));
  });
});
