import { Alert, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { TableScroll } from './table-scroll';
import type { Project, ReportStatus } from './types';

const STATUS_COLOURS: Record<ReportStatus, 'success' | 'warning' | 'danger'> = { onTrack: 'success', atRisk: 'warning', offTrack: 'danger' };

/**
 * The monthly status reports, newest first, and whether the next one is awaited or overdue (the
 * project's reporting region: docs/projects.md, "Deadlines"). The report itself is written with
 * the action "Write the status report" above.
 */
export function StatusReports({ project, nameOf }: { project: Project; nameOf: (userId: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reports = [...project.statusReports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  const overdue = project.state.includes('reporting.reportOverdue');
  const awaited = project.state.includes('reporting.awaitingReport');
  const last = reports[0];
  return (
    <section aria-labelledby="status-reports" className="project-section">
      <Heading level={2} data-size="sm" id="status-reports">
        {t('project.reports.title')}
      </Heading>
      {overdue ? (
        <Alert data-color="danger">
          <Paragraph>{last ? t('project.reports.overdueSince', { date: format.date(last.submittedAt) }) : t('project.reports.overdueNone')}</Paragraph>
        </Alert>
      ) : awaited ? (
        <Paragraph>{last ? t('project.reports.dueAfter', { date: format.date(last.submittedAt) }) : t('project.reports.dueFirst')}</Paragraph>
      ) : (
        <Paragraph>{t('project.reports.notDue')}</Paragraph>
      )}
      {reports.length === 0 ? (
        <Paragraph>{t('project.reports.none')}</Paragraph>
      ) : (
        <TableScroll label={t('project.reports.title')}>
          <Table data-size="sm" zebra>
            <caption className="visually-hidden">{t('project.reports.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('project.reports.submittedAt')}</Table.HeaderCell>
                <Table.HeaderCell>{t('project.reports.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('forms.SUBMIT_STATUS_REPORT.summary')}</Table.HeaderCell>
                <Table.HeaderCell>{t('forms.SUBMIT_STATUS_REPORT.nextSteps')}</Table.HeaderCell>
                <Table.HeaderCell>{t('forms.SUBMIT_STATUS_REPORT.issues')}</Table.HeaderCell>
                <Table.HeaderCell>{t('project.reports.submittedBy')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {reports.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{format.date(r.submittedAt)}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={STATUS_COLOURS[r.status]}>{t(`forms.SUBMIT_STATUS_REPORT.statusOptions.${r.status}`)}</Tag>
                  </Table.Cell>
                  <Table.Cell className="artefact-text">{r.summary}</Table.Cell>
                  <Table.Cell className="artefact-text">{r.nextSteps ?? '–'}</Table.Cell>
                  <Table.Cell className="artefact-text">{r.issues ?? '–'}</Table.Cell>
                  <Table.Cell>{nameOf(r.submittedBy)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
