import { useTranslation } from 'react-i18next';

/**
 * A text field's character counter, in the person's language (Designsystemet's own words are
 * bokmål). None while the field shows an error: Designsystemet's counter sets `aria-invalid` from
 * the count alone, and would clear it on a field whose error is for another reason.
 */
export function useCounter() {
  const { t } = useTranslation();
  return (limit: number | undefined, error?: string) =>
    limit === undefined || error ? undefined : { limit, under: t('forms.counter.under'), over: t('forms.counter.over') };
}
