import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, download } from '../api/client';
import { problemOf } from '../api/problem';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import type { DevelopmentPlan } from './types';
import './programme.css';

/**
 * The development plan (utviklingsplan) of a year, as the approved rounds delivered it
 * (docs/priority-rounds.md, "The development plan and the minutes"): the prioritised cases with
 * their allocation and key figures, the totals per year, the cases carried over to a later
 * round; and the same as a spreadsheet.
 */
export function DevelopmentPlanPage() {
  const { t } = useTranslation();
  const { year: yearParam = '' } = useParams();
  const year = /^\d{4}$/.test(yearParam) && Number(yearParam) >= 2000 && Number(yearParam) <= 2100 ? Number(yearParam) : null;
  const plan = useQuery({ queryKey: ['development-plan', year], queryFn: () => api<DevelopmentPlan>(`/api/development-plans/${year}`), enabled: year !== null });
  const csv = useMutation({ mutationFn: () => download(`/api/development-plans/${year}/csv`, `utviklingsplan-${year}.csv`) });

  return (
    <>
      <Link asChild>
        <RouterLink to="/programme">{t('programme.backToProgramme')}</RouterLink>
      </Link>
      {year === null ? (
        <>
          <PageHeading>{t('programme.plan.noSuchYearTitle')}</PageHeading>
          <Alert data-color="warning">{t('programme.plan.noSuchYear')}</Alert>
        </>
      ) : (
        <>
          <PageHeading>{t('programme.plan.title', { year })}</PageHeading>
          <nav aria-label={t('programme.plan.years')} className="programme-buttons">
            {year > 2000 && (
              <Link asChild>
                <RouterLink to={`/development-plan/${year - 1}`}>{t('programme.plan.link', { year: year - 1 })}</RouterLink>
              </Link>
            )}
            {year < 2100 && (
              <Link asChild>
                <RouterLink to={`/development-plan/${year + 1}`}>{t('programme.plan.link', { year: year + 1 })}</RouterLink>
              </Link>
            )}
          </nav>
          {plan.isPending && <Loading />}
          {plan.isError && <LoadError onRetry={() => void plan.refetch()} />}
          {plan.data && (
            <>
              <div className="programme-buttons">
                <Button variant="secondary" onClick={() => csv.mutate()} disabled={csv.isPending}>
                  {csv.isPending ? t('programme.round.downloading') : t('programme.plan.csv')}
                </Button>
              </div>
              {csv.isError && (
                <Alert data-color="danger" role="alert">
                  {problemOf(csv.error)?.detail || t('programme.plan.csvFailed')}
                </Alert>
              )}
              <PlanView plan={plan.data} />
            </>
          )}
        </>
      )}
    </>
  );
}

function PlanView({ plan }: { plan: DevelopmentPlan }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (amount: number | null) => (amount === null ? '–' : format.nok(amount));
  return (
    <>
      <section aria-labelledby="plan-rounds-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="plan-rounds-heading">
          {t('programme.plan.rounds')}
        </Heading>
        {plan.rounds.length === 0 ? (
          <Paragraph>{t('programme.plan.noRounds', { year: plan.year })}</Paragraph>
        ) : (
          <ul className="plain-list">
            {plan.rounds.map((r) => (
              <li key={r.id}>
                <Link asChild>
                  <RouterLink to={`/rounds/${r.id}`}>{`${r.reference}: ${r.title}`}</RouterLink>
                </Link>{' '}
                {t('programme.plan.approvedAt', { at: format.date(r.approvedAt) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plan-items-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="plan-items-heading">
          {t('programme.plan.items')}
        </Heading>
        {plan.items.length === 0 ? (
          <Paragraph>{t('programme.plan.noItems', { year: plan.year })}</Paragraph>
        ) : (
          <>
            <Paragraph data-size="sm">{t('programme.plan.figuresNote', { rate: format.percent(plan.discountRate) })}</Paragraph>
            <div className="table-scroll">
              <Table>
                <caption>{t('programme.plan.itemsCaption', { year: plan.year })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('programme.plan.round')}</Table.HeaderCell>
                    <Table.HeaderCell className="number">{t('programme.result.score')}</Table.HeaderCell>
                    <Table.HeaderCell className="number">{t('programme.plan.inYear', { year: plan.year })}</Table.HeaderCell>
                    <Table.HeaderCell className="number">{t('programme.plan.allocation')}</Table.HeaderCell>
                    <Table.HeaderCell className="number">{t('programme.plan.npv')}</Table.HeaderCell>
                    <Table.HeaderCell className="number">{t('programme.plan.payback')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('programme.plan.state')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {plan.items.map((item) => (
                    <Fragment key={item.caseId}>
                      <Table.Row className="plan-row">
                        <Table.HeaderCell scope="row" className="plan-case">
                          <Link asChild>
                            <RouterLink to={`/cases/${item.caseId}`}>{item.reference}</RouterLink>
                          </Link>{' '}
                          {item.title}
                          <div className="programme-muted">{item.process.name}</div>
                          {item.carriedForward && (
                            <div>
                              <Tag data-color="neutral">{t('programme.plan.carriedForward', { year: item.round.planYear })}</Tag>
                            </div>
                          )}
                        </Table.HeaderCell>
                        <Table.Cell className="nowrap">
                          <Link asChild>
                            <RouterLink to={`/rounds/${item.round.id}`}>{item.round.reference}</RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell className="number">{item.score === null ? '–' : format.number(item.score, 2)}</Table.Cell>
                        <Table.Cell className="number">{format.nok(item.allocationInYearNok)}</Table.Cell>
                        <Table.Cell className="number">{format.nok(item.allocation.amountNok)}</Table.Cell>
                        <Table.Cell className="number">{money(item.netPresentValueNok)}</Table.Cell>
                        <Table.Cell className="number">{item.paybackYears === null ? t('programme.plan.noPayback') : t('programme.plan.paybackYears', { years: format.number(item.paybackYears, 1) })}</Table.Cell>
                        <Table.Cell>{format.label(item.stateLabel)}</Table.Cell>
                      </Table.Row>
                      {/* Why the round chose it, under its figures: a column would push them off a narrow screen. */}
                      <Table.Row className="plan-explanation">
                        <Table.Cell colSpan={8}>
                          <span className="programme-muted">{t('programme.plan.why')} </span>
                          <span lang="nb">{item.explanation}</span>
                        </Table.Cell>
                      </Table.Row>
                    </Fragment>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </>
        )}
      </section>

      {plan.totals.byYear.length > 0 && (
        <section aria-labelledby="plan-totals-heading" className="programme-section">
          <Heading level={2} data-size="sm" id="plan-totals-heading">
            {t('programme.plan.totals')}
          </Heading>
          <div className="table-scroll">
            <Table>
              <caption>{t('programme.plan.totalsCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.year')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.plan.allocated')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {plan.totals.byYear.map((y) => (
                  <Table.Row key={y.year}>
                    <Table.HeaderCell scope="row">{y.year}</Table.HeaderCell>
                    <Table.Cell className="number">{format.nok(y.amountNok)}</Table.Cell>
                  </Table.Row>
                ))}
                <Table.Row>
                  <Table.HeaderCell scope="row">{t('programme.round.total')}</Table.HeaderCell>
                  <Table.Cell className="number">{format.nok(plan.totals.amountNok)}</Table.Cell>
                </Table.Row>
              </Table.Body>
            </Table>
          </div>
        </section>
      )}

      <section aria-labelledby="plan-carried-heading" className="programme-section">
        <Heading level={2} data-size="sm" id="plan-carried-heading">
          {t('programme.plan.carriedOver')}
        </Heading>
        {plan.carriedOver.length === 0 ? (
          <Paragraph>{t('programme.plan.noCarriedOver')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table zebra>
              <caption>{t('programme.plan.carriedOverCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.plan.deferredBy')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.result.score')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.plan.reason')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.plan.candidateIn')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {plan.carriedOver.map((c) => (
                  <Table.Row key={c.caseId}>
                    <Table.HeaderCell scope="row">
                      <Link asChild>
                        <RouterLink to={`/cases/${c.caseId}`}>{c.reference}</RouterLink>
                      </Link>{' '}
                      {c.title}
                    </Table.HeaderCell>
                    <Table.Cell className="nowrap">
                      <Link asChild>
                        <RouterLink to={`/rounds/${c.deferredBy.id}`}>{c.deferredBy.reference}</RouterLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell className="number">{c.score === null ? '–' : format.number(c.score, 2)}</Table.Cell>
                    <Table.Cell lang="nb">{c.reason}</Table.Cell>
                    <Table.Cell>
                      {c.candidateIn ? (
                        <Link asChild>
                          <RouterLink to={`/rounds/${c.candidateIn.id}`}>{`${c.candidateIn.reference}: ${c.candidateIn.title}`}</RouterLink>
                        </Link>
                      ) : (
                        t('programme.plan.waiting')
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}
