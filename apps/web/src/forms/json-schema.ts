/**
 * The part of JSON Schema that Flyt's payload schemas use (the API derives them from the
 * workflows' own payload definitions), and the plain functions that turn one into form values
 * and back. Nothing here knows a workflow: a form is built from whatever schema the API sends.
 * See docs/web-app.md, "Forms from payload schemas".
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
  default?: unknown;
}

/** What a person has typed or chosen, before it becomes a payload: text stays text until it is sent. */
export type FormValue = string | boolean | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export type FieldKind = 'text' | 'longText' | 'number' | 'boolean' | 'choice' | 'choices' | 'date' | 'dateTime' | 'url' | 'object' | 'list';

/** A schema that may also be null (zod's `.nullable()`): the schema without the null, and whether null is allowed. */
export function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const rest = variants.filter((v) => v.type !== 'null');
    if (rest.length === 1 && rest.length < variants.length) return { schema: { description: schema.description, ...rest[0]! }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

// Longer limits than a line holds get a text area.
const LONG_TEXT_FROM = 300;

export function kindOf(input: JsonSchema): FieldKind {
  const { schema } = withoutNull(input);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum && type !== 'array') return 'choice';
  if (type === 'object' || schema.properties) return 'object';
  if (type === 'array') return schema.items && withoutNull(schema.items).schema.enum ? 'choices' : 'list';
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'dateTime';
  if (schema.format === 'uri' || schema.format === 'url') return 'url';
  if ((schema.maxLength ?? Infinity) > LONG_TEXT_FROM) return 'longText';
  return 'text';
}

/** The empty value a form starts with for a schema; required lists start with their minimum of items. */
export function emptyValue(input: JsonSchema): FormValue {
  const { schema } = withoutNull(input);
  switch (kindOf(schema)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, emptyValue(property)]));
    case 'list':
      return Array.from({ length: schema.minItems ?? 0 }, () => emptyValue(schema.items ?? {}));
    case 'choices':
      return [];
    case 'boolean':
      return typeof schema.default === 'boolean' ? schema.default : false;
    default:
      return schema.default === undefined || schema.default === null ? '' : String(schema.default);
  }
}

/** A stored value (say, the artefact a project already has) as form values, so a form can edit it. */
export function formValueOf(input: JsonSchema, value: unknown): FormValue {
  const { schema } = withoutNull(input);
  if (value === undefined || value === null) return emptyValue(schema);
  switch (kindOf(schema)) {
    case 'object': {
      const object = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, formValueOf(property, object[key])]));
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => formValueOf(schema.items ?? {}, item)) : [];
    case 'choices':
      return Array.isArray(value) ? value.map(String) : [];
    case 'boolean':
      return value === true;
    case 'dateTime':
      return typeof value === 'string' ? localDateTime(value) : '';
    default:
      return String(value);
  }
}

/**
 * Form values as the payload the API checks. Only the shape is converted (numbers, booleans,
 * empty optional fields left out); whether a value is allowed is for the API to say, field by
 * field, so the rules live in one place. Text that is not a number is sent as it is and comes back
 * as that field's error.
 */
export function payloadOf(input: JsonSchema, value: FormValue, required = true): unknown {
  const { schema, nullable } = withoutNull(input);
  const kind = kindOf(schema);
  if (kind === 'object') {
    const object = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as FormObject;
    const result: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const converted = payloadOf(property, object[key] ?? emptyValue(property), schema.required?.includes(key) ?? false);
      if (converted !== undefined) result[key] = converted;
    }
    const empty = Object.keys(result).length === 0;
    if (empty && !required) return nullable ? null : undefined;
    return result;
  }
  if (kind === 'list' || kind === 'choices') {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0 && !required) return nullable ? null : undefined;
    return items.map((item) => payloadOf(schema.items ?? {}, item, true));
  }
  if (kind === 'boolean') return value === true;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return required ? (nullable ? null : undefined) : nullable ? null : undefined;
  if (kind === 'number') {
    const number = Number(text.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(number) ? number : text;
  }
  if (kind === 'dateTime') {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  }
  // An enum of numbers (a score, a year) comes back from a select as text.
  if (kind === 'choice' && schema.enum?.every((option) => typeof option === 'number')) return Number(text);
  return text;
}

/** An ISO instant as the value of an `<input type="datetime-local">`, in the browser's time. */
function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A field's path without list positions: `allocation.byYear.0.year` → `allocation.byYear.year`, the key its words are under. */
export function wordsPath(path: string): string {
  return path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
}

/** Set a value deep in form values, copying what it passes so React sees the change. */
export function setIn(root: FormValue, path: (string | number)[], value: FormValue): FormValue {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setIn(copy[head as number] ?? '', rest, value);
    return copy;
  }
  const object = (typeof root === 'object' ? root : {}) as FormObject;
  return { ...object, [head as string]: setIn(object[head as string] ?? '', rest, value) };
}
