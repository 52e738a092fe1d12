import { Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodStatus, queryString, ROLES, type RoleAssignment } from './admin-api';
import { AdminListPage, FilterForm, InForceFilter, Narrowed, SelectFilter, type FilterFormProps } from './admin-list-page';
import { PeriodText, StatusTag, To, useToday } from './admin-shared';
import { ProcessName, ScopeText, UnitName } from './names';
import { Picker } from './pickers';

/** Who holds which role in which scope, and for which days. */
export function RoleAssignmentsPage() {
  const { t } = useTranslation();
  const today = useToday();
  return (
    <AdminListPage<RoleAssignment>
      part="assignments"
      resource="role-assignments"
      filterKeys={['userId', 'role', 'unitId', 'processId', 'inForce', 'includeEnded']}
      Filters={AssignmentFilters}
      newLink={(filters) => `/admin/role-assignments/new${queryString({ userId: filters.userId, unitId: filters.unitId, processId: filters.processId })}`}
      narrowed={(filters, showAll) => (
        <>
          {filters.unitId && (
            <Narrowed onShowAll={() => showAll('unitId')}>
              {t('admin.assignments.onlyUnit')} <UnitName id={filters.unitId} />.
            </Narrowed>
          )}
          {filters.processId && (
            <Narrowed onShowAll={() => showAll('processId')}>
              {t('admin.assignments.onlyProcess')} <ProcessName id={filters.processId} />.
            </Narrowed>
          )}
        </>
      )}
      columns={[t('admin.fields.person'), t('admin.fields.role'), t('admin.fields.scope'), t('admin.fields.period'), t('admin.fields.status')]}
      row={(a) => (
        <Table.Row>
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
      )}
    />
  );
}

function AssignmentFilters({ initial, onApply }: FilterFormProps) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | null>(initial.userId || null);
  const [role, setRole] = useState(initial.role ?? '');
  const [inForce, setInForce] = useState(initial.inForce ?? '');
  return (
    <FilterForm initial={initial} values={{ userId: userId ?? '', role, inForce }} includeEndedLabel={t('admin.filters.includeEndedAssignments')} onApply={onApply}>
      <Picker kind="user" id="filter-user" label={t('admin.fields.person')} optional value={userId} onChange={setUserId} />
      <div className="admin-filter-row">
        <SelectFilter
          id="filter-role"
          label={t('admin.fields.role')}
          value={role}
          onChange={setRole}
          options={[['', t('admin.filters.allRoles')], ...ROLES.filter((r) => r !== 'process_responsible').map((r): [string, string] => [r, t(`admin.roles.${r}`)])]}
        />
        <InForceFilter value={inForce} onChange={setInForce} />
      </div>
    </FilterForm>
  );
}
