import { Button, Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, periodStatus, queryString, useProcess, useUser, type Mandate, type Page } from './admin-api';
import { useFormat } from '../format';
import { ActionLink, AdminOnly, Paging, PeriodText, StatusTag, To, useListParams, useToday } from './admin-shared';
import { TodayText } from './names';
import { Picker } from './pickers';

/**
 * The process-responsible mandates: for each process who holds it, who stands in during an
 * absence, for which days, and who acts as process responsible today.
 */
export function MandatesPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.mandates.title')}>
      <MandateList />
    </AdminOnly>
  );
}

function MandateList() {
  const { t } = useTranslation();
  const today = useToday();
  const list = useListParams();
  const filters = {
    processId: list.get('processId'),
    holderId: list.get('holderId'),
    inForce: list.get('inForce'),
    includeEnded: list.get('includeEnded'),
  };
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const mandates = useQuery({
    queryKey: keys.list('mandates', query),
    queryFn: () => api<Page<Mandate>>(`/api/mandates${query}`),
    placeholderData: keepPreviousData,
  });
  const holder = useUser(filters.holderId || null);

  return (
    <>
      <Paragraph>{t('admin.mandates.about')}</Paragraph>
      <ActionLink to={`/admin/mandates/new${queryString({ processId: filters.processId })}`}>{t('admin.mandates.new')}</ActionLink>
      <MandateFilters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {filters.holderId && holder.data && (
        <Paragraph>
          {t('admin.mandates.onlyHolder', { name: holder.data.name })}{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, holderId: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {mandates.isPending && <Loading />}
      {mandates.isError && <LoadError onRetry={() => void mandates.refetch()} />}
      {mandates.data && (
        <>
          {mandates.data.total === 0 ? (
            <Paragraph>{t('admin.mandates.none')}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t('admin.mandates.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('admin.fields.process')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.holder')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.deputy')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.period')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.status')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.responsibleToday')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.absences')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {mandates.data.items.map((m) => (
                    <MandateRow key={m.id} mandate={m} today={today} />
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={mandates.data} label={t('admin.mandates.pagingLabel')} onGo={list.goTo} />
        </>
      )}
    </>
  );
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

function MandateFilters({ initial, onApply }: { initial: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [processId, setProcessId] = useState<string | null>(initial.processId || null);
  const [inForce, setInForce] = useState(initial.inForce ?? '');
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, processId: processId ?? '', inForce, includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      <Picker kind="process" id="filter-process" label={t('admin.fields.process')} optional value={processId} onChange={setProcessId} />
      <Field>
        <Label htmlFor="filter-in-force">{t('admin.filters.today')}</Label>
        <Select id="filter-in-force" value={inForce} onChange={(event) => setInForce(event.target.value)}>
          <Select.Option value="">{t('admin.filters.todayAll')}</Select.Option>
          <Select.Option value="true">{t('admin.filters.todayInForce')}</Select.Option>
          <Select.Option value="false">{t('admin.filters.todayNotInForce')}</Select.Option>
        </Select>
      </Field>
      <Checkbox label={t('admin.filters.includeEndedMandates')} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}
