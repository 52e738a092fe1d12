import type { Response } from 'supertest';
import type { INestApplicationContext } from '@nestjs/common';
import type { FlytConfig } from '#flyt/config';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../notifications/smtp-catcher.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

export const REMINDER = 'xstate.after.responsibleReminder.improvement-case.submitted';
export const ESCALATION = 'xstate.after.ownerEscalation.improvement-case.submitted';

export type DeadlineRules = Record<string, { seconds: number }>;

export interface WorkerStack {
  api: TestApi;
  config: FlytConfig;
  demo: DemoOrganisation;
  smtp: SmtpCatcher;
  /** A worker in this process, on the same database, queue prefix and SMTP server. */
  startWorker(): Promise<INestApplicationContext>;
  call(email: string, method: 'get' | 'post', path: string, body?: object): Promise<{ status: number; body: Response['body'] }>;
  /** An employee's case, endorsed by the line manager: `submitted`, its two deadlines pending. */
  submittedCase(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The API, the demo organisation and an SMTP server that counts mails, with deadlines of seconds
 * (DEADLINE_RULES) and a quick relay poll and sweep, so the tests wait seconds, never days.
 */
export async function startWorkerStack(
  rules: DeadlineRules,
  worker: Partial<FlytConfig['worker']> = {},
  options: { redisUrl?: string; configure?: (config: FlytConfig) => FlytConfig } = {},
): Promise<WorkerStack> {
  const smtp = await startSmtpCatcher();
  const api = await startTestApi((original) => {
    const c = options.configure ? options.configure(original) : original;
    return {
      ...c,
      redis: options.redisUrl ? { url: options.redisUrl } : c.redis,
      // The rules are seconds long, the moves the tests make hours or days: the limit on moves
      // (a rule's own length again) is scaled up with them. test/cases tests the limit itself.
      deadlines: { ...c.deadlines, rules: { ...c.deadlines.rules, ...rules }, moveLimit: 1_000_000 },
      worker: { ...c.worker, outboxPollMs: 200, timerSweepEveryMs: 60_000, ...worker },
      notifications: { ...c.notifications, smtpUrl: smtp.url },
    };
  });
  const config = api.config;
  const today = osloDay(new Date());
  await loadDemoData(api.db, today);
  const demo = buildDemoOrganisation(today);
  const workers: INestApplicationContext[] = [];

  const call: WorkerStack['call'] = async (email, method, path, body) => {
    const request = api.http[method](path).auth(await api.tokenFor(email), { type: 'bearer' });
    const response = body ? await request.send(body) : await request;
    return { status: response.status, body: response.body };
  };

  return {
    api,
    config,
    demo,
    smtp,
    async startWorker() {
      const app = await createWorkerApp(config);
      workers.push(app);
      return app;
    },
    call,
    async submittedCase() {
      const draft = await call(DEMO_PERSONA.employee, 'post', '/api/cases', {
        title: 'Purring på saksbehandlingstid',
        problem: 'Sakene blir liggende.',
        processId: demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
        reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
      });
      if (draft.status !== 201) throw new Error(`reporting failed: ${draft.status} ${JSON.stringify(draft.body)}`);
      const endorsed = await call(DEMO_PERSONA.line_manager, 'post', `/api/cases/${draft.body.id}/events`, { type: 'ENDORSE', payload: {} });
      if (endorsed.status !== 200) throw new Error(`endorsing failed: ${endorsed.status} ${JSON.stringify(endorsed.body)}`);
      return draft.body.id as string;
    },
    async close() {
      for (const app of workers) await app.close();
      await api.close();
      await smtp.close();
    },
  };
}

/** Polls until `probe` answers something truthy; fails with the last answer after a generous timeout. */
export async function eventually<T>(probe: () => Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many events each timer of the case fired (by event type). */
export async function timerEvents(api: TestApi, caseIds: readonly string[]): Promise<Map<string, number>> {
  const rows: { key: string; count: number }[] = await api.db.query(
    `SELECT instance_id || '/' || type AS key, count(*)::int AS count FROM workflow_event
      WHERE instance_id = ANY($1::uuid[]) AND type LIKE 'xstate.after.%' GROUP BY 1`,
    [caseIds],
  );
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Notifications of a template for the case, per user: a user notified twice shows a 2. */
export async function notificationsOf(api: TestApi, caseId: string, template: string): Promise<{ user: string; count: number }[]> {
  return api.db.query(
    `SELECT u.email AS user, count(*)::int AS count FROM notification n JOIN app_user u ON u.id = n.user_id
      WHERE n.instance_id = $1 AND n.template = $2 GROUP BY u.email ORDER BY u.email`,
    [caseId, template],
  );
}
