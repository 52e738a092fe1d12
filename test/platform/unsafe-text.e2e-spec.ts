import { DEMO_PERSONA } from '#flyt/demo-data';
import { type CaseApi, type Caller, startCaseApi } from '../cases/case-support.js';

/**
 * Text PostgreSQL or people cannot take is refused at the edge with 400 naming the field, wherever
 * it arrives: a case's data, a comment, a workflow event's payload, a query parameter, a path
 * parameter. PostgreSQL refuses U+0000 in text and jsonb, which answered 500 before.
 */
describe('text with characters Flyt does not take', () => {
  let c: CaseApi;
  let lineManager: Caller;
  let responsible: Caller;
  let caseId: string;

  beforeAll(async () => {
    c = await startCaseApi();
    lineManager = await c.as(DEMO_PERSONA.line_manager);
    responsible = await c.as(DEMO_PERSONA.process_responsible);
    caseId = (await lineManager.report({ title: 'Skjemaer som må skrives ut' })).id;
    expect((await lineManager.send(caseId, 'SUBMIT')).status).toBe(200);
  });
  afterAll(() => c.close());

  it('a NUL in a case’s title or problem: 400 naming each field and the character, and no case written', async () => {
    const before = await c.footprint();
    const response = await lineManager.post('/api/cases', {
      title: 'Vedtak\u0000',
      problem: 'Skannes\u0000 inn igjen.',
      processId: c.demo.processes[0]!.id,
      reportingUnitId: c.unitId('NV-IFI'),
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([
      { field: 'title', reason: expect.stringContaining('U+0000') },
      { field: 'problem', reason: expect.stringContaining('U+0000') },
    ]);
    expect(await c.footprint()).toEqual(before);
  });

  it('a NUL in a workflow event’s payload (REQUEST_INFO.question): 400 naming payload.question, and the case unchanged', async () => {
    const before = await c.footprint();
    const response = await responsible.send(caseId, 'REQUEST_INFO', { question: 'Hvilke skjema\u0000er det?' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'payload.question', reason: expect.stringContaining('U+0000') }]);
    expect(await c.footprint()).toEqual(before);

    const asked = await responsible.send(caseId, 'REQUEST_INFO', { question: 'Hvilke skjemaer er det?' });
    expect(asked.status).toBe(200);
  });

  it('a NUL in a field name of a payload, or in a comment: 400 naming where', async () => {
    const key = await responsible.send(caseId, 'PROVIDE_INFO', { ['answer\u0000']: 'Tre skjemaer.' });
    expect(key.status).toBe(400);
    expect(key.body.errors).toEqual([{ field: 'payload', reason: expect.stringMatching(/^has a field name that contains .*U\+0000/) }]);

    const comment = await lineManager.post(`/api/cases/${caseId}/comments`, { body: 'Se vedlegg\u0000' });
    expect(comment.status).toBe(400);
    expect(comment.body.errors).toEqual([{ field: 'body', reason: expect.stringContaining('U+0000') }]);
  });

  it('a NUL in a query or path parameter: 400 naming the parameter', async () => {
    const query = await lineManager.get('/api/cases', { q: 'skjema\u0000' });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'q', reason: expect.stringContaining('U+0000') }]);
    const name = await lineManager.get('/api/cases?sk%00jema=1');
    expect(name.status).toBe(400);
    expect(name.body.errors).toEqual([{ field: 'query', reason: expect.stringMatching(/^has a field name that contains .*U\+0000/) }]);

    const path = await lineManager.get('/api/workflows/improvement-case%00/diagram');
    expect(path.status).toBe(400);
    expect(path.body.errors).toEqual([{ field: 'id', reason: expect.stringContaining('U+0000') }]);
  });

  it.each([
    ['U+0001', 'a control character', '\u0001'],
    ['U+001B', 'escape', '\u001B'],
    ['U+007F', 'delete', '\u007F'],
    ['U+0085', 'a C1 control character', '\u0085'],
    ['U+009F', 'a C1 control character', '\u009F'],
    ['U+202A', 'a bidirectional embedding', '\u202A'],
    ['U+202E', 'a bidirectional override', '\u202E'],
    ['U+2066', 'a bidirectional isolate', '\u2066'],
    ['U+2069', 'the end of a bidirectional isolate', '\u2069'],
    ['U+D83D', 'a lone high surrogate', '\uD83D'],
    ['U+DE00', 'a lone low surrogate', '\uDE00'],
  ])('refuses %s (%s) in a comment, naming it, and writes nothing', async (name, _what, character) => {
    const before = await c.footprint();
    const response = await lineManager.post(`/api/cases/${caseId}/comments`, { body: `Før${character}etter` });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', reason: expect.stringContaining(name) }]);
    expect(await c.footprint()).toEqual(before);
  });

  it('takes tabs, line breaks, Norwegian letters and characters outside the basic plane (a pair of surrogates)', async () => {
    const text = 'Første linje\r\n\tandre linje: æøå ÆØÅ – 😀 ✓';
    const response = await lineManager.post(`/api/cases/${caseId}/comments`, { body: text });
    expect(response.status).toBe(201);
    const comments = await lineManager.get(`/api/cases/${caseId}/comments`);
    expect(JSON.stringify(comments.body)).toContain(JSON.stringify(text).slice(1, -1));
  });
});
