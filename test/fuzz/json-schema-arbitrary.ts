import fc from 'fast-check';
import {
  defineKey,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  HUGE_LENGTHS,
  IMPOSSIBLE_DATES,
  INVALID_UTF8_STRING,
  MB,
  MASS_ASSIGNMENT_KEYS,
  NAN_LIKE,
  Opaque,
  PROTOTYPE_KEYS,
  RawJson,
  WRONG_TYPES,
  deeplyNested,
} from './hostile-values.js';
import type { JsonSchemaValidator } from './json-schema-validator.js';
import type { JsonSchema, SchemaResolver } from './openapi-document.js';

/**
 * fast-check arbitraries from JSON schemas: values the schema accepts, and mutations of them
 * that a hostile client would send.
 */

/** The caller's own unit or user id, filled in when the request is sent: who calls is chosen with the body, not before it. */
export class CallerRef extends Opaque {
  constructor(readonly kind: 'unit' | 'user') {
    super();
  }
  toJSON(): string {
    return `<the caller's ${this.kind} id>`;
  }
}

export interface GeneratorContext {
  resolver: SchemaResolver;
  validator: JsonSchemaValidator;
  /** Ids for a uuid-valued field of this name: real ids of the resource it names (processId: processes), the caller's own, and others. */
  idsFor(fieldName: string | undefined): fc.Arbitrary<string | CallerRef>;
  /** E-mail addresses worth sending: the demo logins. */
  knownEmails: readonly string[];
  /** Today in Oslo, YYYY-MM-DD: dates near it are the ones rules care about. */
  today: string;
  /** Free text (no format, pattern or enum) carries hostile characters, within the schema's lengths: valid, yet hostile. */
  hostileText?: boolean;
}

/** Characters and fragments that a text valid by length and type may still carry; NUL and lone surrogates most, as storage chokes on them. */
const HOSTILE_INSERT = fc.oneof(
  { weight: 4, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udfff', '\udc00\ud800') },
  { weight: 2, arbitrary: fc.constantFrom('\u0001', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ufeff', '\uffff') },
  { weight: 2, arbitrary: fc.constantFrom("'", '"', '\\', '%', '_', '$1', "' OR 1=1 --", '😀') },
);

/** A text within [minLength, maxLength] with one to three hostile characters or fragments put in. */
function hostileTextArbitrary(base: fc.Arbitrary<string>, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(fc.tuple(HOSTILE_INSERT, fc.nat()), { minLength: 1, maxLength: 3 })).map(([text, inserts]) => {
    const added = inserts.reduce((n, [insert]) => n + insert.length, 0);
    if (added > maxLength) return text;
    let out = text.slice(0, Math.max(0, maxLength - added));
    for (const [insert, at] of inserts) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i);
    }
    return out.length >= minLength ? out : out + 'x'.repeat(minLength - out.length);
  });
}

type Schema = Exclude<JsonSchema, boolean>;
type Path = (string | number)[];

const WORDS = ['Manuelle', 'rutiner', 'i', 'saksbehandling', 'tar', 'for', 'lang', 'tid', 'økonomi', 'søknad', 'behandles', 'på', 'nytt', 'Ærlig', 'å', 'forbedre', 'prosess', 'data', 'IT-løsning', 'opptak'];
const NORWEGIAN = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ0123456789 -.,'.split(''));

/** JSON of small size, for fields the schema leaves open. */
const smallJson = fc.jsonValue({ maxDepth: 2 });

function days(today: string, offset: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** Values the schema accepts (as far as it says: rules outside the schema may still refuse them). */
export function validArbitrary(schema: JsonSchema, ctx: GeneratorContext, fieldName?: string, enclosing: readonly JsonSchema[] = []): fc.Arbitrary<unknown> {
  const { schema: s, enclosing: scopes } = ctx.resolver.resolve(schema, enclosing);
  if (s === true) return smallJson;
  if (s === false) throw new Error('no value fits the schema false');
  const base = nonNullArbitrary(s, ctx, fieldName, scopes);
  return s.nullable === true ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

/** allOf folded into one schema: properties and required lists joined, other keywords of later parts win. */
export function mergeAllOf(s: Schema, ctx: GeneratorContext, enclosing: readonly JsonSchema[]): { schema: Schema; enclosing: readonly JsonSchema[] } {
  if (!Array.isArray(s.allOf)) return { schema: s, enclosing };
  const { allOf, ...rest } = s;
  let merged: Schema = rest;
  let scopes = enclosing;
  for (const part of allOf as JsonSchema[]) {
    const resolved = ctx.resolver.resolve(part, scopes);
    if (typeof resolved.schema !== 'object') continue;
    const flat = mergeAllOf(resolved.schema, ctx, resolved.enclosing);
    scopes = flat.enclosing;
    merged = {
      ...merged,
      ...flat.schema,
      properties: { ...((merged.properties as object) ?? {}), ...((flat.schema.properties as object) ?? {}) },
      required: [...((merged.required as string[]) ?? []), ...((flat.schema.required as string[]) ?? [])],
      nullable: merged.nullable === true || undefined,
    };
  }
  return { schema: merged, enclosing: scopes };
}

function nonNullArbitrary(raw: Schema, ctx: GeneratorContext, fieldName: string | undefined, enclosing: readonly JsonSchema[]): fc.Arbitrary<unknown> {
  const { schema: s, enclosing: scopes } = mergeAllOf(raw, ctx, enclosing);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum.filter((v) => v !== null));
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as JsonSchema[]).map((branch) => validArbitrary(branch, ctx, fieldName, scopes)));
  if (Array.isArray(s.oneOf)) {
    return fc.oneof(...(s.oneOf as JsonSchema[]).map((branch) => validArbitrary(branch, ctx, fieldName, scopes))).filter((v) => ctx.validator.isValid(v, s, scopes));
  }
  const type = Array.isArray(s.type) ? (s.type as string[]).filter((t) => t !== 'null') : s.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => nonNullArbitrary({ ...s, type: t }, ctx, fieldName, scopes)));
  switch (type) {
    case 'object':
      return objectArbitrary(s, ctx, scopes);
    case 'array': {
      const items = s.items === undefined ? smallJson : validArbitrary(s.items as JsonSchema, ctx, fieldName, scopes);
      const minLength = (s.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((s.maxItems as number | undefined) ?? 4, 4));
      return s.uniqueItems === true ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(s, ctx, fieldName);
    case 'integer':
    case 'number':
      return numberArbitrary(s, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      // `{ "type": "null" }` as a branch of anyOf (zod's nullable): the one value it takes.
      return fc.constant(null);
    case undefined:
      return s.properties ? objectArbitrary(s, ctx, scopes) : smallJson;
    default:
      throw new Error(`cannot generate values of type ${String(type)}`);
  }
}

function objectArbitrary(s: Schema, ctx: GeneratorContext, enclosing: readonly JsonSchema[]): fc.Arbitrary<unknown> {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = ((s.required ?? []) as string[]).filter((name) => name in properties);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = validArbitrary(property, ctx, name, enclosing);
  return fc.record(model, { requiredKeys: required });
}

function stringArbitrary(s: Schema, ctx: GeneratorContext, fieldName: string | undefined): fc.Arbitrary<unknown> {
  const minLength = (s.minLength as number | undefined) ?? 0;
  const maxLength = (s.maxLength as number | undefined) ?? 200;
  switch (s.format) {
    case 'uuid':
      return ctx.idsFor(fieldName);
    case 'date':
      return fc.oneof(
        fc.integer({ min: -400, max: 400 }).map((offset) => days(ctx.today, offset)),
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      );
    case 'date-time':
      return fc.oneof(
        fc.integer({ min: -400 * 24, max: 400 * 24 }).map((hours) => new Date(Date.parse(`${ctx.today}T09:00:00Z`) + hours * 3_600_000).toISOString()),
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      );
    case 'email':
      return fc.oneof(fc.constantFrom(...ctx.knownEmails), fc.nat({ max: 9999 }).map((n) => `fuzz.${n}@universitet.example`));
    case 'uri':
      // Links people paste (evidence of a measurement): web addresses, some with a path and a query.
      return fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true }).filter((v) => v.length >= minLength && v.length <= maxLength);
    case undefined:
      break;
    default:
      throw new Error(`cannot generate strings of format ${String(s.format)}`);
  }
  const fits = (v: string) => [...v].length >= minLength && [...v].length <= maxLength;
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  const upTo = Math.min(maxLength, 80);
  const pad = (v: string) => (v.length >= minLength ? v : v + 'x'.repeat(minLength - v.length)).slice(0, maxLength);
  const plain = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((words) => pad(words.join(' ')));
  if (ctx.hostileText) return fc.oneof({ weight: 1, arbitrary: plain }, { weight: 4, arbitrary: hostileTextArbitrary(plain, minLength, maxLength) });
  return fc.oneof(
    { weight: 6, arbitrary: plain },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.max(minLength, Math.min(upTo, 40)) }).map(pad) },
    { weight: 2, arbitrary: fc.string({ unit: NORWEGIAN, minLength, maxLength: Math.max(minLength, upTo) }).map(pad) },
    // The longest text the field takes.
    { weight: 1, arbitrary: fc.constant(maxLength <= 20_000 ? 'y'.repeat(maxLength) : 'y'.repeat(Math.max(minLength, 1))) },
  );
}

function numberArbitrary(s: Schema, integer: boolean): fc.Arbitrary<number> {
  let min = typeof s.minimum === 'number' ? s.minimum : -1_000_000;
  let max = typeof s.maximum === 'number' ? s.maximum : 1_000_000;
  if (s.exclusiveMinimum === true) min += integer ? 1 : Number.EPSILON * Math.max(1, Math.abs(min));
  if (s.exclusiveMaximum === true) max -= integer ? 1 : Number.EPSILON * Math.max(1, Math.abs(max));
  if (typeof s.exclusiveMinimum === 'number') min = Math.max(min, s.exclusiveMinimum + (integer ? 1 : 1e-9));
  if (typeof s.exclusiveMaximum === 'number') max = Math.min(max, s.exclusiveMaximum - (integer ? 1 : 1e-9));
  if (integer) {
    min = Math.ceil(min);
    max = Math.floor(max);
  }
  // Small values near the lower bound, and the bounds themselves.
  const low = Math.max(min, Math.min(max, -1000));
  const high = Math.min(max, low + 2000);
  const near = fc.integer({ min: 0, max: Math.max(0, Math.floor(high - low)) }).map((n) => low + n);
  const bounds = fc.constantFrom(min, max);
  if (integer) return fc.oneof({ weight: 5, arbitrary: near }, { weight: 1, arbitrary: bounds });
  return fc.oneof(
    { weight: 4, arbitrary: near },
    { weight: 2, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: bounds },
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations

/** A place in a valid value, with the schema that describes it there (when known). */
export interface ValueNode {
  path: Path;
  value: unknown;
  schema?: Schema;
}

/** Every node of a value, walking its schema alongside: for anyOf/oneOf the branch it fits. */
export function nodesOf(value: unknown, schema: JsonSchema | undefined, ctx: GeneratorContext, path: Path = [], enclosing: readonly JsonSchema[] = []): ValueNode[] {
  let s: Schema | undefined;
  let scopes = enclosing;
  if (schema !== undefined) {
    const resolved = ctx.resolver.resolve(schema, enclosing);
    if (typeof resolved.schema === 'object') {
      const merged = mergeAllOf(resolved.schema, ctx, resolved.enclosing);
      s = merged.schema;
      scopes = merged.enclosing;
      const branches = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
      if (Array.isArray(branches)) {
        const fitting = branches.find((branch) => ctx.validator.isValid(value, branch, scopes));
        if (fitting !== undefined) return nodesOf(value, fitting, ctx, path, scopes);
      }
    }
  }
  const nodes: ValueNode[] = [{ path, value, schema: s }];
  if (Array.isArray(value)) {
    value.forEach((item, i) => nodes.push(...nodesOf(item, s?.items as JsonSchema | undefined, ctx, [...path, i], scopes)));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Opaque)) {
    const properties = (s?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(value)) {
      const childSchema = Object.prototype.hasOwnProperty.call(properties, key)
        ? properties[key]
        : typeof s?.additionalProperties === 'object'
          ? (s.additionalProperties as JsonSchema)
          : undefined;
      nodes.push(...nodesOf(child, childSchema, ctx, [...path, key], scopes));
    }
  }
  return nodes;
}

/** What a mutation does; applied to one node of a valid value. */
export type Mutation =
  | { kind: 'replace'; with: unknown; label: string }
  | { kind: 'affix'; text: string; at: 'start' | 'end' | 'middle' }
  | { kind: 'remove' }
  | { kind: 'addKey'; key: string; value: unknown }
  | { kind: 'boundary'; side: 'below' | 'above' }
  | { kind: 'blowUp'; count: number };

const show = (v: unknown) => {
  const text = v instanceof RawJson ? `raw ${v.text}` : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
};

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((v): Mutation => ({ kind: 'replace', with: v, label: 'hostile text' })) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map((v): Mutation => ({ kind: 'replace', with: v, label: 'hostile number' })) },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES).map((v): Mutation => ({ kind: 'replace', with: v, label: 'wrong type' })) },
  { weight: 2, arbitrary: fc.constantFrom(...IMPOSSIBLE_DATES).map((v): Mutation => ({ kind: 'replace', with: v, label: 'impossible date' })) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...NAN_LIKE).map((v): Mutation => ({ kind: 'replace', with: v, label: 'prototype key / NaN-like text' })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('x', 'ø', '\u0000', '\u202e', '😀')).map(
      ([length, unit]): Mutation => ({ kind: 'replace', with: unit.repeat(Math.ceil(length / unit.length)), label: `${length} × ${JSON.stringify(unit)}` }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(64, 1000, 5000, 50_000), fc.constantFrom<'array' | 'object'>('array', 'object')).map(
      ([depth, kind]): Mutation => ({ kind: 'replace', with: deeplyNested(depth, kind), label: `${kind}s nested ${depth} deep` }),
    ),
  },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'replace', with: INVALID_UTF8_STRING, label: 'invalid UTF-8 bytes' }) },
  {
    // A valid text with one character added keeps its length and type: it gets past validation to where text is stored.
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('affix' as const),
      text: fc.oneof(
        { weight: 3, arbitrary: fc.constant('\u0000') },
        { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udfff', '\udc00\ud800') },
        { weight: 3, arbitrary: fc.constantFrom('\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u200f', '\ufeff', '\uffff') },
        { weight: 2, arbitrary: fc.constantFrom(' ', "'", '"', '\\', '%00', '%', "' OR 1=1 --", '</script>') },
      ),
      at: fc.constantFrom<'start' | 'end' | 'middle'>('start', 'end', 'middle'),
    }),
  },
  { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'remove' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('addKey' as const),
      key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...MASS_ASSIGNMENT_KEYS), fc.string({ minLength: 1, maxLength: 10 })),
      value: fc.oneof(fc.constantFrom(...WRONG_TYPES), fc.constantFrom(...HOSTILE_STRINGS), fc.constant({ isAdmin: true, polluted: 'yes' })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('boundary' as const), side: fc.constantFrom<'below' | 'above'>('below', 'above') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blowUp' as const), count: fc.constantFrom(101, 1000, 20_000) }) },
);

/** A deep copy that keeps RawJson values and own `__proto__` keys. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value === null || typeof value !== 'object' || value instanceof Opaque) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) defineKey(copy, key, clone(child));
  return copy;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || node instanceof Opaque || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A value outside the node's bounds: below the minimum, over the maximum length, past maxItems. */
function outOfBounds(node: ValueNode, side: 'below' | 'above'): { value: unknown; label: string } | undefined {
  const s = node.schema ?? {};
  const v = node.value;
  if (typeof v === 'number' || s.type === 'integer' || s.type === 'number') {
    const bound = side === 'below' ? s.minimum : s.maximum;
    if (typeof bound === 'number') return { value: side === 'below' ? bound - 1 : bound + 1, label: `just ${side} ${bound}` };
    return { value: side === 'below' ? -(2 ** 63) : 2 ** 63, label: 'far out of range' };
  }
  if (typeof v === 'string') {
    if (s.format === 'date' || s.format === 'date-time') return { value: side === 'below' ? '0000-01-01' : '9999-12-32', label: 'impossible date' };
    if (side === 'below') return { value: typeof s.minLength === 'number' && s.minLength > 0 ? 'x'.repeat(s.minLength - 1) : '', label: 'too short' };
    const max = typeof s.maxLength === 'number' ? s.maxLength : 10_000;
    return { value: 'z'.repeat(max + 1), label: `${max + 1} characters` };
  }
  if (Array.isArray(v)) {
    const max = typeof s.maxItems === 'number' ? s.maxItems : 100;
    const item = v[0] ?? 'x';
    return side === 'above' ? { value: Array.from({ length: max + 1 }, () => clone(item)), label: `${max + 1} items` } : { value: [], label: 'no items' };
  }
  return undefined;
}

/** Applies a mutation at a node; returns the new root (the root itself may be replaced) and a line saying what changed. */
export function applyMutation(root: unknown, node: ValueNode, mutation: Mutation): { root: unknown; label: string } {
  const where = `$${node.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
  const current = getAt(root, node.path);
  if (node.path.length > 0 && current === undefined) return { root, label: `${where}: gone already` };
  const setAt = (value: unknown): unknown => {
    if (node.path.length === 0) return value;
    const parent = getAt(root, node.path.slice(0, -1)) as Record<string | number, unknown>;
    const key = node.path[node.path.length - 1];
    if (Array.isArray(parent)) parent[key as number] = value;
    else defineKey(parent, String(key), value);
    return root;
  };
  switch (mutation.kind) {
    case 'replace':
      return { root: setAt(clone(mutation.with)), label: `${where} ← ${mutation.label} ${show(mutation.with)}` };
    case 'affix': {
      const text = typeof current === 'string' ? current : current instanceof RawJson ? current.text : JSON.stringify(current ?? '');
      const middle = Math.floor(text.length / 2);
      const value = mutation.at === 'start' ? mutation.text + text : mutation.at === 'end' ? text + mutation.text : text.slice(0, middle) + mutation.text + text.slice(middle);
      return { root: setAt(value), label: `${where} ← ${show(value)} (${show(mutation.text)} at the ${mutation.at})` };
    }
    case 'remove': {
      if (node.path.length === 0) return { root: undefined, label: '$ removed: no body' };
      const parent = getAt(root, node.path.slice(0, -1));
      const key = node.path[node.path.length - 1];
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
      return { root, label: `${where} removed` };
    }
    case 'addKey': {
      const target = current !== null && typeof current === 'object' && !Array.isArray(current) && !(current instanceof Opaque) ? current : getAt(root, node.path.slice(0, -1));
      if (target === null || typeof target !== 'object' || Array.isArray(target) || target instanceof Opaque) {
        const replaced = {};
        defineKey(replaced, mutation.key, clone(mutation.value));
        return { root: setAt(replaced), label: `${where} ← object with the key ${show(mutation.key)}` };
      }
      defineKey(target as Record<string, unknown>, mutation.key, clone(mutation.value));
      return { root, label: `${where}: extra key ${show(mutation.key)} = ${show(mutation.value)}` };
    }
    case 'boundary': {
      const out = outOfBounds({ ...node, value: current }, mutation.side);
      if (!out) return { root: setAt(null), label: `${where} ← null` };
      return { root: setAt(out.value), label: `${where} ← ${out.label}` };
    }
    case 'blowUp': {
      // Many items, not many megabytes: a large item is repeated only as often as fits in about one.
      const item = Array.isArray(current) ? (current[0] ?? 0) : (current ?? 0);
      const size = (JSON.stringify(item) ?? '0').length + 1;
      const count = Math.max(2, Math.min(mutation.count, Math.floor(MB / size)));
      const items = Array.from({ length: count }, () => clone(item));
      return { root: setAt(items), label: `${where} ← ${count} copies of ${show(item)}` };
    }
  }
}

export interface MutatedValue {
  value: unknown;
  /** One line per mutation applied, for the report of a failure. */
  mutations: string[];
}

/** A valid value with one to three mutations at nodes chosen from the whole value. */
export function mutatedArbitrary(schema: JsonSchema, ctx: GeneratorContext, fieldName?: string): fc.Arbitrary<MutatedValue> {
  return validArbitrary(schema, ctx, fieldName).chain((valid) => {
    const nodes = nodesOf(valid, schema, ctx);
    // Texts are where most input ends up stored, so they are mutated more often than other nodes.
    const texts = nodes.filter((node) => typeof node.value === 'string');
    const anyNode = fc.nat({ max: nodes.length - 1 }).map((i) => nodes[i]);
    const node = texts.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.nat({ max: texts.length - 1 }).map((i) => texts[i]) }, { weight: 1, arbitrary: anyNode }) : anyNode;
    return fc.array(fc.tuple(node, mutationArbitrary), { minLength: 1, maxLength: 3 }).map((picks) => {
      let root = clone(valid);
      const mutations: string[] = [];
      for (const [picked, mutation] of picks) {
        const result = applyMutation(root, picked, mutation);
        root = result.root;
        mutations.push(result.label);
      }
      return { value: root, mutations };
    });
  });
}

/** The value with every CallerRef replaced by the id it stands for; the value itself is left as it is (fast-check may run it again). */
export function withCallerIds(value: unknown, idOf: (ref: CallerRef) => string): unknown {
  if (value instanceof CallerRef) return idOf(value);
  if (Array.isArray(value)) return value.map((item) => withCallerIds(item, idOf));
  if (value === null || typeof value !== 'object' || value instanceof Opaque) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) defineKey(copy, key, withCallerIds(child, idOf));
  return copy;
}
