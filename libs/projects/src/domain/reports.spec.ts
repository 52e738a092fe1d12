import { type Benefit, BENEFIT_PLAN } from './artefacts.js';
import {
  type AnnualCaseRow,
  annualReport,
  type AnnualReportInput,
  benefitsReport,
  groupBenefits,
  type CaseEventRow,
  type ProjectBenefitsRow,
  projectsByPhase,
  type ProjectStatusRow,
  realisedYearlyNok,
  toCsv,
  toCsvRows,
} from './reports.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const USER = '11111111-1111-4111-8111-111111111111';
const ADMISSIONS = { id: 'p-opptak', name: 'Opptak' };
const EXAMS = { id: 'p-eksamen', name: 'Eksamen' };

const benefit = (id: string, title: string, fields: Partial<Benefit>): Benefit =>
  BENEFIT_PLAN.parse({
    benefits: [
      {
        id,
        title,
        kind: 'efficiency',
        priced: false,
        responsibleManagerId: USER,
        benefitOwnerIds: [USER],
        indicator: title,
        unit: 'timer per måned',
        baseline: 0,
        baselineMeasuredOn: '2026-01-10',
        target: 1,
        measurementMethod: 'Uttrekk',
        measurementDates: ['2027-03-01'],
        ...fields,
      },
    ],
  }).benefits[0]!;

// A: hours fall from 120 to 60, worth 400 000 a year. B: unpriced, cases a day rise from 40 to 50. C: worth 100 000, rises from 10 to 20.
const BENEFIT_A = benefit(A, 'Mindre tid på registrering', { priced: true, yearlyValueNok: 400_000, baseline: 120, target: 60, measurementDates: ['2027-03-01', '2027-09-01', '2028-03-01'] });
const BENEFIT_B = benefit(B, 'Flere saker per dag', { kind: 'quality', baseline: 40, target: 50, measurementDates: ['2027-09-01'] });
const BENEFIT_C = benefit(C, 'Færre klager', { kind: 'gainsForOthers', priced: true, yearlyValueNok: 100_000, baseline: 10, target: 20, measurementDates: ['2027-06-01'] });

const measured = (benefitId: string, value: number, dueOn: string, measuredOn: string) => ({ benefitId, value, dueOn, measuredOn, recordedAt: `${measuredOn}T12:00:00.000Z` });

const BENEFIT_ROWS: ProjectBenefitsRow[] = [
  {
    projectId: 'x2',
    reference: 'PROSJEKT-2',
    title: 'Digital klage',
    process: EXAMS,
    benefits: [BENEFIT_C],
    measurements: [measured(C, 8, '2027-06-01', '2027-06-03')],
  },
  {
    projectId: 'x1',
    reference: 'PROSJEKT-1',
    title: 'Nytt opptak',
    process: ADMISSIONS,
    benefits: [BENEFIT_A, BENEFIT_B],
    measurements: [measured(A, 90, '2027-03-01', '2027-03-03'), measured(A, 55, '2027-09-01', '2027-09-02')],
  },
];

describe('planned against realised benefits', () => {
  it('judges each benefit by its latest measurement: met or not, how far along, and what it realises in kroner', () => {
    const report = benefitsReport(BENEFIT_ROWS, '2027-12-31');
    expect(report.benefits.map((b) => [b.projectReference, b.title, b.latest?.value ?? null, b.latest?.meetsTarget ?? null, b.plannedYearlyNok, b.realisedYearlyNok])).toEqual([
      ['PROSJEKT-1', 'Mindre tid på registrering', 55, true, 400_000, 400_000],
      ['PROSJEKT-1', 'Flere saker per dag', null, null, null, null],
      ['PROSJEKT-2', 'Færre klager', 8, false, 100_000, 0],
    ]);
    expect(report.totals).toEqual({ benefits: 3, met: 1, notMet: 1, notMeasured: 1, plannedYearlyNok: 500_000, realisedYearlyNok: 400_000 });
  });

  it('leaves out measurements after the report day', () => {
    const report = benefitsReport(BENEFIT_ROWS, '2027-06-30');
    expect(report.benefits[0]!.latest).toEqual({ value: 90, measuredOn: '2027-03-03', meetsTarget: false, shareOfTarget: 0.5 });
    expect(report.benefits[0]!.realisedYearlyNok).toBe(200_000);
  });

  it('caps the share at the target and at the baseline when it turns it into kroner', () => {
    expect(realisedYearlyNok(400_000, 1.0833)).toBe(400_000);
    expect(realisedYearlyNok(100_000, -0.2)).toBe(0);
    expect(realisedYearlyNok(100_000, 0.333)).toBe(33_300);
  });

  it('adds them up per project and per process', () => {
    const report = benefitsReport(BENEFIT_ROWS, '2027-12-31');
    expect(report.byProject.map((p) => [p.reference, p.benefits, p.met, p.notMet, p.notMeasured, p.plannedYearlyNok, p.realisedYearlyNok])).toEqual([
      ['PROSJEKT-1', 2, 1, 0, 1, 400_000, 400_000],
      ['PROSJEKT-2', 1, 0, 1, 0, 100_000, 0],
    ]);
    expect(report.byProcess.map((p) => p.processName)).toEqual(['Eksamen', 'Opptak']);
  });

  it('per year, judges the benefits due that year by the measurements that answer that year’s dates', () => {
    const { byYear } = benefitsReport(BENEFIT_ROWS, '2028-12-31');
    expect(byYear).toEqual([
      { year: 2027, benefits: 3, met: 1, notMet: 1, notMeasured: 1, plannedYearlyNok: 500_000, realisedYearlyNok: 400_000 },
      // A is due again in March 2028 and has not been measured for it.
      { year: 2028, benefits: 1, met: 0, notMet: 0, notMeasured: 1, plannedYearlyNok: 400_000, realisedYearlyNok: 0 },
    ]);
  });

  it('writes a row per benefit for a spreadsheet, in bokmål', () => {
    const rows = toCsvRows(benefitsReport(BENEFIT_ROWS, '2027-12-31'), 'nb');
    expect(rows[0]).toContain('Realisert per år (kr)');
    expect(rows[1]).toEqual([
      'PROSJEKT-1',
      'Nytt opptak',
      'Opptak',
      'Mindre tid på registrering',
      'Effektivisering',
      'Mindre tid på registrering',
      'timer per måned',
      120,
      60,
      '2027-03-01, 2027-09-01, 2028-03-01',
      '2027-09-02',
      55,
      'Ja',
      1.08,
      400_000,
      400_000,
    ]);
    expect(rows).toHaveLength(4);
  });

  it('gives one line per project, process or year, naming only what it is grouped by', () => {
    const report = benefitsReport(BENEFIT_ROWS, '2028-12-31');
    expect(groupBenefits(report, 'project').groups.map((g) => [g.projectReference, g.processName, g.year, g.plannedYearlyNok, g.realisedYearlyNok])).toEqual([
      ['PROSJEKT-1', 'Opptak', null, 400_000, 400_000],
      ['PROSJEKT-2', 'Eksamen', null, 100_000, 0],
    ]);
    expect(groupBenefits(report, 'process').groups.map((g) => [g.projectId, g.processId, g.benefits])).toEqual([
      [null, 'p-eksamen', 1],
      [null, 'p-opptak', 2],
    ]);
    expect(groupBenefits(report, 'year', 2028)).toMatchObject({ groupBy: 'year', groups: [{ year: 2028, benefits: 1, notMeasured: 1, processId: null }], totals: report.totals });
  });

  it('writes the lines for a spreadsheet with every benefit once at the end', () => {
    const rows = toCsvRows(groupBenefits(benefitsReport(BENEFIT_ROWS, '2027-12-31'), 'year'), 'nb');
    expect(rows).toEqual([
      ['År', 'Gevinster', 'Nådd mål', 'Ikke nådd', 'Ikke målt ennå', 'Planlagt per år (kr)', 'Realisert per år (kr)'],
      [2027, 3, 1, 1, 1, 500_000, 400_000],
      [2028, 1, 0, 0, 1, 400_000, 0],
      ['Alle gevinster, siste måling', 3, 1, 1, 1, 500_000, 400_000],
    ]);
    expect(toCsvRows(groupBenefits(benefitsReport(BENEFIT_ROWS, '2027-12-31'), 'project'), 'en')[0]!.slice(0, 3)).toEqual(['Project', 'Project title', 'Process']);
  });
});

const project = (id: string, fields: Partial<ProjectStatusRow>): ProjectStatusRow => ({
  id,
  reference: `PROSJEKT-${id}`,
  title: `Prosjekt ${id}`,
  process: ADMISSIONS,
  phase: null,
  ended: null,
  onHold: false,
  plannedGateOn: null,
  ...fields,
});

const PROJECTS: ProjectStatusRow[] = [
  project('5', { phase: 'concept', plannedGateOn: '2027-06-15' }),
  project('4', { ended: 'closed', plannedGateOn: '2027-01-01', followUp: 'running' }),
  project('3', {}),
  project('2', { phase: 'execution', plannedGateOn: '2027-05-01', onHold: true }),
  project('1', { phase: 'planning', plannedGateOn: '2027-06-01' }),
];

describe('projects by phase', () => {
  const report = projectsByPhase(PROJECTS, '2027-06-15');

  it('shows each project with its next gate, its planned date, and whether it is late or on hold', () => {
    expect(report.projects.map((p) => [p.reference, p.stageLabel.nb, p.nextGate, p.plannedGateOn, p.late, p.onHold])).toEqual([
      ['PROSJEKT-3', 'Venter på prosjekteier og prosjektleder', 'BP2', null, false, false],
      ['PROSJEKT-5', 'Konsept', 'BP2', '2027-06-15', false, false],
      ['PROSJEKT-1', 'Planlegging', 'BP3', '2027-06-01', true, false],
      ['PROSJEKT-2', 'Gjennomføring', 'BP4', '2027-05-01', true, true],
      ['PROSJEKT-4', 'Avsluttet, gevinstoppfølging', null, null, false, false],
    ]);
  });

  it('counts them per stage, every stage shown', () => {
    expect(report.byStage.map((s) => [s.stage, s.projects, s.late, s.onHold])).toEqual([
      ['awaitingTeam', 1, 0, 0],
      ['concept', 1, 0, 0],
      ['planning', 1, 1, 0],
      ['execution', 1, 1, 1],
      ['closure', 0, 0, 0],
      ['closed', 1, 0, 0],
      ['stopped', 0, 0, 0],
    ]);
  });

  it('writes a row per project for a spreadsheet, in English', () => {
    const rows = toCsvRows(report, 'en');
    expect(rows[0]).toEqual(['Project', 'Title', 'Process', 'Phase', 'Next gate', 'Planned date', 'Late', 'On hold', 'Benefits follow-up']);
    expect(rows[4]).toEqual(['PROSJEKT-2', 'Prosjekt 2', 'Opptak', 'Execution', 'BP4', '2027-05-01', 'Yes', 'Yes', null]);
    expect(rows[5]).toEqual(['PROSJEKT-4', 'Prosjekt 4', 'Opptak', 'Closed, benefits follow-up', null, null, 'No', 'No', 'Running']);
  });

  it('writes the file Norwegian Excel opens: byte order mark, semicolons, CRLF', () => {
    const csv = toCsv(report, 'nb');
    expect(csv.startsWith('\uFEFFProsjekt;Tittel;Prosess;Fase;')).toBe(true);
    expect(csv.split('\r\n')[4]).toBe('PROSJEKT-2;Prosjekt 2;Opptak;Gjennomføring;BP4;2027-05-01;Ja;Ja;');
  });
});

const event = (type: string, to: string, occurredAt: string): CaseEventRow => ({ type, to, occurredAt });
const theCase = (id: string, process: { id: string; name: string }, state: string, events: CaseEventRow[]): AnnualCaseRow => ({
  id,
  reference: `FLYT-${id}`,
  title: `Sak ${id}`,
  process,
  state,
  stateLabel: { nb: `nb:${state}`, en: `en:${state}` },
  events,
});

const ANNUAL_CASES: AnnualCaseRow[] = [
  // Reported half an hour past midnight on New Year's Day in Oslo; a question to the reporter on the way; accepted as local, completed in November.
  theCase('1', ADMISSIONS, 'implemented', [
    event('SUBMIT', 'submitted', '2026-12-31T23:30:00.000Z'),
    event('REQUEST_INFO', 'awaitingInformation', '2027-01-05T09:00:00.000Z'),
    event('PROVIDE_INFO', 'submitted', '2027-01-08T09:00:00.000Z'),
    event('ACCEPT_LOCAL', 'localImprovement.plan', '2027-01-20T10:00:00.000Z'),
    event('COMPLETE_STEP', 'implemented', '2027-11-05T10:00:00.000Z'),
  ]),
  // Reported in 2026, rejected in 2027.
  theCase('2', ADMISSIONS, 'rejected', [event('SUBMIT', 'submitted', '2026-12-20T10:00:00.000Z'), event('REJECT', 'rejected', '2027-01-05T10:00:00.000Z')]),
  // An employee's idea, endorsed, escalated after four days; what came after does not change its decision.
  theCase('3', EXAMS, 'inRealisation', [
    event('ENDORSE', 'submitted', '2027-03-01T10:00:00.000Z'),
    event('ESCALATE', 'withProcessOwner', '2027-03-05T10:00:00.000Z'),
    event('PROPOSE_TO_PROGRAMME', 'awaitingPrioritisation', '2027-04-01T10:00:00.000Z'),
    event('PRIORITISE', 'inRealisation', '2027-12-01T10:00:00.000Z'),
  ]),
  // Withdrawn before a decision.
  theCase('4', EXAMS, 'withdrawn', [event('SUBMIT', 'submitted', '2027-05-01T10:00:00.000Z'), event('WITHDRAW', 'withdrawn', '2027-05-03T10:00:00.000Z')]),
  // Reported in December, decided in the next year.
  theCase('5', ADMISSIONS, 'rejected', [event('SUBMIT', 'submitted', '2027-12-20T10:00:00.000Z'), event('REJECT', 'rejected', '2028-01-04T10:00:00.000Z')]),
  // Never reported.
  theCase('6', ADMISSIONS, 'draft', []),
];

const ANNUAL_INPUT: AnnualReportInput = {
  year: 2027,
  today: '2028-01-15',
  generatedAt: '2028-01-15T08:00:00.000Z',
  cases: ANNUAL_CASES,
  projects: PROJECTS,
  benefits: BENEFIT_ROWS,
};

describe("the rector's annual report", () => {
  const report = annualReport(ANNUAL_INPUT);

  it('counts the cases reported in the year (Oslo time) by their state now and by process', () => {
    expect(report.cases.reported).toBe(4);
    expect(report.cases.byState.map((s) => [s.state, s.cases])).toEqual([
      ['implemented', 1],
      ['inRealisation', 1],
      ['rejected', 1],
      ['withdrawn', 1],
    ]);
    expect(report.cases.byProcess).toEqual([
      { processId: 'p-eksamen', processName: 'Eksamen', reported: 2, decided: 1, localImprovementsCompleted: 0 },
      { processId: 'p-opptak', processName: 'Opptak', reported: 2, decided: 2, localImprovementsCompleted: 1 },
    ]);
  });

  it('measures the days from report to the first decision, for the decisions taken in the year', () => {
    // Case 1: 1 January to 20 January (the question to the reporter counts); case 2: 16 days across New Year; case 3: 4 days.
    expect(report.leadTimes).toMatchObject({ decisions: 3, medianDays: 16, meanDays: 13 });
    expect(report.leadTimes.byDecision.map((d) => [d.label.en, d.decisions, d.medianDays])).toEqual([
      ['Rejected', 1, 16],
      ['Merged into another case', 0, null],
      ['Accepted as a local improvement', 1, 19],
      ['Escalated to the process owner', 1, 4],
    ]);
  });

  it('lists the local improvements completed in the year', () => {
    expect(report.localImprovements).toEqual([{ caseId: '1', reference: 'FLYT-1', title: 'Sak 1', processName: 'Opptak', completedOn: '2027-11-05' }]);
  });

  it('shows projects as they stand and benefits as of the year’s end', () => {
    expect(report.projects.byStage.find((s) => s.stage === 'execution')).toMatchObject({ projects: 1, late: 1, onHold: 1 });
    expect(report.benefits.report.asOf).toBe('2027-12-31');
    expect(report.benefits.inYear).toEqual({ benefits: 3, met: 1, notMet: 1, notMeasured: 1, plannedYearlyNok: 500_000, realisedYearlyNok: 400_000 });
  });

  it('writes one long table for a spreadsheet: section, item, measure, value', () => {
    const rows = toCsvRows(report, 'nb');
    expect(rows[0]).toEqual(['Del', 'Element', 'Mål', 'Verdi']);
    expect(rows).toContainEqual(['Forbedringssaker meldt inn i året', '2027', 'Meldt inn', 4]);
    expect(rows).toContainEqual(['Tid fra innmelding til beslutning', 'Alle beslutninger', 'Median (dager)', 16]);
    expect(rows).toContainEqual(['Lokale forbedringer fullført i året', 'FLYT-1 Sak 1', 'Fullført', '2027-11-05']);
    expect(rows).toContainEqual(['Prosjekter etter fase', 'Gjennomføring', 'Forsinket', 1]);
    expect(rows).toContainEqual(['Planlagte og realiserte gevinster', 'Gevinster med måletidspunkt i året', 'Realisert per år (kr)', 400_000]);
  });
});
