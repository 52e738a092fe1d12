import { Button, Field, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { TableScroll } from './project/table-scroll';
import { isLate, osloToday, type ProjectPage, type ProjectSummary } from './project/types';
import './project/project.css';

const PAGE_SIZE = 25;
/** The stages GET /api/projects filters by (`phase`). */
const STAGES = ['mandate', 'concept', 'planning', 'execution', 'closure', 'closed', 'stopped'] as const;

/**
 * The projects the signed-in person may see (GET /api/projects): where each stands, the gate
 * ahead and its planned date, and whether it is late or on hold. The stage filter and the page
 * live in the address, so back, forward and a reload keep them.
 */
export function ProjectListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const stage = STAGES.find((s) => s === params.get('phase')) ?? '';
  const projects = useQuery({
    queryKey: ['projects', stage, offset],
    queryFn: () => api<ProjectPage>(`/api/projects?limit=${PAGE_SIZE}&offset=${offset}${stage ? `&phase=${stage}` : ''}`),
    placeholderData: keepPreviousData,
  });
  const update = (next: { phase?: string; offset?: number }) => {
    const search = new URLSearchParams();
    const phase = next.phase ?? stage;
    if (phase) search.set('phase', phase);
    if (next.offset) search.set('offset', String(next.offset));
    setParams(search);
  };
  const today = osloToday();

  return (
    <>
      <PageHeading>{t('project.list.title')}</PageHeading>
      <Paragraph>{t('project.list.intro')}</Paragraph>
      <Field className="projects-filter">
        <Label htmlFor="projects-stage">{t('project.list.stageFilter')}</Label>
        <Select id="projects-stage" value={stage} onChange={(event) => update({ phase: event.target.value, offset: 0 })}>
          <Select.Option value="">{t('project.list.allStages')}</Select.Option>
          {STAGES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`project.list.stage.${s}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {projects.isPending && <Loading />}
      {projects.isError && <LoadError onRetry={() => void projects.refetch()} />}
      {projects.data && (
        <>
          <Paragraph role="status" data-size="sm">
            {t('project.list.count', { count: projects.data.total })}
          </Paragraph>
          {projects.data.items.length === 0 ? (
            <Paragraph>{stage ? t('project.list.noneInStage') : t('project.list.none')}</Paragraph>
          ) : (
            <TableScroll label={t('project.list.caption')}>
              <Table zebra>
                <caption className="visually-hidden">{t('project.list.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('project.list.project')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('project.list.process')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('project.list.stateColumn')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('project.list.gateAhead')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('project.list.plannedOn')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('project.list.marks')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {projects.data.items.map((project) => (
                    <ProjectRow key={project.id} project={project} late={isLate(project, today)} />
                  ))}
                </Table.Body>
              </Table>
            </TableScroll>
          )}
          {projects.data.total > PAGE_SIZE && (
            <nav className="paging" aria-label={t('project.list.pagingNav')}>
              <Paragraph data-size="sm">
                {t('project.list.paging', { from: offset + 1, to: offset + projects.data.items.length, total: projects.data.total })}
              </Paragraph>
              <Button variant="secondary" data-size="sm" disabled={offset === 0} onClick={() => update({ offset: Math.max(0, offset - PAGE_SIZE) })}>
                {t('project.list.previous')}
              </Button>
              <Button variant="secondary" data-size="sm" disabled={offset + PAGE_SIZE >= projects.data.total} onClick={() => update({ offset: offset + PAGE_SIZE })}>
                {t('project.list.next')}
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function ProjectRow({ project, late }: { project: ProjectSummary; late: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = project.endedAt === null;
  return (
    <Table.Row>
      <Table.Cell>
        <Link asChild>
          <RouterLink to={`/projects/${project.id}`}>{t('project.title', { reference: project.reference, title: project.title })}</RouterLink>
        </Link>
      </Table.Cell>
      <Table.Cell>{project.process.name}</Table.Cell>
      <Table.Cell>{format.label(project.stateLabel)}</Table.Cell>
      <Table.Cell>{open && project.gateAhead ? t(`project.gateName.${project.gateAhead}`) : '–'}</Table.Cell>
      <Table.Cell>{open && project.plannedGateOn ? format.date(project.plannedGateOn) : open && project.gateAhead ? t('project.list.notPlanned') : '–'}</Table.Cell>
      <Table.Cell>
        <span className="tags">
          {late && <Tag data-color="danger">{t('project.late')}</Tag>}
          {project.onHold && <Tag data-color="warning">{t('project.onHold')}</Tag>}
          {project.state === 'stopped' && <Tag data-color="danger">{t('project.stopped')}</Tag>}
          {project.state === 'closed' && <Tag data-color="success">{t('project.closed')}</Tag>}
          {project.state === 'mandate' && <Tag data-color="info">{t('project.list.awaitingTeam')}</Tag>}
        </span>
      </Table.Cell>
    </Table.Row>
  );
}
