import { Fieldset, Paragraph, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CaseSummary } from '../../api/client';
import { useFormat } from '../../format';
import type { FormValue } from '../../forms/json-schema';

const SEARCH_DELAY_MS = 300;

/**
 * MERGE_INTO's `caseId`: the case this one duplicates, chosen among the cases the caller can see
 * (GET /api/cases?q=…), by title or reference. Without a search it offers the cases of the same
 * process, where a duplicate usually is. The API checks the choice (open, same process).
 */
export function MergeTargetPicker({
  id,
  label,
  value,
  error,
  onChange,
  caseId,
  processId,
}: {
  id: string;
  label: string;
  value: FormValue;
  error?: string;
  onChange: (value: FormValue) => void;
  caseId: string;
  processId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useQuery({
    queryKey: ['cases', 'merge-targets', processId, query],
    queryFn: () =>
      api<{ items: CaseSummary[] }>(`/api/cases?limit=20&sort=updatedAt&${query ? `q=${encodeURIComponent(query)}` : `processId=${processId}`}`).then((page) =>
        page.items.filter((c) => c.id !== caseId),
      ),
    placeholderData: keepPreviousData,
  });
  const chosen = String(value);

  return (
    <Fieldset className="form-group" id={id} tabIndex={-1}>
      <Fieldset.Legend>{label}</Fieldset.Legend>
      <Textfield
        id={`${id}-search`}
        type="search"
        label={t('casePage.merge.search')}
        description={t('casePage.merge.searchHelp')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <div role="group" aria-label={t('casePage.merge.results')} className="merge-targets">
        {found.data?.length === 0 && <Paragraph data-size="sm">{t('casePage.merge.none')}</Paragraph>}
        {found.data?.map((c) => (
          <Radio
            key={c.id}
            name={`${id}-choice`}
            value={c.id}
            checked={chosen === c.id}
            label={t('casePage.merge.option', { reference: c.reference, title: c.title, state: format.label(c.stateLabel) })}
            onChange={() => onChange(c.id)}
          />
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {found.data && found.data.length > 0 ? `${t('casePage.merge.results')}: ${found.data.length}` : found.data ? t('casePage.merge.none') : ''}
      </p>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}
