import { Button, Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Loading, LoadError } from '../query-states';
import { keys, PAGE_SIZE, queryString, ROLES, type Page, type User } from './admin-api';
import { ActionLink, AdminOnly, Paging, StatusTag, TextInput, To, useListParams } from './admin-shared';
import { UnitName } from './names';

/** The people who use Flyt: search by name or e-mail, by unit (and the units below it), by role. */
export function UsersPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.users.title')}>
      <UserList />
    </AdminOnly>
  );
}

function UserList() {
  const { t } = useTranslation();
  const list = useListParams();
  const filters = { q: list.get('q'), unitId: list.get('unitId'), role: list.get('role'), includeEnded: list.get('includeEnded') };
  const query = queryString({ ...filters, limit: PAGE_SIZE, offset: list.offset });
  const users = useQuery({ queryKey: keys.list('users', query), queryFn: () => api<Page<User>>(`/api/users${query}`), placeholderData: keepPreviousData });

  return (
    <>
      <Paragraph>{t('admin.users.about')}</Paragraph>
      <ActionLink to="/admin/users/new">{t('admin.users.new')}</ActionLink>
      <UserFilters key={list.params.toString()} initial={filters} onApply={list.setFilters} />
      {filters.unitId && (
        <Paragraph>
          {t('admin.users.onlyIn')} <UnitName id={filters.unitId} />.{' '}
          <Button variant="tertiary" data-size="sm" onClick={() => list.setFilters({ ...filters, unitId: '' })}>
            {t('admin.filters.showAll')}
          </Button>
        </Paragraph>
      )}
      {users.isPending && <Loading />}
      {users.isError && <LoadError onRetry={() => void users.refetch()} />}
      {users.data && (
        <>
          {users.data.total === 0 ? (
            <Paragraph>{t('admin.users.none')}</Paragraph>
          ) : (
            <div className="table-scroll">
              <Table zebra className="admin-table">
                <caption>{t('admin.users.caption')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('admin.fields.name')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.email')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.unit')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.locale')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('admin.fields.status')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {users.data.items.map((user) => (
                    <Table.Row key={user.id}>
                      <Table.Cell>
                        <To to={`/admin/users/${user.id}`}>{user.name}</To>
                      </Table.Cell>
                      <Table.Cell>{user.email}</Table.Cell>
                      <Table.Cell>
                        <UnitName id={user.unit.id} fallback={user.unit.nameNb} />
                      </Table.Cell>
                      <Table.Cell>{t(`admin.locales.${user.locale}`)}</Table.Cell>
                      <Table.Cell>
                        <StatusTag status={user.endedAt ? 'ended' : 'active'} />
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          <Paging page={users.data} label={t('admin.users.pagingLabel')} onGo={list.goTo} />
        </>
      )}
    </>
  );
}

function UserFilters({ initial, onApply }: { initial: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  const [role, setRole] = useState(initial.role ?? '');
  const [includeEnded, setIncludeEnded] = useState(initial.includeEnded === 'true');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...initial, q: q.trim(), role, includeEnded: includeEnded ? 'true' : '' });
  };
  return (
    <form className="admin-filters" role="search" aria-label={t('admin.filters.label')} onSubmit={apply}>
      <div className="admin-filter-row">
        <TextInput id="filter-q" type="search" label={t('admin.users.search')} value={q} onChange={setQ} />
        <Field>
          <Label htmlFor="filter-role">{t('admin.users.roleToday')}</Label>
          <Select id="filter-role" value={role} onChange={(event) => setRole(event.target.value)}>
            <Select.Option value="">{t('admin.filters.allRoles')}</Select.Option>
            {ROLES.map((r) => (
              <Select.Option key={r} value={r}>
                {t(`admin.roles.${r}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <Checkbox label={t('admin.filters.includeEndedUsers')} checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary">
          {t('admin.filters.apply')}
        </Button>
      </div>
    </form>
  );
}
