import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { api, ApiError, download } from '../api/client';
import { useFormat } from '../format';
import { currentLanguage } from '../i18n';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import type { AnnualReport, LeadTimes } from './benefits/types';
import { KeyFigures, ProjectLinesTable, ProjectStagesTable, TotalsCells, TotalsHeaderCells } from './benefits/report-parts';
import { CaptionedTable } from './benefits/table-scroll';
import './benefits/benefits.css';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * The rector's annual report to the board for a calendar year (docs/projects.md, "Reports"): the
 * cases reported and decided, the lead time to the first decision, the local improvements
 * completed, the projects by phase and the benefits planned against realised; as CSV and PDF.
 */
export function AnnualReportPage() {
  const { t } = useTranslation();
  const { year: param = '' } = useParams();
  const year = /^\d{4}$/.test(param) && Number(param) >= FIRST_YEAR && Number(param) <= LAST_YEAR ? Number(param) : null;
  const report = useQuery({
    queryKey: ['reports', 'annual', year],
    queryFn: () => api<AnnualReport>(`/api/reports/annual/${year}`),
    enabled: year !== null,
  });
  const lang = currentLanguage();
  const file = useMutation({
    mutationFn: (kind: 'csv' | 'pdf') => download(`/api/reports/annual/${year}/${kind}?lang=${lang}`, t(`benefits.annual.${kind}File`, { year })),
  });
  const forbidden = report.error instanceof ApiError && report.error.status === 403;

  return (
    <>
      <Link asChild>
        <RouterLink to="/benefits">{t('benefits.annual.back')}</RouterLink>
      </Link>
      <PageHeading>{year ? t('benefits.annual.title', { year }) : t('benefits.annual.titleNoYear')}</PageHeading>
      <YearPicker year={year} />
      {year === null && (
        <Alert data-color="warning" role="alert">
          {t('benefits.annual.badYear', { first: FIRST_YEAR, last: LAST_YEAR })}
        </Alert>
      )}
      {year !== null && report.isPending && <Loading />}
      {forbidden && (
        <Alert data-color="info">
          <Paragraph>{t('benefits.report.forbidden')}</Paragraph>
        </Alert>
      )}
      {report.isError && !forbidden && <LoadError onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <div className="report-actions">
            <Button variant="secondary" onClick={() => file.mutate('pdf')} disabled={file.isPending}>
              {t('benefits.annual.pdf')}
            </Button>
            <Button variant="secondary" onClick={() => file.mutate('csv')} disabled={file.isPending}>
              {t('benefits.annual.csv')}
            </Button>
          </div>
          {file.isError && (
            <Alert data-color="danger" role="alert">
              {t('benefits.report.downloadFailed')}
            </Alert>
          )}
          <AnnualContent report={report.data} />
        </>
      )}
    </>
  );
}

/** Another year: chosen, then shown with the button, so the page does not change under the list. */
function YearPicker({ year }: { year: number | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = new Date().getFullYear();
  const [chosen, setChosen] = useState(String(year ?? now));
  const years = Array.from({ length: 11 }, (_, i) => now + 1 - i);
  if (year !== null && !years.includes(year)) years.push(year);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/benefits/annual/${chosen}`);
  };
  return (
    <form className="year-picker" onSubmit={submit}>
      <Field>
        <Label htmlFor="annual-year">{t('benefits.annual.year')}</Label>
        <Select id="annual-year" value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {years
            .sort((a, b) => b - a)
            .map((y) => (
              <Select.Option key={y} value={String(y)}>
                {String(y)}
              </Select.Option>
            ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        {t('benefits.annual.show')}
      </Button>
    </form>
  );
}

function AnnualContent({ report }: { report: AnnualReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = (value: number | null) => (value === null ? '–' : format.number(value, 1));
  const leadRow = (key: string, label: string, l: LeadTimes, header = false) => (
    <Table.Row key={key}>
      <Table.HeaderCell scope="row">{header ? <strong>{label}</strong> : label}</Table.HeaderCell>
      <Table.Cell className="number">{format.number(l.decisions)}</Table.Cell>
      <Table.Cell className="number">{days(l.medianDays)}</Table.Cell>
      <Table.Cell className="number">{days(l.meanDays)}</Table.Cell>
    </Table.Row>
  );
  const inYear = report.benefits.inYear;
  const figures: [string, string][] = [
    ['reported', format.number(report.cases.reported)],
    ['decisions', format.number(report.leadTimes.decisions)],
    ['medianDays', days(report.leadTimes.medianDays)],
    ['localCompleted', format.number(report.localImprovements.length)],
    ['projects', format.number(report.projects.projects.length)],
    ['realisedInYear', `${format.nok(inYear.realisedYearlyNok)} / ${format.nok(inYear.plannedYearlyNok)}`],
  ];
  return (
    <>
      <Paragraph data-size="sm">{t('benefits.annual.generated', { at: format.dateTime(report.generatedAt) })}</Paragraph>
      <section aria-labelledby="annual-summary">
        <Heading level={2} data-size="sm" id="annual-summary">
          {t('benefits.annual.summaryTitle')}
        </Heading>
        <KeyFigures figures={figures.map(([key, value]) => [t(`benefits.annual.figure.${key}`), value])} />
      </section>

      <section aria-labelledby="annual-cases" className="report-section">
        <Heading level={2} data-size="sm" id="annual-cases">
          {t('benefits.annual.casesTitle')}
        </Heading>
        <Paragraph>{t('benefits.annual.casesReported', { count: report.cases.reported, year: report.year })}</Paragraph>
        <CaptionedTable caption={t('benefits.annual.byStateCaption', { year: report.year })} size="sm">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('benefits.annual.state')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.cases')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.cases.byState.length === 0 && <EmptyRow columns={2} />}
            {report.cases.byState.map((s) => (
              <Table.Row key={s.state}>
                <Table.HeaderCell scope="row">{format.label(s.label)}</Table.HeaderCell>
                <Table.Cell className="number">{format.number(s.cases)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </CaptionedTable>
        <CaptionedTable caption={t('benefits.annual.byProcessCaption', { year: report.year })} size="sm">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('benefits.annual.process')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.reported')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.decided')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.localCompleted')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.cases.byProcess.length === 0 && <EmptyRow columns={4} />}
            {report.cases.byProcess.map((p) => (
              <Table.Row key={p.processId}>
                <Table.HeaderCell scope="row">{p.processName}</Table.HeaderCell>
                <Table.Cell className="number">{format.number(p.reported)}</Table.Cell>
                <Table.Cell className="number">{format.number(p.decided)}</Table.Cell>
                <Table.Cell className="number">{format.number(p.localImprovementsCompleted)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </CaptionedTable>
      </section>

      <section aria-labelledby="annual-lead-times" className="report-section">
        <Heading level={2} data-size="sm" id="annual-lead-times">
          {t('benefits.annual.leadTimesTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('benefits.annual.leadTimesNote')}</Paragraph>
        <CaptionedTable caption={t('benefits.annual.leadTimesCaption', { year: report.year })} size="sm">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('benefits.annual.decision')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.decisions')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.medianDays')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{t('benefits.annual.meanDays')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.leadTimes.byDecision.map((d) => leadRow(d.decision, format.label(d.label), d))}
          </Table.Body>
          <Table.Foot>{leadRow('all', t('benefits.annual.allDecisions'), report.leadTimes, true)}</Table.Foot>
        </CaptionedTable>
      </section>

      <section aria-labelledby="annual-local" className="report-section">
        <Heading level={2} data-size="sm" id="annual-local">
          {t('benefits.annual.localTitle')}
        </Heading>
        {report.localImprovements.length === 0 ? (
          <Paragraph>{t('benefits.annual.localNone')}</Paragraph>
        ) : (
          <CaptionedTable caption={t('benefits.annual.localCaption', { year: report.year })} size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('benefits.annual.case')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.annual.process')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.annual.completedOn')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {report.localImprovements.map((l) => (
                <Table.Row key={l.caseId}>
                  <Table.HeaderCell scope="row">
                    <Link asChild>
                      <RouterLink to={`/cases/${l.caseId}`}>{t('benefits.annual.caseLink', { reference: l.reference, title: l.title })}</RouterLink>
                    </Link>
                  </Table.HeaderCell>
                  <Table.Cell>{l.processName}</Table.Cell>
                  <Table.Cell>{format.date(l.completedOn)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </CaptionedTable>
        )}
      </section>

      <section aria-labelledby="annual-projects" className="report-section">
        <Heading level={2} data-size="sm" id="annual-projects">
          {t('benefits.annual.projectsTitle')}
        </Heading>
        <ProjectStagesTable
          caption={t('benefits.annual.stagesCaption', { year: report.year, date: format.date(report.projects.today) })}
          stages={report.projects.byStage}
          size="sm"
        />
        {report.projects.projects.length > 0 && (
          <ProjectLinesTable caption={t('benefits.annual.projectsCaption', { year: report.year })} projects={report.projects.projects} />
        )}
      </section>

      <section aria-labelledby="annual-benefits" className="report-section">
        <Heading level={2} data-size="sm" id="annual-benefits">
          {t('benefits.annual.benefitsTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('benefits.report.realisedNote')}</Paragraph>
        <CaptionedTable caption={t('benefits.annual.benefitsCaption', { year: report.year, date: format.date(report.benefits.report.asOf) })} size="sm">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('benefits.report.column.project')}</Table.HeaderCell>
              <TotalsHeaderCells />
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.benefits.report.byProject.length === 0 && <EmptyRow columns={7} />}
            {report.benefits.report.byProject.map((p) => (
              <Table.Row key={p.projectId}>
                <Table.HeaderCell scope="row">{t('benefits.report.projectLink', { reference: p.reference, title: p.title })}</Table.HeaderCell>
                <TotalsCells totals={p} />
              </Table.Row>
            ))}
          </Table.Body>
          <Table.Foot>
            <Table.Row>
              <Table.HeaderCell scope="row">{t('benefits.annual.inYear', { year: report.year })}</Table.HeaderCell>
              <TotalsCells totals={inYear} />
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">{t('benefits.report.allBenefits')}</Table.HeaderCell>
              <TotalsCells totals={report.benefits.report.totals} />
            </Table.Row>
          </Table.Foot>
        </CaptionedTable>
      </section>
    </>
  );
}

function EmptyRow({ columns }: { columns: number }) {
  const { t } = useTranslation();
  return (
    <Table.Row>
      <Table.Cell colSpan={columns}>{t('benefits.annual.none')}</Table.Cell>
    </Table.Row>
  );
}
