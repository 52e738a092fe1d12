import { Fieldset, Paragraph, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../query-states';
import { useNames, useProcessCatalogue, type ProcessItem } from './catalogue';
import { reportFieldId } from './report-form';

/** Lower case without accents, so «hand» finds «Håndtering» and «okonomi» «Økonomi». */
function folded(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');
}

function matches(process: ProcessItem, search: string): boolean {
  const words = folded(search).split(/\s+/).filter(Boolean);
  const text = folded([process.nameNb, process.nameEn, process.code, process.description].join(' '));
  return words.every((word) => text.includes(word));
}

/**
 * The process a need concerns: a search over the catalogue (both languages' names, the code and the
 * description) and the processes it finds as radio buttons, the chosen one always among them.
 */
export function ProcessPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const catalogue = useProcessCatalogue();
  const [search, setSearch] = useState('');
  if (catalogue.isPending) return <Loading />;
  if (catalogue.isError) return <LoadError onRetry={() => void catalogue.refetch()} />;

  const active = catalogue.data.items.filter((p) => !p.endedAt).sort((a, b) => names(a).localeCompare(names(b)));
  const found = active.filter((p) => matches(p, search));
  const chosen = active.find((p) => p.id === value);
  const shown = chosen && !found.includes(chosen) ? [chosen, ...found] : found;

  return (
    <div className="process-picker">
      <Textfield
        id="report-process-search"
        type="search"
        label={t('report.process.search')}
        description={t('report.process.searchHelp')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        // Enter in the search field searches; it does not move the form on.
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
        autoComplete="off"
      />
      <p role="status" className="process-count">
        {search.trim() ? t('report.process.found', { count: found.length }) : ''}
      </p>
      <Fieldset id={reportFieldId('processId')} tabIndex={-1} className="report-choice-group">
        <Fieldset.Legend>{t('report.fields.processId')}</Fieldset.Legend>
        {shown.length === 0 && <Paragraph data-size="sm">{t('report.process.none', { search: search.trim() })}</Paragraph>}
        {shown.map((process) => (
          <Radio
            key={process.id}
            name="processId"
            value={process.id}
            checked={process.id === value}
            onChange={() => onChange(process.id)}
            label={names(process)}
            description={process.description ? <span lang="nb">{process.description}</span> : undefined}
          />
        ))}
        {error && <ValidationMessage>{error}</ValidationMessage>}
      </Fieldset>
    </div>
  );
}
