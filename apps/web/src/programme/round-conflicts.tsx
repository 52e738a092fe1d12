import { Alert, Button, Fieldset, Heading, Link, Paragraph, Radio, Table, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api } from '../api/client';
import { fieldErrorsOf, problemOf } from '../api/problem';
import { useFormat } from '../format';
import { FormDialog } from './form-dialog';
import { BEFORE_RECOMMENDATION, roundKey, useMe } from './programme-data';
import type { ConflictReason, Round } from './types';

interface ConflictRow {
  memberId: string;
  memberName: string;
  caseId: string;
  declaredAt: string | null;
  reason: string | null;
  suggested: ConflictReason | null;
  decision: 'upheld' | 'dismissed' | null;
  decisionNote: string | null;
  counts: boolean;
}

/**
 * Conflicts of interest (docs/priority-rounds.md, "Conflicts of interest"): those members
 * declared and those Flyt suggests, with the secretariat's decision; the secretariat upholds or
 * dismisses each, a member may withdraw their own declaration while voting is open.
 */
export function RoundConflicts({ round }: { round: Round }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const secretariat = round.myRoles.includes('secretariat');
  const member = round.myRoles.includes('member');
  const nameOf = (memberId: string) => round.members.find((m) => m.id === memberId)?.name ?? '';
  const rows: ConflictRow[] = round.conflicts.map((c) => ({
    memberId: c.member.id,
    memberName: c.member.name,
    caseId: c.caseId,
    declaredAt: c.declaredAt,
    reason: c.reason,
    suggested: round.candidates.find((k) => k.caseId === c.caseId)?.suggestedConflicts.find((s) => s.memberId === c.member.id)?.because ?? null,
    decision: c.decision,
    decisionNote: c.decisionNote,
    counts: c.counts,
  }));
  for (const candidate of round.candidates) {
    for (const s of candidate.suggestedConflicts) {
      if (rows.some((r) => r.memberId === s.memberId && r.caseId === candidate.caseId)) continue;
      rows.push({ memberId: s.memberId, memberName: nameOf(s.memberId), caseId: candidate.caseId, declaredAt: null, reason: null, suggested: s.because, decision: null, decisionNote: null, counts: false });
    }
  }
  const caseOf = (caseId: string) => round.candidates.find((c) => c.caseId === caseId);
  const decidable = secretariat && BEFORE_RECOMMENDATION.includes(round.state);
  const withdrawable = member && ['draft', 'open'].includes(round.state);

  return (
    <section aria-labelledby="conflicts-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="conflicts-heading">
        {t('programme.conflicts.title')}
      </Heading>
      <Paragraph>{t('programme.conflicts.intro')}</Paragraph>
      {member && ['draft', 'open'].includes(round.state) && (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/rounds/${round.id}/ballot`}>{t('programme.conflicts.declareOnBallot')}</RouterLink>
          </Link>
        </Paragraph>
      )}
      {rows.length === 0 ? (
        <Paragraph>{t('programme.conflicts.none')}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table zebra>
            <caption>{t('programme.conflicts.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('programme.conflicts.member')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.conflicts.declared')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.conflicts.decision')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.conflicts.inTally')}</Table.HeaderCell>
                {(decidable || withdrawable) && <Table.HeaderCell>{t('programme.conflicts.actions')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((row) => {
                const theCase = caseOf(row.caseId);
                return (
                  <Table.Row key={`${row.memberId}-${row.caseId}`}>
                    <Table.Cell>{row.memberName}</Table.Cell>
                    <Table.Cell>{theCase ? `${theCase.reference}: ${theCase.title}` : ''}</Table.Cell>
                    <Table.Cell>
                      {row.declaredAt ? t('programme.conflicts.declaredAt', { at: format.dateTime(row.declaredAt) }) : t('programme.conflicts.notDeclared')}
                      {row.reason && <div>{t('programme.conflicts.because', { reason: row.reason })}</div>}
                      {row.suggested && <div className="programme-muted">{t(`programme.conflicts.suggested.${row.suggested}`)}</div>}
                    </Table.Cell>
                    <Table.Cell>
                      {row.decision ? t(`programme.conflicts.decisions.${row.decision}`) : t('programme.conflicts.undecided')}
                      {row.decisionNote && <div>{row.decisionNote}</div>}
                    </Table.Cell>
                    <Table.Cell>{row.counts ? t('programme.conflicts.leftOut') : t('programme.conflicts.votesCount')}</Table.Cell>
                    {(decidable || withdrawable) && (
                      <Table.Cell>
                        {decidable && <DecisionDialog round={round} row={row} reference={theCase?.reference ?? ''} />}
                        {withdrawable && row.memberId === me.data?.id && row.declaredAt && row.decision !== 'upheld' && (
                          <WithdrawButton round={round} caseId={row.caseId} reference={theCase?.reference ?? ''} />
                        )}
                      </Table.Cell>
                    )}
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function DecisionDialog({ round, row, reference }: { round: Round; row: ConflictRow; reference: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'upheld' | 'dismissed' | ''>(row.decision ?? '');
  const [note, setNote] = useState(row.decisionNote ?? '');
  const save = useMutation({
    mutationFn: () =>
      api<Round>(`/api/rounds/${round.id}/conflicts/decision`, {
        method: 'PUT',
        body: { memberId: row.memberId, caseId: row.caseId, decision: decision || undefined, ...(note.trim() ? { note } : {}) },
      }),
    onSuccess: (updated) => queryClient.setQueryData(roundKey(round.id), updated),
  });
  const problem = problemOf(save.error);
  const errors = fieldErrorsOf(problem);
  const loose = Object.entries(errors).filter(([k]) => k !== 'decision' && k !== 'note');
  const name = `decision-${row.memberId}-${row.caseId}`;
  return (
    <FormDialog
      opener={t('programme.conflicts.decide', { member: row.memberName, reference })}
      title={t('programme.conflicts.decideTitle', { member: row.memberName, reference })}
      submitLabel={t('programme.conflicts.saveDecision')}
      pending={save.isPending}
      done={save.isSuccess}
      onOpen={() => save.reset()}
      onSubmit={() => save.mutate()}
    >
      <Fieldset>
        <Fieldset.Legend>{t('programme.conflicts.decisionQuestion')}</Fieldset.Legend>
        <Radio name={name} value="upheld" label={t('programme.conflicts.decisions.upheld')} description={t('programme.conflicts.upheldHelp')} checked={decision === 'upheld'} onChange={() => setDecision('upheld')} />
        <Radio name={name} value="dismissed" label={t('programme.conflicts.decisions.dismissed')} description={t('programme.conflicts.dismissedHelp')} checked={decision === 'dismissed'} onChange={() => setDecision('dismissed')} />
        {errors.decision && <ValidationMessage>{errors.decision}</ValidationMessage>}
      </Fieldset>
      <Textfield multiline rows={3} label={`${t('programme.conflicts.note')} (${t('programme.form.optional')})`} value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
      {save.isError && (loose.length > 0 || Object.keys(errors).length === 0) && (
        <Alert data-color="danger" role="alert">
          {loose.map(([, r]) => r).join(' ') || problem?.detail || t('programme.form.failed')}
        </Alert>
      )}
    </FormDialog>
  );
}

function WithdrawButton({ round, caseId, reference }: { round: Round; caseId: string; reference: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => api<Round>(`/api/rounds/${round.id}/conflicts/${caseId}`, { method: 'DELETE' }),
    onSuccess: (updated) => {
      queryClient.setQueryData(roundKey(round.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['ballot', round.id] });
    },
  });
  return (
    <>
      <Button variant="secondary" data-size="sm" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
        {t('programme.conflicts.withdraw', { reference })}
      </Button>
      {withdraw.isError && (
        <Alert data-color="danger" role="alert">
          {problemOf(withdraw.error)?.errors[0]?.reason || problemOf(withdraw.error)?.detail || t('programme.form.failed')}
        </Alert>
      )}
    </>
  );
}
