import { Alert, Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { DEMO_USERS } from '../auth/demo-users';
import { setToken, useToken } from '../auth/token';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';

/** Dev login is on when its key set answers; the API answers 404 when it is off. */
async function devLoginEnabled(): Promise<boolean> {
  try {
    await api('/api/auth/dev-jwks');
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

export function SignInPage() {
  const { t } = useTranslation();
  const token = useToken();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const devLogin = useQuery({ queryKey: ['dev-login-enabled'], queryFn: devLoginEnabled });
  const signIn = useMutation({
    mutationFn: (email: string) => api<{ token: string }>('/api/auth/dev-login', { method: 'POST', body: { email } }),
    onSuccess: ({ token }) => {
      queryClient.clear();
      setToken(token);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from ?? '/', { replace: true });
    },
  });

  if (token && !signIn.isPending) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      {devLogin.isPending && <Loading />}
      {devLogin.isError && <LoadError onRetry={() => void devLogin.refetch()} />}
      {devLogin.data === false && <Paragraph>{t('signIn.devOff')}</Paragraph>}
      {devLogin.data && (
        <>
          <Paragraph>{t('signIn.devIntro')}</Paragraph>
          {signIn.isError && (
            <Alert data-color="danger" role="alert">
              {t('signIn.failed')}
            </Alert>
          )}
          <div className="role-groups">
            {DEMO_USERS.map((user) => (
              <Card key={user.email} data-color="neutral">
                <section className="role-group" aria-labelledby={`role-${user.role}`}>
                  <Heading level={2} data-size="xs" id={`role-${user.role}`}>
                    {t(`roles.${user.role}.name`)}
                  </Heading>
                  <Paragraph data-size="sm">{t(`roles.${user.role}.can`)}</Paragraph>
                  <Button variant="secondary" onClick={() => signIn.mutate(user.email)} disabled={signIn.isPending}>
                    {t('signIn.as', { name: user.name })}
                  </Button>
                </section>
              </Card>
            ))}
          </div>
        </>
      )}
    </>
  );
}
