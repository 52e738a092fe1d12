import { DEMO_PERSONA } from '#flyt/demo-data';
import { type CaseApi, startCaseApi } from './case-support.js';

describe('case references past the 9,999th case', () => {
  let c: CaseApi;
  beforeAll(async () => {
    c = await startCaseApi();
  });
  afterAll(() => c.close());

  it('keep their whole running number, so the 10,000th case is reported like any other', async () => {
    await c.api.db.query(`SELECT setval('improvement_case_reference_seq', 9998)`);
    const lineManager = await c.as(DEMO_PERSONA.line_manager);
    const references: string[] = [];
    for (let i = 0; i < 3; i++) references.push((await lineManager.report({ title: `Sak ${i}` })).reference);
    const year = references[0]!.slice(5, 9);
    expect(references).toEqual([`FLYT-${year}-9999`, `FLYT-${year}-10000`, `FLYT-${year}-10001`]);
    // Found by its reference as before.
    const found = await lineManager.get('/api/cases', { q: references[1]! });
    expect(found.body.items.map((i: { reference: string }) => i.reference)).toEqual([references[1]]);
  });
});
