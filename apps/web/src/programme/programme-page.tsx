import { Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { useIsSecretariat } from './programme-data';
import type { AvailableCandidate, Page, RoundSummary } from './types';
import './programme.css';

const PAGE_SIZE = 20;

/**
 * The programme's front page: the rounds, the cases waiting for one (the backlog, which the
 * secretariat sets rounds up from) and the development plans of the years.
 */
export function ProgrammePage() {
  const { t } = useTranslation();
  const secretariat = useIsSecretariat();
  return (
    <>
      <PageHeading>{t('programme.title')}</PageHeading>
      <Paragraph>{t('programme.intro')}</Paragraph>
      {secretariat && (
        <div>
          <Button asChild>
            <RouterLink to="/rounds/new">{t('programme.newRound')}</RouterLink>
          </Button>
        </div>
      )}
      <RoundsSection />
      {secretariat && <BacklogSection />}
      <PlansSection />
    </>
  );
}

function RoundsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const rounds = useQuery({
    queryKey: ['rounds', offset],
    queryFn: () => api<Page<RoundSummary>>(`/api/rounds?limit=${PAGE_SIZE}&offset=${offset}`),
    placeholderData: keepPreviousData,
  });
  const goTo = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});
  return (
    <section aria-labelledby="rounds-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="rounds-heading">
        {t('programme.rounds.title')}
      </Heading>
      {rounds.isPending && <Loading />}
      {rounds.isError && <LoadError onRetry={() => void rounds.refetch()} />}
      {rounds.data && rounds.data.total === 0 && <Paragraph>{t('programme.rounds.empty')}</Paragraph>}
      {rounds.data && rounds.data.total > 0 && (
        <>
          <div className="table-scroll">
            <Table zebra>
              <caption>{t('programme.rounds.caption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.rounds.round')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.rounds.planYear')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.rounds.state')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.rounds.closesAt')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rounds.data.items.map((round) => (
                  <Table.Row key={round.id}>
                    <Table.Cell>
                      <Link asChild>
                        <RouterLink to={`/rounds/${round.id}`}>{`${round.reference}: ${round.title}`}</RouterLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{round.planYear}</Table.Cell>
                    <Table.Cell>{format.label(round.stateLabel)}</Table.Cell>
                    <Table.Cell>{round.closesAt ? format.dateTime(round.closesAt) : t('programme.rounds.noClosing')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {rounds.data.total > PAGE_SIZE && (
            <nav className="paging" aria-label={t('programme.rounds.paging')}>
              <Paragraph data-size="sm">
                {t('programme.rounds.showing', { from: rounds.data.offset + 1, to: rounds.data.offset + rounds.data.items.length, total: rounds.data.total })}
              </Paragraph>
              <Button variant="secondary" data-size="sm" disabled={offset === 0} onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}>
                {t('programme.rounds.previous')}
              </Button>
              <Button variant="secondary" data-size="sm" disabled={offset + PAGE_SIZE >= rounds.data.total} onClick={() => goTo(offset + PAGE_SIZE)}>
                {t('programme.rounds.next')}
              </Button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

/** The cases awaiting prioritisation in no round, those deferred before first: what the next round decides. */
function BacklogSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const backlog = useQuery({ queryKey: ['round-candidates'], queryFn: () => api<{ items: AvailableCandidate[] }>('/api/rounds/candidates') });
  return (
    <section aria-labelledby="backlog-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="backlog-heading">
        {t('programme.backlog.title')}
      </Heading>
      {backlog.isPending && <Loading />}
      {backlog.isError && <LoadError onRetry={() => void backlog.refetch()} />}
      {backlog.data && backlog.data.items.length === 0 && <Paragraph>{t('programme.backlog.empty')}</Paragraph>}
      {backlog.data && backlog.data.items.length > 0 && (
        <>
          <Paragraph>{t('programme.backlog.intro', { count: backlog.data.items.length })}</Paragraph>
          <div className="table-scroll">
            <Table zebra>
              <caption>{t('programme.backlog.caption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.process')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.backlog.deferred')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.backlog.oneOff')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.backlog.yearly')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {backlog.data.items.map((c) => (
                  <Table.Row key={c.caseId}>
                    <Table.Cell>
                      <Link asChild>
                        <RouterLink to={`/cases/${c.caseId}`}>{c.reference}</RouterLink>
                      </Link>{' '}
                      {c.title}
                    </Table.Cell>
                    <Table.Cell>{c.process.name}</Table.Cell>
                    <Table.Cell>
                      {c.deferredBefore > 0 ? <Tag data-color="warning">{t('programme.backlog.deferredTimes', { count: c.deferredBefore })}</Tag> : t('programme.backlog.new')}
                    </Table.Cell>
                    <Table.Cell className="number">{format.nok(c.oneOffCostNok)}</Table.Cell>
                    <Table.Cell className="number">{format.nok(c.yearlyCostNok)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}

/** This year's plan, next year's, and those of the rounds' plan years. */
function PlansSection() {
  const { t } = useTranslation();
  const rounds = useQuery({ queryKey: ['rounds', 0], queryFn: () => api<Page<RoundSummary>>(`/api/rounds?limit=${PAGE_SIZE}&offset=0`) });
  const thisYear = new Date().getFullYear();
  const years = [...new Set([thisYear + 1, thisYear, ...(rounds.data?.items.map((r) => r.planYear) ?? [])])].sort((a, b) => b - a);
  return (
    <section aria-labelledby="plans-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="plans-heading">
        {t('programme.plans.title')}
      </Heading>
      <Paragraph>{t('programme.plans.intro')}</Paragraph>
      <ul className="plain-list">
        {years.map((year) => (
          <li key={year}>
            <Link asChild>
              <RouterLink to={`/development-plan/${year}`}>{t('programme.plans.link', { year })}</RouterLink>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
