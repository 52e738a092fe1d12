import { Button, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading } from '../query-states';
import { ASSIGNABLE_ROLES, ASSIGNABLE_SCOPES, keys, periodStatus, useProcess, type Role, type RoleAssignment, type ScopeKind } from './admin-api';
import { AdminOnly, RecordError, EndButton, Facts, FormProblem, PeriodText, Saved, StatusTag, TextInput, To, useAdminForm, useToday, type FieldMap } from './admin-shared';
import { ScopeText } from './names';
import { Picker } from './pickers';

/** One role assignment: its period, changing it, and ending it. `/admin/role-assignments/new` gives a role. */
export function RoleAssignmentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const assignment = useQuery({
    queryKey: keys.assignment(id ?? ''),
    queryFn: () => api<RoleAssignment>(`/api/role-assignments/${id}`),
    enabled: !!id && id !== 'new',
  });
  const crumbs = [{ to: '/admin/role-assignments', label: t('admin.assignments.title') }];
  if (id === 'new') {
    return (
      <AdminOnly title={t('admin.assignments.new')} crumbs={crumbs}>
        <NewAssignmentForm />
      </AdminOnly>
    );
  }
  const title = assignment.data
    ? t('admin.assignments.one', { role: t(`admin.roles.${assignment.data.role}`), name: assignment.data.user.name })
    : t('admin.assignments.oneLoading');
  return (
    <AdminOnly title={title} crumbs={crumbs}>
      {assignment.isPending && <Loading />}
      {assignment.isError && <RecordError error={assignment.error} onRetry={() => void assignment.refetch()} />}
      {assignment.data && (
        <AssignmentDetail key={assignment.data.id} assignment={assignment.data} created={(location.state as { created?: boolean } | null)?.created ?? false} />
      )}
    </AdminOnly>
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
        <>
          <section className="admin-section" aria-labelledby="edit-assignment">
            <Heading level={2} data-size="sm" id="edit-assignment">
              {t('admin.assignments.edit')}
            </Heading>
            <PeriodForm
              assignment={assignment}
              onSaved={async (next) => {
                await store(next);
                setSaved(t('admin.form.saved'));
              }}
            />
          </section>
          <section className="admin-section" aria-labelledby="end-assignment">
            <Heading level={2} data-size="sm" id="end-assignment">
              {t('admin.assignments.endTitle')}
            </Heading>
            <Paragraph>{t('admin.assignments.endAbout')}</Paragraph>
            <EndButton
              label={t('admin.assignments.end')}
              title={t('admin.assignments.endConfirmTitle', { role, name: assignment.user.name })}
              body={t('admin.assignments.endConfirm')}
              confirm={t('admin.assignments.end')}
              withReason
              onEnd={end}
            />
          </section>
        </>
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
  const fields: FieldMap = {
    validFrom: { label: t('admin.fields.validFrom'), id: 'assignment-edit-validFrom' },
    validTo: { label: t('admin.fields.validToOpen'), id: 'assignment-edit-validTo' },
  };
  const form = useAdminForm({
    processName,
    check: (): Record<string, string> => (validFrom ? {} : { validFrom: t('admin.form.required') }),
    send: () => api<RoleAssignment>(`/api/role-assignments/${assignment.id}`, { method: 'PATCH', body: { validFrom, validTo: validTo || null } }),
    onDone: onSaved,
  });
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={t('admin.assignments.edit')}>
      <FormProblem errors={form.errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.validFrom!.id} type="date" label={fields.validFrom!.label} value={validFrom} onChange={setValidFrom} error={form.errors.validFrom} />
      <TextInput
        id={fields.validTo!.id}
        type="date"
        label={fields.validTo!.label}
        description={t('admin.assignments.validToHelp')}
        optional
        value={validTo}
        onChange={setValidTo}
        error={form.errors.validTo}
      />
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : t('admin.form.save')}
        </Button>
      </div>
    </form>
  );
}

function useProcessName(id: string | null): string | undefined {
  const format = useFormat();
  const process = useProcess(id);
  return process.data ? format.label({ nb: process.data.nameNb, en: process.data.nameEn }) : undefined;
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
  const fields: FieldMap = {
    userId: { label: t('admin.fields.person'), id: 'assignment-new-userId' },
    role: { label: t('admin.fields.role'), id: 'assignment-new-role' },
    unitId: { label: t('admin.fields.unit'), id: 'assignment-new-unitId' },
    processId: { label: t('admin.fields.process'), id: 'assignment-new-processId' },
    validFrom: { label: t('admin.fields.validFrom'), id: 'assignment-new-validFrom' },
    validTo: { label: t('admin.fields.validToOpen'), id: 'assignment-new-validTo' },
  };
  const form = useAdminForm({
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
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={t('admin.assignments.new')}>
      <Paragraph>{t('admin.assignments.newAbout')}</Paragraph>
      <FormProblem errors={errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <Picker kind="user" id={fields.userId!.id} label={fields.userId!.label} value={userId} onChange={setUserId} error={errors.userId} />
      <Field className="admin-field">
        <Label htmlFor={fields.role!.id}>{fields.role!.label}</Label>
        <Field.Description>{t('admin.assignments.roleHelp')}</Field.Description>
        <Select id={fields.role!.id} value={role} aria-invalid={errors.role ? true : undefined} onChange={(event) => setRole(event.target.value as Role)}>
          <Select.Option value="">{t('admin.form.chooseOption')}</Select.Option>
          {ASSIGNABLE_ROLES.map((r) => (
            <Select.Option key={r} value={r}>
              {t(`admin.roles.${r}`)}
            </Select.Option>
          ))}
        </Select>
        {errors.role && <ValidationMessage>{errors.role}</ValidationMessage>}
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
      {scope === 'unit' && (
        <Picker
          kind="unit"
          id={fields.unitId!.id}
          label={fields.unitId!.label}
          description={t('admin.assignments.unitHelp')}
          value={unitId}
          onChange={setUnitId}
          error={errors.unitId}
        />
      )}
      {scope === 'process' && (
        <Picker
          kind="process"
          id={fields.processId!.id}
          label={fields.processId!.label}
          description={role === 'process_owner' ? t('admin.assignments.ownerHelp') : undefined}
          value={processId}
          onChange={setProcessId}
          error={errors.processId}
        />
      )}
      <TextInput id={fields.validFrom!.id} type="date" label={fields.validFrom!.label} value={validFrom} onChange={setValidFrom} error={errors.validFrom} />
      <TextInput
        id={fields.validTo!.id}
        type="date"
        label={fields.validTo!.label}
        description={t('admin.assignments.validToHelp')}
        optional
        value={validTo}
        onChange={setValidTo}
        error={errors.validTo}
      />
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : t('admin.assignments.create')}
        </Button>
      </div>
    </form>
  );
}
