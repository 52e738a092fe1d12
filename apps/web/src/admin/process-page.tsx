import { Paragraph } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { useProcess, type Person, type ProcessDetail } from './admin-api';
import { Facts, PeriodText, Saved, StatusTag, TextInput, To } from './admin-shared';
import { UnitName } from './names';
import { MultiPicker, Picker } from './pickers';
import { RecordForm, useAdminForm } from './record-form';
import { EditAndEnd, RecordPage, useRecordId } from './record-page';

/** One process: who holds its roles today, its form, and ending it. `/admin/processes/new` adds one. */
export function ProcessPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const process = useProcess(useRecordId());
  return (
    <RecordPage
      part="processes"
      resource="processes"
      record={process}
      title={(p) => t('admin.processes.one', { name: format.label({ nb: p.nameNb, en: p.nameEn }) })}
      newForm={<ProcessForm />}
    >
      {(p, created) => <ProcessDetailView process={p} created={created} />}
    </RecordPage>
  );
}

function People({ people }: { people: Person[] }) {
  const { t } = useTranslation();
  if (people.length === 0) return <>{t('admin.nobody')}</>;
  return (
    <>
      {people.map((person, index) => (
        <span key={person.id}>
          {index > 0 && ', '}
          <To to={`/admin/users/${person.id}`}>{person.name}</To>
        </span>
      ))}
    </>
  );
}

function ProcessDetailView({ process, created }: { process: ProcessDetail; created: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(created ? t('admin.processes.created') : null);
  const end = async () => {
    const ended = await api<ProcessDetail>(`/api/processes/${process.id}/end`, { method: 'POST' });
    queryClient.setQueryData(['admin', 'process', process.id], ended);
    await queryClient.invalidateQueries({ queryKey: ['admin', 'processes'] });
    setSaved(t('admin.processes.ended'));
  };
  const responsible = process.processResponsibles[0];
  return (
    <>
      <Saved message={saved} />
      <Facts
        items={[
          [t('admin.fields.code'), process.code],
          [t('admin.fields.nameNb'), <span lang="nb">{process.nameNb}</span>],
          [t('admin.fields.nameEn'), <span lang="en">{process.nameEn}</span>],
          [t('admin.fields.owningUnit'), <UnitName id={process.owningUnit.id} fallback={process.owningUnit.nameNb} link />],
          [t('admin.fields.status'), <>{<StatusTag status={process.endedAt ? 'ended' : 'active'} />}{process.endedAt && ` ${format.dateTime(process.endedAt)}`}</>],
          [t('admin.fields.processOwner'), <People people={process.processOwners} />],
          [
            t('admin.fields.responsibleToday'),
            responsible ? (
              <>
                <To to={`/admin/mandates/${responsible.mandateId}`}>
                  {responsible.deputyStandsIn && responsible.deputy
                    ? t('admin.mandates.standsIn', { deputy: responsible.deputy.name, holder: responsible.holder.name })
                    : responsible.holder.name}
                </To>{' '}
                (<PeriodText from={responsible.validFrom} to={responsible.validTo} />)
              </>
            ) : (
              t('admin.nobody')
            ),
          ],
          [t('admin.fields.advisers'), <People people={process.processAdvisers} />],
          [t('admin.fields.team'), <People people={process.team} />],
        ]}
      />
      {process.description && <Paragraph>{process.description}</Paragraph>}
      <ul className="admin-plain-list">
        <li>
          <To to={`/admin/mandates?processId=${process.id}`}>{t('admin.processes.linkMandates')}</To>
        </li>
        {!process.endedAt && (
          <li>
            <To to={`/admin/mandates/new?processId=${process.id}`}>{t('admin.processes.linkNewMandate')}</To>
          </li>
        )}
        {!process.endedAt && (
          <li>
            <To to={`/admin/role-assignments/new?processId=${process.id}&role=process_owner`}>{t('admin.processes.linkNewOwner')}</To>
          </li>
        )}
        <li>
          <To to={`/admin/role-assignments?processId=${process.id}`}>{t('admin.processes.linkAssignments')}</To>
        </li>
      </ul>
      {!process.endedAt && (
        <EditAndEnd
          part="processes"
          one="process"
          form={<ProcessForm process={process} onSaved={() => setSaved(t('admin.form.saved'))} />}
          confirmTitle={t('admin.processes.endConfirmTitle', { name: format.label({ nb: process.nameNb, en: process.nameEn }) })}
          onEnd={end}
        />
      )}
    </>
  );
}

/** Adds a process to the catalogue, or changes one; the team is replaced as a whole. */
function ProcessForm({ process, onSaved }: { process?: ProcessDetail; onSaved?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(process?.code ?? '');
  const [nameNb, setNameNb] = useState(process?.nameNb ?? '');
  const [nameEn, setNameEn] = useState(process?.nameEn ?? '');
  const [description, setDescription] = useState(process?.description ?? '');
  const [owningUnitId, setOwningUnitId] = useState<string | null>(process?.owningUnit.id ?? null);
  const [team, setTeam] = useState<string[]>(process?.team.map((p) => p.id) ?? []);
  const prefix = process ? 'process-edit' : 'process-new';
  const body = { code: code.trim(), nameNb: nameNb.trim(), nameEn: nameEn.trim(), description: description.trim(), owningUnitId, teamMemberIds: team };
  const form = useAdminForm({
    fields: {
      code: { label: t('admin.fields.code'), id: `${prefix}-code` },
      nameNb: { label: t('admin.fields.nameNb'), id: `${prefix}-nameNb` },
      nameEn: { label: t('admin.fields.nameEn'), id: `${prefix}-nameEn` },
      description: { label: t('admin.fields.description'), id: `${prefix}-description` },
      owningUnitId: { label: t('admin.fields.owningUnit'), id: `${prefix}-owningUnitId` },
      teamMemberIds: { label: t('admin.fields.team'), id: `${prefix}-team` },
    },
    check: () => {
      const missing: Record<string, string> = {};
      if (!code.trim()) missing.code = t('admin.form.required');
      if (!nameNb.trim()) missing.nameNb = t('admin.form.required');
      if (!nameEn.trim()) missing.nameEn = t('admin.form.required');
      if (!owningUnitId) missing.owningUnitId = t('admin.form.choose');
      return missing;
    },
    send: () =>
      process
        ? api<ProcessDetail>(`/api/processes/${process.id}`, { method: 'PATCH', body })
        : api<ProcessDetail>('/api/processes', { method: 'POST', body }),
    onDone: async (saved) => {
      queryClient.setQueryData(['admin', 'process', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'processes'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'picker'] });
      if (process) onSaved?.();
      else navigate(`/admin/processes/${saved.id}`, { state: { created: true } });
    },
  });
  return (
    <RecordForm form={form} aria-label={process ? t('admin.processes.edit') : t('admin.processes.new')} submitLabel={process ? t('admin.form.save') : t('admin.processes.create')}>
      <TextInput {...form.field('code')} description={t('admin.processes.codeHelp')} value={code} onChange={setCode} />
      <TextInput {...form.field('nameNb')} value={nameNb} onChange={setNameNb} />
      <TextInput {...form.field('nameEn')} value={nameEn} onChange={setNameEn} />
      <TextInput {...form.field('description')} optional multiline value={description} onChange={setDescription} />
      <Picker kind="unit" {...form.field('owningUnitId')} description={t('admin.processes.owningUnitHelp')} value={owningUnitId} onChange={setOwningUnitId} />
      <MultiPicker kind="user" {...form.field('teamMemberIds')} description={t('admin.processes.teamHelp')} optional values={team} onChange={setTeam} />
      <Paragraph data-size="sm">{t('admin.processes.ownerHelp')}</Paragraph>
    </RecordForm>
  );
}
