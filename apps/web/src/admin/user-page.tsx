import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { useUser, type User, type UserDetail } from './admin-api';
import { Facts, PeriodText, Saved, StatusTag, TextInput, To } from './admin-shared';
import { ProcessName, UnitName } from './names';
import { Picker } from './pickers';
import { RecordForm, useAdminForm } from './record-form';
import { EditAndEnd, RecordPage, Section, useRecordId } from './record-page';

/** One user: their unit, the roles and mandates they hold today, their form, and ending them. */
export function UserPage() {
  const { t } = useTranslation();
  const user = useUser(useRecordId());
  return (
    <RecordPage part="users" resource="users" record={user} title={(u) => t('admin.users.one', { name: u.name })} newForm={<UserForm />}>
      {(u, created) => <UserDetailView user={u} created={created} />}
    </RecordPage>
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
      <Section id="user-roles" title={t('admin.users.rolesToday')}>
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
      </Section>
      {!user.endedAt && (
        <EditAndEnd
          part="users"
          one="user"
          form={
            <UserForm
              user={user}
              onSaved={async () => {
                await refresh();
                setSaved(t('admin.form.saved'));
              }}
            />
          }
          confirmTitle={t('admin.users.endConfirmTitle', { name: user.name })}
          onEnd={end}
        />
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
  const body = { name: name.trim(), email: email.trim(), unitId, locale, externalSubject: subject.trim() || null };
  const form = useAdminForm({
    fields: {
      name: { label: t('admin.fields.name'), id: `${prefix}-name` },
      email: { label: t('admin.fields.email'), id: `${prefix}-email` },
      unitId: { label: t('admin.fields.unit'), id: `${prefix}-unitId` },
      locale: { label: t('admin.fields.locale'), id: `${prefix}-locale` },
      externalSubject: { label: t('admin.fields.externalSubject'), id: `${prefix}-externalSubject` },
    },
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
  const localeField = form.field('locale');
  return (
    <RecordForm form={form} aria-label={user ? t('admin.users.edit') : t('admin.users.new')} submitLabel={user ? t('admin.form.save') : t('admin.users.create')}>
      <TextInput {...form.field('name')} value={name} onChange={setName} autoComplete="off" />
      <TextInput {...form.field('email')} type="email" value={email} onChange={setEmail} autoComplete="off" />
      <Picker kind="unit" {...form.field('unitId')} description={t('admin.users.unitHelp')} value={unitId} onChange={setUnitId} />
      <Field className="admin-field">
        <Label htmlFor={localeField.id}>{localeField.label}</Label>
        <Field.Description>{t('admin.users.localeHelp')}</Field.Description>
        <Select id={localeField.id} value={locale} onChange={(event) => setLocale(event.target.value as 'nb' | 'en')}>
          <Select.Option value="nb">{t('admin.locales.nb')}</Select.Option>
          <Select.Option value="en">{t('admin.locales.en')}</Select.Option>
        </Select>
      </Field>
      <TextInput {...form.field('externalSubject')} description={t('admin.users.subjectHelp')} optional value={subject} onChange={setSubject} />
    </RecordForm>
  );
}
