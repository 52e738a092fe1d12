import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading } from '../query-states';
import { useProcess, type Person, type ProcessDetail } from './admin-api';
import { AdminOnly, RecordError, EndButton, Facts, FormProblem, PeriodText, Saved, StatusTag, TextInput, To, useAdminForm, type FieldMap } from './admin-shared';
import { UnitName } from './names';
import { MultiPicker, Picker } from './pickers';

/** One process: who holds its roles today, its form, and ending it. `/admin/processes/new` adds one. */
export function ProcessPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams();
  const location = useLocation();
  const process = useProcess(id === 'new' ? null : id);
  const crumbs = [{ to: '/admin/processes', label: t('admin.processes.title') }];
  if (id === 'new') {
    return (
      <AdminOnly title={t('admin.processes.new')} crumbs={crumbs}>
        <ProcessForm />
      </AdminOnly>
    );
  }
  const title = process.data
    ? t('admin.processes.one', { name: format.label({ nb: process.data.nameNb, en: process.data.nameEn }) })
    : t('admin.processes.oneLoading');
  return (
    <AdminOnly title={title} crumbs={crumbs}>
      {process.isPending && <Loading />}
      {process.isError && <RecordError error={process.error} onRetry={() => void process.refetch()} />}
      {process.data && <ProcessDetailView key={process.data.id} process={process.data} created={(location.state as { created?: boolean } | null)?.created ?? false} />}
    </AdminOnly>
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
        <>
          <section className="admin-section" aria-labelledby="edit-process">
            <Heading level={2} data-size="sm" id="edit-process">
              {t('admin.processes.edit')}
            </Heading>
            <ProcessForm process={process} onSaved={() => setSaved(t('admin.form.saved'))} />
          </section>
          <section className="admin-section" aria-labelledby="end-process">
            <Heading level={2} data-size="sm" id="end-process">
              {t('admin.processes.endTitle')}
            </Heading>
            <Paragraph>{t('admin.processes.endAbout')}</Paragraph>
            <EndButton
              label={t('admin.processes.end')}
              title={t('admin.processes.endConfirmTitle', { name: format.label({ nb: process.nameNb, en: process.nameEn }) })}
              body={t('admin.processes.endConfirm')}
              confirm={t('admin.processes.end')}
              onEnd={end}
            />
          </section>
        </>
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
  const fields: FieldMap = {
    code: { label: t('admin.fields.code'), id: `${prefix}-code` },
    nameNb: { label: t('admin.fields.nameNb'), id: `${prefix}-nameNb` },
    nameEn: { label: t('admin.fields.nameEn'), id: `${prefix}-nameEn` },
    description: { label: t('admin.fields.description'), id: `${prefix}-description` },
    owningUnitId: { label: t('admin.fields.owningUnit'), id: `${prefix}-owningUnitId` },
    teamMemberIds: { label: t('admin.fields.team'), id: `${prefix}-team` },
  };
  const body = { code: code.trim(), nameNb: nameNb.trim(), nameEn: nameEn.trim(), description: description.trim(), owningUnitId, teamMemberIds: team };
  const form = useAdminForm({
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
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={process ? t('admin.processes.edit') : t('admin.processes.new')}>
      <FormProblem errors={errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.code!.id} label={fields.code!.label} description={t('admin.processes.codeHelp')} value={code} onChange={setCode} error={errors.code} />
      <TextInput id={fields.nameNb!.id} label={fields.nameNb!.label} value={nameNb} onChange={setNameNb} error={errors.nameNb} />
      <TextInput id={fields.nameEn!.id} label={fields.nameEn!.label} value={nameEn} onChange={setNameEn} error={errors.nameEn} />
      <TextInput
        id={fields.description!.id}
        label={fields.description!.label}
        optional
        multiline
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      <Picker
        kind="unit"
        id={fields.owningUnitId!.id}
        label={fields.owningUnitId!.label}
        description={t('admin.processes.owningUnitHelp')}
        value={owningUnitId}
        onChange={setOwningUnitId}
        error={errors.owningUnitId}
      />
      <MultiPicker
        kind="user"
        id={fields.teamMemberIds!.id}
        label={fields.teamMemberIds!.label}
        description={t('admin.processes.teamHelp')}
        optional
        values={team}
        onChange={setTeam}
        error={errors.teamMemberIds}
      />
      <Paragraph data-size="sm">{t('admin.processes.ownerHelp')}</Paragraph>
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : process ? t('admin.form.save') : t('admin.processes.create')}
        </Button>
      </div>
    </form>
  );
}
