import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { createTestEnvironment, type TestEnvironment } from '#flyt/testing';
import { ensureCompiled } from '../support/compiled-build.js';
import { type FlytProcess, startApiProcess } from '../support/flyt-process.js';

/**
 * Two API processes, as behind a load balancer, on one database: events sent to the same case at
 * the same moment through both. Compare-and-swap on the revision lets exactly one win and answers
 * the other 409; an idempotency key sent to both is applied once.
 */
describe('two API processes sending to one case at once', () => {
  let env: TestEnvironment;
  const apis: (FlytProcess & { url: string })[] = [];
  const tokens = new Map<string, string>();
  let processId: string;
  let unitId: string;

  beforeAll(async () => {
    await ensureCompiled();
    env = await createTestEnvironment();
    const today = osloDay(new Date());
    await loadDemoData(env.db, today);
    const demo = buildDemoOrganisation(today);
    processId = demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id;
    unitId = demo.units.find((u) => u.code === 'NV-IFI')!.id;
    apis.push(...(await Promise.all([startApiProcess(env.config), startApiProcess(env.config)])));
  }, 180_000);
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await env.drop();
  });

  async function call(via: number, email: string, method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: Record<string, unknown> }> {
    let token = tokens.get(email);
    if (!token) {
      const login = await fetch(`${apis[0]!.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      token = ((await login.json()) as { token: string }).token;
      tokens.set(email, token);
    }
    const response = await fetch(`${apis[via]!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A case the line manager reported and submitted: `submitted`, at revision 1, with the process responsible. */
  async function submittedCase(): Promise<string> {
    const created = await call(0, DEMO_PERSONA.line_manager, 'POST', '/api/cases', { title: 'Felles postmottak', problem: 'Post blir liggende.', processId, reportingUnitId: unitId });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(1, DEMO_PERSONA.line_manager, 'POST', `/api/cases/${id}/events`, { type: 'SUBMIT', payload: {} })).body.revision).toBe(1);
    return id;
  }

  const eventTypes = async (id: string): Promise<string[]> =>
    (await env.db.query(`SELECT type FROM workflow_event WHERE instance_id = $1 ORDER BY revision`, [id])).map((r: { type: string }) => r.type);

  it('lets exactly one of two events with the same expected revision win; the other process answers 409 with the current revision', async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => submittedCase()));
    const answers = await Promise.all(
      cases.map((id) =>
        Promise.all([
          call(0, DEMO_PERSONA.process_responsible, 'POST', `/api/cases/${id}/events`, { type: 'ESCALATE', payload: { text: 'Gjelder flere fakulteter.' }, expectedRevision: 1 }),
          call(1, DEMO_PERSONA.process_responsible, 'POST', `/api/cases/${id}/events`, { type: 'REQUEST_INFO', payload: { question: 'Hvor mye post?' }, expectedRevision: 1 }),
        ]),
      ),
    );
    for (const [i, pair] of answers.entries()) {
      expect(pair.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = pair.find((a) => a.status === 200)!;
      const loser = pair.find((a) => a.status === 409)!;
      expect(winner.body).toMatchObject({ revision: 2 });
      expect(loser.body).toMatchObject({ status: 409, currentRevision: 2 });
      // The log holds the winner's event only: the loser wrote nothing.
      const won = winner.body.state === 'withProcessOwner' ? 'ESCALATE' : 'REQUEST_INFO';
      expect(await eventTypes(cases[i]!)).toEqual(['xstate.init', 'SUBMIT', won]);
    }
  }, 60_000);

  it('applies an event sent to both processes with the same idempotency key once, and answers both with the same case', async () => {
    const id = await submittedCase();
    const event = { type: 'ESCALATE', payload: { text: 'Gjelder flere fakulteter.' }, idempotencyKey: 'escalate-once' };
    const [a, b] = await Promise.all([
      call(0, DEMO_PERSONA.process_responsible, 'POST', `/api/cases/${id}/events`, event),
      call(1, DEMO_PERSONA.process_responsible, 'POST', `/api/cases/${id}/events`, event),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.revision, b.body.revision]).toEqual([2, 2]);
    expect([a.body.state, b.body.state]).toEqual(['withProcessOwner', 'withProcessOwner']);
    expect(await eventTypes(id)).toEqual(['xstate.init', 'SUBMIT', 'ESCALATE']);
  }, 60_000);
});
