import { DEMO_PERSONA } from '#flyt/demo-data';
import { ESCALATION, eventually, notificationsOf, REMINDER, startWorkerStack, timerEvents, type WorkerStack } from './worker-support.js';

/**
 * Deadlines end to end: the API writes the timers, the worker's relay schedules them in BullMQ,
 * the timer processor sends their events. Deadlines are seconds long here (DEADLINE_RULES);
 * every wait polls the database, nothing depends on how long a step takes.
 */
describe('deadlines: reminders and escalations fire, acting cancels them, moving moves them', () => {
  let stack: WorkerStack;
  const responsible = DEMO_PERSONA.process_responsible;
  const owner = DEMO_PERSONA.process_owner;
  const secretariat = DEMO_PERSONA.programme_secretariat;

  beforeAll(async () => {
    stack = await startWorkerStack({
      responsibleReminder: { seconds: 2 },
      ownerEscalation: { seconds: 4 },
      ownerReminder: { seconds: 3 },
      secretariatEscalation: { seconds: 5 },
    });
    await stack.startWorker();
  }, 60_000);
  afterAll(() => stack.close());

  interface InboxItem {
    case: { id: string };
    allowedEvents: string[];
    deadlines: { delayName: string }[];
    passedDeadlines: { delayName: string; notifiedMe: boolean }[];
  }
  const inboxItem = async (email: string, caseId: string): Promise<InboxItem | undefined> =>
    ((await stack.call(email, 'get', '/api/inbox')).body.items as InboxItem[]).find((i) => i.case.id === caseId);
  const passed = (item: InboxItem | undefined) => item?.passedDeadlines.map((d) => ({ delayName: d.delayName, notifiedMe: d.notifiedMe }));

  const history = async (caseId: string) => (await stack.call(responsible, 'get', `/api/cases/${caseId}/history`)).body.items as { type: string; actor: unknown; payload: Record<string, unknown> }[];

  it('a submitted case left alone gets the reminder to the process responsible, then the escalation to the process owner', async () => {
    const caseId = await stack.submittedCase();
    // The case list (the process view) shows the deadline ahead, and later that one passed.
    const listed = async () => ((await stack.call(owner, 'get', '/api/cases?limit=100')).body.items as { id: string; nextDeadline: string | null; overdue: boolean }[]).find((c) => c.id === caseId);
    const before = await listed();
    expect(before).toMatchObject({ overdue: false, nextDeadline: expect.any(String) });

    const types = (await eventually(async () => {
      const t = (await history(caseId)).map((e) => e.type);
      return t.includes(ESCALATION) && t;
    }, 'the escalation in the history')) as string[];
    expect(types.filter((t) => t.startsWith('xstate.after.'))).toEqual([REMINDER, ESCALATION]);
    const fired = (await history(caseId)).filter((e) => e.type.startsWith('xstate.after.'));
    expect(fired.map((e) => e.actor)).toEqual([null, null]);

    const detail = await stack.call(responsible, 'get', `/api/cases/${caseId}`);
    expect(detail.body.state).toBe('submitted');
    const [{ state }] = await stack.api.db.query(`SELECT state FROM improvement_case WHERE id = $1`, [caseId]);
    expect(state).toBe('submitted');

    await eventually(async () => (await notificationsOf(stack.api, caseId, 'triageOverdue')).length > 0, 'the escalation notification');
    expect(await notificationsOf(stack.api, caseId, 'triageReminder')).toEqual([{ user: responsible, count: 1 }]);
    expect(await notificationsOf(stack.api, caseId, 'triageOverdue')).toEqual([{ user: owner, count: 1 }]);
    await eventually(async () => stack.smtp.to(owner).length > 0 && stack.smtp.to(responsible).length >= 2, 'the reminder and escalation e-mails');

    // Both show in the inbox: the process responsible, who must still triage, sees the reminder sent
    // to them and the escalation above them; the process owner, told, finds the case in theirs.
    const mine = await inboxItem(responsible, caseId);
    expect(mine).toMatchObject({ deadlines: [], allowedEvents: expect.arrayContaining(['ESCALATE', 'REQUEST_INFO']) });
    expect(passed(mine)).toEqual([
      { delayName: 'responsibleReminder', notifiedMe: true },
      { delayName: 'ownerEscalation', notifiedMe: false },
    ]);
    const owners = await inboxItem(owner, caseId);
    expect(owners).toMatchObject({ allowedEvents: [] });
    expect(passed(owners)).toEqual([
      { delayName: 'responsibleReminder', notifiedMe: false },
      { delayName: 'ownerEscalation', notifiedMe: true },
    ]);
    expect(await listed()).toMatchObject({ overdue: true, nextDeadline: null });
    const assigned = await stack.call(owner, 'get', '/api/cases?assignedToMe=true&limit=100');
    expect(assigned.body.items.map((c: { id: string }) => c.id)).toContain(caseId);

    // Once the responsible acts, the case moves on: its old deadlines leave both inboxes.
    expect((await stack.call(responsible, 'post', `/api/cases/${caseId}/events`, { type: 'ESCALATE', payload: { text: 'Gjelder flere fakulteter.' } })).status).toBe(200);
    // The owner's inbox first: their own reminder in the new state comes due seconds after the escalation.
    expect(passed(await inboxItem(owner, caseId))).toEqual([]);
    expect(await inboxItem(responsible, caseId)).toBeUndefined();
  });

  it('a case left undecided with the process owner: a reminder to them, then an escalation the programme secretariat can open and finds in its inbox', async () => {
    const caseId = await stack.submittedCase();
    expect((await stack.call(responsible, 'post', `/api/cases/${caseId}/events`, { type: 'ESCALATE', payload: { text: 'Gjelder flere fakulteter.' } })).status).toBe(200);
    // Not proposed to the programme, not escalated yet: the case does not exist for the secretariat.
    expect((await stack.call(secretariat, 'get', `/api/cases/${caseId}`)).status).toBe(404);

    await eventually(async () => (await notificationsOf(stack.api, caseId, 'ownerDecisionOverdue')).length > 0, 'the escalation to the secretariat');
    expect(await notificationsOf(stack.api, caseId, 'ownerDecisionReminder')).toEqual([{ user: owner, count: 1 }]);
    expect(await notificationsOf(stack.api, caseId, 'ownerDecisionOverdue')).toEqual([{ user: secretariat, count: 1 }]);

    const opened = await stack.call(secretariat, 'get', `/api/cases/${caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ state: 'withProcessOwner' });
    const told = await inboxItem(secretariat, caseId);
    expect(told).toMatchObject({ allowedEvents: [] });
    expect(passed(told)).toEqual([
      { delayName: 'ownerReminder', notifiedMe: false },
      { delayName: 'secretariatEscalation', notifiedMe: true },
    ]);
    expect(passed(await inboxItem(owner, caseId))).toEqual([
      { delayName: 'ownerReminder', notifiedMe: true },
      { delayName: 'secretariatEscalation', notifiedMe: false },
    ]);
    const history = (await stack.call(secretariat, 'get', `/api/cases/${caseId}/history`)).body.items.map((e: { type: string }) => e.type);
    expect(history.filter((t: string) => t.startsWith('xstate.after.'))).toEqual([
      'xstate.after.ownerReminder.improvement-case.withProcessOwner',
      'xstate.after.secretariatEscalation.improvement-case.withProcessOwner',
    ]);

    // The owner sends it back: nothing waits on the secretariat any more, though it may still look.
    expect((await stack.call(owner, 'post', `/api/cases/${caseId}/events`, { type: 'RETURN_TO_RESPONSIBLE', payload: { text: 'Kan løses lokalt.' } })).status).toBe(200);
    expect(await inboxItem(secretariat, caseId)).toBeUndefined();
    expect((await stack.call(secretariat, 'get', `/api/cases/${caseId}`)).status).toBe(200);
  });

  it('acting before the deadline cancels it: no reminder event, no reminder notification', async () => {
    const acted = await stack.submittedCase();
    const left = await stack.submittedCase();
    const asked = await stack.call(responsible, 'post', `/api/cases/${acted}/events`, { type: 'REQUEST_INFO', payload: { question: 'Hvilke vedtak gjelder det?' } });
    expect(asked.status).toBe(200);

    // The case left alone, submitted after the other, is the yardstick: once its escalation fired, the acted case's would have too.
    await eventually(async () => (await timerEvents(stack.api, [left])).get(`${left}/${ESCALATION}`) === 1, 'the escalation of the case left alone');
    expect([...(await timerEvents(stack.api, [acted])).keys()]).toEqual([]);
    expect(await notificationsOf(stack.api, acted, 'triageReminder')).toEqual([]);
    expect(await notificationsOf(stack.api, acted, 'triageOverdue')).toEqual([]);
    const timers = await stack.api.db.query(`SELECT timer_id, status FROM workflow_timer WHERE instance_id = $1 AND timer_id = ANY($2) ORDER BY timer_id`, [
      acted,
      [REMINDER, ESCALATION],
    ]);
    expect(timers).toEqual([
      { timer_id: ESCALATION, status: 'cancelled' },
      { timer_id: REMINDER, status: 'cancelled' },
    ]);
  });

  it('moving a deadline moves its job: not at the old time, once at the new one; the move is in the history and the inbox', async () => {
    const moved = await stack.submittedCase();
    const left = await stack.submittedCase();
    const later = new Date(Date.now() + 3600_000).toISOString();
    const move = await stack.call(responsible, 'post', `/api/cases/${moved}/deadlines/${REMINDER}/move`, { dueAt: later, reason: 'Venter på svar fra fakultetet' });
    expect(move.status).toBe(200);
    expect(move.body).toEqual({ timerId: REMINDER, delayName: 'responsibleReminder', generation: 2, dueAt: later });

    const inbox = await stack.call(responsible, 'get', '/api/inbox');
    const item = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === moved);
    expect(item.deadlines).toContainEqual({ delayName: 'responsibleReminder', dueAt: later });

    await eventually(async () => (await timerEvents(stack.api, [left])).get(`${left}/${REMINDER}`) === 1, 'the reminder of the case left alone');
    await eventually(async () => (await timerEvents(stack.api, [moved])).get(`${moved}/${ESCALATION}`) === 1, 'the escalation of the moved case');
    expect((await timerEvents(stack.api, [moved])).get(`${moved}/${REMINDER}`)).toBeUndefined();

    // Moved again, to just ahead: it fires once, at generation 3.
    const soon = new Date(Date.now() + 1000).toISOString();
    expect((await stack.call(responsible, 'post', `/api/cases/${moved}/deadlines/${REMINDER}/move`, { dueAt: soon, reason: 'Svaret kom' })).status).toBe(200);
    await eventually(async () => (await timerEvents(stack.api, [moved])).get(`${moved}/${REMINDER}`) === 1, 'the moved reminder');
    const [event] = await stack.api.db.query(`SELECT idempotency_key FROM workflow_event WHERE instance_id = $1 AND type = $2`, [moved, REMINDER]);
    expect(event.idempotency_key).toBe(`timer/${REMINDER}/3`);

    const moves = (await history(moved)).filter((e) => e.type === 'DEADLINE_MOVED');
    expect(moves.map((e) => e.payload.reason)).toEqual(['Venter på svar fra fakultetet', 'Svaret kom']);
    expect(moves[0]!.payload).toMatchObject({ timerId: REMINDER, delayName: 'responsibleReminder', toDueAt: later });
    expect(moves[0]!.actor).toMatchObject({ name: expect.any(String) });
  });

  it('refuses a move by someone the state does not wait on (403), without a reason (400), of an unknown deadline (404); nothing written', async () => {
    const caseId = await stack.submittedCase();
    const before = await stack.api.db.query(`SELECT generation, due_at FROM workflow_timer WHERE instance_id = $1 ORDER BY timer_id`, [caseId]);
    const path = `/api/cases/${caseId}/deadlines/${REMINDER}/move`;
    const dueAt = new Date(Date.now() + 3600_000).toISOString();

    const byOwner = await stack.call(owner, 'post', path, { dueAt, reason: 'Vil ha mer tid' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.requiredRoles).toContain('processResponsible');

    const noReason = await stack.call(responsible, 'post', path, { dueAt });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');

    const both = await stack.call(responsible, 'post', path, { dueAt, workingDays: 3, reason: 'Begge' });
    expect(both.status).toBe(400);

    const past = await stack.call(responsible, 'post', path, { dueAt: '2020-01-01T08:00:00Z', reason: 'For sent' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'dueAt', reason: 'must be in the future' }]);

    const unknown = await stack.call(responsible, 'post', `/api/cases/${caseId}/deadlines/xstate.after.nothing.improvement-case.submitted/move`, { dueAt, reason: 'Finnes ikke' });
    expect(unknown.status).toBe(404);

    expect(await stack.api.db.query(`SELECT generation, due_at FROM workflow_timer WHERE instance_id = $1 ORDER BY timer_id`, [caseId])).toEqual(before);
    expect(await stack.api.db.query(`SELECT count(*)::int AS n FROM workflow_timer_move WHERE instance_id = $1`, [caseId])).toEqual([{ n: 0 }]);
  });

  it('counts a move in working days', async () => {
    const caseId = await stack.submittedCase();
    const moved = await stack.call(responsible, 'post', `/api/cases/${caseId}/deadlines/${REMINDER}/move`, { workingDays: 3, reason: 'Tre dager til' });
    expect(moved.status).toBe(200);
    const due = new Date(moved.body.dueAt);
    expect(due.getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect([0, 6]).not.toContain(new Date(due.toLocaleString('en-US', { timeZone: 'Europe/Oslo' })).getDay());
  });

  it('a case an admin puts on hold: its deadlines stop, keep their time, and run again when it is resumed; the history says so', async () => {
    const caseId = await stack.submittedCase();
    const admin = DEMO_PERSONA.admin;
    const held = await stack.call(admin, 'post', `/api/workflows/instances/${caseId}/hold`, { reason: 'Fakultetene slås sammen' });
    expect(held.status).toBe(200);
    expect(held.body.pendingDeadlines).toEqual([]);
    expect((held.body.heldDeadlines as { delayName: string }[]).map((d) => d.delayName).sort()).toEqual(['ownerEscalation', 'responsibleReminder']);
    expect((await stack.call(responsible, 'get', `/api/cases/${caseId}`)).body.heldSince).toEqual(held.body.heldSince);
    // Twice the reminder's length passes, and nothing fires.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(await timerEvents(stack.api, [caseId])).toEqual(new Map());
    expect((await stack.call(admin, 'post', `/api/workflows/instances/${caseId}/hold`, { reason: 'Igjen' })).status).toBe(409);

    const resumed = await stack.call(admin, 'post', `/api/workflows/instances/${caseId}/resume`, { reason: 'Sammenslåingen er avklart' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.heldSince).toBeNull();
    await eventually(async () => (await timerEvents(stack.api, [caseId])).get(`${caseId}/${REMINDER}`) === 1, 'the reminder after the resume');
    const types = (await history(caseId)).map((e) => e.type);
    expect(types.slice(0, 5)).toEqual(['CREATED', 'ENDORSE', 'HELD', 'RESUMED', REMINDER]);
    const heldEntry = (await history(caseId)).find((e) => e.type === 'HELD')!;
    expect(heldEntry).toMatchObject({ actor: { name: 'Henrik Brekke' }, payload: { reason: 'Fakultetene slås sammen' } });
  }, 60_000);
});
