import { Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type User } from './admin-api';
import { AdminListPage, FilterForm, Narrowed, SelectFilter, type FilterFormProps } from './admin-list-page';
import { StatusTag, TextInput, To } from './admin-shared';
import { UnitName } from './names';

/** The people who use Flyt: search by name or e-mail, by unit (and the units below it), by role. */
export function UsersPage() {
  const { t } = useTranslation();
  return (
    <AdminListPage<User>
      part="users"
      resource="users"
      filterKeys={['q', 'unitId', 'role', 'includeEnded']}
      Filters={UserFilters}
      narrowed={(filters, showAll) =>
        filters.unitId && (
          <Narrowed onShowAll={() => showAll('unitId')}>
            {t('admin.users.onlyIn')} <UnitName id={filters.unitId} />.
          </Narrowed>
        )
      }
      columns={[t('admin.fields.name'), t('admin.fields.email'), t('admin.fields.unit'), t('admin.fields.locale'), t('admin.fields.status')]}
      row={(user) => (
        <Table.Row>
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
      )}
    />
  );
}

function UserFilters({ initial, onApply }: FilterFormProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial.q ?? '');
  const [role, setRole] = useState(initial.role ?? '');
  return (
    <FilterForm initial={initial} values={{ q: q.trim(), role }} includeEndedLabel={t('admin.filters.includeEndedUsers')} onApply={onApply}>
      <div className="admin-filter-row">
        <TextInput id="filter-q" type="search" label={t('admin.users.search')} value={q} onChange={setQ} />
        <SelectFilter
          id="filter-role"
          label={t('admin.users.roleToday')}
          value={role}
          onChange={setRole}
          options={[['', t('admin.filters.allRoles')], ...ROLES.map((r): [string, string] => [r, t(`admin.roles.${r}`)])]}
        />
      </div>
    </FilterForm>
  );
}
