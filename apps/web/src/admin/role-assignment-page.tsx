import { Field, Fieldset, Label, Paragraph, Radio, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { ASSIGNABLE_ROLES, ASSIGNABLE_SCOPES, keys, periodStatus, useAssignment, type Role, type RoleAssignment, type ScopeKind } from './admin-api';
import { Facts, PeriodText, Saved, StatusTag, TextInput, To, useToday } from './admin-shared';
import { ScopeText, useProcessName } from './names';
import { Picker } from './pickers';
import { RecordForm, useAdminForm } from './record-form';
import { EditAndEnd, RecordPage, useRecordId } from './record-page';

/** One role assignment: its period, changing it, and ending it. `/admin/role-assignments/new` gives a role. */
export function RoleAssignmentPage() {
  const { t } = useTranslation();
  const assignment = useAssignment(useRecordId());
  return (
    <RecordPage
      part="assignments"
      resource="role-assignments"
      record={assignment}
      title={(a) => t('admin.assignments.one', { role: t(`admin.roles.${a.role}`), name: a.user.name })}
      newForm={<NewAssignmentForm />}
    >
      {(a, created) => <AssignmentDetail assignment={a} created={created} />}
    </RecordPage>
  );
}

function AssignmentDetail({ assignment, created }: { assignment: RoleAssignment; created: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(created ? t('admin.assignments.created') : null);
  const store = async (next: RoleAssignment) => {
    queryClient.setQueryData(keys.assignment(next.id), next);
    await queryClient.invalidateQueries({ queryKey: ['admin', 'role-assignments'] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'user', next.user.id] });
  };
  const end = async (reason: string) => {
    await store(await api<RoleAssignment>(`/api/role-assignments/${assignment.id}/end`, { method: 'POST', body: reason ? { reason } : {} }));
    setSaved(t('admin.assignments.ended'));
  };
  const role = t(`admin.roles.${assignment.role}`);
  return (
    <>
      <Saved message={saved} />
      <Facts
        items={[
          [t('admin.fields.person'), <To to={`/admin/users/${assignment.user.id}`}>{assignment.user.name}</To>],
          [t('admin.fields.role'), role],
          [t('admin.fields.scope'), <ScopeText scope={assignment.scope} />],
          [t('admin.fields.period'), <PeriodText from={assignment.validFrom} to={assignment.validTo} />],
          [t('admin.fields.status'), <StatusTag status={periodStatus(assignment, today)} />],
          [t('admin.fields.createdAt'), format.dateTime(assignment.createdAt)],
          ...(assignment.endedAt
            ? ([
                [t('admin.fields.endedAt'), format.dateTime(assignment.endedAt)],
                [t('admin.fields.endReason'), assignment.endReason ?? t('admin.noReason')],
              ] as [string, string][])
            : []),
        ]}
      />
      {!assignment.endedAt && (
        <EditAndEnd
          part="assignments"
          one="assignment"
          form={
            <PeriodForm
              assignment={assignment}
              onSaved={async (next) => {
                await store(next);
                setSaved(t('admin.form.saved'));
              }}
            />
          }
          confirmTitle={t('admin.assignments.endConfirmTitle', { role, name: assignment.user.name })}
          withReason
          onEnd={end}
        />
      )}
    </>
  );
}

/** The first and last day of an assignment; an empty last day is until further notice. */
function PeriodForm({ assignment, onSaved }: { assignment: RoleAssignment; onSaved: (next: RoleAssignment) => Promise<void> }) {
  const { t } = useTranslation();
  const [validFrom, setValidFrom] = useState(assignment.validFrom);
  const [validTo, setValidTo] = useState(assignment.validTo ?? '');
  const processName = useProcessName(assignment.scope.kind === 'process' ? assignment.scope.processId : null);
  const form = useAdminForm({
    fields: {
      validFrom: { label: t('admin.fields.validFrom'), id: 'assignment-edit-validFrom' },
      validTo: { label: t('admin.fields.validToOpen'), id: 'assignment-edit-validTo' },
    },
    processName,
    check: (): Record<string, string> => (validFrom ? {} : { validFrom: t('admin.form.required') }),
    send: () => api<RoleAssignment>(`/api/role-assignments/${assignment.id}`, { method: 'PATCH', body: { validFrom, validTo: validTo || null } }),
    onDone: onSaved,
  });
  return (
    <RecordForm form={form} aria-label={t('admin.assignments.edit')} submitLabel={t('admin.form.save')}>
      <TextInput {...form.field('validFrom')} type="date" value={validFrom} onChange={setValidFrom} />
      <TextInput {...form.field('validTo')} type="date" description={t('admin.assignments.validToHelp')} optional value={validTo} onChange={setValidTo} />
    </RecordForm>
  );
}

/**
 * Gives a person a role: the scope fields follow the role (a unit for a line manager, a process
 * for a process owner, nothing for the rector), as the API holds each role.
 */
function NewAssignmentForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = useToday();
  const [params] = useSearchParams();
  const [userId, setUserId] = useState<string | null>(params.get('userId'));
  const [role, setRole] = useState<Role | ''>((params.get('role') as Role | null) ?? '');
  const [wide, setWide] = useState<ScopeKind>('unit');
  const [unitId, setUnitId] = useState<string | null>(params.get('unitId'));
  const [processId, setProcessId] = useState<string | null>(params.get('processId'));
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState('');
  const processName = useProcessName(processId);
  const scopes = role ? ASSIGNABLE_SCOPES[role] : [];
  const scope: ScopeKind | null = scopes.length === 1 ? scopes[0]! : scopes.includes(wide) ? wide : (scopes[0] ?? null);
  const form = useAdminForm({
    fields: {
      userId: { label: t('admin.fields.person'), id: 'assignment-new-userId' },
      role: { label: t('admin.fields.role'), id: 'assignment-new-role' },
      unitId: { label: t('admin.fields.unit'), id: 'assignment-new-unitId' },
      processId: { label: t('admin.fields.process'), id: 'assignment-new-processId' },
      validFrom: { label: t('admin.fields.validFrom'), id: 'assignment-new-validFrom' },
      validTo: { label: t('admin.fields.validToOpen'), id: 'assignment-new-validTo' },
    },
    processName,
    check: () => {
      const missing: Record<string, string> = {};
      if (!userId) missing.userId = t('admin.form.choose');
      if (!role) missing.role = t('admin.form.choose');
      if (scope === 'unit' && !unitId) missing.unitId = t('admin.form.choose');
      if (scope === 'process' && !processId) missing.processId = t('admin.form.choose');
      if (!validFrom) missing.validFrom = t('admin.form.required');
      return missing;
    },
    send: () =>
      api<RoleAssignment>('/api/role-assignments', {
        method: 'POST',
        body: {
          userId,
          role,
          ...(scope === 'unit' ? { unitId } : {}),
          ...(scope === 'process' ? { processId } : {}),
          validFrom,
          validTo: validTo || null,
        },
      }),
    onDone: async (created) => {
      queryClient.setQueryData(keys.assignment(created.id), created);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'role-assignments'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'user', created.user.id] });
      navigate(`/admin/role-assignments/${created.id}`, { state: { created: true } });
    },
  });
  const roleField = form.field('role');
  return (
    <RecordForm form={form} aria-label={t('admin.assignments.new')} intro={<Paragraph>{t('admin.assignments.newAbout')}</Paragraph>} submitLabel={t('admin.assignments.create')}>
      <Picker kind="user" {...form.field('userId')} value={userId} onChange={setUserId} />
      <Field className="admin-field">
        <Label htmlFor={roleField.id}>{roleField.label}</Label>
        <Field.Description>{t('admin.assignments.roleHelp')}</Field.Description>
        <Select id={roleField.id} value={role} aria-invalid={roleField.error ? true : undefined} onChange={(event) => setRole(event.target.value as Role)}>
          <Select.Option value="">{t('admin.form.chooseOption')}</Select.Option>
          {ASSIGNABLE_ROLES.map((r) => (
            <Select.Option key={r} value={r}>
              {t(`admin.roles.${r}`)}
            </Select.Option>
          ))}
        </Select>
        {roleField.error && <ValidationMessage>{roleField.error}</ValidationMessage>}
      </Field>
      {scopes.length > 1 && (
        <Fieldset>
          <Fieldset.Legend>{t('admin.assignments.where')}</Fieldset.Legend>
          {scopes.map((kind) => (
            <Radio
              key={kind}
              name="assignment-scope"
              value={kind}
              label={t(`admin.assignments.scopeKinds.${kind}`)}
              checked={scope === kind}
              onChange={() => setWide(kind)}
            />
          ))}
        </Fieldset>
      )}
      {scope === 'global' && <Paragraph>{t('admin.assignments.globalHelp')}</Paragraph>}
      {scope === 'unit' && <Picker kind="unit" {...form.field('unitId')} description={t('admin.assignments.unitHelp')} value={unitId} onChange={setUnitId} />}
      {scope === 'process' && (
        <Picker
          kind="process"
          {...form.field('processId')}
          description={role === 'process_owner' ? t('admin.assignments.ownerHelp') : undefined}
          value={processId}
          onChange={setProcessId}
        />
      )}
      <TextInput {...form.field('validFrom')} type="date" value={validFrom} onChange={setValidFrom} />
      <TextInput {...form.field('validTo')} type="date" description={t('admin.assignments.validToHelp')} optional value={validTo} onChange={setValidTo} />
    </RecordForm>
  );
}
