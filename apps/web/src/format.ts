import { useTranslation } from 'react-i18next';
import { intlLocale } from './i18n';

/** Dates and times as people in the chosen language write them, in Oslo time whatever the browser's zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    label: (label: { nb: string; en: string }) => (i18n.language === 'en' ? label.en : label.nb),
  };
}
