import { Button, Checkbox, Field, Fieldset, Label, Select, Switch, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from './counter';
import { kindOf, emptyValue, withoutNull, wordsPath, type FormObject, type FormValue, type JsonSchema } from './json-schema';

/**
 * A field the schema cannot describe well enough (a case to merge into, a person): the page that
 * knows what the id stands for gives a picker for that path.
 */
export type FieldWidget = (props: { id: string; label: string; value: FormValue; error?: string; onChange: (value: FormValue) => void }) => ReactNode;

export interface FieldsContext {
  /** Where the words for this form are: `forms.<wordsKey>.<field path>`, then `fields.<field name>`. */
  wordsKey: string;
  errors: Record<string, string>;
  widgets?: Record<string, FieldWidget>;
  idPrefix: string;
}

/** The id of a field's input, which the error summary links to. */
export function fieldId(idPrefix: string, path: string): string {
  return `${idPrefix}-${path.replace(/\./g, '-')}`;
}

/** The words of a form's fields: labels, help and choices, from the locale files (docs/web-app.md, "Words"). */
export function useFieldWords(context: Pick<FieldsContext, 'wordsKey'>) {
  const { t } = useTranslation();
  return {
    label: (path: string, schema: JsonSchema) => {
      const name = wordsPath(path).split('.').pop() ?? path;
      // A group's words are under `<path>Legend`, since `<path>` holds the words of its fields.
      // The schema's own description is the last resort: a field without words in the
      // translation files still gets a label, if in the API's language.
      return t([`forms.${context.wordsKey}.${wordsPath(path)}Legend`, `forms.${context.wordsKey}.${wordsPath(path)}`, `fields.${name}Legend`, `fields.${name}`], {
        defaultValue: schema.description ?? name,
      });
    },
    help: (path: string) => {
      const name = wordsPath(path).split('.').pop() ?? path;
      return t([`forms.${context.wordsKey}.${wordsPath(path)}Help`, `fields.${name}Help`], { defaultValue: '' });
    },
    option: (path: string, option: unknown) => {
      const name = wordsPath(path).split('.').pop() ?? path;
      return t([`forms.${context.wordsKey}.${wordsPath(path)}Options.${String(option)}`, `options.${name}.${String(option)}`], {
        defaultValue: String(option),
      });
    },
  };
}

/** The fields of an object schema, each by its kind; nested objects and lists become fieldsets. */
export function SchemaFields({
  schema,
  value,
  onChange,
  context,
  path = '',
}: {
  schema: JsonSchema;
  value: FormObject;
  onChange: (value: FormObject) => void;
  context: FieldsContext;
  path?: string;
}) {
  const { schema: object } = withoutNull(schema);
  return (
    <>
      {Object.entries(object.properties ?? {}).map(([key, property]) => (
        <SchemaField
          key={key}
          schema={property}
          required={object.required?.includes(key) ?? false}
          path={path ? `${path}.${key}` : key}
          value={value[key] ?? emptyValue(property)}
          onChange={(next) => onChange({ ...value, [key]: next })}
          context={context}
        />
      ))}
    </>
  );
}

function SchemaField({
  schema: input,
  required,
  path,
  value,
  onChange,
  context,
}: {
  schema: JsonSchema;
  required: boolean;
  path: string;
  value: FormValue;
  onChange: (value: FormValue) => void;
  context: FieldsContext;
}) {
  const { t } = useTranslation();
  const words = useFieldWords(context);
  const counter = useCounter();
  const { schema } = withoutNull(input);
  const id = fieldId(context.idPrefix, path);
  const error = context.errors[path];
  const label = words.label(path, schema);
  const help = words.help(path) || undefined;
  const optional = required ? '' : ` (${t('forms.optional')})`;
  const widget = context.widgets?.[wordsPath(path)];
  if (widget) return <div className="form-field">{widget({ id, label: label + optional, value, error, onChange })}</div>;

  switch (kindOf(schema)) {
    case 'object':
      return (
        <Fieldset className="form-group">
          <Fieldset.Legend>{label + optional}</Fieldset.Legend>
          {help && <Fieldset.Description>{help}</Fieldset.Description>}
          {error && <ValidationMessage>{error}</ValidationMessage>}
          <SchemaFields schema={schema} value={value as FormObject} onChange={onChange} context={context} path={path} />
        </Fieldset>
      );
    case 'list':
      return <ListField schema={schema} path={path} label={label} optional={optional} help={help} value={value as FormValue[]} onChange={onChange} context={context} />;
    case 'choices': {
      const chosen = new Set((value as FormValue[]).map(String));
      const options = withoutNull(schema.items ?? {}).schema.enum ?? [];
      return (
        <Fieldset className="form-group" id={id} tabIndex={-1}>
          <Fieldset.Legend>{label + optional}</Fieldset.Legend>
          {help && <Fieldset.Description>{help}</Fieldset.Description>}
          {options.map((option) => (
            <Checkbox
              key={String(option)}
              label={words.option(path, option)}
              value={String(option)}
              checked={chosen.has(String(option))}
              onChange={(event) =>
                onChange(event.target.checked ? [...chosen, String(option)] : [...chosen].filter((c) => c !== String(option)))
              }
            />
          ))}
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Fieldset>
      );
    }
    case 'choice':
      return (
        <Field className="form-field">
          <Label htmlFor={id}>{label + optional}</Label>
          {help && <Field.Description>{help}</Field.Description>}
          <Select id={id} value={String(value)} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined}>
            <Select.Option value="">{t('forms.choose')}</Select.Option>
            {(schema.enum ?? []).map((option) => (
              <Select.Option key={String(option)} value={String(option)}>
                {words.option(path, option)}
              </Select.Option>
            ))}
          </Select>
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Field>
      );
    case 'boolean':
      return (
        <div className="form-field">
          <Switch id={id} label={label + optional} description={help} checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </div>
      );
    case 'longText':
      return (
        <Textfield
          className="form-field"
          id={id}
          multiline
          rows={4}
          label={label + optional}
          description={help}
          value={String(value)}
          error={error}
          aria-invalid={error ? true : undefined}
          counter={counter(schema.maxLength && schema.maxLength <= 4000 ? schema.maxLength : undefined, error)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default: {
      const kind = kindOf(schema);
      const type = kind === 'date' ? 'date' : kind === 'dateTime' ? 'datetime-local' : kind === 'url' ? 'url' : 'text';
      return (
        <Textfield
          className="form-field"
          id={id}
          type={type}
          // Numbers as text with a numeric keyboard: a number input would swallow "1 500 000" and "12,5".
          inputMode={kind === 'number' ? 'decimal' : undefined}
          label={label + optional}
          description={help}
          value={String(value)}
          error={error}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    }
  }
}

function ListField({
  schema,
  path,
  label,
  optional,
  help,
  value,
  onChange,
  context,
}: {
  schema: JsonSchema;
  path: string;
  label: string;
  /** Said once, in the legend; the items and the buttons are named by the label alone. */
  optional: string;
  help?: string;
  value: FormValue[];
  onChange: (value: FormValue[]) => void;
  context: FieldsContext;
}) {
  const { t } = useTranslation();
  const items = withoutNull(schema.items ?? {}).schema;
  const error = context.errors[path];
  const itemIsObject = kindOf(items) === 'object';
  const full = schema.maxItems !== undefined && value.length >= schema.maxItems;
  return (
    <Fieldset className="form-group" id={fieldId(context.idPrefix, path)} tabIndex={-1}>
      <Fieldset.Legend>{label + optional}</Fieldset.Legend>
      {help && <Fieldset.Description>{help}</Fieldset.Description>}
      {error && <ValidationMessage>{error}</ValidationMessage>}
      {value.map((item, index) => {
        const itemPath = `${path}.${index}`;
        const number = t('forms.itemNumber', { number: index + 1 });
        return (
          <div className="form-list-item" key={index}>
            {itemIsObject ? (
              <Fieldset>
                <Fieldset.Legend>{`${label}: ${number}`}</Fieldset.Legend>
                <SchemaFields schema={items} value={item as FormObject} onChange={(next) => onChange(value.map((v, i) => (i === index ? next : v)))} context={context} path={itemPath} />
              </Fieldset>
            ) : (
              <SchemaField
                schema={items}
                required
                path={itemPath}
                value={item}
                onChange={(next) => onChange(value.map((v, i) => (i === index ? next : v)))}
                context={context}
              />
            )}
            <Button variant="tertiary" data-size="sm" onClick={() => onChange(value.filter((_, i) => i !== index))}>
              {t('forms.removeItem', { item: `${label} ${number}` })}
            </Button>
          </div>
        );
      })}
      <Button variant="secondary" data-size="sm" disabled={full} onClick={() => onChange([...value, emptyValue(items)])}>
        {t('forms.addItem', { item: label })}
      </Button>
    </Fieldset>
  );
}
