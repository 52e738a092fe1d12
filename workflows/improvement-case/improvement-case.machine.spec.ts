import { initialTransition, transition } from 'xstate';
import { childInstanceId } from '#flyt/workflow-runtime/domain';
import {
  decide,
  deadlineOwnerAt,
  MachineRegistry,
  migrateSnapshot,
  migrationPath,
  notPermittedMessage,
  persist,
  restore,
  statesTagged,
  waitsForAt,
} from '#flyt/workflow-runtime';
import type { AnyStateNode } from 'xstate';
import {
  CASE_DEADLINES,
  CASE_EVENT_PAYLOADS,
  CASE_EVENT_PAYLOADS_V1,
  CASE_EVENT_PAYLOADS_V2,
  CASE_EVENT_PAYLOADS_V3,
  CASE_EVENT_TYPES,
  CASE_ROLES,
  CASE_STATE_LABELS,
  improvementCaseMachine,
  improvementCaseMachineOf,
  type CaseEventPayload,
  type CaseEventPayloadV1,
  type CaseEventType,
  type CaseMachineVersion,
  type CaseRole,
  type ImprovementCaseEvent,
  type ImprovementCaseFacts,
  type ImprovementCaseInput,
} from './improvement-case.machine.js';
import { CASE_REFUSALS, CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP, DECIDED_BY_A_PRIORITY_ROUND, SENT_BY_ANOTHER_WORKFLOW } from './improvement-case.refusals.js';
import { IMPROVEMENT_CASE_WORKFLOW, V1_STATES_IN_V2, V2_STATES_IN_V3 } from './improvement-case.workflow.js';

type Machine = ReturnType<typeof improvementCaseMachineOf>;
type Snapshot = ReturnType<Machine['transition']>;
type Actions = readonly { type: string; params?: unknown }[];

const CASE_ID = '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0001';
const OTHER_CASE_ID = '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0002';
const ROUND_ID = '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0003';
const PROJECT_ID = '0c6f1f3e-8a39-4a52-9d0f-6a1f5b2c0004';

const BY_LINE_MANAGER: ImprovementCaseInput = {
  caseId: CASE_ID,
  processId: 'process-admissions',
  reportingUnitId: 'unit-ie',
  reporterId: 'user-lm',
  reportedByEmployee: false,
};
const BY_EMPLOYEE: ImprovementCaseInput = { ...BY_LINE_MANAGER, reporterId: 'user-emp', reportedByEmployee: true };

const DAY = 24 * 60 * 60 * 1000;

/** A valid payload for every event type of version 1 (checked against the schemas below). */
const PAYLOAD_V1: { [T in CaseEventType]: CaseEventPayloadV1<T> } = {
  SUBMIT: {},
  ENDORSE: { comment: 'Good idea, we take it up.' },
  WITHDRAW: { reason: 'Solved otherwise.' },
  REQUEST_INFO: { question: 'How many applications a year?' },
  PROVIDE_INFO: { answer: 'About 4000.' },
  REJECT: { reason: 'out_of_scope_no_it_component', text: 'No significant IT component.' },
  MERGE_INTO: { caseId: OTHER_CASE_ID, text: 'Same request as the other case.' },
  ACCEPT_LOCAL: { plan: 'Change the checklist.' },
  COMPLETE_STEP: { summary: 'Done.', nextStepDueOn: '2026-03-02' },
  RESTART_CYCLE: { reason: 'Did not reduce waiting time.', nextStepDueOn: '2026-04-01' },
  ESCALATE: { text: 'Needs a decision across faculties.' },
  RETURN_TO_RESPONSIBLE: { text: 'Handle it locally.' },
  PROPOSE_TO_PROGRAMME: { text: 'Worth a project.' },
  PRIORITISE: { roundId: ROUND_ID, allocation: { amountNok: 900000, note: 'Within frame 2026.' } },
  DEFER: { reason: 'Budget frame used.', roundId: ROUND_ID },
  DECLINE: { reason: 'Low strategic fit.', roundId: ROUND_ID },
  PROJECT_CLOSED: { projectId: PROJECT_ID, summary: 'Delivered.' },
  PROJECT_STOPPED: { reason: 'Supplier failed.', projectId: PROJECT_ID },
  CONCLUDE_BENEFITS: { summary: 'Benefits realised as planned.' },
};

/** What every decision of the round names, as libs/portfolio sends it. */
const ROUND = { roundId: ROUND_ID, roundTitle: 'Utviklingsplan 2027', score: 3.875 };
/** Version 2: the round's decisions; every other payload as in version 1. */
const PAYLOAD_V2: { [T in CaseEventType]: CaseEventPayload<T> } = {
  ...PAYLOAD_V1,
  PRIORITISE: {
    ...ROUND,
    explanation: 'Valgt, med poengsum 3,875.',
    allocation: {
      amountNok: 1_500_000,
      byYear: [
        { year: 2027, amountNok: 1_000_000 },
        { year: 2028, amountNok: 500_000 },
      ],
      note: 'Within the frame for 2027–2028.',
    },
  },
  DEFER: { ...ROUND, score: 2.5, explanation: 'Ikke med: rammen er brukt opp.', reason: 'Ikke med i porteføljen til Utviklingsplan 2027; venter på neste prioriteringsrunde.' },
  DECLINE: { ...ROUND, score: null, explanation: 'Ikke med: ingen kunne stemme på den.', reason: 'Utenfor programmets mandat.' },
};

/** Version 3: the benefits follow-up concludes the case, with the outcome; every other payload as in version 2. */
const PAYLOAD_V3: { [T in CaseEventType]: CaseEventPayload<T> } = {
  ...PAYLOAD_V2,
  CONCLUDE_BENEFITS: { summary: 'Two of three benefits realised.', outcome: 'partlyRealised' },
};

/** The case data as the cases lib gives it with an event: a complete assessment, within the thresholds, with an IT component. */
const COMPLETE: ImprovementCaseFacts = { costBenefitComplete: true, localThresholdsCrossed: [], significantItComponent: true, processId: 'process-admissions' };
/** The estimates of a case too large to stay in the unit. */
const LARGE: ImprovementCaseFacts = { ...COMPLETE, localThresholdsCrossed: ['it runs for 9 months, longer than 6', 'it moves costs or work to other units'] };

interface Version {
  version: CaseMachineVersion;
  machine: Machine;
  /** The role that moves a case out of awaitingPrioritisation. */
  decider: CaseRole;
  /** The role that concludes the benefits work (BP6). */
  concluder: CaseRole;
  payload: { [T in CaseEventType]: CaseEventPayloadV1<T> | CaseEventPayload<T> };
}
const V1: Version = { version: 1, machine: improvementCaseMachineOf(1), decider: 'programme', concluder: 'processOwner', payload: PAYLOAD_V1 };
const V2: Version = { version: 2, machine: improvementCaseMachineOf(2), decider: 'system', concluder: 'processOwner', payload: PAYLOAD_V2 };
const V3: Version = { version: 3, machine: improvementCaseMachineOf(3), decider: 'system', concluder: 'system', payload: PAYLOAD_V3 };
const VERSIONS = [V1, V2, V3];

/** The delayed event XState raises for a named delay of a state (stateId = machine id + dotted path). */
const afterEvent = (delay: string, path: string) => ({ type: `xstate.after.${delay}.improvement-case.${path}` }) as unknown as ImprovementCaseEvent;

const notifies = (actions: Actions) => actions.filter((a) => a.type === 'notify').map((a) => a.params);
const raised = (actions: Actions) =>
  actions
    .filter((a) => a.type === 'xstate.raise')
    .map((a) => ({ id: (a.params as { id: string }).id, delay: (a.params as { delay: number }).delay }));
const cancelled = (actions: Actions) => actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);
const timerId = (delay: string, path: string) => `xstate.after.${delay}.improvement-case.${path}`;
const stateOf = (s: Snapshot) => (typeof s.value === 'string' ? s.value : Object.entries(s.value).map(([k, v]) => `${k}.${String(v)}`)[0]);

function expectUnchanged(before: Snapshot, [after, actions]: [Snapshot, Actions]) {
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(after.status).toBe(before.status);
  expect(actions).toEqual([]);
}

/** Sending, timers and the routes to every state, on one version's machine. */
function on({ machine, decider, concluder, payload: PAYLOAD }: Version) {
  function ev<T extends CaseEventType>(type: T, roles: readonly CaseRole[], facts: ImprovementCaseFacts = COMPLETE, payload: unknown = PAYLOAD[type]) {
    return { type, payload, actor: { userId: roles.includes('system') ? null : `user-${roles[0] ?? 'nobody'}`, roles }, facts } as ImprovementCaseEvent;
  }
  const send = <T extends CaseEventType>(s: Snapshot, type: T, roles: readonly CaseRole[], facts?: ImprovementCaseFacts, payload?: unknown): [Snapshot, Actions] =>
    transition(machine, s, ev(type, roles, facts, payload));
  const fire = (s: Snapshot, delay: string, path: string): [Snapshot, Actions] => transition(machine, s, afterEvent(delay, path));

  // Routes to every state, from a case a line manager reported (SUBMIT) or an employee reported (ENDORSE).
  const start = (input: ImprovementCaseInput = BY_LINE_MANAGER) => initialTransition(machine, input)[0];
  const draft = (input?: ImprovementCaseInput) => start(input);
  const submitted = () => send(draft(), 'SUBMIT', ['lineManager', 'reporter'])[0];
  const awaitingInformation = () => send(submitted(), 'REQUEST_INFO', ['processResponsible'])[0];
  const withProcessOwner = () => send(submitted(), 'ESCALATE', ['processResponsible'])[0];
  const local = (step: 'plan' | 'trial' | 'followUp' | 'evaluation' | 'adjustment') => {
    const order = ['plan', 'trial', 'followUp', 'evaluation', 'adjustment'];
    let s = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'])[0];
    for (let i = 0; i < order.indexOf(step); i++) s = send(s, 'COMPLETE_STEP', ['lineManager'])[0];
    return s;
  };
  const awaitingPrioritisation = () => send(withProcessOwner(), 'PROPOSE_TO_PROGRAMME', ['processOwner'])[0];
  const inRealisation = () => send(awaitingPrioritisation(), 'PRIORITISE', [decider])[0];
  const benefitsFollowUp = () => send(inRealisation(), 'PROJECT_CLOSED', ['system'])[0];

  /**
   * The whole permission table: in each active state, the events that move the case, who may send
   * them, and where they lead. Everything else (other events, other roles) must leave the case as it is.
   */
  const TABLE: { state: string; at: () => Snapshot; allowed: Partial<Record<CaseEventType, { roles: CaseRole[]; to: string }>> }[] = [
    {
      state: 'draft (reported by a line manager)',
      at: () => draft(BY_LINE_MANAGER),
      allowed: { SUBMIT: { roles: ['lineManager'], to: 'submitted' }, WITHDRAW: { roles: ['reporter'], to: 'withdrawn' } },
    },
    {
      state: 'draft (reported by an employee)',
      at: () => draft(BY_EMPLOYEE),
      allowed: { ENDORSE: { roles: ['lineManager'], to: 'submitted' }, WITHDRAW: { roles: ['reporter'], to: 'withdrawn' } },
    },
    {
      state: 'submitted',
      at: submitted,
      allowed: {
        REQUEST_INFO: { roles: ['processResponsible'], to: 'awaitingInformation' },
        REJECT: { roles: ['processResponsible'], to: 'rejected' },
        MERGE_INTO: { roles: ['processResponsible'], to: 'merged' },
        ACCEPT_LOCAL: { roles: ['processResponsible'], to: 'localImprovement.plan' },
        ESCALATE: { roles: ['processResponsible'], to: 'withProcessOwner' },
        WITHDRAW: { roles: ['reporter'], to: 'withdrawn' },
      },
    },
    {
      state: 'awaitingInformation',
      at: awaitingInformation,
      allowed: { PROVIDE_INFO: { roles: ['reporter'], to: 'submitted' }, WITHDRAW: { roles: ['reporter'], to: 'withdrawn' } },
    },
    {
      state: 'withProcessOwner',
      at: withProcessOwner,
      allowed: {
        RETURN_TO_RESPONSIBLE: { roles: ['processOwner'], to: 'submitted' },
        REJECT: { roles: ['processOwner'], to: 'rejected' },
        PROPOSE_TO_PROGRAMME: { roles: ['processOwner'], to: 'awaitingPrioritisation' },
        WITHDRAW: { roles: ['reporter'], to: 'withdrawn' },
      },
    },
    { state: 'localImprovement.plan', at: () => local('plan'), allowed: { COMPLETE_STEP: { roles: ['lineManager'], to: 'localImprovement.trial' } } },
    { state: 'localImprovement.trial', at: () => local('trial'), allowed: { COMPLETE_STEP: { roles: ['lineManager'], to: 'localImprovement.followUp' } } },
    {
      state: 'localImprovement.followUp',
      at: () => local('followUp'),
      allowed: { COMPLETE_STEP: { roles: ['lineManager'], to: 'localImprovement.evaluation' } },
    },
    {
      state: 'localImprovement.evaluation',
      at: () => local('evaluation'),
      allowed: {
        COMPLETE_STEP: { roles: ['lineManager'], to: 'localImprovement.adjustment' },
        RESTART_CYCLE: { roles: ['lineManager'], to: 'localImprovement.plan' },
      },
    },
    {
      state: 'localImprovement.adjustment',
      at: () => local('adjustment'),
      allowed: {
        COMPLETE_STEP: { roles: ['lineManager'], to: 'implemented' },
        RESTART_CYCLE: { roles: ['lineManager'], to: 'localImprovement.plan' },
      },
    },
    {
      state: 'awaitingPrioritisation',
      at: awaitingPrioritisation,
      allowed: {
        PRIORITISE: { roles: [decider], to: 'inRealisation' },
        DEFER: { roles: [decider], to: 'awaitingPrioritisation' },
        DECLINE: { roles: [decider], to: 'declined' },
        WITHDRAW: { roles: ['reporter'], to: 'withdrawn' },
      },
    },
    {
      state: 'inRealisation',
      at: inRealisation,
      allowed: { PROJECT_CLOSED: { roles: ['system'], to: 'benefitsFollowUp' }, PROJECT_STOPPED: { roles: ['system'], to: 'closed' } },
    },
    { state: 'benefitsFollowUp', at: benefitsFollowUp, allowed: { CONCLUDE_BENEFITS: { roles: [concluder], to: 'closed' } } },
  ];

  const FINAL_STATES: { state: string; at: () => Snapshot }[] = [
    { state: 'implemented', at: () => send(local('adjustment'), 'COMPLETE_STEP', ['lineManager'])[0] },
    { state: 'closed', at: () => send(benefitsFollowUp(), 'CONCLUDE_BENEFITS', [concluder])[0] },
    { state: 'rejected', at: () => send(submitted(), 'REJECT', ['processResponsible'])[0] },
    { state: 'declined', at: () => send(awaitingPrioritisation(), 'DECLINE', [decider])[0] },
    { state: 'withdrawn', at: () => send(submitted(), 'WITHDRAW', ['reporter'])[0] },
    { state: 'merged', at: () => send(submitted(), 'MERGE_INTO', ['processResponsible'])[0] },
  ];

  return { machine, send, fire, draft, submitted, awaitingInformation, withProcessOwner, local, awaitingPrioritisation, inRealisation, benefitsFollowUp, TABLE, FINAL_STATES };
}

describe.each(VERSIONS)('improvement-case machine v$version: who may send what, where', (v) => {
  const { send, TABLE, FINAL_STATES } = on(v);

  describe.each(TABLE)('in $state', ({ at, allowed }) => {
    it('is in the state the route leads to, active', () => {
      expect(at().status).toBe('active');
    });

    for (const type of CASE_EVENT_TYPES) {
      const rule = allowed[type];
      for (const role of CASE_ROLES) {
        const permitted = rule?.roles.includes(role) ?? false;
        it(`${type} by ${role} ${permitted ? `→ ${rule?.to}` : 'is refused, case unchanged'}`, () => {
          const before = at();
          const result = send(before, type, [role]);
          if (permitted) expect(stateOf(result[0])).toBe(rule?.to);
          else expectUnchanged(before, result);
        });
      }
      if (!rule) {
        it(`${type} is refused here even with every role (wrong state, 422)`, () => {
          const before = at();
          expectUnchanged(before, send(before, type, CASE_ROLES));
        });
      }
    }
  });

  it.each(FINAL_STATES)('$state is final: done, and no event moves it', ({ state, at }) => {
    const s = at();
    expect(stateOf(s)).toBe(state);
    expect(s.status).toBe('done');
    for (const type of CASE_EVENT_TYPES) expectUnchanged(s, send(s, type, CASE_ROLES));
  });
});

describe.each(VERSIONS)('improvement-case machine v$version: transitions, context and effects', (v) => {
  const { machine, send, draft, submitted, awaitingInformation, withProcessOwner, local, awaitingPrioritisation, inRealisation, benefitsFollowUp } = on(v);

  it('starts in draft with the input in context and nothing scheduled', () => {
    const [s, actions] = initialTransition(machine, BY_EMPLOYEE);
    expect(s.value).toBe('draft');
    expect(s.context).toMatchObject({ ...BY_EMPLOYEE, infoRequest: null, rejection: null, mergedInto: null, localImprovement: null, deferrals: [] });
    expect(actions).toEqual([]);
  });
  it('SUBMIT of a line manager’s own draft notifies the process responsible and schedules the triage deadlines', () => {
    const [s, actions] = send(draft(), 'SUBMIT', ['lineManager', 'reporter']);
    expect(s.value).toBe('submitted');
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'caseSubmitted' }]);
    expect(raised(actions)).toEqual([
      { id: timerId('responsibleReminder', 'submitted'), delay: 7 * DAY },
      { id: timerId('ownerEscalation', 'submitted'), delay: 14 * DAY },
    ]);
  });

  it('ENDORSE: the line manager takes up an employee’s idea; SUBMIT is not the way for it (422 even with every role)', () => {
    const d = draft(BY_EMPLOYEE);
    expectUnchanged(d, send(d, 'SUBMIT', CASE_ROLES));
    const [s, actions] = send(d, 'ENDORSE', ['lineManager'], {}, { comment: 'We take it up.' });
    expect(s.value).toBe('submitted');
    expect(s.context.endorsement).toEqual({ by: 'user-lineManager', comment: 'We take it up.' });
    expect(notifies(actions)).toEqual([
      { to: 'reporter', template: 'caseEndorsed' },
      { to: 'processResponsible', template: 'caseSubmitted' },
    ]);
    expect(raised(actions).map((r) => r.id)).toEqual([timerId('responsibleReminder', 'submitted'), timerId('ownerEscalation', 'submitted')]);
  });

  it('ENDORSE of a line manager’s own draft is refused even with every role', () => {
    const d = draft(BY_LINE_MANAGER);
    expectUnchanged(d, send(d, 'ENDORSE', CASE_ROLES));
  });

  it('a reporter who is not the line manager cannot submit their own draft', () => {
    const d = draft(BY_EMPLOYEE);
    expectUnchanged(d, send(d, 'ENDORSE', ['reporter']));
  });

  it('REQUEST_INFO stores the question, cancels the triage timers and starts the information timers', () => {
    const [s, actions] = send(submitted(), 'REQUEST_INFO', ['processResponsible'], {}, { question: 'Volume?' });
    expect(s.value).toBe('awaitingInformation');
    expect(s.context.infoRequest).toEqual({ question: 'Volume?', answer: null, askedBy: 'user-processResponsible', rounds: 1 });
    expect(cancelled(actions)).toEqual([timerId('responsibleReminder', 'submitted'), timerId('ownerEscalation', 'submitted')]);
    expect(raised(actions)).toEqual([
      { id: timerId('reporterReminder', 'awaitingInformation'), delay: 7 * DAY },
      { id: timerId('informationTimeout', 'awaitingInformation'), delay: 30 * DAY },
    ]);
    expect(notifies(actions)).toEqual([{ to: 'reporter', template: 'informationRequested' }]);
  });

  it('PROVIDE_INFO records the answer, returns to submitted and restarts the triage deadlines; a second question counts', () => {
    const [s, actions] = send(awaitingInformation(), 'PROVIDE_INFO', ['reporter'], {}, { answer: '4000 a year' });
    expect(s.value).toBe('submitted');
    expect(s.context.infoRequest).toMatchObject({ answer: '4000 a year', rounds: 1 });
    expect(cancelled(actions)).toEqual([timerId('reporterReminder', 'awaitingInformation'), timerId('informationTimeout', 'awaitingInformation')]);
    expect(raised(actions).map((r) => r.id)).toEqual([timerId('responsibleReminder', 'submitted'), timerId('ownerEscalation', 'submitted')]);
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'informationProvided' }]);
    const [again] = send(s, 'REQUEST_INFO', ['processResponsible'], {}, { question: 'And the cost?' });
    expect(again.context.infoRequest).toEqual({ question: 'And the cost?', answer: null, askedBy: 'user-processResponsible', rounds: 2 });
  });

  it('REJECT at triage keeps the reason (the policy’s scope rule) and who rejected', () => {
    const [s, actions] = send(submitted(), 'REJECT', ['processResponsible'], {}, { reason: 'out_of_scope_no_it_component', text: 'No IT.' });
    expect(s.value).toBe('rejected');
    expect(s.status).toBe('done');
    expect(s.context.rejection).toEqual({ reason: 'out_of_scope_no_it_component', text: 'No IT.', by: 'processResponsible', userId: 'user-processResponsible' });
    expect(notifies(actions)).toEqual([{ to: 'reporter', template: 'caseRejected' }]);
    expect(cancelled(actions)).toHaveLength(2);
  });

  it('REJECT by the process owner records the process owner', () => {
    const [s] = send(withProcessOwner(), 'REJECT', ['processOwner'], {}, { reason: 'not_feasible', text: 'Too costly.' });
    expect(s.value).toBe('rejected');
    expect(s.context.rejection).toMatchObject({ reason: 'not_feasible', by: 'processOwner' });
  });

  it('MERGE_INTO links the duplicate', () => {
    const [s, actions] = send(submitted(), 'MERGE_INTO', ['processResponsible'], {}, { caseId: OTHER_CASE_ID });
    expect(s.value).toBe('merged');
    expect(s.context.mergedInto).toEqual({ caseId: OTHER_CASE_ID, text: null });
    expect(notifies(actions)).toEqual([{ to: 'reporter', template: 'caseMerged' }]);
  });

  it('WITHDRAW by the reporter ends the case and tells the process responsible', () => {
    const [s, actions] = send(awaitingInformation(), 'WITHDRAW', ['reporter'], {}, { reason: 'No longer needed.' });
    expect(s.value).toBe('withdrawn');
    expect(s.context.withdrawal).toEqual({ by: 'reporter', reason: 'No longer needed.' });
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'caseWithdrawn' }]);
  });

  it('WITHDRAW while awaiting prioritisation also tells the programme secretariat', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'WITHDRAW', ['reporter'], {}, {});
    expect(s.value).toBe('withdrawn');
    expect(s.context.withdrawal).toEqual({ by: 'reporter', reason: null });
    expect(notifies(actions)).toEqual([
      { to: 'processResponsible', template: 'caseWithdrawn' },
      { to: 'programmeSecretariat', template: 'caseWithdrawn' },
    ]);
  });

  it('WITHDRAW is refused once the work is the unit’s (local improvement) or the programme’s (in realisation)', () => {
    for (const s of [local('plan'), local('evaluation'), inRealisation(), benefitsFollowUp()]) expectUnchanged(s, send(s, 'WITHDRAW', CASE_ROLES));
  });

  it('ESCALATE hands the case to the process owner with the owner deadlines', () => {
    const [s, actions] = send(submitted(), 'ESCALATE', ['processResponsible'], {}, { text: 'Cross-faculty.' });
    expect(s.value).toBe('withProcessOwner');
    expect(s.context.escalation).toEqual({ text: 'Cross-faculty.', by: 'user-processResponsible' });
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseEscalated' }]);
    expect(raised(actions)).toEqual([
      { id: timerId('ownerReminder', 'withProcessOwner'), delay: 14 * DAY },
      { id: timerId('secretariatEscalation', 'withProcessOwner'), delay: 28 * DAY },
    ]);
  });

  it('RETURN_TO_RESPONSIBLE sends the case back to triage', () => {
    const [s, actions] = send(withProcessOwner(), 'RETURN_TO_RESPONSIBLE', ['processOwner'], {}, { text: 'Do it locally.' });
    expect(s.value).toBe('submitted');
    expect(s.context.returnedToResponsible).toEqual({ text: 'Do it locally.', by: 'user-processOwner' });
    expect(cancelled(actions)).toEqual([timerId('ownerReminder', 'withProcessOwner'), timerId('secretariatEscalation', 'withProcessOwner')]);
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'caseReturnedToResponsible' }]);
  });

  it('PROPOSE_TO_PROGRAMME is refused without a complete cost-benefit assessment, even with every role (422, not 403)', () => {
    const s = withProcessOwner();
    expectUnchanged(s, send(s, 'PROPOSE_TO_PROGRAMME', ['processOwner'], {}));
    expectUnchanged(s, send(s, 'PROPOSE_TO_PROGRAMME', ['processOwner'], { costBenefitComplete: false }));
    expectUnchanged(s, send(s, 'PROPOSE_TO_PROGRAMME', CASE_ROLES, { costBenefitComplete: false }));
  });

  it('PROPOSE_TO_PROGRAMME with a complete cost-benefit assessment goes to the programme', () => {
    const [s, actions] = send(withProcessOwner(), 'PROPOSE_TO_PROGRAMME', ['processOwner'], { costBenefitComplete: true }, { text: 'Project.' });
    expect(s.value).toBe('awaitingPrioritisation');
    expect(s.context.proposal).toEqual({ text: 'Project.', by: 'user-processOwner' });
    expect(notifies(actions)).toEqual([
      { to: 'programmeSecretariat', template: 'caseProposedToProgramme' },
      { to: 'reporter', template: 'caseProposedToProgramme' },
    ]);
    expect(cancelled(actions)).toHaveLength(2);
    expect(raised(actions)).toEqual([]);
  });

  it(`PROJECT_CLOSED (system) starts benefits follow-up; CONCLUDE_BENEFITS (${v.concluder}) closes the case`, () => {
    const [followUp, a1] = send(inRealisation(), 'PROJECT_CLOSED', ['system']);
    expect(followUp.value).toBe('benefitsFollowUp');
    expect(followUp.context.project).toEqual({ outcome: 'closed', projectId: PROJECT_ID, text: 'Delivered.' });
    expect(notifies(a1)).toEqual([{ to: 'processOwner', template: 'projectClosed' }]);
    const [closed, a2] = send(followUp, 'CONCLUDE_BENEFITS', [v.concluder], {}, { summary: 'As planned.' });
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
    // Strict: version 1 and 2 wrote no outcome, and their cases must replay to what they stored.
    const by = v.concluder === 'system' ? null : 'user-processOwner';
    expect(closed.context.benefitsConclusion).toStrictEqual(v.version >= 3 ? { summary: 'As planned.', by, outcome: null } : { summary: 'As planned.', by });
    expect(notifies(a2)).toEqual([
      { to: 'programmeSecretariat', template: 'benefitsConcluded' },
      { to: 'reporter', template: 'benefitsConcluded' },
    ]);
  });

  it('PROJECT_STOPPED (system) closes the case with the reason', () => {
    const [s, actions] = send(inRealisation(), 'PROJECT_STOPPED', ['system'], {}, { reason: 'Stopped at BP3.' });
    expect(s.value).toBe('closed');
    expect(s.context.project).toEqual({ outcome: 'stopped', projectId: null, text: 'Stopped at BP3.' });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'projectStopped' },
      { to: 'reporter', template: 'projectStopped' },
    ]);
  });
});

describe('improvement-case machine v1: the programme secretariat prioritises, defers or declines by hand', () => {
  // Strict equality: a key version 1 did not write would make its stored cases fail replay.
  const { send, awaitingPrioritisation } = on(V1);

  it('DEFER keeps the case for the next round and logs every deferral', () => {
    const [once, actions] = send(awaitingPrioritisation(), 'DEFER', ['programme'], {}, { reason: 'Frame used.', roundId: ROUND_ID });
    expect(once.value).toBe('awaitingPrioritisation');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseDeferred' }]);
    const [twice] = send(once, 'DEFER', ['programme'], {}, { reason: 'Again.' });
    expect(twice.context.deferrals).toStrictEqual([
      { reason: 'Frame used.', roundId: ROUND_ID },
      { reason: 'Again.', roundId: null },
    ]);
  });

  it('PRIORITISE records the round and allocation (BP1)', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'PRIORITISE', ['programme']);
    expect(s.value).toBe('inRealisation');
    expect(s.context.prioritisation).toStrictEqual({ roundId: ROUND_ID, allocation: { amountNok: 900000, note: 'Within frame 2026.' } });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'casePrioritised' },
      { to: 'reporter', template: 'casePrioritised' },
    ]);
    const [bare] = send(awaitingPrioritisation(), 'PRIORITISE', ['programme'], {}, {});
    expect(bare.context.prioritisation).toStrictEqual({ roundId: null, allocation: null });
  });

  it('DECLINE ends the case with the programme’s reason', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'DECLINE', ['programme'], {}, { reason: 'Low fit.' });
    expect(s.value).toBe('declined');
    expect(s.status).toBe('done');
    expect(s.context.decline).toStrictEqual({ reason: 'Low fit.', roundId: null });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'caseDeclined' },
      { to: 'reporter', template: 'caseDeclined' },
    ]);
  });
});

describe.each([V2, V3])('improvement-case machine v$version: only a priority round prioritises, defers or declines', (v) => {
  const { send, awaitingPrioritisation } = on(v);
  const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
  const registered = registry.get('improvement-case', v.version);
  const asSecretariat = (type: 'PRIORITISE' | 'DEFER' | 'DECLINE') => ({ type, payload: PAYLOAD_V2[type], actor: { userId: 'user-secretariat', roles: ['programme'] }, facts: { ...COMPLETE } });

  it.each(['PRIORITISE', 'DEFER', 'DECLINE'] as const)('%s by the secretariat is a matter of roles (403): only Flyt itself, for the round, may', (type) => {
    const s = awaitingPrioritisation();
    expectUnchanged(s, send(s, type, ['programme']));
    expect(decide(registered, s, asSecretariat(type))).toEqual({ kind: 'not_permitted', requiredRoles: ['system'] });
    expect(notPermittedMessage(registered, type, ['system'])).toBe(
      `${type} is sent by Flyt itself (a deadline, the priority round that decided the case, the project it became, or the benefits follow-up after it), not by a person.`,
    );
  });

  it.each(['PRIORITISE', 'DEFER', 'DECLINE'] as const)('%s by a person is answered with who decides and what to do, naming no internal role', (type) => {
    const said = DECIDED_BY_A_PRIORITY_ROUND[type];
    expect(said).toMatch(/priority round once the rector approves it/);
    expect(said).toContain('set up a round under the programme');
    expect(said).not.toMatch(/\bsystem\b|\bprogramme secretariat\b|processOwner/);
  });

  it('leaves the secretariat nothing to send while the case awaits prioritisation, though the state still waits for it (it puts the case in a round)', () => {
    const s = awaitingPrioritisation();
    for (const type of CASE_EVENT_TYPES) expectUnchanged(s, send(s, type, ['programme']));
    expect(waitsForAt(v.machine, 'awaitingPrioritisation')).toEqual(['programme']);
  });

  it('PRIORITISE from the round records the round, its score, the explanation and the allocation per year (BP1)', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'PRIORITISE', ['system']);
    expect(s.value).toBe('inRealisation');
    expect(s.context.prioritisation).toStrictEqual({
      roundId: ROUND_ID,
      roundTitle: 'Utviklingsplan 2027',
      score: 3.875,
      explanation: 'Valgt, med poengsum 3,875.',
      allocation: {
        amountNok: 1_500_000,
        note: 'Within the frame for 2027–2028.',
        byYear: [
          { year: 2027, amountNok: 1_000_000 },
          { year: 2028, amountNok: 500_000 },
        ],
      },
    });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'casePrioritised' },
      { to: 'reporter', template: 'casePrioritised' },
    ]);
    const { note: _note, ...withoutNote } = PAYLOAD_V2.PRIORITISE.allocation;
    const [bare] = send(awaitingPrioritisation(), 'PRIORITISE', ['system'], {}, { ...PAYLOAD_V2.PRIORITISE, allocation: withoutNote });
    expect(bare.context.prioritisation?.allocation?.note).toBeNull();
  });

  it('DEFER from the round keeps the case for the next round, logging each round with its score and explanation', () => {
    const [once, actions] = send(awaitingPrioritisation(), 'DEFER', ['system']);
    expect(once.value).toBe('awaitingPrioritisation');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseDeferred' }]);
    const next = { ...PAYLOAD_V2.DEFER, roundId: OTHER_CASE_ID, roundTitle: 'Utviklingsplan 2028', score: null, explanation: 'Ikke med: ingen kunne stemme på den.' };
    const [twice] = send(once, 'DEFER', ['system'], {}, next);
    expect(twice.context.deferrals).toStrictEqual([
      { roundId: ROUND_ID, roundTitle: 'Utviklingsplan 2027', score: 2.5, explanation: 'Ikke med: rammen er brukt opp.', reason: PAYLOAD_V2.DEFER.reason },
      { roundId: OTHER_CASE_ID, roundTitle: 'Utviklingsplan 2028', score: null, explanation: 'Ikke med: ingen kunne stemme på den.', reason: PAYLOAD_V2.DEFER.reason },
    ]);
  });

  it('DECLINE from the round ends the case with the secretariat’s reason, the round and its explanation', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'DECLINE', ['system']);
    expect(s.value).toBe('declined');
    expect(s.status).toBe('done');
    expect(s.context.decline).toStrictEqual({
      roundId: ROUND_ID,
      roundTitle: 'Utviklingsplan 2027',
      score: null,
      explanation: 'Ikke med: ingen kunne stemme på den.',
      reason: 'Utenfor programmets mandat.',
    });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'caseDeclined' },
      { to: 'reporter', template: 'caseDeclined' },
    ]);
  });

  it('the round’s decisions are refused in every other state, even to Flyt itself (422)', () => {
    const { TABLE, FINAL_STATES } = on(v);
    for (const { state, at } of [...TABLE, ...FINAL_STATES]) {
      if (state === 'awaitingPrioritisation') continue;
      const s = at();
      for (const type of ['PRIORITISE', 'DEFER', 'DECLINE'] as const) expectUnchanged(s, send(s, type, ['system']));
    }
  });
});

describe.each(VERSIONS)('improvement-case machine v$version: local improvement (planlegging, utprøving, oppfølging, evaluering, justering)', (v) => {
  const { send, submitted, local } = on(v);

  it('ACCEPT_LOCAL starts cycle 1 in plan, tells the line manager and schedules the step reminder', () => {
    const [s, actions] = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'], COMPLETE, { plan: 'New checklist.' });
    expect(s.value).toEqual({ localImprovement: 'plan' });
    expect(s.context.localImprovement).toEqual({ cycle: 1, plan: 'New checklist.', stepDueOn: null, log: [] });
    expect(notifies(actions)).toEqual([
      { to: 'lineManager', template: 'localImprovementAccepted' },
      { to: 'reporter', template: 'localImprovementAccepted' },
    ]);
    expect(cancelled(actions)).toEqual([timerId('responsibleReminder', 'submitted'), timerId('ownerEscalation', 'submitted')]);
    expect(raised(actions)).toEqual([{ id: timerId('stepDue', 'localImprovement.plan'), delay: CASE_DEADLINES.stepDue.fallback.calendarDays * DAY }]);
  });

  it('COMPLETE_STEP walks plan → trial → followUp → evaluation → adjustment → implemented, logging each step', () => {
    let s = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'], COMPLETE, {})[0];
    const steps = ['plan', 'trial', 'followUp', 'evaluation', 'adjustment'] as const;
    for (const [i, step] of steps.entries()) {
      const [next, actions] = send(s, 'COMPLETE_STEP', ['lineManager'], {}, { summary: `${step} done`, nextStepDueOn: `2026-0${i + 1}-15` });
      expect(cancelled(actions)).toEqual([timerId('stepDue', `localImprovement.${step}`)]);
      if (step === 'adjustment') {
        expect(next.value).toBe('implemented');
        expect(next.status).toBe('done');
        expect(notifies(actions)).toEqual([
          { to: 'processResponsible', template: 'localImprovementImplemented' },
          { to: 'reporter', template: 'localImprovementImplemented' },
        ]);
        expect(raised(actions)).toEqual([]);
      } else {
        expect(next.value).toEqual({ localImprovement: steps[i + 1] });
        expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'localStepCompleted' }]);
        expect(raised(actions).map((r) => r.id)).toEqual([timerId('stepDue', `localImprovement.${steps[i + 1]}`)]);
      }
      expect(next.context.localImprovement?.stepDueOn).toBe(`2026-0${i + 1}-15`);
      s = next;
    }
    expect(s.context.localImprovement?.log).toEqual(
      steps.map((step) => ({ cycle: 1, step, outcome: 'completed', summary: `${step} done`, by: 'user-lineManager' })),
    );
  });

  it.each(['evaluation', 'adjustment'] as const)('RESTART_CYCLE from %s goes back to plan in the next cycle', (step) => {
    const [s, actions] = send(local(step), 'RESTART_CYCLE', ['lineManager'], {}, { reason: 'No effect.', nextStepDueOn: '2026-05-01' });
    expect(s.value).toEqual({ localImprovement: 'plan' });
    expect(s.context.localImprovement).toMatchObject({ cycle: 2, stepDueOn: '2026-05-01' });
    expect(s.context.localImprovement?.log.at(-1)).toEqual({ cycle: 1, step, outcome: 'restarted', summary: 'No effect.', by: 'user-lineManager' });
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'localCycleRestarted' }]);
    expect(cancelled(actions)).toEqual([timerId('stepDue', `localImprovement.${step}`)]);
    expect(raised(actions).map((r) => r.id)).toEqual([timerId('stepDue', 'localImprovement.plan')]);
    const [trial] = send(s, 'COMPLETE_STEP', ['lineManager'], {}, { summary: 'Planned again.' });
    expect(trial.context.localImprovement?.log.at(-1)).toMatchObject({ cycle: 2, step: 'plan', outcome: 'completed' });
  });

  it.each(['plan', 'trial', 'followUp'] as const)('RESTART_CYCLE is refused in %s (nothing evaluated yet)', (step) => {
    const s = local(step);
    expectUnchanged(s, send(s, 'RESTART_CYCLE', CASE_ROLES));
  });
});

describe.each(VERSIONS)('improvement-case machine v$version: deadlines (named delays, fed back as xstate.after events)', (v) => {
  const { machine, send, fire, submitted, awaitingInformation, withProcessOwner, local, awaitingPrioritisation, inRealisation } = on(v);

  it('declares every deadline as a named delay with its nominal value', () => {
    expect(Object.keys(machine.implementations.delays).sort()).toEqual(Object.keys(CASE_DEADLINES).sort());
  });

  it('submitted: responsibleReminder reminds the process responsible; the case stays and the timers are not restarted', () => {
    const before = submitted();
    const [s, actions] = fire(before, 'responsibleReminder', 'submitted');
    expect(s.value).toBe('submitted');
    expect(notifies(actions)).toEqual([{ to: 'processResponsible', template: 'triageReminder' }]);
    expect(raised(actions)).toEqual([]);
    expect(cancelled(actions)).toEqual([]);
    expect(s.context.deadlinesPassed).toEqual([{ state: 'submitted', delay: 'responsibleReminder' }]);
  });

  it('submitted: ownerEscalation escalates to the process owner; the case stays', () => {
    const [s, actions] = fire(submitted(), 'ownerEscalation', 'submitted');
    expect(s.value).toBe('submitted');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'triageOverdue' }]);
    expect(s.context.deadlinesPassed).toEqual([{ state: 'submitted', delay: 'ownerEscalation' }]);
  });

  it('awaitingInformation: reporterReminder reminds the reporter', () => {
    const [s, actions] = fire(awaitingInformation(), 'reporterReminder', 'awaitingInformation');
    expect(s.value).toBe('awaitingInformation');
    expect(notifies(actions)).toEqual([{ to: 'reporter', template: 'informationReminder' }]);
  });

  it('awaitingInformation: informationTimeout withdraws the case with notice and cancels the reminder', () => {
    const [s, actions] = fire(awaitingInformation(), 'informationTimeout', 'awaitingInformation');
    expect(s.value).toBe('withdrawn');
    expect(s.status).toBe('done');
    expect(s.context.withdrawal).toEqual({ by: 'system', reason: 'informationTimeout' });
    expect(notifies(actions)).toEqual([
      { to: 'reporter', template: 'caseWithdrawnNoInformation' },
      { to: 'processResponsible', template: 'caseWithdrawnNoInformation' },
    ]);
    expect(cancelled(actions)).toEqual([timerId('reporterReminder', 'awaitingInformation'), timerId('informationTimeout', 'awaitingInformation')]);
  });

  it('withProcessOwner: ownerReminder reminds the owner; secretariatEscalation goes to the programme secretariat', () => {
    const [reminded, a1] = fire(withProcessOwner(), 'ownerReminder', 'withProcessOwner');
    expect(reminded.value).toBe('withProcessOwner');
    expect(notifies(a1)).toEqual([{ to: 'processOwner', template: 'ownerDecisionReminder' }]);
    const [escalated, a2] = fire(reminded, 'secretariatEscalation', 'withProcessOwner');
    expect(escalated.value).toBe('withProcessOwner');
    expect(notifies(a2)).toEqual([{ to: 'programmeSecretariat', template: 'ownerDecisionOverdue' }]);
    expect(escalated.context.deadlinesPassed).toEqual([
      { state: 'withProcessOwner', delay: 'ownerReminder' },
      { state: 'withProcessOwner', delay: 'secretariatEscalation' },
    ]);
  });

  it.each(['plan', 'trial', 'followUp', 'evaluation', 'adjustment'] as const)('localImprovement.%s: stepDue reminds the line manager', (step) => {
    const [s, actions] = fire(local(step), 'stepDue', `localImprovement.${step}`);
    expect(s.value).toEqual({ localImprovement: step });
    expect(notifies(actions)).toEqual([{ to: 'lineManager', template: 'localStepDue' }]);
    expect(s.context.deadlinesPassed).toEqual([{ state: `localImprovement.${step}`, delay: 'stepDue' }]);
  });

  it('a timer event of a state the case has left does nothing', () => {
    const s = withProcessOwner();
    expectUnchanged(s, fire(s, 'ownerEscalation', 'submitted'));
    const a = awaitingPrioritisation();
    expectUnchanged(a, fire(a, 'secretariatEscalation', 'withProcessOwner'));
  });

  it('states that wait on nobody schedule nothing', () => {
    const [, toRealisation] = send(awaitingPrioritisation(), 'PRIORITISE', [v.decider]);
    expect(raised(toRealisation)).toEqual([]);
    const [, toFollowUp] = send(inRealisation(), 'PROJECT_CLOSED', ['system']);
    expect(raised(toFollowUp)).toEqual([]);
  });
});

describe.each(VERSIONS)('improvement-case machine v$version: guards read the actor, the facts and the context only', (v) => {
  const { machine, send, submitted, withProcessOwner, local, awaitingPrioritisation, TABLE } = on(v);

  it('a transition is enabled with any payload (the runtime validates payloads before stepping)', () => {
    const cases: [Snapshot, CaseEventType, CaseRole][] = [
      [submitted(), 'REJECT', 'processResponsible'],
      [submitted(), 'ACCEPT_LOCAL', 'processResponsible'],
      [submitted(), 'ESCALATE', 'processResponsible'],
      [withProcessOwner(), 'PROPOSE_TO_PROGRAMME', 'processOwner'],
      [local('evaluation'), 'RESTART_CYCLE', 'lineManager'],
      [awaitingPrioritisation(), 'PRIORITISE', v.decider],
    ];
    for (const [s, type, role] of cases) {
      const event = { type, payload: null, actor: { userId: 'u', roles: [role] }, facts: COMPLETE } as unknown as ImprovementCaseEvent;
      expect(machine.getTransitionData(s, event)).toHaveLength(1);
    }
  });

  it('a deputy standing in holds processResponsible and may triage', () => {
    const [s] = send(submitted(), 'ESCALATE', ['processResponsible']);
    expect(s.value).toBe('withProcessOwner');
  });

  it('an actor with no roles can do nothing anywhere', () => {
    for (const { at } of TABLE) {
      const s = at();
      for (const type of CASE_EVENT_TYPES) expectUnchanged(s, send(s, type, []));
    }
  });
});

describe('improvement-case registration', () => {
  const declaredEventTypes = (machine: Machine) => {
    const types = new Set<string>();
    const walk = (node: AnyStateNode) => {
      for (const t of node.transitions.keys()) if (!t.startsWith('xstate.')) types.add(t);
      for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
    };
    walk(machine.root);
    return [...types].sort();
  };
  const statePaths = (machine: Machine, which: 'all' | 'leaves' = 'all') => {
    const paths: string[] = [];
    const walk = (node: AnyStateNode) => {
      for (const child of Object.values(node.states) as AnyStateNode[]) {
        if (which === 'all' || Object.keys(child.states).length === 0) paths.push(child.path.join('.'));
        walk(child);
      }
    };
    walk(machine.root);
    return paths.sort();
  };

  const [v1, v2, v3] = IMPROVEMENT_CASE_WORKFLOW.versions;
  const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);

  it('is pinned by id, with all three versions; new cases start on version 3, which adds the project’s owner and manager to the roles', () => {
    expect(IMPROVEMENT_CASE_WORKFLOW.id).toBe('improvement-case');
    expect(IMPROVEMENT_CASE_WORKFLOW.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(v1.machine).toBe(improvementCaseMachineOf(1));
    expect(v2.machine).toBe(improvementCaseMachineOf(2));
    expect(v3.machine).toBe(improvementCaseMachine);
    for (const { roles } of [v1, v2]) expect(roles).toEqual(['reporter', 'lineManager', 'processResponsible', 'processOwner', 'programme', 'system']);
    expect(v3.roles).toEqual(['reporter', 'lineManager', 'processResponsible', 'processOwner', 'programme', 'projectOwner', 'projectManager', 'system']);
    expect(v3.roles).toEqual(CASE_ROLES);
    expect(registry.latest('improvement-case').version).toBe(3);
  });

  it('names every role in words a user knows; Flyt itself includes the priority round, the project and the benefits follow-up', () => {
    expect(Object.keys(IMPROVEMENT_CASE_WORKFLOW.roleNames)).toEqual([...CASE_ROLES]);
    expect(IMPROVEMENT_CASE_WORKFLOW.roleNames.system).toEqual({
      nb: 'Flyt selv (en frist, prioriteringsrunden som avgjorde saken, prosjektet den ble til, eller gevinstoppfølgingen etter det)',
      en: 'Flyt itself (a deadline, the priority round that decided the case, the project it became, or the benefits follow-up after it)',
    });
    expect(IMPROVEMENT_CASE_WORKFLOW.roleNames.projectManager.en).toBe("the project manager of the case's project");
    expect(IMPROVEMENT_CASE_WORKFLOW.roleNames.projectOwner.en).toBe("the project owner of the case's project");
  });

  it.each(VERSIONS)('v$version has a payload schema for exactly the events the machine handles', ({ version, machine }) => {
    expect(Object.keys(IMPROVEMENT_CASE_WORKFLOW.versions[version - 1]!.events).sort()).toEqual(declaredEventTypes(machine));
  });

  it('the versions differ in the programme’s decisions only: the same states, labels, tags and every other payload', () => {
    expect(statePaths(V2.machine)).toEqual(statePaths(V1.machine));
    expect(Object.keys(CASE_EVENT_PAYLOADS_V2)).toEqual(Object.keys(CASE_EVENT_PAYLOADS_V1));
    for (const type of CASE_EVENT_TYPES) {
      if (['PRIORITISE', 'DEFER', 'DECLINE'].includes(type)) expect(CASE_EVENT_PAYLOADS_V2[type]).not.toBe(CASE_EVENT_PAYLOADS_V1[type]);
      else expect(CASE_EVENT_PAYLOADS_V2[type]).toBe(CASE_EVENT_PAYLOADS_V1[type]);
    }
    for (const tag of ['programme', 'textEditable', 'costBenefitEditable']) expect(statesTagged(V2.machine, tag)).toEqual(statesTagged(V1.machine, tag));
  });

  it('version 3 has the same states as version 2, differs in CONCLUDE_BENEFITS’ payload alone, and lets the estimates be edited in realisation', () => {
    expect(statePaths(V3.machine)).toEqual(statePaths(V2.machine));
    expect(Object.keys(CASE_EVENT_PAYLOADS_V3)).toEqual(Object.keys(CASE_EVENT_PAYLOADS_V2));
    for (const type of CASE_EVENT_TYPES) {
      if (type === 'CONCLUDE_BENEFITS') expect(CASE_EVENT_PAYLOADS_V3[type]).not.toBe(CASE_EVENT_PAYLOADS_V2[type]);
      else expect(CASE_EVENT_PAYLOADS_V3[type]).toBe(CASE_EVENT_PAYLOADS_V2[type]);
    }
    expect(CASE_EVENT_PAYLOADS).toBe(CASE_EVENT_PAYLOADS_V3);
    for (const tag of ['programme', 'textEditable']) expect(statesTagged(V3.machine, tag)).toEqual(statesTagged(V2.machine, tag));
    expect(statesTagged(V3.machine, 'costBenefitEditable')).toEqual([...statesTagged(V2.machine, 'costBenefitEditable'), 'inRealisation']);
  });

  it.each(VERSIONS)('v$version says in each state whom it waits for, and who keeps its deadlines', ({ machine }) => {
    const waits = (path: string) => waitsForAt(machine, path);
    expect(waits('draft')).toEqual(['lineManager']);
    expect(waits('submitted')).toEqual(['processResponsible']);
    expect(waits('awaitingInformation')).toEqual(['reporter']);
    expect(waits('withProcessOwner')).toEqual(['processOwner']);
    expect(waits('localImprovement.trial')).toEqual(['lineManager']);
    expect(waits('awaitingPrioritisation')).toEqual(['programme']);
    expect(waits('benefitsFollowUp')).toEqual(['processOwner']);
    expect(waits('closed')).toEqual([]);
    // The reporter must answer, but does not extend their own deadline: the process responsible who asked keeps it.
    expect(deadlineOwnerAt(machine, 'awaitingInformation')).toBe('processResponsible');
    expect(deadlineOwnerAt(machine, 'submitted')).toBe('processResponsible');
    expect(deadlineOwnerAt(machine, 'withProcessOwner')).toBe('processOwner');
    expect(deadlineOwnerAt(machine, 'localImprovement.evaluation')).toBe('lineManager');
    expect(deadlineOwnerAt(machine, 'inRealisation')).toBeNull();
    expect(deadlineOwnerAt(machine, 'implemented')).toBeNull();
  });

  it.each(VERSIONS)('v$version tags the states a case is in once proposed to the programme', ({ machine }) => {
    expect(statesTagged(machine, 'programme').sort()).toEqual(['awaitingPrioritisation', 'benefitsFollowUp', 'closed', 'declined', 'inRealisation']);
  });

  it('is accepted by the runtime registry (labels, deadline rules, notification wording, the migrations all present)', () => {
    expect(registry.get('improvement-case', 1).machine).toBe(V1.machine);
    expect(registry.get('improvement-case', 2).migrateFrom).toEqual({ from: 1, states: V1_STATES_IN_V2 });
    expect(registry.get('improvement-case', 3).migrateFrom).toMatchObject({ from: 2, states: V2_STATES_IN_V3 });
  });

  it('has nb and en labels for exactly the machine’s states', () => {
    expect(Object.keys(CASE_STATE_LABELS).sort()).toEqual(statePaths(improvementCaseMachine));
    for (const label of Object.values(CASE_STATE_LABELS)) {
      expect(label.nb.length).toBeGreaterThan(0);
      expect(label.en.length).toBeGreaterThan(0);
    }
  });

  it.each([
    { version: 1, payloads: CASE_EVENT_PAYLOADS_V1, samples: PAYLOAD_V1 },
    { version: 2, payloads: CASE_EVENT_PAYLOADS_V2, samples: PAYLOAD_V2 },
    { version: 3, payloads: CASE_EVENT_PAYLOADS_V3, samples: PAYLOAD_V3 },
  ] as const)('v$version accepts the sample payload of every event and describes every schema', ({ payloads, samples }) => {
    for (const type of CASE_EVENT_TYPES) {
      expect({ type, success: payloads[type].safeParse(samples[type]).success }).toEqual({ type, success: true });
      expect(payloads[type].description?.length).toBeGreaterThan(10);
    }
  });

  it.each([
    { version: 1, payloads: CASE_EVENT_PAYLOADS_V1 },
    { version: 2, payloads: CASE_EVENT_PAYLOADS_V2 },
    { version: 3, payloads: CASE_EVENT_PAYLOADS_V3 },
  ] as const)('v$version rejects bad payloads of the events before the programme: unknown keys, missing text, unknown reason, bad ids and dates', ({ payloads }) => {
    const bad: [CaseEventType, unknown, string][] = [
      ['SUBMIT', { extra: 1 }, ''],
      ['REQUEST_INFO', {}, 'question'],
      ['REQUEST_INFO', { question: '   ' }, 'question'],
      ['PROVIDE_INFO', { answer: '' }, 'answer'],
      ['REJECT', { reason: 'bored', text: 'x' }, 'reason'],
      ['REJECT', { reason: 'duplicate' }, 'text'],
      ['MERGE_INTO', { caseId: 'case-7' }, 'caseId'],
      ['COMPLETE_STEP', { summary: 'x', nextStepDueOn: '15.03.2026' }, 'nextStepDueOn'],
      ['RESTART_CYCLE', { summary: 'x' }, 'reason'],
      ['PRIORITISE', { allocation: { amountNok: -1 } }, 'allocation'],
      ['DEFER', {}, 'reason'],
      ['DECLINE', { reason: 'x', roundId: 'r1' }, 'roundId'],
      ['PROJECT_STOPPED', {}, 'reason'],
      ['PROJECT_STOPPED', { reason: '' }, 'reason'],
      ['PROJECT_CLOSED', { projectId: 'project-1' }, 'projectId'],
      ['CONCLUDE_BENEFITS', { summary: 'x', extra: true }, ''],
      ['CONCLUDE_BENEFITS', {}, 'summary'],
      ['ESCALATE', { text: 'x'.repeat(4001) }, 'text'],
      ['ACCEPT_LOCAL', { plan: 'x', durationMonths: 3 }, ''],
    ];
    for (const [type, payload, field] of bad) {
      const result = payloads[type].safeParse(payload);
      expect({ type, success: result.success }).toEqual({ type, success: false });
      if (field) expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
    }
  });

  it('v1 takes the secretariat’s decisions with next to nothing in them', () => {
    expect(CASE_EVENT_PAYLOADS_V1.PRIORITISE.safeParse({}).success).toBe(true);
    expect(CASE_EVENT_PAYLOADS_V1.DEFER.safeParse({ reason: 'Rammen er brukt' }).success).toBe(true);
  });

  describe('v2 refuses a round’s decision that lacks or garbles a field, naming it', () => {
    const { PRIORITISE, DEFER, DECLINE } = PAYLOAD_V2;
    const year = (y: object) => ({ ...PRIORITISE, allocation: { ...PRIORITISE.allocation, byYear: [{ year: 2027, amountNok: 1, ...y }] } });
    const without = <T extends object>(payload: T, key: keyof T) => Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key));
    const bad: [string, 'PRIORITISE' | 'DEFER' | 'DECLINE', unknown, string][] = [
      ['the secretariat’s empty PRIORITISE of version 1', 'PRIORITISE', {}, 'roundId'],
      ['no round', 'PRIORITISE', without(PRIORITISE, 'roundId'), 'roundId'],
      ['a round id that is no id', 'PRIORITISE', { ...PRIORITISE, roundId: 'round-1' }, 'roundId'],
      ['no round title', 'PRIORITISE', without(PRIORITISE, 'roundTitle'), 'roundTitle'],
      ['a blank round title', 'PRIORITISE', { ...PRIORITISE, roundTitle: '  ' }, 'roundTitle'],
      ['no score (null is the answer when nobody could vote)', 'PRIORITISE', without(PRIORITISE, 'score'), 'score'],
      ['a score above 5', 'PRIORITISE', { ...PRIORITISE, score: 5.5 }, 'score'],
      ['a score below 0', 'PRIORITISE', { ...PRIORITISE, score: -0.1 }, 'score'],
      ['a score as text', 'PRIORITISE', { ...PRIORITISE, score: '3,9' }, 'score'],
      ['no explanation', 'PRIORITISE', without(PRIORITISE, 'explanation'), 'explanation'],
      ['an empty explanation', 'PRIORITISE', { ...PRIORITISE, explanation: '' }, 'explanation'],
      ['no allocation', 'PRIORITISE', without(PRIORITISE, 'allocation'), 'allocation'],
      ['a negative amount', 'PRIORITISE', { ...PRIORITISE, allocation: { ...PRIORITISE.allocation, amountNok: -1 } }, 'allocation.amountNok'],
      ['no years', 'PRIORITISE', { ...PRIORITISE, allocation: { ...PRIORITISE.allocation, byYear: [] } }, 'allocation.byYear'],
      ['an allocation without its years', 'PRIORITISE', { ...PRIORITISE, allocation: { amountNok: 1 } }, 'allocation.byYear'],
      ['a year that is not whole', 'PRIORITISE', year({ year: 2027.5 }), 'allocation.byYear.0.year'],
      ['a year before 2000', 'PRIORITISE', year({ year: 1999 }), 'allocation.byYear.0.year'],
      ['a year after 2100', 'PRIORITISE', year({ year: 2101 }), 'allocation.byYear.0.year'],
      ['a negative amount in a year', 'PRIORITISE', year({ amountNok: -5 }), 'allocation.byYear.0.amountNok'],
      ['an unknown key in a year', 'PRIORITISE', year({ month: 1 }), 'allocation.byYear.0'],
      ['an unknown key in the allocation', 'PRIORITISE', { ...PRIORITISE, allocation: { ...PRIORITISE.allocation, currency: 'NOK' } }, 'allocation'],
      ['an unknown key', 'PRIORITISE', { ...PRIORITISE, rank: 1 }, ''],
      ['a deferral without a reason', 'DEFER', without(DEFER, 'reason'), 'reason'],
      ['a deferral without its round', 'DEFER', { reason: 'Rammen er brukt' }, 'roundId'],
      ['a deferral without an explanation', 'DEFER', without(DEFER, 'explanation'), 'explanation'],
      ['a deferral without a score', 'DEFER', without(DEFER, 'score'), 'score'],
      ['a deferral with an allocation', 'DEFER', { ...DEFER, allocation: PRIORITISE.allocation }, ''],
      ['a decline without a reason', 'DECLINE', without(DECLINE, 'reason'), 'reason'],
      ['a decline without its round title', 'DECLINE', without(DECLINE, 'roundTitle'), 'roundTitle'],
      ['a decline with a score above 5', 'DECLINE', { ...DECLINE, score: 6 }, 'score'],
    ];
    it.each(bad)('%s', (_what, type, payload, field) => {
      const result = CASE_EVENT_PAYLOADS_V2[type].safeParse(payload);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
    });

    it('takes a score of null, of 0 and of 5, and an allocation of nothing in a year', () => {
      for (const score of [null, 0, 5]) expect(CASE_EVENT_PAYLOADS_V2.PRIORITISE.safeParse({ ...PRIORITISE, score }).success).toBe(true);
      expect(CASE_EVENT_PAYLOADS_V2.PRIORITISE.safeParse(year({ amountNok: 0 })).success).toBe(true);
    });

    it('describes every field of the round’s decisions', () => {
      const undescribed = (schema: unknown, at: string): string[] => {
        const s = schema as { description?: string; shape?: Record<string, unknown>; element?: unknown; unwrap?: () => { description?: string } };
        // An optional field carries the description of what it wraps.
        const here = (s.description ?? s.unwrap?.().description) ? [] : [at];
        if (s.shape) return [...here, ...Object.entries(s.shape).flatMap(([key, child]) => undescribed(child, `${at}.${key}`))];
        if (s.element) return [...here, ...undescribed(s.element, `${at}[]`)];
        return here;
      };
      for (const type of ['PRIORITISE', 'DEFER', 'DECLINE'] as const) expect(undescribed(CASE_EVENT_PAYLOADS_V2[type], type)).toEqual([]);
    });
  });

  it('v3 takes the outcome of the benefits the follow-up concluded, or none; version 2 took none', () => {
    for (const outcome of ['realised', 'partlyRealised', 'notRealised']) {
      expect(CASE_EVENT_PAYLOADS_V3.CONCLUDE_BENEFITS.safeParse({ summary: 'Målt.', outcome }).success).toBe(true);
    }
    expect(CASE_EVENT_PAYLOADS_V3.CONCLUDE_BENEFITS.safeParse({ summary: 'Målt.' }).success).toBe(true);
    const unknown = CASE_EVENT_PAYLOADS_V3.CONCLUDE_BENEFITS.safeParse({ summary: 'Målt.', outcome: 'mostlyRealised' });
    expect(unknown.error?.issues.map((i) => i.path.join('.'))).toEqual(['outcome']);
    expect(CASE_EVENT_PAYLOADS_V2.CONCLUDE_BENEFITS.safeParse({ summary: 'Målt.', outcome: 'realised' }).success).toBe(false);
    expect(CASE_EVENT_PAYLOADS_V3.CONCLUDE_BENEFITS.shape.outcome.unwrap().description).toMatch(/realised, partlyRealised or notRealised/);
  });

  it('describes every rejection reason, including the scope rule', () => {
    expect(CASE_EVENT_PAYLOADS.REJECT.shape.reason.options).toEqual(['out_of_scope_no_it_component', 'duplicate', 'not_feasible', 'other']);
  });
});

describe('improvement-case migration from version 1 to 2', () => {
  const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
  const [r1, r2] = [registry.get('improvement-case', 1), registry.get('improvement-case', 2)];
  const { TABLE, FINAL_STATES, send, awaitingPrioritisation } = on(V1);

  it('maps every state a case of version 1 can be in onto itself, read from version 1 (nothing to keep in step by hand)', () => {
    const leaves = (TABLE.map((t) => t.at()).concat(FINAL_STATES.map((f) => f.at())) as Snapshot[]).map(stateOf);
    expect(Object.keys(V1_STATES_IN_V2).sort()).toEqual([...new Set(leaves)].sort());
    for (const [from, to] of Object.entries(V1_STATES_IN_V2)) expect(to).toBe(from);
    expect(migrationPath(registry, 'improvement-case', 1, 2)).toEqual([r2]);
  });

  it.each([...TABLE, ...FINAL_STATES].map(({ state, at }) => ({ state, at })))('a case in $state moves to the same state, with its context as it was', ({ at }) => {
    const before = persist(r1, at());
    const moved = migrateSnapshot(r2, before);
    expect(moved).toMatchObject({ kind: 'mapped', from: stateOf(at()), to: stateOf(at()) });
    if (moved.kind !== 'mapped') return;
    expect(moved.snapshot.value).toEqual(before.value);
    expect(moved.snapshot.context).toEqual(before.context);
    expect(moved.snapshot.status).toBe(before.status);
  });

  it('refuses a stored state version 1 never had', () => {
    expect(migrateSnapshot(r2, { ...persist(r1, awaitingPrioritisation()), value: 'prioritised' })).toEqual({ kind: 'unmapped', state: 'prioritised' });
  });

  it('a case deferred by hand under version 1 is then decided by the round, keeping its earlier deferral as it was', () => {
    const [deferred] = send(awaitingPrioritisation(), 'DEFER', ['programme'], {}, { reason: 'Rammen er brukt.' });
    const moved = migrateSnapshot(r2, persist(r1, deferred));
    if (moved.kind !== 'mapped') throw new Error('not mapped');
    const s = restore(r2, moved.snapshot) as Snapshot;
    const { send: sendV2 } = on(V2);
    expectUnchanged(s, sendV2(s, 'PRIORITISE', ['programme']));
    expect(decide(r2, s, { type: 'PRIORITISE', payload: PAYLOAD_V2.PRIORITISE, actor: { userId: 'u', roles: ['programme'] }, facts: {} }).kind).toBe('not_permitted');
    const [again] = sendV2(s, 'DEFER', ['system']);
    expect(again.context.deferrals).toStrictEqual([
      { reason: 'Rammen er brukt.', roundId: null },
      { roundId: ROUND_ID, roundTitle: 'Utviklingsplan 2027', score: 2.5, explanation: 'Ikke med: rammen er brukt opp.', reason: PAYLOAD_V2.DEFER.reason },
    ]);
    const [prioritised] = sendV2(again, 'PRIORITISE', ['system']);
    expect(prioritised.value).toBe('inRealisation');
  });
});

describe('improvement-case machine v3: the thresholds, the scope, the project and the benefits follow-up', () => {
  const { send, submitted, withProcessOwner, awaitingPrioritisation, inRealisation, benefitsFollowUp } = on(V3);
  const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
  const v3 = registry.get('improvement-case', 3);
  const event = (type: CaseEventType, roles: CaseRole[], facts: ImprovementCaseFacts, payload: unknown = PAYLOAD_V3[type]) => ({
    type,
    payload,
    actor: { userId: 'u', roles },
    facts: facts as Record<string, unknown>,
  });

  describe('ACCEPT_LOCAL within the thresholds for a local improvement only', () => {
    it('accepts a case whose estimates cross none of them', () => {
      const [s, actions] = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'], { ...COMPLETE, localThresholdsCrossed: [] });
      expect(s.value).toEqual({ localImprovement: 'plan' });
      expect(notifies(actions)).toEqual([
        { to: 'lineManager', template: 'localImprovementAccepted' },
        { to: 'reporter', template: 'localImprovementAccepted' },
      ]);
    });

    it('refuses a case that crosses one, even with every role: a matter of its data (422), not of roles', () => {
      const s = submitted();
      expectUnchanged(s, send(s, 'ACCEPT_LOCAL', ['processResponsible'], LARGE));
      expectUnchanged(s, send(s, 'ACCEPT_LOCAL', CASE_ROLES, LARGE));
      expect(decide(v3, s, event('ACCEPT_LOCAL', ['processResponsible'], LARGE))).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
      for (const one of LARGE.localThresholdsCrossed!) expectUnchanged(s, send(s, 'ACCEPT_LOCAL', ['processResponsible'], { ...COMPLETE, localThresholdsCrossed: [one] }));
    });

    it('says which thresholds the case crosses and that it is escalated instead; the refusal waits for the estimates, which may be corrected', () => {
      expect(CASE_REFUSALS.ACCEPT_LOCAL!(submitted().context, LARGE as Record<string, unknown>)).toEqual({
        reason:
          'the case is larger than a local improvement, as the policy counts it: it runs for 9 months, longer than 6; it moves costs or work to other units. ' +
          'Escalate it to the process owner with ESCALATE instead (or, if its estimates are wrong, correct its cost-benefit assessment first)',
        waitsForData: true,
      });
      expect(CASE_REFUSALS.ACCEPT_LOCAL!(submitted().context, COMPLETE as Record<string, unknown>)).toBeNull();
      const [escalated] = send(submitted(), 'ESCALATE', ['processResponsible'], LARGE);
      expect(escalated.value).toBe('withProcessOwner');
    });

    it('refuses it too when the thresholds were not checked at all: no list is not an empty one', () => {
      const s = submitted();
      expectUnchanged(s, send(s, 'ACCEPT_LOCAL', ['processResponsible'], { costBenefitComplete: true }));
      expect(CASE_REFUSALS.ACCEPT_LOCAL!(s.context, {})).toBeNull();
    });

    it('is a matter of roles (403) for anyone but the process responsible, once the thresholds allow it', () => {
      for (const role of CASE_ROLES.filter((r) => r !== 'processResponsible')) {
        expect(decide(v3, submitted(), event('ACCEPT_LOCAL', [role], COMPLETE))).toEqual({ kind: 'not_permitted', requiredRoles: ['processResponsible'] });
      }
    });

    it.each([V1, V2])('v$version knows no thresholds: a large case is accepted as a local improvement as before', (v) => {
      const { send: sendOld, submitted: submittedOld } = on(v);
      expect(sendOld(submittedOld(), 'ACCEPT_LOCAL', ['processResponsible'], LARGE)[0].value).toEqual({ localImprovement: 'plan' });
      expect(sendOld(submittedOld(), 'ACCEPT_LOCAL', ['processResponsible'], {})[0].value).toEqual({ localImprovement: 'plan' });
    });
  });

  describe('ESCALATE of a case outside the policy’s scope', () => {
    it('escalates a case without a significant IT component all the same, and tells the process owner it is outside the scope', () => {
      const [s, actions] = send(submitted(), 'ESCALATE', ['processResponsible'], { ...COMPLETE, significantItComponent: false }, { text: 'Prosesseier bør se den.' });
      expect(s.value).toBe('withProcessOwner');
      expect(s.context.escalation).toStrictEqual({ text: 'Prosesseier bør se den.', by: 'user-processResponsible', outsideScope: true });
      expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseEscalatedOutsideScope' }]);
      expect(raised(actions).map((r) => r.id)).toEqual([timerId('ownerReminder', 'withProcessOwner'), timerId('secretariatEscalation', 'withProcessOwner')]);
    });

    it.each([true, null, undefined])('escalates as usual when the IT component is %s', (significantItComponent) => {
      const [s, actions] = send(submitted(), 'ESCALATE', ['processResponsible'], { ...COMPLETE, significantItComponent }, { text: 'Videre.' });
      expect(s.context.escalation).toStrictEqual({ text: 'Videre.', by: 'user-processResponsible' });
      expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseEscalated' }]);
    });

    it('lets only the process responsible escalate it (403 for the others)', () => {
      for (const role of CASE_ROLES.filter((r) => r !== 'processResponsible')) {
        expect(decide(v3, submitted(), event('ESCALATE', [role], { ...COMPLETE, significantItComponent: false }))).toEqual({
          kind: 'not_permitted',
          requiredRoles: ['processResponsible'],
        });
      }
    });

    it.each([V1, V2])('v$version tells the process owner as usual', (v) => {
      const { send: sendOld, submitted: submittedOld } = on(v);
      const [s, actions] = sendOld(submittedOld(), 'ESCALATE', ['processResponsible'], { ...COMPLETE, significantItComponent: false }, { text: 'Videre.' });
      expect(s.context.escalation).toStrictEqual({ text: 'Videre.', by: 'user-processResponsible' });
      expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseEscalated' }]);
    });

    it('still lets the process responsible reject it as out of scope, and the process owner too', () => {
      const reason = { reason: 'out_of_scope_no_it_component', text: 'Uten vesentlig IT-komponent.' };
      expect(send(submitted(), 'REJECT', ['processResponsible'], COMPLETE, reason)[0].context.rejection).toMatchObject({ reason: 'out_of_scope_no_it_component', by: 'processResponsible' });
      expect(send(withProcessOwner(), 'REJECT', ['processOwner'], COMPLETE, reason)[0].context.rejection).toMatchObject({ reason: 'out_of_scope_no_it_component', by: 'processOwner' });
    });
  });

  describe('PRIORITISE starts the case’s project (BP1)', () => {
    const projectId = childInstanceId(CASE_ID, 'project');
    const starts = (actions: Actions) => actions.filter((a) => a.type === 'startWorkflow');

    it('starts the project workflow as the case’s child, for the case and its process now, and keeps the project’s id', () => {
      const [s, actions] = send(awaitingPrioritisation(), 'PRIORITISE', ['system'], { ...COMPLETE, processId: 'process-moved' });
      expect(s.value).toBe('inRealisation');
      expect(s.context.projectId).toBe(projectId);
      expect(s.context.prioritisation).toMatchObject({ roundId: ROUND_ID, roundTitle: 'Utviklingsplan 2027' });
      expect(starts(actions).map((a) => a.params)).toEqual([{ workflowId: 'project', key: 'project', input: { caseId: CASE_ID, processId: 'process-moved' } }]);
      expect(notifies(actions)).toEqual([
        { to: 'processOwner', template: 'casePrioritised' },
        { to: 'reporter', template: 'casePrioritised' },
      ]);
    });

    it('starts it for the process the case was reported for when the facts do not say', () => {
      const [, actions] = send(awaitingPrioritisation(), 'PRIORITISE', ['system'], {});
      expect(starts(actions).map((a) => (a.params as { input: unknown }).input)).toEqual([{ caseId: CASE_ID, processId: 'process-admissions' }]);
    });

    it('has no project before it is prioritised', () => {
      expect(awaitingPrioritisation().context.projectId).toBeNull();
    });

    it.each([V1, V2])('v$version starts no project, and keeps no project id', (v) => {
      const { send: sendOld, awaitingPrioritisation: awaitingOld } = on(v);
      const [s, actions] = sendOld(awaitingOld(), 'PRIORITISE', [v.decider]);
      expect(starts(actions)).toEqual([]);
      expect('projectId' in s.context).toBe(false);
    });
  });

  describe('in realisation, the project runs', () => {
    it('lets the estimates be worked on (costBenefitEditable): the project’s owner and manager keep them up to date', () => {
      expect(inRealisation().hasTag('costBenefitEditable')).toBe(true);
      expect(inRealisation().hasTag('programme')).toBe(true);
      expect(on(V2).inRealisation().hasTag('costBenefitEditable')).toBe(false);
      expect(benefitsFollowUp().hasTag('costBenefitEditable')).toBe(false);
    });

    it('takes PROJECT_CLOSED and PROJECT_STOPPED from the project alone; nobody else may send anything there', () => {
      const s = inRealisation();
      for (const role of CASE_ROLES.filter((r) => r !== 'system')) {
        for (const type of CASE_EVENT_TYPES) expectUnchanged(s, send(s, type, [role]));
      }
      expect(send(s, 'PROJECT_STOPPED', ['system'], {}, { reason: 'Stanset ved BP3.', projectId: PROJECT_ID })[0].context.project).toEqual({
        outcome: 'stopped',
        projectId: PROJECT_ID,
        text: 'Stanset ved BP3.',
      });
    });
  });

  describe('CONCLUDE_BENEFITS comes from the benefits follow-up (BP6)', () => {
    it('closes the case with the summary and the outcome the follow-up sends', () => {
      const [s, actions] = send(benefitsFollowUp(), 'CONCLUDE_BENEFITS', ['system']);
      expect(s.value).toBe('closed');
      expect(s.status).toBe('done');
      expect(s.context.benefitsConclusion).toStrictEqual({ summary: 'Two of three benefits realised.', by: null, outcome: 'partlyRealised' });
      expect(notifies(actions)).toEqual([
        { to: 'programmeSecretariat', template: 'benefitsConcluded' },
        { to: 'reporter', template: 'benefitsConcluded' },
      ]);
    });

    it('refuses a person, the process owner too: a matter of roles (403), answered with where and how BP6 is concluded', () => {
      const s = benefitsFollowUp();
      for (const role of CASE_ROLES.filter((r) => r !== 'system')) expectUnchanged(s, send(s, 'CONCLUDE_BENEFITS', [role]));
      expect(decide(v3, s, event('CONCLUDE_BENEFITS', ['processOwner'], COMPLETE))).toEqual({ kind: 'not_permitted', requiredRoles: ['system'] });
      expect(SENT_BY_ANOTHER_WORKFLOW.CONCLUDE_BENEFITS).toBe(CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP);
      expect(CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP).toMatch(/^The benefits work of a case that became a project is concluded at BP6 in its benefits follow-up/);
      expect(CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP).toContain('the process owner concludes the follow-up there (CONCLUDE, with the outcome and a summary');
      expect(CONCLUDED_BY_THE_BENEFITS_FOLLOW_UP).not.toMatch(/\bsystem\b|processOwner/);
      for (const type of ['PRIORITISE', 'DEFER', 'DECLINE'] as const) expect(SENT_BY_ANOTHER_WORKFLOW[type]).toBe(DECIDED_BY_A_PRIORITY_ROUND[type]);
    });

    it('is refused in every other state, even to Flyt itself (422)', () => {
      const { TABLE, FINAL_STATES } = on(V3);
      for (const { state, at } of [...TABLE, ...FINAL_STATES]) {
        if (state === 'benefitsFollowUp') continue;
        const s = at();
        expectUnchanged(s, send(s, 'CONCLUDE_BENEFITS', ['system']));
      }
    });
  });
});

describe('improvement-case migration from version 2 to 3', () => {
  const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
  const [r1, r2, r3] = [1, 2, 3].map((version) => registry.get('improvement-case', version));
  const { TABLE, FINAL_STATES, inRealisation, benefitsFollowUp } = on(V2);
  const { send: sendV3 } = on(V3);
  const moved = (snapshot: Snapshot) => {
    const result = migrateSnapshot(r3!, persist(r2!, snapshot));
    if (result.kind !== 'mapped') throw new Error(`not mapped: ${JSON.stringify(result)}`);
    return restore(r3!, result.snapshot) as Snapshot;
  };

  it('maps every state a case of version 2 can be in onto itself, read from version 2', () => {
    const leaves = (TABLE.map((t) => t.at()).concat(FINAL_STATES.map((f) => f.at())) as Snapshot[]).map(stateOf);
    expect(Object.keys(V2_STATES_IN_V3).sort()).toEqual([...new Set(leaves)].sort());
    for (const [from, to] of Object.entries(V2_STATES_IN_V3)) expect(to).toBe(from);
    expect(migrationPath(registry, 'improvement-case', 2, 3)).toEqual([r3]);
    expect(migrationPath(registry, 'improvement-case', 1, 3)).toEqual([r2, r3]);
  });

  it.each([...TABLE, ...FINAL_STATES].map(({ state, at }) => ({ state, at })))('a case in $state moves to the same state, its context as it was and without a project', ({ at }) => {
    const before = persist(r2!, at());
    const result = migrateSnapshot(r3!, before);
    expect(result).toMatchObject({ kind: 'mapped', from: stateOf(at()), to: stateOf(at()) });
    if (result.kind !== 'mapped') return;
    expect(result.snapshot.value).toEqual(before.value);
    expect(result.snapshot.context).toStrictEqual({ ...(before.context as object), projectId: null });
    expect(result.snapshot.status).toBe(before.status);
  });

  it('refuses a stored state version 2 never had', () => {
    expect(migrateSnapshot(r3!, { ...persist(r2!, inRealisation()), value: 'inProject' })).toEqual({ kind: 'unmapped', state: 'inProject' });
  });

  it('a case of version 1 moves through version 2 to 3', () => {
    const { awaitingPrioritisation } = on(V1);
    const [, ...steps] = migrationPath(registry, 'improvement-case', 1, 3)!;
    expect(steps).toEqual([r3]);
    const viaV2 = migrateSnapshot(r2!, persist(r1!, awaitingPrioritisation()));
    if (viaV2.kind !== 'mapped') throw new Error('not mapped');
    expect(migrateSnapshot(r3!, viaV2.snapshot)).toMatchObject({ kind: 'mapped', to: 'awaitingPrioritisation' });
  });

  it('a case that went into realisation under version 2 has no project: its process owner concludes its benefits work, as before', () => {
    const s = moved(benefitsFollowUp());
    expect(s.context.projectId).toBeNull();
    expect(decide(r3!, s, { type: 'CONCLUDE_BENEFITS', payload: { summary: 'Som planlagt.' }, actor: { userId: 'u', roles: ['reporter'] }, facts: {} })).toEqual({
      kind: 'not_permitted',
      requiredRoles: ['processOwner', 'system'],
    });
    const [closed, actions] = sendV3(s, 'CONCLUDE_BENEFITS', ['processOwner'], {}, { summary: 'Som planlagt.' });
    expect(closed.value).toBe('closed');
    expect(closed.context.benefitsConclusion).toStrictEqual({ summary: 'Som planlagt.', by: 'user-processOwner', outcome: null });
    expect(notifies(actions)).toEqual([
      { to: 'programmeSecretariat', template: 'benefitsConcluded' },
      { to: 'reporter', template: 'benefitsConcluded' },
    ]);
  });

  it('a case in realisation when migrated moves on when a project tells it, and its owner may then conclude it by hand', () => {
    const [followUp] = sendV3(moved(inRealisation()), 'PROJECT_CLOSED', ['system']);
    expect(followUp.value).toBe('benefitsFollowUp');
    expect(sendV3(followUp, 'CONCLUDE_BENEFITS', ['processOwner'])[0].value).toBe('closed');
  });

  it('a case prioritised under version 3 is not concluded by hand: its follow-up does it', () => {
    const s = on(V3).benefitsFollowUp();
    expectUnchanged(s, sendV3(s, 'CONCLUDE_BENEFITS', ['processOwner']));
  });
});
