import { Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, type Inbox, type InboxItem } from '../api/client';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';

const PAGE_SIZE = 20;

export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  // The page lives in the address, so back and forward and a reload keep it.
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const inbox = useQuery({
    queryKey: ['inbox', offset],
    queryFn: () => api<Inbox>(`/api/inbox?limit=${PAGE_SIZE}&offset=${offset}`),
    placeholderData: keepPreviousData,
  });
  const goTo = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});

  const groups = inbox.data ? groupByRole(inbox.data.items) : [];

  return (
    <>
      <PageHeading>{t('inbox.title')}</PageHeading>
      {inbox.isPending && <Loading />}
      {inbox.isError && <LoadError onRetry={() => void inbox.refetch()} />}
      {inbox.data && (
        <>
          <Paragraph>{t('inbox.summary', inbox.data.counts)}</Paragraph>
          {inbox.data.total === 0 && inbox.data.otherWork.length === 0 && <Paragraph>{t('inbox.empty')}</Paragraph>}
          {groups.map(([role, items]) => (
            <section key={role} aria-labelledby={`inbox-${role}`} className="inbox-group">
              <Heading level={2} data-size="sm" id={`inbox-${role}`}>
                {t(`inbox.as.${role}`, { defaultValue: t('inbox.as.other') })}
              </Heading>
              <div className="table-scroll">
                <Table zebra>
                  <caption className="visually-hidden">{t(`inbox.as.${role}`, { defaultValue: t('inbox.as.other') })}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('inbox.reference')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('inbox.caseTitle')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('inbox.state')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('inbox.actions')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('inbox.deadline')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {items.map((item) => (
                      <InboxRow key={item.case.id} item={item} />
                    ))}
                  </Table.Body>
                </Table>
              </div>
            </section>
          ))}
          {inbox.data.total > PAGE_SIZE && (
            <nav className="paging" aria-label={t('inbox.pagingNav')}>
              <Paragraph data-size="sm">
                {t('inbox.paging', {
                  from: inbox.data.offset + 1,
                  to: inbox.data.offset + inbox.data.items.length,
                  total: inbox.data.total,
                })}
              </Paragraph>
              <Button variant="secondary" data-size="sm" disabled={offset === 0} onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}>
                {t('inbox.previous')}
              </Button>
              <Button variant="secondary" data-size="sm" disabled={offset + PAGE_SIZE >= inbox.data.total} onClick={() => goTo(offset + PAGE_SIZE)}>
                {t('inbox.next')}
              </Button>
            </nav>
          )}
          {inbox.data.otherWork.length > 0 && (
            <section aria-labelledby="other-work">
              <Heading level={2} data-size="sm" id="other-work">
                {t('inbox.otherWork')}
              </Heading>
              <ul className="other-work">
                {inbox.data.otherWork.map((work) => (
                  <li key={`${work.instanceId}-${work.path}`}>
                    <Link asChild>
                      <RouterLink to={work.path}>{`${work.reference} ${work.title}`}</RouterLink>
                    </Link>
                    {`: ${format.label(work.task)} (${format.label(work.stateLabel)})`}
                    {work.dueAt && (
                      <>
                        {` – ${t('inbox.due')} ${format.dateTime(work.dueAt)}`}
                        {new Date(work.dueAt) < new Date() && (
                          <>
                            {' '}
                            <Tag data-color="danger">{t('inbox.overdue')}</Tag>
                          </>
                        )}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

// The role a case is in the inbox for, most specific first: a process owner who also reported the case decides as owner.
const ROLE_ORDER = ['processOwner', 'processResponsible', 'lineManager', 'programme', 'projectOwner', 'projectManager', 'reporter'];

function primaryRole(item: InboxItem): string {
  return ROLE_ORDER.find((role) => item.myRoles.includes(role)) ?? item.myRoles[0] ?? 'other';
}

/** The page's cases under the role they wait for the person in, in the order of ROLE_ORDER. */
function groupByRole(items: InboxItem[]): [string, InboxItem[]][] {
  const groups = new Map<string, InboxItem[]>();
  for (const item of items) {
    const role = primaryRole(item);
    groups.set(role, [...(groups.get(role) ?? []), item]);
  }
  const rank = (role: string) => (ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b));
}

function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overdue = item.passedDeadlines.length > 0;
  return (
    <Table.Row>
      <Table.Cell>
        <Link asChild>
          <RouterLink to={`/cases/${item.case.id}`}>{item.case.reference}</RouterLink>
        </Link>
      </Table.Cell>
      <Table.Cell>{item.case.title}</Table.Cell>
      <Table.Cell>{format.label(item.case.stateLabel)}</Table.Cell>
      <Table.Cell>
        {item.allowedEvents.length === 0 ? (
          <Tag data-color="warning">{t('inbox.alertOnly')}</Tag>
        ) : (
          <span className="tags">
            {item.allowedEvents.map((event) => (
              <Tag key={event} data-color="neutral">
                {t([`events.${event}.label`], { defaultValue: t('inbox.decision') })}
              </Tag>
            ))}
          </span>
        )}
      </Table.Cell>
      <Table.Cell>
        {item.nextDeadline ? format.dateTime(item.nextDeadline) : t('inbox.noDeadline')}
        {overdue && (
          <>
            {' '}
            <Tag data-color="danger">{item.passedDeadlines.some((d) => d.notifiedMe) ? t('inbox.reminded') : t('inbox.overdue')}</Tag>
          </>
        )}
      </Table.Cell>
    </Table.Row>
  );
}
