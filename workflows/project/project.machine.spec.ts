import { initialTransition, transition } from 'xstate';
import { childInstanceId, deadlineOwnerAt, decide, MachineRegistry, pathOf, stateName, stateNodesOf, waitsForAt, type WorkflowEvent } from '#flyt/workflow-runtime';
import { CASE_EVENT_PAYLOADS } from '../improvement-case/improvement-case.events.js';
import { FOLLOWUP_INPUT } from '../benefits-followup/benefits-followup.events.js';
import {
  DEFAULT_CLOSING_SUMMARY,
  GATE_OF_PHASE,
  PHASES,
  PROJECT_DEADLINES,
  PROJECT_EVENT_PAYLOADS,
  PROJECT_INPUT,
  PROJECT_ROLES,
  PROJECT_STATE_LABELS,
  projectMachine as machine,
  type GateDecision,
  type Phase,
  type ProjectEvent,
  type ProjectEventPayload,
  type ProjectEventType,
  type ProjectFacts,
  type ProjectInput,
  type ProjectRole,
} from './project.machine.js';
import { PROJECT_REFUSALS, whoDecides } from './project.refusals.js';
import { PROJECT_WORKFLOW } from './project.workflow.js';

type Snapshot = ReturnType<typeof machine.transition>;
type Actions = readonly { type: string; params?: unknown }[];

const CASE_ID = '7b0e4c1a-0000-4000-8000-000000000001';
const PROCESS_ID = '7b0e4c1a-0000-4000-8000-000000000002';
const OWNER_ID = '7b0e4c1a-0000-4000-8000-000000000003';
const MANAGER_ID = '7b0e4c1a-0000-4000-8000-000000000004';
const NEW_MANAGER_ID = '7b0e4c1a-0000-4000-8000-000000000005';
const BENEFIT_A = '7b0e4c1a-0000-4000-8000-00000000000a';
const BENEFIT_B = '7b0e4c1a-0000-4000-8000-00000000000b';
/** The case starts its project as its child under the key `project`, so this is the project's own id. */
const PROJECT_ID = childInstanceId(CASE_ID, 'project');
const INPUT: ProjectInput = { caseId: CASE_ID, processId: PROCESS_ID };
const EVENT_TYPES = Object.keys(PROJECT_EVENT_PAYLOADS) as ProjectEventType[];
const DECISIONS: GateDecision[] = ['GO', 'RECYCLE', 'HOLD', 'STOP'];
const NEXT: Record<Phase, Phase | null> = { concept: 'planning', planning: 'execution', execution: 'closure', closure: null };

const PAYLOAD: { [T in ProjectEventType]: ProjectEventPayload<T> } = {
  APPOINT_TEAM: { projectOwnerId: OWNER_ID, projectManagerId: MANAGER_ID, note: 'Kari eier prosessen; Ola har ledet lignende prosjekter.' },
  SET_GATE_DATE: { plannedOn: '2026-06-15', reason: 'The steering group meets on 15 June.' },
  SUBMIT_FOR_GATE: { note: 'The project justification is ready.' },
  WITHDRAW_FROM_GATE: { reason: 'The cost estimate must be redone.' },
  GO: { reason: 'The justification holds: go on.' },
  RECYCLE: { reason: 'Compare one more alternative.' },
  HOLD: { reason: 'Waiting for the new student-system contract.' },
  STOP: { reason: 'The supplier withdrew; the benefits no longer hold.' },
  APPROVE_GATE_DECISION: { note: 'Approved as decided.' },
  REJECT_GATE_DECISION: { reason: 'Consider the cost to the faculties first.' },
  RESUME: { reason: 'The contract is signed.' },
  SUBMIT_STATUS_REPORT: { status: 'onTrack', summary: 'Interviews with the faculties are done.', nextSteps: 'Draft the justification.' },
};

const POINTS = [
  { dueOn: '2027-03-01', benefitIds: [BENEFIT_A] },
  { dueOn: '2027-09-01', benefitIds: [BENEFIT_A, BENEFIT_B] },
];
/** A small project whose checklist is complete: the process owner decides its gates. */
const SMALL: ProjectFacts = {
  checklistMissing: [],
  largeProject: false,
  thresholdsCrossed: [],
  nextGatePlannedOn: '2026-09-15',
  measurementPoints: POINTS,
  finalReportSummary: 'Delivered on time; two of three benefits measured.',
};
/** A large one: the programme council decides, the rector approves. */
const LARGE: ProjectFacts = { ...SMALL, largeProject: true, thresholdsCrossed: ['runs over 6 months', 'needs resources from outside the unit'] };
const MISSING = ['the governing document', 'a risk assessment'];

function ev<T extends ProjectEventType>(type: T, roles: readonly ProjectRole[], facts: ProjectFacts = SMALL, payload: unknown = PAYLOAD[type]) {
  return { type, payload, actor: { userId: roles.includes('system') ? null : `user-${roles[0] ?? 'nobody'}`, roles }, facts } as ProjectEvent;
}
/** The runtime's view of the same event: facts as a plain record. */
const decideOn = (s: Snapshot, type: ProjectEventType, roles: readonly ProjectRole[], facts: ProjectFacts = SMALL) =>
  decide(registration, s, { ...ev(type, roles, facts), facts: { ...facts } } as WorkflowEvent);
/** What a refusal explanation is given: the facts as the lib computed them. */
const explain = (type: ProjectEventType, context: unknown, facts: ProjectFacts) => PROJECT_REFUSALS[type]!(context, { ...facts });
const send = <T extends ProjectEventType>(s: Snapshot, type: T, roles: readonly ProjectRole[], facts?: ProjectFacts, payload?: unknown): [Snapshot, Actions] =>
  transition(machine, s, ev(type, roles, facts, payload));
const timerId = (delay: string, path: string) => `xstate.after.${delay}.project.${path}`;
const fire = (s: Snapshot, delay: string, path: string): [Snapshot, Actions] =>
  transition(machine, s, { type: timerId(delay, path), payload: {}, actor: { userId: null, roles: ['system'] }, facts: {} } as unknown as ProjectEvent);

const stateOf = (s: Snapshot) => stateName(s.value);
const notifies = (actions: Actions) => actions.filter((a) => a.type === 'notify').map((a) => a.params);
const raised = (actions: Actions) => actions.filter((a) => a.type === 'xstate.raise').map((a) => (a.params as { id: string }).id);
const cancelled = (actions: Actions) => actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);
const platform = (actions: Actions, type: string) => actions.filter((a) => a.type === type).map((a) => a.params);

/** Where a project stands: its phase's state and its reporting cycle's. */
const at = (phase: Phase, sub: 'working' | 'awaitingDecision' | 'awaitingApproval' | 'onHold', report: 'awaitingReport' | 'reportOverdue' = 'awaitingReport') =>
  `active.phase.${phase}.${sub},active.reporting.${report}`;
const PHASE_TIMERS = (phase: Phase) => [timerId('gateReminder', `active.phase.${phase}`), timerId('gateOverdue', `active.phase.${phase}`)];
const REPORT_TIMERS = [timerId('statusReportReminder', 'active.reporting.awaitingReport'), timerId('statusReportOverdue', 'active.reporting.awaitingReport')];

const registry = new MachineRegistry([{ ...PROJECT_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
const registration = registry.get('project', 1);

// Routes to every state. A small project's gates are passed by the process owner.
const mandate = () => initialTransition(machine, INPUT)[0];
const appointed = () => send(mandate(), 'APPOINT_TEAM', ['processOwner'])[0];
function working(phase: Phase = 'concept'): Snapshot {
  let s = appointed();
  for (const earlier of PHASES.slice(0, PHASES.indexOf(phase))) {
    s = send(s, 'SUBMIT_FOR_GATE', ['projectManager'])[0];
    s = send(s, 'GO', ['processOwner'])[0];
    expect(stateOf(s)).toBe(at(NEXT[earlier]!, 'working'));
  }
  return s;
}
const awaitingDecision = (phase: Phase = 'concept', facts: ProjectFacts = SMALL) => send(working(phase), 'SUBMIT_FOR_GATE', ['projectManager'], facts)[0];
const awaitingApproval = (phase: Phase = 'concept', decision: GateDecision = 'GO') => send(awaitingDecision(phase, LARGE), decision, ['council'], LARGE)[0];
const onHold = (phase: Phase = 'concept', facts: ProjectFacts = SMALL) =>
  facts.largeProject ? send(awaitingApproval(phase, 'HOLD'), 'APPROVE_GATE_DECISION', ['rector'], LARGE)[0] : send(awaitingDecision(phase), 'HOLD', ['processOwner'])[0];
const reportOverdue = () => fire(working(), 'statusReportOverdue', 'active.reporting.awaitingReport')[0];

function expectUnchanged(before: Snapshot, [after, actions]: [Snapshot, Actions]) {
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(after.status).toBe(before.status);
  expect(actions).toEqual([]);
}

type Allowed = Partial<Record<ProjectEventType, { roles: ProjectRole[]; to: string }>>;
interface Row {
  state: string;
  /** The facts every event of the row is sent with. */
  size: 'small' | 'large';
  at: () => Snapshot;
  allowed: Allowed;
}

/** What every state of `active` takes, whatever the phase: a new team, and the month's status report. */
const inActive = (here: string): Allowed => ({
  APPOINT_TEAM: { roles: ['processOwner', 'secretariat'], to: here },
  SUBMIT_STATUS_REPORT: { roles: ['projectManager'], to: here.replace('reportOverdue', 'awaitingReport') },
});
const afterGo = (phase: Phase) => (NEXT[phase] ? at(NEXT[phase]!, 'working') : 'closed');

/**
 * The whole permission table: in each state, the events that move the project, who may send them
 * and where they lead, for a small and a large project. Everything else must leave it as it is.
 */
const TABLE: Row[] = [
  { state: 'mandate', size: 'small', at: mandate, allowed: { APPOINT_TEAM: { roles: ['processOwner', 'secretariat'], to: at('concept', 'working') } } },
  {
    state: at('concept', 'working', 'reportOverdue'),
    size: 'small',
    at: reportOverdue,
    allowed: {
      ...inActive(at('concept', 'working', 'reportOverdue')),
      SET_GATE_DATE: { roles: ['projectOwner', 'projectManager'], to: at('concept', 'working', 'reportOverdue') },
      SUBMIT_FOR_GATE: { roles: ['projectManager'], to: at('concept', 'awaitingDecision', 'reportOverdue') },
    },
  },
  ...PHASES.flatMap((phase): Row[] => [
    ...(['small', 'large'] as const).map(
      (size): Row => ({
        state: at(phase, 'working'),
        size,
        at: () => working(phase),
        allowed: {
          ...inActive(at(phase, 'working')),
          SET_GATE_DATE: { roles: ['projectOwner', 'projectManager'], to: at(phase, 'working') },
          SUBMIT_FOR_GATE: { roles: ['projectManager'], to: at(phase, 'awaitingDecision') },
        },
      }),
    ),
    {
      state: at(phase, 'awaitingDecision'),
      size: 'small',
      at: () => awaitingDecision(phase),
      allowed: {
        ...inActive(at(phase, 'awaitingDecision')),
        GO: { roles: ['processOwner'], to: afterGo(phase) },
        RECYCLE: { roles: ['processOwner'], to: at(phase, 'working') },
        HOLD: { roles: ['processOwner'], to: at(phase, 'onHold') },
        STOP: { roles: ['processOwner'], to: 'stopped' },
        WITHDRAW_FROM_GATE: { roles: ['projectManager'], to: at(phase, 'working') },
      },
    },
    {
      state: at(phase, 'awaitingDecision'),
      size: 'large',
      at: () => awaitingDecision(phase, LARGE),
      allowed: {
        ...inActive(at(phase, 'awaitingDecision')),
        ...Object.fromEntries(DECISIONS.map((d) => [d, { roles: ['council'], to: at(phase, 'awaitingApproval') }])),
        WITHDRAW_FROM_GATE: { roles: ['projectManager'], to: at(phase, 'working') },
      },
    },
    {
      state: at(phase, 'awaitingApproval'),
      size: 'large',
      at: () => awaitingApproval(phase, 'GO'),
      allowed: {
        ...inActive(at(phase, 'awaitingApproval')),
        APPROVE_GATE_DECISION: { roles: ['rector'], to: afterGo(phase) },
        REJECT_GATE_DECISION: { roles: ['rector'], to: at(phase, 'awaitingDecision') },
      },
    },
    { state: at(phase, 'onHold'), size: 'small', at: () => onHold(phase), allowed: { ...inActive(at(phase, 'onHold')), RESUME: { roles: ['processOwner'], to: at(phase, 'working') } } },
    { state: at(phase, 'onHold'), size: 'large', at: () => onHold(phase, LARGE), allowed: { ...inActive(at(phase, 'onHold')), RESUME: { roles: ['council'], to: at(phase, 'working') } } },
  ]),
];

describe('project machine: who may send what, where', () => {
  describe.each(TABLE)('in $state ($size project)', ({ state, size, at: route, allowed }) => {
    const facts = size === 'large' ? LARGE : SMALL;

    it('is in the state the route leads to, active', () => {
      expect(stateOf(route())).toBe(state);
      expect(route().status).toBe('active');
    });

    it.each(EVENT_TYPES)('%s: the roles allowed move it, every other role is refused (403 where some role may, 422 where none may)', (type) => {
      const rule = allowed[type];
      const before = route();
      for (const role of PROJECT_ROLES) {
        const result = send(before, type, [role], facts);
        if (rule?.roles.includes(role)) {
          expect({ role, to: stateOf(result[0]) }).toEqual({ role, to: rule.to });
          continue;
        }
        expectUnchanged(before, result);
        const decision = decideOn(before, type, [role], facts);
        if (rule) expect({ role, decision }).toEqual({ role, decision: { kind: 'not_permitted', requiredRoles: PROJECT_ROLES.filter((r) => rule.roles.includes(r)) } });
        else expect({ role, decision }).toEqual({ role, decision: { kind: 'rejected', reason: 'not_in_state' } });
      }
      if (!rule) expectUnchanged(before, send(before, type, PROJECT_ROLES, facts));
    });
  });

  it.each([
    { state: 'closed', at: () => send(awaitingDecision('closure'), 'GO', ['processOwner'])[0] },
    { state: 'stopped', at: () => send(awaitingDecision('planning'), 'STOP', ['processOwner'])[0] },
  ])('$state is final: done, and no event moves it', ({ state, at: route }) => {
    const s = route();
    expect(stateOf(s)).toBe(state);
    expect(s.status).toBe('done');
    for (const type of EVENT_TYPES) expectUnchanged(s, send(s, type, PROJECT_ROLES, SMALL));
    for (const type of EVENT_TYPES) expectUnchanged(s, send(s, type, PROJECT_ROLES, LARGE));
  });

  it('an actor with no roles can do nothing anywhere', () => {
    for (const { at: route } of TABLE) {
      const s = route();
      for (const type of EVENT_TYPES) expectUnchanged(s, send(s, type, []));
    }
  });

  it('guards never read the payload: a transition is enabled with none at all', () => {
    const cases: [Snapshot, ProjectEventType, ProjectRole, ProjectFacts][] = [
      [mandate(), 'APPOINT_TEAM', 'secretariat', SMALL],
      [working('planning'), 'SET_GATE_DATE', 'projectOwner', SMALL],
      [awaitingDecision('execution'), 'GO', 'processOwner', SMALL],
      [awaitingDecision('execution', LARGE), 'STOP', 'council', LARGE],
      [awaitingApproval('closure', 'HOLD'), 'APPROVE_GATE_DECISION', 'rector', LARGE],
      [onHold('concept'), 'RESUME', 'processOwner', SMALL],
      [reportOverdue(), 'SUBMIT_STATUS_REPORT', 'projectManager', SMALL],
    ];
    for (const [s, type, role, facts] of cases) {
      const event = { type, payload: null, actor: { userId: 'u', roles: [role] }, facts } as unknown as ProjectEvent;
      expect({ type, enabled: machine.getTransitionData(s, event).length }).toEqual({ type, enabled: 1 });
    }
  });
});

describe('project machine: what the data allows', () => {
  const INCOMPLETE: ProjectFacts = { ...SMALL, checklistMissing: MISSING };

  it('SUBMIT_FOR_GATE waits for a complete checklist and says what to add, naming the gate ahead (422, listed as blocked)', () => {
    const s = working('planning');
    expectUnchanged(s, send(s, 'SUBMIT_FOR_GATE', ['projectManager'], INCOMPLETE));
    expect(decideOn(s, 'SUBMIT_FOR_GATE', ['projectManager'], INCOMPLETE)).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
    expect(explain('SUBMIT_FOR_GATE', s.context, INCOMPLETE)).toEqual({
      reason: 'the checklist for BP3 is not complete: add the governing document, a risk assessment, then submit the project for the gate',
      waitsForData: true,
    });
    expect(explain('SUBMIT_FOR_GATE', s.context, SMALL)).toBeNull();
  });

  it('facts that do not say what the checklist lacks count as an incomplete checklist', () => {
    const s = working();
    expectUnchanged(s, send(s, 'SUBMIT_FOR_GATE', ['projectManager'], { largeProject: false }));
    expect(explain('SUBMIT_FOR_GATE', s.context, {})).toEqual({
      reason: 'the checklist for BP2 is not complete: add what it still lacks, then submit the project for the gate',
      waitsForData: true,
    });
  });

  it('GO needs the checklist complete, for the process owner and for the council alike; the other decisions do not', () => {
    const small = awaitingDecision('execution');
    expectUnchanged(small, send(small, 'GO', ['processOwner'], INCOMPLETE));
    expect(decideOn(small, 'GO', ['processOwner'], INCOMPLETE)).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
    expect(explain('GO', small.context, INCOMPLETE)).toEqual({
      reason: 'the checklist for BP4 is not complete: add the governing document, a risk assessment, then decide that the project goes on',
      waitsForData: true,
    });
    const large = awaitingDecision('execution', LARGE);
    expectUnchanged(large, send(large, 'GO', ['council'], { ...LARGE, checklistMissing: MISSING }));
    for (const type of ['RECYCLE', 'HOLD', 'STOP'] as const) {
      expect(stateOf(send(small, type, ['processOwner'], INCOMPLETE)[0])).not.toBe(stateOf(small));
      expect(stateOf(send(large, type, ['council'], { ...LARGE, checklistMissing: MISSING })[0])).toBe(at('execution', 'awaitingApproval'));
    }
  });

  it('a process owner may not decide a large project’s gates: the council may, and the refusal says why', () => {
    const s = awaitingDecision('planning', LARGE);
    for (const type of DECISIONS) {
      expectUnchanged(s, send(s, type, ['processOwner'], LARGE));
      expect(decideOn(s, type, ['processOwner'], LARGE)).toEqual({ kind: 'not_permitted', requiredRoles: ['council'] });
    }
    expect(whoDecides(LARGE)).toBe(
      'the programme council decides this project’s gates, with the rector’s approval, because the project crosses the thresholds for large projects: runs over 6 months, needs resources from outside the unit',
    );
    expect(explain('RECYCLE', s.context, LARGE)).toEqual({ reason: whoDecides(LARGE) });
  });

  it('the council may not decide a small project’s gates: its process owner does', () => {
    const s = awaitingDecision('planning');
    for (const type of DECISIONS) {
      expectUnchanged(s, send(s, type, ['council'], SMALL));
      expect(decideOn(s, type, ['council'], SMALL)).toEqual({ kind: 'not_permitted', requiredRoles: ['processOwner'] });
    }
    expect(explain('STOP', s.context, SMALL)).toEqual({
      reason: 'the process owner decides this project’s gates: the project crosses none of the thresholds that would take its decisions to the programme council',
    });
  });

  it('the one who decides resumes: the process owner a small project, the council a large one', () => {
    const small = onHold('execution');
    expect(decideOn(small, 'RESUME', ['council'], SMALL)).toEqual({ kind: 'not_permitted', requiredRoles: ['processOwner'] });
    const large = onHold('execution', LARGE);
    expect(decideOn(large, 'RESUME', ['processOwner'], LARGE)).toEqual({ kind: 'not_permitted', requiredRoles: ['council'] });
    expect(explain('RESUME', large.context, LARGE)?.reason).toMatch(/^the programme council resumes this project, with the rector’s approval, because/);
  });

  it('the rector approves a GO only while the checklist is still complete; any other decision at once', () => {
    const go = awaitingApproval('planning', 'GO');
    const incomplete = { ...LARGE, checklistMissing: ['a steering group that includes users'] };
    expectUnchanged(go, send(go, 'APPROVE_GATE_DECISION', ['rector'], incomplete));
    expect(decideOn(go, 'APPROVE_GATE_DECISION', ['rector'], incomplete)).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
    expect(explain('APPROVE_GATE_DECISION', go.context, incomplete)).toEqual({
      reason: 'the checklist for BP3 is no longer complete: add a steering group that includes users, then approve the council’s decision, or return it to the council',
      waitsForData: true,
    });
    const recycle = awaitingApproval('planning', 'RECYCLE');
    expect(explain('APPROVE_GATE_DECISION', recycle.context, incomplete)).toBeNull();
    expect(stateOf(send(recycle, 'APPROVE_GATE_DECISION', ['rector'], incomplete)[0])).toBe(at('planning', 'working'));
  });
});

describe('project machine: transitions, context and effects', () => {
  it('starts in the mandate with the case, the process and its own id, and nothing scheduled', () => {
    const [s, actions] = initialTransition(machine, INPUT);
    expect(s.value).toBe('mandate');
    expect(s.context).toEqual({
      caseId: CASE_ID,
      processId: PROCESS_ID,
      projectId: PROJECT_ID,
      team: null,
      plannedGateOn: null,
      gateDecisions: [],
      pendingDecision: null,
      hold: null,
      stop: null,
      statusReports: 0,
      deadlinesPassed: [],
    });
    expect(actions).toEqual([]);
  });

  it('APPOINT_TEAM records the team, tells both and starts the concept phase with its gate and report deadlines', () => {
    const [s, actions] = send(mandate(), 'APPOINT_TEAM', ['secretariat']);
    expect(stateOf(s)).toBe(at('concept', 'working'));
    expect(s.context.team).toEqual({ projectOwnerId: OWNER_ID, projectManagerId: MANAGER_ID });
    expect(notifies(actions)).toEqual([
      { to: 'projectOwner', template: 'projectTeamAppointed' },
      { to: 'projectManager', template: 'projectTeamAppointed' },
    ]);
    expect(raised(actions)).toEqual([...PHASE_TIMERS('concept'), ...REPORT_TIMERS]);
  });

  it('APPOINT_TEAM later replaces the team where the project stands, touching no deadline', () => {
    const before = awaitingDecision('planning');
    const [s, actions] = send(before, 'APPOINT_TEAM', ['processOwner'], SMALL, { projectOwnerId: OWNER_ID, projectManagerId: NEW_MANAGER_ID });
    expect(s.value).toEqual(before.value);
    expect(s.context.team).toEqual({ projectOwnerId: OWNER_ID, projectManagerId: NEW_MANAGER_ID });
    expect(notifies(actions)).toEqual([
      { to: 'projectOwner', template: 'projectTeamAppointed' },
      { to: 'projectManager', template: 'projectTeamAppointed' },
    ]);
    expect([...raised(actions), ...cancelled(actions)]).toEqual([]);
  });

  it('SET_GATE_DATE plans the gate and restarts the phase’s gate deadlines from it, leaving the report’s alone', () => {
    const [s, actions] = send(working('execution'), 'SET_GATE_DATE', ['projectOwner']);
    expect(stateOf(s)).toBe(at('execution', 'working'));
    expect(s.context.plannedGateOn).toBe('2026-06-15');
    expect(cancelled(actions)).toEqual(PHASE_TIMERS('execution'));
    expect(raised(actions)).toEqual(PHASE_TIMERS('execution'));
    expect(notifies(actions)).toEqual([]);
  });

  it('SUBMIT_FOR_GATE tells the process owner of a small project, the secretariat and the council of a large one; the gate’s deadlines run on', () => {
    const [small, a1] = send(working('planning'), 'SUBMIT_FOR_GATE', ['projectManager']);
    expect(stateOf(small)).toBe(at('planning', 'awaitingDecision'));
    expect(notifies(a1)).toEqual([{ to: 'processOwner', template: 'gateSubmitted' }]);
    expect([...raised(a1), ...cancelled(a1)]).toEqual([]);
    const [, a2] = send(working('planning'), 'SUBMIT_FOR_GATE', ['projectManager'], LARGE);
    expect(notifies(a2)).toEqual([
      { to: 'secretariat', template: 'gateSubmitted' },
      { to: 'council', template: 'gateSubmitted' },
    ]);
  });

  it('WITHDRAW_FROM_GATE takes the submission back and tells whoever got it; the gate’s deadlines run on', () => {
    const [small, a1] = send(awaitingDecision('concept'), 'WITHDRAW_FROM_GATE', ['projectManager']);
    expect(stateOf(small)).toBe(at('concept', 'working'));
    expect(notifies(a1)).toEqual([{ to: 'processOwner', template: 'gateSubmissionWithdrawn' }]);
    expect([...raised(a1), ...cancelled(a1)]).toEqual([]);
    const [, a2] = send(awaitingDecision('concept', LARGE), 'WITHDRAW_FROM_GATE', ['projectManager'], LARGE);
    expect(notifies(a2)).toEqual([
      { to: 'secretariat', template: 'gateSubmissionWithdrawn' },
      { to: 'council', template: 'gateSubmissionWithdrawn' },
    ]);
  });

  it('GO by the process owner records the decision, moves to the next phase with its planned gate date and new gate deadlines', () => {
    const [s, actions] = send(awaitingDecision('concept'), 'GO', ['processOwner']);
    expect(stateOf(s)).toBe(at('planning', 'working'));
    expect(s.context.gateDecisions).toEqual([{ gate: 'BP2', decision: 'GO', reason: PAYLOAD.GO.reason, by: 'user-processOwner', as: 'processOwner', approvedBy: null }]);
    expect(s.context.plannedGateOn).toBe('2026-09-15');
    expect(cancelled(actions)).toEqual(PHASE_TIMERS('concept'));
    expect(raised(actions)).toEqual(PHASE_TIMERS('planning'));
    expect(notifies(actions)).toEqual([
      { to: 'projectManager', template: 'gateDecided' },
      { to: 'projectOwner', template: 'gateDecided' },
    ]);
  });

  it('GO without a planned date for the next gate leaves none: the gate deadlines fall back to their length', () => {
    const [s] = send(awaitingDecision('concept'), 'GO', ['processOwner'], { ...SMALL, nextGatePlannedOn: null });
    expect(s.context.plannedGateOn).toBeNull();
    const [t] = send(awaitingDecision('planning'), 'GO', ['processOwner'], { checklistMissing: [] });
    expect(t.context.plannedGateOn).toBeNull();
  });

  it('RECYCLE sends the project back to work in the same phase, its gate deadlines running on', () => {
    const [s, actions] = send(awaitingDecision('execution'), 'RECYCLE', ['processOwner']);
    expect(stateOf(s)).toBe(at('execution', 'working'));
    expect(s.context.gateDecisions.map((d) => [d.gate, d.decision])).toEqual([
      ['BP2', 'GO'],
      ['BP3', 'GO'],
      ['BP4', 'RECYCLE'],
    ]);
    expect([...raised(actions), ...cancelled(actions)]).toEqual([]);
    expect(notifies(actions)).toEqual([
      { to: 'projectManager', template: 'gateDecided' },
      { to: 'projectOwner', template: 'gateDecided' },
    ]);
  });

  it('HOLD holds every deadline of the project with the reason; RESUME resumes them and clears the hold', () => {
    const [held, a1] = send(awaitingDecision('planning'), 'HOLD', ['processOwner']);
    expect(stateOf(held)).toBe(at('planning', 'onHold'));
    expect(held.context.hold).toEqual({ gate: 'BP3', reason: PAYLOAD.HOLD.reason, by: 'user-processOwner' });
    expect(platform(a1, 'holdDeadlines')).toEqual([{ reason: PAYLOAD.HOLD.reason }]);
    expect([...raised(a1), ...cancelled(a1)]).toEqual([]);

    const [resumed, a2] = send(held, 'RESUME', ['processOwner']);
    expect(stateOf(resumed)).toBe(at('planning', 'working'));
    expect(resumed.context.hold).toBeNull();
    expect(platform(a2, 'resumeDeadlines')).toEqual([{ reason: PAYLOAD.RESUME.reason }]);
    // Resumed, not restarted: the runtime runs the held deadlines on with the time they had left.
    expect([...raised(a2), ...cancelled(a2)]).toEqual([]);
    expect(notifies(a2)).toEqual([
      { to: 'projectManager', template: 'projectResumed' },
      { to: 'projectOwner', template: 'projectResumed' },
    ]);
  });

  it('STOP by the process owner ends the project and tells the case, with the reason', () => {
    const [s, actions] = send(awaitingDecision('execution'), 'STOP', ['processOwner']);
    expect(s.value).toBe('stopped');
    expect(s.status).toBe('done');
    expect(s.context.stop).toEqual({ gate: 'BP4', reason: PAYLOAD.STOP.reason });
    expect(s.context.gateDecisions.at(-1)).toEqual({ gate: 'BP4', decision: 'STOP', reason: PAYLOAD.STOP.reason, by: 'user-processOwner', as: 'processOwner', approvedBy: null });
    const message = { workflowId: 'improvement-case', instanceId: CASE_ID, event: { type: 'PROJECT_STOPPED', payload: { projectId: PROJECT_ID, reason: PAYLOAD.STOP.reason } } };
    expect(platform(actions, 'sendToWorkflow')).toEqual([message]);
    expect(CASE_EVENT_PAYLOADS.PROJECT_STOPPED.safeParse(message.event.payload).success).toBe(true);
    expect(platform(actions, 'startWorkflow')).toEqual([]);
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'projectStopped' },
      { to: 'projectOwner', template: 'projectStopped' },
      { to: 'projectManager', template: 'projectStopped' },
      { to: 'secretariat', template: 'projectStopped' },
    ]);
    // Both regions end: the phase's and the report's deadlines are cancelled.
    expect(cancelled(actions).sort()).toEqual([...PHASE_TIMERS('execution'), ...REPORT_TIMERS].sort());
  });

  it('runs a small project from the mandate through BP2–BP5 to closed, telling the case and starting the benefits follow-up', () => {
    let s: Snapshot = appointed();
    let actions: Actions = [];
    const planned = ['2026-06-01', '2026-11-02', '2027-02-01', null];
    for (const [i, phase] of PHASES.entries()) {
      expect(stateOf(s)).toBe(at(phase, 'working'));
      [s] = send(s, 'SET_GATE_DATE', ['projectManager'], SMALL, { plannedOn: `2026-0${i + 3}-15`, reason: 'Planned with the steering group.' });
      [s, actions] = send(s, 'SUBMIT_FOR_GATE', ['projectManager']);
      expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'gateSubmitted' }]);
      [s, actions] = send(s, 'GO', ['processOwner'], { ...SMALL, nextGatePlannedOn: planned[i] });
      if (NEXT[phase]) expect(s.context.plannedGateOn).toBe(planned[i]);
    }
    expect(s.value).toBe('closed');
    expect(s.status).toBe('done');
    expect(s.context.gateDecisions.map((d) => `${d.gate} ${d.decision} by ${d.as}`)).toEqual([
      'BP2 GO by processOwner',
      'BP3 GO by processOwner',
      'BP4 GO by processOwner',
      'BP5 GO by processOwner',
    ]);
    const closing = { workflowId: 'improvement-case', instanceId: CASE_ID, event: { type: 'PROJECT_CLOSED', payload: { projectId: PROJECT_ID, summary: SMALL.finalReportSummary } } };
    const followup = { workflowId: 'benefits-followup', key: 'benefits', input: { caseId: CASE_ID, projectId: PROJECT_ID, processId: PROCESS_ID, points: POINTS } };
    expect(actions.filter((a) => a.type === 'sendToWorkflow' || a.type === 'startWorkflow').map((a) => [a.type, a.params])).toEqual([
      ['sendToWorkflow', closing],
      ['startWorkflow', followup],
    ]);
    // What the case and the follow-up accept, exactly.
    expect(CASE_EVENT_PAYLOADS.PROJECT_CLOSED.safeParse(closing.event.payload).success).toBe(true);
    expect(FOLLOWUP_INPUT.safeParse(followup.input).success).toBe(true);
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'projectClosed' },
      { to: 'projectOwner', template: 'projectClosed' },
      { to: 'projectManager', template: 'projectClosed' },
      { to: 'secretariat', template: 'projectClosed' },
    ]);
    expect(cancelled(actions).sort()).toEqual([...PHASE_TIMERS('closure'), ...REPORT_TIMERS].sort());
    expect(raised(actions)).toEqual([]);
  });

  it('closing gives the case a summary it takes: the final report’s trimmed, a default without one, shortened when too long', () => {
    const summaryOf = (finalReportSummary: string | null | undefined) => {
      const [, actions] = send(awaitingDecision('closure'), 'GO', ['processOwner'], { ...SMALL, finalReportSummary });
      const [message] = platform(actions, 'sendToWorkflow') as { event: { payload: { summary: string } } }[];
      expect(CASE_EVENT_PAYLOADS.PROJECT_CLOSED.safeParse(message!.event.payload).success).toBe(true);
      return message!.event.payload.summary;
    };
    expect(summaryOf('  Delivered.  ')).toBe('Delivered.');
    expect(summaryOf(undefined)).toBe(DEFAULT_CLOSING_SUMMARY);
    expect(summaryOf(null)).toBe(DEFAULT_CLOSING_SUMMARY);
    expect(summaryOf('   ')).toBe(DEFAULT_CLOSING_SUMMARY);
    expect(summaryOf('x'.repeat(5000))).toHaveLength(4000);
  });

  it('a project closed without measurement points starts a follow-up with none, and sends it only the fields it takes', () => {
    const [, none] = send(awaitingDecision('closure'), 'GO', ['processOwner'], { checklistMissing: [] });
    expect(platform(none, 'startWorkflow')).toEqual([{ workflowId: 'benefits-followup', key: 'benefits', input: { caseId: CASE_ID, projectId: PROJECT_ID, processId: PROCESS_ID, points: [] } }]);
    const extra = [{ dueOn: '2027-03-01', benefitIds: [BENEFIT_A], label: 'first' }];
    const [, some] = send(awaitingDecision('closure'), 'GO', ['processOwner'], { ...SMALL, measurementPoints: extra });
    const [{ input }] = platform(some, 'startWorkflow') as { input: unknown }[];
    expect(FOLLOWUP_INPUT.safeParse(input).success).toBe(true);
  });
});

describe('project machine: a large project’s council decides, the rector approves', () => {
  it('the council’s decision waits for the rector, who is told; nothing takes effect yet', () => {
    const [s, actions] = send(awaitingDecision('planning', LARGE), 'GO', ['council'], LARGE);
    expect(stateOf(s)).toBe(at('planning', 'awaitingApproval'));
    expect(s.context.pendingDecision).toEqual({ gate: 'BP3', decision: 'GO', reason: PAYLOAD.GO.reason, by: 'user-council' });
    expect(s.context.gateDecisions.map((d) => d.gate)).toEqual(['BP2']);
    expect(notifies(actions)).toEqual([{ to: 'rector', template: 'gateDecisionToApprove' }]);
    expect([...raised(actions), ...cancelled(actions)]).toEqual([]);
  });

  it('the rector’s approval puts a GO into effect: the next phase, the decision recorded as the council’s, approved by the rector', () => {
    const [s, actions] = send(awaitingApproval('planning', 'GO'), 'APPROVE_GATE_DECISION', ['rector'], LARGE);
    expect(stateOf(s)).toBe(at('execution', 'working'));
    expect(s.context.pendingDecision).toBeNull();
    expect(s.context.gateDecisions.at(-1)).toEqual({ gate: 'BP3', decision: 'GO', reason: PAYLOAD.GO.reason, by: 'user-council', as: 'council', approvedBy: 'user-rector' });
    expect(s.context.plannedGateOn).toBe('2026-09-15');
    expect(cancelled(actions)).toEqual(PHASE_TIMERS('planning'));
    expect(raised(actions)).toEqual(PHASE_TIMERS('execution'));
    expect(notifies(actions)).toEqual([
      { to: 'projectManager', template: 'gateDecided' },
      { to: 'projectOwner', template: 'gateDecided' },
      { to: 'secretariat', template: 'gateDecided' },
    ]);
  });

  it('the rector’s rejection sends the gate back to the council, with no decision taken', () => {
    const before = awaitingApproval('concept', 'STOP');
    const [s, actions] = send(before, 'REJECT_GATE_DECISION', ['rector'], LARGE);
    expect(stateOf(s)).toBe(at('concept', 'awaitingDecision'));
    expect(s.context.pendingDecision).toBeNull();
    expect(s.context.gateDecisions).toEqual([]);
    expect(s.context.stop).toBeNull();
    expect(notifies(actions)).toEqual([
      { to: 'secretariat', template: 'gateDecisionReturned' },
      { to: 'council', template: 'gateDecisionReturned' },
    ]);
    expect([...raised(actions), ...cancelled(actions)]).toEqual([]);
    // The council decides again.
    expect(stateOf(send(s, 'RECYCLE', ['council'], LARGE)[0])).toBe(at('concept', 'awaitingApproval'));
  });

  it('an approved RECYCLE sends the project back to work in the phase', () => {
    const [s] = send(awaitingApproval('execution', 'RECYCLE'), 'APPROVE_GATE_DECISION', ['rector'], LARGE);
    expect(stateOf(s)).toBe(at('execution', 'working'));
    expect(s.context.gateDecisions.at(-1)).toMatchObject({ gate: 'BP4', decision: 'RECYCLE', as: 'council', approvedBy: 'user-rector' });
  });

  it('an approved HOLD holds the deadlines with the council’s reason; the council resumes', () => {
    const [held, a1] = send(awaitingApproval('closure', 'HOLD'), 'APPROVE_GATE_DECISION', ['rector'], LARGE);
    expect(stateOf(held)).toBe(at('closure', 'onHold'));
    expect(held.context.hold).toEqual({ gate: 'BP5', reason: PAYLOAD.HOLD.reason, by: 'user-council' });
    expect(platform(a1, 'holdDeadlines')).toEqual([{ reason: PAYLOAD.HOLD.reason }]);
    const [resumed, a2] = send(held, 'RESUME', ['council'], LARGE);
    expect(stateOf(resumed)).toBe(at('closure', 'working'));
    expect(platform(a2, 'resumeDeadlines')).toEqual([{ reason: PAYLOAD.RESUME.reason }]);
  });

  it('an approved STOP tells the case with the council’s reason', () => {
    const [s, actions] = send(awaitingApproval('planning', 'STOP'), 'APPROVE_GATE_DECISION', ['rector'], LARGE);
    expect(s.value).toBe('stopped');
    expect(s.context.stop).toEqual({ gate: 'BP3', reason: PAYLOAD.STOP.reason });
    expect(platform(actions, 'sendToWorkflow')).toEqual([
      { workflowId: 'improvement-case', instanceId: CASE_ID, event: { type: 'PROJECT_STOPPED', payload: { projectId: PROJECT_ID, reason: PAYLOAD.STOP.reason } } },
    ]);
  });

  it('an approved GO at BP5 closes the project, tells the case and starts the follow-up', () => {
    const [s, actions] = send(awaitingApproval('closure', 'GO'), 'APPROVE_GATE_DECISION', ['rector'], LARGE);
    expect(s.value).toBe('closed');
    expect(s.context.gateDecisions.at(-1)).toMatchObject({ gate: 'BP5', decision: 'GO', as: 'council', approvedBy: 'user-rector' });
    expect(actions.filter((a) => a.type === 'sendToWorkflow' || a.type === 'startWorkflow').map((a) => a.type)).toEqual(['sendToWorkflow', 'startWorkflow']);
  });
});

describe('project machine: deadlines', () => {
  it('declares every deadline as a named delay with its nominal length', () => {
    expect(machine.implementations.delays).toEqual({
      gateReminder: 85 * 24 * 3600 * 1000,
      gateOverdue: 90 * 24 * 3600 * 1000,
      statusReportReminder: 25 * 24 * 3600 * 1000,
      statusReportOverdue: 31 * 24 * 3600 * 1000,
    });
    expect(PROJECT_DEADLINES.gateReminder).toEqual({ dueDate: 'plannedGateOn', before: { workingDays: 5 }, fallback: { calendarDays: 85 } });
    expect(PROJECT_DEADLINES.gateOverdue).toEqual({ dueDate: 'plannedGateOn', fallback: { calendarDays: 90 } });
  });

  it.each([
    { sub: 'working', route: () => working('planning') },
    { sub: 'awaitingDecision', route: () => awaitingDecision('planning') },
    { sub: 'awaitingApproval', route: () => awaitingApproval('planning', 'GO') },
  ] as const)('the gate reminder goes to the project manager, the overdue gate to the project owner, in $sub: it stays, nothing restarts', ({ sub, route }) => {
    const [reminded, a1] = fire(route(), 'gateReminder', 'active.phase.planning');
    expect(stateOf(reminded)).toBe(at('planning', sub));
    expect(notifies(a1)).toEqual([{ to: 'projectManager', template: 'gateReminder' }]);
    expect([...raised(a1), ...cancelled(a1)]).toEqual([]);
    const [overdue, a2] = fire(reminded, 'gateOverdue', 'active.phase.planning');
    expect(stateOf(overdue)).toBe(at('planning', sub));
    expect(notifies(a2)).toEqual([{ to: 'projectOwner', template: 'gateOverdue' }]);
    expect(overdue.context.deadlinesPassed).toEqual([
      { state: 'active.phase.planning', delay: 'gateReminder' },
      { state: 'active.phase.planning', delay: 'gateOverdue' },
    ]);
  });

  it('the status report reminder goes to the project manager; the overdue report to the project owner, and the cycle shows it overdue', () => {
    const [reminded, a1] = fire(working('execution'), 'statusReportReminder', 'active.reporting.awaitingReport');
    expect(stateOf(reminded)).toBe(at('execution', 'working'));
    expect(notifies(a1)).toEqual([{ to: 'projectManager', template: 'statusReportReminder' }]);
    const [overdue, a2] = fire(reminded, 'statusReportOverdue', 'active.reporting.awaitingReport');
    expect(stateOf(overdue)).toBe(at('execution', 'working', 'reportOverdue'));
    expect(notifies(a2)).toEqual([{ to: 'projectOwner', template: 'statusReportOverdue' }]);
    expect(cancelled(a2)).toEqual([timerId('statusReportReminder', 'active.reporting.awaitingReport'), timerId('statusReportOverdue', 'active.reporting.awaitingReport')]);
    expect(overdue.context.deadlinesPassed).toEqual([
      { state: 'active.reporting.awaitingReport', delay: 'statusReportReminder' },
      { state: 'active.reporting.awaitingReport', delay: 'statusReportOverdue' },
    ]);
  });

  it('SUBMIT_STATUS_REPORT counts the report, tells the project owner and starts the next month’s deadlines, leaving the phase alone', () => {
    const [s, actions] = send(awaitingDecision('planning'), 'SUBMIT_STATUS_REPORT', ['projectManager']);
    expect(stateOf(s)).toBe(at('planning', 'awaitingDecision'));
    expect(s.context.statusReports).toBe(1);
    expect(notifies(actions)).toEqual([{ to: 'projectOwner', template: 'statusReportSubmitted' }]);
    expect(cancelled(actions)).toEqual(REPORT_TIMERS);
    expect(raised(actions)).toEqual(REPORT_TIMERS);

    const [late, a2] = send(reportOverdue(), 'SUBMIT_STATUS_REPORT', ['projectManager']);
    expect(stateOf(late)).toBe(at('concept', 'working'));
    expect(late.context.statusReports).toBe(1);
    expect(cancelled(a2)).toEqual([]);
    expect(raised(a2)).toEqual(REPORT_TIMERS);
  });

  it('a status report is taken while the project is on hold: its new deadlines start held (the runtime holds what starts during a hold)', () => {
    const [s, actions] = send(onHold('execution'), 'SUBMIT_STATUS_REPORT', ['projectManager']);
    expect(stateOf(s)).toBe(at('execution', 'onHold'));
    expect(raised(actions)).toEqual(REPORT_TIMERS);
    expect(platform(actions, 'resumeDeadlines')).toEqual([]);
  });

  it('a timer of a phase the project has left does nothing, nor one of the report cycle once overdue', () => {
    const planning = working('planning');
    expectUnchanged(planning, fire(planning, 'gateOverdue', 'active.phase.concept'));
    const overdue = reportOverdue();
    expectUnchanged(overdue, fire(overdue, 'statusReportOverdue', 'active.reporting.awaitingReport'));
    const m = mandate();
    expectUnchanged(m, fire(m, 'statusReportReminder', 'active.reporting.awaitingReport'));
  });
});

describe('project registration', () => {
  it('is accepted by the runtime registry: labels, roles, deadline rules, escalations and wording all present', () => {
    expect(registry.latest('project').version).toBe(1);
    expect(registration.machine).toBe(machine);
    expect(registration.input).toBe(PROJECT_INPUT);
    expect(PROJECT_WORKFLOW.noun).toEqual({ nb: 'prosjekt', en: 'project' });
    expect(PROJECT_WORKFLOW.escalations).toEqual({
      gateOverdue: { role: 'projectOwner', recipient: 'projectOwner' },
      statusReportOverdue: { role: 'projectOwner', recipient: 'projectOwner' },
    });
  });

  it('has a payload schema for exactly the events the machine takes, each described', () => {
    const taken = new Set<string>();
    for (const node of stateNodesOf(machine)) for (const type of node.transitions.keys()) if (!type.startsWith('xstate.')) taken.add(type);
    expect([...taken].sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      expect({ type, success: PROJECT_EVENT_PAYLOADS[type].safeParse(PAYLOAD[type]).success }).toEqual({ type, success: true });
      expect(PROJECT_EVENT_PAYLOADS[type].description?.length).toBeGreaterThan(10);
    }
  });

  it('labels every state in bokmål and English, the phases by their names', () => {
    const paths = stateNodesOf(machine).map(pathOf).sort();
    expect(Object.keys(PROJECT_STATE_LABELS).sort()).toEqual(paths);
    for (const label of Object.values(PROJECT_STATE_LABELS)) expect(label.nb.length * label.en.length).toBeGreaterThan(0);
    expect(PROJECT_STATE_LABELS['active.phase.concept']).toEqual({ nb: 'Konseptfase', en: 'Concept phase' });
    expect(PROJECT_STATE_LABELS['active.phase.execution.awaitingDecision']).toEqual({ nb: 'Gjennomføringsfase – venter på beslutning ved BP4', en: 'Execution phase – awaiting the BP4 decision' });
    expect(PROJECT_STATE_LABELS['mandate']).toEqual({ nb: 'Venter på prosjekteier og prosjektleder', en: 'Awaiting project owner and manager' });
    for (const phase of PHASES) expect(PROJECT_STATE_LABELS[`active.phase.${phase}.onHold`]!.en).toContain(GATE_OF_PHASE[phase]);
  });

  it('says whom each state waits for, and who keeps its deadlines, on the paths the runtime stores', () => {
    expect(waitsForAt(machine, 'mandate')).toEqual(['processOwner']);
    expect(waitsForAt(machine, at('planning', 'working'))).toEqual(['projectManager']);
    expect(waitsForAt(machine, at('planning', 'awaitingDecision'))).toEqual(['processOwner', 'council', 'projectManager']);
    expect(waitsForAt(machine, at('planning', 'awaitingApproval'))).toEqual(['rector', 'projectManager']);
    expect(waitsForAt(machine, at('planning', 'onHold'))).toEqual(['processOwner', 'council', 'projectManager']);
    expect(waitsForAt(machine, 'closed')).toEqual([]);
    expect(deadlineOwnerAt(machine, at('planning', 'working'))).toBe('projectManager');
    expect(deadlineOwnerAt(machine, at('planning', 'awaitingDecision'))).toBe('projectOwner');
    expect(deadlineOwnerAt(machine, at('planning', 'awaitingApproval'))).toBe('projectOwner');
    expect(deadlineOwnerAt(machine, 'stopped')).toBeNull();
  });

  it('accepts the input a case gives and refuses anything else', () => {
    expect(PROJECT_INPUT.safeParse(INPUT).success).toBe(true);
    expect(PROJECT_INPUT.safeParse({ caseId: CASE_ID }).success).toBe(false);
    expect(PROJECT_INPUT.safeParse({ ...INPUT, projectId: PROJECT_ID }).success).toBe(false);
  });

  it('refuses bad payloads, naming the field', () => {
    const bad: [ProjectEventType, unknown, string][] = [
      ['APPOINT_TEAM', { projectOwnerId: OWNER_ID }, 'projectManagerId'],
      ['APPOINT_TEAM', { projectOwnerId: 'kari', projectManagerId: MANAGER_ID }, 'projectOwnerId'],
      ['SET_GATE_DATE', { plannedOn: '15.06.2026', reason: 'r' }, 'plannedOn'],
      ['SET_GATE_DATE', { plannedOn: '2026-13-01', reason: 'r' }, 'plannedOn'],
      ['SET_GATE_DATE', { plannedOn: '2026-06-15' }, 'reason'],
      ['STOP', {}, 'reason'],
      ['HOLD', { reason: '   ' }, 'reason'],
      ['GO', { reason: 'x'.repeat(4001) }, 'reason'],
      ['GO', { reason: 'Fine.', nextPhase: 'planning' }, ''],
      ['WITHDRAW_FROM_GATE', {}, 'reason'],
      ['REJECT_GATE_DECISION', { note: 'no' }, ''],
      ['RESUME', {}, 'reason'],
      ['APPROVE_GATE_DECISION', { decision: 'GO' }, ''],
      ['SUBMIT_STATUS_REPORT', { status: 'green', summary: 's' }, 'status'],
      ['SUBMIT_STATUS_REPORT', { status: 'onTrack' }, 'summary'],
    ];
    for (const [type, payload, field] of bad) {
      const result = PROJECT_EVENT_PAYLOADS[type].safeParse(payload);
      expect({ type, payload, success: result.success }).toEqual({ type, payload, success: false });
      if (field) expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
      else expect(result.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
    }
  });
});
