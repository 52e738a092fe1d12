import { Alert, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiError, type CaseDetail } from '../api/client';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';

/** Read-only for now: the forms for the allowed events come with the full case page. */
export function CasePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams();
  const found = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });
  const missing = found.error instanceof ApiError && [400, 403, 404].includes(found.error.status);

  return (
    <>
      <Link asChild>
        <RouterLink to="/">{t('case.back')}</RouterLink>
      </Link>
      {found.isPending && <Loading />}
      {missing && (
        <Alert data-color="warning" role="alert">
          {t('case.notFound')}
        </Alert>
      )}
      {found.isError && !missing && <LoadError onRetry={() => void found.refetch()} />}
      {found.data && (
        <>
          <PageHeading>{`${found.data.reference}: ${found.data.title}`}</PageHeading>
          <dl>
            <dt>{t('case.state')}</dt>
            <dd>{format.label(found.data.stateLabel)}</dd>
            <dt>{t('case.process')}</dt>
            <dd>{found.data.process.nameNb}</dd>
            <dt>{t('case.reporter')}</dt>
            <dd>{found.data.reporter.name}</dd>
          </dl>
          <section aria-labelledby="allowed-events">
            <Heading level={2} data-size="sm" id="allowed-events">
              {t('case.allowedEvents')}
            </Heading>
            {found.data.allowedEvents.length === 0 ? (
              <Paragraph>{t('case.noAllowedEvents')}</Paragraph>
            ) : (
              <>
                <span className="tags">
                  {found.data.allowedEvents.map((event) => (
                    <Tag key={event.type} data-color="neutral">
                      {event.type}
                    </Tag>
                  ))}
                </span>
                <Paragraph data-size="sm">{t('case.notYet')}</Paragraph>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
