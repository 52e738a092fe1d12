import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiError, type EventBody, type MeWithRoles } from '../api/client';
import { useToken } from '../auth/token';
import { EventActions } from '../forms/event-actions';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { BenefitCard, ConclusionSection, MeasurementPoints, StatusSummary, missingAtCurrent } from './benefits/follow-up-parts';
import { benefitPicker, reportingUnitPicker } from './benefits/follow-up-widgets';
import { HistoryTimeline } from './benefits/history-timeline';
import type { FollowUp, HistoryEntry, ProjectPeople } from './benefits/types';
import './benefits/benefits.css';

/**
 * A project's benefits follow-up after BP5 (docs/projects.md, "Benefits follow-up"): each benefit
 * of the plan with its people, target, dates and measurements; what is due; recording a
 * measurement and concluding (BP6) as the API allows; and the history. The mails link here.
 */
export function FollowUpPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const token = useToken();
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me') });
  const followUp = useQuery({ queryKey: ['follow-up', id], queryFn: () => api<FollowUp>(`/api/follow-ups/${id}`) });
  const history = useQuery({ queryKey: ['follow-up', id, 'history'], queryFn: () => api<{ items: HistoryEntry[] }>(`/api/follow-ups/${id}/history`) });
  const projectId = followUp.data?.project.id;
  // The plan names people by id; the project knows their names (whoever sees the follow-up sees the project).
  const people = useQuery({
    queryKey: ['project', projectId],
    queryFn: () => api<ProjectPeople>(`/api/projects/${projectId}`),
    enabled: !!projectId,
  });
  const missing = followUp.error instanceof ApiError && [400, 403, 404].includes(followUp.error.status);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['follow-up', id] });
  // Said once the form has closed: what was just done, for everyone and for screen readers.
  const [sent, setSent] = useState<string | null>(null);
  const sending = useRef<string | null>(null);
  const afterSent = () => {
    setSent(sending.current);
    refresh();
    // The inbox and the reports count measurements and conclusions too.
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
  };

  const names = new Map<string, string>();
  for (const member of people.data?.members ?? []) names.set(member.userId, member.name);
  for (const entry of history.data?.items ?? []) if (entry.actor) names.set(entry.actor.id, entry.actor.name);

  const data = followUp.data;
  return (
    <>
      <PageHeading>{data ? t('benefits.followUp.title', { reference: data.project.reference, title: data.project.title }) : t('benefits.followUp.loadingTitle')}</PageHeading>
      {followUp.isPending && <Loading />}
      {missing && (
        <Alert data-color="warning" role="alert">
          {t('benefits.followUp.notFound')}
        </Alert>
      )}
      {followUp.isError && !missing && <LoadError onRetry={() => void followUp.refetch()} />}
      {data && (
        <>
          <FollowUpSummary data={data} />
          <StatusSummary data={data} />
          <Paragraph role="status" className="sent-status">
            {sent ? t([`benefits.followUp.sent.${sent}`, 'benefits.followUp.sent.other']) : ''}
          </Paragraph>
          <EventActions
            allowed={data.allowedEvents}
            revision={data.revision}
            send={(body: EventBody) => {
              sending.current = body.type;
              setSent(null);
              return api<FollowUp>(`/api/follow-ups/${id}/events`, { method: 'POST', body });
            }}
            onSent={afterSent}
            onStale={refresh}
            widgets={{
              RECORD_MEASUREMENT: { benefitId: benefitPicker(mine(data, me.data?.id), missingAtCurrent(data)) },
              CONCLUDE: { 'newCase.reportingUnitId': reportingUnitPicker() },
            }}
          />
          {data.conclusion && <ConclusionSection conclusion={data.conclusion} />}
          <MeasurementPoints data={data} />
          <section aria-labelledby="benefits-heading" className="benefit-list">
            <Heading level={2} data-size="sm" id="benefits-heading">
              {t('benefits.followUp.benefitsTitle')}
            </Heading>
            <Paragraph data-size="sm">{t('benefits.followUp.benefitsIntro')}</Paragraph>
            {data.benefits.map((benefit) => (
              <BenefitCard key={benefit.id} benefit={benefit} data={data} names={names} />
            ))}
          </section>
          <section aria-labelledby="history-heading">
            <Heading level={2} data-size="sm" id="history-heading">
              {t('benefits.history.title')}
            </Heading>
            {history.isPending && <Loading />}
            {history.isError && <LoadError onRetry={() => void history.refetch()} />}
            {history.data && <HistoryTimeline items={history.data.items} benefits={data.benefits} />}
          </section>
        </>
      )}
    </>
  );
}

/** The benefits the signed-in person may measure: their own as benefit owner or responsible manager; every one when none is theirs. */
function mine(data: FollowUp, userId: string | undefined): FollowUp['benefits'] {
  const own = data.benefits.filter((b) => b.benefitOwnerIds.includes(userId ?? '') || b.responsibleManagerId === userId);
  return own.length > 0 ? own : data.benefits;
}

function FollowUpSummary({ data }: { data: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts">
      <div>
        <dt>{t('benefits.followUp.state')}</dt>
        <dd>{format.label(data.stateLabel)}</dd>
      </div>
      <div>
        <dt>{t('benefits.followUp.project')}</dt>
        <dd>
          <Link asChild>
            <RouterLink to={`/projects/${data.project.id}`}>{t('benefits.followUp.projectLink', { reference: data.project.reference, title: data.project.title })}</RouterLink>
          </Link>
        </dd>
      </div>
      <div>
        <dt>{t('benefits.followUp.case')}</dt>
        <dd>
          <Link asChild>
            <RouterLink to={`/cases/${data.case.id}`}>{t('benefits.followUp.caseLink', { reference: data.case.reference })}</RouterLink>
          </Link>
        </dd>
      </div>
      {data.myRoles.length > 0 && (
        <div>
          <dt>{t('benefits.followUp.myRoles')}</dt>
          <dd>{data.myRoles.map((role) => t(`benefits.roles.${role}`, { defaultValue: '' })).filter(Boolean).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}
