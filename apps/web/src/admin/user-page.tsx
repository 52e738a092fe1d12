import { Button, Field, Heading, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading } from '../query-states';
import { useUser, type User, type UserDetail } from './admin-api';
import { AdminOnly, RecordError, EndButton, Facts, FormProblem, PeriodText, Saved, StatusTag, TextInput, To, useAdminForm, type FieldMap } from './admin-shared';
import { ProcessName, UnitName } from './names';
import { Picker } from './pickers';

/** One user: their unit, the roles and mandates they hold today, their form, and ending them. */
export function UserPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const user = useUser(id === 'new' ? null : id);
  const crumbs = [{ to: '/admin/users', label: t('admin.users.title') }];
  if (id === 'new') {
    return (
      <AdminOnly title={t('admin.users.new')} crumbs={crumbs}>
        <UserForm />
      </AdminOnly>
    );
  }
  return (
    <AdminOnly title={user.data ? t('admin.users.one', { name: user.data.name }) : t('admin.users.oneLoading')} crumbs={crumbs}>
      {user.isPending && <Loading />}
      {user.isError && <RecordError error={user.error} onRetry={() => void user.refetch()} />}
      {user.data && <UserDetailView key={user.data.id} user={user.data} created={(location.state as { created?: boolean } | null)?.created ?? false} />}
    </AdminOnly>
  );
}

function UserDetailView({ user, created }: { user: UserDetail; created: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(created ? t('admin.users.created') : null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'user', user.id] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
  };
  const end = async () => {
    await api<User>(`/api/users/${user.id}/end`, { method: 'POST' });
    await refresh();
    setSaved(t('admin.users.ended'));
  };
  return (
    <>
      <Saved message={saved} />
      <Facts
        items={[
          [t('admin.fields.email'), user.email],
          [t('admin.fields.unit'), <UnitName id={user.unit.id} fallback={user.unit.nameNb} link />],
          [t('admin.fields.locale'), t(`admin.locales.${user.locale}`)],
          [t('admin.fields.externalSubject'), user.externalSubject ?? t('admin.users.noSubject')],
          [t('admin.fields.status'), <>{<StatusTag status={user.endedAt ? 'ended' : 'active'} />}{user.endedAt && ` ${format.dateTime(user.endedAt)}`}</>],
        ]}
      />
      <section className="admin-section" aria-labelledby="user-roles">
        <Heading level={2} data-size="sm" id="user-roles">
          {t('admin.users.rolesToday')}
        </Heading>
        {user.roleAssignments.length === 0 && user.mandates.length === 0 ? (
          <Paragraph>{t('admin.users.noRoles')}</Paragraph>
        ) : (
          <ul className="admin-plain-list">
            {user.roleAssignments.map((a) => (
              <li key={a.id}>
                <To to={`/admin/role-assignments/${a.id}`}>{t(`admin.roles.${a.role}`)}</To>
                {a.scope.kind === 'unit' && (
                  <>
                    {', '}
                    <UnitName id={a.scope.unitId} fallback={a.scope.unitName} />
                  </>
                )}
                {a.scope.kind === 'process' && (
                  <>
                    {', '}
                    <ProcessName id={a.scope.processId} fallback={a.scope.processName} />
                  </>
                )}
                {a.scope.kind === 'global' && `, ${t('admin.assignments.global')}`} (<PeriodText from={a.validFrom} to={a.validTo} />)
              </li>
            ))}
            {user.mandates.map((m) => (
              <li key={m.id}>
                <To to={`/admin/mandates/${m.id}`}>
                  {m.capacity === 'holder' ? t('admin.users.holdsMandate') : t('admin.users.deputyFor', { name: m.holder.name })}
                </To>
                {', '}
                <ProcessName id={m.process.id} fallback={m.process.nameNb} /> (<PeriodText from={m.validFrom} to={m.validTo} />)
                {m.deputyStandsIn && ` – ${t('admin.users.standingInNow')}`}
              </li>
            ))}
          </ul>
        )}
        <ul className="admin-plain-list">
          {!user.endedAt && (
            <li>
              <To to={`/admin/role-assignments/new?userId=${user.id}`}>{t('admin.users.linkNewAssignment')}</To>
            </li>
          )}
          <li>
            <To to={`/admin/role-assignments?userId=${user.id}`}>{t('admin.users.linkAssignments')}</To>
          </li>
          <li>
            <To to={`/admin/mandates?holderId=${user.id}`}>{t('admin.users.linkMandates')}</To>
          </li>
        </ul>
      </section>
      {!user.endedAt && (
        <>
          <section className="admin-section" aria-labelledby="edit-user">
            <Heading level={2} data-size="sm" id="edit-user">
              {t('admin.users.edit')}
            </Heading>
            <UserForm
              user={user}
              onSaved={async () => {
                await refresh();
                setSaved(t('admin.form.saved'));
              }}
            />
          </section>
          <section className="admin-section" aria-labelledby="end-user">
            <Heading level={2} data-size="sm" id="end-user">
              {t('admin.users.endTitle')}
            </Heading>
            <Paragraph>{t('admin.users.endAbout')}</Paragraph>
            <EndButton
              label={t('admin.users.end')}
              title={t('admin.users.endConfirmTitle', { name: user.name })}
              body={t('admin.users.endConfirm')}
              confirm={t('admin.users.end')}
              onEnd={end}
            />
          </section>
        </>
      )}
    </>
  );
}

/** Adds a user with a home unit, or changes one. */
function UserForm({ user, onSaved }: { user?: UserDetail; onSaved?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [unitId, setUnitId] = useState<string | null>(user?.unit.id ?? null);
  const [locale, setLocale] = useState<'nb' | 'en'>(user?.locale ?? 'nb');
  const [subject, setSubject] = useState(user?.externalSubject ?? '');
  const prefix = user ? 'user-edit' : 'user-new';
  const fields: FieldMap = {
    name: { label: t('admin.fields.name'), id: `${prefix}-name` },
    email: { label: t('admin.fields.email'), id: `${prefix}-email` },
    unitId: { label: t('admin.fields.unit'), id: `${prefix}-unitId` },
    locale: { label: t('admin.fields.locale'), id: `${prefix}-locale` },
    externalSubject: { label: t('admin.fields.externalSubject'), id: `${prefix}-externalSubject` },
  };
  const body = { name: name.trim(), email: email.trim(), unitId, locale, externalSubject: subject.trim() || null };
  const form = useAdminForm({
    check: () => {
      const missing: Record<string, string> = {};
      if (!name.trim()) missing.name = t('admin.form.required');
      if (!email.trim()) missing.email = t('admin.form.required');
      if (!unitId) missing.unitId = t('admin.form.choose');
      return missing;
    },
    send: () => (user ? api<User>(`/api/users/${user.id}`, { method: 'PATCH', body }) : api<User>('/api/users', { method: 'POST', body })),
    onDone: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'picker'] });
      if (user) onSaved?.();
      else navigate(`/admin/users/${saved.id}`, { state: { created: true } });
    },
  });
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={user ? t('admin.users.edit') : t('admin.users.new')}>
      <FormProblem errors={errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.name!.id} label={fields.name!.label} value={name} onChange={setName} error={errors.name} autoComplete="off" />
      <TextInput id={fields.email!.id} type="email" label={fields.email!.label} value={email} onChange={setEmail} error={errors.email} autoComplete="off" />
      <Picker kind="unit" id={fields.unitId!.id} label={fields.unitId!.label} description={t('admin.users.unitHelp')} value={unitId} onChange={setUnitId} error={errors.unitId} />
      <Field className="admin-field">
        <Label htmlFor={fields.locale!.id}>{fields.locale!.label}</Label>
        <Field.Description>{t('admin.users.localeHelp')}</Field.Description>
        <Select id={fields.locale!.id} value={locale} onChange={(event) => setLocale(event.target.value as 'nb' | 'en')}>
          <Select.Option value="nb">{t('admin.locales.nb')}</Select.Option>
          <Select.Option value="en">{t('admin.locales.en')}</Select.Option>
        </Select>
      </Field>
      <TextInput
        id={fields.externalSubject!.id}
        label={fields.externalSubject!.label}
        description={t('admin.users.subjectHelp')}
        optional
        value={subject}
        onChange={setSubject}
        error={errors.externalSubject}
      />
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : user ? t('admin.form.save') : t('admin.users.create')}
        </Button>
      </div>
    </form>
  );
}
