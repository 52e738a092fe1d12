import { Test, type TestingModule } from '@nestjs/testing';
import { CalendarModule } from '#flyt/calendar';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { buildDemoOrganisation, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { NotificationsService, NotificationsWorkerModule, NotifyEffect } from '#flyt/notifications';
import { PersistenceModule } from '#flyt/persistence';
import { MACHINE_REGISTRY, sqlOfManager, TimerStore, WorkflowInstances, WorkflowRuntimeModule } from '#flyt/workflow-runtime';
import { INSTALLED_WORKFLOWS } from '../../apps/installed-workflows.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

export const APP_URL = 'https://flyt.universitet.example';

export const withSmtp = (smtpUrl: string) => (config: FlytConfig): FlytConfig => ({
  ...config,
  notifications: { ...config.notifications, smtpUrl, appUrl: APP_URL },
});

export interface NotificationsApi {
  api: TestApi;
  demo: DemoOrganisation;
  userId(email: string): string;
  /** Reports a case in NV-IFI (process saksbehandling) as `reporter`; answers its id and reference. */
  report(reporter: string, title: string): Promise<{ id: string; reference: string }>;
  send(email: string, caseId: string, type: string, payload?: object): Promise<void>;
  /** The notify rows of the outbox, oldest first, as the relay hands them to NotifyEffect. */
  notifyEffects(caseId?: string): Promise<{ key: string; instanceId: string; eventId: string; payload: unknown }[]>;
  /** Delivers every notify effect of the outbox in a transaction each, as the relay does; answers the ids to e-mail now. */
  deliverAll(caseId?: string): Promise<string[]>;
}

/** The API on its own database with the demo organisation, mailing through `smtpUrl`. */
export async function startNotificationsApi(smtpUrl: string): Promise<NotificationsApi> {
  const api = await startTestApi(withSmtp(smtpUrl));
  const today = osloDay(new Date());
  await loadDemoData(api.db, today);
  const demo = buildDemoOrganisation(today);
  const userId = (email: string) => demo.users.find((u) => u.email === email)!.id;
  const call = async (email: string, path: string, body: object) => {
    const response = await api.http.post(path).auth(await api.tokenFor(email), { type: 'bearer' }).send(body);
    if (response.status >= 300) throw new Error(`POST ${path} as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const self: NotificationsApi = {
    api,
    demo,
    userId,
    async report(reporter, title) {
      const body = await call(reporter, '/api/cases', {
        title,
        problem: 'Vedtak skrives ut, signeres for hånd og skannes inn igjen.',
        processId: demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
        reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
      });
      return { id: body.id, reference: body.reference };
    },
    async send(email, caseId, type, payload = {}) {
      await call(email, `/api/cases/${caseId}/events`, { type, payload });
    },
    async notifyEffects(caseId) {
      const found = await api.db.query(
        `SELECT key, instance_id, event_id, payload FROM workflow_outbox WHERE kind = 'notify' AND ($1::uuid IS NULL OR instance_id = $1) ORDER BY id`,
        [caseId ?? null],
      );
      return found.map((r: { key: string; instance_id: string; event_id: string; payload: unknown }) => ({
        key: r.key,
        instanceId: r.instance_id,
        eventId: String(r.event_id),
        payload: r.payload,
      }));
    },
    async deliverAll(caseId) {
      // The relay's handler of `notify`, over the API's own runtime and notifications services.
      const effect = new NotifyEffect(api.app.get(MACHINE_REGISTRY), api.app.get(WorkflowInstances), api.app.get(TimerStore), api.app.get(NotificationsService));
      const ids: string[] = [];
      for (const row of await self.notifyEffects(caseId)) {
        ids.push(...(await api.db.transaction((manager) => effect.deliver(sqlOfManager(manager), { ...row, payload: row.payload as Record<string, unknown> }))));
      }
      return ids;
    },
  };
  return self;
}

/** The notification jobs as apps/worker runs them (schedulers included), on the test's database and queue prefix. */
export async function startNotificationWorker(config: FlytConfig): Promise<TestingModule> {
  const worker = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowRuntimeModule.forRoot(INSTALLED_WORKFLOWS), CalendarModule, NotificationsWorkerModule],
  }).compile();
  await worker.init();
  return worker;
}
