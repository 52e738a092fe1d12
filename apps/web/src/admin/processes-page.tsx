import { Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { useProcess, type Process } from './admin-api';
import { AdminListPage, FilterForm, Narrowed, type FilterFormProps } from './admin-list-page';
import { StatusTag, TextInput, To } from './admin-shared';
import { UnitName } from './names';

/** The process catalogue, with each process's owner and who is process responsible today. */
export function ProcessesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <AdminListPage<Process>
      part="processes"
      resource="processes"
      filterKeys={['q', 'owningUnitId', 'includeEnded']}
      Filters={ProcessFilters}
      narrowed={(filters, showAll) =>
        filters.owningUnitId && (
          <Narrowed onShowAll={() => showAll('owningUnitId')}>
            {t('admin.processes.onlyOwnedBy')} <UnitName id={filters.owningUnitId} />.
          </Narrowed>
        )
      }
      columns={[
        t('admin.processes.process'),
        t('admin.fields.code'),
        t('admin.fields.otherName'),
        t('admin.fields.owningUnit'),
        t('admin.fields.processOwner'),
        t('admin.fields.responsibleToday'),
        t('admin.fields.status'),
      ]}
      row={(process) => (
        <Table.Row>
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
      )}
    />
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

function ProcessFilters({ initial, onApply }: FilterFormProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  return (
    <FilterForm initial={initial} values={{ q: q.trim() }} includeEndedLabel={t('admin.filters.includeEnded')} onApply={onApply}>
      <TextInput id="filter-q" type="search" label={t('admin.processes.search')} value={q} onChange={setQ} />
    </FilterForm>
  );
}
