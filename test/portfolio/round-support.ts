import type { Response } from 'supertest';
import { DEMO_PERSONA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { COMPLETE_COST_BENEFIT } from '../cases/case-support.js';
import type { WorkerStack } from '../worker/worker-support.js';

/** The five criteria a round has by default. */
export const CRITERIA = ['userValue', 'resourceSavings', 'quality', 'strategicFit', 'riskAndFeasibility'];

export interface Answer {
  status: number;
  // The tests read the JSON bodies as they please.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** The body as bytes, whatever its media type: a CSV's byte order mark and a PDF are checked as sent. */
const raw = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Requests as one signed-in user of the stack. */
export function callerOf(stack: WorkerStack, email: string) {
  const send = async (method: 'put' | 'patch' | 'delete', path: string, body?: object): Promise<Answer> => {
    const request = stack.api.http[method](path).auth(await stack.api.tokenFor(email), { type: 'bearer' });
    const response = body ? await request.send(body) : await request;
    return { status: response.status, body: response.body };
  };
  return {
    get: (path: string): Promise<Answer> => stack.call(email, 'get', path),
    post: (path: string, body: object = {}): Promise<Answer> => stack.call(email, 'post', path, body),
    put: (path: string, body: object) => send('put', path, body),
    patch: (path: string, body: object) => send('patch', path, body),
    /** A file answer (CSV, PDF) as its bytes, with its content type and disposition. */
    file: async (path: string) => {
      const response = await stack.api.http.get(path).auth(await stack.api.tokenFor(email), { type: 'bearer' }).buffer(true).parse(raw);
      return { status: response.status, type: String(response.headers['content-type']), disposition: String(response.headers['content-disposition']), body: response.body as Buffer };
    },
  };
}

/** The answer, unless its status is not the one expected: then the test fails with what came back. */
export function ok<T extends { status: number; body: unknown }>(response: T, status = 200): T {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}

/**
 * A case of NV-IFI in process saksbehandling taken by the demo roles to the programme, with a
 * complete assessment whose one-off cost (year 0) is `oneOff` and 100 kNOK a year after.
 */
export async function proposedCase(stack: WorkerStack, title: string, oneOff: number, strategicGoals: number[] = []): Promise<{ id: string; reference: string }> {
  const lineManager = callerOf(stack, DEMO_PERSONA.line_manager);
  const created = ok(
    await lineManager.post('/api/cases', {
      title,
      problem: 'Manuelt arbeid som tar tid.',
      processId: stack.demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
      reportingUnitId: stack.demo.units.find((u) => u.code === 'NV-IFI')!.id,
      significantItComponent: true,
      strategicGoals,
    }),
    201,
  ).body;
  ok(await lineManager.post(`/api/cases/${created.id}/events`, { type: 'SUBMIT', payload: {} }));
  ok(await callerOf(stack, DEMO_PERSONA.process_responsible).post(`/api/cases/${created.id}/events`, { type: 'ESCALATE', payload: { text: 'Til prosesseier' } }));
  const owner = callerOf(stack, DEMO_PERSONA.process_owner);
  const costs = { ...COMPLETE_COST_BENEFIT.costs, oneOff: [{ description: 'Innføring', amountNok: oneOff }] };
  ok(await owner.patch(`/api/cases/${created.id}`, { costBenefit: { ...COMPLETE_COST_BENEFIT, costs } }));
  ok(await owner.post(`/api/cases/${created.id}/events`, { type: 'PROPOSE_TO_PROGRAMME', payload: { text: 'Foreslås' } }));
  return { id: created.id, reference: created.reference };
}
