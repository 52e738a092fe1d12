import { Alert, Breadcrumbs, Button, Dialog, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { api, ApiError } from '../api/client';
import { useToken } from '../auth/token';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { type MeToday, type PeriodStatus } from './admin-api';
import { useRefusal } from './refusals';
import './admin.css';

/** The signed-in person, from the same query the header uses. */
export function useMe() {
  const token = useToken();
  return useQuery({ queryKey: ['me', token], queryFn: () => api<MeToday>('/api/me'), enabled: !!token });
}

/** Today as the API counts it (Europe/Oslo). */
export function useToday(): string {
  const me = useMe();
  return me.data?.day ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
}

export interface Crumb {
  to: string;
  label: string;
}

/**
 * Every admin page: where it sits under Administrasjon, its heading, and its content only for
 * admins. Anyone else who opens it (a link in a mail, a guessed address) is told that the page
 * is for admins and what to do instead; nothing of the content is fetched for them.
 */
export function AdminOnly({
  title,
  crumbs = [],
  overview,
  children,
}: {
  title: string;
  /** The pages between Administrasjon and this one. */
  crumbs?: Crumb[];
  /** The overview itself has no trail above it. */
  overview?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const isAdmin = me.data?.roles.some((r) => r.role === 'admin') ?? false;
  const trail = [{ to: '/admin', label: t('admin.title') }, ...crumbs, { to: location.pathname, label: title }];
  return (
    <>
      {!overview && (
        <Breadcrumbs aria-label={t('admin.crumbsLabel')} className="admin-crumbs">
          <Breadcrumbs.List>
            {trail.map((crumb) => (
              <Breadcrumbs.Item key={crumb.to}>
                <Breadcrumbs.Link asChild>
                  <RouterLink to={crumb.to}>{crumb.label}</RouterLink>
                </Breadcrumbs.Link>
              </Breadcrumbs.Item>
            ))}
          </Breadcrumbs.List>
        </Breadcrumbs>
      )}
      <PageHeading>{title}</PageHeading>
      {me.isPending && <Loading />}
      {me.isError && <LoadError onRetry={() => void me.refetch()} />}
      {me.data && !isAdmin && (
        <Alert data-color="warning" className="admin-no-access">
          <Heading level={2} data-size="xs">
            {t('admin.noAccess.title')}
          </Heading>
          <Paragraph>{t('admin.noAccess.body')}</Paragraph>
          <Paragraph>{t('admin.noAccess.what')}</Paragraph>
          <Link asChild>
            <RouterLink to="/">{t('admin.noAccess.home')}</RouterLink>
          </Link>
        </Alert>
      )}
      {me.data && isAdmin && children}
    </>
  );
}

/** A record that could not be fetched: one that does not exist is said so, anything else may be tried again. */
export function RecordError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Alert data-color="warning">
        <Paragraph>{t('admin.notFound')}</Paragraph>
      </Alert>
    );
  }
  return <LoadError onRetry={onRetry} />;
}

/** A link that looks like a link, through the router. */
export function To({ to, children, ...rest }: { to: string; children: ReactNode; 'aria-label'?: string }) {
  return (
    <Link asChild>
      <RouterLink to={to} {...rest}>
        {children}
      </RouterLink>
    </Link>
  );
}

/** A link styled as a button, for the page's main action ("Ny enhet"). */
export function ActionLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button asChild variant="primary" className="admin-action-link">
      <RouterLink to={to}>{children}</RouterLink>
    </Button>
  );
}

const STATUS_COLOR: Record<PeriodStatus | 'active', 'success' | 'info' | 'neutral' | 'warning'> = {
  active: 'success',
  inForce: 'success',
  upcoming: 'info',
  expired: 'neutral',
  ended: 'warning',
};

/** Whether a record runs today, in words and colour (never colour alone). */
export function StatusTag({ status }: { status: PeriodStatus | 'active' }) {
  const { t } = useTranslation();
  return <Tag data-color={STATUS_COLOR[status]}>{t(`admin.status.${status}`)}</Tag>;
}

/** A period of days as people write it; an open end says so. */
export function PeriodText({ from, to }: { from: string; to: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return <>{t('admin.period.range', { from: format.date(from), to: to ? format.date(to) : t('admin.period.openEnded') })}</>;
}

/** The mandates a refusal names (those still running on a unit or process that is to end), each as a link. */
export function MandateLinks({ ids }: { ids: string[] }) {
  return (
    <ul className="admin-plain-list">
      {ids.map((id) => (
        <li key={id}>
          <MandateLink id={id} />
        </li>
      ))}
    </ul>
  );
}

function MandateLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const mandate = useQuery({ queryKey: ['admin', 'mandate', id], queryFn: () => api<{ holder: { name: string }; process: { nameNb: string } }>(`/api/mandates/${id}`) });
  return (
    <To to={`/admin/mandates/${id}`}>
      {mandate.data ? t('admin.form.mandateOf', { name: mandate.data.holder.name, process: mandate.data.process.nameNb }) : t('admin.form.aMandate')}
    </To>
  );
}

/** A text field of an admin form, with its error from the form. */
export function TextInput({
  id,
  label,
  value,
  onChange,
  error,
  description,
  type = 'text',
  optional,
  autoComplete,
  multiline,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  type?: 'text' | 'email' | 'date' | 'search';
  optional?: boolean;
  autoComplete?: string;
  /** Several lines of text, such as a description. */
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  if (multiline) {
    return (
      <Textfield
        className="admin-field"
        id={id}
        multiline
        rows={4}
        label={optional ? `${label} (${t('admin.form.optional')})` : label}
        description={description}
        value={value}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <Textfield
      className="admin-field"
      id={id}
      type={type}
      label={optional ? `${label} (${t('admin.form.optional')})` : label}
      description={description}
      value={value}
      error={error}
      autoComplete={autoComplete}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/**
 * Ending something takes a role or a place away for good: the person confirms in a dialog,
 * which holds focus while open and gives it back to the button that opened it.
 */
export function EndButton({
  label,
  title,
  body,
  confirm,
  withReason,
  onEnd,
}: {
  label: string;
  title: string;
  body: string;
  confirm: string;
  withReason?: boolean;
  onEnd: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const refuse = useRefusal();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const ending = useMutation({
    mutationFn: () => onEnd(reason.trim()),
    onSuccess: () => setOpen(false),
  });
  const refusal = refuse(ending.error);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <Button ref={opener} variant="secondary" data-color="danger" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={close} closeButton={t('admin.dialog.close')} aria-labelledby="end-dialog-title">
        <Dialog.Block>
          <Heading level={2} data-size="xs" id="end-dialog-title">
            {title}
          </Heading>
        </Dialog.Block>
        <Dialog.Block className="admin-dialog-body">
          <Paragraph>{body}</Paragraph>
          {withReason && <TextInput id="end-reason" label={t('admin.dialog.reason')} optional value={reason} onChange={setReason} />}
          {refusal && (
            <Alert data-color="danger" role="alert">
              <Paragraph>{refusal.message ?? Object.values(refusal.fields).join(' ')}</Paragraph>
              {refusal.mandateIds.length > 0 && <MandateLinks ids={refusal.mandateIds} />}
            </Alert>
          )}
          <div className="admin-buttons">
            <Button data-color="danger" onClick={() => ending.mutate()} disabled={ending.isPending}>
              {ending.isPending ? t('admin.form.saving') : confirm}
            </Button>
            <Button variant="tertiary" onClick={close}>
              {t('admin.form.cancel')}
            </Button>
          </div>
        </Dialog.Block>
      </Dialog>
    </>
  );
}

/** A short confirmation after a change, announced to screen readers. */
export function Saved({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert data-color="success" role="status">
      {message}
    </Alert>
  );
}

/** Definition list of a record's facts. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="admin-facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
