import { Alert, Button, Field, Heading, Label, Link, Paragraph, Radio, Fieldset, Select, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, download, type BlockedEvent, type EventBody } from '../api/client';
import { fieldErrorsOf, problemOf } from '../api/problem';
import { EventActions } from '../forms/event-actions';
import type { FieldWidget } from '../forms/schema-fields';
import { useFormat } from '../format';
import { intlLocale } from '../i18n';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { FormDialog } from './form-dialog';
import { AFTER_VOTING, BEFORE_RECOMMENDATION, isMissing, roundKey, useMe, useRound } from './programme-data';
import { RoundConflicts } from './round-conflicts';
import { BallotsSection, ResultSection, scenariosKey } from './round-result';
import type { Candidate, Round, Scenarios } from './types';
import './programme.css';

/**
 * A priority round: where it stands, its set-up, the actions the API allows the person now (the
 * round's workflow events), conflicts of interest, voting progress, and once voting has closed
 * the ballots, the result with its scenarios, and the minutes. Mails about a round link here.
 */
export function RoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const round = useRound(id);
  return (
    <>
      <Link asChild>
        <RouterLink to="/programme">{t('programme.backToProgramme')}</RouterLink>
      </Link>
      {round.isPending && <Loading />}
      {round.isError && isMissing(round.error) && (
        <>
          <PageHeading>{t('programme.round.notFoundTitle')}</PageHeading>
          <Alert data-color="warning">{t('programme.round.notFound')}</Alert>
        </>
      )}
      {round.isError && !isMissing(round.error) && <LoadError onRetry={() => void round.refetch()} />}
      {round.data && <RoundView round={round.data} />}
    </>
  );
}

function RoundView({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const me = useMe();
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const secretariat = round.myRoles.includes('secretariat');
  const member = round.myRoles.includes('member');
  const afterVoting = AFTER_VOTING.includes(round.state);
  const scenarios = useQuery({ queryKey: scenariosKey(round.id), queryFn: () => api<Scenarios>(`/api/rounds/${round.id}/scenarios`), enabled: afterVoting });

  // The first look at the result computes the council's scenario, which RECOMMEND waits for: ask for the round's events again.
  const recommendBlocked = round.blockedEvents.some((b) => b.type === 'RECOMMEND');
  const hasPortfolio = (scenarios.data?.items ?? []).some((s) => s.result.selection.outcome === 'portfolio');
  useEffect(() => {
    if (recommendBlocked && hasPortfolio) void queryClient.invalidateQueries({ queryKey: roundKey(round.id), exact: true });
  }, [recommendBlocked, hasPortfolio, queryClient, round.id]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: roundKey(round.id) });
    void queryClient.invalidateQueries({ queryKey: ['rounds'] });
    void queryClient.invalidateQueries({ queryKey: ['round-candidates'] });
    void queryClient.invalidateQueries({ queryKey: ['development-plan'] });
  };
  const send = (body: EventBody) => api<Round>(`/api/rounds/${round.id}/events`, { method: 'POST', body });
  const minutes = useMutation({ mutationFn: () => download(`/api/rounds/${round.id}/minutes`, `${round.reference}-protokoll.pdf`) });

  const list = new Intl.ListFormat(intlLocale(i18n.language), { type: 'conjunction' });
  const blocked: BlockedEvent[] = round.blockedEvents.map((b) => ({ type: b.type, reason: blockedReason(b, round, t, list) }));
  const portfolioScenarios = (scenarios.data?.items ?? []).filter((s) => s.result.selection.outcome === 'portfolio');
  const widgets: Record<string, Record<string, FieldWidget>> = {
    RECOMMEND: {
      scenarioId: ({ id, label, value, error, onChange }) => (
        <Field>
          <Label htmlFor={id}>{label}</Label>
          <Field.Description>{t('programme.round.scenarioPickerHelp')}</Field.Description>
          <Select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}>
            <Select.Option value="">{t('programme.form.choose')}</Select.Option>
            {portfolioScenarios.map((s) => (
              <Select.Option key={s.id} value={s.id}>
                {s.baseline ? t('programme.result.baselineName') : s.name}
              </Select.Option>
            ))}
          </Select>
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Field>
      ),
    },
  };
  const required = round.quorumStatus?.required ?? Math.max(1, Math.ceil(round.quorum * round.members.length - 1e-9));

  return (
    <>
      <PageHeading>{`${round.reference}: ${round.title}`}</PageHeading>
      <dl className="programme-facts">
        <dt>{t('programme.round.state')}</dt>
        <dd>{format.label(round.stateLabel)}</dd>
        <dt>{t('programme.round.planYear')}</dt>
        <dd>{round.planYear}</dd>
        <dt>{t('programme.round.closesAt')}</dt>
        <dd>{round.closesAt ? format.dateTime(round.closesAt) : t('programme.round.notOpened')}</dd>
        <dt>{t('programme.round.boardDecision')}</dt>
        <dd>{round.boardDecision || t('programme.round.noBoardDecision')}</dd>
        <dt>{t('programme.round.quorum')}</dt>
        <dd>
          {round.members.length === 0
            ? t('programme.round.quorumOnly', { percent: format.percent(round.quorum) })
            : t('programme.round.quorumValue', { percent: format.percent(round.quorum), required, members: round.members.length })}
        </dd>
        <dt>{t('programme.round.scoreFloor')}</dt>
        <dd>{round.scoreFloor === null ? t('programme.round.noScoreFloor') : format.number(round.scoreFloor, 2)}</dd>
      </dl>

      <RoundStory round={round} />

      {member && (
        <Alert data-color="info">
          <Heading level={2} data-size="xs">
            {t('programme.round.youAreMember')}
          </Heading>
          <Paragraph>
            {round.state === 'open'
              ? round.members.find((m) => m.id === me.data?.id)?.hasVoted
                ? t('programme.round.youHaveVoted')
                : t('programme.round.pleaseVote')
              : round.state === 'draft'
                ? t('programme.round.ballotNotOpen')
                : t('programme.round.ballotClosed')}
          </Paragraph>
          <Paragraph>
            <Link asChild>
              <RouterLink to={`/rounds/${round.id}/ballot`}>{t('programme.round.toBallot', { reference: round.reference })}</RouterLink>
            </Link>
          </Paragraph>
        </Alert>
      )}

      {/* What the last action did, said where the person is: the form they sent is gone. */}
      <div ref={noticeRef} tabIndex={-1} role="status" className="programme-focus">
        {notice && <Alert data-color="success">{notice.text}</Alert>}
      </div>
      {secretariat && round.state === 'draft' && (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/rounds/${round.id}/setup`}>{t('programme.round.editSetup')}</RouterLink>
          </Link>
        </Paragraph>
      )}
      <EventActions
        allowed={round.allowedEvents}
        blocked={blocked}
        revision={round.revision}
        send={send}
        widgets={widgets}
        onSent={() => {
          refresh();
          setNotice({ text: t('programme.round.sent'), at: Date.now() });
        }}
        onStale={refresh}
      />

      {(afterVoting || round.state === 'approved') && (
        <section aria-labelledby="documents-heading" className="programme-section">
          <Heading level={2} data-size="sm" id="documents-heading">
            {t('programme.round.documents')}
          </Heading>
          <div className="programme-buttons">
            <Button variant="secondary" onClick={() => minutes.mutate()} disabled={minutes.isPending}>
              {minutes.isPending ? t('programme.round.downloading') : t('programme.round.minutes')}
            </Button>
            {round.state === 'approved' && (
              <Link asChild>
                <RouterLink to={`/development-plan/${round.planYear}`}>{t('programme.round.toPlan', { year: round.planYear })}</RouterLink>
              </Link>
            )}
          </div>
          {minutes.isError && (
            <Alert data-color="danger" role="alert">
              {problemOf(minutes.error)?.detail || t('programme.round.minutesFailed')}
            </Alert>
          )}
        </section>
      )}

      {/* Once voting has closed, the result is what everyone comes for. */}
      {afterVoting && <ResultSection round={round} scenarios={scenarios} secretariat={secretariat} />}

      <section aria-labelledby="budget-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="budget-heading">
          {t('programme.round.budget')}
        </Heading>
        <div className="table-scroll">
          <Table>
            <caption>{t('programme.round.budgetCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('programme.year')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('programme.round.frame')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('programme.round.candidatesCost')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {round.budget.map((b) => (
                <Table.Row key={b.year}>
                  <Table.HeaderCell scope="row">{b.year}</Table.HeaderCell>
                  <Table.Cell className="number">{format.nok(b.amountNok)}</Table.Cell>
                  <Table.Cell className="number">
                    {format.nok(round.candidates.reduce((sum, c) => sum + (c.costByYear.find((y) => y.year === b.year)?.amountNok ?? 0), 0))}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>

      <section aria-labelledby="criteria-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="criteria-heading">
          {t('programme.round.criteria')}
        </Heading>
        <div className="table-scroll">
          <Table>
            <caption>{t('programme.round.criteriaCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('programme.round.criterion')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('programme.round.weight')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('programme.round.share')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {round.criteria.map((c) => {
                const sum = round.criteria.reduce((s, x) => s + x.weight, 0);
                return (
                  <Table.Row key={c.key}>
                    <Table.HeaderCell scope="row">{format.label(c.label)}</Table.HeaderCell>
                    <Table.Cell className="number">{format.number(c.weight, 2)}</Table.Cell>
                    <Table.Cell className="number">{sum > 0 ? format.percent(c.weight / sum) : '–'}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      </section>

      <section aria-labelledby="members-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="members-heading">
          {t('programme.round.members')}
        </Heading>
        {round.quorumStatus && round.state !== 'draft' && (
          <Paragraph>
            {t('programme.round.votingProgress', { voted: round.quorumStatus.voted, members: round.quorumStatus.members, required: round.quorumStatus.required })}{' '}
            {round.quorumStatus.reached ? t('programme.round.quorumReached') : t('programme.round.quorumNotReached')}
          </Paragraph>
        )}
        {round.members.length === 0 ? (
          <Paragraph>{t('programme.round.noMembers')}</Paragraph>
        ) : (
          <ul className="plain-list">
            {round.members.map((m) => (
              <li key={m.id}>
                {m.name}
                {round.state !== 'draft' && (
                  <>
                    {': '}
                    {m.hasVoted ? t('programme.round.hasVoted') : t('programme.round.hasNotVoted')}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <CandidatesSection round={round} scenarios={scenarios.data} />
      <RoundConflicts round={round} />
      {afterVoting && <BallotsSection round={round} />}
    </>
  );
}

/** What has happened to the round that its state alone does not say: an extension, how voting closed, the recommendation, returns, the approval or cancellation. */
function RoundStory({ round }: { round: Round }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = round.context;
  const lines: string[] = [];
  if (c.extension) lines.push(t('programme.round.story.extended', { closesAt: format.dateTime(c.extension.closesAt) }) + (c.extension.reason ? ` ${t('programme.round.story.reason', { reason: c.extension.reason })}` : ''));
  if (c.votingClosedBy) lines.push(t(`programme.round.story.closedBy.${c.votingClosedBy}`));
  for (const r of c.returns ?? []) lines.push(t('programme.round.story.returned', { reason: r.reason }));
  if (c.recommendation) lines.push(t('programme.round.story.recommended') + (c.recommendation.note ? ` ${t('programme.round.story.note', { note: c.recommendation.note })}` : ''));
  if (c.approval) lines.push(t('programme.round.story.approved', { count: c.approval.decided }) + (c.approval.note ? ` ${t('programme.round.story.note', { note: c.approval.note })}` : ''));
  if (c.cancellation) lines.push(t('programme.round.story.cancelled', { reason: c.cancellation.reason }));
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="story-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="story-heading">
        {t('programme.round.story.title')}
      </Heading>
      <ul className="plain-list">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** Why an event is not possible yet, in the person's language: the API's own reason is in English. */
function blockedReason(blocked: BlockedEvent, round: Round, t: TFunction, list: Intl.ListFormat): string {
  if (blocked.type === 'OPEN') {
    const missing: string[] = [];
    if (round.budget.length === 0) missing.push(t('programme.blocked.missing.budget'));
    else if (round.budget.every((b) => b.amountNok === 0)) missing.push(t('programme.blocked.missing.budgetAboveZero'));
    if (round.candidates.length === 0) missing.push(t('programme.blocked.missing.candidates'));
    if (round.criteria.length === 0) missing.push(t('programme.blocked.missing.criteria'));
    else if (round.criteria.every((c) => c.weight === 0)) missing.push(t('programme.blocked.missing.weights'));
    if (round.members.length === 0) missing.push(t('programme.blocked.missing.members'));
    if (missing.length > 0) return t('programme.blocked.OPEN', { missing: list.format(missing) });
  }
  const key = `programme.blocked.${blocked.type}`;
  const words = t(key);
  return words === key ? blocked.reason : words;
}

function CandidatesSection({ round, scenarios }: { round: Round; scenarios: Scenarios | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const secretariat = round.myRoles.includes('secretariat');
  const editable = secretariat && BEFORE_RECOMMENDATION.includes(round.state);
  const recommended = scenarios?.items.find((s) => s.id === round.recommendedScenarioId);
  const selected = recommended && recommended.result.selection.outcome === 'portfolio' ? new Set(recommended.result.selection.selected) : null;
  const name = (id: string) => round.candidates.find((c) => c.caseId === id)?.reference ?? id;
  return (
    <section aria-labelledby="candidates-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="candidates-heading">
        {t('programme.round.candidates')}
      </Heading>
      {round.candidates.length === 0 ? (
        <Paragraph>{t('programme.round.noCandidates')}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table zebra>
            <caption>{t('programme.round.candidatesCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.process')}</Table.HeaderCell>
                {round.budget.map((b) => (
                  <Table.HeaderCell key={b.year} className="number">
                    {t('programme.round.costIn', { year: b.year })}
                  </Table.HeaderCell>
                ))}
                <Table.HeaderCell className="number">{t('programme.round.total')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.round.ifLeftOut')}</Table.HeaderCell>
                {selected && <Table.HeaderCell>{round.state === 'approved' ? t('programme.round.outcome') : t('programme.round.recommendedOutcome')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {round.candidates.map((c) => (
                <Table.Row key={c.caseId}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/cases/${c.caseId}`}>{c.reference}</RouterLink>
                    </Link>{' '}
                    {c.title}
                    {(c.mandatory || c.carriedOver) && (
                      <span className="tags">
                        {c.mandatory && <Tag data-color="info">{t('programme.round.mandatory')}</Tag>}
                        {c.carriedOver && <Tag data-color="neutral">{t('programme.round.carriedOver')}</Tag>}
                      </span>
                    )}
                  </Table.Cell>
                  <Table.Cell>{c.process.name}</Table.Cell>
                  {c.costByYear.map((y) => (
                    <Table.Cell key={y.year} className="number">
                      {format.nok(y.amountNok)}
                    </Table.Cell>
                  ))}
                  <Table.Cell className="number">{format.nok(c.totalCostNok)}</Table.Cell>
                  <Table.Cell>
                    {c.ifLeftOut === 'decline' ? t('programme.round.decline', { reason: c.declineReason ?? '' }) : t('programme.round.defer')}
                    {editable && (
                      <div>
                        <OutcomeDialog round={round} candidate={c} />
                      </div>
                    )}
                  </Table.Cell>
                  {selected && (
                    <Table.Cell>
                      {selected.has(c.caseId) ? (
                        <Tag data-color="success">{t('programme.round.outcomes.prioritise')}</Tag>
                      ) : c.ifLeftOut === 'decline' ? (
                        <Tag data-color="danger">{t('programme.round.outcomes.decline')}</Tag>
                      ) : (
                        <Tag data-color="warning">{t('programme.round.outcomes.defer')}</Tag>
                      )}
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {round.dependencies.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            {t('programme.round.dependencies')}
          </Heading>
          <ul className="plain-list">
            {round.dependencies.map((d) => (
              <li key={`${d.caseId}-${d.requires}`}>{t('programme.round.dependency', { case: name(d.caseId), requires: name(d.requires) })}</li>
            ))}
          </ul>
        </>
      )}
      {round.alternatives.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            {t('programme.round.alternatives')}
          </Heading>
          <ul className="plain-list">
            {round.alternatives.map((group, i) => (
              <li key={i}>{t('programme.round.alternative', { cases: group.map(name).join(', ') })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The secretariat's choice for a case the portfolio may leave out: defer it to the next round (the default) or decline it with a reason. */
function OutcomeDialog({ round, candidate }: { round: Round; candidate: Candidate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<'defer' | 'decline'>(candidate.ifLeftOut);
  const [reason, setReason] = useState(candidate.declineReason ?? '');
  const save = useMutation({
    mutationFn: () =>
      api<Round>(`/api/rounds/${round.id}/candidates/${candidate.caseId}/outcome`, {
        method: 'PUT',
        body: choice === 'decline' ? { ifLeftOut: 'decline', ...(reason.trim() ? { declineReason: reason } : {}) } : { ifLeftOut: 'defer' },
      }),
    onSuccess: (updated) => queryClient.setQueryData(roundKey(round.id), updated),
  });
  const problem = problemOf(save.error);
  const errors = fieldErrorsOf(problem);
  const loose = Object.entries(errors).filter(([k]) => k !== 'declineReason' && k !== 'ifLeftOut');
  return (
    <FormDialog
      opener={t('programme.round.changeOutcome', { reference: candidate.reference })}
      openerVariant="tertiary"
      title={t('programme.round.outcomeTitle', { reference: candidate.reference })}
      submitLabel={t('programme.form.save')}
      pending={save.isPending}
      done={save.isSuccess}
      onOpen={() => save.reset()}
      onSubmit={() => save.mutate()}
    >
      <Fieldset>
        <Fieldset.Legend>{t('programme.round.outcomeQuestion')}</Fieldset.Legend>
        <Radio name={`outcome-${candidate.caseId}`} label={t('programme.round.deferOption')} value="defer" checked={choice === 'defer'} onChange={() => setChoice('defer')} />
        <Radio name={`outcome-${candidate.caseId}`} label={t('programme.round.declineOption')} value="decline" checked={choice === 'decline'} onChange={() => setChoice('decline')} />
        {errors.ifLeftOut && <ValidationMessage>{errors.ifLeftOut}</ValidationMessage>}
      </Fieldset>
      {choice === 'decline' && (
        <Textfield multiline rows={3} label={t('programme.round.declineReason')} value={reason} error={errors.declineReason} onChange={(e) => setReason(e.target.value)} />
      )}
      {save.isError && (loose.length > 0 || Object.keys(errors).length === 0) && (
        <Alert data-color="danger" role="alert">
          {loose.map(([, r]) => r).join(' ') || problem?.detail || t('programme.form.failed')}
        </Alert>
      )}
    </FormDialog>
  );
}
