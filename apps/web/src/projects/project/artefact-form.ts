import { type Problem } from '../../api/problem';
import { kindOf, withoutNull, type FormObject, type FormValue, type JsonSchema } from '../../forms/json-schema';
import type { FieldWidget } from '../../forms/schema-fields';

/**
 * The plain functions behind an artefact's form. The form is built from the artefact kind's JSON
 * schema that the API sends with the project (`artefactForms`); these only adapt it to the form
 * builder: a kind whose content is a list (milestones, risks) becomes an object with that list,
 * the ids that let the API tell items apart are made here rather than typed, and the API's names
 * for fields (`content.members[0].userId`) become the form's (`members.0.userId`).
 */

/** The key a list artefact's items are under in its form. */
export const LIST_KEY = 'items';

export interface ArtefactFormSchema {
  /** The schema the form is filled and sent with. */
  schema: JsonSchema;
  /** The same without the ids, which nobody types: what the form shows. */
  shown: JsonSchema;
  /** The content is a list, wrapped in an object under LIST_KEY. */
  list: boolean;
}

const isId = (key: string, schema: JsonSchema) => key === 'id' && withoutNull(schema).schema.format === 'uuid';

function withoutIds(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) return { ...schema, anyOf: schema.anyOf.map(withoutIds) };
  if (schema.oneOf) return { ...schema, oneOf: schema.oneOf.map(withoutIds) };
  if (schema.properties) {
    const kept = Object.entries(schema.properties).filter(([key, property]) => !isId(key, property));
    return { ...schema, properties: Object.fromEntries(kept.map(([key, property]) => [key, withoutIds(property)])) };
  }
  if (schema.items) return { ...schema, items: withoutIds(schema.items) };
  return schema;
}

export function artefactFormSchema(schema: JsonSchema): ArtefactFormSchema {
  const list = kindOf(schema) === 'list';
  const wrapped: JsonSchema = list ? { type: 'object', properties: { [LIST_KEY]: schema }, required: [LIST_KEY] } : schema;
  return { schema: wrapped, shown: withoutIds(wrapped), list };
}

/** The stored content as the form's value's source. */
export const wrapContent = (form: ArtefactFormSchema, content: unknown): unknown => (form.list ? { [LIST_KEY]: content ?? [] } : content);

/** The payload back as the content the API takes. */
export const unwrapContent = (form: ArtefactFormSchema, payload: unknown): unknown => (form.list ? ((payload as Record<string, unknown> | undefined)?.[LIST_KEY] ?? []) : payload);

/** A random (version 4) UUID; also where crypto.randomUUID is not offered (a page not served over HTTPS). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Gives every item that has no id yet (one just added) a new one. */
export function withIds(input: JsonSchema, value: FormValue): FormValue {
  const { schema } = withoutNull(input);
  if (Array.isArray(value)) return value.map((item) => withIds(schema.items ?? {}, item));
  if (typeof value !== 'object' || !schema.properties) return value;
  const object: FormObject = { ...value };
  for (const [key, property] of Object.entries(schema.properties)) {
    if (isId(key, property)) {
      if (!object[key]) object[key] = newId();
    } else if (object[key] !== undefined) object[key] = withIds(property, object[key]);
  }
  return object;
}

/**
 * The API's refusal with its fields named as the form names them: `content.alternatives[1].costNok`
 * is `alternatives.1.costNok`, a list artefact's `content[0].ownerId` is `items.0.ownerId`, and
 * one person of a list of people (`benefitOwnerIds[1]`) is the list, which is one picker.
 */
export function problemForForm(problem: Problem, form: ArtefactFormSchema, peopleLists: ReadonlySet<string>): Problem {
  const errors = problem.errors.map(({ field, reason }) => {
    let path = field.replace(/\[(\d+)\]/g, '.$1');
    if (path === 'content') path = form.list ? LIST_KEY : '';
    else if (path.startsWith('content.')) path = `${form.list ? `${LIST_KEY}.` : ''}${path.slice('content.'.length)}`;
    const parts = path.split('.');
    if (parts.length > 1 && /^\d+$/.test(parts.at(-1)!) && peopleLists.has(parts.at(-2)!)) path = parts.slice(0, -1).join('.');
    return { field: path, reason };
  });
  return { ...problem, errors };
}

/**
 * Every field of the schema that holds a user's id, or a list of them, by the path its words and
 * widget are under: ids that are not an item's own are people (libs/projects names them so).
 */
export function peopleFields(input: JsonSchema, path = ''): string[] {
  const { schema } = withoutNull(input);
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, property]) => {
      if (isId(key, property)) return [];
      const at = path ? `${path}.${key}` : key;
      const inner = withoutNull(property).schema;
      if (inner.format === 'uuid') return [at];
      if (kindOf(inner) === 'list' && withoutNull(inner.items ?? {}).schema.format === 'uuid') return [at];
      return peopleFields(property, at);
    });
  }
  if (schema.items) return peopleFields(schema.items, path);
  return [];
}

/** The widgets of a form: a person picker for every field that names people. */
export function peopleWidgets(schema: JsonSchema, widget: FieldWidget): Record<string, FieldWidget> {
  return Object.fromEntries(peopleFields(schema).map((path) => [path, widget]));
}
