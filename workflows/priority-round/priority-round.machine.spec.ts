import { initialTransition, transition } from 'xstate';
import { deadlineOwnerAt, MachineRegistry, statesTagged, waitsForAt } from '#flyt/workflow-runtime';
import {
  type PriorityRoundEvent,
  priorityRoundMachine as machine,
  ROUND_EVENT_PAYLOADS,
  ROUND_ROLES,
  ROUND_STATE_LABELS,
  type RoundDecision,
  type RoundEventPayload,
  type RoundEventType,
  type RoundFacts,
  type RoundRole,
} from './priority-round.machine.js';
import { ROUND_TEMPLATES } from './priority-round.notifications.js';
import { ROUND_REFUSALS } from './priority-round.refusals.js';
import { PRIORITY_ROUND_WORKFLOW } from './priority-round.workflow.js';

type Snapshot = ReturnType<typeof machine.transition>;
type Actions = readonly { type: string; params?: unknown }[];

const ROUND_ID = '5a1d2c3b-0000-4000-8000-000000000001';
const SCENARIO_ID = '5a1d2c3b-0000-4000-8000-000000000002';
const CASE_A = '5a1d2c3b-0000-4000-8000-00000000000a';
const CASE_B = '5a1d2c3b-0000-4000-8000-00000000000b';
const EVENT_TYPES = Object.keys(ROUND_EVENT_PAYLOADS) as RoundEventType[];

const PAYLOAD: { [T in RoundEventType]: RoundEventPayload<T> } = {
  OPEN: { closesAt: '2026-12-10T12:00:00+01:00' },
  CLOSE_VOTING: {},
  EXTEND: { closesAt: '2026-12-17T12:00:00+01:00', reason: 'Two members were ill.' },
  RECOMMEND: { scenarioId: SCENARIO_ID, note: 'The council’s scores within the frame.' },
  APPROVE: { note: 'Approved as recommended.' },
  RETURN: { reason: 'Look again at the student-system cases.' },
  CANCEL: { reason: 'The board changed the frame.' },
};

const DECISIONS: RoundDecision[] = [
  { caseId: CASE_A, type: 'PRIORITISE', payload: { roundId: ROUND_ID, score: 4.2 } },
  { caseId: CASE_B, type: 'DEFER', payload: { roundId: ROUND_ID, reason: 'Budget' } },
];
/** Facts under which everything the data decides is allowed. */
const ALL: RoundFacts = { readyToOpen: true, quorumReached: true, allVoted: true, scenarioReady: true, decisions: DECISIONS };

function ev<T extends RoundEventType>(type: T, roles: readonly RoundRole[], facts: RoundFacts = ALL, payload: RoundEventPayload<T> = PAYLOAD[type]) {
  return { type, payload, actor: { userId: roles.includes('system') ? null : `user-${roles[0] ?? 'nobody'}`, roles }, facts } as PriorityRoundEvent;
}
const send = <T extends RoundEventType>(s: Snapshot, type: T, roles: readonly RoundRole[], facts?: RoundFacts, payload?: RoundEventPayload<T>): [Snapshot, Actions] =>
  transition(machine, s, ev(type, roles, facts, payload));
const timerId = (delay: string, state: string) => `xstate.after.${delay}.priority-round.${state}`;
const fire = (s: Snapshot, delay: string, facts: RoundFacts = {}): [Snapshot, Actions] =>
  transition(machine, s, { type: timerId(delay, String(s.value)), payload: {}, actor: { userId: null, roles: ['system'] }, facts } as unknown as PriorityRoundEvent);
const notifies = (actions: Actions) => actions.filter((a) => a.type === 'notify').map((a) => a.params);
const raised = (actions: Actions) => actions.filter((a) => a.type === 'xstate.raise').map((a) => (a.params as { id: string }).id);
const cancelled = (actions: Actions) => actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);

const draft = () => initialTransition(machine, { roundId: ROUND_ID, title: 'Utviklingsplan 2027' })[0];
const open = () => send(draft(), 'OPEN', ['secretariat'])[0];
const quorumNotReached = () => fire(open(), 'votingCloses', { quorumReached: false })[0];
const closed = () => fire(open(), 'votingCloses', { quorumReached: true })[0];
const recommended = () => send(closed(), 'RECOMMEND', ['secretariat'])[0];

const TABLE: { state: string; at: () => Snapshot; allowed: Partial<Record<RoundEventType, { roles: RoundRole[]; to: string }>> }[] = [
  { state: 'draft', at: draft, allowed: { OPEN: { roles: ['secretariat'], to: 'open' }, CANCEL: { roles: ['secretariat'], to: 'cancelled' } } },
  {
    state: 'open',
    at: open,
    allowed: { CLOSE_VOTING: { roles: ['secretariat'], to: 'closed' }, CANCEL: { roles: ['secretariat'], to: 'cancelled' } },
  },
  {
    state: 'quorumNotReached',
    at: quorumNotReached,
    allowed: { EXTEND: { roles: ['secretariat'], to: 'open' }, CANCEL: { roles: ['secretariat'], to: 'cancelled' } },
  },
  {
    state: 'closed',
    at: closed,
    allowed: { RECOMMEND: { roles: ['secretariat'], to: 'recommended' }, CANCEL: { roles: ['secretariat'], to: 'cancelled' } },
  },
  {
    state: 'recommended',
    at: recommended,
    allowed: { APPROVE: { roles: ['rector'], to: 'approved' }, RETURN: { roles: ['rector'], to: 'closed' } },
  },
];

function expectUnchanged(before: Snapshot, [after, actions]: [Snapshot, Actions]) {
  expect(after.value).toEqual(before.value);
  expect(after.context).toEqual(before.context);
  expect(actions).toEqual([]);
}

describe('priority-round machine: who may send what, where', () => {
  describe.each(TABLE)('in $state', ({ state, at, allowed }) => {
    it('is in the state the route leads to, active', () => {
      expect(at().value).toBe(state);
      expect(at().status).toBe('active');
    });
    for (const type of EVENT_TYPES) {
      const rule = allowed[type];
      for (const role of ROUND_ROLES) {
        const permitted = rule?.roles.includes(role) ?? false;
        it(`${type} by ${role} ${permitted ? `→ ${rule?.to}` : 'is refused, round unchanged'}`, () => {
          const before = at();
          const result = send(before, type, [role]);
          if (permitted) expect(result[0].value).toBe(rule?.to);
          else expectUnchanged(before, result);
        });
      }
      if (!rule) {
        it(`${type} is refused here even with every role (wrong state)`, () => {
          const before = at();
          expectUnchanged(before, send(before, type, ROUND_ROLES));
        });
      }
    }
  });

  it.each([
    { state: 'approved', at: () => send(recommended(), 'APPROVE', ['rector'])[0] },
    { state: 'cancelled', at: () => send(draft(), 'CANCEL', ['secretariat'])[0] },
  ])('$state is final: done, and no event moves it', ({ state, at }) => {
    const s = at();
    expect(s.value).toBe(state);
    expect(s.status).toBe('done');
    for (const type of EVENT_TYPES) expectUnchanged(s, send(s, type, ROUND_ROLES));
  });
});

describe('priority-round machine: what the data allows', () => {
  it('OPEN waits for a complete set-up, and says what is missing', () => {
    const d = draft();
    expectUnchanged(d, send(d, 'OPEN', ['secretariat'], { readyToOpen: false, setupMissing: ['the budget frame', 'council members'] }));
    expect(ROUND_REFUSALS.OPEN!(d.context, { readyToOpen: false, setupMissing: ['the budget frame', 'council members'] })).toEqual({
      reason: 'the round is not ready for voting: add the budget frame, council members, then open it',
      waitsForData: true,
    });
  });

  it('OPEN records the closing time, tells the members and schedules the reminder and the close', () => {
    const [s, actions] = send(draft(), 'OPEN', ['secretariat']);
    expect(s.context.closesAt).toBe('2026-12-10T12:00:00+01:00');
    expect(notifies(actions)).toEqual([{ to: 'members', template: 'roundOpened' }]);
    expect(raised(actions)).toEqual([timerId('votingReminder', 'open'), timerId('votingCloses', 'open')]);
  });

  it('reminds those who have not voted two working days before, and stays open', () => {
    const [s, actions] = fire(open(), 'votingReminder');
    expect(s.value).toBe('open');
    expect(notifies(actions)).toEqual([{ to: 'membersWhoHaveNotVoted', template: 'votingReminder' }]);
  });

  it('closes by itself at the deadline: closed with the quorum, quorumNotReached without; nothing to recommend then', () => {
    const [withQuorum, a1] = fire(open(), 'votingCloses', { quorumReached: true });
    expect(withQuorum.value).toBe('closed');
    expect(withQuorum.context.votingClosedBy).toBe('deadline');
    expect(notifies(a1)).toEqual([{ to: 'secretariat', template: 'votingClosed' }]);
    // Leaving the state cancels both; the runtime has already settled the one that fired.
    expect(cancelled(a1).sort()).toEqual([timerId('votingCloses', 'open'), timerId('votingReminder', 'open')]);

    const [without, a2] = fire(open(), 'votingCloses', { quorumReached: false });
    expect(without.value).toBe('quorumNotReached');
    expect(notifies(a2)).toEqual([{ to: 'secretariat', template: 'quorumNotReached' }]);
    expectUnchanged(without, send(without, 'RECOMMEND', ROUND_ROLES));
  });

  it('CLOSE_VOTING early only once every member has voted', () => {
    const o = open();
    expectUnchanged(o, send(o, 'CLOSE_VOTING', ['secretariat'], { allVoted: false }));
    const [s, actions] = send(o, 'CLOSE_VOTING', ['secretariat']);
    expect(s.value).toBe('closed');
    expect(s.context.votingClosedBy).toBe('secretariat');
    expect(cancelled(actions).sort()).toEqual([timerId('votingCloses', 'open'), timerId('votingReminder', 'open')]);
  });

  it('EXTEND reopens voting once with a new deadline; a second time it is refused', () => {
    const [extended, actions] = send(quorumNotReached(), 'EXTEND', ['secretariat']);
    expect(extended.value).toBe('open');
    expect(extended.context.closesAt).toBe('2026-12-17T12:00:00+01:00');
    expect(extended.context.extension).toEqual({
      previousClosesAt: '2026-12-10T12:00:00+01:00',
      closesAt: '2026-12-17T12:00:00+01:00',
      reason: 'Two members were ill.',
      by: 'user-secretariat',
    });
    expect(notifies(actions)).toEqual([{ to: 'members', template: 'roundExtended' }]);
    expect(raised(actions)).toEqual([timerId('votingReminder', 'open'), timerId('votingCloses', 'open')]);
    const again = fire(extended, 'votingCloses', { quorumReached: false })[0];
    expect(again.value).toBe('quorumNotReached');
    expectUnchanged(again, send(again, 'EXTEND', ['secretariat']));
    expect(ROUND_REFUSALS.EXTEND!(again.context, {})?.reason).toMatch(/already had its one extension/);
    expect(send(again, 'CANCEL', ['secretariat'])[0].value).toBe('cancelled');
  });

  it('RECOMMEND needs a scenario with a result, tells the rector and records the scenario', () => {
    const c = closed();
    expectUnchanged(c, send(c, 'RECOMMEND', ['secretariat'], { scenarioReady: false }));
    const [s, actions] = send(c, 'RECOMMEND', ['secretariat']);
    expect(s.context.recommendation).toEqual({ scenarioId: SCENARIO_ID, note: 'The council’s scores within the frame.', by: 'user-secretariat' });
    expect(notifies(actions)).toEqual([{ to: 'rector', template: 'roundRecommended' }]);
  });

  it('RETURN sends the recommendation back to the secretariat with the reason, and a new one can be made', () => {
    const [s, actions] = send(recommended(), 'RETURN', ['rector']);
    expect(s.value).toBe('closed');
    expect(s.context.recommendation).toBeNull();
    expect(s.context.returns).toEqual([{ scenarioId: SCENARIO_ID, reason: 'Look again at the student-system cases.', by: 'user-rector' }]);
    expect(notifies(actions)).toEqual([{ to: 'secretariat', template: 'roundReturned' }]);
    expect(send(s, 'RECOMMEND', ['secretariat'])[0].value).toBe('recommended');
  });

  it('APPROVE sends every candidate its outcome through the runtime and tells the members and the secretariat', () => {
    const r = recommended();
    expectUnchanged(r, send(r, 'APPROVE', ['rector'], { decisions: [] }));
    const [s, actions] = send(r, 'APPROVE', ['rector']);
    expect(s.value).toBe('approved');
    expect(s.context.approval).toEqual({ note: 'Approved as recommended.', by: 'user-rector', decided: 2 });
    expect(actions.filter((a) => a.type === 'sendToWorkflow').map((a) => a.params)).toEqual([
      {
        messages: [
          { workflowId: 'improvement-case', instanceId: CASE_A, event: { type: 'PRIORITISE', payload: { roundId: ROUND_ID, score: 4.2 } } },
          { workflowId: 'improvement-case', instanceId: CASE_B, event: { type: 'DEFER', payload: { roundId: ROUND_ID, reason: 'Budget' } } },
        ],
      },
    ]);
    expect(notifies(actions)).toEqual([
      { to: 'members', template: 'roundApproved' },
      { to: 'secretariat', template: 'roundApproved' },
    ]);
  });

  it('CANCEL from every state before the recommendation tells the members and keeps the reason', () => {
    for (const at of [draft, open, quorumNotReached, closed]) {
      const [s, actions] = send(at(), 'CANCEL', ['secretariat']);
      expect(s.value).toBe('cancelled');
      expect(s.context.cancellation).toEqual({ reason: 'The board changed the frame.', by: 'user-secretariat' });
      expect(notifies(actions)).toEqual([{ to: 'members', template: 'roundCancelled' }]);
    }
    expectUnchanged(recommended(), send(recommended(), 'CANCEL', ROUND_ROLES));
  });
});

describe('priority-round machine: as the platform reads it', () => {
  it('says who each state waits for, and who keeps the voting deadline', () => {
    expect(waitsForAt(machine, 'draft')).toEqual(['secretariat']);
    expect(waitsForAt(machine, 'open')).toEqual(['member']);
    expect(waitsForAt(machine, 'quorumNotReached')).toEqual(['secretariat']);
    expect(waitsForAt(machine, 'closed')).toEqual(['secretariat']);
    expect(waitsForAt(machine, 'recommended')).toEqual(['rector']);
    expect(waitsForAt(machine, 'approved')).toEqual([]);
    expect(deadlineOwnerAt(machine, 'open')).toBe('secretariat');
  });

  it('tags when ballots, set-up and scenarios may change', () => {
    expect(statesTagged(machine, 'voting')).toEqual(['open']);
    expect(statesTagged(machine, 'setupEditable')).toEqual(['draft']);
    expect(statesTagged(machine, 'scenariosEditable')).toEqual(['closed']);
  });

  it('is accepted by the runtime registry', () => {
    const registry = new MachineRegistry([{ ...PRIORITY_ROUND_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
    expect(registry.latest('priority-round').version).toBe(1);
  });

  it('has nb and en labels and wording for every state and template', () => {
    expect(Object.keys(ROUND_STATE_LABELS).sort()).toEqual(['approved', 'cancelled', 'closed', 'draft', 'open', 'quorumNotReached', 'recommended']);
    for (const template of Object.values(ROUND_TEMPLATES)) {
      for (const wording of [template.nb, template.en]) {
        expect(wording.subject.length).toBeGreaterThan(5);
        expect(wording.lead('10. desember 2026 kl. 12.00')).not.toMatch(/undefined|null/);
        expect(wording.lead(null)).not.toMatch(/undefined|null/);
      }
    }
  });

  it('accepts the sample payloads and refuses bad ones, naming the field', () => {
    for (const type of EVENT_TYPES) expect(ROUND_EVENT_PAYLOADS[type].safeParse(PAYLOAD[type]).success).toBe(true);
    const bad: [RoundEventType, unknown, string][] = [
      ['OPEN', {}, 'closesAt'],
      ['OPEN', { closesAt: '2026-12-10' }, 'closesAt'],
      ['OPEN', { closesAt: '2026-12-10T12:00:00' }, 'closesAt'],
      ['EXTEND', { closesAt: 'soon' }, 'closesAt'],
      ['RECOMMEND', { scenarioId: 'best' }, 'scenarioId'],
      ['RETURN', {}, 'reason'],
      ['RETURN', { reason: '   ' }, 'reason'],
      ['CANCEL', { reason: 'x'.repeat(4001) }, 'reason'],
      ['APPROVE', { decisions: [] }, ''],
      ['CLOSE_VOTING', { now: true }, ''],
    ];
    for (const [type, payload, field] of bad) {
      const result = ROUND_EVENT_PAYLOADS[type].safeParse(payload);
      expect({ type, payload, success: result.success }).toEqual({ type, payload, success: false });
      if (field) expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
    }
  });
});
