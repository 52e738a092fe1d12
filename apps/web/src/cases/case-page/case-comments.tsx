import { Alert, Button, ErrorSummary, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrorsOf, problemOf } from '../../api/problem';
import { useFormat } from '../../format';
import { useCounter } from '../../forms/counter';
import { reasonsInWords } from '../../forms/reasons';
import { LoadError, Loading } from '../../query-states';
import { caseKeys, useCaseComments, type CaseComment } from './case-data';

const FIELD_ID = 'case-comment-body';

/** The comments on a case, oldest first, and a form for a new one: anyone who can see the case may comment. */
export function CaseComments({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const counter = useCounter();
  const comments = useCaseComments(caseId);
  const [body, setBody] = useState('');
  const [added, setAdded] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const addedNote = useRef<HTMLParagraphElement>(null);
  const adding = useMutation({
    mutationFn: () => api<CaseComment>(`/api/cases/${caseId}/comments`, { method: 'POST', body: { body } }),
    onSuccess: async () => {
      setBody('');
      setAdded(true);
      await queryClient.invalidateQueries({ queryKey: caseKeys.comments(caseId) });
      addedNote.current?.focus();
    },
  });
  const problem = problemOf(adding.error);
  const errors = reasonsInWords(fieldErrorsOf(problem), t);
  // The comment's text is the body's `body`; a refusal of the request as a whole is named `body` too.
  const fieldError = errors.body;

  useEffect(() => {
    if (adding.isError) summary.current?.focus();
  }, [adding.isError, adding.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    adding.mutate();
  };

  return (
    <section aria-labelledby="case-comments" className="case-section">
      <Heading level={2} data-size="sm" id="case-comments">
        {t('casePage.sections.comments')}
      </Heading>
      {comments.isPending && <Loading />}
      {comments.isError && <LoadError onRetry={() => void comments.refetch()} />}
      {comments.data &&
        (comments.data.length === 0 ? (
          <Paragraph>{t('casePage.comments.empty')}</Paragraph>
        ) : (
          <ol className="case-comment-list" aria-label={t('casePage.comments.listLabel')}>
            {comments.data.map((comment) => (
              <li key={comment.id} className="case-comment">
                <Paragraph data-size="sm" className="case-comment-meta">
                  {t('casePage.comments.meta', { name: comment.author.name, date: format.dateTime(comment.createdAt) })}
                </Paragraph>
                <Paragraph className="case-text">{comment.body}</Paragraph>
              </li>
            ))}
          </ol>
        ))}
      {added && (
        <Paragraph role="status" ref={addedNote} tabIndex={-1} className="case-note">
          {t('casePage.comments.added')}
        </Paragraph>
      )}
      <form className="case-comment-form" onSubmit={submit} noValidate>
        <div ref={summary} tabIndex={-1} className="form-problem">
          {problem && fieldError ? (
            <ErrorSummary>
              <ErrorSummary.Heading>{t('casePage.comments.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                <ErrorSummary.Item>
                  <ErrorSummary.Link href={`#${FIELD_ID}`}>{`${t('casePage.comments.label')}: ${fieldError}`}</ErrorSummary.Link>
                </ErrorSummary.Item>
              </ErrorSummary.List>
            </ErrorSummary>
          ) : (
            adding.isError && (
              <Alert data-color="danger" role="alert">
                {problem?.detail || t('casePage.loadError')}
              </Alert>
            )
          )}
        </div>
        <Textfield
          id={FIELD_ID}
          className="form-field"
          multiline
          rows={4}
          label={t('casePage.comments.label')}
          description={t('casePage.comments.help')}
          value={body}
          error={fieldError}
          counter={counter(10000, fieldError)}
          onChange={(event) => {
            setAdded(false);
            setBody(event.target.value);
          }}
        />
        <div className="form-buttons">
          <Button type="submit" disabled={adding.isPending}>
            {adding.isPending ? t('casePage.comments.adding') : t('casePage.comments.add')}
          </Button>
        </div>
      </form>
    </section>
  );
}
