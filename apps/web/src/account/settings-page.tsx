import { Alert, Button, Fieldset, Paragraph, Radio, useRadioGroup, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MeWithRoles } from '../api/client';
import { fieldErrorsOf, problemOf } from '../api/problem';
import { useToken } from '../auth/token';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import type { Delivery, NotificationSettings } from './account-api';
import './account.css';

type Language = 'nb' | 'en';

/** The person's own settings: the language Flyt speaks to them, and how notification e-mail comes. */
export function SettingsPage() {
  const { t } = useTranslation();
  const token = useToken();
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me') });
  const settings = useQuery({ queryKey: ['notification-settings', token], queryFn: () => api<NotificationSettings>('/api/me/notification-settings') });

  return (
    <>
      <PageHeading>{t('account.settings.title')}</PageHeading>
      {(me.isPending || settings.isPending) && <Loading />}
      {(me.isError || settings.isError) && (
        <LoadError
          onRetry={() => {
            void me.refetch();
            void settings.refetch();
          }}
        />
      )}
      {me.data && settings.data && <SettingsForm locale={me.data.locale === 'en' ? 'en' : 'nb'} settings={settings.data} />}
    </>
  );
}

/** Where saving went wrong: at a field, or (the server, the network) for the form as a whole. */
class SettingsRefused extends Error {
  constructor(
    readonly fields: { locale?: true; delivery?: true },
    readonly whole: boolean,
  ) {
    super('settings not saved');
  }
}

function SettingsForm({ locale, settings }: { locale: Language; settings: NotificationSettings }) {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async (chosen: { locale: Language; delivery: Delivery }) => {
      const [me, delivery] = await Promise.allSettled([
        api<MeWithRoles>('/api/me', { method: 'PATCH', body: { locale: chosen.locale } }),
        api<NotificationSettings>('/api/me/notification-settings', { method: 'PUT', body: { delivery: chosen.delivery } }),
      ]);
      const fieldOf = (result: PromiseSettledResult<unknown>, field: string) =>
        result.status === 'rejected' && problemOf(result.reason)?.status === 400 && fieldErrorsOf(problemOf(result.reason))[field] !== undefined;
      const fields = { ...(fieldOf(me, 'locale') ? { locale: true as const } : {}), ...(fieldOf(delivery, 'delivery') ? { delivery: true as const } : {}) };
      const whole = [me, delivery].some((result) => result.status === 'rejected') && Object.keys(fields).length === 0;
      if (me.status === 'fulfilled') queryClient.setQueryData(['me', token], me.value);
      if (delivery.status === 'fulfilled') queryClient.setQueryData(['notification-settings', token], delivery.value);
      if (me.status === 'rejected' || delivery.status === 'rejected') throw new SettingsRefused(fields, whole);
      return chosen;
    },
    onSuccess: async (chosen) => {
      // Notifications are written in the stored language: the list must be read again.
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
      await i18n.changeLanguage(chosen.locale);
    },
  });
  const refused = save.error instanceof SettingsRefused ? save.error : null;
  const language = useRadioGroup({
    name: 'locale',
    value: locale,
    error: refused?.fields.locale ? t('account.settings.chooseLanguage') : undefined,
    onChange: () => save.reset(),
  });
  const delivery = useRadioGroup({
    name: 'delivery',
    value: settings.delivery,
    error: refused?.fields.delivery ? t('account.settings.chooseDelivery') : undefined,
    onChange: () => save.reset(),
  });

  // After a refusal, focus goes to the first field that has a message, which a screen reader then reads.
  const languageField = useRef<HTMLInputElement>(null);
  const deliveryField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (refused?.fields.locale) languageField.current?.focus();
    else if (refused?.fields.delivery) deliveryField.current?.focus();
  }, [refused]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ locale: language.value as Language, delivery: delivery.value as Delivery });
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <Paragraph>{t('account.settings.intro')}</Paragraph>
      <Fieldset>
        <Fieldset.Legend>{t('account.settings.language')}</Fieldset.Legend>
        <Fieldset.Description>{t('account.settings.languageHelp')}</Fieldset.Description>
        <Radio label={<span lang="nb">{t('account.settings.languages.nb')}</span>} {...language.getRadioProps({ value: 'nb', ref: language.value === 'nb' ? languageField : undefined })} />
        <Radio label={<span lang="en">{t('account.settings.languages.en')}</span>} {...language.getRadioProps({ value: 'en', ref: language.value === 'en' ? languageField : undefined })} />
        <ValidationMessage {...language.validationMessageProps} />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('account.settings.delivery')}</Fieldset.Legend>
        <Fieldset.Description>{t('account.settings.deliveryHelp')}</Fieldset.Description>
        <Radio
          label={t('account.settings.immediate')}
          description={t('account.settings.immediateHelp')}
          {...delivery.getRadioProps({ value: 'immediate', ref: delivery.value === 'immediate' ? deliveryField : undefined })}
        />
        <Radio
          label={t('account.settings.dailyDigest')}
          description={t('account.settings.dailyDigestHelp', { time: settings.digestTime })}
          {...delivery.getRadioProps({ value: 'daily_digest', ref: delivery.value === 'daily_digest' ? deliveryField : undefined })}
        />
        <ValidationMessage {...delivery.validationMessageProps} />
      </Fieldset>
      {refused?.whole && (
        <Alert data-color="danger" role="alert">
          {t('account.settings.failed')}
        </Alert>
      )}
      <div role="status">
        {save.isSuccess && (
          <Alert data-color="success">
            {t('account.settings.saved')}
          </Alert>
        )}
      </div>
      <div>
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending || undefined}>
          {save.isPending ? t('account.settings.saving') : t('account.settings.save')}
        </Button>
      </div>
    </form>
  );
}
