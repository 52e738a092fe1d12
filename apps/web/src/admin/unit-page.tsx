import { Button, Field, Heading, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading } from '../query-states';
import { UNIT_KINDS, useUnit, type Unit, type UnitKind } from './admin-api';
import { AdminOnly, RecordError, EndButton, Facts, FormProblem, Saved, StatusTag, TextInput, To, useAdminForm, type FieldMap } from './admin-shared';
import { UnitName } from './names';
import { Picker } from './pickers';

/** One unit: what it is and where it sits, its form, and ending it. `/admin/units/new` makes one. */
export function UnitPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams();
  const location = useLocation();
  const unit = useUnit(id === 'new' ? null : id);
  const crumbs = [{ to: '/admin/units', label: t('admin.units.title') }];

  if (id === 'new') {
    return (
      <AdminOnly title={t('admin.units.new')} crumbs={crumbs}>
        <UnitForm />
      </AdminOnly>
    );
  }
  const title = unit.data ? t('admin.units.one', { name: format.label({ nb: unit.data.nameNb, en: unit.data.nameEn }) }) : t('admin.units.oneLoading');
  return (
    <AdminOnly title={title} crumbs={crumbs}>
      {unit.isPending && <Loading />}
      {unit.isError && <RecordError error={unit.error} onRetry={() => void unit.refetch()} />}
      {unit.data && <UnitDetail key={unit.data.id} unit={unit.data} created={(location.state as { created?: boolean } | null)?.created ?? false} />}
    </AdminOnly>
  );
}

function UnitDetail({ unit, created }: { unit: Unit; created: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(created ? t('admin.units.created') : null);
  const end = async () => {
    const ended = await api<Unit>(`/api/units/${unit.id}/end`, { method: 'POST' });
    queryClient.setQueryData(['admin', 'unit', unit.id], ended);
    await queryClient.invalidateQueries({ queryKey: ['admin', 'units'] });
    setSaved(t('admin.units.ended'));
  };
  return (
    <>
      <Saved message={saved} />
      <Facts
        items={[
          [t('admin.fields.code'), unit.code],
          [t('admin.fields.nameNb'), <span lang="nb">{unit.nameNb}</span>],
          [t('admin.fields.nameEn'), <span lang="en">{unit.nameEn}</span>],
          [t('admin.fields.kind'), t(`admin.unitKinds.${unit.kind}`)],
          [t('admin.fields.parent'), unit.parentId ? <UnitName id={unit.parentId} link /> : t('admin.units.root')],
          [t('admin.fields.status'), <>{<StatusTag status={unit.endedAt ? 'ended' : 'active'} />}{unit.endedAt && ` ${format.dateTime(unit.endedAt)}`}</>],
        ]}
      />
      <ul className="admin-plain-list">
        <li>
          <To to={`/admin/units?within=${unit.id}`}>{t('admin.units.linkBelow')}</To>
        </li>
        <li>
          <To to={`/admin/users?unitId=${unit.id}`}>{t('admin.units.linkUsers')}</To>
        </li>
        <li>
          <To to={`/admin/role-assignments?unitId=${unit.id}`}>{t('admin.units.linkAssignments')}</To>
        </li>
      </ul>
      {!unit.endedAt && (
        <>
          <section className="admin-section" aria-labelledby="edit-unit">
            <Heading level={2} data-size="sm" id="edit-unit">
              {t('admin.units.edit')}
            </Heading>
            <UnitForm unit={unit} onSaved={() => setSaved(t('admin.form.saved'))} />
          </section>
          <section className="admin-section" aria-labelledby="end-unit">
            <Heading level={2} data-size="sm" id="end-unit">
              {t('admin.units.endTitle')}
            </Heading>
            <Paragraph>{t('admin.units.endAbout')}</Paragraph>
            <EndButton
              label={t('admin.units.end')}
              title={t('admin.units.endConfirmTitle', { name: format.label({ nb: unit.nameNb, en: unit.nameEn }) })}
              body={t('admin.units.endConfirm')}
              confirm={t('admin.units.end')}
              onEnd={end}
            />
          </section>
        </>
      )}
    </>
  );
}

/** Creates a unit, or changes one: its code, names and parent (moving it with the units below it). */
function UnitForm({ unit, onSaved }: { unit?: Unit; onSaved?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(unit?.code ?? '');
  const [nameNb, setNameNb] = useState(unit?.nameNb ?? '');
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '');
  const [kind, setKind] = useState<UnitKind | ''>(unit?.kind ?? '');
  const [parentId, setParentId] = useState<string | null>(unit?.parentId ?? null);
  const prefix = unit ? 'unit-edit' : 'unit-new';
  const fields: FieldMap = {
    code: { label: t('admin.fields.code'), id: `${prefix}-code` },
    nameNb: { label: t('admin.fields.nameNb'), id: `${prefix}-nameNb` },
    nameEn: { label: t('admin.fields.nameEn'), id: `${prefix}-nameEn` },
    kind: { label: t('admin.fields.kind'), id: `${prefix}-kind` },
    parentId: { label: t('admin.fields.parent'), id: `${prefix}-parentId` },
  };
  const form = useAdminForm({
    check: () => {
      const missing: Record<string, string> = {};
      if (!code.trim()) missing.code = t('admin.form.required');
      if (!nameNb.trim()) missing.nameNb = t('admin.form.required');
      if (!nameEn.trim()) missing.nameEn = t('admin.form.required');
      if (!kind) missing.kind = t('admin.form.choose');
      if (kind !== 'university' && !parentId) missing.parentId = t('admin.form.choose');
      return missing;
    },
    send: () =>
      unit
        ? api<Unit>(`/api/units/${unit.id}`, {
            method: 'PATCH',
            body: { code: code.trim(), nameNb: nameNb.trim(), nameEn: nameEn.trim(), ...(parentId ? { parentId } : {}) },
          })
        : api<Unit>('/api/units', { method: 'POST', body: { code: code.trim(), nameNb: nameNb.trim(), nameEn: nameEn.trim(), kind, parentId } }),
    onDone: async (saved) => {
      queryClient.setQueryData(['admin', 'unit', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'units'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'picker'] });
      if (unit) onSaved?.();
      else navigate(`/admin/units/${saved.id}`, { state: { created: true } });
    },
  });
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={unit ? t('admin.units.edit') : t('admin.units.new')}>
      <FormProblem errors={errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.code!.id} label={fields.code!.label} description={t('admin.units.codeHelp')} value={code} onChange={setCode} error={errors.code} />
      <TextInput id={fields.nameNb!.id} label={fields.nameNb!.label} value={nameNb} onChange={setNameNb} error={errors.nameNb} />
      <TextInput id={fields.nameEn!.id} label={fields.nameEn!.label} value={nameEn} onChange={setNameEn} error={errors.nameEn} />
      {!unit && (
        <Field className="admin-field">
          <Label htmlFor={fields.kind!.id}>{fields.kind!.label}</Label>
          <Field.Description>{t('admin.units.kindHelp')}</Field.Description>
          <Select id={fields.kind!.id} value={kind} aria-invalid={errors.kind ? true : undefined} onChange={(event) => setKind(event.target.value as UnitKind)}>
            <Select.Option value="">{t('admin.form.chooseOption')}</Select.Option>
            {UNIT_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`admin.unitKinds.${k}`)}
              </Select.Option>
            ))}
          </Select>
          {errors.kind && <ValidationMessage>{errors.kind}</ValidationMessage>}
        </Field>
      )}
      {kind !== 'university' && (
        <Picker
          kind="unit"
          id={fields.parentId!.id}
          label={fields.parentId!.label}
          description={unit ? t('admin.units.moveHelp') : t('admin.units.parentHelp')}
          value={parentId}
          onChange={setParentId}
          error={errors.parentId}
        />
      )}
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : unit ? t('admin.form.save') : t('admin.units.create')}
        </Button>
      </div>
    </form>
  );
}
