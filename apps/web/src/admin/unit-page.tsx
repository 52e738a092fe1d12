import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { UNIT_KINDS, useUnit, type Unit, type UnitKind } from './admin-api';
import { Facts, Saved, StatusTag, TextInput, To } from './admin-shared';
import { UnitName } from './names';
import { Picker } from './pickers';
import { RecordForm, useAdminForm } from './record-form';
import { EditAndEnd, RecordPage, useRecordId } from './record-page';

/** One unit: what it is and where it sits, its form, and ending it. `/admin/units/new` makes one. */
export function UnitPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const unit = useUnit(useRecordId());
  return (
    <RecordPage
      part="units"
      resource="units"
      record={unit}
      title={(u) => t('admin.units.one', { name: format.label({ nb: u.nameNb, en: u.nameEn }) })}
      newForm={<UnitForm />}
    >
      {(u, created) => <UnitDetail unit={u} created={created} />}
    </RecordPage>
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
        <EditAndEnd
          part="units"
          one="unit"
          form={<UnitForm unit={unit} onSaved={() => setSaved(t('admin.form.saved'))} />}
          confirmTitle={t('admin.units.endConfirmTitle', { name: format.label({ nb: unit.nameNb, en: unit.nameEn }) })}
          onEnd={end}
        />
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
  const form = useAdminForm({
    fields: {
      code: { label: t('admin.fields.code'), id: `${prefix}-code` },
      nameNb: { label: t('admin.fields.nameNb'), id: `${prefix}-nameNb` },
      nameEn: { label: t('admin.fields.nameEn'), id: `${prefix}-nameEn` },
      kind: { label: t('admin.fields.kind'), id: `${prefix}-kind` },
      parentId: { label: t('admin.fields.parent'), id: `${prefix}-parentId` },
    },
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
  const kindField = form.field('kind');
  return (
    <RecordForm form={form} aria-label={unit ? t('admin.units.edit') : t('admin.units.new')} submitLabel={unit ? t('admin.form.save') : t('admin.units.create')}>
      <TextInput {...form.field('code')} description={t('admin.units.codeHelp')} value={code} onChange={setCode} />
      <TextInput {...form.field('nameNb')} value={nameNb} onChange={setNameNb} />
      <TextInput {...form.field('nameEn')} value={nameEn} onChange={setNameEn} />
      {!unit && (
        <Field className="admin-field">
          <Label htmlFor={kindField.id}>{kindField.label}</Label>
          <Field.Description>{t('admin.units.kindHelp')}</Field.Description>
          <Select id={kindField.id} value={kind} aria-invalid={kindField.error ? true : undefined} onChange={(event) => setKind(event.target.value as UnitKind)}>
            <Select.Option value="">{t('admin.form.chooseOption')}</Select.Option>
            {UNIT_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`admin.unitKinds.${k}`)}
              </Select.Option>
            ))}
          </Select>
          {kindField.error && <ValidationMessage>{kindField.error}</ValidationMessage>}
        </Field>
      )}
      {kind !== 'university' && (
        <Picker kind="unit" {...form.field('parentId')} description={unit ? t('admin.units.moveHelp') : t('admin.units.parentHelp')} value={parentId} onChange={setParentId} />
      )}
    </RecordForm>
  );
}
