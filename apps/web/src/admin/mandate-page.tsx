import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useFormat } from '../format';
import { Loading } from '../query-states';
import { addDays, keys, periodStatus, useMandate, useProcess, type Absence, type Mandate } from './admin-api';
import { AdminOnly, RecordError, EndButton, Facts, FormProblem, PeriodText, Saved, StatusTag, TextInput, To, useAdminForm, useToday, type FieldMap } from './admin-shared';
import { ProcessName, TodayText } from './names';
import { Picker } from './pickers';
import { useRefusal, type Refusal } from './refusals';

/** One mandate: its terms, who stands in today, its absences, and ending it. `/admin/mandates/new` delegates one. */
export function MandatePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const mandate = useMandate(id === 'new' ? null : id);
  const crumbs = [{ to: '/admin/mandates', label: t('admin.mandates.title') }];
  if (id === 'new') {
    return (
      <AdminOnly title={t('admin.mandates.new')} crumbs={crumbs}>
        <NewMandateForm />
      </AdminOnly>
    );
  }
  return (
    <AdminOnly title={mandate.data ? t('admin.mandates.one', { name: mandate.data.holder.name }) : t('admin.mandates.oneLoading')} crumbs={crumbs}>
      {mandate.isPending && <Loading />}
      {mandate.isError && <RecordError error={mandate.error} onRetry={() => void mandate.refetch()} />}
      {mandate.data && <MandateDetail key={mandate.data.id} mandate={mandate.data} created={(location.state as { created?: boolean } | null)?.created ?? false} />}
    </AdminOnly>
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

function useProcessName(id: string | null): string | undefined {
  const format = useFormat();
  const process = useProcess(id);
  return process.data ? format.label({ nb: process.data.nameNb, en: process.data.nameEn }) : undefined;
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
        <>
          <section className="admin-section" aria-labelledby="edit-mandate">
            <Heading level={2} data-size="sm" id="edit-mandate">
              {t('admin.mandates.edit')}
            </Heading>
            <MandateTermsForm
              mandate={mandate}
              onSaved={async (next) => {
                await store(next);
                setSaved(t('admin.form.saved'));
              }}
            />
          </section>
          <section className="admin-section" aria-labelledby="end-mandate">
            <Heading level={2} data-size="sm" id="end-mandate">
              {t('admin.mandates.endTitle')}
            </Heading>
            <Paragraph>{t('admin.mandates.endAbout')}</Paragraph>
            <EndButton
              label={t('admin.mandates.end')}
              title={t('admin.mandates.endConfirmTitle', { name: mandate.holder.name })}
              body={t('admin.mandates.endConfirm')}
              confirm={t('admin.mandates.end')}
              withReason
              onEnd={end}
            />
          </section>
        </>
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
  const fields: FieldMap = {
    validFrom: { label: t('admin.fields.validFrom'), id: 'mandate-edit-validFrom' },
    validTo: { label: t('admin.fields.validTo'), id: 'mandate-edit-validTo' },
    deputyId: { label: t('admin.fields.deputy'), id: 'mandate-edit-deputyId' },
    description: { label: t('admin.fields.description'), id: 'mandate-edit-description' },
  };
  const form = useAdminForm({
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
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={t('admin.mandates.edit')}>
      <Paragraph>{t('admin.mandates.editAbout')}</Paragraph>
      <FormProblem errors={errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.validFrom!.id} type="date" label={fields.validFrom!.label} value={validFrom} onChange={setValidFrom} error={errors.validFrom} />
      <TextInput
        id={fields.validTo!.id}
        type="date"
        label={fields.validTo!.label}
        description={t('admin.mandates.validToHelp')}
        value={validTo}
        onChange={setValidTo}
        error={errors.validTo}
      />
      <Picker
        kind="user"
        id={fields.deputyId!.id}
        label={fields.deputyId!.label}
        description={t('admin.mandates.deputyHelp')}
        optional
        value={deputyId}
        onChange={setDeputyId}
        error={errors.deputyId}
      />
      <TextInput id={fields.description!.id} label={fields.description!.label} optional multiline value={description} onChange={setDescription} error={errors.description} />
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : t('admin.form.save')}
        </Button>
      </div>
    </form>
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
    <section className="admin-section" aria-labelledby="absences">
      <Heading level={2} data-size="sm" id="absences">
        {t('admin.absences.title')}
      </Heading>
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
    </section>
  );
}

function AbsenceForm({ mandate, onAdded }: { mandate: Mandate; onAdded: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const store = useStoreMandate();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const fields: FieldMap = {
    startsOn: { label: t('admin.fields.startsOn'), id: 'absence-startsOn' },
    endsOn: { label: t('admin.fields.endsOn'), id: 'absence-endsOn' },
    reason: { label: t('admin.fields.reason'), id: 'absence-reason' },
  };
  const form = useAdminForm({
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
    <form className="admin-form" noValidate onSubmit={form.submit} aria-labelledby="absence-form-title">
      <Heading level={3} data-size="xs" id="absence-form-title">
        {t('admin.absences.add')}
      </Heading>
      <FormProblem errors={form.errors} refusal={form.refusal} attempt={form.attempt} fields={fields} />
      <TextInput id={fields.startsOn!.id} type="date" label={fields.startsOn!.label} value={startsOn} onChange={setStartsOn} error={form.errors.startsOn} />
      <TextInput id={fields.endsOn!.id} type="date" label={fields.endsOn!.label} value={endsOn} onChange={setEndsOn} error={form.errors.endsOn} />
      <TextInput id={fields.reason!.id} label={fields.reason!.label} optional value={reason} onChange={setReason} error={form.errors.reason} />
      <div className="admin-buttons">
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : t('admin.absences.save')}
        </Button>
      </div>
    </form>
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
  const fields: FieldMap = {
    processId: { label: t('admin.fields.process'), id: 'mandate-new-processId' },
    holderId: { label: t('admin.fields.holder'), id: 'mandate-new-holderId' },
    deputyId: { label: t('admin.fields.deputy'), id: 'mandate-new-deputyId' },
    validFrom: { label: t('admin.fields.validFrom'), id: 'mandate-new-validFrom' },
    validTo: { label: t('admin.fields.validTo'), id: 'mandate-new-validTo' },
    description: { label: t('admin.fields.description'), id: 'mandate-new-description' },
  };
  const form = useAdminForm({
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
  const { errors } = form;
  return (
    <form className="admin-form" noValidate onSubmit={form.submit} aria-label={t('admin.mandates.new')}>
      <Paragraph>{t('admin.mandates.newAbout')}</Paragraph>
      <FormProblem
        errors={errors}
        refusal={form.refusal}
        attempt={form.attempt}
        fields={fields}
        extra={<Handover key={form.refusal?.inTheWay?.id ?? 'none'} refusal={form.refusal} validFrom={validFrom} />}
      />
      <Picker kind="process" id={fields.processId!.id} label={fields.processId!.label} value={processId} onChange={setProcessId} error={errors.processId} />
      <Picker
        kind="user"
        id={fields.holderId!.id}
        label={fields.holderId!.label}
        description={t('admin.mandates.holderHelp')}
        value={holderId}
        onChange={setHolderId}
        error={errors.holderId}
      />
      <Picker
        kind="user"
        id={fields.deputyId!.id}
        label={fields.deputyId!.label}
        description={t('admin.mandates.deputyHelp')}
        optional
        value={deputyId}
        onChange={setDeputyId}
        error={errors.deputyId}
      />
      <TextInput id={fields.validFrom!.id} type="date" label={fields.validFrom!.label} value={validFrom} onChange={setValidFrom} error={errors.validFrom} />
      <TextInput
        id={fields.validTo!.id}
        type="date"
        label={fields.validTo!.label}
        description={t('admin.mandates.validToHelp')}
        value={validTo}
        onChange={setValidTo}
        error={errors.validTo}
      />
      <TextInput id={fields.description!.id} label={fields.description!.label} optional multiline value={description} onChange={setDescription} error={errors.description} />
      <div className="admin-buttons">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('admin.form.saving') : t('admin.mandates.create')}
        </Button>
      </div>
      {validFrom && <Paragraph data-size="sm">{t('admin.mandates.startsHelp', { day: format.date(validFrom) })}</Paragraph>}
    </form>
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
