import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table, Tabs, Tag } from '@digdir/designsystemet-react';
import { keepPreviousData, useMutation, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, ApiError, download, type Inbox } from '../api/client';
import { useFormat } from '../format';
import { currentLanguage } from '../i18n';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import type { BenefitGroup, BenefitsReport, BenefitTotals, Grouping, ProjectsReport } from './benefits/types';
import { KeyFigures, ProjectLinesTable, ProjectLink, ProjectStagesTable, TotalsCells, TotalsHeaderCells } from './benefits/report-parts';
import { CaptionedTable } from './benefits/table-scroll';
import './benefits/benefits.css';

const GROUPINGS: readonly Grouping[] = ['project', 'process', 'year'];
const VIEWS = ['benefits', 'projects'] as const;
type View = (typeof VIEWS)[number];

/**
 * Benefits (docs/projects.md, "Reports"): the follow-ups waiting for the signed-in person, and for
 * those who read the reports (process owners for their processes; the programme, the rector and
 * admins for all) planned against realised benefits per project, process or year as charts and as
 * a table with the same figures, and the projects by phase; each as CSV. The filters live in the
 * address, so a link, a reload and back and forward keep them.
 */
export function BenefitsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'projects' ? 'projects' : 'benefits';
  const setView = (next: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (next === 'benefits') copy.delete('view');
      else copy.set('view', next);
      return copy;
    });
  const filters = useFilters();
  const report = useQuery({
    queryKey: ['reports', 'benefits', filters.groupBy, filters.year],
    queryFn: () => api<BenefitsReport>(`/api/reports/benefits?${filters.query}`),
    placeholderData: keepPreviousData,
  });
  // Whoever may not read the reports is told so once, without tabs and filters that lead nowhere.
  const forbidden = report.error instanceof ApiError && report.error.status === 403;

  return (
    <>
      <PageHeading>{t('benefits.page.title')}</PageHeading>
      <WaitingForMe />
      {forbidden ? (
        <Alert data-color="info">
          <Paragraph>{t('benefits.report.forbidden')}</Paragraph>
        </Alert>
      ) : (
        <Tabs value={view} onChange={setView} className="report-tabs">
          <Tabs.List aria-label={t('benefits.page.tabs')}>
            {VIEWS.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {t(`benefits.page.tab.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="benefits">{view === 'benefits' && <BenefitsReportView report={report} filters={filters} />}</Tabs.Panel>
          <Tabs.Panel value="projects">{view === 'projects' && <ProjectsReportView />}</Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

/** The benefits report's grouping and year, from the address. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const groupBy: Grouping = GROUPINGS.find((g) => g === params.get('groupBy')) ?? 'project';
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : null;
  const query = new URLSearchParams({ groupBy, ...(year ? { year: String(year) } : {}) }).toString();
  const set = (key: 'groupBy' | 'year', value: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value === '' || (key === 'groupBy' && value === 'project')) copy.delete(key);
      else copy.set(key, value);
      return copy;
    });
  return { groupBy, year, query, set };
}
type Filters = ReturnType<typeof useFilters>;

/** The follow-ups that wait for the signed-in person: a measurement due or late, BP6 to conclude. */
function WaitingForMe() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbox = useQuery({ queryKey: ['inbox', 'follow-ups'], queryFn: () => api<Inbox>('/api/inbox?limit=1') });
  const waiting = (inbox.data?.otherWork ?? []).filter((work) => work.path.startsWith('/follow-ups/'));
  return (
    <section aria-labelledby="waiting-heading">
      <Heading level={2} data-size="sm" id="waiting-heading">
        {t('benefits.page.waitingTitle')}
      </Heading>
      {inbox.isPending && <Loading />}
      {inbox.isError && <LoadError onRetry={() => void inbox.refetch()} />}
      {inbox.data &&
        (waiting.length === 0 ? (
          <Paragraph>{t('benefits.page.waitingNone')}</Paragraph>
        ) : (
          <ul className="waiting-list">
            {waiting.map((work) => (
              <li key={work.instanceId}>
                <Link asChild>
                  <RouterLink to={work.path}>{t('benefits.page.waitingLink', { reference: work.reference, title: work.title })}</RouterLink>
                </Link>
                {': '}
                {format.label(work.task)}
                {work.dueAt && ` (${t('benefits.page.due', { date: format.dateTime(work.dueAt) })})`}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function yearOptions(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 11 }, (_, i) => now - 5 + i);
}

function BenefitsReportView({ report, filters }: { report: UseQueryResult<BenefitsReport>; filters: Filters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { groupBy, year, query, set: setFilter } = filters;
  const csv = useMutation({
    mutationFn: (asOf: string) =>
      download(`/api/reports/benefits/csv?${query}&lang=${currentLanguage()}`, t('benefits.report.csvFile', { grouping: t(`benefits.report.fileGrouping.${groupBy}`), asOf })),
  });

  return (
    <div className="report-view">
      <div className="report-filters" role="group" aria-label={t('benefits.report.filters')}>
        <Field>
          <Label htmlFor="benefits-group-by">{t('benefits.report.groupBy')}</Label>
          <Select id="benefits-group-by" value={groupBy} onChange={(event) => setFilter('groupBy', event.target.value)}>
            {GROUPINGS.map((g) => (
              <Select.Option key={g} value={g}>
                {t(`benefits.report.grouping.${g}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="benefits-year">{t('benefits.report.year')}</Label>
          <Select id="benefits-year" value={year ? String(year) : ''} onChange={(event) => setFilter('year', event.target.value)}>
            <Select.Option value="">{t('benefits.report.today')}</Select.Option>
            {yearOptions().map((y) => (
              <Select.Option key={y} value={String(y)}>
                {String(y)}
              </Select.Option>
            ))}
          </Select>
          <Field.Description>{t('benefits.report.yearHelp')}</Field.Description>
        </Field>
      </div>
      {report.isPending && <Loading />}
      {report.isError && <LoadError onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <Paragraph aria-live="polite" className="report-showing">
            {t('benefits.report.showing', {
              count: report.data.groups.length,
              grouping: t(`benefits.report.grouping.${report.data.groupBy}`).toLowerCase(),
              asOf: format.date(report.data.asOf),
            })}
          </Paragraph>
          <div className="report-actions">
            <Button variant="secondary" onClick={() => csv.mutate(report.data.asOf)} disabled={csv.isPending}>
              {t('benefits.report.csv')}
            </Button>
            <Link asChild>
              <RouterLink to={`/benefits/annual/${year ?? new Date().getFullYear()}`}>{t('benefits.report.annualLink', { year: year ?? new Date().getFullYear() })}</RouterLink>
            </Link>
          </div>
          {csv.isError && (
            <Alert data-color="danger" role="alert">
              {t('benefits.report.downloadFailed')}
            </Alert>
          )}
          <Totals totals={report.data.totals} />
          {report.data.groups.length === 0 ? (
            <Paragraph>{t('benefits.report.empty')}</Paragraph>
          ) : (
            <>
              <Charts groups={report.data.groups} groupBy={report.data.groupBy} />
              <GroupsTable report={report.data} />
            </>
          )}
          {report.data.benefits.length > 0 && <BenefitsTable report={report.data} />}
        </>
      )}
    </div>
  );
}

function groupName(group: BenefitGroup, groupBy: Grouping): string {
  if (groupBy === 'year') return String(group.year ?? '');
  if (groupBy === 'process') return group.processName ?? '';
  return group.projectReference ?? '';
}

/** The key figures: every benefit once, by its latest measurement. */
function Totals({ totals }: { totals: BenefitTotals }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures: [string, string][] = [
    ['plannedNok', format.nok(totals.plannedYearlyNok)],
    ['realisedNok', format.nok(totals.realisedYearlyNok)],
    ['benefits', format.number(totals.benefits)],
    ['met', format.number(totals.met)],
    ['notMet', format.number(totals.notMet)],
    ['notMeasured', format.number(totals.notMeasured)],
  ];
  return (
    <section aria-labelledby="totals-heading">
      <Heading level={2} data-size="sm" id="totals-heading">
        {t('benefits.report.totalsTitle')}
      </Heading>
      <KeyFigures figures={figures.map(([key, value]) => [t(`benefits.report.column.${key}`), value])} />
    </section>
  );
}

// Designsystemet's colours, so the charts follow the theme; each has 3:1 against the background.
const COLOURS = {
  planned: 'var(--ds-color-neutral-text-subtle)',
  realised: 'var(--ds-color-accent-base-default)',
  met: 'var(--ds-color-success-base-default)',
  notMet: 'var(--ds-color-danger-base-default)',
  notMeasured: 'var(--ds-color-neutral-border-strong)',
};

// The legend's words in the text colour: the bars' own colours are too light for text.
const legendText = (value: string) => <span className="chart-legend-text">{value}</span>;

/**
 * Planned against realised kroner, and how the benefits stand against their targets. The charts
 * are a picture for those who see them; the table below holds the same figures for everyone.
 */
function Charts({ groups, groupBy }: { groups: BenefitGroup[]; groupBy: Grouping }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = groups.map((g) => ({
    name: groupName(g, groupBy),
    planned: g.plannedYearlyNok,
    realised: g.realisedYearlyNok,
    met: g.met,
    notMet: g.notMet,
    notMeasured: g.notMeasured,
  }));
  const grouping = t(`benefits.report.grouping.${groupBy}`).toLowerCase();
  const height = Math.max(240, 48 * data.length + 80);
  const compact = (value: number) => new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'nb-NO', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return (
    <section aria-labelledby="charts-heading" className="charts">
      <Heading level={2} data-size="sm" id="charts-heading">
        {t('benefits.report.chartsTitle')}
      </Heading>
      <div className="chart-grid">
        <figure className="chart" aria-labelledby="chart-nok-caption">
          <figcaption id="chart-nok-caption">{t('benefits.report.chartNok', { grouping })}</figcaption>
          <div role="img" aria-label={t('benefits.report.chartNokAlt', { grouping })}>
            <ResponsiveContainer width="100%" height={height}>
              <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} />
                <XAxis type="number" tickFormatter={compact} />
                <YAxis type="category" dataKey="name" width={140} />
                <Tooltip formatter={(value) => format.nok(Number(value))} />
                <Legend formatter={legendText} />
                <Bar dataKey="planned" name={t('benefits.report.column.plannedNok')} isAnimationActive={false} fill={COLOURS.planned} />
                <Bar dataKey="realised" name={t('benefits.report.column.realisedNok')} isAnimationActive={false} fill={COLOURS.realised} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure className="chart" aria-labelledby="chart-count-caption">
          <figcaption id="chart-count-caption">{t('benefits.report.chartCount', { grouping })}</figcaption>
          <div role="img" aria-label={t('benefits.report.chartCountAlt', { grouping })}>
            <ResponsiveContainer width="100%" height={height}>
              <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={140} />
                <Tooltip />
                <Legend formatter={legendText} />
                <Bar dataKey="met" stackId="count" name={t('benefits.report.column.met')} isAnimationActive={false} fill={COLOURS.met} />
                <Bar dataKey="notMet" stackId="count" name={t('benefits.report.column.notMet')} isAnimationActive={false} fill={COLOURS.notMet} />
                <Bar dataKey="notMeasured" stackId="count" name={t('benefits.report.column.notMeasured')} isAnimationActive={false} fill={COLOURS.notMeasured} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
    </section>
  );
}

/** The same figures as the charts, one line per project, process or year, with every benefit once at the foot. */
function GroupsTable({ report }: { report: BenefitsReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = (g: BenefitTotals) => (g.plannedYearlyNok > 0 ? format.percent(g.realisedYearlyNok / g.plannedYearlyNok) : '–');
  const figures = (g: BenefitTotals) => (
    <>
      <TotalsCells totals={g} />
      <Table.Cell className="number">{share(g)}</Table.Cell>
    </>
  );
  const leading: Record<Grouping, string[]> = { project: ['project', 'process'], process: ['process'], year: ['year'] };
  return (
    <section aria-labelledby="groups-heading">
      <Heading level={2} data-size="sm" id="groups-heading">
        {t('benefits.report.tableTitle')}
      </Heading>
      <CaptionedTable caption={t('benefits.report.tableCaption', { grouping: t(`benefits.report.grouping.${report.groupBy}`).toLowerCase(), asOf: format.date(report.asOf) })}>
        <Table.Head>
          <Table.Row>
            {leading[report.groupBy].map((key) => (
              <Table.HeaderCell key={key}>{t(`benefits.report.column.${key}`)}</Table.HeaderCell>
            ))}
            <TotalsHeaderCells />
            <Table.HeaderCell className="number">{t('benefits.report.column.share')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.groups.map((g) => (
            <Table.Row key={`${g.projectId ?? ''}${g.processId ?? ''}${g.year ?? ''}`}>
              {report.groupBy === 'project' && (
                <>
                  <Table.HeaderCell scope="row">
                    <ProjectLink id={g.projectId} reference={g.projectReference} title={g.projectTitle} />
                  </Table.HeaderCell>
                  <Table.Cell>{g.processName}</Table.Cell>
                </>
              )}
              {report.groupBy === 'process' && <Table.HeaderCell scope="row">{g.processName}</Table.HeaderCell>}
              {report.groupBy === 'year' && <Table.HeaderCell scope="row">{String(g.year)}</Table.HeaderCell>}
              {figures(g)}
            </Table.Row>
          ))}
        </Table.Body>
        <Table.Foot>
          <Table.Row>
            <Table.HeaderCell scope="row" colSpan={leading[report.groupBy].length}>
              {t('benefits.report.allBenefits')}
            </Table.HeaderCell>
            {figures(report.totals)}
          </Table.Row>
        </Table.Foot>
      </CaptionedTable>
      {report.groupBy === 'year' && <Paragraph data-size="sm">{t('benefits.report.yearNote')}</Paragraph>}
      <Paragraph data-size="sm">{t('benefits.report.realisedNote')}</Paragraph>
    </section>
  );
}

/** Every benefit of the plans with its latest measurement. */
function BenefitsTable({ report }: { report: BenefitsReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="benefit-lines-heading">
      <Heading level={2} data-size="sm" id="benefit-lines-heading">
        {t('benefits.report.benefitsTitle')}
      </Heading>
      <CaptionedTable caption={t('benefits.report.benefitsCaption', { asOf: format.date(report.asOf) })} size="sm">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('benefits.report.column.benefit')}</Table.HeaderCell>
            <Table.HeaderCell>{t('benefits.report.column.project')}</Table.HeaderCell>
            <Table.HeaderCell>{t('benefits.report.column.kind')}</Table.HeaderCell>
            <Table.HeaderCell>{t('benefits.report.column.goal')}</Table.HeaderCell>
            <Table.HeaderCell>{t('benefits.report.column.latest')}</Table.HeaderCell>
            <Table.HeaderCell>{t('benefits.report.column.status')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('benefits.report.column.shareOfTarget')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('benefits.report.column.plannedNok')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('benefits.report.column.realisedNok')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {report.benefits.map((b) => (
            <Table.Row key={b.benefitId}>
              <Table.HeaderCell scope="row">{b.title}</Table.HeaderCell>
              <Table.Cell>{b.projectReference}</Table.Cell>
              <Table.Cell>{format.label(b.kindLabel)}</Table.Cell>
              <Table.Cell>{t('benefits.report.goal', { baseline: format.number(b.baseline, 2), target: format.number(b.target, 2), unit: b.unit })}</Table.Cell>
              <Table.Cell>
                {b.latest ? t('benefits.report.latest', { value: format.number(b.latest.value, 2), unit: b.unit, date: format.date(b.latest.measuredOn) }) : t('benefits.report.notMeasuredYet')}
              </Table.Cell>
              <Table.Cell>
                {b.latest ? (
                  <Tag data-color={b.latest.meetsTarget ? 'success' : 'warning'}>{b.latest.meetsTarget ? t('benefits.measurement.met') : t('benefits.measurement.notMet')}</Tag>
                ) : (
                  <Tag data-color="neutral">{t('benefits.report.notMeasuredYet')}</Tag>
                )}
              </Table.Cell>
              <Table.Cell className="number">{b.latest ? format.percent(b.latest.shareOfTarget) : '–'}</Table.Cell>
              <Table.Cell className="number">{b.plannedYearlyNok === null ? t('benefits.benefit.notPriced') : format.nok(b.plannedYearlyNok)}</Table.Cell>
              <Table.Cell className="number">{b.realisedYearlyNok === null ? '–' : format.nok(b.realisedYearlyNok)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </CaptionedTable>
    </section>
  );
}

/** Every project by where it stands, the gate ahead and whether it is late, on hold or in follow-up. */
function ProjectsReportView() {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useQuery({ queryKey: ['reports', 'projects'], queryFn: () => api<ProjectsReport>('/api/reports/projects') });
  const csv = useMutation({
    mutationFn: (today: string) => download(`/api/reports/projects/csv?lang=${currentLanguage()}`, t('benefits.projects.csvFile', { today })),
  });
  return (
    <div className="report-view">
      {report.isPending && <Loading />}
      {report.isError && <LoadError onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <div className="report-actions">
            <Button variant="secondary" onClick={() => csv.mutate(report.data.today)} disabled={csv.isPending}>
              {t('benefits.projects.csv')}
            </Button>
          </div>
          {csv.isError && (
            <Alert data-color="danger" role="alert">
              {t('benefits.report.downloadFailed')}
            </Alert>
          )}
          <section aria-labelledby="stages-heading">
            <Heading level={2} data-size="sm" id="stages-heading">
              {t('benefits.projects.stagesTitle')}
            </Heading>
            <ProjectStagesTable caption={t('benefits.projects.stagesCaption', { date: format.date(report.data.today) })} stages={report.data.byStage} />
          </section>
          <section aria-labelledby="project-lines-heading">
            <Heading level={2} data-size="sm" id="project-lines-heading">
              {t('benefits.projects.listTitle')}
            </Heading>
            {report.data.projects.length === 0 ? (
              <Paragraph>{t('benefits.projects.none')}</Paragraph>
            ) : (
              <ProjectLinesTable caption={t('benefits.projects.listCaption')} projects={report.data.projects} ahead />
            )}
          </section>
        </>
      )}
    </div>
  );
}
