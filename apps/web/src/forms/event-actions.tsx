import { Alert, Button, ErrorSummary, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowedEvent, BlockedEvent, EventBody } from '../api/client';
import { fieldErrorsOf, problemOf } from '../api/problem';
import { emptyValue, payloadOf, type FormObject, type JsonSchema } from './json-schema';
import { reasonsInWords } from './reasons';
import { fieldId, SchemaFields, useFieldWords, type FieldWidget } from './schema-fields';

/**
 * The decisions a person may take on a case, project, round or follow-up, as the API lists them:
 * a button per allowed event, and for the chosen one a form built from its payload schema. The
 * API's refusal comes back where it belongs: a field's reason under the field, the rest above the
 * form. When someone else changed the thing first (409), the input stays, the page fetches the
 * new state, and the person decides again on what is there now. See docs/web-app.md.
 */
export function EventActions({
  allowed,
  blocked = [],
  revision,
  send,
  onSent,
  onStale,
  widgets,
  headingId = 'actions',
}: {
  allowed: AllowedEvent[];
  blocked?: BlockedEvent[];
  revision: number;
  send: (body: EventBody) => Promise<unknown>;
  onSent: () => void;
  /** Fetch the thing again after a 409. */
  onStale: () => void;
  widgets?: Record<string, Record<string, FieldWidget>>;
  headingId?: string;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const event = allowed.find((e) => e.type === chosen);
  return (
    <section aria-labelledby={headingId} className="event-actions">
      <Heading level={2} data-size="sm" id={headingId}>
        {t('actions.title')}
      </Heading>
      {allowed.length === 0 && blocked.length === 0 && <Paragraph>{t('actions.none')}</Paragraph>}
      {allowed.length > 0 && (
        <div className="action-buttons">
          {allowed.map((e) => (
            <Button
              key={e.type}
              variant={e.type === chosen ? 'primary' : 'secondary'}
              aria-expanded={e.type === chosen}
              aria-controls={e.type === chosen ? `form-${e.type}` : undefined}
              onClick={() => setChosen(e.type === chosen ? null : e.type)}
            >
              {t([`events.${e.type}.label`], { defaultValue: e.type })}
            </Button>
          ))}
        </div>
      )}
      {blocked.length > 0 && (
        <div className="blocked-actions">
          <Heading level={3} data-size="2xs">
            {t('actions.blockedTitle')}
          </Heading>
          <ul>
            {blocked.map((b) => (
              <li key={b.type}>
                <strong>{t([`events.${b.type}.label`], { defaultValue: b.type })}</strong>: {b.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {event && (
        <EventForm
          key={event.type}
          event={event}
          revision={revision}
          send={send}
          widgets={widgets?.[event.type]}
          onCancel={() => setChosen(null)}
          onSent={() => {
            setChosen(null);
            onSent();
          }}
          onStale={onStale}
        />
      )}
    </section>
  );
}

function EventForm({
  event,
  revision,
  send,
  widgets,
  onCancel,
  onSent,
  onStale,
}: {
  event: AllowedEvent;
  revision: number;
  send: (body: EventBody) => Promise<unknown>;
  widgets?: Record<string, FieldWidget>;
  onCancel: () => void;
  onSent: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const schema = event.payloadSchema as JsonSchema;
  const [value, setValue] = useState<FormObject>(() => emptyValue(schema) as FormObject);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const sending = useMutation({
    mutationFn: () => send({ type: event.type, payload: payloadOf(schema, value), expectedRevision: revision }),
    onSuccess: onSent,
    onError: (error) => {
      if (problemOf(error)?.status === 409) onStale();
    },
  });
  const problem = problemOf(sending.error);
  const errors = reasonsInWords(fieldErrorsOf(problem, 'payload.'), t);
  const fieldsWithErrors = Object.keys(errors).filter((path) => path !== '' && path !== 'payload');
  const idPrefix = `event-${event.type}`;
  const words = useFieldWords({ wordsKey: event.type });

  // The form opens where the person is working: focus its heading so a screen reader says which form it is.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (sending.isError) summary.current?.focus();
  }, [sending.isError, sending.failureCount, sending.error]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    sending.mutate();
  };
  const description = t([`events.${event.type}.description`], { defaultValue: '' });

  return (
    <form id={`form-${event.type}`} className="event-form" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-heading`}>
      <Heading level={3} data-size="xs" id={`${idPrefix}-heading`} ref={heading} tabIndex={-1}>
        {t([`events.${event.type}.label`], { defaultValue: event.type })}
      </Heading>
      {description && <Paragraph data-size="sm">{description}</Paragraph>}
      {problem && (
        <div ref={summary} tabIndex={-1} className="form-problem">
          {problem.status === 409 ? (
            <Alert data-color="warning">
              <Heading level={4} data-size="2xs">
                {t('actions.staleTitle')}
              </Heading>
              <Paragraph>{t('actions.staleBody')}</Paragraph>
            </Alert>
          ) : fieldsWithErrors.length > 0 ? (
            <ErrorSummary>
              <ErrorSummary.Heading>{t('forms.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                {fieldsWithErrors.map((path) => (
                  <ErrorSummary.Item key={path}>
                    <ErrorSummary.Link
                      href={`#${fieldId(idPrefix, path)}`}
                      onClick={(e) => {
                        // Put the cursor in the field itself, not just scroll to it.
                        const field = document.getElementById(fieldId(idPrefix, path));
                        if (!field) return;
                        e.preventDefault();
                        field.focus();
                      }}
                    >
                      {`${words.label(path, {})}: ${errors[path]}`}
                    </ErrorSummary.Link>
                  </ErrorSummary.Item>
                ))}
              </ErrorSummary.List>
            </ErrorSummary>
          ) : (
            <Alert data-color="danger">{problem.detail || problem.title || t('common.errorBody')}</Alert>
          )}
        </div>
      )}
      {sending.isError && !problem && (
        <Alert data-color="danger" role="alert">
          {t('common.errorBody')}
        </Alert>
      )}
      <SchemaFields schema={schema} value={value} onChange={setValue} context={{ wordsKey: event.type, errors, widgets, idPrefix }} />
      <div className="form-buttons">
        <Button type="submit" disabled={sending.isPending}>
          {sending.isPending ? t('actions.sending') : problem?.status === 409 ? t('actions.sendAgain') : t('actions.send')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
      </div>
    </form>
  );
}
