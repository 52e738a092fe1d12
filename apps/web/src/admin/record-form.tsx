import { Alert, Button, ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MandateLinks, To } from './admin-shared';
import { useRefusal, type Refusal } from './refusals';

/** The fields of a form by the API's name for them: what the error summary calls them and where it links. */
type FieldMap<F extends string = string> = Record<F, { label: string; id: string }>;

/**
 * A form's sending: its own checks first (a field left empty is said in the reader's words),
 * then the API's refusal at the fields and above the form. The input stays as it was typed.
 */
export function useAdminForm<T, F extends string>({
  fields,
  check,
  send,
  onDone,
  processName,
}: {
  fields: FieldMap<F>;
  check: () => Record<string, string>;
  send: () => Promise<T>;
  onDone: (result: T) => void;
  processName?: string;
}) {
  const refuse = useRefusal();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({ mutationFn: send, onSuccess: onDone, onError: () => setAttempt((n) => n + 1) });
  const refusal: Refusal | null = Object.keys(missing).length ? null : refuse(mutation.error, { processName });
  const errors = Object.keys(missing).length ? missing : (refusal?.fields ?? {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setMissing(found);
    if (Object.keys(found).length) {
      mutation.reset();
      setAttempt((n) => n + 1);
      return;
    }
    mutation.mutate();
  };
  /** A field's id, label and error, as the inputs and pickers take them. */
  const field = (name: F) => ({ ...fields[name], error: errors[name] });
  return { fields, field, submit, errors, refusal, attempt, pending: mutation.isPending };
}
type AdminForm = ReturnType<typeof useAdminForm>;

/**
 * What is wrong with the form, above it: every field's error as a link to the field (an
 * ErrorSummary takes focus when it appears), and what concerns the request as a whole.
 */
function FormProblem({
  errors,
  refusal,
  attempt,
  fields,
  extra,
}: {
  errors: Record<string, string>;
  refusal: Refusal | null;
  attempt: number;
  fields: FieldMap;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const alert = useRef<HTMLDivElement>(null);
  const named = Object.keys(errors).filter((field) => fields[field]);
  const unnamed = Object.keys(errors).filter((field) => !fields[field]);
  const message = refusal?.message ?? null;
  const summary = named.length > 0;
  useEffect(() => {
    if (!summary && attempt > 0) alert.current?.focus();
  }, [attempt, summary]);
  if (!summary && !message && unnamed.length === 0) return null;
  return (
    <div className="admin-form-problem">
      {summary && (
        <ErrorSummary key={attempt}>
          <ErrorSummary.Heading>{t('admin.form.errorSummary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {named.map((field) => (
              <ErrorSummary.Item key={field}>
                <ErrorSummary.Link href={`#${fields[field]!.id}`}>{`${fields[field]!.label}: ${errors[field]}`}</ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {(message || unnamed.length > 0) && (
        <div ref={alert} tabIndex={-1} className="admin-focus-target">
          <Alert data-color="danger">
            {message && <Paragraph>{message}</Paragraph>}
            {unnamed.map((field) => (
              <Paragraph key={field}>{errors[field]}</Paragraph>
            ))}
            {refusal?.inTheWay && (
              <Paragraph>
                <To to={refusal.inTheWay.kind === 'mandate' ? `/admin/mandates/${refusal.inTheWay.id}` : `/admin/role-assignments/${refusal.inTheWay.id}`}>
                  {t(refusal.inTheWay.kind === 'mandate' ? 'admin.form.openMandate' : 'admin.form.openAssignment', { name: refusal.inTheWay.name })}
                </To>
              </Paragraph>
            )}
            {refusal && refusal.mandateIds.length > 0 && <MandateLinks ids={refusal.mandateIds} />}
            {extra}
          </Alert>
        </div>
      )}
    </div>
  );
}

/**
 * A record's form: what is wrong, above the fields (each field's error linked from the summary
 * and shown at the field, the API's reasons in the reader's words), the fields, and the button
 * that sends it, which says so while it does.
 */
export function RecordForm({
  form,
  submitLabel,
  secondary,
  intro,
  problemExtra,
  after,
  children,
  ...named
}: {
  form: Pick<AdminForm, 'submit' | 'errors' | 'refusal' | 'attempt' | 'pending' | 'fields'>;
  submitLabel: string;
  /** A smaller form inside a section of the page sends with a secondary button. */
  secondary?: boolean;
  /** What stands above the error summary: a heading or a word on what the form does. */
  intro?: ReactNode;
  /** More about the refusal, in its alert (such as the handover a mandate's overlap allows). */
  problemExtra?: ReactNode;
  /** What stands below the button. */
  after?: ReactNode;
  children: ReactNode;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}) {
  const { t } = useTranslation();
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} {...named}>
      {intro}
      <FormProblem errors={form.errors} refusal={form.refusal} attempt={form.attempt} fields={form.fields} extra={problemExtra} />
      {children}
      <div className="admin-buttons">
        <Button type="submit" variant={secondary ? 'secondary' : undefined} disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : submitLabel}
        </Button>
      </div>
      {after}
    </form>
  );
}
