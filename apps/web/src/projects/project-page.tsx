import { Alert, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, type BlockedEvent, type EventBody } from '../api/client';
import { problemOf } from '../api/problem';
import { EventActions } from '../forms/event-actions';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { Artefacts } from './project/artefacts';
import { capitalised, Checklist, GateDecisions, PhaseSteps } from './project/gates';
import { History } from './project/history';
import { personWidget, type Person } from './project/person-picker';
import { StatusReports } from './project/status-reports';
import { isLate, osloToday, type HistoryEntry, type Project } from './project/types';
import './project/project.css';

/**
 * One project (docs/projects.md): where it stands among the phases and gates, the checklist of
 * the gate ahead, what the signed-in person may do now, the artefacts, the gate decisions with
 * the figures they were taken on, the status reports and the history. Everything it offers to do
 * comes from the API: the allowed events with their payload schemas, and each artefact's schema.
 */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const project = useQuery({ queryKey: ['project', id], queryFn: () => api<Project>(`/api/projects/${id}`) });
  const history = useQuery({ queryKey: ['project', id, 'history'], queryFn: () => api<{ items: HistoryEntry[] }>(`/api/projects/${id}/history`) });

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['project', id] });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
  };
  // The API answers an event or a save with the project as it is now; only its history and the list are left to fetch.
  const show = (next: Project) => {
    queryClient.setQueryData(['project', id], next);
    void queryClient.invalidateQueries({ queryKey: ['project', id, 'history'] });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
  };

  if (project.isPending) {
    return (
      <>
        <PageHeading>{t('project.loadingTitle')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (project.isError) {
    const notFound = problemOf(project.error)?.status === 404;
    return (
      <>
        <PageHeading>{notFound ? t('project.notFoundTitle') : t('project.loadingTitle')}</PageHeading>
        {notFound ? (
          <>
            <Paragraph>{t('project.notFound')}</Paragraph>
            <Link asChild>
              <RouterLink to="/projects">{t('project.backToList')}</RouterLink>
            </Link>
          </>
        ) : (
          <LoadError onRetry={() => void project.refetch()} />
        )}
      </>
    );
  }
  return <ProjectView key={project.data.id} project={project.data} history={history.data?.items ?? null} historyFailed={history.isError} onChanged={show} onStale={refresh} />;
}

function ProjectView({
  project,
  history,
  historyFailed,
  onChanged,
  onStale,
}: {
  project: Project;
  history: HistoryEntry[] | null;
  historyFailed: boolean;
  onChanged: (project: Project) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [sent, setSent] = useState<string | null>(null);

  // The people the page can name: the project's own, and whoever acted in its history.
  const { people, nameOf } = useMemo(() => {
    const names = new Map<string, string>();
    for (const entry of history ?? []) if (entry.actor) names.set(entry.actor.id, entry.actor.name);
    for (const member of project.members) names.set(member.userId, member.name);
    const known: Person[] = [...new Map(project.members.map((m) => [m.userId, { id: m.userId, name: m.name }])).values()];
    return {
      people: known,
      nameOf: (userId: string | null | undefined) => (userId ? (names.get(userId) ?? t('project.people.unknown')) : t('project.people.nobodyNamed')),
    };
  }, [project.members, history, t]);

  const owner = project.members.find((m) => m.role === 'projectOwner');
  const manager = project.members.find((m) => m.role === 'projectManager');
  const late = isLate(project, osloToday());
  const widgets = useMemo(() => {
    const picker = personWidget(people);
    return { APPOINT_TEAM: { projectOwnerId: picker, projectManagerId: picker } };
  }, [people]);

  const send = async (body: EventBody) => {
    const next = await api<Project>(`/api/projects/${project.id}/events`, { method: 'POST', body });
    setSent(body.type);
    onChanged(next);
    return next;
  };

  return (
    <>
      <PageHeading>{t('project.title', { reference: project.reference, title: project.title })}</PageHeading>
      <div className="project-tags">
        <Tag data-color="info">{format.label(project.stateLabel)}</Tag>
        {project.onHold && <Tag data-color="warning">{t('project.onHold')}</Tag>}
        {late && <Tag data-color="danger">{t('project.late')}</Tag>}
        {project.state === 'stopped' && <Tag data-color="danger">{t('project.stopped')}</Tag>}
        {project.state === 'closed' && <Tag data-color="success">{t('project.closed')}</Tag>}
      </div>
      {project.hold && (
        <Alert data-color="warning">
          <Paragraph>{t('project.holdAlert', { gate: project.hold.gate, reason: project.hold.reason })}</Paragraph>
        </Alert>
      )}
      {project.stop && (
        <Alert data-color="danger">
          <Paragraph>{t('project.stopAlert', { gate: project.stop.gate, reason: project.stop.reason })}</Paragraph>
        </Alert>
      )}
      {project.pendingDecision && (
        <Alert data-color="info">
          <Paragraph>
            {t('project.pendingAlert', {
              gate: project.pendingDecision.gate,
              decision: t(`project.decision.${project.pendingDecision.decision}`),
              reason: project.pendingDecision.reason,
            })}
          </Paragraph>
        </Alert>
      )}

      <section aria-labelledby="about" className="project-section">
        <Heading level={2} data-size="sm" id="about">
          {t('project.about.title')}
        </Heading>
        <dl className="project-facts">
          <div>
            <dt>{t('project.about.case')}</dt>
            <dd>
              <Link asChild>
                <RouterLink to={`/cases/${project.case.id}`}>{t('project.about.caseLink', { reference: project.case.reference })}</RouterLink>
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('project.about.process')}</dt>
            <dd>{project.process.name}</dd>
          </div>
          <div>
            <dt>{t('project.about.gateAhead')}</dt>
            <dd>
              {project.state === 'mandate'
                ? t('project.about.gateAfterTeam')
                : project.gateAhead && project.endedAt === null
                ? project.plannedGateOn
                  ? t('project.about.gatePlanned', { gate: t(`project.gateName.${project.gateAhead}`), date: format.date(project.plannedGateOn) })
                  : t('project.about.gateNotPlanned', { gate: t(`project.gateName.${project.gateAhead}`) })
                : t('project.about.noGate')}
            </dd>
          </div>
          <div>
            <dt>{t('project.about.decider')}</dt>
            <dd>{project.large ? t('project.about.deciderCouncil') : t('project.about.deciderProcessOwner')}</dd>
          </div>
          <div>
            <dt>{t('project.about.owner')}</dt>
            <dd>{owner?.name ?? t('project.about.notAppointed')}</dd>
          </div>
          <div>
            <dt>{t('project.about.manager')}</dt>
            <dd>{manager?.name ?? t('project.about.notAppointed')}</dd>
          </div>
          {project.followUp && (
            <div>
              <dt>{t('project.about.followUp')}</dt>
              <dd>
                <Link asChild>
                  <RouterLink to={`/follow-ups/${project.followUp.id}`}>{t('project.about.followUpLink')}</RouterLink>
                </Link>
              </dd>
            </div>
          )}
        </dl>
        {project.myRoles.length > 0 && (
          <Paragraph data-size="sm">{t('project.about.myRoles', { roles: project.myRoles.map((role) => t(`project.roles.${role}`, { defaultValue: t('project.roles.other') })).join(', ') })}</Paragraph>
        )}
      </section>

      <section aria-labelledby="phases" className="project-section">
        <Heading level={2} data-size="sm" id="phases">
          {t('project.phases.title')}
        </Heading>
        <PhaseSteps project={project} />
      </section>

      <Checklist project={project} />

      {sent && (
        <Paragraph role="status" className="project-sent">
          {t(`project.done.${sent}`)}
        </Paragraph>
      )}
      <EventActions
        allowed={project.allowedEvents}
        blocked={project.blockedEvents.map((blocked) => ({ ...blocked, reason: blockedReason(blocked, project, t, format.label) }))}
        revision={project.revision}
        send={send}
        onSent={() => undefined}
        onStale={onStale}
        widgets={widgets}
      />

      <Artefacts project={project} people={people} nameOf={nameOf} onSaved={onChanged} onStale={onStale} />
      <GateDecisions project={project} nameOf={nameOf} />
      <StatusReports project={project} nameOf={nameOf} />
      {history ? <History entries={history} nameOf={nameOf} /> : historyFailed ? <LoadError onRetry={onStale} /> : <Loading />}
    </>
  );
}

/**
 * Why an event cannot be sent yet, in the reader's language: what the gate's checklist lacks, or
 * who decides this project's gates. The API says the same in English; its words stand where the
 * page knows no better.
 */
function blockedReason(blocked: BlockedEvent, project: Project, t: TFunction, label: (l: { nb: string; en: string }) => string): string {
  const missing = (project.checklist?.items ?? []).filter((item) => !item.done).map((item) => label(item.label));
  const gate = project.checklist?.gate ?? project.gateAhead ?? '';
  const decider = project.large ? t('project.blocked.councilDecides') : t('project.blocked.processOwnerDecides');
  switch (blocked.type) {
    case 'SUBMIT_FOR_GATE':
      return missing.length ? capitalised(t('project.blocked.checklist', { gate, items: missing.join(', ') })) : blocked.reason;
    case 'GO':
    case 'APPROVE_GATE_DECISION':
      return missing.length ? capitalised(t('project.blocked.checklistForDecision', { gate, items: missing.join(', ') })) : decider;
    case 'RECYCLE':
    case 'HOLD':
    case 'STOP':
    case 'RESUME':
      return decider;
    default:
      return blocked.reason;
  }
}
