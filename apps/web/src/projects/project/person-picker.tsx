import { Checkbox, Field, Fieldset, Input, Label, Paragraph, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { FormValue } from '../../forms/json-schema';
import type { FieldWidget } from '../../forms/schema-fields';

export interface Person {
  id: string;
  name: string;
  /** Where they work, when known: tells two people of the same name apart. */
  unit?: string;
}

interface UserPage {
  items: { id: string; name: string; email: string; unit: { nameNb: string } }[];
  total: number;
}

const SEARCH_LIMIT = 8;

/** Waits until the person stops typing before asking the API. */
function useDebounced(value: string, ms = 300): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * A person for a field that holds a user's id (one, or a list of them): a search among the users
 * the API lets the signed-in person see (GET /api/users?q=), with the people already on the
 * project offered before anything is typed. Who can be found is the API's to say: a process owner
 * finds everyone, a line manager the people of their unit, others only themselves and the people
 * of the project.
 */
function PersonPicker({
  id,
  label,
  value,
  error,
  onChange,
  known,
}: {
  id: string;
  label: string;
  value: FormValue;
  error?: string;
  onChange: (value: FormValue) => void;
  known: readonly Person[];
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim());
  const multiple = Array.isArray(value);
  const chosen = (multiple ? value : value === '' ? [] : [value]).map(String);

  const found = useQuery({
    queryKey: ['users', 'search', search],
    queryFn: () => api<UserPage>(`/api/users?q=${encodeURIComponent(search)}&limit=${SEARCH_LIMIT}`),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const matches = (person: Person) => person.name.toLowerCase().includes(search.toLowerCase());
  const fromApi: Person[] = search ? (found.data?.items ?? []).map((u) => ({ id: u.id, name: u.name, unit: u.unit.nameNb })) : [];
  // Before anything is typed: the people of the project to choose from, or only the choice already made (a search finds others).
  const candidates = search ? uniqueById([...fromApi, ...known.filter(matches)]) : chosen.length > 0 ? [] : [...known];
  // The people chosen stay on the list whatever the search, so a choice can be seen and undone.
  const names = new Map([...known, ...fromApi].map((p) => [p.id, p]));
  const shown = uniqueById([...chosen.map((personId) => names.get(personId) ?? { id: personId, name: t('project.people.unknown') }), ...candidates]);

  const toggle = (personId: string, on: boolean) => {
    if (multiple) onChange(on ? [...chosen, personId] : chosen.filter((c) => c !== personId));
    else onChange(on ? personId : '');
  };
  const describe = (person: Person) => (person.unit ? `${person.name} (${person.unit})` : person.name);
  const status = !search
    ? chosen.length > 0
      ? t('project.people.searchToChange')
      : known.length > 0
        ? t('project.people.projectPeople')
        : t('project.people.typeToSearch')
    : found.isFetching
      ? t('project.people.searching')
      : found.isError
        ? t('project.people.searchFailed')
        : candidates.length === 0
          ? t('project.people.noMatch', { query: search })
          : t('project.people.matches', { count: candidates.length });

  return (
    <Fieldset className="person-picker" data-invalid={error ? true : undefined}>
      <Fieldset.Legend>{label}</Fieldset.Legend>
      <Field>
        <Label htmlFor={id}>{t('project.people.search')}</Label>
        <Field.Description>{t('project.people.searchHelp')}</Field.Description>
        <Input id={id} type="search" autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />
      </Field>
      <Paragraph data-size="sm" role="status" className="person-picker-status">
        {status}
      </Paragraph>
      {shown.length > 0 && (
        <div className="person-picker-options">
          {!multiple && (
            <Radio name={`${id}-person`} label={t('project.people.nobody')} value="" checked={chosen.length === 0} onChange={() => onChange('')} />
          )}
          {shown.map((person) =>
            multiple ? (
              <Checkbox
                key={person.id}
                label={describe(person)}
                value={person.id}
                checked={chosen.includes(person.id)}
                onChange={(event) => toggle(person.id, event.target.checked)}
              />
            ) : (
              <Radio
                key={person.id}
                name={`${id}-person`}
                label={describe(person)}
                value={person.id}
                checked={chosen.includes(person.id)}
                onChange={(event) => toggle(person.id, event.target.checked)}
              />
            ),
          )}
        </div>
      )}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

function uniqueById(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

/** A widget for the forms (EventActions, artefact forms) that picks people among `known` and the users the API finds. */
export function personWidget(known: readonly Person[]): FieldWidget {
  return (props) => <PersonPicker {...props} known={known} />;
}
