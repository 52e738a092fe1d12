import { randomUUID } from 'node:crypto';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { callerOf, ok, proposedCase } from '../portfolio/round-support.js';
import { eventually, type WorkerStack } from '../worker/worker-support.js';

export { callerOf, ok };

/**
 * A case of NV-IFI taken to the programme and prioritised by a priority round with one council
 * member, approved by the rector: the case's workflow starts its project. Waits until it has.
 * `oneOff` is the case's one-off cost (100 kNOK a year comes on top over five years).
 */
export async function prioritisedCase(stack: WorkerStack, title: string, oneOff: number): Promise<{ caseId: string; reference: string; projectId: string }> {
  const theCase = await proposedCase(stack, title, oneOff);
  const secretariat = callerOf(stack, DEMO_PERSONA.programme_secretariat);
  const council = stack.demo.users.find((u) => u.email === DEMO_PERSONA.programme_council)!;
  const year = new Date().getFullYear() + 1;
  const round = ok(
    await secretariat.post('/api/rounds', {
      title: `Utviklingsplan ${year} (${title})`,
      planYear: year,
      budget: [{ year, amountNok: 50_000_000 }],
      candidates: [{ caseId: theCase.id }],
      memberIds: [council.id],
    }),
    201,
  ).body;
  ok(await secretariat.post(`/api/rounds/${round.id}/events`, { type: 'OPEN', payload: { closesAt: new Date(Date.now() + 3_600_000).toISOString() } }));
  const scores = Object.fromEntries(round.criteria.map((c: { key: string }) => [c.key, 4]));
  ok(await callerOf(stack, council.email).put(`/api/rounds/${round.id}/ballot`, { votes: [{ caseId: theCase.id, scores }] }));
  ok(await secretariat.post(`/api/rounds/${round.id}/events`, { type: 'CLOSE_VOTING', payload: {} }));
  const [baseline] = ok(await secretariat.get(`/api/rounds/${round.id}/scenarios`)).body.items;
  ok(await secretariat.post(`/api/rounds/${round.id}/events`, { type: 'RECOMMEND', payload: { scenarioId: baseline.id } }));
  ok(await callerOf(stack, DEMO_PERSONA.rector).post(`/api/rounds/${round.id}/events`, { type: 'APPROVE', payload: {} }));
  const projectId = await eventually(async () => {
    const [row] = await stack.api.db.query(`SELECT id FROM project WHERE case_id = $1`, [theCase.id]);
    return row?.id as string | undefined;
  }, 'the prioritised case to start its project');
  return { caseId: theCase.id, reference: theCase.reference, projectId: projectId! };
}

/** A user of NV-IFI with no role, made for one test. */
export async function newUser(stack: WorkerStack, name: string): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '.')}.${id.slice(0, 8)}@universitet.example`;
  const unitId = stack.demo.units.find((u) => u.code === 'NV-IFI')!.id;
  await stack.api.db.query(`INSERT INTO app_user (id, email, name, unit_id) VALUES ($1, $2, $3, $4)`, [id, email, name, unitId]);
  return { id, email };
}

/** A day `days` from today, YYYY-MM-DD. */
export const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
