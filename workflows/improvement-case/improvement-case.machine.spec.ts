import { initialTransition, transition } from 'xstate';
import { deadlineOwnerAt, MachineRegistry, statesTagged, waitsForAt } from '#flyt/workflow-runtime';
import type { AnyStateNode } from 'xstate';
import {
  CASE_DEADLINES,
  CASE_EVENT_PAYLOADS,
  CASE_EVENT_TYPES,
  CASE_ROLES,
  CASE_STATE_LABELS,
  improvementCaseMachine as machine,
  type CaseEventPayload,
  type CaseEventType,
  type CaseRole,
  type ImprovementCaseEvent,
  type ImprovementCaseFacts,
  type ImprovementCaseInput,
} from './improvement-case.machine.js';
import { IMPROVEMENT_CASE_WORKFLOW } from './improvement-case.workflow.js';

type Snapshot = ReturnType<typeof machine.transition>;
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

/** A valid payload for every event type (checked against the schemas below). */
const PAYLOAD: { [T in CaseEventType]: CaseEventPayload<T> } = {
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

const COMPLETE: ImprovementCaseFacts = { costBenefitComplete: true };

function ev<T extends CaseEventType>(type: T, roles: readonly CaseRole[], facts: ImprovementCaseFacts = COMPLETE, payload: CaseEventPayload<T> = PAYLOAD[type]) {
  return { type, payload, actor: { userId: roles.includes('system') ? null : `user-${roles[0] ?? 'nobody'}`, roles }, facts } as ImprovementCaseEvent;
}

function send<T extends CaseEventType>(s: Snapshot, type: T, roles: readonly CaseRole[], facts?: ImprovementCaseFacts, payload?: CaseEventPayload<T>): [Snapshot, Actions] {
  return transition(machine, s, ev(type, roles, facts, payload));
}

/** The delayed event XState raises for a named delay of a state (stateId = machine id + dotted path). */
const afterEvent = (delay: string, path: string) => ({ type: `xstate.after.${delay}.improvement-case.${path}` }) as unknown as ImprovementCaseEvent;
const fire = (s: Snapshot, delay: string, path: string): [Snapshot, Actions] => transition(machine, s, afterEvent(delay, path));

const notifies = (actions: Actions) => actions.filter((a) => a.type === 'notify').map((a) => a.params);
const raised = (actions: Actions) =>
  actions
    .filter((a) => a.type === 'xstate.raise')
    .map((a) => ({ id: (a.params as { id: string }).id, delay: (a.params as { delay: number }).delay }));
const cancelled = (actions: Actions) => actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);
const timerId = (delay: string, path: string) => `xstate.after.${delay}.improvement-case.${path}`;
const stateOf = (s: Snapshot) => (typeof s.value === 'string' ? s.value : Object.entries(s.value).map(([k, v]) => `${k}.${String(v)}`)[0]);

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
const inRealisation = () => send(awaitingPrioritisation(), 'PRIORITISE', ['programme'])[0];
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
      PRIORITISE: { roles: ['programme'], to: 'inRealisation' },
      DEFER: { roles: ['programme'], to: 'awaitingPrioritisation' },
      DECLINE: { roles: ['programme'], to: 'declined' },
      WITHDRAW: { roles: ['reporter'], to: 'withdrawn' },
    },
  },
  {
    state: 'inRealisation',
    at: inRealisation,
    allowed: { PROJECT_CLOSED: { roles: ['system'], to: 'benefitsFollowUp' }, PROJECT_STOPPED: { roles: ['system'], to: 'closed' } },
  },
  { state: 'benefitsFollowUp', at: benefitsFollowUp, allowed: { CONCLUDE_BENEFITS: { roles: ['processOwner'], to: 'closed' } } },
];

const FINAL_STATES: { state: string; at: () => Snapshot }[] = [
  { state: 'implemented', at: () => send(local('adjustment'), 'COMPLETE_STEP', ['lineManager'])[0] },
  { state: 'closed', at: () => send(benefitsFollowUp(), 'CONCLUDE_BENEFITS', ['processOwner'])[0] },
  { state: 'rejected', at: () => send(submitted(), 'REJECT', ['processResponsible'])[0] },
  { state: 'declined', at: () => send(awaitingPrioritisation(), 'DECLINE', ['programme'])[0] },
  { state: 'withdrawn', at: () => send(submitted(), 'WITHDRAW', ['reporter'])[0] },
  { state: 'merged', at: () => send(submitted(), 'MERGE_INTO', ['processResponsible'])[0] },
];

function expectUnchanged(before: Snapshot, [after, actions]: [Snapshot, Actions]) {
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(after.status).toBe(before.status);
  expect(actions).toEqual([]);
}

describe('improvement-case machine: who may send what, where', () => {
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

describe('improvement-case machine: transitions, context and effects', () => {
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

  it('DEFER keeps the case for the next round and logs every deferral', () => {
    const [once, actions] = send(awaitingPrioritisation(), 'DEFER', ['programme'], {}, { reason: 'Frame used.', roundId: ROUND_ID });
    expect(once.value).toBe('awaitingPrioritisation');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'caseDeferred' }]);
    const [twice] = send(once, 'DEFER', ['programme'], {}, { reason: 'Again.' });
    expect(twice.context.deferrals).toEqual([
      { reason: 'Frame used.', roundId: ROUND_ID },
      { reason: 'Again.', roundId: null },
    ]);
  });

  it('PRIORITISE records the round and allocation (BP1)', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'PRIORITISE', ['programme']);
    expect(s.value).toBe('inRealisation');
    expect(s.context.prioritisation).toEqual({ roundId: ROUND_ID, allocation: { amountNok: 900000, note: 'Within frame 2026.' } });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'casePrioritised' },
      { to: 'reporter', template: 'casePrioritised' },
    ]);
    const [bare] = send(awaitingPrioritisation(), 'PRIORITISE', ['programme'], {}, {});
    expect(bare.context.prioritisation).toEqual({ roundId: null, allocation: null });
  });

  it('DECLINE ends the case with the programme’s reason', () => {
    const [s, actions] = send(awaitingPrioritisation(), 'DECLINE', ['programme'], {}, { reason: 'Low fit.' });
    expect(s.value).toBe('declined');
    expect(s.status).toBe('done');
    expect(s.context.decline).toEqual({ reason: 'Low fit.', roundId: null });
    expect(notifies(actions)).toEqual([
      { to: 'processOwner', template: 'caseDeclined' },
      { to: 'reporter', template: 'caseDeclined' },
    ]);
  });

  it('PROJECT_CLOSED (system) starts benefits follow-up; CONCLUDE_BENEFITS (process owner) closes the case', () => {
    const [followUp, a1] = send(inRealisation(), 'PROJECT_CLOSED', ['system']);
    expect(followUp.value).toBe('benefitsFollowUp');
    expect(followUp.context.project).toEqual({ outcome: 'closed', projectId: PROJECT_ID, text: 'Delivered.' });
    expect(notifies(a1)).toEqual([{ to: 'processOwner', template: 'projectClosed' }]);
    const [closed, a2] = send(followUp, 'CONCLUDE_BENEFITS', ['processOwner'], {}, { summary: 'As planned.' });
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
    expect(closed.context.benefitsConclusion).toEqual({ summary: 'As planned.', by: 'user-processOwner' });
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

describe('improvement-case machine: local improvement (planlegging, utprøving, oppfølging, evaluering, justering)', () => {
  it('ACCEPT_LOCAL starts cycle 1 in plan, tells the line manager and schedules the step reminder', () => {
    const [s, actions] = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'], {}, { plan: 'New checklist.' });
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
    let s = send(submitted(), 'ACCEPT_LOCAL', ['processResponsible'], {}, {})[0];
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

describe('improvement-case machine: deadlines (named delays, fed back as xstate.after events)', () => {
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
    const [, toRealisation] = send(awaitingPrioritisation(), 'PRIORITISE', ['programme']);
    expect(raised(toRealisation)).toEqual([]);
    const [, toFollowUp] = send(inRealisation(), 'PROJECT_CLOSED', ['system']);
    expect(raised(toFollowUp)).toEqual([]);
  });
});

describe('improvement-case machine: guards read the actor, the facts and the context only', () => {
  it('a transition is enabled with any payload (the runtime validates payloads before stepping)', () => {
    const cases: [Snapshot, CaseEventType, CaseRole][] = [
      [submitted(), 'REJECT', 'processResponsible'],
      [withProcessOwner(), 'PROPOSE_TO_PROGRAMME', 'processOwner'],
      [local('evaluation'), 'RESTART_CYCLE', 'lineManager'],
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
  const declaredEventTypes = () => {
    const types = new Set<string>();
    const walk = (node: AnyStateNode) => {
      for (const t of node.transitions.keys()) if (!t.startsWith('xstate.')) types.add(t);
      for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
    };
    walk(machine.root);
    return [...types].sort();
  };
  const statePaths = () => {
    const paths: string[] = [];
    const walk = (node: AnyStateNode) => {
      for (const child of Object.values(node.states) as AnyStateNode[]) {
        paths.push(child.path.join('.'));
        walk(child);
      }
    };
    walk(machine.root);
    return paths.sort();
  };

  const [v1] = IMPROVEMENT_CASE_WORKFLOW.versions;

  it('is pinned by id and version with the role vocabulary', () => {
    expect(IMPROVEMENT_CASE_WORKFLOW.id).toBe('improvement-case');
    expect(IMPROVEMENT_CASE_WORKFLOW.versions).toHaveLength(1);
    expect(v1).toMatchObject({ version: 1, machine });
    expect(v1.roles).toEqual(['reporter', 'lineManager', 'processResponsible', 'processOwner', 'programme', 'system']);
  });

  it('has a payload schema for exactly the events the machine handles', () => {
    expect(Object.keys(v1.events).sort()).toEqual(declaredEventTypes());
  });

  it('says in each state whom it waits for, and who keeps its deadlines', () => {
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

  it('tags the states a case is in once proposed to the programme', () => {
    expect(statesTagged(machine, 'programme').sort()).toEqual(['awaitingPrioritisation', 'benefitsFollowUp', 'closed', 'declined', 'inRealisation']);
  });

  it('is accepted by the runtime registry (labels, deadline rules, notification wording all present)', () => {
    const registry = new MachineRegistry([{ ...IMPROVEMENT_CASE_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
    expect(registry.latest('improvement-case').version).toBe(1);
  });

  it('has nb and en labels for exactly the machine’s states', () => {
    expect(Object.keys(CASE_STATE_LABELS).sort()).toEqual(statePaths());
    for (const label of Object.values(CASE_STATE_LABELS)) {
      expect(label.nb.length).toBeGreaterThan(0);
      expect(label.en.length).toBeGreaterThan(0);
    }
  });

  it('accepts the sample payload of every event and describes every schema', () => {
    for (const type of CASE_EVENT_TYPES) {
      expect(CASE_EVENT_PAYLOADS[type].safeParse(PAYLOAD[type]).success).toBe(true);
      expect(CASE_EVENT_PAYLOADS[type].description?.length).toBeGreaterThan(10);
    }
  });

  it('rejects bad payloads: unknown keys, missing text, unknown reason, bad ids and dates', () => {
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
      ['CONCLUDE_BENEFITS', { summary: 'x', extra: true }, ''],
      ['ESCALATE', { text: 'x'.repeat(4001) }, 'text'],
    ];
    for (const [type, payload, field] of bad) {
      const result = CASE_EVENT_PAYLOADS[type].safeParse(payload);
      expect({ type, success: result.success }).toEqual({ type, success: false });
      if (field) expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
    }
  });

  it('describes every rejection reason, including the scope rule', () => {
    expect(CASE_EVENT_PAYLOADS.REJECT.shape.reason.options).toEqual(['out_of_scope_no_it_component', 'duplicate', 'not_feasible', 'other']);
  });
});
