import { Checkbox, Fieldset, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFormat } from '../format';
import { keys, queryString, type Page, type Process, type ProcessDetail, type Unit, type User, type UserDetail } from './admin-api';

/** What a picker offers: units, users or processes, found with the list endpoint's `q`. */
export type PickerKind = 'unit' | 'user' | 'process';

interface Item {
  id: string;
  label: string;
  detail: string;
}

const SHOWN = 8;

function useLabels() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    unit: (u: Unit): Item => ({ id: u.id, label: `${format.label({ nb: u.nameNb, en: u.nameEn })} (${u.code})`, detail: t(`admin.unitKinds.${u.kind}`) }),
    process: (p: Process): Item => ({ id: p.id, label: `${format.label({ nb: p.nameNb, en: p.nameEn })} (${p.code})`, detail: p.owningUnit.nameNb }),
    user: (u: User): Item => ({ id: u.id, label: u.name, detail: `${u.email} · ${u.unit.nameNb}` }),
  };
}

const PATHS: Record<PickerKind, string> = { unit: '/api/units', user: '/api/users', process: '/api/processes' };

function useSearch(kind: PickerKind, text: string, filter: Record<string, string>, enabled: boolean) {
  const labels = useLabels();
  const query = queryString({ q: text.trim(), limit: SHOWN, ...filter });
  return useQuery({
    enabled,
    queryKey: ['admin', 'picker', kind, query],
    queryFn: async () => {
      const page = await api<Page<Unit & Process & User>>(`${PATHS[kind]}${query}`);
      return { total: page.total, items: page.items.map((item) => labels[kind](item)) };
    },
    placeholderData: keepPreviousData,
  });
}

/** The chosen records, fetched by id so a choice shows by name even when the search no longer finds it. */
function useChosen(kind: PickerKind, ids: string[]): Item[] {
  const labels = useLabels();
  const found = useQueries({
    queries: ids.map((id) => ({
      queryKey: kind === 'unit' ? keys.unit(id) : kind === 'user' ? keys.user(id) : keys.process(id),
      queryFn: () => api<Unit | UserDetail | ProcessDetail>(`${PATHS[kind]}/${id}`),
    })),
  });
  return found.flatMap((result) => (result.data ? [labels[kind](result.data as Unit & Process & User)] : []));
}

function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface PickerProps {
  kind: PickerKind;
  /** The id of the search field: the error summary links to it. */
  id: string;
  label: string;
  description?: string;
  error?: string;
  optional?: boolean;
  /** More filters for the list endpoint (such as `role=process_owner`). */
  filter?: Record<string, string>;
}

/**
 * A record chosen by searching: a search field, and the matches as radio buttons under it. The
 * chosen one stays in the list whatever the search says, so it is never lost from view. Works
 * with a keyboard as any radio group does, and says how many it found.
 */
export function Picker({ value, onChange, ...props }: PickerProps & { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const chosen = useChosen(props.kind, value ? [value] : []);
  return (
    <PickerFrame {...props} chosen={chosen}>
      {(items) => (
        <>
          {props.optional && (
            <Radio name={`${props.id}-choice`} value="" label={t('admin.picker.none')} checked={!value} onChange={() => onChange(null)} />
          )}
          {items.map((item) => (
            <Radio
              key={item.id}
              name={`${props.id}-choice`}
              value={item.id}
              label={item.label}
              description={item.detail}
              checked={value === item.id}
              onChange={() => onChange(item.id)}
            />
          ))}
        </>
      )}
    </PickerFrame>
  );
}

/** Several records chosen by searching (a process's team): the matches as checkboxes. */
export function MultiPicker({ values, onChange, ...props }: PickerProps & { values: string[]; onChange: (ids: string[]) => void }) {
  const chosen = useChosen(props.kind, values);
  return (
    <PickerFrame {...props} chosen={chosen} many>
      {(items) =>
        items.map((item) => (
          <Checkbox
            key={item.id}
            value={item.id}
            label={item.label}
            description={item.detail}
            checked={values.includes(item.id)}
            onChange={(event) => onChange(event.target.checked ? [...values, item.id] : values.filter((v) => v !== item.id))}
          />
        ))
      }
    </PickerFrame>
  );
}

function PickerFrame({
  kind,
  id,
  label,
  description,
  error,
  optional,
  filter = {},
  chosen,
  many,
  children,
}: PickerProps & { chosen: Item[]; many?: boolean; children: (items: Item[]) => ReactNode }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const settled = useDebounced(text);
  // With a choice made and nothing typed, only the choice shows: the list appears when a person searches for another.
  const browsing = settled.trim() === '' && chosen.length > 0;
  const search = useSearch(kind, settled, filter, !browsing);
  const found = browsing ? [] : (search.data?.items ?? []);
  // A choice the search still finds keeps its place, so the list does not jump under the pointer.
  const items = [...chosen.filter((c) => !found.some((item) => item.id === c.id)), ...found];
  const total = search.data?.total ?? 0;
  const status = browsing
    ? t(many ? 'admin.picker.chosenMany' : 'admin.picker.chosen')
    : search.isError
      ? t('admin.picker.failed')
      : search.isPending || search.isFetching
        ? t('admin.picker.searching')
        : total === 0
          ? t('admin.picker.noMatches')
          : total > found.length
            ? t('admin.picker.someMatches', { shown: found.length, total })
            : t('admin.picker.matches', { count: total });
  // Enter in the search field searches; it must not send the form around it.
  const keepForm = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };
  return (
    <Fieldset className="admin-picker">
      <Fieldset.Legend>{optional ? `${label} (${t('admin.form.optional')})` : label}</Fieldset.Legend>
      <Fieldset.Description>{description ?? t(`admin.picker.help.${kind}`)}</Fieldset.Description>
      <Textfield
        id={id}
        type="search"
        label={t('admin.picker.searchFor', { what: label.toLocaleLowerCase() })}
        value={text}
        error={error}
        autoComplete="off"
        onKeyDown={keepForm}
        onChange={(event) => setText(event.target.value)}
      />
      <Paragraph data-size="sm" role="status" className="admin-picker-status">
        {status}
      </Paragraph>
      {items.length > 0 || optional ? <div className="admin-picker-options">{children(items)}</div> : null}
    </Fieldset>
  );
}
