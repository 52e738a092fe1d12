import { z } from 'zod';
import { queryInteger } from '#flyt/http';
import { GATES } from '#workflows/project/project.events';
import { BENEFIT_KINDS } from './domain/artefacts.js';
import { BENEFIT_GROUPINGS, DECISION_EVENTS, PROJECT_STAGES } from './domain/reports.js';

const LABEL = z.object({ nb: z.string(), en: z.string() });
const DAY = z.iso.date();
const LANGUAGE = z.enum(['nb', 'en'], { error: 'must be nb or en' }).default('nb').describe('The language of the file: nb (bokmål, the default) or en');
const YEAR = queryInteger(2000, 2100);

/** The year of an annual report, from the path. */
export const REPORT_YEAR_PARAMS = z.object({ year: YEAR.describe('The calendar year (Europe/Oslo), 2000–2100') });
export type ReportYearParams = z.infer<typeof REPORT_YEAR_PARAMS>;

export const BENEFITS_QUERY = z.object({
  groupBy: z
    .enum(BENEFIT_GROUPINGS, { error: `must be one of ${BENEFIT_GROUPINGS.join(', ')}` })
    .default('project')
    .describe('One line per project (the default), per process, or per year of the plans’ measurement dates'),
  year: YEAR.optional().describe(
    'The figures as they stood at the end of this year (today, if it has not ended): later measurements are left out; grouped by year, only this year’s line',
  ),
});
export type BenefitsQuery = z.infer<typeof BENEFITS_QUERY>;

export const BENEFITS_FILE_QUERY = BENEFITS_QUERY.extend({ lang: LANGUAGE });
export type BenefitsFileQuery = z.infer<typeof BENEFITS_FILE_QUERY>;

export const REPORT_FILE_QUERY = z.object({ lang: LANGUAGE });
export type ReportFileQuery = z.infer<typeof REPORT_FILE_QUERY>;

const TOTALS = {
  benefits: z.number().int(),
  met: z.number().int().describe('Latest measurement meets the target'),
  notMet: z.number().int(),
  notMeasured: z.number().int(),
  plannedYearlyNok: z.number().describe('The yearly value of the priced benefits, in kroner'),
  realisedYearlyNok: z.number().describe('Planned yearly value times the share of the way from baseline to target the latest measurement reached (0–1); not measured: 0'),
};
const BENEFIT_TOTALS = z.object(TOTALS);

const BENEFIT_STATUS = z.object({
  projectId: z.uuid(),
  projectReference: z.string(),
  projectTitle: z.string(),
  processId: z.uuid(),
  processName: z.string(),
  benefitId: z.uuid(),
  title: z.string(),
  kind: z.enum(BENEFIT_KINDS),
  kindLabel: LABEL,
  indicator: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  measurementDates: z.array(DAY),
  plannedYearlyNok: z.number().nullable().describe('Null for an unpriced benefit'),
  latest: z
    .object({ value: z.number(), measuredOn: DAY, meetsTarget: z.boolean(), shareOfTarget: z.number().describe('0 at the baseline, 1 at the target; not capped') })
    .nullable()
    .describe('The latest measurement up to the report’s day; null when none yet'),
  realisedYearlyNok: z.number().nullable().describe('Null when unpriced or not measured yet'),
});

const BENEFIT_GROUP = z.object({
  projectId: z.uuid().nullable(),
  projectReference: z.string().nullable(),
  projectTitle: z.string().nullable(),
  processId: z.uuid().nullable(),
  processName: z.string().nullable(),
  year: z.number().int().nullable(),
  ...TOTALS,
});

export const BENEFITS_REPORT = z
  .object({
    kind: z.literal('benefitGroups'),
    asOf: DAY.describe('Measurements after this day are left out'),
    year: z.number().int().nullable().describe('The year asked for, if any'),
    groupBy: z.enum(BENEFIT_GROUPINGS),
    groups: z.array(BENEFIT_GROUP).describe('One line per project, process or year; what is not part of the grouping is null (a project’s line names its process)'),
    totals: BENEFIT_TOTALS.describe('Every benefit once, by its latest measurement; grouped by year the lines can add up to more, as a benefit is due in several years'),
    benefits: z.array(BENEFIT_STATUS).describe('Every benefit of the plans, with its latest measurement'),
  })
  .meta({ id: 'BenefitsReport' });

const PROJECT_LINE = z.object({
  projectId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  processId: z.uuid(),
  processName: z.string(),
  stage: z.enum(PROJECT_STAGES).describe('awaitingTeam, a phase (concept, planning, execution, closure), closed or stopped'),
  stageLabel: LABEL,
  nextGate: z.enum(GATES).nullable().describe('The gate ahead; null once the project has ended'),
  plannedGateOn: DAY.nullable(),
  late: z.boolean().describe('The gate ahead was planned before today and is not decided'),
  onHold: z.boolean(),
  followUp: z.enum(['running', 'concluded']).nullable().describe('The benefits follow-up BP5 started: running, or concluded at BP6'),
});

const PROJECTS_BY_PHASE = {
  kind: z.literal('projectsByPhase'),
  today: DAY,
  projects: z.array(PROJECT_LINE).describe('In the order a project goes through the stages, the earliest gate date first'),
  byStage: z
    .array(z.object({ stage: z.enum(PROJECT_STAGES), label: LABEL, projects: z.number().int(), late: z.number().int(), onHold: z.number().int() }))
    .describe('Every stage, with none where none are'),
};

export const PROJECTS_REPORT = z.object(PROJECTS_BY_PHASE).meta({ id: 'ProjectsByPhaseReport' });

const LEAD_TIMES = {
  decisions: z.number().int(),
  medianDays: z.number().nullable().describe('Calendar days (Europe/Oslo); null without decisions'),
  meanDays: z.number().nullable(),
};

export const ANNUAL_REPORT = z
  .object({
    kind: z.literal('annual'),
    year: z.number().int(),
    generatedAt: z.iso.datetime(),
    cases: z.object({
      reported: z.number().int().describe('Cases that first reached `submitted` in the year'),
      byState: z.array(z.object({ state: z.string(), label: LABEL, cases: z.number().int() })).describe('Those cases by the state they are in now'),
      byProcess: z.array(
        z.object({
          processId: z.uuid(),
          processName: z.string(),
          reported: z.number().int(),
          decided: z.number().int().describe('First decisions after the report taken in the year'),
          localImprovementsCompleted: z.number().int(),
        }),
      ),
    }),
    leadTimes: z
      .object({ ...LEAD_TIMES, byDecision: z.array(z.object({ decision: z.enum(DECISION_EVENTS), label: LABEL, ...LEAD_TIMES })) })
      .describe('From the day a case was reported to the day of its first decision (REJECT, MERGE_INTO, ACCEPT_LOCAL, ESCALATE), for the decisions taken in the year'),
    localImprovements: z
      .array(z.object({ caseId: z.uuid(), reference: z.string(), title: z.string(), processName: z.string(), completedOn: DAY }))
      .describe('Cases that reached `implemented` in the year'),
    projects: z.object(PROJECTS_BY_PHASE).describe('The projects under way in the year or with benefits followed up in it, as they stand today'),
    benefits: z.object({
      inYear: BENEFIT_TOTALS.describe('The benefits due to be measured in the year, by the measurements that answer those dates'),
      report: z
        .object({
          kind: z.literal('benefits'),
          asOf: DAY,
          benefits: z.array(BENEFIT_STATUS),
          byProject: z.array(z.object({ projectId: z.uuid(), reference: z.string(), title: z.string(), processId: z.uuid(), processName: z.string(), ...TOTALS })),
          byProcess: z.array(z.object({ processId: z.uuid(), processName: z.string(), ...TOTALS })),
          byYear: z.array(z.object({ year: z.number().int(), ...TOTALS })),
          totals: BENEFIT_TOTALS,
        })
        .describe('Every benefit as of the year’s last day (or today, if earlier)'),
    }),
  })
  .meta({ id: 'AnnualReport' });
