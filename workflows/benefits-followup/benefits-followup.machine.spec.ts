import { initialTransition, transition } from 'xstate';
import { decide, deadlineOwnerAt, MachineRegistry, stateName, waitsForAt, type WorkflowEvent } from '#flyt/workflow-runtime';
import {
  type BenefitsFollowupEvent,
  benefitsFollowupMachine as machine,
  FOLLOWUP_EVENT_PAYLOADS,
  FOLLOWUP_INPUT,
  FOLLOWUP_ROLES,
  FOLLOWUP_STATE_LABELS,
  type FollowupEventPayload,
  type FollowupEventType,
  type FollowupFacts,
  type FollowupInput,
  type FollowupRole,
} from './benefits-followup.machine.js';
import { FOLLOWUP_REFUSALS } from './benefits-followup.refusals.js';
import { BENEFITS_FOLLOWUP_WORKFLOW } from './benefits-followup.workflow.js';

type Snapshot = ReturnType<typeof machine.transition>;
type Actions = readonly { type: string; params?: unknown }[];

const CASE_ID = '6b2e3d4c-0000-4000-8000-000000000001';
const PROJECT_ID = '6b2e3d4c-0000-4000-8000-000000000002';
const PROCESS_ID = '6b2e3d4c-0000-4000-8000-000000000003';
const UNIT_ID = '6b2e3d4c-0000-4000-8000-000000000004';
const BENEFIT_A = '6b2e3d4c-0000-4000-8000-00000000000a';
const BENEFIT_B = '6b2e3d4c-0000-4000-8000-00000000000b';
const EVENT_TYPES = Object.keys(FOLLOWUP_EVENT_PAYLOADS) as FollowupEventType[];

const INPUT: FollowupInput = {
  caseId: CASE_ID,
  projectId: PROJECT_ID,
  processId: PROCESS_ID,
  points: [
    { dueOn: '2027-03-01', benefitIds: [BENEFIT_A, BENEFIT_B] },
    { dueOn: '2028-03-01', benefitIds: [BENEFIT_A] },
  ],
};

const PAYLOAD: { [T in FollowupEventType]: FollowupEventPayload<T> } = {
  RECORD_MEASUREMENT: {
    benefitId: BENEFIT_A,
    value: 1200,
    measuredOn: '2027-03-03',
    comment: 'Hours saved in the exam office this term.',
    evidenceUrl: 'https://example.org/reports/exam-office-2027.pdf',
  },
  CONCLUDE: {
    outcome: 'partlyRealised',
    summary: 'The exam office saves 1 200 hours a year; student satisfaction did not rise as planned.',
    furtherActions: 'Look again at the student-facing part.',
  },
};

function ev<T extends FollowupEventType>(type: T, roles: readonly FollowupRole[], facts: FollowupFacts = {}, payload: FollowupEventPayload<T> = PAYLOAD[type]) {
  return { type, payload, actor: { userId: roles.includes('system') ? null : `user-${roles[0] ?? 'nobody'}`, roles }, facts } as BenefitsFollowupEvent;
}
const send = <T extends FollowupEventType>(s: Snapshot, type: T, roles: readonly FollowupRole[], facts?: FollowupFacts, payload?: FollowupEventPayload<T>): [Snapshot, Actions] =>
  transition(machine, s, ev(type, roles, facts, payload));
const at = (s: Snapshot) => stateName(s.value);
const timerId = (delay: string, state: string) => `xstate.after.${delay}.benefits-followup.${state}`;
const timerEvent = (delay: string, state: string) =>
  ({ type: timerId(delay, state), payload: {}, actor: { userId: null, roles: ['system'] }, facts: {} }) as unknown as BenefitsFollowupEvent;
const fire = (s: Snapshot, delay: string): [Snapshot, Actions] => transition(machine, s, timerEvent(delay, at(s)));
const notifies = (actions: Actions) => actions.filter((a) => a.type === 'notify').map((a) => a.params);
const raised = (actions: Actions) => actions.filter((a) => a.type === 'xstate.raise').map((a) => (a.params as { id: string }).id);
const cancelled = (actions: Actions) => actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);
const sentToWorkflows = (actions: Actions) => actions.filter((a) => a.type === 'sendToWorkflow').map((a) => a.params);

const start = (input: FollowupInput = INPUT) => initialTransition(machine, input);
const waiting = () => start()[0];
const due = () => fire(waiting(), 'measurementDue')[0];
const overdue = () => fire(due(), 'measurementOverdue')[0];
const escalated = () => fire(overdue(), 'measurementEscalated')[0];
const concluding = () => start({ ...INPUT, points: [] })[0];
const concluded = () => send(concluding(), 'CONCLUDE', ['processOwner'])[0];

const RECORDERS: FollowupRole[] = ['benefitOwner', 'responsibleManager'];
const MEASURING = [
  { state: 'measuring.waiting', at: waiting },
  { state: 'measuring.due', at: due },
  { state: 'measuring.overdue', at: overdue },
  { state: 'measuring.escalated', at: escalated },
];

/** Who may send what where, under facts that neither complete a date nor hold a deviation: a measurement then keeps the state. */
const TABLE: { state: string; at: () => Snapshot; allowed: Partial<Record<FollowupEventType, { roles: FollowupRole[]; to: string }>> }[] = [
  ...MEASURING.map(({ state, at }) => ({
    state,
    at,
    allowed: { RECORD_MEASUREMENT: { roles: RECORDERS, to: state }, CONCLUDE: { roles: ['processOwner' as const], to: 'concluded' } },
  })),
  { state: 'concluding', at: concluding, allowed: { CONCLUDE: { roles: ['processOwner'], to: 'concluded' } } },
];

function expectUnchanged(before: Snapshot, [after, actions]: [Snapshot, Actions]) {
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(actions).toEqual([]);
}

const registry = new MachineRegistry([{ ...BENEFITS_FOLLOWUP_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
const registration = registry.get('benefits-followup', 1);
/** What the runtime decides, 403 (not_permitted) or 422 (rejected), for an event refused by the machine. */
const decided = (s: Snapshot, event: BenefitsFollowupEvent) => decide(registration, s, event as unknown as WorkflowEvent);

describe('benefits-followup machine: who may send what, where', () => {
  describe.each(TABLE)('in $state', ({ state, at: reach, allowed }) => {
    it('is in the state the route leads to, active', () => {
      expect(at(reach())).toBe(state);
      expect(reach().status).toBe('active');
    });
    for (const type of EVENT_TYPES) {
      const rule = allowed[type];
      for (const role of FOLLOWUP_ROLES) {
        const permitted = rule?.roles.includes(role) ?? false;
        it(`${type} by ${role} ${permitted ? `→ ${rule?.to}` : 'is refused, follow-up unchanged'}`, () => {
          const before = reach();
          const result = send(before, type, [role]);
          if (permitted) expect(at(result[0])).toBe(rule?.to);
          else {
            expectUnchanged(before, result);
            expect(decided(before, ev(type, [role])).kind).toBe(rule ? 'not_permitted' : 'rejected');
          }
        });
      }
      if (!rule) {
        it(`${type} is refused here even with every role (wrong state)`, () => {
          const before = reach();
          expectUnchanged(before, send(before, type, FOLLOWUP_ROLES));
          expect(decided(before, ev(type, FOLLOWUP_ROLES))).toEqual({ kind: 'rejected', reason: 'not_in_state' });
        });
      }
    }
  });

  it('concluded is final: done, and no event moves it', () => {
    const s = concluded();
    expect(at(s)).toBe('concluded');
    expect(s.status).toBe('done');
    for (const type of EVENT_TYPES) expectUnchanged(s, send(s, type, FOLLOWUP_ROLES, { completesPoint: true }));
  });

  it('a refused role gets 403 naming who may; a state that does not take the event, 422', () => {
    expect(decided(due(), ev('RECORD_MEASUREMENT', ['processOwner']))).toEqual({
      kind: 'not_permitted',
      requiredRoles: ['benefitOwner', 'responsibleManager'],
    });
    expect(decided(due(), ev('CONCLUDE', ['benefitOwner']))).toEqual({ kind: 'not_permitted', requiredRoles: ['processOwner'] });
    expect(decided(concluding(), ev('RECORD_MEASUREMENT', ['benefitOwner']))).toEqual({ kind: 'rejected', reason: 'not_in_state' });
  });
});

describe('benefits-followup machine: starting', () => {
  it('starts waiting for the first measurement date, with its date in dueOn and its timer scheduled', () => {
    const [s, actions] = start();
    expect(at(s)).toBe('measuring.waiting');
    expect(s.context).toEqual({ ...INPUT, current: 0, dueOn: '2027-03-01', measurements: [], conclusion: null, deadlinesPassed: [] });
    expect(raised(actions)).toEqual([timerId('measurementDue', 'measuring.waiting')]);
    expect(notifies(actions)).toEqual([]);
  });

  it('a plan without measurement dates goes straight to concluding, with the conclusion reminder scheduled', () => {
    const [s, actions] = start({ ...INPUT, points: [] });
    expect(at(s)).toBe('concluding');
    expect(s.context.current).toBe(0);
    expect(s.context.dueOn).toBeNull();
    expect(raised(actions)).toEqual([timerId('conclusionReminder', 'concluding')]);
    expect(cancelled(actions)).toEqual([]);
  });
});

describe('benefits-followup machine: deadlines', () => {
  it('on the measurement date the benefit owners are told and the measurement is due', () => {
    const [s, actions] = fire(waiting(), 'measurementDue');
    expect(at(s)).toBe('measuring.due');
    expect(notifies(actions)).toEqual([{ to: 'benefitOwners', template: 'measurementDue' }]);
    expect(s.context.deadlinesPassed).toEqual([{ state: 'measuring.waiting', delay: 'measurementDue', pointIndex: 0 }]);
    expect(raised(actions)).toEqual([timerId('measurementOverdue', 'measuring.due')]);
  });

  it('a measurement still missing goes to the responsible line managers', () => {
    const [s, actions] = fire(due(), 'measurementOverdue');
    expect(at(s)).toBe('measuring.overdue');
    expect(notifies(actions)).toEqual([{ to: 'responsibleManagers', template: 'measurementOverdue' }]);
    expect(s.context.deadlinesPassed.at(-1)).toEqual({ state: 'measuring.due', delay: 'measurementOverdue', pointIndex: 0 });
    expect(raised(actions)).toEqual([timerId('measurementEscalated', 'measuring.overdue')]);
  });

  it('and then to the process owner, after which no timer is left for the date', () => {
    const [s, actions] = fire(overdue(), 'measurementEscalated');
    expect(at(s)).toBe('measuring.escalated');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'measurementEscalated' }]);
    expect(s.context.deadlinesPassed).toEqual([
      { state: 'measuring.waiting', delay: 'measurementDue', pointIndex: 0 },
      { state: 'measuring.due', delay: 'measurementOverdue', pointIndex: 0 },
      { state: 'measuring.overdue', delay: 'measurementEscalated', pointIndex: 0 },
    ]);
    expect(raised(actions)).toEqual([]);
  });

  it('reminds the process owner once while the conclusion waits, and stays', () => {
    const [s, actions] = fire(concluding(), 'conclusionReminder');
    expect(at(s)).toBe('concluding');
    expect(notifies(actions)).toEqual([{ to: 'processOwner', template: 'conclusionReminder' }]);
    expect(s.context.deadlinesPassed).toEqual([{ state: 'concluding', delay: 'conclusionReminder', pointIndex: null }]);
    expect(raised(actions)).toEqual([]);
  });

  it('a timer of a state already left does nothing', () => {
    const d = due();
    expectUnchanged(d, transition(machine, d, timerEvent('measurementDue', 'measuring.waiting')));
    const e = escalated();
    expectUnchanged(e, transition(machine, e, timerEvent('measurementOverdue', 'measuring.due')));
    const c = concluded();
    expectUnchanged(c, transition(machine, c, timerEvent('conclusionReminder', 'concluding')));
  });
});

describe('benefits-followup machine: recording measurements', () => {
  it('a measurement that leaves the date incomplete is kept, the managers are told, and the timers run on', () => {
    for (const { state, at: reach } of MEASURING) {
      const before = reach();
      const [s, actions] = send(before, 'RECORD_MEASUREMENT', ['benefitOwner'], { completesPoint: false });
      expect(at(s)).toBe(state);
      expect(s.context.current).toBe(0);
      expect(s.context.measurements).toEqual([
        {
          benefitId: BENEFIT_A,
          pointIndex: 0,
          value: 1200,
          measuredOn: '2027-03-03',
          comment: 'Hours saved in the exam office this term.',
          evidenceUrl: 'https://example.org/reports/exam-office-2027.pdf',
          deviationExplanation: null,
          by: 'user-benefitOwner',
        },
      ]);
      expect(notifies(actions)).toEqual([{ to: 'responsibleManagers', template: 'measurementRecorded' }]);
      expect(raised(actions)).toEqual([]);
      expect(cancelled(actions)).toEqual([]);
    }
  });

  it('is taken before the measurement date too, and a responsible manager may record', () => {
    const [s] = send(waiting(), 'RECORD_MEASUREMENT', ['responsibleManager'], {}, { benefitId: BENEFIT_B, value: -3.5, measuredOn: '2027-02-20' });
    expect(s.context.measurements).toEqual([
      { benefitId: BENEFIT_B, pointIndex: 0, value: -3.5, measuredOn: '2027-02-20', comment: null, evidenceUrl: null, deviationExplanation: null, by: 'user-responsibleManager' },
    ]);
  });

  it('a measurement that completes a date moves to the next date: its timers cancelled, the next date’s scheduled', () => {
    for (const { state, at: reach } of MEASURING) {
      const [s, actions] = send(reach(), 'RECORD_MEASUREMENT', ['benefitOwner'], { completesPoint: true });
      expect(at(s)).toBe('measuring.waiting');
      expect(s.context.current).toBe(1);
      expect(s.context.dueOn).toBe('2028-03-01');
      expect(s.context.measurements.map((m) => m.pointIndex)).toEqual([0]);
      expect(notifies(actions)).toEqual([{ to: 'responsibleManagers', template: 'measurementRecorded' }]);
      const pending = { 'measuring.waiting': 'measurementDue', 'measuring.due': 'measurementOverdue', 'measuring.overdue': 'measurementEscalated' }[state];
      expect({ state, cancelled: cancelled(actions) }).toEqual({ state, cancelled: pending ? [timerId(pending, state)] : [] });
      expect(raised(actions)).toEqual([timerId('measurementDue', 'measuring.waiting')]);
      // The old date's timer is cancelled before the new one is set: the runtime applies them in order under the same id.
      const types = actions.map((a) => a.type);
      if (pending) expect(types.indexOf('xstate.cancel')).toBeLessThan(types.indexOf('xstate.raise'));
    }
  });

  it('the next date’s deadlines escalate again and are recorded against it', () => {
    const next = send(overdue(), 'RECORD_MEASUREMENT', ['benefitOwner'], { completesPoint: true })[0];
    const [s, actions] = fire(fire(next, 'measurementDue')[0], 'measurementOverdue');
    expect(at(s)).toBe('measuring.overdue');
    expect(notifies(actions)).toEqual([{ to: 'responsibleManagers', template: 'measurementOverdue' }]);
    expect(s.context.deadlinesPassed).toEqual([
      { state: 'measuring.waiting', delay: 'measurementDue', pointIndex: 0 },
      { state: 'measuring.due', delay: 'measurementOverdue', pointIndex: 0 },
      { state: 'measuring.waiting', delay: 'measurementDue', pointIndex: 1 },
      { state: 'measuring.due', delay: 'measurementOverdue', pointIndex: 1 },
    ]);
  });

  it('the measurement that completes the last date goes to concluding and tells the process owner', () => {
    const second = send(waiting(), 'RECORD_MEASUREMENT', ['benefitOwner'], { completesPoint: true })[0];
    const [s, actions] = send(fire(second, 'measurementDue')[0], 'RECORD_MEASUREMENT', ['responsibleManager'], { completesPoint: true }, {
      ...PAYLOAD.RECORD_MEASUREMENT,
      measuredOn: '2028-03-02',
    });
    expect(at(s)).toBe('concluding');
    expect(s.context.current).toBe(2);
    expect(s.context.dueOn).toBeNull();
    expect(s.context.measurements.map((m) => [m.pointIndex, m.measuredOn])).toEqual([
      [0, '2027-03-03'],
      [1, '2028-03-02'],
    ]);
    expect(notifies(actions)).toEqual([
      { to: 'responsibleManagers', template: 'measurementRecorded' },
      { to: 'processOwner', template: 'measurementsComplete' },
    ]);
    expect(cancelled(actions)).toEqual([timerId('measurementOverdue', 'measuring.due')]);
    expect(raised(actions)).toEqual([timerId('conclusionReminder', 'concluding')]);
  });

  it('a value that misses its target without an explanation is refused in every substate, and says what to add', () => {
    for (const { at: reach } of MEASURING) {
      const before = reach();
      for (const facts of [{ deviationUnexplained: true }, { deviationUnexplained: true, completesPoint: true }]) {
        expectUnchanged(before, send(before, 'RECORD_MEASUREMENT', RECORDERS, facts));
        expect(decided(before, ev('RECORD_MEASUREMENT', ['benefitOwner'], facts))).toEqual({ kind: 'rejected', reason: 'refused_by_data' });
      }
    }
    expect(FOLLOWUP_REFUSALS.RECORD_MEASUREMENT!(waiting().context, { deviationUnexplained: true })).toEqual({
      reason:
        'the measured value misses the target set for this benefit in the benefits-realisation plan: explain the deviation (deviationExplanation), then record the measurement again',
      waitsForData: true,
    });
    expect(FOLLOWUP_REFUSALS.RECORD_MEASUREMENT!(waiting().context, {})).toBeNull();
  });

  it('with the explanation the deviation is kept with the measurement', () => {
    const [s] = send(due(), 'RECORD_MEASUREMENT', ['benefitOwner'], { deviationUnexplained: false }, {
      ...PAYLOAD.RECORD_MEASUREMENT,
      value: 300,
      deviationExplanation: 'The new system went live a term late.',
    });
    expect(s.context.measurements[0]?.deviationExplanation).toBe('The new system went live a term late.');
  });

  it('guards ignore the payload: the facts decide, whatever the payload says', () => {
    const explained = { ...PAYLOAD.RECORD_MEASUREMENT, deviationExplanation: 'Explained.' };
    expectUnchanged(due(), send(due(), 'RECORD_MEASUREMENT', ['benefitOwner'], { deviationUnexplained: true }, explained));
    const moved = send(waiting(), 'RECORD_MEASUREMENT', ['benefitOwner'], { completesPoint: true }, { benefitId: BENEFIT_B, value: 0, measuredOn: '2020-01-01' })[0];
    expect([at(moved), moved.context.current]).toEqual(['measuring.waiting', 1]);
    expect(at(transition(machine, due(), { ...ev('CONCLUDE', ['processOwner']), payload: {} } as BenefitsFollowupEvent)[0])).toBe('concluded');
  });
});

describe('benefits-followup machine: concluding (BP6)', () => {
  const conclusionMessage = {
    workflowId: 'improvement-case',
    instanceId: CASE_ID,
    event: { type: 'CONCLUDE_BENEFITS', payload: { summary: PAYLOAD.CONCLUDE.summary, outcome: 'partlyRealised' } },
  };

  it('records the conclusion, tells the improvement case through the runtime, and tells the plan’s people', () => {
    const [s, actions] = send(concluding(), 'CONCLUDE', ['processOwner'], {}, {
      ...PAYLOAD.CONCLUDE,
      newCase: { title: 'Student-facing exam registration', problem: 'Students still register by e-mail.', reportingUnitId: UNIT_ID },
    });
    expect(at(s)).toBe('concluded');
    expect(s.context.conclusion).toEqual({
      outcome: 'partlyRealised',
      summary: PAYLOAD.CONCLUDE.summary,
      furtherActions: 'Look again at the student-facing part.',
      newCase: { title: 'Student-facing exam registration', problem: 'Students still register by e-mail.', reportingUnitId: UNIT_ID },
      by: 'user-processOwner',
    });
    expect(sentToWorkflows(actions)).toEqual([conclusionMessage]);
    expect(notifies(actions)).toEqual([
      { to: 'benefitOwners', template: 'benefitsConcluded' },
      { to: 'responsibleManagers', template: 'benefitsConcluded' },
    ]);
    expect(cancelled(actions)).toEqual([timerId('conclusionReminder', 'concluding')]);
  });

  it('the process owner may conclude early, from any substate of measuring; the pending timers go', () => {
    for (const { state, at: reach } of MEASURING) {
      const [s, actions] = send(reach(), 'CONCLUDE', ['processOwner'], {}, { outcome: 'notRealised', summary: 'The plan no longer applies.' });
      expect(at(s)).toBe('concluded');
      expect(s.context.conclusion).toEqual({ outcome: 'notRealised', summary: 'The plan no longer applies.', furtherActions: null, newCase: null, by: 'user-processOwner' });
      expect(s.context.current).toBe(0);
      expect(sentToWorkflows(actions)).toEqual([
        { ...conclusionMessage, event: { type: 'CONCLUDE_BENEFITS', payload: { summary: 'The plan no longer applies.', outcome: 'notRealised' } } },
      ]);
      const pending = { 'measuring.waiting': 'measurementDue', 'measuring.due': 'measurementOverdue', 'measuring.overdue': 'measurementEscalated' }[state];
      expect({ state, cancelled: cancelled(actions) }).toEqual({ state, cancelled: pending ? [timerId(pending, state)] : [] });
      expect(raised(actions)).toEqual([]);
    }
  });

  it('the message is one the improvement case’s schema takes (summary within its length)', () => {
    expect(PAYLOAD.CONCLUDE.summary.length).toBeLessThanOrEqual(4000);
    expect(FOLLOWUP_EVENT_PAYLOADS.CONCLUDE.safeParse({ ...PAYLOAD.CONCLUDE, summary: 'x'.repeat(4001) }).success).toBe(false);
  });
});

describe('benefits-followup machine: as the platform reads it', () => {
  it('says who each state waits for, and who keeps its deadlines', () => {
    expect(waitsForAt(machine, 'measuring.waiting')).toEqual(['benefitOwner']);
    expect(waitsForAt(machine, 'measuring.escalated')).toEqual(['benefitOwner']);
    expect(waitsForAt(machine, 'concluding')).toEqual(['processOwner']);
    expect(waitsForAt(machine, 'concluded')).toEqual([]);
    expect(deadlineOwnerAt(machine, 'measuring.waiting')).toBe('benefitOwner');
    expect(deadlineOwnerAt(machine, 'measuring.due')).toBe('benefitOwner');
    expect(deadlineOwnerAt(machine, 'measuring.overdue')).toBe('responsibleManager');
    expect(deadlineOwnerAt(machine, 'measuring.escalated')).toBe('processOwner');
    expect(deadlineOwnerAt(machine, 'concluding')).toBe('processOwner');
  });

  it('is accepted by the runtime registry, with its escalations', () => {
    expect(registry.latest('benefits-followup').version).toBe(1);
    expect(registry.workflow('benefits-followup').escalations).toEqual({
      measurementOverdue: { role: 'responsibleManager', recipient: 'responsibleManagers' },
      measurementEscalated: { role: 'processOwner', recipient: 'processOwner' },
    });
  });

  it('has nb and en labels for every state', () => {
    expect(Object.keys(FOLLOWUP_STATE_LABELS).sort()).toEqual(
      ['concluded', 'concluding', 'measuring', 'measuring.due', 'measuring.escalated', 'measuring.overdue', 'measuring.waiting', 'starting'].sort(),
    );
    expect(FOLLOWUP_STATE_LABELS.measuring).toEqual({ nb: 'Gevinstmåling pågår', en: 'Measuring benefits' });
    expect(FOLLOWUP_STATE_LABELS.concluding).toEqual({ nb: 'Gevinstarbeidet avsluttes (BP6)', en: 'Concluding the benefits work (BP6)' });
    expect(FOLLOWUP_STATE_LABELS.concluded).toEqual({ nb: 'Avsluttet (BP6)', en: 'Concluded (BP6)' });
  });
});

describe('benefits-followup payload and input schemas', () => {
  it('accept the samples', () => {
    for (const type of EVENT_TYPES) expect(FOLLOWUP_EVENT_PAYLOADS[type].safeParse(PAYLOAD[type]).success).toBe(true);
    expect(FOLLOWUP_INPUT.safeParse(INPUT).success).toBe(true);
    expect(FOLLOWUP_INPUT.safeParse({ ...INPUT, points: [] }).success).toBe(true);
  });

  it('refuse bad payloads, naming the field', () => {
    const bad: [FollowupEventType, unknown, string][] = [
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, evidenceUrl: 'ftp://example.org/report.pdf' }, 'evidenceUrl'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, measuredOn: '2027-02-30' }, 'measuredOn'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, measuredOn: 'last spring' }, 'measuredOn'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, measuredOn: '2027-03-03T12:00:00+01:00' }, 'measuredOn'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, benefitId: 'time saved' }, 'benefitId'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, value: '1200' }, 'value'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, value: Number.NaN }, 'value'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, deviationExplanation: '  ' }, 'deviationExplanation'],
      ['RECORD_MEASUREMENT', { ...PAYLOAD.RECORD_MEASUREMENT, pointIndex: 1 }, ''],
      ['CONCLUDE', { ...PAYLOAD.CONCLUDE, summary: '' }, 'summary'],
      ['CONCLUDE', { ...PAYLOAD.CONCLUDE, summary: '\u200B \u00AD' }, 'summary'],
      ['CONCLUDE', { ...PAYLOAD.CONCLUDE, outcome: 'mostly' }, 'outcome'],
      ['CONCLUDE', { summary: 'Done.' }, 'outcome'],
      ['CONCLUDE', { ...PAYLOAD.CONCLUDE, newCase: { title: 'T', problem: 'P' } }, 'newCase'],
      ['CONCLUDE', { ...PAYLOAD.CONCLUDE, closeCase: true }, ''],
    ];
    for (const [type, payload, field] of bad) {
      const result = FOLLOWUP_EVENT_PAYLOADS[type].safeParse(payload);
      expect({ type, payload, success: result.success }).toEqual({ type, payload, success: false });
      if (field) expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
    }
  });

  it('refuses an input whose dates are not dates or whose date measures nothing', () => {
    expect(FOLLOWUP_INPUT.safeParse({ ...INPUT, points: [{ dueOn: 'March 2027', benefitIds: [BENEFIT_A] }] }).success).toBe(false);
    expect(FOLLOWUP_INPUT.safeParse({ ...INPUT, points: [{ dueOn: '2027-03-01', benefitIds: [] }] }).success).toBe(false);
    expect(FOLLOWUP_INPUT.safeParse({ ...INPUT, extra: true }).success).toBe(false);
  });
});
