import { ANNOTATIONS, type JsonSchema, SchemaResolver } from './openapi-document.js';

/**
 * A JSON-schema validator for the OpenAPI 3.0 dialect the API's description is written in
 * (zod's `openapi-3.0` output): `nullable`, boolean exclusive bounds, and `$ref`s into the
 * document. It refuses a keyword it does not know, so that a description that grows a new
 * keyword makes the fuzzer fail loudly instead of validating less than it claims.
 */

const KNOWN = new Set([
  '$ref',
  'type',
  'nullable',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'propertyNames',
  ...ANNOTATIONS,
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a YYYY-MM-DD day exists in the calendar. */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  uuid: (v) => UUID.test(v),
  date: isCalendarDay,
  'date-time': (v) => {
    const match = DATE_TIME.exec(v);
    return Boolean(match && isCalendarDay(match[1]) && Number.isFinite(Date.parse(v)));
  },
  email: (v) => EMAIL.test(v),
  uri: (v) => URL.canParse(v),
};

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern);
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

export const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;

const describe = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      throw new Error(`unsupported JSON-schema type ${type}`);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export class JsonSchemaValidator {
  private readonly resolver: SchemaResolver;

  constructor(document: unknown) {
    this.resolver = new SchemaResolver(document);
  }

  /** Every way the value breaks the schema, each with its JSON path; empty when it fits. */
  errors(value: unknown, schema: JsonSchema, path = '$', enclosing: readonly JsonSchema[] = []): string[] {
    const resolved = this.resolver.resolve(schema, enclosing);
    const s = resolved.schema;
    const scopes = resolved.enclosing;
    if (s === true) return [];
    if (s === false) return [`${path}: no value is allowed here`];
    for (const keyword of Object.keys(s)) {
      if (!KNOWN.has(keyword)) throw new Error(`unsupported JSON-schema keyword "${keyword}" at ${path}`);
    }
    if (value === null && s.nullable === true) return [];
    const errors: string[] = [];
    const here = (message: string) => errors.push(`${path}: ${message}`);

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(value, t))) {
        here(`expected ${types.join(' or ')}, got ${typeOf(value)} ${describe(value)}`);
        return errors;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((option) => deepEqual(option, value))) here(`${describe(value)} is not one of ${describe(s.enum)}`);
    if ('const' in s && !deepEqual(s.const, value)) here(`expected ${describe(s.const)}`);

    if (typeof value === 'string') this.checkString(value, s, here);
    if (typeof value === 'number') this.checkNumber(value, s, here);
    if (Array.isArray(value)) {
      if (typeof s.minItems === 'number' && value.length < s.minItems) here(`fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && value.length > s.maxItems) here(`more than ${s.maxItems} items`);
      if (s.uniqueItems === true && value.some((item, i) => value.findIndex((other) => deepEqual(other, item)) !== i)) here('items are not unique');
      if (s.items !== undefined) value.forEach((item, i) => errors.push(...this.errors(item, s.items as JsonSchema, `${path}[${i}]`, scopes)));
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) errors.push(...this.checkObject(value as Record<string, unknown>, s, path, scopes));

    if (Array.isArray(s.allOf)) for (const part of s.allOf as JsonSchema[]) errors.push(...this.errors(value, part, path, scopes));
    if (Array.isArray(s.anyOf)) {
      const branches = (s.anyOf as JsonSchema[]).map((branch) => this.errors(value, branch, path, scopes));
      if (!branches.some((e) => e.length === 0)) here(`matches no branch of anyOf: ${branches.map((e) => e[0]).join(' | ')}`);
    }
    if (Array.isArray(s.oneOf)) {
      const branches = (s.oneOf as JsonSchema[]).map((branch) => this.errors(value, branch, path, scopes));
      const matching = branches.filter((e) => e.length === 0).length;
      if (matching !== 1) here(`matches ${matching} branches of oneOf, not exactly one${matching === 0 ? `: ${branches.map((e) => e[0]).join(' | ')}` : ''}`);
    }
    if (s.not !== undefined && this.errors(value, s.not as JsonSchema, path, scopes).length === 0) here('matches the schema under "not"');
    return errors;
  }

  isValid(value: unknown, schema: JsonSchema, enclosing: readonly JsonSchema[] = []): boolean {
    return this.errors(value, schema, '$', enclosing).length === 0;
  }

  private checkString(value: string, s: Record<string, unknown>, here: (m: string) => void) {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) here(`shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) here(`longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !regex(s.pattern).test(value)) here(`${describe(value)} does not match ${s.pattern.slice(0, 60)}`);
    if (typeof s.format === 'string') {
      const check = FORMATS[s.format];
      if (!check) throw new Error(`unsupported JSON-schema format ${s.format}`);
      if (!check(value)) here(`${describe(value)} is not a ${s.format}`);
    }
  }

  private checkNumber(value: number, s: Record<string, unknown>, here: (m: string) => void) {
    if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? value <= s.minimum : value < s.minimum)) here(`${value} is below the minimum ${s.minimum}`);
    if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? value >= s.maximum : value > s.maximum)) here(`${value} is above the maximum ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) here(`${value} is not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) here(`${value} is not below ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number' && !Number.isInteger(value / s.multipleOf)) here(`${value} is not a multiple of ${s.multipleOf}`);
  }

  private checkObject(value: Record<string, unknown>, s: Record<string, unknown>, path: string, scopes: readonly JsonSchema[]): string[] {
    const errors: string[] = [];
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    const keys = Object.keys(value);
    for (const name of (s.required ?? []) as string[]) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) errors.push(`${path}: misses the required property "${name}"`);
    }
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) errors.push(`${path}: fewer than ${s.minProperties} properties`);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) errors.push(`${path}: more than ${s.maxProperties} properties`);
    for (const key of keys) {
      const child = `${path}.${key}`;
      if (s.propertyNames !== undefined) errors.push(...this.errors(key, s.propertyNames as JsonSchema, `${child} (name)`, scopes));
      if (Object.prototype.hasOwnProperty.call(properties, key)) {
        errors.push(...this.errors(value[key], properties[key], child, scopes));
      } else if (s.additionalProperties === false) {
        errors.push(`${path}: has the property "${key}", which the schema does not allow`);
      } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
        errors.push(...this.errors(value[key], s.additionalProperties as JsonSchema, child, scopes));
      }
    }
    return errors;
  }
}
