import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import '../account/account.css';
import { api } from '../api/client';
import { fieldErrorsOf, problemOf } from '../api/problem';
import { completeOidcSignIn, isOidcReturn, OidcRefused, startOidcSignIn } from '../auth/oidc';
import type { OidcSettings, SignInOptions, SignInPerson } from '../auth/sign-in-options';
import { setToken, useToken } from '../auth/token';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';

/** Where to go once signed in: the deep link the person first opened, never back here. */
function destination(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-in') ? from : '/';
}

/**
 * How people sign in: with the university's account (OpenID Connect) where it is set up, and by
 * picking a person where dev login is on (demos and tests). The API says which
 * (GET /api/auth/sign-in-options). The provider sends people back here with a code.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const token = useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const options = useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => api<SignInOptions>('/api/auth/sign-in-options'),
    staleTime: 60_000,
  });
  const returning = isOidcReturn(location.search);
  const [arriving, setArriving] = useState(false);
  const [oidcFailure, setOidcFailure] = useState<'cancelled' | 'failed' | null>(null);
  const from = destination((location.state as { from?: unknown } | null)?.from);

  if (token && !arriving && !returning) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeading>{t('account.signIn.title')}</PageHeading>
      {options.isPending && <Loading />}
      {options.isError && <LoadError onRetry={() => void options.refetch()} />}
      {options.data && (
        <>
          {returning && options.data.oidc && (
            <OidcReturn
              settings={options.data.oidc}
              onArrive={() => setArriving(true)}
              onFail={(kind, to) => {
                setOidcFailure(kind);
                // The provider's answer leaves the address; trying again still leads to the page first asked for.
                navigate('/sign-in', { replace: true, state: { from: to } });
              }}
            />
          )}
          {!returning && options.data.oidc && (
            <>
              {oidcFailure && (
                <Alert data-color={oidcFailure === 'cancelled' ? 'warning' : 'danger'} role="alert">
                  {t(oidcFailure === 'cancelled' ? 'account.signIn.oidcCancelled' : 'account.signIn.oidcFailed')}
                </Alert>
              )}
              <OidcSignIn settings={options.data.oidc} from={from} />
            </>
          )}
          {options.data.devLogin && <DevLogin groups={options.data.devLogin.groups} from={from} onArrive={() => setArriving(true)} />}
          {!options.data.oidc && !options.data.devLogin && <Paragraph>{t('account.signIn.none')}</Paragraph>}
        </>
      )}
    </>
  );
}

function OidcSignIn({ settings, from }: { settings: OidcSettings; from: string }) {
  const { t, i18n } = useTranslation();
  const redirect = useMutation({ mutationFn: () => startOidcSignIn(settings, i18n.language, from) });
  return (
    <section className="sign-in-oidc" aria-label={t('account.signIn.oidcSection')}>
      <Paragraph>{t('account.signIn.oidcIntro')}</Paragraph>
      {redirect.isError && (
        <Alert data-color="danger" role="alert">
          {t('account.signIn.oidcUnreachable')}
        </Alert>
      )}
      <div>
        <Button data-color="accent" onClick={() => redirect.mutate()} disabled={redirect.isPending || redirect.isSuccess} aria-busy={redirect.isPending || undefined}>
          {t('account.signIn.oidcButton')}
        </Button>
      </div>
      {(redirect.isPending || redirect.isSuccess) && (
        <Paragraph role="status" data-size="sm">
          {t('account.signIn.redirecting')}
        </Paragraph>
      )}
    </section>
  );
}

/** Back from the provider: exchange the code, then on to the page the person first asked for. */
function OidcReturn({
  settings,
  onArrive,
  onFail,
}: {
  settings: OidcSettings;
  onArrive: () => void;
  onFail: (kind: 'cancelled' | 'failed', from: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    let current = true;
    completeOidcSignIn(settings, i18n.language, window.location.href).then(
      ({ token, from }) => {
        if (!current) return;
        onArrive();
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'sign-in-options' });
        setToken(token);
        navigate(destination(from), { replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof OidcRefused) onFail(error.code === 'access_denied' ? 'cancelled' : 'failed', error.from);
        else onFail('failed', '/');
      },
    );
    return () => {
      current = false;
    };
    // Once per return from the provider; the settings and language do not change it.
  }, []);

  return (
    <div role="status" className="loading">
      {t('account.signIn.completing')}
    </div>
  );
}

type DevGroup = NonNullable<SignInOptions['devLogin']>['groups'][number];

/** Who to sign in as, and where the choice was made: a failed button and a failed e-mail answer in different places. */
interface DevSignIn {
  email: string;
  via: 'button' | 'form';
}

function DevLogin({ groups, from, onArrive }: { groups: DevGroup[]; from: string; onArrive: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: ({ email }: DevSignIn) => api<{ token: string }>('/api/auth/dev-login', { method: 'POST', body: { email } }),
    onSuccess: ({ token }) => {
      onArrive();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'sign-in-options' });
      setToken(token);
      navigate(from, { replace: true });
    },
  });
  const failedVia = signIn.isError ? signIn.variables?.via : undefined;
  const problem = failedVia === 'form' ? problemOf(signIn.error) : null;
  const emailError = !problem ? undefined : fieldErrorsOf(problem).email ? t('account.signIn.unknownEmail') : problem.status === 400 ? t('account.signIn.invalidEmail') : t('account.signIn.failed');

  return (
    <>
      <Paragraph>{t('account.signIn.devIntro')}</Paragraph>
      {failedVia === 'button' && (
        <Alert data-color="danger" role="alert">
          {t('account.signIn.failed')}
        </Alert>
      )}
      <div className="sign-in-groups">
        {groups.map((group) => (
          <Card key={group.role} data-color="neutral" className="sign-in-group">
            <section aria-labelledby={`sign-in-${group.role}`}>
              <Heading level={2} data-size="xs" id={`sign-in-${group.role}`}>
                {t(`roles.${group.role}.name`)}
              </Heading>
              <Paragraph data-size="sm">{t(`account.signIn.can.${group.role}`)}</Paragraph>
              <ul className="sign-in-people">
                {group.people.map((person) => (
                  <li key={person.email}>
                    <Button
                      variant="secondary"
                      data-size="sm"
                      onClick={() => signIn.mutate({ email: person.email, via: 'button' })}
                      disabled={signIn.isPending}
                      aria-describedby={`person-${person.email}`}
                    >
                      {t('account.signIn.as', { name: person.name })}
                    </Button>
                    <PersonFacts person={person} role={group.role} id={`person-${person.email}`} />
                  </li>
                ))}
              </ul>
              {group.more > 0 && <Paragraph data-size="sm">{t('account.signIn.more', { count: group.more })}</Paragraph>}
            </section>
          </Card>
        ))}
      </div>
      <EmailSignIn pending={signIn.isPending} error={emailError} onSignIn={(email) => signIn.mutate({ email, via: 'form' })} />
    </>
  );
}

/**
 * What a person is, beside their name: e-mail and home unit, where they hold the group's role
 * (unless that is only their own unit or the whole university), and any other roles they hold.
 */
function PersonFacts({ person, role, id }: { person: SignInPerson; role: string; id: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const home = format.label(person.unit);
  const scopesOf = (held: string, skipHome: boolean) =>
    person.holds
      .filter((hold) => hold.role === held && !(skipHome && !hold.standingIn && (!hold.scope || format.label(hold.scope) === home)))
      .map((hold) => {
        const where = hold.scope ? format.label(hold.scope) : t('account.signIn.wholeUniversity');
        return hold.standingIn ? t('account.signIn.standingIn', { scope: where }) : where;
      });
  const here = scopesOf(role, true);
  const others = [...new Set(person.holds.map((hold) => hold.role))].filter((held) => held !== role);
  return (
    <div id={id} className="sign-in-facts">
      <span>{`${person.email} · ${home}`}</span>
      {here.length > 0 && <span>{t('account.signIn.where', { scopes: here.join(', ') })}</span>}
      {others.map((held) => (
        <span key={held}>
          {t('account.signIn.also', { role: t(`roles.${held}.name`).toLocaleLowerCase(i18n.language), scopes: scopesOf(held, false).join(', ') })}
        </span>
      ))}
    </div>
  );
}

/** Anyone else by e-mail: the picker lists only a few per role. */
function EmailSignIn({ pending, error, onSignIn }: { pending: boolean; error?: string; onSignIn: (email: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const shown = localError ?? error;
  // To the field with its message, so that a screen reader says what went wrong.
  useEffect(() => {
    if (shown) input.current?.focus();
  }, [shown]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
      setLocalError(t('account.signIn.invalidEmail'));
      return;
    }
    setLocalError(null);
    onSignIn(trimmed);
  };

  return (
    <section aria-labelledby="sign-in-other" className="sign-in-other">
      <Heading level={2} data-size="xs" id="sign-in-other">
        {t('account.signIn.otherTitle')}
      </Heading>
      <form onSubmit={submit} noValidate className="sign-in-email">
        <Textfield
          label={t('account.signIn.email')}
          description={t('account.signIn.emailHelp')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={shown}
          ref={input}
        />
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t('account.signIn.emailSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
