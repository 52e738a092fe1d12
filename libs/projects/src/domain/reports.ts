import { type CsvCell, csvDocument } from '#flyt/documents';
import { osloDay } from '#flyt/kernel';
import { GATE_OF_PHASE, type Gate, type Phase } from '#workflows/project/project.events';
import { type Benefit, BENEFIT_KIND_NAMES, type BenefitKind } from './artefacts.js';
import { meetsTarget, shareOfTarget } from './measurements.js';

/**
 * The reports on projects and benefits (docs/projects.md, "Reports"): planned against realised
 * benefits, projects by phase, and the rector's annual report to the board. Pure over the rows a
 * service reads; the service chooses the rows, this decides what the report says. Labels come in
 * bokmål and English; `toCsvRows` (and `toCsv`, the file) and annual-report-pdf.ts write one of them.
 */

export type Locale = 'nb' | 'en';
export interface Label {
  nb: string;
  en: string;
}

// ── (a) Planned against realised benefits ──────────────────────────────────────────────────────

/** A measurement as benefit_measurement holds it. */
export interface MeasurementRow {
  benefitId: string;
  value: number;
  measuredOn: string;
  /** The measurement date of the plan it answers. */
  dueOn: string;
  /** When it was recorded (ISO); orders two measurements of the same day. */
  recordedAt: string;
}

/** A project with its benefits-realisation plan and what has been measured. */
export interface ProjectBenefitsRow {
  projectId: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  /** The plan's benefits; empty when the project has no plan. */
  benefits: readonly Benefit[];
  measurements: readonly MeasurementRow[];
}

export interface LatestMeasurement {
  value: number;
  measuredOn: string;
  meetsTarget: boolean;
  /** 0 at the baseline, 1 at the target (measurements.ts, shareOfTarget); not capped. */
  shareOfTarget: number;
}

export interface BenefitStatus {
  projectId: string;
  projectReference: string;
  projectTitle: string;
  processId: string;
  processName: string;
  benefitId: string;
  title: string;
  kind: BenefitKind;
  kindLabel: Label;
  indicator: string;
  unit: string;
  baseline: number;
  target: number;
  measurementDates: string[];
  /** The yearly value in kroner when priced; null for an unpriced benefit. */
  plannedYearlyNok: number | null;
  /** The latest measurement (on or before the report's day); null when none yet. */
  latest: LatestMeasurement | null;
  /** Null when unpriced or not measured yet; see `realisedYearlyNok`. */
  realisedYearlyNok: number | null;
}

export interface BenefitTotals {
  benefits: number;
  met: number;
  notMet: number;
  notMeasured: number;
  /** The yearly value of the priced benefits. */
  plannedYearlyNok: number;
  /** What of it is realised, by `realisedYearlyNok`; a benefit not measured yet counts 0. */
  realisedYearlyNok: number;
}

export interface BenefitsReport {
  kind: 'benefits';
  /** Measurements after this day are left out. */
  asOf: string;
  benefits: BenefitStatus[];
  byProject: (BenefitTotals & { projectId: string; reference: string; title: string; processId: string; processName: string })[];
  byProcess: (BenefitTotals & { processId: string; processName: string })[];
  /**
   * Per year of the plans' measurement dates: the benefits due to be measured that year (each
   * once), judged by their latest measurement that answers a date of that year.
   */
  byYear: (BenefitTotals & { year: number })[];
  totals: BenefitTotals;
}

/**
 * The kroner a priced benefit realises each year: its planned yearly value times the share of the
 * way from baseline to target its latest measurement has come, the share capped between 0 and 1.
 * The plan priced reaching the target, so going beyond it counts no more than the plan, and going
 * the wrong way realises nothing (the loss shows in the share and the deviation, not as a cost).
 */
export function realisedYearlyNok(yearlyValueNok: number, share: number): number {
  return Math.round(yearlyValueNok * Math.min(1, Math.max(0, share)));
}

function latestOf(benefit: Benefit, measurements: readonly MeasurementRow[]): LatestMeasurement | null {
  let latest: MeasurementRow | null = null;
  for (const m of measurements) {
    if (m.benefitId !== benefit.id) continue;
    if (!latest || m.measuredOn > latest.measuredOn || (m.measuredOn === latest.measuredOn && m.recordedAt > latest.recordedAt)) latest = m;
  }
  if (!latest) return null;
  return { value: latest.value, measuredOn: latest.measuredOn, meetsTarget: meetsTarget(benefit, latest.value), shareOfTarget: shareOfTarget(benefit, latest.value) };
}

function statusOf(project: ProjectBenefitsRow, benefit: Benefit, measurements: readonly MeasurementRow[]): BenefitStatus {
  const latest = latestOf(benefit, measurements);
  const planned = benefit.priced ? (benefit.yearlyValueNok ?? 0) : null;
  return {
    projectId: project.projectId,
    projectReference: project.reference,
    projectTitle: project.title,
    processId: project.process.id,
    processName: project.process.name,
    benefitId: benefit.id,
    title: benefit.title,
    kind: benefit.kind,
    kindLabel: BENEFIT_KIND_NAMES[benefit.kind],
    indicator: benefit.indicator,
    unit: benefit.unit,
    baseline: benefit.baseline,
    target: benefit.target,
    measurementDates: [...benefit.measurementDates].sort(),
    plannedYearlyNok: planned,
    latest,
    realisedYearlyNok: planned !== null && latest ? realisedYearlyNok(planned, latest.shareOfTarget) : null,
  };
}

export function benefitTotals(statuses: readonly BenefitStatus[]): BenefitTotals {
  return {
    benefits: statuses.length,
    met: statuses.filter((s) => s.latest?.meetsTarget === true).length,
    notMet: statuses.filter((s) => s.latest?.meetsTarget === false).length,
    notMeasured: statuses.filter((s) => s.latest === null).length,
    plannedYearlyNok: statuses.reduce((sum, s) => sum + (s.plannedYearlyNok ?? 0), 0),
    realisedYearlyNok: statuses.reduce((sum, s) => sum + (s.realisedYearlyNok ?? 0), 0),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'nb');

/** Planned against realised benefits, per benefit, project, process and year, as of `asOf`. */
export function benefitsReport(projects: readonly ProjectBenefitsRow[], asOf: string): BenefitsReport {
  const sorted = [...projects].sort((a, b) => byText(a.reference, b.reference));
  const benefits: BenefitStatus[] = [];
  const yearly: (BenefitStatus & { year: number })[] = [];
  for (const project of sorted) {
    const measured = project.measurements.filter((m) => m.measuredOn <= asOf);
    for (const benefit of project.benefits) {
      benefits.push(statusOf(project, benefit, measured));
      const years = new Set(benefit.measurementDates.map((d) => Number(d.slice(0, 4))));
      for (const year of years) {
        const answering = measured.filter((m) => Number(m.dueOn.slice(0, 4)) === year);
        yearly.push({ ...statusOf(project, benefit, answering), year });
      }
    }
  }
  const byProject = [...groupBy(benefits, (s) => s.projectId).values()].map((group) => ({
    projectId: group[0]!.projectId,
    reference: group[0]!.projectReference,
    title: group[0]!.projectTitle,
    processId: group[0]!.processId,
    processName: group[0]!.processName,
    ...benefitTotals(group),
  }));
  const byProcess = [...groupBy(benefits, (s) => s.processId).values()]
    .map((group) => ({ processId: group[0]!.processId, processName: group[0]!.processName, ...benefitTotals(group) }))
    .sort((a, b) => byText(a.processName, b.processName));
  const byYear = [...groupBy(yearly, (s) => String(s.year)).values()].map((group) => ({ year: group[0]!.year, ...benefitTotals(group) })).sort((a, b) => a.year - b.year);
  return { kind: 'benefits', asOf, benefits, byProject, byProcess, byYear, totals: benefitTotals(benefits) };
}

export const BENEFIT_GROUPINGS = ['project', 'process', 'year'] as const;
export type BenefitGrouping = (typeof BENEFIT_GROUPINGS)[number];

/** One line of planned against realised benefits. What is not part of the grouping is null; a project's line names its process too. */
export interface BenefitGroup extends BenefitTotals {
  projectId: string | null;
  projectReference: string | null;
  projectTitle: string | null;
  processId: string | null;
  processName: string | null;
  year: number | null;
}

export interface BenefitGroupsReport {
  kind: 'benefitGroups';
  asOf: string;
  groupBy: BenefitGrouping;
  groups: BenefitGroup[];
  /** Every benefit once, by its latest measurement: with groupBy year the lines can add up to more, as a benefit is due in several years. */
  totals: BenefitTotals;
}

const NO_GROUP = { projectId: null, projectReference: null, projectTitle: null, processId: null, processName: null, year: null } as const;

/** The benefits report as lines per project, process or year; `year` keeps only that year's line when grouping by year. */
export function groupBenefits(report: BenefitsReport, groupBy: BenefitGrouping, year?: number): BenefitGroupsReport {
  const totalsOf = (t: BenefitTotals): BenefitTotals => ({
    benefits: t.benefits,
    met: t.met,
    notMet: t.notMet,
    notMeasured: t.notMeasured,
    plannedYearlyNok: t.plannedYearlyNok,
    realisedYearlyNok: t.realisedYearlyNok,
  });
  let groups: BenefitGroup[];
  switch (groupBy) {
    case 'project':
      groups = report.byProject.map((p) => ({ ...NO_GROUP, projectId: p.projectId, projectReference: p.reference, projectTitle: p.title, processId: p.processId, processName: p.processName, ...totalsOf(p) }));
      break;
    case 'process':
      groups = report.byProcess.map((p) => ({ ...NO_GROUP, processId: p.processId, processName: p.processName, ...totalsOf(p) }));
      break;
    case 'year':
      groups = report.byYear.filter((y) => year === undefined || y.year === year).map((y) => ({ ...NO_GROUP, year: y.year, ...totalsOf(y) }));
      break;
  }
  return { kind: 'benefitGroups', asOf: report.asOf, groupBy, groups, totals: report.totals };
}

// ── (b) Projects by phase ──────────────────────────────────────────────────────────────────────

/** Where a project stands: waiting for its team, in a phase, or ended. */
export type ProjectStage = 'awaitingTeam' | Phase | 'closed' | 'stopped';
export const PROJECT_STAGES: readonly ProjectStage[] = ['awaitingTeam', 'concept', 'planning', 'execution', 'closure', 'closed', 'stopped'];
export const PROJECT_STAGE_NAMES: Readonly<Record<ProjectStage, Label>> = {
  awaitingTeam: { nb: 'Venter på prosjekteier og prosjektleder', en: 'Awaiting project owner and manager' },
  concept: { nb: 'Konsept', en: 'Concept' },
  planning: { nb: 'Planlegging', en: 'Planning' },
  execution: { nb: 'Gjennomføring', en: 'Execution' },
  closure: { nb: 'Avslutning', en: 'Closure' },
  closed: { nb: 'Avsluttet, gevinstoppfølging', en: 'Closed, benefits follow-up' },
  stopped: { nb: 'Stanset', en: 'Stopped' },
};

/** A closed project's benefits follow-up: measuring, or concluded at BP6. */
export type FollowUpStatus = 'running' | 'concluded';
export const FOLLOW_UP_NAMES: Readonly<Record<FollowUpStatus, Label>> = {
  running: { nb: 'Pågår', en: 'Running' },
  concluded: { nb: 'Avsluttet (BP6)', en: 'Concluded (BP6)' },
};

/** A project as the table `project` holds it. */
export interface ProjectStatusRow {
  id: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  /** The phase while it runs; null before the team is appointed and after it ended. */
  phase: Phase | null;
  /** How it ended (passed BP5, or STOP); null while it runs. */
  ended: 'closed' | 'stopped' | null;
  onHold: boolean;
  /** The planned date of the gate ahead. */
  plannedGateOn: string | null;
  /** Its benefits follow-up (benefits_followup), once BP5 has started one; none before. */
  followUp?: FollowUpStatus | null;
}

export interface ProjectStatusLine {
  projectId: string;
  reference: string;
  title: string;
  processId: string;
  processName: string;
  stage: ProjectStage;
  stageLabel: Label;
  /** The gate ahead; null once the project has ended. */
  nextGate: Gate | null;
  plannedGateOn: string | null;
  /** The gate ahead was planned before today and is not decided yet. */
  late: boolean;
  onHold: boolean;
  followUp: FollowUpStatus | null;
}

export interface ProjectsByPhaseReport {
  kind: 'projectsByPhase';
  today: string;
  projects: ProjectStatusLine[];
  /** Every stage, in the order a project goes through them, with none where none are. */
  byStage: { stage: ProjectStage; label: Label; projects: number; late: number; onHold: number }[];
}

export function projectStage(project: Pick<ProjectStatusRow, 'phase' | 'ended'>): ProjectStage {
  return project.ended ?? project.phase ?? 'awaitingTeam';
}

/**
 * Projects by where they stand, each with the gate ahead and its planned date. A project is late
 * when the gate ahead was planned before today: it is still ahead, so not decided (a RECYCLE keeps
 * it ahead). A project on hold is shown as such, and late too if its date has passed.
 */
export function projectsByPhase(projects: readonly ProjectStatusRow[], today: string): ProjectsByPhaseReport {
  const lines = projects.map((p): ProjectStatusLine => {
    const stage = projectStage(p);
    const running = p.ended === null;
    const nextGate = !running ? null : p.phase ? GATE_OF_PHASE[p.phase] : 'BP2';
    const plannedGateOn = running ? p.plannedGateOn : null;
    return {
      projectId: p.id,
      reference: p.reference,
      title: p.title,
      processId: p.process.id,
      processName: p.process.name,
      stage,
      stageLabel: PROJECT_STAGE_NAMES[stage],
      nextGate,
      plannedGateOn,
      late: plannedGateOn !== null && plannedGateOn < today,
      onHold: running && p.onHold,
      followUp: p.followUp ?? null,
    };
  });
  lines.sort((a, b) => PROJECT_STAGES.indexOf(a.stage) - PROJECT_STAGES.indexOf(b.stage) || (a.plannedGateOn ?? '9999').localeCompare(b.plannedGateOn ?? '9999') || byText(a.reference, b.reference));
  const byStage = PROJECT_STAGES.map((stage) => {
    const inStage = lines.filter((l) => l.stage === stage);
    return { stage, label: PROJECT_STAGE_NAMES[stage], projects: inStage.length, late: inStage.filter((l) => l.late).length, onHold: inStage.filter((l) => l.onHold).length };
  });
  return { kind: 'projectsByPhase', today, projects: lines, byStage };
}

// ── (c) The rector's annual report to the board ────────────────────────────────────────────────

/** An event in a case's log: its type, when, and the state it led to. */
export interface CaseEventRow {
  type: string;
  occurredAt: string;
  to: string;
}

export interface AnnualCaseRow {
  id: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  /** The state now, and its label. */
  state: string;
  stateLabel: Label;
  /** The case's log, in order (the report sorts it again by time). */
  events: readonly CaseEventRow[];
}

/** A case is reported when it first reaches this state: the line manager submits or endorses it. */
export const REPORTED_STATE = 'submitted';
/** A local improvement is completed when it reaches this state. */
export const IMPLEMENTED_STATE = 'implemented';

/**
 * The decision on a report: the process responsible's answer at triage, which is the first of these
 * after the case was reported. Every later decision (the process owner's proposal, the round's
 * priority) follows an escalation, so the first answer is what the reporter waits for. A question
 * to the reporter is not a decision (the time they take to answer counts), and a withdrawal is
 * not one either: a case withdrawn before its decision has no lead time.
 */
export const DECISION_EVENTS = ['REJECT', 'MERGE_INTO', 'ACCEPT_LOCAL', 'ESCALATE'] as const;
export type DecisionEvent = (typeof DECISION_EVENTS)[number];
export const DECISION_NAMES: Readonly<Record<DecisionEvent, Label>> = {
  REJECT: { nb: 'Avvist', en: 'Rejected' },
  MERGE_INTO: { nb: 'Slått sammen med en annen sak', en: 'Merged into another case' },
  ACCEPT_LOCAL: { nb: 'Tatt inn som lokal forbedring', en: 'Accepted as a local improvement' },
  ESCALATE: { nb: 'Sendt til prosesseier', en: 'Escalated to the process owner' },
};

export interface AnnualReportInput {
  year: number;
  /** The day the report is made (Europe/Oslo): projects are shown as they stand on it. */
  today: string;
  generatedAt: Date | string;
  /** Every case reported, decided or completed in the year (others are left out). */
  cases: readonly AnnualCaseRow[];
  projects: readonly ProjectStatusRow[];
  benefits: readonly ProjectBenefitsRow[];
}

export interface LeadTimes {
  decisions: number;
  /** Calendar days from the day the case was reported to the day of its decision (Europe/Oslo). */
  medianDays: number | null;
  meanDays: number | null;
}

export interface AnnualReport {
  kind: 'annual';
  year: number;
  generatedAt: string;
  /** The cases reported in the year, by the state they are in now and by process. */
  cases: {
    reported: number;
    byState: { state: string; label: Label; cases: number }[];
    byProcess: { processId: string; processName: string; reported: number; decided: number; localImprovementsCompleted: number }[];
  };
  /** Lead time from report to decision, for the decisions taken in the year (the case may have been reported earlier). */
  leadTimes: LeadTimes & { byDecision: (LeadTimes & { decision: DecisionEvent; label: Label })[] };
  localImprovements: { caseId: string; reference: string; title: string; processName: string; completedOn: string }[];
  projects: ProjectsByPhaseReport;
  /** Benefits as of the year's last day (or today, if earlier): the year's measurement dates, and every benefit. */
  benefits: { inYear: BenefitTotals; report: BenefitsReport };
}

const dayOf = (at: string) => osloDay(new Date(at));
const yearOf = (day: string) => Number(day.slice(0, 4));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function leadTimes(days: readonly number[]): LeadTimes {
  if (days.length === 0) return { decisions: 0, medianDays: null, meanDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return { decisions: sorted.length, medianDays: median, meanDays: Math.round(mean * 10) / 10 };
}

interface CaseMilestones {
  reportedOn: string | null;
  decision: { type: DecisionEvent; on: string } | null;
  completedOn: string | null;
}

function milestonesOf(c: AnnualCaseRow): CaseMilestones {
  const events = [...c.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const reportedAt = events.findIndex((e) => e.to === REPORTED_STATE);
  const decision = reportedAt === -1 ? undefined : events.slice(reportedAt + 1).find((e) => (DECISION_EVENTS as readonly string[]).includes(e.type));
  const completed = events.find((e) => e.to === IMPLEMENTED_STATE);
  return {
    reportedOn: reportedAt === -1 ? null : dayOf(events[reportedAt]!.occurredAt),
    decision: decision ? { type: decision.type as DecisionEvent, on: dayOf(decision.occurredAt) } : null,
    completedOn: completed ? dayOf(completed.occurredAt) : null,
  };
}

function withoutYear(totals: (BenefitTotals & { year: number }) | undefined): BenefitTotals {
  if (!totals) return benefitTotals([]);
  const { year: _year, ...rest } = totals;
  return rest;
}

export function annualReport(input: AnnualReportInput): AnnualReport {
  const { year } = input;
  const cases = input.cases.map((c) => ({ c, m: milestonesOf(c) }));
  const reported = cases.filter(({ m }) => m.reportedOn !== null && yearOf(m.reportedOn) === year);
  const decided = cases.filter(({ m }) => m.decision !== null && m.reportedOn !== null && yearOf(m.decision.on) === year);
  const completed = cases.filter(({ m }) => m.completedOn !== null && yearOf(m.completedOn) === year);

  const byState = [...groupBy(reported, ({ c }) => c.state).values()]
    .map((group) => ({ state: group[0]!.c.state, label: group[0]!.c.stateLabel, cases: group.length }))
    .sort((a, b) => b.cases - a.cases || byText(a.label.nb, b.label.nb));

  const processes = new Map<string, AnnualReport['cases']['byProcess'][number]>();
  const processRow = (c: AnnualCaseRow) => {
    let row = processes.get(c.process.id);
    if (!row) processes.set(c.process.id, (row = { processId: c.process.id, processName: c.process.name, reported: 0, decided: 0, localImprovementsCompleted: 0 }));
    return row;
  };
  for (const { c } of reported) processRow(c).reported += 1;
  for (const { c } of decided) processRow(c).decided += 1;
  for (const { c } of completed) processRow(c).localImprovementsCompleted += 1;

  const days = decided.map(({ m }) => ({ type: m.decision!.type, days: daysBetween(m.reportedOn!, m.decision!.on) }));
  const asOf = input.today < `${year}-12-31` ? input.today : `${year}-12-31`;
  const benefits = benefitsReport(input.benefits, asOf);

  return {
    kind: 'annual',
    year,
    generatedAt: new Date(input.generatedAt).toISOString(),
    cases: { reported: reported.length, byState, byProcess: [...processes.values()].sort((a, b) => byText(a.processName, b.processName)) },
    leadTimes: {
      ...leadTimes(days.map((d) => d.days)),
      byDecision: DECISION_EVENTS.map((decision) => ({ decision, label: DECISION_NAMES[decision], ...leadTimes(days.filter((d) => d.type === decision).map((d) => d.days)) })),
    },
    localImprovements: completed
      .map(({ c, m }) => ({ caseId: c.id, reference: c.reference, title: c.title, processName: c.process.name, completedOn: m.completedOn! }))
      .sort((a, b) => a.completedOn.localeCompare(b.completedOn) || byText(a.reference, b.reference)),
    projects: projectsByPhase(input.projects, input.today),
    benefits: { inYear: withoutYear(benefits.byYear.find((y) => y.year === year)), report: benefits },
  };
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────────

/** A row of cells as csvDocument (#flyt/documents) takes them: text, a number, or empty (null). */
export type CsvRow = CsvCell[];

const yesNo = (value: boolean, locale: Locale) => (locale === 'nb' ? (value ? 'Ja' : 'Nei') : value ? 'Yes' : 'No');
const pick = (label: Label, locale: Locale) => label[locale];
const round2 = (n: number) => Math.round(n * 100) / 100;

function benefitsCsv(report: BenefitsReport, locale: Locale): CsvRow[] {
  const nb = locale === 'nb';
  const header: CsvRow = nb
    ? ['Prosjekt', 'Prosjekttittel', 'Prosess', 'Gevinst', 'Type', 'Indikator', 'Enhet', 'Nullpunkt', 'Mål', 'Måletidspunkter', 'Siste måling', 'Målt verdi', 'Nådd mål', 'Andel av veien til målet', 'Planlagt per år (kr)', 'Realisert per år (kr)']
    : ['Project', 'Project title', 'Process', 'Benefit', 'Kind', 'Indicator', 'Unit', 'Baseline', 'Target', 'Measurement dates', 'Latest measurement', 'Measured value', 'Target met', 'Share of the way to the target', 'Planned per year (NOK)', 'Realised per year (NOK)'];
  return [
    header,
    ...report.benefits.map((s): CsvRow => [
      s.projectReference,
      s.projectTitle,
      s.processName,
      s.title,
      pick(s.kindLabel, locale),
      s.indicator,
      s.unit,
      s.baseline,
      s.target,
      s.measurementDates.join(', '),
      s.latest?.measuredOn ?? null,
      s.latest?.value ?? null,
      s.latest ? yesNo(s.latest.meetsTarget, locale) : null,
      s.latest ? round2(s.latest.shareOfTarget) : null,
      s.plannedYearlyNok,
      s.realisedYearlyNok,
    ]),
  ];
}

function projectsCsv(report: ProjectsByPhaseReport, locale: Locale): CsvRow[] {
  const header: CsvRow =
    locale === 'nb'
      ? ['Prosjekt', 'Tittel', 'Prosess', 'Fase', 'Neste beslutningspunkt', 'Planlagt dato', 'Forsinket', 'Satt på vent', 'Gevinstoppfølging']
      : ['Project', 'Title', 'Process', 'Phase', 'Next gate', 'Planned date', 'Late', 'On hold', 'Benefits follow-up'];
  return [
    header,
    ...report.projects.map((p): CsvRow => [
      p.reference,
      p.title,
      p.processName,
      pick(p.stageLabel, locale),
      p.nextGate,
      p.plannedGateOn,
      yesNo(p.late, locale),
      yesNo(p.onHold, locale),
      p.followUp ? pick(FOLLOW_UP_NAMES[p.followUp], locale) : null,
    ]),
  ];
}

function benefitGroupsCsv(report: BenefitGroupsReport, locale: Locale): CsvRow[] {
  const w = (key: keyof typeof ANNUAL_REPORT_WORDS) => ANNUAL_REPORT_WORDS[key][locale];
  const leading: Record<BenefitGrouping, { header: string[]; cells: (g: BenefitGroup) => CsvRow }> = {
    project: { header: [w('project'), w('projectTitle'), w('process')], cells: (g) => [g.projectReference, g.projectTitle, g.processName] },
    process: { header: [w('process')], cells: (g) => [g.processName] },
    year: { header: [w('year')], cells: (g) => [g.year] },
  };
  const { header, cells } = leading[report.groupBy];
  const figures = (t: BenefitTotals): CsvRow => [t.benefits, t.met, t.notMet, t.notMeasured, t.plannedYearlyNok, t.realisedYearlyNok];
  // The last line is every benefit once, so a spreadsheet's own sum of a year column is not mistaken for it.
  const total: CsvRow = [w('allBenefits'), ...header.slice(1).map(() => null), ...figures(report.totals)];
  return [
    [...header, w('benefitCount'), w('met'), w('notMet'), w('notMeasured'), w('plannedNok'), w('realisedNok')],
    ...report.groups.map((g) => [...cells(g), ...figures(g)]),
    total,
  ];
}

/** Words of the annual report, in both languages; the PDF uses them too. */
export const ANNUAL_REPORT_WORDS = {
  title: { nb: 'Rektors årsrapport til styret', en: "The rector's annual report to the board" },
  subtitle: { nb: 'Forbedringssaker, prosjekter og gevinster', en: 'Improvement cases, projects and benefits' },
  cases: { nb: 'Forbedringssaker meldt inn i året', en: 'Improvement cases reported in the year' },
  reported: { nb: 'Meldt inn', en: 'Reported' },
  byState: { nb: 'Etter status nå', en: 'By state now' },
  byProcess: { nb: 'Etter prosess', en: 'By process' },
  decided: { nb: 'Besluttet', en: 'Decided' },
  localCompleted: { nb: 'Lokale forbedringer fullført', en: 'Local improvements completed' },
  leadTimes: { nb: 'Tid fra innmelding til beslutning', en: 'Time from report to decision' },
  leadTimesNote: {
    nb: 'Kalenderdager fra saken ble meldt inn til prosessansvarligs første beslutning (avvist, slått sammen, tatt inn som lokal forbedring eller sendt til prosesseier), for beslutninger tatt i året.',
    en: "Calendar days from the day a case was reported to the process responsible's first decision (rejected, merged, accepted as a local improvement or escalated to the process owner), for decisions taken in the year.",
  },
  allDecisions: { nb: 'Alle beslutninger', en: 'All decisions' },
  decisions: { nb: 'Beslutninger', en: 'Decisions' },
  medianDays: { nb: 'Median (dager)', en: 'Median (days)' },
  meanDays: { nb: 'Gjennomsnitt (dager)', en: 'Mean (days)' },
  localImprovements: { nb: 'Lokale forbedringer fullført i året', en: 'Local improvements completed in the year' },
  completedOn: { nb: 'Fullført', en: 'Completed' },
  projects: { nb: 'Prosjekter etter fase', en: 'Projects by phase' },
  late: { nb: 'Forsinket', en: 'Late' },
  onHold: { nb: 'Satt på vent', en: 'On hold' },
  benefits: { nb: 'Planlagte og realiserte gevinster', en: 'Planned and realised benefits' },
  benefitsInYear: { nb: 'Gevinster med måletidspunkt i året', en: 'Benefits with a measurement date in the year' },
  allBenefits: { nb: 'Alle gevinster, siste måling', en: 'All benefits, latest measurement' },
  benefitCount: { nb: 'Gevinster', en: 'Benefits' },
  met: { nb: 'Nådd mål', en: 'Target met' },
  notMet: { nb: 'Ikke nådd', en: 'Not met' },
  notMeasured: { nb: 'Ikke målt ennå', en: 'Not measured yet' },
  plannedNok: { nb: 'Planlagt per år (kr)', en: 'Planned per year (NOK)' },
  realisedNok: { nb: 'Realisert per år (kr)', en: 'Realised per year (NOK)' },
  realisedNote: {
    nb: 'Realisert verdi for en prissatt gevinst er planlagt verdi per år ganget med hvor langt siste måling har kommet fra nullpunktet mot målet, høyst hele veien og minst ingenting. En gevinst som ikke er målt ennå, teller null.',
    en: 'The realised value of a priced benefit is its planned value per year times how far its latest measurement has come from the baseline towards the target, at most all the way and at least none. A benefit not measured yet counts nothing.',
  },
  project: { nb: 'Prosjekt', en: 'Project' },
  process: { nb: 'Prosess', en: 'Process' },
  phase: { nb: 'Fase', en: 'Phase' },
  nextGate: { nb: 'Neste beslutningspunkt', en: 'Next gate' },
  plannedOn: { nb: 'Planlagt', en: 'Planned' },
  none: { nb: 'Ingen', en: 'None' },
  section: { nb: 'Del', en: 'Section' },
  item: { nb: 'Element', en: 'Item' },
  measure: { nb: 'Mål', en: 'Measure' },
  value: { nb: 'Verdi', en: 'Value' },
  state: { nb: 'Status', en: 'State' },
  projectTitle: { nb: 'Prosjekttittel', en: 'Project title' },
  year: { nb: 'År', en: 'Year' },
} as const satisfies Record<string, Label>;

function annualCsv(report: AnnualReport, locale: Locale): CsvRow[] {
  const w = (key: keyof typeof ANNUAL_REPORT_WORDS) => ANNUAL_REPORT_WORDS[key][locale];
  // One table in long form (section, item, measure, value), so a spreadsheet can pivot it.
  const rows: CsvRow[] = [[w('section'), w('item'), w('measure'), w('value')]];
  const add = (section: string, item: string, measure: string, value: string | number | null) => rows.push([section, item, measure, value]);
  add(w('cases'), String(report.year), w('reported'), report.cases.reported);
  for (const s of report.cases.byState) add(w('byState'), pick(s.label, locale), w('reported'), s.cases);
  for (const p of report.cases.byProcess) {
    add(w('byProcess'), p.processName, w('reported'), p.reported);
    add(w('byProcess'), p.processName, w('decided'), p.decided);
    add(w('byProcess'), p.processName, w('localCompleted'), p.localImprovementsCompleted);
  }
  const times = (item: string, t: LeadTimes) => {
    add(w('leadTimes'), item, w('decisions'), t.decisions);
    add(w('leadTimes'), item, w('medianDays'), t.medianDays);
    add(w('leadTimes'), item, w('meanDays'), t.meanDays);
  };
  times(w('allDecisions'), report.leadTimes);
  for (const d of report.leadTimes.byDecision) times(pick(d.label, locale), d);
  for (const l of report.localImprovements) add(w('localImprovements'), `${l.reference} ${l.title}`, w('completedOn'), l.completedOn);
  for (const s of report.projects.byStage) {
    add(w('projects'), pick(s.label, locale), w('project'), s.projects);
    add(w('projects'), pick(s.label, locale), w('late'), s.late);
    add(w('projects'), pick(s.label, locale), w('onHold'), s.onHold);
  }
  const totals = (item: string, t: BenefitTotals) => {
    add(w('benefits'), item, w('benefitCount'), t.benefits);
    add(w('benefits'), item, w('met'), t.met);
    add(w('benefits'), item, w('notMet'), t.notMet);
    add(w('benefits'), item, w('notMeasured'), t.notMeasured);
    add(w('benefits'), item, w('plannedNok'), t.plannedYearlyNok);
    add(w('benefits'), item, w('realisedNok'), t.realisedYearlyNok);
  };
  totals(w('benefitsInYear'), report.benefits.inYear);
  for (const p of report.benefits.report.byProject) totals(`${p.reference} ${p.title}`, p);
  return rows;
}

/**
 * A report as rows for a spreadsheet, header first, in one language. Numbers stay numbers: the
 * CSV writer formats them as Norwegian Excel reads them.
 */
export function toCsvRows(report: BenefitsReport | BenefitGroupsReport | ProjectsByPhaseReport | AnnualReport, locale: Locale = 'nb'): CsvRow[] {
  switch (report.kind) {
    case 'benefits':
      return benefitsCsv(report, locale);
    case 'benefitGroups':
      return benefitGroupsCsv(report, locale);
    case 'projectsByPhase':
      return projectsCsv(report, locale);
    case 'annual':
      return annualCsv(report, locale);
  }
}

/** A report as the CSV file Norwegian Excel opens (csvDocument: byte order mark, semicolons, decimal comma). */
export function toCsv(report: BenefitsReport | BenefitGroupsReport | ProjectsByPhaseReport | AnnualReport, locale: Locale = 'nb'): string {
  return csvDocument(toCsvRows(report, locale));
}
