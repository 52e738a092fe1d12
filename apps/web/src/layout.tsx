import { Button, Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, NavLink, Outlet, useNavigate } from 'react-router';
import { api, type MeWithRoles } from './api/client';
import { setToken, useToken } from './auth/token';

export function Layout() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me'), enabled: !!token });
  const other = i18n.language === 'en' ? 'nb' : 'en';

  const signOut = () => {
    // To sign-in first: were the token dropped first, the page's guard would remember this page
    // for the next person to sign in, and take them to it.
    void navigate('/sign-in', { replace: true });
    setToken(null);
    queryClient.clear();
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <RouterLink to="/" className="app-name">
          {t('app.name')}
        </RouterLink>
        <div className="app-header-tools">
          {token && me.data && <Paragraph data-size="sm">{t('header.signedInAs', { name: me.data.name })}</Paragraph>}
          <Button variant="tertiary" data-size="sm" lang={other} aria-label={t('header.switchLanguageLabel')} onClick={() => void i18n.changeLanguage(other)}>
            {t('header.switchLanguage')}
          </Button>
          {token && (
            <Button variant="secondary" data-size="sm" onClick={signOut}>
              {t('header.signOut')}
            </Button>
          )}
        </div>
      </header>
      {token && me.data && <MainMenu roles={me.data.roles.map((r) => r.role)} />}
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </>
  );
}

// Roles that see the programme's pages: its secretariat and council, the rector who approves, and process owners who propose.
const PROGRAMME_ROLES = new Set(['programme_secretariat', 'programme_council', 'rector', 'process_owner', 'admin']);

/** The parts of Flyt the signed-in person works in; what they may not open is not offered. */
function MainMenu({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  // Under the notifications pages' key, so reading one there updates the count here.
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api<{ unread: number }>('/api/notifications?limit=1&unread=true'),
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  const items: [string, string][] = [
    ['/', 'header.inbox'],
    ['/report', 'header.report'],
    ['/cases', 'header.cases'],
    ...(roles.some((role) => PROGRAMME_ROLES.has(role)) ? ([['/programme', 'header.programme']] as [string, string][]) : []),
    ['/projects', 'header.projects'],
    ['/benefits', 'header.benefits'],
    ['/notifications', 'header.notifications'],
    ['/settings', 'header.settings'],
    ...(roles.includes('admin') ? ([['/admin', 'header.admin']] as [string, string][]) : []),
  ];
  return (
    <nav className="app-nav" aria-label={t('header.nav')}>
      <ul>
        {items.map(([to, key]) => (
          <li key={to}>
            <Link asChild>
              <NavLink to={to} end={to === '/'}>
                {key === 'header.notifications' && count > 0 ? t('header.notificationsUnread', { count }) : t(key)}
              </NavLink>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
