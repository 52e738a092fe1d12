import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, Outlet, useNavigate } from 'react-router';
import { api, type Me } from './api/client';
import { setToken, useToken } from './auth/token';

export function Layout() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<Me>('/api/me'), enabled: !!token });
  const other = i18n.language === 'en' ? 'nb' : 'en';

  const signOut = () => {
    setToken(null);
    queryClient.clear();
    navigate('/sign-in');
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
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </>
  );
}
