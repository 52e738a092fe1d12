import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { setup } from 'xstate';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { childInstanceId, OutboxRelay, TimersSweepJob, type WorkflowRegistration } from '#flyt/workflow-runtime';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../notifications/smtp-catcher.js';
import { type ErrandStack, eventsOf, eventually, OWNER_EMAIL, startErrandStack, withErrand } from './errand-support.js';

const APP_URL = 'https://flyt.universitet.example';
const REMINDER = 'xstate.after.errandReminder.errand.open';
/** The errand's reminder, in seconds here: DEADLINE_RULES for that workflow alone. */
const REMINDER_SECONDS = 3;

/**
 * A second workflow, registered from its own folder with no edit elsewhere, runs end to end on real
 * PostgreSQL, Redis and a worker: it starts, its deadline fires and tells its owner by e-mail, it is
 * put on hold and resumed with the time it had left, it starts a child, and it sends an event to an
 * improvement case, delivered once. What cannot be delivered is dead, shown to admins, not retried.
 */
describe('the errand: a second workflow from its own folder, end to end', () => {
  let smtp: SmtpCatcher;
  let stack: ErrandStack;
  let worker: INestApplicationContext;
  const admin = DEMO_PERSONA.admin;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    stack = await startErrandStack((c) => ({
      ...c,
      deadlines: { ...c.deadlines, rules: { errand: { errandReminder: { seconds: REMINDER_SECONDS } } } },
      worker: { ...c.worker, outboxPollMs: 200 },
      notifications: { ...c.notifications, smtpUrl: smtp.url, appUrl: APP_URL },
    }));
    worker = await createWorkerApp(stack.config, { workflows: withErrand() });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await stack?.close();
    await smtp?.close();
  });

  const instance = async (id: string) => (await stack.call(admin, 'get', `/api/workflows/instances/${id}`)).body as Record<string, unknown> & {
    state: string;
    history: { type: string; messagesSent: { deliveredAt: string | null; toInstanceId: string }[] }[];
    links: { relation: string; instanceId: string; workflowId: string; state: string | null }[];
    pendingDeadlines: { timerId: string; dueAt: string }[];
    heldDeadlines: { timerId: string; left: { ms: number } }[];
    heldSince: string | null;
  };

  it('is described beside the improvement case by /api/workflows, with its labels, its rules as configured, and a diagram', async () => {
    const { body } = await stack.call(DEMO_PERSONA.employee, 'get', '/api/workflows');
    const errand = (body.items as { id: string; states: { path: string; label: object; waitsFor: string[] }[]; deadlines: object; noun: object }[]).find(
      (w) => w.id === 'errand',
    )!;
    expect((body.items as { id: string }[]).map((w) => w.id)).toEqual(['benefits-followup', 'errand', 'improvement-case', 'priority-round', 'project']);
    expect(errand.noun).toEqual({ nb: 'oppdrag', en: 'errand' });
    expect(errand.states.find((s) => s.path === 'open')).toMatchObject({ label: { nb: 'Åpen', en: 'Open' }, waitsFor: ['owner'] });
    expect(errand.deadlines).toEqual({ errandReminder: { seconds: REMINDER_SECONDS } });
    const diagram = await stack.call(DEMO_PERSONA.employee, 'get', '/api/workflows/errand/diagram');
    expect(diagram.body.mermaid).toContain('open --> done : DONE by owner if not onHold');
  });

  it('starts, and its deadline fires in the worker and tells its owner, by e-mail, with a link', async () => {
    const caseId = await stack.caseInRealisation();
    const id = await stack.startErrand({ caseId, title: 'Samle erfaringene' });
    await eventually(async () => (await eventsOf(stack.api, id, REMINDER)).length === 1, 'the reminder', 20_000);
    const [reference] = (await stack.api.db.query(`SELECT reference FROM errand WHERE id = $1`, [id])).map((r: { reference: string }) => r.reference);
    const mails = () => smtp.to(OWNER_EMAIL).filter((m) => m.subject.includes(`[${reference}]`));
    await eventually(async () => mails().length === 2, 'the assignment and the reminder by e-mail', 20_000);
    expect(mails().map((m) => m.subject).sort()).toEqual([
      `[${reference}] Du har fått et oppdrag: Samle erfaringene`,
      `[${reference}] Påminnelse: oppdraget venter på deg: Samle erfaringene`,
    ]);
    const reminder = mails().find((m) => m.subject.includes('Påminnelse'))!;
    expect(reminder.text).toContain('Status: Åpen');
    expect(reminder.text).toContain(`Åpne oppdraget: ${APP_URL}/api/workflows/instances/${id}`);
    const list = await stack.call(OWNER_EMAIL, 'get', '/api/notifications');
    expect(list.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflowId: 'errand', instanceId: id, reference, template: 'errandReminder', link: `${APP_URL}/api/workflows/instances/${id}` })]),
    );
  });

  it('is put on hold: its reminder stops and keeps the time it had left; resumed, it runs that time again and fires', async () => {
    const caseId = await stack.caseInRealisation();
    const id = await stack.startErrand({ caseId });
    const before = (await instance(id)).pendingDeadlines[0]!;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const held = await stack.sendErrand(id, 'HOLD', { reason: 'Venter på tallene fra økonomi' });
    const heldAt = held.state.heldSince!;
    const onHold = await instance(id);
    expect(onHold.pendingDeadlines).toEqual([]);
    expect(onHold.heldSince).toBe(heldAt);
    const left = new Date(before.dueAt).getTime() - new Date(heldAt).getTime();
    expect(onHold.heldDeadlines).toEqual([expect.objectContaining({ timerId: REMINDER, left: { ms: left } })]);

    // Well past the time it was due: nothing fires while it is held.
    await new Promise((resolve) => setTimeout(resolve, REMINDER_SECONDS * 1000 + 500));
    expect(await eventsOf(stack.api, id, REMINDER)).toEqual([]);

    const resumed = await stack.sendErrand(id, 'RESUME');
    const [resumeEvent] = await eventsOf(stack.api, id, 'RESUME');
    const running = await instance(id);
    expect(resumed.state.heldSince).toBeNull();
    expect(running.pendingDeadlines).toEqual([expect.objectContaining({ timerId: REMINDER, dueAt: new Date(resumeEvent!.occurred_at.getTime() + left).toISOString() })]);
    await eventually(async () => (await eventsOf(stack.api, id, REMINDER)).length === 1, 'the reminder after the resume', 20_000);
    const [fired] = await eventsOf(stack.api, id, REMINDER);
    expect(fired!.occurred_at.getTime()).toBeGreaterThanOrEqual(resumeEvent!.occurred_at.getTime() + left);
    expect(running.history.map((e) => e.type)).toEqual(['xstate.init', 'HOLD', 'RESUME']);
  });

  it('sends PROJECT_CLOSED to its case once: the case moves on, both histories show the message, each lists the other', async () => {
    const caseId = await stack.caseInRealisation();
    const id = await stack.startErrand({ caseId });
    const done = await stack.sendErrand(id, 'DONE', { summary: 'Sluttrapporten er levert.' });
    await eventually(async () => (await stack.call(DEMO_PERSONA.process_owner, 'get', `/api/cases/${caseId}`)).body.state === 'benefitsFollowUp', 'the case in benefits follow-up');

    // A relay that died after delivering, before marking the row, relays it again: nothing happens twice.
    await stack.api.db.query(`UPDATE workflow_outbox SET processed_at = NULL WHERE event_id = $1 AND kind = 'sendToWorkflow'`, [done.eventId]);
    await worker.get(OutboxRelay).drainNow();
    expect(await eventsOf(stack.api, caseId, 'PROJECT_CLOSED')).toEqual([expect.objectContaining({ payload: { summary: 'Sluttrapporten er levert.' } })]);

    const history = await stack.call(DEMO_PERSONA.process_owner, 'get', `/api/cases/${caseId}/history`);
    const closed = (history.body.items as { type: string; receivedFrom: unknown; actor: unknown; to: string }[]).find((e) => e.type === 'PROJECT_CLOSED');
    expect(closed).toMatchObject({ receivedFrom: { instanceId: id, workflowId: 'errand' }, actor: null, to: 'benefitsFollowUp' });

    const errand = await instance(id);
    expect(errand.state).toBe('done');
    const sent = errand.history.find((e) => e.type === 'DONE')!.messagesSent;
    expect(sent).toEqual([expect.objectContaining({ kind: 'event', type: 'PROJECT_CLOSED', toInstanceId: caseId, toWorkflowId: 'improvement-case', deliveredAt: expect.any(String) })]);
    expect(errand.links).toEqual([expect.objectContaining({ relation: 'sentTo', instanceId: caseId, workflowId: 'improvement-case', state: 'benefitsFollowUp' })]);
    const theCase = await stack.call(DEMO_PERSONA.process_owner, 'get', `/api/cases/${caseId}`);
    // Beside the errand that told it, the case lists the project its prioritisation started.
    expect(theCase.body.linkedInstances).toEqual([
      expect.objectContaining({ relation: 'child', workflowId: 'project', state: 'mandate' }),
      { relation: 'receivedFrom', instanceId: id, workflowId: 'errand', state: 'done', stateLabel: { nb: 'Utført', en: 'Done' } },
    ]);
  });

  it('starts a child errand that knows its parent, once', async () => {
    const caseId = await stack.caseInRealisation();
    const id = await stack.startErrand({ caseId });
    await stack.sendErrand(id, 'DELEGATE', { title: 'Hent tallene fra økonomi' });
    const childId = childInstanceId(id, 'delegated-1');
    await eventually(async () => (await stack.call(admin, 'get', `/api/workflows/instances/${childId}`)).status === 200, 'the child errand');
    const child = await instance(childId);
    expect(child).toMatchObject({ state: 'open', links: [{ relation: 'parent', instanceId: id, workflowId: 'errand', state: 'open', stateLabel: { nb: 'Åpen', en: 'Open' } }] });
    expect((await instance(id)).links).toEqual([expect.objectContaining({ relation: 'child', instanceId: childId, state: 'open' })]);
    const [{ title }] = await stack.api.db.query(`SELECT title FROM errand WHERE id = $1`, [childId]);
    expect(title).toBe('Hent tallene fra økonomi');
  });

  it('marks a message its receiver refuses dead, shows it to admins (API and dashboard), does not retry it, and delivers it once the cause is fixed', async () => {
    const caseId = await stack.submittedCase();
    const id = await stack.startErrand({ caseId });
    const done = await stack.sendErrand(id, 'DONE', { summary: 'For tidlig.' });
    const dead = async () => {
      const { body } = await stack.call(admin, 'get', '/api/admin/outbox/dead');
      return (body.items as { id: string; eventId: string; reason: string; attempts: number; kind: string }[]).find((row) => row.eventId === done.eventId);
    };
    const row = (await eventually(dead, 'the dead outbox row'))!;
    expect(row).toMatchObject({ kind: 'sendToWorkflow', attempts: 1, reason: expect.stringContaining('PROJECT_CLOSED is not possible now (Submitted, with the process responsible)') });
    expect((await stack.call(DEMO_PERSONA.employee, 'get', '/api/admin/outbox/dead')).status).toBe(403);

    // The dashboard's dead-letters queue holds it as a failed job, with the reason.
    const redis = new Redis(stack.config.redis.url, { maxRetriesPerRequest: null });
    const deadLetters = new Queue('dead-letters', { connection: redis, prefix: stack.config.queue.prefix });
    try {
      const deadLetter = () => eventually(async () => (await deadLetters.getFailed()).find((job) => job.data.outboxId === row.id), 'the dead letter');
      const failed = (await deadLetter())!;
      expect(failed.failedReason).toContain(`Outbox row ${row.id} is dead`);
      expect(failed.failedReason).toContain('PROJECT_CLOSED is not possible now (Submitted, with the process responsible)');
      // Lost from Redis (or never added: the relay died after its commit), the sweep puts it back.
      await failed.remove();
      expect(await worker.get(TimersSweepJob).sweep()).toMatchObject({ deadOutboxRows: 1 });
      expect((await deadLetter())!.failedReason).toContain(`Outbox row ${row.id} is dead`);
    } finally {
      await deadLetters.close();
      redis.disconnect();
    }

    // Not retried: the relay polls every 200 ms, and the row stays as it died.
    await worker.get(OutboxRelay).drainNow();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await dead()).toMatchObject({ attempts: 1 });
    expect(await stack.call(DEMO_PERSONA.process_owner, 'get', `/api/cases/${caseId}/history`)).toMatchObject({ status: 200 });

    // Fixed: the case reaches realisation; retried, the message is delivered once.
    await stack.realise(caseId);
    expect((await stack.call(admin, 'post', `/api/admin/outbox/${row.id}/retry`)).status).toBe(204);
    expect((await stack.call(admin, 'post', `/api/admin/outbox/${row.id}/retry`)).status).toBe(409);
    await eventually(async () => (await stack.call(DEMO_PERSONA.process_owner, 'get', `/api/cases/${caseId}`)).body.state === 'benefitsFollowUp', 'the case moved on');
    expect(await eventsOf(stack.api, caseId, 'PROJECT_CLOSED')).toHaveLength(1);
    expect(await dead()).toBeUndefined();
    const [relayed] = await stack.api.db.query(`SELECT processed_at IS NOT NULL AS processed, dead_at FROM workflow_outbox WHERE id = $1`, [row.id]);
    expect(relayed).toEqual({ processed: true, dead_at: null });
  });

  it('marks a notification nobody can receive dead, with the reason', async () => {
    const caseId = await stack.caseInRealisation();
    const gone = await stack.api.factories.user({ email: 'borte@universitet.example', name: 'Borte Borte', unitId: stack.demo.units.find((u) => u.code === 'NV-IFI')!.id });
    await stack.api.db.query(`UPDATE app_user SET ended_at = now() WHERE id = $1`, [gone.id]);
    const id = await stack.startErrand({ caseId, ownerId: gone.id });
    const row = await eventually(async () => {
      const { body } = await stack.call(admin, 'get', '/api/admin/outbox/dead');
      return (body.items as { instanceId: string; kind: string; reason: string; workflowId: string }[]).find((r) => r.instanceId === id);
    }, 'the dead notification');
    expect(row).toMatchObject({ kind: 'notify', workflowId: 'errand', reason: expect.stringContaining('nobody to notify: no one with an active account is owner for errand ERRAND-') });
  });

  it('stops a worker from starting when a machine names an action nothing carries out, naming it', async () => {
    const printing = setup({ actions: { printLetter: () => undefined } }).createMachine({
      id: 'letter',
      initial: 'writing',
      states: { writing: { meta: { label: { nb: 'Skrives', en: 'Writing' } }, entry: ['printLetter'] } },
    });
    const letter: WorkflowRegistration = {
      id: 'letter',
      noun: { nb: 'brev', en: 'letter' },
      roleNames: {},
      versions: [{ version: 1, machine: printing, roles: [], events: {} }],
      deadlines: {},
      notifications: { recipients: [], templates: {}, openLink: { nb: 'Åpne brevet', en: 'Open the letter' } },
    };
    await expect(createWorkerApp(stack.config, { workflows: [...withErrand(), letter] })).rejects.toThrow(
      'No effect handler for action "printLetter" of workflow letter v1 (in letter.writing entry)',
    );
  });
});
