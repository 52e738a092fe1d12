import { Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { UNIT_KINDS, useUnit, type Unit } from './admin-api';
import { AdminListPage, FilterForm, Narrowed, SelectFilter, type FilterFormProps } from './admin-list-page';
import { StatusTag, TextInput, To } from './admin-shared';
import { UnitName } from './names';

/** The units of the university, shallowest first, with where each sits. */
export function UnitsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <AdminListPage<Unit>
      part="units"
      resource="units"
      filterKeys={['q', 'kind', 'within', 'includeEnded']}
      Filters={UnitFilters}
      narrowed={(filters, showAll) => filters.within && <OnlyWithin id={filters.within} onShowAll={() => showAll('within')} />}
      columns={[t('admin.units.unit'), t('admin.fields.code'), t('admin.fields.otherName'), t('admin.fields.kind'), t('admin.fields.parent'), t('admin.fields.status')]}
      row={(unit) => (
        <Table.Row>
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
      )}
    />
  );
}

/** The units below one unit: said once its name is known. */
function OnlyWithin({ id, onShowAll }: { id: string; onShowAll: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const within = useUnit(id);
  if (!within.data) return null;
  return <Narrowed onShowAll={onShowAll}>{t('admin.units.onlyWithin', { name: format.label({ nb: within.data.nameNb, en: within.data.nameEn }) })}</Narrowed>;
}

function UnitFilters({ initial, onApply }: FilterFormProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  const [kind, setKind] = useState(initial.kind ?? '');
  return (
    <FilterForm initial={initial} values={{ q: q.trim(), kind }} includeEndedLabel={t('admin.filters.includeEnded')} onApply={onApply}>
      <div className="admin-filter-row">
        <TextInput id="filter-q" type="search" label={t('admin.units.search')} value={q} onChange={setQ} />
        <SelectFilter
          id="filter-kind"
          label={t('admin.fields.kind')}
          value={kind}
          onChange={setKind}
          options={[['', t('admin.filters.allKinds')], ...UNIT_KINDS.map((k): [string, string] => [k, t(`admin.unitKinds.${k}`)])]}
        />
      </div>
    </FilterForm>
  );
}
