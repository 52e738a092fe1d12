import { Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { periodStatus, queryString, useProcess, useUser, type Mandate } from './admin-api';
import { AdminListPage, FilterForm, InForceFilter, Narrowed, type FilterFormProps } from './admin-list-page';
import { PeriodText, StatusTag, To, useToday } from './admin-shared';
import { TodayText } from './names';
import { Picker } from './pickers';

/**
 * The process-responsible mandates: for each process who holds it, who stands in during an
 * absence, for which days, and who acts as process responsible today.
 */
export function MandatesPage() {
  const { t } = useTranslation();
  const today = useToday();
  return (
    <AdminListPage<Mandate>
      part="mandates"
      resource="mandates"
      filterKeys={['processId', 'holderId', 'inForce', 'includeEnded']}
      Filters={MandateFilters}
      newLink={(filters) => `/admin/mandates/new${queryString({ processId: filters.processId })}`}
      narrowed={(filters, showAll) => filters.holderId && <OnlyHolder id={filters.holderId} onShowAll={() => showAll('holderId')} />}
      columns={[
        t('admin.fields.process'),
        t('admin.fields.holder'),
        t('admin.fields.deputy'),
        t('admin.fields.period'),
        t('admin.fields.status'),
        t('admin.fields.responsibleToday'),
        t('admin.fields.absences'),
      ]}
      row={(m) => <MandateRow mandate={m} today={today} />}
    />
  );
}

/** One holder's mandates: said once their name is known. */
function OnlyHolder({ id, onShowAll }: { id: string; onShowAll: () => void }) {
  const { t } = useTranslation();
  const holder = useUser(id);
  if (!holder.data) return null;
  return <Narrowed onShowAll={onShowAll}>{t('admin.mandates.onlyHolder', { name: holder.data.name })}</Narrowed>;
}

function MandateRow({ mandate: m, today }: { mandate: Mandate; today: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const process = useProcess(m.process.id, i18n.language === 'en');
  const processName = process.data ? format.label({ nb: process.data.nameNb, en: process.data.nameEn }) : m.process.nameNb;
  return (
    <Table.Row>
      <Table.Cell>{processName}</Table.Cell>
      <Table.Cell>
        <To to={`/admin/mandates/${m.id}`} aria-label={t('admin.mandates.openLabel', { name: m.holder.name, process: processName })}>
          {m.holder.name}
        </To>
      </Table.Cell>
      <Table.Cell>{m.deputy?.name ?? t('admin.nobody')}</Table.Cell>
      <Table.Cell>
        <PeriodText from={m.validFrom} to={m.validTo} />
      </Table.Cell>
      <Table.Cell>
        <StatusTag status={periodStatus(m, today)} />
      </Table.Cell>
      <Table.Cell>
        <TodayText mandate={m} />
      </Table.Cell>
      <Table.Cell>
        {m.absences.length === 0 ? (
          t('admin.mandates.noAbsences')
        ) : (
          <ul className="admin-plain-list">
            {m.absences.map((a) => (
              <li key={a.id}>
                <PeriodText from={a.startsOn} to={a.endsOn} />
              </li>
            ))}
          </ul>
        )}
      </Table.Cell>
    </Table.Row>
  );
}

function MandateFilters({ initial, onApply }: FilterFormProps) {
  const { t } = useTranslation();
  const [processId, setProcessId] = useState<string | null>(initial.processId || null);
  const [inForce, setInForce] = useState(initial.inForce ?? '');
  return (
    <FilterForm initial={initial} values={{ processId: processId ?? '', inForce }} includeEndedLabel={t('admin.filters.includeEndedMandates')} onApply={onApply}>
      <Picker kind="process" id="filter-process" label={t('admin.fields.process')} optional value={processId} onChange={setProcessId} />
      <InForceFilter value={inForce} onChange={setInForce} />
    </FilterForm>
  );
}
