import { jest } from '@jest/globals';
import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PERSONA_EXTRA, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { SYSTEM_CLOCK } from '#flyt/kernel';
import { childInstanceId } from '#flyt/workflow-runtime';
import { BENEFIT_PLAN } from '../../libs/projects/src/domain/artefacts.js';
import { JsonSchemaValidator } from '../fuzz/json-schema-validator.js';
import type { JsonSchema } from '../fuzz/openapi-document.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * The reports on projects and benefits and the rector's annual report (docs/projects.md,
 * "Reports"), on PostgreSQL: cases reported and decided through the API on a controlled clock, so
 * that their lead times are known to the day, across New Year in Oslo; projects and their
 * benefits follow-up written with SQL as their workflows write them; then every report's figures
 * checked against that data, as JSON, CSV and PDF, for the programme and for process owners.
 */

jest.setTimeout(120_000);

// The demo organisation is dated from this day, and the reports are made on it: the test reads the
// same in any year it runs. Role assignments and mandates start a year before it.
const TODAY = '2026-11-27';
const YEAR = 2026;

const LINE_MANAGER = DEMO_PERSONA.line_manager;
const ADMIN = DEMO_PERSONA.admin;
const RECTOR = DEMO_PERSONA.rector;
const OWNER_CASE_HANDLING = DEMO_PERSONA.process_owner;
const OWNER_ADMISSIONS = DEMO_PERSONA_EXTRA.admissionsOwner;

type Process = 'caseHandling' | 'admissions';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read the JSON bodies as they please
type Body = any;

/** The body as bytes, whatever its media type: the CSV's byte order mark and the PDF are checked as sent. */
const raw = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('reports on projects and benefits, and the annual report, end to end', () => {
  let api: TestApi;
  let demo: DemoOrganisation;
  let now = new Date(`${TODAY}T11:00:00.000Z`);
  /** Moves the clock the API reads "now" from: the time events are logged at and the day grants are computed for. */
  const at = (instant: string) => {
    now = new Date(instant);
  };

  const processId = (p: Process) => demo.processes.find((x) => x.code === DEMO_PROCESS_CODES[p])!.id;
  const processName = (p: Process) => demo.processes.find((x) => x.code === DEMO_PROCESS_CODES[p])!.nameNb;
  const userId = (email: string) => demo.users.find((u) => u.email === email)!.id;
  const responsibleOf = (p: Process) => {
    const mandate = demo.mandates.find((m) => m.processId === processId(p) && m.validFrom <= TODAY && TODAY <= m.validTo)!;
    return demo.users.find((u) => u.id === mandate.holderId)!.email;
  };
  
  async function call(email: string, method: 'get' | 'post' | 'patch', path: string, body?: object) {
    const request = api.http[method](path).auth(await api.tokenFor(email), { type: 'bearer' });
    return body ? request.send(body) : request;
  }
  const ok = (response: { status: number; body: Body }, status = 200): Body => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const get = async (email: string, path: string): Promise<Body> => ok(await call(email, 'get', path));
  async function file(email: string, path: string) {
    const response = await api.http.get(path).auth(await api.tokenFor(email), { type: 'bearer' }).buffer(true).parse(raw);
    return { status: response.status, type: String(response.headers['content-type']), disposition: String(response.headers['content-disposition']), body: response.body as Buffer };
  }
  async function send(email: string, caseId: string, instant: string, type: string, payload: object = {}) {
    at(instant);
    return ok(await call(email, 'post', `/api/cases/${caseId}/events`, { type, payload }));
  }

  /** A case the line manager of NV-IFI reports and submits at `submittedAt`. */
  async function submitted(title: string, process: Process, submittedAt: string): Promise<{ id: string; reference: string }> {
    at(submittedAt);
    const created = ok(
      await call(LINE_MANAGER, 'post', '/api/cases', {
        title,
        problem: 'Manuelt arbeid som tar tid.',
        processId: processId(process),
        reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
        significantItComponent: true,
      }),
      201,
    );
    await send(LINE_MANAGER, created.id, submittedAt, 'SUBMIT');
    return { id: created.id, reference: created.reference };
  }

  /**
   * The case of a project: reported and escalated in December 2025, so it counts in that year's
   * report and not in the next. The reports read nothing else of it; how a case reaches the
   * programme and a round prioritises it is for the cases' and the rounds' own tests.
   */
  async function projectCase(title: string, process: Process): Promise<string> {
    const theCase = await submitted(title, process, '2025-12-01T10:00:00Z');
    await send(responsibleOf(process), theCase.id, '2025-12-02T10:00:00Z', 'ESCALATE', { text: 'Til prosesseier' });
    return theCase.id;
  }

  interface ProjectSpec {
    title: string;
    process: Process;
    /** The project's state path: `mandate`, `active.phase.<phase>.<step>,…`, `closed` or `stopped`. */
    state: string;
    phase: 'concept' | 'planning' | 'execution' | 'closure' | null;
    onHold?: boolean;
    plannedGateOn?: string | null;
    endedAt?: string | null;
    benefits?: object[];
  }

  /**
   * A project as the project workflow writes it (libs/projects/src/project.registration.ts): its
   * instance, with the id the case's workflow gives the project it starts, the row `project`
   * mirroring its state, phase, hold, gate date and end, and its benefits-realisation plan as an
   * artefact. Written with SQL because the project workflow is still being built; the instance's
   * snapshot is a stand-in the reports never read. Created on 10 December 2025.
   */
  async function project(caseId: string, spec: ProjectSpec): Promise<{ id: string; reference: string }> {
    const id = childInstanceId(caseId, 'project');
    const done = spec.endedAt != null;
    await api.db.query(
      `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, revision, parent_instance_id, created_at, updated_at)
       VALUES ($1, 'project', 1, $2, $3, $4, $5, 1, $6, '2025-12-10T10:00:00Z', '2025-12-10T10:00:00Z')`,
      [id, { caseId, processId: processId(spec.process) }, { status: done ? 'done' : 'active', value: spec.state }, spec.state, done ? 'done' : 'active', caseId],
    );
    const [row] = await api.db.query(
      `INSERT INTO project (id, case_id, process_id, title, state, phase, on_hold, planned_gate_on, project_owner_id, project_manager_id, ended_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '2025-12-10T10:00:00Z', '2025-12-10T10:00:00Z') RETURNING reference`,
      [
        id,
        caseId,
        processId(spec.process),
        spec.title,
        spec.state,
        spec.phase,
        spec.onHold ?? false,
        spec.plannedGateOn ?? null,
        spec.state === 'mandate' ? null : userId(LINE_MANAGER),
        spec.state === 'mandate' ? null : userId(DEMO_PERSONA.project_manager),
        spec.endedAt ?? null,
      ],
    );
    if (spec.benefits) {
      await api.db.query(`INSERT INTO project_artefact (project_id, kind, content, updated_by) VALUES ($1, 'benefitPlan', $2, $3)`, [
        id,
        BENEFIT_PLAN.parse({ benefits: spec.benefits }),
        userId(DEMO_PERSONA.project_manager),
      ]);
    }
    return { id, reference: row.reference as string };
  }

  /**
   * The benefits follow-up BP5 starts, as its workflow writes it
   * (libs/projects/src/benefits-followup.registration.ts): its instance and row, and each recorded
   * measurement as a RECORD_MEASUREMENT event in its log with the row benefit_measurement keeps of it.
   */
  async function followUp(projectId: string, caseId: string, process: Process, measurements: { benefitId: string; pointIndex: number; dueOn: string; value: number; measuredOn: string; meetsTarget: boolean }[]) {
    const id = childInstanceId(projectId, 'benefits');
    await api.db.query(
      `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, revision, parent_instance_id)
       VALUES ($1, 'benefits-followup', 1, $2, $3, 'measuring.waiting', 'active', $4, $5)`,
      [id, { caseId, projectId, processId: processId(process) }, { status: 'active', value: { measuring: 'waiting' } }, measurements.length, projectId],
    );
    await api.db.query(`INSERT INTO benefits_followup (id, project_id, case_id, state, next_due_on) VALUES ($1, $2, $3, 'measuring.waiting', '2027-06-01')`, [id, projectId, caseId]);
    for (const [i, m] of measurements.entries()) {
      const recordedAt = `${m.measuredOn}T12:00:00Z`;
      const [event] = await api.db.query(
        `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, from_state, to_state, occurred_at)
         VALUES ($1, $2, 'RECORD_MEASUREMENT', $3, $4, '{benefitOwner}', '{}', 'measuring.due', 'measuring.waiting', $5) RETURNING id`,
        [id, i + 1, { benefitId: m.benefitId, value: m.value, measuredOn: m.measuredOn }, userId(DEMO_PERSONA.benefit_owner), recordedAt],
      );
      await api.db.query(
        `INSERT INTO benefit_measurement (followup_id, project_id, benefit_id, point_index, due_on, value, measured_on, meets_target, recorded_by, recorded_at, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, projectId, m.benefitId, m.pointIndex, m.dueOn, m.value, m.measuredOn, m.meetsTarget, userId(DEMO_PERSONA.benefit_owner), recordedAt, event.id],
      );
    }
  }

  const benefit = (id: string, title: string, fields: object) => ({
    id,
    title,
    kind: 'efficiency',
    priced: false,
    yearlyValueNok: null,
    responsibleManagerId: userId(LINE_MANAGER),
    benefitOwnerIds: [userId(DEMO_PERSONA.benefit_owner)],
    indicator: title,
    unit: 'timer per måned',
    baseline: 0,
    baselineMeasuredOn: '2025-11-30',
    target: 1,
    measurementMethod: 'Uttrekk fra timeregistreringen.',
    measurementDates: ['2026-06-01'],
    ...fields,
  });
  // Hours on exam records fall from 100 to 40, worth 400 000 a year; more cases a day, 40 to 50, unpriced; fewer admission complaints, 10 to 20, worth 100 000.
  const HOURS = '0b6f2c1e-1d2a-4c3b-9e4f-5a6b7c8d9e01';
  const CASES_A_DAY = '0b6f2c1e-1d2a-4c3b-9e4f-5a6b7c8d9e02';
  const COMPLAINTS = '0b6f2c1e-1d2a-4c3b-9e4f-5a6b7c8d9e03';

  const cases: Record<string, { id: string; reference: string }> = {};
  const projects: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    jest.spyOn(SYSTEM_CLOCK, 'now').mockImplementation(() => new Date(now));
    api = await startTestApi();
    await loadDemoData(api.db, TODAY);
    demo = buildDemoOrganisation(TODAY);
    const responsible = responsibleOf('caseHandling');
    const admissionsResponsible = responsibleOf('admissions');

    // Five projects, of cases that reached the programme in December 2025.
    projects.closed = await project(await projectCase('Digitale eksamensprotokoller', 'caseHandling'), {
      title: 'Digitale eksamensprotokoller',
      process: 'caseHandling',
      state: 'closed',
      phase: null,
      endedAt: '2026-03-15T10:00:00Z',
      benefits: [
        benefit(HOURS, 'Mindre tid på protokoller', { priced: true, yearlyValueNok: 400_000, baseline: 100, target: 40, measurementDates: ['2026-06-01', '2027-06-01'] }),
        benefit(CASES_A_DAY, 'Flere saker per dag', { kind: 'quality', baseline: 40, target: 50, measurementDates: ['2026-09-01'] }),
      ],
    });
    const closedCase = (await api.db.query(`SELECT case_id FROM project WHERE id = $1`, [projects.closed.id]))[0].case_id as string;
    // Half the way to the target in June (200 000 of 400 000 realised); the unpriced one met in September.
    await followUp(projects.closed.id, closedCase, 'caseHandling', [
      { benefitId: HOURS, pointIndex: 0, dueOn: '2026-06-01', value: 70, measuredOn: '2026-06-03', meetsTarget: false },
      { benefitId: CASES_A_DAY, pointIndex: 1, dueOn: '2026-09-01', value: 52, measuredOn: '2026-09-02', meetsTarget: true },
    ]);
    projects.late = await project(await projectCase('Digitalt opptak', 'admissions'), {
      title: 'Digitalt opptak',
      process: 'admissions',
      state: 'active.phase.execution.working,active.reporting.awaitingReport',
      phase: 'execution',
      plannedGateOn: '2026-10-01',
      benefits: [benefit(COMPLAINTS, 'Færre klager', { kind: 'gainsForOthers', priced: true, yearlyValueNok: 100_000, baseline: 10, target: 20, measurementDates: ['2027-03-01'] })],
    });
    const heldCase = await projectCase('Nytt arkivsystem', 'caseHandling');
    projects.held = await project(heldCase, {
      title: 'Nytt arkivsystem',
      process: 'caseHandling',
      state: 'active.phase.planning.onHold,active.reporting.awaitingReport',
      phase: 'planning',
      onHold: true,
      plannedGateOn: '2026-12-15',
    });
    projects.mandate = await project(await projectCase('Opptak for etter- og videreutdanning', 'admissions'), { title: 'Opptak for etter- og videreutdanning', process: 'admissions', state: 'mandate', phase: null });
    projects.stopped = await project(await projectCase('Chatbot for saksbehandling', 'caseHandling'), {
      title: 'Chatbot for saksbehandling',
      process: 'caseHandling',
      state: 'stopped',
      phase: null,
      endedAt: '2025-12-20T10:00:00Z',
    });

    // Reported half an hour into New Year's Day in Oslo (still 2025 in UTC); a question to the
    // reporter on the way, which counts; accepted as local on 20 January: 19 days. Completed in June.
    cases.a = await submitted('Digital signering av vedtak', 'caseHandling', '2025-12-31T23:30:00Z');
    await send(responsible, cases.a.id, '2026-01-05T09:00:00Z', 'REQUEST_INFO', { question: 'Hvor mange vedtak i året?' });
    await send(LINE_MANAGER, cases.a.id, '2026-01-08T09:00:00Z', 'PROVIDE_INFO', { answer: 'Om lag 4000.' });
    await send(responsible, cases.a.id, '2026-01-20T10:00:00Z', 'ACCEPT_LOCAL', { plan: 'Prøv i ett institutt først.' });
    for (const day of ['2026-02-02', '2026-03-02', '2026-04-01', '2026-05-04', '2026-06-10']) {
      await send(LINE_MANAGER, cases.a.id, `${day}T10:00:00Z`, 'COMPLETE_STEP', { summary: 'Steget er gjort.' });
    }
    // Reported in 2025, rejected in 2026: 16 days across New Year.
    cases.b = await submitted('Ny møteromsbooking', 'caseHandling', '2025-12-20T10:00:00Z');
    await send(responsible, cases.b.id, '2026-01-05T10:00:00Z', 'REJECT', { reason: 'not_feasible', text: 'Ikke gjennomførbart nå.' });
    // Admissions: escalated after four days; another withdrawn before any decision.
    cases.c = await submitted('Automatisk poengberegning', 'admissions', '2026-03-02T10:00:00Z');
    await send(admissionsResponsible, cases.c.id, '2026-03-06T10:00:00Z', 'ESCALATE', { text: 'Trenger prosesseier.' });
    cases.d = await submitted('Felles søknadsportal', 'admissions', '2026-05-04T10:00:00Z');
    await send(LINE_MANAGER, cases.d.id, '2026-05-06T10:00:00Z', 'WITHDRAW', { reason: 'Løst på annen måte.' });
    // Merged after ten days into the case whose project is on hold; and one reported in November, not decided yet.
    cases.g = await submitted('Elektronisk signatur', 'caseHandling', '2026-09-01T10:00:00Z');
    await send(responsible, cases.g.id, '2026-09-11T10:00:00Z', 'MERGE_INTO', { caseId: heldCase, text: 'Dekkes av arkivprosjektet.' });
    cases.e = await submitted('Digitale reiseregninger', 'caseHandling', '2026-11-20T10:00:00Z');
    // A draft never submitted is in no report.
    at('2026-04-01T10:00:00Z');
    ok(
      await call(LINE_MANAGER, 'post', '/api/cases', {
        title: 'Bare et utkast',
        problem: 'Ikke sendt inn.',
        processId: processId('caseHandling'),
        reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
      }),
      201,
    );

    at(`${TODAY}T11:00:00Z`);
  });
  afterAll(async () => {
    await api?.close();
    jest.restoreAllMocks();
  });

  it('benefits per project: planned against realised kroner and how many met their target, with every benefit and the totals', async () => {
    const report = await get(ADMIN, '/api/reports/benefits?groupBy=project');
    expect(report).toMatchObject({ asOf: TODAY, year: null, groupBy: 'project' });
    expect(report.groups).toEqual([
      {
        projectId: projects.closed.id,
        projectReference: projects.closed.reference,
        projectTitle: 'Digitale eksamensprotokoller',
        processId: processId('caseHandling'),
        processName: processName('caseHandling'),
        year: null,
        benefits: 2,
        met: 1,
        notMet: 1,
        notMeasured: 0,
        plannedYearlyNok: 400_000,
        realisedYearlyNok: 200_000,
      },
      expect.objectContaining({ projectId: projects.late.id, benefits: 1, notMeasured: 1, plannedYearlyNok: 100_000, realisedYearlyNok: 0 }),
    ]);
    expect(report.totals).toEqual({ benefits: 3, met: 1, notMet: 1, notMeasured: 1, plannedYearlyNok: 500_000, realisedYearlyNok: 200_000 });
    expect(report.benefits.map((b: Body) => [b.title, b.latest?.value ?? null, b.latest?.meetsTarget ?? null, b.plannedYearlyNok, b.realisedYearlyNok])).toEqual([
      ['Mindre tid på protokoller', 70, false, 400_000, 200_000],
      ['Flere saker per dag', 52, true, null, null],
      ['Færre klager', null, null, 100_000, null],
    ]);
    expect(report.benefits[0].latest.shareOfTarget).toBeCloseTo(0.5, 10);
  });

  it('benefits per process and per year; a year gives the figures as they stood at its end', async () => {
    const byProcess = await get(RECTOR, '/api/reports/benefits?groupBy=process');
    expect(byProcess.groups.map((g: Body) => [g.processName, g.projectId, g.benefits, g.plannedYearlyNok, g.realisedYearlyNok])).toEqual(
      [
        [processName('admissions'), null, 1, 100_000, 0],
        [processName('caseHandling'), null, 2, 400_000, 200_000],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'nb')),
    );
    // 2026: the June and September dates, both measured; 2027: the second June and the complaints, neither yet.
    const byYear = await get(RECTOR, '/api/reports/benefits?groupBy=year');
    expect(byYear.groups.map((g: Body) => [g.year, g.benefits, g.met, g.notMet, g.notMeasured, g.plannedYearlyNok, g.realisedYearlyNok])).toEqual([
      [2026, 2, 1, 1, 0, 400_000, 200_000],
      [2027, 2, 0, 0, 2, 500_000, 0],
    ]);
    const only2026 = await get(RECTOR, '/api/reports/benefits?groupBy=year&year=2026');
    expect(only2026.groups.map((g: Body) => g.year)).toEqual([2026]);
    // At the end of 2025 nothing was measured yet.
    const end2025 = await get(RECTOR, '/api/reports/benefits?year=2025');
    expect(end2025).toMatchObject({ asOf: '2025-12-31', year: 2025, groupBy: 'project' });
    expect(end2025.totals).toEqual({ benefits: 3, met: 0, notMet: 0, notMeasured: 3, plannedYearlyNok: 500_000, realisedYearlyNok: 0 });
  });

  it('benefits as CSV for Excel: byte order mark, semicolons, one line per project and every benefit once at the end', async () => {
    const csv = await file(ADMIN, '/api/reports/benefits/csv?groupBy=project');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe(`attachment; filename="gevinster-per-prosjekt-${TODAY}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csv.body.toString('utf8').slice(1).split('\r\n');
    expect(records).toEqual([
      'Prosjekt;Prosjekttittel;Prosess;Gevinster;Nådd mål;Ikke nådd;Ikke målt ennå;Planlagt per år (kr);Realisert per år (kr)',
      `${projects.closed.reference};Digitale eksamensprotokoller;${processName('caseHandling')};2;1;1;0;400000;200000`,
      `${projects.late.reference};Digitalt opptak;${processName('admissions')};1;0;0;1;100000;0`,
      'Alle gevinster, siste måling;;;3;1;1;1;500000;200000',
      '',
    ]);
    const english = await file(ADMIN, '/api/reports/benefits/csv?groupBy=year&lang=en');
    expect(english.body.toString('utf8').slice(1).split('\r\n').slice(0, 2)).toEqual([
      'Year;Benefits;Target met;Not met;Not measured yet;Planned per year (NOK);Realised per year (NOK)',
      '2026;2;1;1;0;400000;200000',
    ]);
  });

  it('projects by phase: the gate ahead and its date, late when the date has passed, on hold, and a closed project’s follow-up', async () => {
    const report = await get(ADMIN, '/api/reports/projects');
    expect(report.today).toBe(TODAY);
    expect(report.projects.map((p: Body) => [p.reference, p.stage, p.nextGate, p.plannedGateOn, p.late, p.onHold, p.followUp])).toEqual([
      [projects.mandate.reference, 'awaitingTeam', 'BP2', null, false, false, null],
      [projects.held.reference, 'planning', 'BP3', '2026-12-15', false, true, null],
      [projects.late.reference, 'execution', 'BP4', '2026-10-01', true, false, null],
      [projects.closed.reference, 'closed', null, null, false, false, 'running'],
      [projects.stopped.reference, 'stopped', null, null, false, false, null],
    ]);
    expect(report.byStage.map((s: Body) => [s.stage, s.projects, s.late, s.onHold])).toEqual([
      ['awaitingTeam', 1, 0, 0],
      ['concept', 0, 0, 0],
      ['planning', 1, 0, 1],
      ['execution', 1, 1, 0],
      ['closure', 0, 0, 0],
      ['closed', 1, 0, 0],
      ['stopped', 1, 0, 0],
    ]);

    const csv = await file(DEMO_PERSONA.programme_secretariat, '/api/reports/projects/csv');
    expect(csv.disposition).toBe(`attachment; filename="prosjekter-${TODAY}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csv.body.toString('utf8').slice(1).split('\r\n');
    expect(records[0]).toBe('Prosjekt;Tittel;Prosess;Fase;Neste beslutningspunkt;Planlagt dato;Forsinket;Satt på vent;Gevinstoppfølging');
    expect(records).toContain(`${projects.late.reference};Digitalt opptak;${processName('admissions')};Gjennomføring;BP4;2026-10-01;Ja;Nei;`);
    expect(records).toContain(`${projects.closed.reference};Digitale eksamensprotokoller;${processName('caseHandling')};Avsluttet, gevinstoppfølging;;;Nei;Nei;Pågår`);
  });

  it('the annual report: the cases reported in the year in Oslo by state and process, lead times to the first decision, local improvements, projects and benefits', async () => {
    const report = await get(RECTOR, `/api/reports/annual/${YEAR}`);
    expect(report).toMatchObject({ kind: 'annual', year: YEAR, generatedAt: `${TODAY}T11:00:00.000Z` });
    // a (New Year's Day in Oslo), c, d, g and e; b was reported in 2025, the projects' cases too.
    expect(report.cases.reported).toBe(5);
    expect(Object.fromEntries(report.cases.byState.map((s: Body) => [s.state, s.cases]))).toEqual({ implemented: 1, withProcessOwner: 1, withdrawn: 1, merged: 1, submitted: 1 });
    expect(report.cases.byProcess).toEqual(
      expect.arrayContaining([
        { processId: processId('caseHandling'), processName: processName('caseHandling'), reported: 3, decided: 3, localImprovementsCompleted: 1 },
        { processId: processId('admissions'), processName: processName('admissions'), reported: 2, decided: 1, localImprovementsCompleted: 0 },
      ]),
    );
    expect(report.cases.byProcess).toHaveLength(2);
    // a: 1 → 20 January, 19 days; b: 20 December → 5 January, 16; c: 4; g: 10. Median (10 + 16) / 2, mean 49 / 4.
    expect(report.leadTimes).toMatchObject({ decisions: 4, medianDays: 13, meanDays: 12.3 });
    expect(report.leadTimes.byDecision.map((d: Body) => [d.decision, d.decisions, d.medianDays])).toEqual([
      ['REJECT', 1, 16],
      ['MERGE_INTO', 1, 10],
      ['ACCEPT_LOCAL', 1, 19],
      ['ESCALATE', 1, 4],
    ]);
    expect(report.localImprovements).toEqual([
      { caseId: cases.a.id, reference: cases.a.reference, title: 'Digital signering av vedtak', processName: processName('caseHandling'), completedOn: '2026-06-10' },
    ]);
    // The project stopped in 2025 was not under way in 2026; the one closed in March was.
    expect(report.projects.projects.map((p: Body) => p.reference)).toEqual([projects.mandate.reference, projects.held.reference, projects.late.reference, projects.closed.reference]);
    expect(report.projects.byStage.find((s: Body) => s.stage === 'execution')).toMatchObject({ projects: 1, late: 1 });
    expect(report.benefits.inYear).toEqual({ benefits: 2, met: 1, notMet: 1, notMeasured: 0, plannedYearlyNok: 400_000, realisedYearlyNok: 200_000 });
    expect(report.benefits.report.totals).toMatchObject({ benefits: 3, plannedYearlyNok: 500_000, realisedYearlyNok: 200_000 });
  });

  it('counts a year by the clock in Oslo: 2025 holds b and the projects’ cases, not a case reported at 23:30 UTC on New Year’s Eve', async () => {
    const report = await get(ADMIN, '/api/reports/annual/2025');
    expect(report.cases.reported).toBe(6);
    // The five escalations of the projects' cases, a day after each was reported; b's rejection came in 2026.
    expect(report.leadTimes).toMatchObject({ decisions: 5, medianDays: 1, meanDays: 1 });
    expect(report.localImprovements).toEqual([]);
    expect(report.benefits.report.asOf).toBe('2025-12-31');
  });

  it('the annual report as CSV, one long table with a decimal comma, and as a PDF with the year', async () => {
    const csv = await file(RECTOR, `/api/reports/annual/${YEAR}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe(`attachment; filename="arsrapport-${YEAR}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csv.body.toString('utf8').slice(1).split('\r\n');
    expect(records[0]).toBe('Del;Element;Mål;Verdi');
    for (const record of [
      `Forbedringssaker meldt inn i året;${YEAR};Meldt inn;5`,
      'Tid fra innmelding til beslutning;Alle beslutninger;Median (dager);13',
      'Tid fra innmelding til beslutning;Alle beslutninger;Gjennomsnitt (dager);12,3',
      `Lokale forbedringer fullført i året;${cases.a.reference} Digital signering av vedtak;Fullført;2026-06-10`,
      'Prosjekter etter fase;Gjennomføring;Forsinket;1',
      'Planlagte og realiserte gevinster;Gevinster med måletidspunkt i året;Realisert per år (kr);200000',
    ]) {
      expect(records).toContain(record);
    }

    const pdf = await file(RECTOR, `/api/reports/annual/${YEAR}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe(`attachment; filename="arsrapport-${YEAR}.pdf"`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(pdf.body) });
    try {
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      for (const expected of [`Rektors årsrapport til styret ${YEAR}`, cases.a.reference, 'Digital signering av vedtak', projects.late.reference, 'Digitalt opptak']) {
        expect(text).toContain(expected);
      }
    } finally {
      await parser.destroy();
    }
    const english = await file(RECTOR, `/api/reports/annual/${YEAR}/pdf?lang=en`);
    const parsed = new PDFParse({ data: new Uint8Array(english.body) });
    try {
      expect((await parsed.getText()).text).toContain(`The rector's annual report to the board ${YEAR}`);
    } finally {
      await parsed.destroy();
    }
  });

  it('a process owner sees only the processes they own', async () => {
    const admissions = await get(OWNER_ADMISSIONS, `/api/reports/annual/${YEAR}`);
    expect(admissions.cases.reported).toBe(2);
    expect(admissions.cases.byProcess.map((p: Body) => p.processId)).toEqual([processId('admissions')]);
    expect(admissions.leadTimes).toMatchObject({ decisions: 1, medianDays: 4 });
    expect(admissions.localImprovements).toEqual([]);
    expect(admissions.projects.projects.map((p: Body) => p.reference)).toEqual([projects.mandate.reference, projects.late.reference]);
    expect(admissions.benefits.inYear).toMatchObject({ benefits: 0, plannedYearlyNok: 0 });
    expect((await get(OWNER_ADMISSIONS, '/api/reports/benefits')).groups.map((g: Body) => g.projectId)).toEqual([projects.late.id]);
    expect((await get(OWNER_ADMISSIONS, '/api/reports/projects')).projects.map((p: Body) => p.projectId)).toEqual([projects.mandate.id, projects.late.id]);

    // Case handling's owner owns three more processes, none of them admissions.
    const caseHandling = await get(OWNER_CASE_HANDLING, '/api/reports/projects');
    expect(caseHandling.projects.map((p: Body) => p.projectId)).toEqual([projects.held.id, projects.closed.id, projects.stopped.id]);
    const benefits = await get(OWNER_CASE_HANDLING, '/api/reports/benefits?groupBy=process');
    expect(benefits.groups.map((g: Body) => g.processId)).toEqual([processId('caseHandling')]);
    expect(benefits.totals).toMatchObject({ benefits: 2, plannedYearlyNok: 400_000, realisedYearlyNok: 200_000 });
    const annual = await get(OWNER_CASE_HANDLING, `/api/reports/annual/${YEAR}`);
    expect(annual.cases.reported).toBe(3);
    expect(annual.leadTimes.decisions).toBe(3);
    const csv = (await file(OWNER_CASE_HANDLING, '/api/reports/projects/csv')).body.toString('utf8');
    expect(csv).toContain(projects.held.reference);
    expect(csv).not.toContain(projects.late.reference);
  });

  it('refuses a line manager with 403 on every report, and a year outside 2000–2100 with 400', async () => {
    for (const path of [
      '/api/reports/benefits',
      '/api/reports/benefits/csv',
      '/api/reports/projects',
      '/api/reports/projects/csv',
      `/api/reports/annual/${YEAR}`,
      `/api/reports/annual/${YEAR}/csv`,
      `/api/reports/annual/${YEAR}/pdf`,
    ]) {
      const refused = await call(LINE_MANAGER, 'get', path);
      expect([path, refused.status]).toEqual([path, 403]);
      expect(refused.body.requiredRoles).toEqual(expect.arrayContaining(['rector', 'process_owner']));
    }
    const early = await call(ADMIN, 'get', '/api/reports/annual/1999');
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ field: 'year', reason: 'must be at least 2000' }]);
    expect((await call(ADMIN, 'get', '/api/reports/annual/2101/pdf')).body.errors).toEqual([{ field: 'year', reason: 'must be at most 2100' }]);
    expect((await call(ADMIN, 'get', '/api/reports/annual/next')).body.errors).toEqual([{ field: 'year', reason: 'must be a whole number' }]);
    expect((await call(ADMIN, 'get', '/api/reports/benefits?groupBy=unit')).body.errors).toEqual([{ field: 'groupBy', reason: 'must be one of project, process, year' }]);
  });

  it('answers as the OpenAPI description documents: the reports by their schemas, the files by their media types', async () => {
    type Answer = { content?: Record<string, { schema?: JsonSchema }> };
    const doc = (await api.http.get('/docs-json')).body as { paths: Record<string, { get: { responses: Record<string, Answer> } }> };
    const answer = (path: string) => doc.paths[path]!.get.responses['200']!;
    const validator = new JsonSchemaValidator(doc);
    for (const [route, path] of [
      ['/api/reports/benefits', '/api/reports/benefits?groupBy=year'],
      ['/api/reports/projects', '/api/reports/projects'],
      ['/api/reports/annual/{year}', `/api/reports/annual/${YEAR}`],
    ]) {
      expect([route, validator.errors(await get(ADMIN, path!), answer(route!).content!['application/json']!.schema!)]).toEqual([route, []]);
    }
    expect(Object.keys(answer('/api/reports/annual/{year}/pdf').content!)).toEqual(['application/pdf']);
    expect(Object.keys(answer('/api/reports/annual/{year}/csv').content!)).toEqual(['text/csv; charset=utf-8']);
  });
});
