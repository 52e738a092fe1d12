import { randomUUID } from 'node:crypto';
import type { FlytConfig } from '#flyt/config';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { type MachineVersion, type SendOutcome, sqlOfManager, type WorkflowActor, WorkflowRuntime } from '#flyt/workflow-runtime';
import { INSTALLED_WORKFLOWS } from '../../../apps/installed-workflows.js';
import { COMPLETE_COST_BENEFIT, sendAsRound } from '../../cases/case-support.js';
import { startTestApi, type TestApi } from '../../support/test-api.js';
import { ERRAND_V1, type ErrandInput } from './errand.machine.js';
import { ERRAND_TABLE, errandRegistration } from './errand.registration.js';

export { eventually } from '../../worker/worker-support.js';

/** The installed workflows and the errand, as its tests hand them to the apps. */
export const withErrand = (versions: readonly MachineVersion[] = [ERRAND_V1]) => [...INSTALLED_WORKFLOWS, errandRegistration(versions)];

/** Who does the errands: the project manager persona. */
export const OWNER_EMAIL = DEMO_PERSONA.project_manager;

export interface ErrandStack {
  api: TestApi;
  config: FlytConfig;
  demo: DemoOrganisation;
  userId(email: string): string;
  /** A case of the demo organisation taken to `inRealisation` (reported, escalated, assessed and proposed through the API, prioritised by a round). */
  caseInRealisation(): Promise<string>;
  /** A case reported and submitted, no further: it does not take PROJECT_CLOSED. */
  submittedCase(): Promise<string>;
  /** Moves a submitted case on to `inRealisation`. */
  realise(caseId: string): Promise<void>;
  /** Starts an errand as its lib would, in a transaction of the API's data source. */
  startErrand(input: Partial<ErrandInput> & { caseId: string }): Promise<string>;
  /** Sends an event to an errand as its owner (or `actor`). */
  sendErrand(id: string, type: string, payload?: object, actor?: WorkflowActor): Promise<SendOutcome>;
  call(email: string, method: 'get' | 'post' | 'patch', path: string, body?: object): Promise<{ status: number; body: Record<string, unknown> & { [key: string]: unknown } }>;
  close(): Promise<void>;
}

/**
 * The API with the errand registered from its folder (no other file names it), the demo
 * organisation and the errand's table, for tests that drive cases and errands together.
 */
export async function startErrandStack(overrides: (config: FlytConfig) => FlytConfig = (c) => c): Promise<ErrandStack> {
  const api = await startTestApi(overrides, { workflows: withErrand() });
  await api.db.query(ERRAND_TABLE);
  const today = osloDay(new Date());
  await loadDemoData(api.db, today);
  const demo = buildDemoOrganisation(today);
  const userId = (email: string) => demo.users.find((u) => u.email === email)!.id;
  const runtime = api.app.get(WorkflowRuntime);

  const call: ErrandStack['call'] = async (email, method, path, body) => {
    const request = api.http[method](path).auth(await api.tokenFor(email), { type: 'bearer' });
    const response = body ? await request.send(body) : await request;
    return { status: response.status, body: response.body };
  };
  const expectOk = async (email: string, method: 'post' | 'patch', path: string, body: object) => {
    const response = await call(email, method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path} as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const event = (email: string, caseId: string, type: string, payload: object = {}) => expectOk(email, 'post', `/api/cases/${caseId}/events`, { type, payload });

  const stack: ErrandStack = {
    api,
    config: api.config,
    demo,
    userId,
    async submittedCase() {
      const created = await expectOk(DEMO_PERSONA.line_manager, 'post', '/api/cases', {
        title: 'Digital sluttrapport for prosjekter',
        problem: 'Sluttrapportene skrives i Word og sendes rundt på e-post.',
        processId: demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
        reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
        significantItComponent: true,
      });
      await event(DEMO_PERSONA.line_manager, created.id as string, 'SUBMIT');
      return created.id as string;
    },
    async realise(caseId) {
      await event(DEMO_PERSONA.process_responsible, caseId, 'ESCALATE', { text: 'Gjelder hele universitetet.' });
      await expectOk(DEMO_PERSONA.process_owner, 'patch', `/api/cases/${caseId}`, { costBenefit: COMPLETE_COST_BENEFIT });
      await event(DEMO_PERSONA.process_owner, caseId, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås.' });
      await sendAsRound(runtime, caseId, 'PRIORITISE');
    },
    async caseInRealisation() {
      const id = await stack.submittedCase();
      await stack.realise(id);
      return id;
    },
    async startErrand(input) {
      const id = randomUUID();
      await api.db.transaction((manager) =>
        runtime.start(sqlOfManager(manager), {
          instanceId: id,
          workflowId: 'errand',
          input: { ownerId: userId(OWNER_EMAIL), title: 'Skriv sluttrapporten', ...input },
          actor: { userId: userId(DEMO_PERSONA.process_owner), roles: [] },
        }),
      );
      return id;
    },
    sendErrand(id, type, payload = {}, actor = { userId: userId(OWNER_EMAIL), roles: ['owner'] }) {
      return runtime.send({ instanceId: id, type, payload, actor, grants: actor.roles.map((role) => ({ role, basis: 'owner of the errand' })), facts: {} });
    },
    call,
    close: () => api.close(),
  };
  return stack;
}

/** The events of an instance's log of one type. */
export async function eventsOf(api: TestApi, instanceId: string, type: string): Promise<{ id: string; occurred_at: Date; payload: unknown }[]> {
  return api.db.query(`SELECT id::text, occurred_at, payload FROM workflow_event WHERE instance_id = $1 AND type = $2 ORDER BY revision`, [instanceId, type]);
}
