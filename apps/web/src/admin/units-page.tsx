import { Button, Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, queryString, UNIT_KINDS, useUnit, type Page, type Unit } from './admin-api';
import { ActionLink, AdminOnly, Paging, StatusTag, TextInput, To, useListParams } from './admin-shared';
import { UnitName } from './names';

/** The units of the university, shallowest first, with where each sits. */
export function UnitsPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.units.title')}>
      <UnitList />
    </AdminOnly>
  );
}

function UnitList() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useListParams();
  const filters = { q: list.get('q'), kind: list.get('kind'), within: list.get('within'), includeEnded: list.get('includeEnded') };
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const units = useQuery({ queryKey: keys.list('units', query), queryFn: () => api<Page<Unit>>(`/api/units${query}`), placeholderData: keepPreviousData });
  const within = useUnit(filters.within || null);

  return (
    <>
      <Paragraph>{t('admin.units.about')}</Paragraph>
      <ActionLink to="/admin/units/new">{t('admin.units.new')}</ActionLink>
      <UnitFilters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {filters.within && within.data && (
        <Paragraph>
          {t('admin.units.onlyWithin', { name: format.label({ nb: within.data.nameNb, en: within.data.nameEn }) })}{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, within: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {units.isPending && <Loading />}
      {units.isError && <LoadError onRetry={() => void units.refetch()} />}
      {units.data && (
        <>
          {units.data.total === 0 ? (
            <Paragraph>{t('admin.units.none')}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t('admin.units.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('admin.units.unit')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.code')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.otherName')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.kind')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.parent')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.status')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {units.data.items.map((unit) => (
                    <Table.Row key={unit.id}>
                      <Table.Cell>
                        <To to={`/admin/units/${unit.id}`}>{format.label({ nb: unit.nameNb, en: unit.nameEn })}</To>
                      </Table.Cell>
                      <Table.Cell>{unit.code}</Table.Cell>
                      <Table.Cell lang={format.label({ nb: 'en', en: 'nb' })}>{format.label({ nb: unit.nameEn, en: unit.nameNb })}</Table.Cell>
                      <Table.Cell>{t(`admin.unitKinds.${unit.kind}`)}</Table.Cell>
                      <Table.Cell>{unit.parentId ? <UnitName id={unit.parentId} link /> : t('admin.units.root')}</Table.Cell>
                      <Table.Cell>
                        <StatusTag status={unit.endedAt ? 'ended' : 'active'} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={units.data} label={t('admin.units.pagingLabel')} onGo={list.goTo} />
        </>
      )}
    </>
  );
}

function UnitFilters({ initial, onApply }: { initial: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  const [kind, setKind] = useState(initial.kind ?? '');
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, q: q.trim(), kind, includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      <div className="admin-filter-row">
        <TextInput id="filter-q" type="search" label={t('admin.units.search')} value={q} onChange={setQ} />
        <Field>
          <Label htmlFor="filter-kind">{t('admin.fields.kind')}</Label>
          <Select id="filter-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
            <Select.Option value="">{t('admin.filters.allKinds')}</Select.Option>
            {UNIT_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`admin.unitKinds.${k}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <Checkbox label={t('admin.filters.includeEnded')} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}
