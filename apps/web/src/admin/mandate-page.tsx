import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { addDays, keys, periodStatus, useMandate, type Absence, type Mandate } from './admin-api';
import { Facts, PeriodText, Saved, StatusTag, TextInput, To, useToday } from './admin-shared';
import { ProcessName, TodayText, useProcessName } from './names';
import { Picker } from './pickers';
import { RecordForm, useAdminForm } from './record-form';
import { EditAndEnd, RecordPage, Section, useRecordId } from './record-page';
import { useRefusal, type Refusal } from './refusals';

/** One mandate: its terms, who stands in today, its absences, and ending it. `/admin/mandates/new` delegates one. */
export function MandatePage() {
  const { t } = useTranslation();
  const mandate = useMandate(useRecordId());
  return (
    <RecordPage part="mandates" resource="mandates" record={mandate} title={(m) => t('admin.mandates.one', { name: m.holder.name })} newForm={<NewMandateForm />}>
      {(m, created) => <MandateDetail mandate={m} created={created} />}
    </RecordPage>
  );
}

/** Keeps every page that shows this mandate, its process and its people up to date. */
function useStoreMandate() {
  const queryClient = useQueryClient();
  return async (next: Mandate) => {
    queryClient.setQueryData(keys.mandate(next.id), next);
    await queryClient.invalidateQueries({ queryKey: ['admin', 'mandates'] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'process', next.process.id] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'user'] });
    // The signed-in admin's own roles may change with a mandate (the header's menu reads them).
    await queryClient.invalidateQueries({ queryKey: ['me'] });
  };
}

function MandateDetail({ mandate, created }: { mandate: Mandate; created: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const store = useStoreMandate();
  const [saved, setSaved] = useState<string | null>(created ? t('admin.mandates.created') : null);
  const end = async (reason: string) => {
    await store(await api<Mandate>(`/api/mandates/${mandate.id}/end`, { method: 'POST', body: reason ? { reason } : {} }));
    setSaved(t('admin.mandates.ended'));
  };
  return (
    <>
      <Saved message={saved} />
      <Facts
        items={[
          [t('admin.fields.process'), <ProcessName id={mandate.process.id} fallback={mandate.process.nameNb} link />],
          [t('admin.fields.holder'), <To to={`/admin/users/${mandate.holder.id}`}>{mandate.holder.name}</To>],
          [t('admin.fields.deputy'), mandate.deputy ? <To to={`/admin/users/${mandate.deputy.id}`}>{mandate.deputy.name}</To> : t('admin.nobody')],
          [t('admin.fields.period'), <PeriodText from={mandate.validFrom} to={mandate.validTo} />],
          [t('admin.fields.status'), <StatusTag status={periodStatus(mandate, today)} />],
          [t('admin.fields.responsibleToday'), <TodayText mandate={mandate} />],
          [t('admin.fields.delegatedBy'), mandate.delegatedBy.name],
          [t('admin.fields.description'), mandate.description || t('admin.mandates.noDescription')],
          ...(mandate.endedAt
            ? ([
                [t('admin.fields.endedAt'), format.dateTime(mandate.endedAt)],
                [t('admin.fields.endReason'), mandate.endReason ?? t('admin.noReason')],
              ] as [string, string][])
            : []),
        ]}
      />
      <ul className="admin-plain-list">
        <li>
          <To to={`/admin/mandates?processId=${mandate.process.id}`}>{t('admin.mandates.linkProcessMandates')}</To>
        </li>
        <li>
          <To to={`/admin/mandates/new?processId=${mandate.process.id}`}>{t('admin.mandates.linkNewForProcess')}</To>
        </li>
      </ul>
      <Absences mandate={mandate} onChanged={setSaved} />
      {!mandate.endedAt && (
        <EditAndEnd
          part="mandates"
          one="mandate"
          form={
            <MandateTermsForm
              mandate={mandate}
              onSaved={async (next) => {
                await store(next);
                setSaved(t('admin.form.saved'));
              }}
            />
          }
          confirmTitle={t('admin.mandates.endConfirmTitle', { name: mandate.holder.name })}
          withReason
          onEnd={end}
        />
      )}
    </>
  );
}

/** The dates, deputy and description of a mandate that has not been ended. */
function MandateTermsForm({ mandate, onSaved }: { mandate: Mandate; onSaved: (next: Mandate) => Promise<void> }) {
  const { t } = useTranslation();
  const [validFrom, setValidFrom] = useState(mandate.validFrom);
  const [validTo, setValidTo] = useState(mandate.validTo);
  const [deputyId, setDeputyId] = useState<string | null>(mandate.deputy?.id ?? null);
  const [description, setDescription] = useState(mandate.description);
  const processName = useProcessName(mandate.process.id);
  const form = useAdminForm({
    fields: {
      validFrom: { label: t('admin.fields.validFrom'), id: 'mandate-edit-validFrom' },
      validTo: { label: t('admin.fields.validTo'), id: 'mandate-edit-validTo' },
      deputyId: { label: t('admin.fields.deputy'), id: 'mandate-edit-deputyId' },
      description: { label: t('admin.fields.description'), id: 'mandate-edit-description' },
    },
    processName,
    check: () => {
      const missing: Record<string, string> = {};
      if (!validFrom) missing.validFrom = t('admin.form.required');
      if (!validTo) missing.validTo = t('admin.form.required');
      return missing;
    },
    send: () =>
      api<Mandate>(`/api/mandates/${mandate.id}`, {
        method: 'PATCH',
        body: {
          ...(validFrom !== mandate.validFrom ? { validFrom } : {}),
          ...(validTo !== mandate.validTo ? { validTo } : {}),
          deputyId,
          description: description.trim(),
        },
      }),
    onDone: onSaved,
  });
  return (
    <RecordForm form={form} aria-label={t('admin.mandates.edit')} intro={<Paragraph>{t('admin.mandates.editAbout')}</Paragraph>} submitLabel={t('admin.form.save')}>
      <TextInput {...form.field('validFrom')} type="date" value={validFrom} onChange={setValidFrom} />
      <TextInput {...form.field('validTo')} type="date" description={t('admin.mandates.validToHelp')} value={validTo} onChange={setValidTo} />
      <Picker kind="user" {...form.field('deputyId')} description={t('admin.mandates.deputyHelp')} optional value={deputyId} onChange={setDeputyId} />
      <TextInput {...form.field('description')} optional multiline value={description} onChange={setDescription} />
    </RecordForm>
  );
}

/** The holder's absences: while one lasts, the deputy acts as process responsible. */
function Absences({ mandate, onChanged }: { mandate: Mandate; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const store = useStoreMandate();
  const refuse = useRefusal();
  const remove = useMutation({
    mutationFn: async (absence: Absence) => {
      await api(`/api/mandates/${mandate.id}/absences/${absence.id}`, { method: 'DELETE' });
      return absence;
    },
    onSuccess: async (absence) => {
      await store(await api<Mandate>(`/api/mandates/${mandate.id}`));
      onChanged(t('admin.absences.removed', { from: format.date(absence.startsOn), to: format.date(absence.endsOn) }));
    },
  });
  const removeRefusal = refuse(remove.error);
  const open = !mandate.endedAt;
  return (
    <Section id="absences" title={t('admin.absences.title')}>
      <Paragraph>{mandate.deputy ? t('admin.absences.about', { deputy: mandate.deputy.name }) : t('admin.absences.noDeputy')}</Paragraph>
      {mandate.absences.length === 0 ? (
        <Paragraph>{t('admin.absences.none')}</Paragraph>
      ) : (
        <div className="table-scroll">
          <Table zebra className="admin-table">
            <caption>{t('admin.absences.caption', { name: mandate.holder.name })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('admin.fields.period')}</Table.HeaderCell>
                <Table.HeaderCell>{t('admin.fields.reason')}</Table.HeaderCell>
                {open && <Table.HeaderCell>{t('admin.absences.action')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {mandate.absences.map((absence) => (
                <Table.Row key={absence.id}>
                  <Table.Cell>
                    <PeriodText from={absence.startsOn} to={absence.endsOn} />
                  </Table.Cell>
                  <Table.Cell>{absence.reason || t('admin.noReason')}</Table.Cell>
                  {open && (
                    <Table.Cell>
                      <Button variant="tertiary" data-size="sm" disabled={remove.isPending} onClick={() => remove.mutate(absence)}>
                        {t('admin.absences.remove', { from: format.date(absence.startsOn), to: format.date(absence.endsOn) })}
                      </Button>
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {removeRefusal && (
        <Alert data-color="danger" role="alert">
          {removeRefusal.message ?? Object.values(removeRefusal.fields).join(' ')}
        </Alert>
      )}
      {open && mandate.deputy && <AbsenceForm mandate={mandate} onAdded={onChanged} />}
    </Section>
  );
}

function AbsenceForm({ mandate, onAdded }: { mandate: Mandate; onAdded: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const store = useStoreMandate();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const form = useAdminForm({
    fields: {
      startsOn: { label: t('admin.fields.startsOn'), id: 'absence-startsOn' },
      endsOn: { label: t('admin.fields.endsOn'), id: 'absence-endsOn' },
      reason: { label: t('admin.fields.reason'), id: 'absence-reason' },
    },
    check: () => {
      const missing: Record<string, string> = {};
      if (!startsOn) missing.startsOn = t('admin.form.required');
      if (!endsOn) missing.endsOn = t('admin.form.required');
      return missing;
    },
    send: () => api<Mandate>(`/api/mandates/${mandate.id}/absences`, { method: 'POST', body: { startsOn, endsOn, reason: reason.trim() } }),
    onDone: async (next) => {
      await store(next);
      onAdded(t('admin.absences.added', { from: format.date(startsOn), to: format.date(endsOn) }));
      setStartsOn('');
      setEndsOn('');
      setReason('');
    },
  });
  return (
    <RecordForm
      form={form}
      aria-labelledby="absence-form-title"
      intro={
        <Heading level={3} data-size="xs" id="absence-form-title">
          {t('admin.absences.add')}
        </Heading>
      }
      submitLabel={t('admin.absences.save')}
      secondary
    >
      <TextInput {...form.field('startsOn')} type="date" value={startsOn} onChange={setStartsOn} />
      <TextInput {...form.field('endsOn')} type="date" value={endsOn} onChange={setEndsOn} />
      <TextInput {...form.field('reason')} optional value={reason} onChange={setReason} />
    </RecordForm>
  );
}

/**
 * Delegates the process-responsible role for a process. When another mandate covers some of the
 * days, the refusal says whose and when; for the usual handover (the old one running on), the
 * form offers to let the old one end the day before the new one starts, and keeps what was typed.
 */
function NewMandateForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const today = useToday();
  const store = useStoreMandate();
  const [params] = useSearchParams();
  const [processId, setProcessId] = useState<string | null>(params.get('processId'));
  const [holderId, setHolderId] = useState<string | null>(params.get('holderId'));
  const [deputyId, setDeputyId] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState('');
  const [description, setDescription] = useState('');
  const processName = useProcessName(processId);
  const form = useAdminForm({
    fields: {
      processId: { label: t('admin.fields.process'), id: 'mandate-new-processId' },
      holderId: { label: t('admin.fields.holder'), id: 'mandate-new-holderId' },
      deputyId: { label: t('admin.fields.deputy'), id: 'mandate-new-deputyId' },
      validFrom: { label: t('admin.fields.validFrom'), id: 'mandate-new-validFrom' },
      validTo: { label: t('admin.fields.validTo'), id: 'mandate-new-validTo' },
      description: { label: t('admin.fields.description'), id: 'mandate-new-description' },
    },
    processName,
    check: () => {
      const missing: Record<string, string> = {};
      if (!processId) missing.processId = t('admin.form.choose');
      if (!holderId) missing.holderId = t('admin.form.choose');
      if (!validFrom) missing.validFrom = t('admin.form.required');
      if (!validTo) missing.validTo = t('admin.form.required');
      return missing;
    },
    send: () =>
      api<Mandate>('/api/mandates', {
        method: 'POST',
        body: { processId, holderId, deputyId, validFrom, validTo, description: description.trim() },
      }),
    onDone: async (created) => {
      await store(created);
      navigate(`/admin/mandates/${created.id}`, { state: { created: true } });
    },
  });
  return (
    <RecordForm
      form={form}
      aria-label={t('admin.mandates.new')}
      intro={<Paragraph>{t('admin.mandates.newAbout')}</Paragraph>}
      problemExtra={<Handover key={form.refusal?.inTheWay?.id ?? 'none'} refusal={form.refusal} validFrom={validFrom} />}
      submitLabel={t('admin.mandates.create')}
      after={validFrom && <Paragraph data-size="sm">{t('admin.mandates.startsHelp', { day: format.date(validFrom) })}</Paragraph>}
    >
      <Picker kind="process" {...form.field('processId')} value={processId} onChange={setProcessId} />
      <Picker kind="user" {...form.field('holderId')} description={t('admin.mandates.holderHelp')} value={holderId} onChange={setHolderId} />
      <Picker kind="user" {...form.field('deputyId')} description={t('admin.mandates.deputyHelp')} optional value={deputyId} onChange={setDeputyId} />
      <TextInput {...form.field('validFrom')} type="date" value={validFrom} onChange={setValidFrom} />
      <TextInput {...form.field('validTo')} type="date" description={t('admin.mandates.validToHelp')} value={validTo} onChange={setValidTo} />
      <TextInput {...form.field('description')} optional multiline value={description} onChange={setDescription} />
    </RecordForm>
  );
}

/** The handover the refusal suggests: the mandate in the way ends the day before the new one starts. */
function Handover({ refusal, validFrom }: { refusal: Refusal | null; validFrom: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const store = useStoreMandate();
  const refuse = useRefusal();
  const clash = refusal?.inTheWay?.kind === 'mandate' ? refusal.inTheWay : null;
  const lastDay = validFrom ? addDays(validFrom, -1) : '';
  const shorten = useMutation({
    mutationFn: () => api<Mandate>(`/api/mandates/${clash!.id}`, { method: 'PATCH', body: { validTo: lastDay } }),
    onSuccess: store,
  });
  if (!clash || !lastDay || clash.validFrom > lastDay) return null;
  if (shorten.isSuccess) {
    return (
      <Paragraph role="status">
        <strong>{t('admin.mandates.handoverDone', { name: clash.name, day: format.date(lastDay) })}</strong>
      </Paragraph>
    );
  }
  const failed = refuse(shorten.error);
  return (
    <>
      <Paragraph>{t('admin.mandates.handoverAbout')}</Paragraph>
      <Button variant="secondary" onClick={() => shorten.mutate()} disabled={shorten.isPending}>
        {t('admin.mandates.handover', { name: clash.name, day: format.date(lastDay) })}
      </Button>
      {failed && <Paragraph role="alert">{failed.message ?? Object.values(failed.fields).join(' ')}</Paragraph>}
    </>
  );
}
