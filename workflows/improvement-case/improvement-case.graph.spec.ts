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
  type ImprovementCaseFacts,
  type ImprovementCaseInput,
} from './improvement-case.machine.js';

/*
 * Model-based coverage: the graph tools explore the machine from each kind of draft with events
 * sent by the right people (and with a complete cost-benefit assessment, within the thresholds for
 * a local improvement); the test then proves that every state node is reached and every declared
 * transition (source × event × target), timers included, is taken by a generated path, which it
 * replays with transition(). Every version, each with the senders and the facts it expects; version
 * 3 also from a case migrated while in realisation, which alone has no project.
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
/** Version 3: the benefits follow-up concludes the case; a case migrated without a project, its process owner. */
const SENDERS_V3: Senders = {
  ...SENDERS_V2,
  CONCLUDE_BENEFITS: { roles: ['system', 'processOwner'], payload: { summary: 's', outcome: 'realised' } },
};

/** The facts the events carry: within the thresholds, with an IT component; version 3 also escalates a case without one. */
const WITH_IT: ImprovementCaseFacts = { costBenefitComplete: true, localThresholdsCrossed: [], significantItComponent: true };
const FACTS = [WITH_IT];
const FACTS_V3 = [WITH_IT, { ...WITH_IT, significantItComponent: false }];

function allNodes(machine: Machine, node: AnyStateNode = machine.root): AnyStateNode[] {
  return (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...allNodes(machine, child)]);
}

function declaredTransitions(machine: Machine): AnyTransitionDefinition[] {
  return allNodes(machine).flatMap((node) => [...node.transitions.values()].flat());
}

const describeTransition = (t: AnyTransitionDefinition) =>
  `${t.source.id} --${t.eventType}--> ${t.target?.map((n: AnyStateNode) => n.id).join(',') ?? '(stays)'}`;

/** One event per sender role, event type and kind of facts, plus the timer event of every delayed transition. */
const eventsOf = (machine: Machine, SENDERS: Senders, facts: readonly ImprovementCaseFacts[]): ImprovementCaseEvent[] => [
  ...CASE_EVENT_TYPES.flatMap((type) =>
    SENDERS[type].roles.flatMap((role) =>
      facts.map((f) => ({ type, payload: SENDERS[type].payload, actor: { userId: `u-${role}`, roles: [role] }, facts: f }) as ImprovementCaseEvent),
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
}

/** Explores from a snapshot: the start of a case, or one migrated from an earlier version. */
function explore(machine: Machine, senders: Senders, facts: readonly ImprovementCaseFacts[], input: ImprovementCaseInput, start: Snapshot) {
  const options = { input, events: eventsOf(machine, senders, facts), serializeState, fromState: start };
  const adjacency = getAdjacencyMap(machine, options);
  const paths = new Map(getShortestPaths(machine, options).map((p) => [serializeState(p.state), p]));
  const edges: Edge[] = Object.values(adjacency).flatMap((v) => outgoing(v).map((t) => ({ from: v.state, event: t.event, to: t.state })));
  return { start, adjacency, paths, edges };
}

/** A case of version 2 in realisation, as migration brings it to version 3: no project (`projectId: null`). */
function migratedInRealisation(machine: Machine, input: ImprovementCaseInput): Snapshot {
  const [started] = initialTransition(machine, input);
  return machine.resolveState({ value: 'inRealisation', context: { ...started.context, projectId: null } }) as Snapshot;
}

describe.each([
  { version: 1, machine: improvementCaseMachineOf(1), senders: SENDERS_V1, facts: FACTS, migrated: false },
  { version: 2, machine: improvementCaseMachineOf(2), senders: SENDERS_V2, facts: FACTS, migrated: false },
  { version: 3, machine: improvementCaseMachineOf(3), senders: SENDERS_V3, facts: FACTS_V3, migrated: true },
])('improvement-case machine v$version: model-based coverage (xstate/graph)', ({ machine, senders, facts, migrated }) => {
  const runs = [
    ...INPUTS.map((input) => explore(machine, senders, facts, input, initialTransition(machine, input)[0])),
    ...(migrated ? [explore(machine, senders, facts, INPUTS[0]!, migratedInRealisation(machine, INPUTS[0]!))] : []),
  ];

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
    for (const { start, paths, edges } of runs) {
      for (const edge of edges) {
        const enabled = machine.getTransitionData(edge.from, edge.event);
        if (enabled.length === 0) continue;
        const path = paths.get(serializeState(edge.from));
        if (!path) throw new Error(`no generated path to ${serializeState(edge.from)}`);
        let s = start;
        // steps[0] is the state the exploration started from (its event is xstate.init).
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
