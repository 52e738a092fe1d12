import { Heading, Link, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Label } from '../../api/client';
import { useFormat } from '../../format';
import { useCatalogueNames } from '../report/catalogue';

/** A case as GET /api/cases lists it (CaseSummary). */
export interface CaseListItem {
  id: string;
  reference: string;
  title: string;
  process: { id: string; code: string; nameNb: string };
  reportingUnit: { id: string; code: string; nameNb: string };
  reporter: { id: string; name: string };
  state: string;
  stateLabel: Label;
  createdAt: string;
  updatedAt: string;
  /** The earliest pending deadline, whoever it waits for. */
  nextDeadline: string | null;
  /** A deadline of the current state passed without the awaited decision. */
  overdue: boolean;
}

const DAY_MS = 86_400_000;

/** Whole days since an instant: how long a case has been in Flyt. */
function daysSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY_MS));
}

/**
 * One page of cases: a table, and on a narrow screen (a phone, or a window zoomed to 200 %) the
 * same cases as cards, so nobody scrolls sideways through seven columns. Only one of them is shown
 * (and read out) at a time.
 */
export function CaseTable({ items, caption }: { items: CaseListItem[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useCatalogueNames();
  const now = Date.now();
  const deadlineOf = (item: CaseListItem) => {
    const { overdue } = item;
    return (
      <>
        {item.nextDeadline ? format.dateTime(item.nextDeadline) : overdue ? '' : <span className="case-no-deadline">{t('caseList.noDeadline')}</span>}
        {overdue && (
          <>
            {item.nextDeadline ? ' ' : ''}
            <Tag data-color="danger">{t('caseList.overdue')}</Tag>
          </>
        )}
      </>
    );
  };
  return (
    <>
      <ul className="case-cards" aria-label={caption}>
        {items.map((item) => (
          <li key={item.id} className="case-card">
            <Heading level={3} data-size="2xs">
              <Link asChild>
                <RouterLink to={`/cases/${item.id}`}>{`${item.reference}: ${item.title}`}</RouterLink>
              </Link>
            </Heading>
            <dl>
              <div>
                <dt>{t('caseList.columns.process')}</dt>
                <dd>{names.process(item.process)}</dd>
              </div>
              <div>
                <dt>{t('caseList.columns.unit')}</dt>
                <dd>{names.unit(item.reportingUnit)}</dd>
              </div>
              <div>
                <dt>{t('caseList.columns.state')}</dt>
                <dd>{format.label(item.stateLabel)}</dd>
              </div>
              <div>
                <dt>{t('caseList.columns.age')}</dt>
                <dd>{t('caseList.ageDays', { count: daysSince(item.createdAt, now) })}</dd>
              </div>
              <div>
                <dt>{t('caseList.columns.deadline')}</dt>
                <dd>{deadlineOf(item)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <div className="table-scroll case-table-wrap">
        <Table zebra className="case-table">
          <caption className="case-caption">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('caseList.columns.reference')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.title')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.process')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.unit')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.state')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.age')}</Table.HeaderCell>
              <Table.HeaderCell>{t('caseList.columns.deadline')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((item) => {
              const age = daysSince(item.createdAt, now);
              return (
                <Table.Row key={item.id}>
                  <Table.Cell className="case-reference">
                    <Link asChild>
                      <RouterLink to={`/cases/${item.id}`}>{item.reference}</RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{item.title}</Table.Cell>
                  <Table.Cell>{names.process(item.process)}</Table.Cell>
                  <Table.Cell>{names.unit(item.reportingUnit)}</Table.Cell>
                  <Table.Cell>{format.label(item.stateLabel)}</Table.Cell>
                  <Table.Cell className="case-age">{t('caseList.ageDays', { count: age })}</Table.Cell>
                  <Table.Cell>{deadlineOf(item)}</Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </div>
    </>
  );
}
