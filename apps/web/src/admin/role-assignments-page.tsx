import { Button, Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, periodStatus, queryString, ROLES, type Page, type RoleAssignment } from './admin-api';
import { ActionLink, AdminOnly, Paging, PeriodText, StatusTag, To, useListParams, useToday } from './admin-shared';
import { ProcessName, ScopeText, UnitName } from './names';
import { Picker } from './pickers';

/** Who holds which role in which scope, and for which days. */
export function RoleAssignmentsPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.assignments.title')}>
      <AssignmentList />
    </AdminOnly>
  );
}

function AssignmentList() {
  const { t } = useTranslation();
  const today = useToday();
  const list = useListParams();
  const filters = {
    userId: list.get('userId'),
    role: list.get('role'),
    unitId: list.get('unitId'),
    processId: list.get('processId'),
    inForce: list.get('inForce'),
    includeEnded: list.get('includeEnded'),
  };
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const assignments = useQuery({
    queryKey: keys.list('role-assignments', query),
    queryFn: () => api<Page<RoleAssignment>>(`/api/role-assignments${query}`),
    placeholderData: keepPreviousData,
  });
  const newLink = `/admin/role-assignments/new${queryString({ userId: filters.userId, unitId: filters.unitId, processId: filters.processId })}`;

  return (
    <>
      <Paragraph>{t('admin.assignments.about')}</Paragraph>
      <ActionLink to={newLink}>{t('admin.assignments.new')}</ActionLink>
      <AssignmentFilters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {filters.unitId && (
        <Paragraph>
          {t('admin.assignments.onlyUnit')} <UnitName id={filters.unitId} />.{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, unitId: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {filters.processId && (
        <Paragraph>
          {t('admin.assignments.onlyProcess')} <ProcessName id={filters.processId} />.{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, processId: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {assignments.isPending && <Loading />}
      {assignments.isError && <LoadError onRetry={() => void assignments.refetch()} />}
      {assignments.data && (
        <>
          {assignments.data.total === 0 ? (
            <Paragraph>{t('admin.assignments.none')}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t('admin.assignments.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('admin.fields.person')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.role')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.scope')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.period')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.status')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {assignments.data.items.map((a) => (
                    <Table.Row key={a.id}>
                      <Table.Cell>
                        <To to={`/admin/users/${a.user.id}`}>{a.user.name}</To>
                      </Table.Cell>
                      <Table.Cell>
                        <To to={`/admin/role-assignments/${a.id}`} aria-label={t('admin.assignments.openLabel', { role: t(`admin.roles.${a.role}`), name: a.user.name })}>
                          {t(`admin.roles.${a.role}`)}
                        </To>
                      </Table.Cell>
                      <Table.Cell>
                        <ScopeText scope={a.scope} />
                      </Table.Cell>
                      <Table.Cell>
                        <PeriodText from={a.validFrom} to={a.validTo} />
                      </Table.Cell>
                      <Table.Cell>
                        <StatusTag status={periodStatus(a, today)} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={assignments.data} label={t('admin.assignments.pagingLabel')} onGo={list.goTo} />
        </>
      )}
    </>
  );
}

function AssignmentFilters({ initial, onApply }: { initial: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | null>(initial.userId || null);
  const [role, setRole] = useState(initial.role ?? '');
  const [inForce, setInForce] = useState(initial.inForce ?? '');
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, userId: userId ?? '', role, inForce, includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      <Picker kind="user" id="filter-user" label={t('admin.fields.person')} optional value={userId} onChange={setUserId} />
      <div className="admin-filter-row">
        <Field>
          <Label htmlFor="filter-role">{t('admin.fields.role')}</Label>
          <Select id="filter-role" value={role} onChange={(event) => setRole(event.target.value)}>
            <Select.Option value="">{t('admin.filters.allRoles')}</Select.Option>
            {ROLES.filter((r) => r !== 'process_responsible').map((r) => (
              <Select.Option key={r} value={r}>
                {t(`admin.roles.${r}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="filter-in-force">{t('admin.filters.today')}</Label>
          <Select id="filter-in-force" value={inForce} onChange={(event) => setInForce(event.target.value)}>
            <Select.Option value="">{t('admin.filters.todayAll')}</Select.Option>
            <Select.Option value="true">{t('admin.filters.todayInForce')}</Select.Option>
            <Select.Option value="false">{t('admin.filters.todayNotInForce')}</Select.Option>
          </Select>
        </Field>
      </div>
      <Checkbox label={t('admin.filters.includeEndedAssignments')} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}
