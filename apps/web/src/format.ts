import { useTranslation } from 'react-i18next';
import { intlLocale } from './i18n';

/**
 * Dates, numbers and amounts as people in the chosen language write them; times in Oslo time
 * whatever the browser's zone. Every page formats through here.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Oslo' });
  const nok = new Intl.NumberFormat(locale, { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** A calendar day (`2026-12-04`) or an instant, as the day it is in Oslo. */
    date: (isoOrDay: string) => date.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? `${isoOrDay}T12:00:00Z` : isoOrDay)),
    number: (value: number, fractionDigits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value),
    nok: (amount: number) => nok.format(amount),
    percent: (fraction: number) => percent.format(fraction),
    label: (label: { nb: string; en: string }) => (i18n.language === 'en' ? label.en : label.nb),
  };
}
