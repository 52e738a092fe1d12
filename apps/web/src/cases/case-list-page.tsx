import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { CaseFilters } from './case-list/case-filters';
import { useCaseStates } from './case-list/case-states';
import { CaseTable, type CaseListItem } from './case-list/case-table';
import { apiQueryOf, isFiltered, PAGE_SIZE, paramsOf, searchOf, STATE_GROUPS, type ListParams } from './case-list/list-params';
import type { Page } from './report/catalogue';
import './case-list/case-list.css';


/**
 * The cases the signed-in person may see (GET /api/cases): for process responsibles and owners the
 * cases of their processes, for line managers their units', for everyone their own. Filters, sort
 * and page live in the address, so back, forward, a reload and a shared link show the same list.
 */
export function CaseListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = paramsOf(search);
  const states = useCaseStates();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const needsGroups = (STATE_GROUPS as readonly string[]).includes(params.state);
  const query = apiQueryOf(params, states.groups);
  // A group of states is sent as its states, which come from the workflow's description.
  const blocked = needsGroups && states.failed;

  const cases = useQuery({
    queryKey: ['cases', 'list', query],
    queryFn: () => api<Page<CaseListItem>>(`/api/cases?${query}`),
    enabled: !needsGroups || !states.pending,
    placeholderData: keepPreviousData,
  });

  // Filters applied or another page chosen here: focus goes to the results, where the person goes
  // on, rather than to the page's heading (which back and forward still focus).
  const { key } = useLocation();
  const toResults = useRef(false);
  useEffect(() => {
    if (!toResults.current) return;
    toResults.current = false;
    resultsHeading.current?.focus();
  }, [key]);
  const apply = (next: ListParams) => {
    toResults.current = true;
    setSearch(searchOf(next));
  };
  const goTo = (page: number) => apply({ ...params, page });

  const data = cases.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = isFiltered(params);

  return (
    <>
      <PageHeading>{t('caseList.title')}</PageHeading>
      <Paragraph>{t('caseList.intro')}</Paragraph>
      {/* Keyed by the address: back and forward show the filters of the list they show. */}
      <CaseFilters key={search.toString()} params={params} states={states} onApply={apply} />

      <section aria-labelledby="case-results" className="case-results">
        <Heading level={2} data-size="xs" id="case-results" ref={resultsHeading} tabIndex={-1} className="case-results-heading">
          {t('caseList.results')}
        </Heading>
        {cases.isPending && !blocked && <Loading />}
        {(cases.isError || blocked) && (
          <LoadError
            onRetry={() => {
              void cases.refetch();
              states.retry();
            }}
          />
        )}
        {/* Read out when the list changes: how many match, or that none do. */}
        <p role="status" className="case-count">
          {!data
            ? ''
            : data.total === 0
              ? filtered
                ? t('caseList.emptyFiltered')
                : t('caseList.empty')
              : t('caseList.count', { count: data.total, from: data.offset + 1, to: data.offset + data.items.length })}
        </p>
        {data && data.total === 0 && (
          <div className="case-empty">
            {filtered ? (
              <Button variant="secondary" onClick={() => apply({ ...params, q: '', state: '', processId: '', mine: false, page: 1 })}>
                {t('caseList.filters.reset')}
              </Button>
            ) : (
              <Link asChild>
                <RouterLink to="/report">{t('caseList.reportLink')}</RouterLink>
              </Link>
            )}
          </div>
        )}
        {data && data.total > 0 && data.items.length === 0 && (
          <Paragraph>
            {t('caseList.pastEnd')}{' '}
            <Button variant="tertiary" data-size="sm" onClick={() => goTo(1)}>
              {t('caseList.firstPage')}
            </Button>
          </Paragraph>
        )}
        {data && data.items.length > 0 && (
          <>
            <CaseTable items={data.items} caption={t('caseList.caption', { page: params.page, pages })} />
            {pages > 1 && (
              <nav className="paging" aria-label={t('caseList.pagingNav')}>
                <Paragraph data-size="sm">{t('caseList.pageOf', { page: params.page, pages })}</Paragraph>
                <Button variant="secondary" data-size="sm" disabled={params.page <= 1} onClick={() => goTo(params.page - 1)}>
                  {t('caseList.previous')}
                </Button>
                <Button variant="secondary" data-size="sm" disabled={params.page >= pages} onClick={() => goTo(params.page + 1)}>
                  {t('caseList.next')}
                </Button>
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}
