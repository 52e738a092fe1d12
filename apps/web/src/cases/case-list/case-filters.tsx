import { Button, Checkbox, Field, Heading, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { useNames, useProcessCatalogue } from '../report/catalogue';
import type { useCaseStates } from './case-states';
import { DEFAULT_PARAMS, SORTS, STATE_GROUPS, type ListParams, type SortName } from './list-params';

/**
 * The case list's filters as a search form: nothing changes until the person applies them, and
 * what they applied goes into the address (the page keys this form by it, so back and forward
 * show the filters of the list they show).
 */
export function CaseFilters({
  params,
  states,
  onApply,
}: {
  params: ListParams;
  states: ReturnType<typeof useCaseStates>;
  onApply: (params: ListParams) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useNames();
  const processes = useProcessCatalogue();
  const [draft, setDraft] = useState(params);
  const set = <K extends keyof ListParams>(field: K, value: ListParams[K]) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  };
  const processOptions = [...(processes.data?.items ?? [])].sort((a, b) => Number(!!a.endedAt) - Number(!!b.endedAt) || names(a).localeCompare(names(b)));
  const stateLabel = (path: string) => {
    const label = states.labelOf(path);
    const parent = path.includes('.') ? states.labelOf(path.split('.')[0]!) : undefined;
    const own = label ? format.label(label) : path;
    return parent ? `${format.label(parent)}: ${own}` : own;
  };

  return (
    <form role="search" className="case-filters" onSubmit={submit} aria-labelledby="case-filters-heading">
      <Heading level={2} data-size="xs" id="case-filters-heading">
        {t('caseList.filters.title')}
      </Heading>
      <div className="case-filter-fields">
        <Textfield
          className="case-filter-search"
          type="search"
          label={t('caseList.filters.q')}
          description={t('caseList.filters.qHelp')}
          value={draft.q}
          onChange={(event) => set('q', event.target.value)}
        />
        <Field>
          <Label htmlFor="case-filter-state">{t('caseList.filters.state')}</Label>
          <Select id="case-filter-state" value={draft.state} onChange={(event) => set('state', event.target.value)}>
            <Select.Option value="">{t('caseList.filters.allStates')}</Select.Option>
            {STATE_GROUPS.map((group) => (
              <Select.Option key={group} value={group}>
                {t(`caseList.filters.groups.${group}`)}
              </Select.Option>
            ))}
            {states.states.map((state) => (
              <Select.Option key={state.path} value={state.path}>
                {stateLabel(state.path)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="case-filter-process">{t('caseList.filters.process')}</Label>
          <Select id="case-filter-process" value={draft.processId} onChange={(event) => set('processId', event.target.value)}>
            <Select.Option value="">{t('caseList.filters.allProcesses')}</Select.Option>
            {processOptions.map((process) => (
              <Select.Option key={process.id} value={process.id}>
                {process.endedAt ? t('caseList.filters.endedProcess', { name: names(process) }) : names(process)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="case-filter-sort">{t('caseList.filters.sort')}</Label>
          <Select id="case-filter-sort" value={draft.sort} onChange={(event) => set('sort', event.target.value as SortName)}>
            {(Object.keys(SORTS) as SortName[]).map((sort) => (
              <Select.Option key={sort} value={sort}>
                {t(`caseList.filters.sorts.${sort}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <Checkbox label={t('caseList.filters.mine')} checked={draft.mine} onChange={(event) => set('mine', event.target.checked)} />
      <div className="case-filter-buttons">
        <Button type="submit">{t('caseList.filters.apply')}</Button>
        <Button variant="secondary" onClick={() => onApply(DEFAULT_PARAMS)}>
          {t('caseList.filters.reset')}
        </Button>
      </div>
    </form>
  );
}
