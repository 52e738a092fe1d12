import { Card, Link, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../format';
import { CaptionedTable } from './table-scroll';
import type { BenefitTotals, ProjectLine, ProjectsReport } from './types';

/** What the benefits dashboard and the annual report show alike. */

/** The key figures of a report, each on a card. */
export function KeyFigures({ figures }: { figures: [string, string][] }) {
  return (
    <dl className="key-figures">
      {figures.map(([label, value]) => (
        <Card key={label} data-color="neutral" asChild>
          <div>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        </Card>
      ))}
    </dl>
  );
}

const TOTALS_COLUMNS = ['benefits', 'met', 'notMet', 'notMeasured', 'plannedNok', 'realisedNok'];

/** The headers over `TotalsCells`. */
export function TotalsHeaderCells() {
  const { t } = useTranslation();
  return (
    <>
      {TOTALS_COLUMNS.map((key) => (
        <Table.HeaderCell key={key} className="number">
          {t(`benefits.report.column.${key}`)}
        </Table.HeaderCell>
      ))}
    </>
  );
}

/** The benefits and kroner of a line of the benefits tables: how many, how they stand, planned and realised. */
export function TotalsCells({ totals }: { totals: BenefitTotals }) {
  const format = useFormat();
  return (
    <>
      <Table.Cell className="number">{format.number(totals.benefits)}</Table.Cell>
      <Table.Cell className="number">{format.number(totals.met)}</Table.Cell>
      <Table.Cell className="number">{format.number(totals.notMet)}</Table.Cell>
      <Table.Cell className="number">{format.number(totals.notMeasured)}</Table.Cell>
      <Table.Cell className="number">{format.nok(totals.plannedYearlyNok)}</Table.Cell>
      <Table.Cell className="number">{format.nok(totals.realisedYearlyNok)}</Table.Cell>
    </>
  );
}

/** A project by reference and title, as a link to its page. */
export function ProjectLink({ id, reference, title }: { id: string | null; reference: string | null; title: string | null }) {
  const { t } = useTranslation();
  return (
    <Link asChild>
      <RouterLink to={`/projects/${id}`}>{t('benefits.report.projectLink', { reference, title })}</RouterLink>
    </Link>
  );
}

/** How many projects stand in each stage, and how many of them are late or on hold. */
export function ProjectStagesTable({ caption, stages, size }: { caption: string; stages: ProjectsReport['byStage']; size?: 'sm' }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CaptionedTable caption={caption} size={size}>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('benefits.projects.stage')}</Table.HeaderCell>
          <Table.HeaderCell className="number">{t('benefits.projects.count')}</Table.HeaderCell>
          <Table.HeaderCell className="number">{t('benefits.projects.late')}</Table.HeaderCell>
          <Table.HeaderCell className="number">{t('benefits.projects.onHold')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {stages.map((s) => (
          <Table.Row key={s.stage}>
            <Table.HeaderCell scope="row">{format.label(s.label)}</Table.HeaderCell>
            <Table.Cell className="number">{format.number(s.projects)}</Table.Cell>
            <Table.Cell className="number">{format.number(s.late)}</Table.Cell>
            <Table.Cell className="number">{format.number(s.onHold)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </CaptionedTable>
  );
}

/**
 * Every project with its process, stage and whether it is late or on hold. The dashboard, which
 * follows the projects as they go, adds the gate ahead and the benefits follow-up (`ahead`).
 */
export function ProjectLinesTable({ caption, projects, ahead }: { caption: string; projects: ProjectLine[]; ahead?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CaptionedTable caption={caption} size="sm">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('benefits.projects.project')}</Table.HeaderCell>
          <Table.HeaderCell>{t('benefits.projects.process')}</Table.HeaderCell>
          <Table.HeaderCell>{t('benefits.projects.stage')}</Table.HeaderCell>
          {ahead && <Table.HeaderCell>{t('benefits.projects.nextGate')}</Table.HeaderCell>}
          {ahead && <Table.HeaderCell>{t('benefits.projects.plannedOn')}</Table.HeaderCell>}
          <Table.HeaderCell>{t('benefits.projects.flags')}</Table.HeaderCell>
          {ahead && <Table.HeaderCell>{t('benefits.projects.followUp')}</Table.HeaderCell>}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {projects.map((p) => (
          <Table.Row key={p.projectId}>
            <Table.HeaderCell scope="row">
              <ProjectLink id={p.projectId} reference={p.reference} title={p.title} />
            </Table.HeaderCell>
            <Table.Cell>{p.processName}</Table.Cell>
            <Table.Cell>{format.label(p.stageLabel)}</Table.Cell>
            {ahead && <Table.Cell>{p.nextGate ?? '–'}</Table.Cell>}
            {ahead && <Table.Cell>{p.plannedGateOn ? format.date(p.plannedGateOn) : '–'}</Table.Cell>}
            <Table.Cell>
              <span className="tags">
                {p.late && <Tag data-color="danger">{t('benefits.projects.late')}</Tag>}
                {p.onHold && <Tag data-color="warning">{t('benefits.projects.onHold')}</Tag>}
                {!p.late && !p.onHold && '–'}
              </span>
            </Table.Cell>
            {ahead && <Table.Cell>{p.followUp ? t(`benefits.projects.followUpStatus.${p.followUp}`) : '–'}</Table.Cell>}
          </Table.Row>
        ))}
      </Table.Body>
    </CaptionedTable>
  );
}
