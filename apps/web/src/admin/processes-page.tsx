import { Button, Checkbox, Paragraph, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, queryString, useProcess, type Page, type Process } from './admin-api';
import { ActionLink, AdminOnly, Paging, StatusTag, TextInput, To, useListParams } from './admin-shared';
import { UnitName } from './names';

/** The process catalogue, with each process's owner and who is process responsible today. */
export function ProcessesPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.processes.title')}>
      <ProcessList />
    </AdminOnly>
  );
}

function ProcessList() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useListParams();
  const filters = { q: list.get('q'), owningUnitId: list.get('owningUnitId'), includeEnded: list.get('includeEnded') };
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const processes = useQuery({
    queryKey: keys.list('processes', query),
    queryFn: () => api<Page<Process>>(`/api/processes${query}`),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Paragraph>{t('admin.processes.about')}</Paragraph>
      <ActionLink to="/admin/processes/new">{t('admin.processes.new')}</ActionLink>
      <ProcessFilters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {filters.owningUnitId && (
        <Paragraph>
          {t('admin.processes.onlyOwnedBy')} <UnitName id={filters.owningUnitId} />.{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, owningUnitId: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {processes.isPending && <Loading />}
      {processes.isError && <LoadError onRetry={() => void processes.refetch()} />}
      {processes.data && (
        <>
          {processes.data.total === 0 ? (
            <Paragraph>{t('admin.processes.none')}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t('admin.processes.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('admin.processes.process')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.code')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.otherName')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.owningUnit')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.processOwner')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.responsibleToday')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.status')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {processes.data.items.map((process) => (
                    <Table.Row key={process.id}>
                      <Table.Cell>
                        <To to={`/admin/processes/${process.id}`}>{format.label({ nb: process.nameNb, en: process.nameEn })}</To>
                      </Table.Cell>
                      <Table.Cell>{process.code}</Table.Cell>
                      <Table.Cell lang={format.label({ nb: 'en', en: 'nb' })}>{format.label({ nb: process.nameEn, en: process.nameNb })}</Table.Cell>
                      <Table.Cell>
                        <UnitName id={process.owningUnit.id} fallback={process.owningUnit.nameNb} />
                      </Table.Cell>
                      <ProcessPeopleCells id={process.id} />
                      <Table.Cell>
                        <StatusTag status={process.endedAt ? 'ended' : 'active'} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={processes.data} label={t('admin.processes.pagingLabel')} onGo={list.goTo} />
        </>
      )}
    </>
  );
}

/** The owner and today's process responsible of a row: the list does not carry them, the process does. */
function ProcessPeopleCells({ id }: { id: string }) {
  const { t } = useTranslation();
  const process = useProcess(id);
  if (!process.data) {
    return (
      <>
        <Table.Cell>{process.isError ? t('admin.unknown') : '…'}</Table.Cell>
        <Table.Cell>{process.isError ? t('admin.unknown') : '…'}</Table.Cell>
      </>
    );
  }
  const responsible = process.data.processResponsibles[0];
  return (
    <>
      <Table.Cell>{process.data.processOwners.map((owner) => owner.name).join(', ') || t('admin.nobody')}</Table.Cell>
      <Table.Cell>
        {!responsible
          ? t('admin.nobody')
          : responsible.deputyStandsIn && responsible.deputy
            ? t('admin.mandates.standsIn', { deputy: responsible.deputy.name, holder: responsible.holder.name })
            : responsible.holder.name}
      </Table.Cell>
    </>
  );
}

function ProcessFilters({ initial, onApply }: { initial: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, q: q.trim(), includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      <TextInput id="filter-q" type="search" label={t('admin.processes.search')} value={q} onChange={setQ} />
      <Checkbox label={t('admin.filters.includeEnded')} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}
