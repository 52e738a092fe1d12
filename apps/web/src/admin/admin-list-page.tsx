import { Button, Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, queryString, type Page } from './admin-api';
import { ActionLink, AdminOnly } from './admin-shared';

/** A list's filters by name, as the address holds them ('' for one not set). */
export type Filters = Record<string, string>;

/** What a list's own filter form is given: the filters in force, and where to send new ones. */
export interface FilterFormProps {
  initial: Filters;
  onApply: (values: Filters) => void;
}

interface AdminListProps<T> {
  /** Where the list's words are: `admin.<part>.title`, `.about`, `.new`, `.none`, `.caption`, `.pagingLabel`. */
  part: string;
  /** The records' name in the API's and the app's paths: `/api/<resource>`, `/admin/<resource>/new`. */
  resource: string;
  /** The filters the address may hold, in the order the API is asked with them. */
  filterKeys: string[];
  Filters: ComponentType<FilterFormProps>;
  /** The link to a new record, where it carries something over from the filters. */
  newLink?: (filters: Filters) => string;
  /** What narrows the list when another page links to it (a unit's users), each with its way back to all. */
  narrowed?: (filters: Filters, showAll: (key: string) => void) => ReactNode;
  columns: string[];
  /** One record's row (a `Table.Row`). */
  row: (record: T) => ReactNode;
}

/**
 * An admin list page: what the list holds, the link to a new record, the filters, a page of
 * records as a table, and the paging. The filters and the page live in the address, so back,
 * forward and a reload keep them; the records are fetched only for admins.
 */
export function AdminListPage<T extends { id: string }>(props: AdminListProps<T>) {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t(`admin.${props.part}.title`)}>
      <AdminList {...props} />
    </AdminOnly>
  );
}

function AdminList<T extends { id: string }>({ part, resource, filterKeys, Filters, newLink, narrowed, columns, row }: AdminListProps<T>) {
  const { t } = useTranslation();
  const list = useListParams();
  const filters: Filters = Object.fromEntries(filterKeys.map((key) => [key, list.get(key)]));
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const records = useQuery({
    queryKey: keys.list(resource, query),
    queryFn: () => api<Page<T>>(`/api/${resource}${query}`),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Paragraph>{t(`admin.${part}.about`)}</Paragraph>
      <ActionLink to={newLink?.(filters) ?? `/admin/${resource}/new`}>{t(`admin.${part}.new`)}</ActionLink>
      <Filters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {narrowed?.(filters, (key) => list.setFilters({ ...filters, [key]: '' }))}
      {records.isPending && <Loading />}
      {records.isError && <LoadError onRetry={() => void records.refetch()} />}
      {records.data && (
        <>
          {records.data.total === 0 ? (
            <Paragraph>{t(`admin.${part}.none`)}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t(`admin.${part}.caption`)}</caption>
                <Table.Head>
                  <Table.Row>
                    {columns.map((column) => (
                      <Table.HeaderCell key={column}>{column}</Table.HeaderCell>
                    ))}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {records.data.items.map((record) => (
                    <Fragment key={record.id}>{row(record)}</Fragment>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={records.data} label={t(`admin.${part}.pagingLabel`)} onGo={list.goTo} />
        </>
      )}
    </>
  );
}

/**
 * A list's filter form: the list's own fields, whether ended records are included, and the
 * button that applies them all at once (the list does not change while a person types).
 */
export function FilterForm({
  initial,
  values,
  includeEndedLabel,
  onApply,
  children,
}: FilterFormProps & {
  /** The values of the list's own fields as they stand in the form. */
  values: Filters;
  includeEndedLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, ...values, includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      {children}
      <Checkbox label={includeEndedLabel} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}

/** A filter that picks one of a few values; the first option ('') is all of them. */
export function SelectFilter({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Each option's value and words. */
  options: [string, string][];
}) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([option, words]) => (
          <Select.Option key={option} value={option}>
            {words}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** Whether a period (an assignment, a mandate) is in force today. */
export function InForceFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectFilter
      id="filter-in-force"
      label={t('admin.filters.today')}
      value={value}
      onChange={onChange}
      options={[
        ['', t('admin.filters.todayAll')],
        ['true', t('admin.filters.todayInForce')],
        ['false', t('admin.filters.todayNotInForce')],
      ]}
    />
  );
}

/** A list narrowed by the page that linked to it, and the way back to all of it. */
export function Narrowed({ onShowAll, children }: { onShowAll: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paragraph>
      {children}{' '}
      <Button variant="tertiary" data-size="sm" onClick={onShowAll}>
        {t('admin.filters.showAll')}
      </Button>
    </Paragraph>
  );
}

/** The filters and page of a list, kept in the address so back, forward and a reload keep them. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  return {
    params,
    offset,
    get: (key: string) => params.get(key) ?? '',
    /** New filters start again at the first page. */
    setFilters: (values: Record<string, string>) => {
      const next = new URLSearchParams();
      for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
      setParams(next);
    },
    goTo: (nextOffset: number) => {
      const next = new URLSearchParams(params);
      if (nextOffset > 0) next.set('offset', String(nextOffset));
      else next.delete('offset');
      setParams(next);
    },
  };
}

/** "Showing 21–40 of 45" and the buttons to the pages before and after. */
function Paging({ page, label, onGo }: { page: Page<unknown>; label: string; onGo: (offset: number) => void }) {
  const { t } = useTranslation();
  if (page.total <= page.limit && page.offset === 0) {
    return <Paragraph data-size="sm">{t('admin.paging.count', { count: page.total })}</Paragraph>;
  }
  return (
    <nav className="admin-paging" aria-label={label}>
      <Paragraph data-size="sm">
        {t('admin.paging.showing', { from: page.total === 0 ? 0 : page.offset + 1, to: page.offset + page.items.length, total: page.total })}
      </Paragraph>
      <Button variant="secondary" data-size="sm" disabled={page.offset === 0} onClick={() => onGo(Math.max(0, page.offset - PAGE_SIZE))}>
        {t('admin.paging.previous')}
      </Button>
      <Button variant="secondary" data-size="sm" disabled={page.offset + PAGE_SIZE >= page.total} onClick={() => onGo(page.offset + PAGE_SIZE)}>
        {t('admin.paging.next')}
      </Button>
    </nav>
  );
}
