import { Alert, Button, Details, Heading, Link, Paragraph, Select, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { problemOf } from '../api/problem';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { FormDialog } from './form-dialog';
import { dotted, isMissing, roundKey, useMe, useRound } from './programme-data';
import type { Ballot, Candidate, Round } from './types';
import './programme.css';

const SCORES = [0, 1, 2, 3, 4, 5];

interface Draft {
  scores: Record<string, string>;
  comment: string;
}

type SaveState = { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; errors: Record<string, string>; message: string };

/**
 * A council member's ballot (docs/priority-rounds.md, "Voting"): a score from 0 to 5 per case and
 * criterion. Saved as the member goes: a case is saved as soon as every criterion has its score,
 * and again on every change, one request after another; the row says whether it is saved, and a
 * live region says so to a screen reader. A member may declare a conflict of interest for a case,
 * which leaves them out of its tally.
 */
export function BallotPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const round = useRound(id);
  const ballot = useQuery({ queryKey: ['ballot', id], queryFn: () => api<Ballot>(`/api/rounds/${id}/ballot`) });
  const notMember = ballot.error instanceof ApiError && ballot.error.status === 403;
  return (
    <>
      <Link asChild>
        <RouterLink to={`/rounds/${id}`}>{round.data ? t('programme.ballot.backToRound', { reference: round.data.reference }) : t('programme.backToProgramme')}</RouterLink>
      </Link>
      {(round.isPending || (ballot.isPending && !round.isError)) && <Loading />}
      {round.isError && isMissing(round.error) && (
        <>
          <PageHeading>{t('programme.round.notFoundTitle')}</PageHeading>
          <Alert data-color="warning">{t('programme.round.notFound')}</Alert>
        </>
      )}
      {round.isError && !isMissing(round.error) && <LoadError onRetry={() => void round.refetch()} />}
      {round.data && notMember && (
        <>
          <PageHeading>{t('programme.ballot.title', { reference: round.data.reference })}</PageHeading>
          <Alert data-color="warning">{t('programme.ballot.notMember')}</Alert>
        </>
      )}
      {round.data && ballot.isError && !notMember && <LoadError onRetry={() => void ballot.refetch()} />}
      {round.data && ballot.data && <BallotView round={round.data} ballot={ballot.data} />}
    </>
  );
}

function BallotView({ round, ballot }: { round: Round; ballot: Ballot }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const me = useMe();
  const myId = ballot.member.id;
  const open = round.state === 'open';
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(ballot.votes.map((v) => [v.caseId, { scores: Object.fromEntries(Object.entries(v.scores).map(([k, s]) => [k, String(s)])), comment: v.comment ?? '' }])),
  );
  const [states, setStates] = useState<Record<string, SaveState>>(() => Object.fromEntries(ballot.votes.map((v) => [v.caseId, { kind: 'saved', at: v.updatedAt }])));
  const [announcement, setAnnouncement] = useState('');
  const [alert, setAlert] = useState('');
  // One save after another, so the last change a person makes is the one that stays.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const leftOut = new Set(round.conflicts.filter((c) => c.member.id === myId && c.counts).map((c) => c.caseId));
  const votable = round.candidates.filter((c) => !leftOut.has(c.caseId));
  const scored = votable.filter((c) => ballot.votes.some((v) => v.caseId === c.caseId)).length;
  const complete = (draft: Draft | undefined) => round.criteria.every((c) => (draft?.scores[c.key] ?? '') !== '');

  const save = (candidate: Candidate, draft: Draft) => {
    setStates((s) => ({ ...s, [candidate.caseId]: { kind: 'saving' } }));
    queue.current = queue.current.then(async () => {
      try {
        const saved = await api<Ballot>(`/api/rounds/${round.id}/ballot`, {
          method: 'PUT',
          body: {
            votes: [
              {
                caseId: candidate.caseId,
                scores: Object.fromEntries(round.criteria.map((c) => [c.key, Number(draft.scores[c.key])])),
                comment: draft.comment.trim() ? draft.comment : null,
              },
            ],
          },
        });
        queryClient.setQueryData(['ballot', round.id], saved);
        const vote = saved.votes.find((v) => v.caseId === candidate.caseId);
        setStates((s) => ({ ...s, [candidate.caseId]: { kind: 'saved', at: vote?.updatedAt ?? new Date().toISOString() } }));
        setAlert('');
        setAnnouncement(t('programme.ballot.savedCase', { reference: candidate.reference }));
      } catch (error) {
        const problem = problemOf(error);
        const errors: Record<string, string> = {};
        for (const e of problem?.errors ?? []) {
          const path = dotted(e.field).replace(/^votes\.0\./, '');
          errors[path] = errors[path] ? `${errors[path]}; ${e.reason}` : e.reason;
        }
        const message = problem?.status === 422 ? t('programme.ballot.closedNow') : (errors.caseId ?? problem?.detail) || t('programme.ballot.saveFailed');
        setStates((s) => ({ ...s, [candidate.caseId]: { kind: 'failed', errors, message } }));
        setAlert(t('programme.ballot.notSavedCase', { reference: candidate.reference, message }));
        if (problem?.status === 422) void queryClient.invalidateQueries({ queryKey: roundKey(round.id) });
      }
    });
  };

  const change = (candidate: Candidate, next: Draft, saveNow: boolean) => {
    setDrafts((d) => ({ ...d, [candidate.caseId]: next }));
    if (saveNow && complete(next)) save(candidate, next);
  };

  // A case the member is now left out of has no vote any more: the API removed it.
  const leftOutKey = [...leftOut].sort().join(',');
  useEffect(() => {
    const gone = leftOutKey.split(',').filter(Boolean);
    if (gone.length === 0) return;
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([caseId]) => !gone.includes(caseId))));
    setStates((s) => Object.fromEntries(Object.entries(s).filter(([caseId]) => !gone.includes(caseId))));
  }, [leftOutKey]);

  const lastSaved = ballot.votes.map((v) => v.updatedAt).sort().pop();
  const saving = Object.values(states).some((s) => s.kind === 'saving');
  const failed = Object.values(states).some((s) => s.kind === 'failed');

  return (
    <>
      <PageHeading>{t('programme.ballot.title', { reference: round.reference })}</PageHeading>
      <Paragraph>{t('programme.ballot.intro', { title: round.title, name: me.data?.name ?? ballot.member.name })}</Paragraph>
      {open ? (
        <Paragraph>{round.closesAt ? t('programme.ballot.openUntil', { closesAt: format.dateTime(round.closesAt) }) : t('programme.ballot.openNow')}</Paragraph>
      ) : (
        <Alert data-color="info">{round.state === 'draft' ? t('programme.ballot.notOpen') : t('programme.ballot.closed')}</Alert>
      )}

      <section aria-labelledby="progress-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="progress-heading">
          {t('programme.ballot.progress')}
        </Heading>
        <Paragraph id="ballot-progress-text">{t('programme.ballot.progressText', { scored, total: votable.length })}</Paragraph>
        <progress className="ballot-progress" max={Math.max(votable.length, 1)} value={scored} aria-labelledby="ballot-progress-text" />
        {ballot.complete && votable.length > 0 && <Paragraph>{open ? t('programme.ballot.completeOpen') : t('programme.ballot.complete')}</Paragraph>}
        <Paragraph data-size="sm" className="save-summary">
          {saving
            ? t('programme.ballot.saving')
            : failed
              ? t('programme.ballot.someNotSaved')
              : lastSaved
                ? `${t('programme.ballot.allSaved')} ${t('programme.ballot.lastSaved', { at: format.dateTime(lastSaved) })}`
                : t('programme.ballot.nothingYet')}
        </Paragraph>
        {/* What a screen reader hears when a case is saved or refused. */}
        <div role="status" className="ds-sr-only">
          {announcement}
        </div>
        <div role="alert" className="ds-sr-only">
          {alert}
        </div>
      </section>

      <section aria-labelledby="grid-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="grid-heading">
          {t('programme.ballot.gridTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('programme.ballot.scale')}</Paragraph>
        <div className="table-scroll">
          <Table className="score-grid">
            <caption>{t('programme.ballot.caption', { reference: round.reference })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell id="col-case">{t('programme.case')}</Table.HeaderCell>
                {round.criteria.map((c) => (
                  <Table.HeaderCell key={c.key} id={`col-${c.key}`}>
                    {format.label(c.label)}
                  </Table.HeaderCell>
                ))}
                <Table.HeaderCell>{t('programme.ballot.state')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {round.candidates.map((c) => (
                <BallotRow
                  key={c.caseId}
                  round={round}
                  candidate={c}
                  myId={myId}
                  open={open}
                  leftOut={leftOut.has(c.caseId)}
                  draft={drafts[c.caseId] ?? { scores: {}, comment: '' }}
                  state={states[c.caseId]}
                  complete={complete(drafts[c.caseId])}
                  onChange={(next, saveNow) => change(c, next, saveNow)}
                />
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
    </>
  );
}

function BallotRow({
  round,
  candidate,
  myId,
  open,
  leftOut,
  draft,
  state,
  complete,
  onChange,
}: {
  round: Round;
  candidate: Candidate;
  myId: string;
  open: boolean;
  leftOut: boolean;
  draft: Draft;
  state: SaveState | undefined;
  complete: boolean;
  onChange: (draft: Draft, saveNow: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rowId = `case-${candidate.caseId}`;
  const conflictsOpen = ['draft', 'open'].includes(round.state);
  const errors = state?.kind === 'failed' ? state.errors : {};
  const conflict = round.conflicts.find((c) => c.member.id === myId && c.caseId === candidate.caseId);
  const suggested = candidate.suggestedConflicts.find((s) => s.memberId === myId);
  const missing = round.criteria.filter((c) => (draft.scores[c.key] ?? '') === '').length;
  const [savedComment, setSavedComment] = useState(draft.comment);

  return (
    <>
      <Table.Row className="case-row">
        <Table.HeaderCell scope="row" id={rowId} className="case-cell">
          <span id={`${rowId}-ref`} hidden>
            {candidate.reference}
          </span>
          <Link asChild>
            <RouterLink to={`/cases/${candidate.caseId}`}>{candidate.reference}</RouterLink>
          </Link>{' '}
          {candidate.title}
        </Table.HeaderCell>
        {leftOut ? (
          <Table.Cell colSpan={round.criteria.length}>
            <Tag data-color="warning">{t('programme.ballot.leftOut')}</Tag>{' '}
            {conflict?.decision === 'upheld' ? t('programme.ballot.upheld') : t('programme.ballot.declared')}
            {conflict?.reason && <div>{t('programme.conflicts.because', { reason: conflict.reason })}</div>}
          </Table.Cell>
        ) : (
          round.criteria.map((c) => {
            const error = errors[`scores.${c.key}`];
            const cellId = `score-${candidate.caseId}-${c.key}`;
            return (
              <Table.Cell key={c.key}>
                {/* The column's heading, shown above the score where the grid is stacked (a phone); the select is named by the heading itself. */}
                <span className="cell-label" aria-hidden="true">
                  {format.label(c.label)}
                </span>
                <Select
                  id={cellId}
                  data-size="sm"
                  aria-labelledby={`col-${c.key} ${rowId}-ref`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${cellId}-error` : undefined}
                  disabled={!open}
                  value={draft.scores[c.key] ?? ''}
                  onChange={(e) => onChange({ ...draft, scores: { ...draft.scores, [c.key]: e.target.value } }, true)}
                >
                  <Select.Option value="">{t('programme.ballot.noScore')}</Select.Option>
                  {SCORES.map((s) => (
                    <Select.Option key={s} value={String(s)}>
                      {String(s)}
                    </Select.Option>
                  ))}
                </Select>
                {error && <ValidationMessage id={`${cellId}-error`}>{error}</ValidationMessage>}
              </Table.Cell>
            );
          })
        )}
        <Table.Cell className="save-state">
          {leftOut ? (
            t('programme.ballot.notScored')
          ) : state?.kind === 'saving' ? (
            t('programme.ballot.savingCase')
          ) : state?.kind === 'failed' ? (
            <ValidationMessage>{state.message}</ValidationMessage>
          ) : missing === round.criteria.length ? (
            t('programme.ballot.notStarted')
          ) : missing > 0 ? (
            t('programme.ballot.missing', { count: missing })
          ) : state?.kind === 'saved' ? (
            <Tag data-color="success">{t('programme.ballot.saved')}</Tag>
          ) : (
            t('programme.ballot.notSaved')
          )}
        </Table.Cell>
      </Table.Row>
      {/* The comment and the conflict of interest under the scores, so the grid stays narrow. */}
      <Table.Row className="case-extra">
        <Table.Cell colSpan={round.criteria.length + 2}>
          {suggested && !conflict && <Paragraph data-size="sm">{t(`programme.ballot.suggested.${suggested.because}`)}</Paragraph>}
          <div className="ballot-extra">
            {!leftOut && (
              <Details>
                <Details.Summary>{t('programme.ballot.commentFor', { reference: candidate.reference })}</Details.Summary>
                <Details.Content>
                  <Textfield
                    multiline
                    rows={3}
                    label={t('programme.ballot.comment')}
                    description={complete ? t('programme.ballot.commentHelp') : t('programme.ballot.commentWaits')}
                    value={draft.comment}
                    readOnly={!open}
                    error={errors.comment}
                    onChange={(e) => onChange({ ...draft, comment: e.target.value }, false)}
                    onBlur={() => {
                      if (draft.comment !== savedComment && open) {
                        setSavedComment(draft.comment);
                        onChange(draft, true);
                      }
                    }}
                  />
                </Details.Content>
              </Details>
            )}
            {/* Conflicts are declared and withdrawn until voting closes, from the set-up on. */}
            {conflictsOpen && !conflict && <DeclareConflict round={round} candidate={candidate} />}
            {conflictsOpen && conflict?.declaredAt && conflict.decision !== 'upheld' && <WithdrawConflict round={round} candidate={candidate} />}
          </div>
        </Table.Cell>
      </Table.Row>
    </>
  );
}

function DeclareConflict({ round, candidate }: { round: Round; candidate: Candidate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const declare = useMutation({
    mutationFn: () => api<Round>(`/api/rounds/${round.id}/conflicts`, { method: 'POST', body: { caseId: candidate.caseId, ...(reason.trim() ? { reason } : {}) } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(roundKey(round.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['ballot', round.id] });
    },
  });
  const problem = problemOf(declare.error);
  const reasonError = problem?.errors.find((e) => e.field === 'reason')?.reason;
  const other = problem?.errors.filter((e) => e.field !== 'reason').map((e) => e.reason).join(' ');
  return (
    <FormDialog
      opener={t('programme.ballot.declare', { reference: candidate.reference })}
      openerVariant="tertiary"
      title={t('programme.ballot.declareTitle', { reference: candidate.reference })}
      submitLabel={t('programme.ballot.declareSubmit')}
      pending={declare.isPending}
      done={declare.isSuccess}
      onOpen={() => declare.reset()}
      onSubmit={() => declare.mutate()}
    >
      <Paragraph>{t('programme.ballot.declareIntro', { title: candidate.title })}</Paragraph>
      <Textfield multiline rows={3} label={`${t('programme.ballot.declareReason')} (${t('programme.form.optional')})`} value={reason} error={reasonError} onChange={(e) => setReason(e.target.value)} />
      {declare.isError && !reasonError && (
        <Alert data-color="danger" role="alert">
          {other || problem?.detail || t('programme.form.failed')}
        </Alert>
      )}
    </FormDialog>
  );
}

function WithdrawConflict({ round, candidate }: { round: Round; candidate: Candidate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => api<Round>(`/api/rounds/${round.id}/conflicts/${candidate.caseId}`, { method: 'DELETE' }),
    onSuccess: (updated) => {
      queryClient.setQueryData(roundKey(round.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['ballot', round.id] });
    },
  });
  return (
    <div>
      <Button variant="tertiary" data-size="sm" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
        {t('programme.conflicts.withdraw', { reference: candidate.reference })}
      </Button>
      {withdraw.isError && <ValidationMessage>{problemOf(withdraw.error)?.errors[0]?.reason || problemOf(withdraw.error)?.detail || t('programme.form.failed')}</ValidationMessage>}
    </div>
  );
}
