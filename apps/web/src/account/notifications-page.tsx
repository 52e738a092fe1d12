import { Alert, Button, Heading, Link, Paragraph, Switch, Tag } from '@digdir/designsystemet-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, type MeWithRoles } from '../api/client';
import { useToken } from '../auth/token';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { leadOf, type NotificationItem, type NotificationPage, pathOf } from './account-api';
import './account.css';

const PAGE_SIZE = 20;

/** The signed-in person's notifications, newest first: open one, mark it read, or all of them. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const token = useToken();
  const queryClient = useQueryClient();
  // The page and the filter live in the address, so back and forward and a reload keep them.
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const unreadOnly = params.get('unread') === 'true';
  const list = useQuery({
    queryKey: ['notifications', offset, unreadOnly],
    queryFn: () => api<NotificationPage>(`/api/notifications?limit=${PAGE_SIZE}&offset=${offset}${unreadOnly ? '&unread=true' : ''}`),
    placeholderData: keepPreviousData,
  });
  // The texts come in the language stored on the person, which may not be the one on screen.
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me') });
  const [announcement, setAnnouncement] = useState('');
  const summary = useRef<HTMLParagraphElement>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api<NotificationItem>(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: async ({ marked }) => {
      await refresh();
      setAnnouncement(t('account.notifications.markedAll', { count: marked }));
      // The button is gone now: focus goes to what it changed.
      summary.current?.focus();
    },
  });
  const markOne = (item: NotificationItem) =>
    markRead.mutate(item.id, {
      onSuccess: async () => {
        await refresh();
        setAnnouncement(t('account.notifications.marked', { subject: item.subject }));
        const link = document.getElementById(`notification-${item.id}`);
        (link ?? summary.current)?.focus();
      },
    });

  const setFilter = (unread: boolean) => setParams(unread ? { unread: 'true' } : {});
  const goTo = (next: number) => setParams({ ...(unreadOnly ? { unread: 'true' } : {}), ...(next > 0 ? { offset: String(next) } : {}) });

  return (
    <>
      <PageHeading>{t('account.notifications.title')}</PageHeading>
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
      {list.isPending && <Loading />}
      {list.isError && <LoadError onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <div className="notification-tools">
            <Paragraph ref={summary} tabIndex={-1}>
              {list.data.unread > 0 ? t('account.notifications.unreadCount', { count: list.data.unread }) : t('account.notifications.allRead')}
            </Paragraph>
            <Switch label={t('account.notifications.onlyUnread')} checked={unreadOnly} onChange={(event) => setFilter(event.target.checked)} />
            {list.data.unread > 0 && (
              <Button variant="secondary" data-size="sm" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
                {t('account.notifications.markAll')}
              </Button>
            )}
          </div>
          {(markAll.isError || markRead.isError) && (
            <Alert data-color="danger" role="alert">
              {t('account.notifications.markFailed')}
            </Alert>
          )}
          {list.data.items.length === 0 ? (
            <Paragraph>{t(unreadOnly ? 'account.notifications.emptyUnread' : 'account.notifications.empty')}</Paragraph>
          ) : (
            <ul className="notification-list" aria-label={t('account.notifications.listLabel')}>
              {list.data.items.map((item) => (
                <NotificationEntry
                  key={item.id}
                  item={item}
                  lang={me.data?.locale}
                  marking={markRead.isPending && markRead.variables === item.id}
                  onOpen={() => !item.readAt && markRead.mutate(item.id)}
                  onMarkRead={() => markOne(item)}
                />
              ))}
            </ul>
          )}
          {list.data.total > PAGE_SIZE && (
            <nav className="paging" aria-label={t('account.notifications.pagingNav')}>
              <Paragraph data-size="sm">
                {t('account.notifications.paging', { from: list.data.offset + 1, to: list.data.offset + list.data.items.length, total: list.data.total })}
              </Paragraph>
              <Button variant="secondary" data-size="sm" disabled={offset === 0} onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}>
                {t('account.notifications.previous')}
              </Button>
              <Button variant="secondary" data-size="sm" disabled={offset + PAGE_SIZE >= list.data.total} onClick={() => goTo(offset + PAGE_SIZE)}>
                {t('account.notifications.next')}
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function NotificationEntry({
  item,
  lang,
  marking,
  onOpen,
  onMarkRead,
}: {
  item: NotificationItem;
  lang?: string;
  marking: boolean;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const unread = !item.readAt;
  // A screen reader reads the server's words in their own language when it differs from the page's.
  const textLang = lang && lang !== i18n.language ? lang : undefined;
  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <div className="notification-head">
        {unread && <Tag data-color="accent">{t('account.notifications.unread')}</Tag>}
        <Heading level={2} data-size="2xs">
          {item.link ? (
            <Link asChild>
              <RouterLink to={pathOf(item.link)} id={`notification-${item.id}`} onClick={onOpen} lang={textLang}>
                {item.subject}
              </RouterLink>
            </Link>
          ) : (
            <span id={`notification-${item.id}`} tabIndex={-1} lang={textLang}>
              {item.subject}
            </span>
          )}
        </Heading>
      </div>
      <Paragraph lang={textLang}>{leadOf(item.text)}</Paragraph>
      <Paragraph data-size="sm" className="notification-meta">
        <span>{t('account.notifications.received', { when: format.dateTime(item.createdAt) })}</span>
        {item.deadline && <span>{t('account.notifications.deadline', { when: format.dateTime(item.deadline) })}</span>}
        {!unread && item.readAt && <span>{t('account.notifications.readAt', { when: format.dateTime(item.readAt) })}</span>}
      </Paragraph>
      {unread && (
        <div>
          <Button variant="tertiary" data-size="sm" onClick={onMarkRead} disabled={marking} aria-label={t('account.notifications.markReadLabel', { subject: item.subject })}>
            {t('account.notifications.markRead')}
          </Button>
        </div>
      )}
    </li>
  );
}
