import fc from 'fast-check';
import {
  CONTENT_TYPES,
  HOSTILE_AUTHORIZATION,
  HOSTILE_COOKIE_TOKENS,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  PROTOTYPE_KEYS,
  RAW_BODIES,
  RAW_URL_PIECES,
  SQL_FRAGMENTS,
  WRONG_TYPES,
  isJsonContentType,
  percentEncode,
  serialise,
} from './hostile-values.js';
import { CallerRef, type GeneratorContext, type MutatedValue, mutatedArbitrary, validArbitrary, withCallerIds } from './json-schema-arbitrary.js';
import type { JsonSchema, Operation, Parameter } from './openapi-document.js';
import { WRITE_METHODS } from './openapi-document.js';
import {
  type Caller,
  CALLERS,
  type FuzzTarget,
  type HttpAnswer,
  type HttpRequest,
  kindOfField,
  kindOfPathParameter,
  RESOURCE_KINDS,
  type ResourceKind,
  type WorkflowEvent,
} from './fuzz-target.js';

/**
 * A request as fast-check generates it: choices, not yet ids. Real ids are looked up when it is
 * sent (an index into the pool of its kind), so that a plan also means something after the
 * database has moved on, and shrinks towards the first id of the pool.
 */

type RealIdVariant = 'upper' | 'braces' | 'nul' | 'space' | 'trailingSlash' | 'urn' | 'noDashes' | 'extraChar';
export type ParamPlan =
  | { kind: 'real'; index: number; otherKind?: ResourceKind; variant?: RealIdVariant }
  | { kind: 'text'; value: string; raw: boolean }
  | { kind: 'fresh'; state: 'draft' | 'submitted' };

interface QueryEntry {
  key: string;
  value: string | CallerRef;
  /** Written on the request line as it is (a broken escape), not percent-encoded. */
  raw?: boolean;
}

type CookiePlan = { kind: 'token' } | { kind: 'hostile'; value: string } | { kind: 'twice'; value: string };

interface HeaderPlan {
  /** `token`: the caller's bearer token (none for anonymous); `none`: no Authorization header; otherwise a value that is not a token. */
  auth: 'token' | 'none' | { hostile: string };
  /** undefined: application/json when there is a body; null: no content-type even with a body. */
  contentType?: string | null;
  accept?: string;
  contentEncoding?: string;
  cookie?: CookiePlan;
  requestId?: string;
  chunked: boolean;
}

type EventChoice = { mode: 'allowed'; index: number } | { mode: 'listed'; type: string } | { mode: 'hostile'; type: string };
type RevisionPlan = 'current' | 'stale' | { value: unknown };

export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; mutations: string[] }
  | { kind: 'raw'; text: string }
  | {
      kind: 'event';
      choice: EventChoice;
      payloads: Record<string, MutatedValue | undefined>;
      expectedRevision?: RevisionPlan;
      idempotencyKey?: string;
    };

export interface ResolvedRequest {
  caller: Caller;
  http: HttpRequest;
  /** Everything the client wrote, as text: what a problem may quote back. */
  sentText: string;
  /** A body in a media type that is not JSON, for an operation that takes JSON. */
  wrongMediaType: boolean;
  /** The case an event went to, when the plan chose one. */
  caseId?: string;
  eventType?: string;
  mutations: string[];
}

/** Which part of a request is hostile: none (an honest request), exactly one, or all of them. */
export type Hostility = 'none' | 'path' | 'query' | 'headers' | 'body' | 'all';

export class RequestPlan {
  /** What was sent the last time this plan ran, for fast-check's report of a counterexample. */
  lastSent?: string;

  constructor(
    readonly op: Operation,
    readonly hostility: Hostility,
    readonly caller: Caller,
    readonly pathParams: Record<string, ParamPlan>,
    readonly pair: number | undefined,
    readonly query: QueryEntry[],
    readonly headers: HeaderPlan,
    readonly body: BodyPlan,
  ) {}

  [fc.toStringMethod](): string {
    return this.lastSent ?? `${this.op.key} as ${this.caller}`;
  }
}

const HOSTILE_EVENT_TYPES = [
  ...PROTOTYPE_KEYS,
  'xstate.after.responsibleReminder.improvement-case.submitted',
  'xstate.init',
  'xstate.stop',
  'xstate.done.actor.0',
  '*',
  '',
  'submit',
  'SUBMIT\u0000',
  ' SUBMIT',
  'SUBMIT ',
  'ＳＵＢＭＩＴ',
  '\u202eTIMBUS',
  'flyt.held',
  'flyt.migrated',
  'CREATED',
  'HELD',
  'RESUMED',
  'DEADLINE_MOVED',
  'MIGRATED',
  'X'.repeat(101),
  ...SQL_FRAGMENTS.slice(0, 3),
];

const REAL_ID_VARIANTS: readonly RealIdVariant[] = ['upper', 'braces', 'nul', 'space', 'trailingSlash', 'urn', 'noDashes', 'extraChar'];

// ---------------------------------------------------------------------------------------------
// Generation: every part of a request, honest and hostile

/** Admins may do most writes, so they call more often: otherwise admin-only operations would hardly ever get through. */
const weightedCallers = fc.oneof(...CALLERS.map((caller) => ({ weight: caller === 'admin' ? 3 : 1, arbitrary: fc.constant(caller) })));
const anyCaller = fc.constantFrom(...CALLERS);

interface PathPlan {
  params: Record<string, ParamPlan>;
  pair?: number;
}

/** Which pair of ids an operation's two path parameters can take together. */
function pairOf(op: Operation): 'caseTimer' | 'mandateAbsence' | undefined {
  const kinds = op.pathParams.map((p) => kindOfPathParameter(op.path, p.name)).join(',');
  return kinds === 'case,timer' ? 'caseTimer' : kinds === 'mandate,absence' ? 'mandateAbsence' : undefined;
}

function honestPathParam(op: Operation, param: Parameter): fc.Arbitrary<ParamPlan> {
  const real = fc.nat().map((index): ParamPlan => ({ kind: 'real', index }));
  const kind = kindOfPathParameter(op.path, param.name);
  if (kind !== 'case' && kind !== 'instance') return real;
  // A case that has not ended yet, made for this request: the fixture cases end as the fuzzer moves them.
  const fresh = fc.constantFrom<'draft' | 'submitted'>('draft', 'submitted').map((state): ParamPlan => ({ kind: 'fresh', state }));
  return fc.oneof({ weight: 5, arbitrary: real }, { weight: 1, arbitrary: fresh });
}

function wellFormedId(schema: JsonSchema): fc.Arbitrary<ParamPlan> {
  const s = typeof schema === 'object' ? schema : {};
  if (s.format === 'uuid') return fc.uuid().map((value): ParamPlan => ({ kind: 'text', value, raw: false }));
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern)).map((value): ParamPlan => ({ kind: 'text', value: value.slice(0, 300), raw: false }));
  return fc.string({ minLength: 1, maxLength: 20 }).map((value): ParamPlan => ({ kind: 'text', value, raw: false }));
}

function hostilePathParam(op: Operation, param: Parameter): fc.Arbitrary<ParamPlan> {
  const kind = kindOfPathParameter(op.path, param.name);
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...RESOURCE_KINDS.filter((k) => k !== kind)), fc.nat()).map(([otherKind, index]): ParamPlan => ({ kind: 'real', index, otherKind })),
    },
    { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...REAL_ID_VARIANTS)).map(([index, variant]): ParamPlan => ({ kind: 'real', index, variant })) },
    { weight: 1, arbitrary: wellFormedId(param.schema) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((value): ParamPlan => ({ kind: 'text', value, raw: false })) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PIECES).map((value): ParamPlan => ({ kind: 'text', value, raw: true })) },
  );
}

function honestPath(op: Operation, target: FuzzTarget): fc.Arbitrary<PathPlan> {
  const params: Record<string, fc.Arbitrary<ParamPlan>> = {};
  for (const param of op.pathParams) params[param.name] = honestPathParam(op, param);
  const pairKind = pairOf(op);
  const pair = pairKind && target.pairs[pairKind].length > 0 ? fc.option(fc.nat(), { freq: 2, nil: undefined }) : fc.constant(undefined);
  return fc.record({ params: fc.record(params), pair });
}

/** One path parameter hostile, the others real ids. */
function hostilePath(op: Operation, target: FuzzTarget): fc.Arbitrary<PathPlan> {
  const names = op.pathParams.map((p) => p.name);
  return fc
    .tuple(fc.nat({ max: names.length - 1 }), honestPath(op, target), fc.tuple(...op.pathParams.map((param) => hostilePathParam(op, param))))
    .map(([at, honest, hostile]) => ({ params: { ...honest.params, [names[at]]: hostile[at] } }));
}

const asQueryText = (value: unknown): string | CallerRef =>
  typeof value === 'string' || value instanceof CallerRef ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A documented parameter with a value its schema takes; an array value repeats the parameter, as the schema means. */
function validQueryEntries(param: Parameter, ctx: GeneratorContext): fc.Arbitrary<QueryEntry[]> {
  return validArbitrary(param.schema, ctx, param.name).map((v) => (Array.isArray(v) ? v : [v]).map((item) => ({ key: param.name, value: asQueryText(item) })));
}

function honestQuery(op: Operation, ctx: GeneratorContext): fc.Arbitrary<QueryEntry[]> {
  return fc.tuple(...op.queryParams.map((param) => fc.option(validQueryEntries(param, ctx), { freq: 3, nil: [] as QueryEntry[] }))).map((parts) => parts.flat());
}

/** An honest query with one thing wrong: a hostile value, a parameter given twice, or parameters nobody documented. */
function hostileQuery(op: Operation, ctx: GeneratorContext): fc.Arbitrary<QueryEntry[]> {
  type Change = { replace?: string; entries: QueryEntry[] };
  const unknownKey = fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, 'limit[]', 'limit[$gt]', 'a[b][c]', 'state[0]', 'LIMIT', 'Limit', '', '=', 'sort[]', 'offset '),
    fc.string({ minLength: 1, maxLength: 8 }),
  );
  const unknown = fc
    .array(fc.record({ key: unknownKey, value: fc.oneof(fc.constantFrom('1', 'true', ''), fc.constantFrom(...HOSTILE_STRINGS)) }), { minLength: 1, maxLength: 2 })
    .map((entries): Change => ({ entries }));
  const changes: fc.Arbitrary<Change>[] = [unknown];
  if (op.queryParams.length > 0) {
    const names = op.queryParams.map((p) => p.name);
    changes.push(
      fc
        .tuple(
          fc.constantFrom(...names),
          fc.oneof(
            fc.constantFrom(...HOSTILE_STRINGS).map((value) => ({ value, raw: false })),
            fc.constantFrom(...RAW_URL_PIECES).map((value) => ({ value, raw: true })),
          ),
        )
        .map(([key, { value, raw }]): Change => ({ replace: key, entries: [{ key, value, raw }] })),
      // The same parameter two or three times: ?limit=5&limit=7.
      fc.oneof(
        ...op.queryParams.map((param) =>
          fc.array(validQueryEntries(param, ctx), { minLength: 2, maxLength: 3 }).map((values): Change => ({ replace: param.name, entries: values.flat() })),
        ),
      ),
    );
  }
  return fc
    .tuple(honestQuery(op, ctx), fc.oneof(...changes))
    .map(([honest, change]) => [...honest.filter((entry) => entry.key !== change.replace), ...change.entries]);
}

function honestHeaders(op: Operation): fc.Arbitrary<HeaderPlan> {
  const dashboard = op.undocumented && op.path.startsWith('/admin/');
  // Browsers open the dashboard with the token in a cookie, and no Authorization header.
  const credentials: fc.Arbitrary<Pick<HeaderPlan, 'auth' | 'cookie'>> = dashboard
    ? fc.constantFrom<Pick<HeaderPlan, 'auth' | 'cookie'>>({ auth: 'token' }, { auth: 'none', cookie: { kind: 'token' } })
    : fc.constant({ auth: 'token' });
  const rest = fc.record(
    {
      accept: fc.option(fc.constantFrom('application/json', '*/*'), { freq: 2, nil: undefined }),
      chunked: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    },
    { requiredKeys: ['chunked'] },
  );
  return fc.tuple(credentials, rest).map(([given, other]): HeaderPlan => ({ ...given, ...other }));
}

/** Honest headers with one of them hostile. */
function hostileHeaders(op: Operation): fc.Arbitrary<HeaderPlan> {
  const dashboard = op.undocumented && op.path.startsWith('/admin/');
  const change: fc.Arbitrary<Partial<HeaderPlan>> = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_AUTHORIZATION).map((hostile) => ({ auth: { hostile } })) },
    { weight: op.bodySchema ? 4 : 1, arbitrary: fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.constant(null)).map((contentType) => ({ contentType })) },
    { weight: 1, arbitrary: fc.constantFrom('text/html', 'application/xml', 'text/plain;q=0.1, */*;q=0', 'application/problem+json', '').map((accept) => ({ accept })) },
    { weight: 1, arbitrary: fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'x-flyt', 'gzip, gzip').map((contentEncoding) => ({ contentEncoding })) },
    {
      weight: dashboard ? 6 : 1,
      arbitrary: fc.tuple(fc.constantFrom<'hostile' | 'twice'>('hostile', 'twice'), fc.constantFrom(...HOSTILE_COOKIE_TOKENS)).map(([kind, value]) => ({
        cookie: { kind, value },
        // The dashboard reads the cookie only when no Authorization header is sent.
        ...(dashboard ? { auth: 'none' as const } : {}),
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom('fuzz-request', 'a'.repeat(101), '../../x', 'id med mellomrom', '<script>', '%00').map((requestId) => ({ requestId })) },
  );
  return fc.tuple(honestHeaders(op), change).map(([honest, hostile]) => ({ ...honest, ...hostile }));
}

function validPayloads(ctx: GeneratorContext, events: readonly WorkflowEvent[]): fc.Arbitrary<Record<string, MutatedValue | undefined>> {
  const model: Record<string, fc.Arbitrary<MutatedValue | undefined>> = {};
  const note = ctx.hostileText ? ['valid by the schema, with hostile characters in its texts'] : [];
  for (const event of events) model[event.type] = validArbitrary(event.payloadSchema, ctx).map((value) => ({ value, mutations: note }));
  return fc.record(model);
}

function mutatedPayloads(ctx: GeneratorContext, events: readonly WorkflowEvent[]): fc.Arbitrary<Record<string, MutatedValue | undefined>> {
  const model: Record<string, fc.Arbitrary<MutatedValue | undefined>> = {};
  for (const event of events) {
    model[event.type] = fc.oneof(
      {
        weight: 4,
        arbitrary: mutatedArbitrary(event.payloadSchema, ctx).map(({ value, mutations }) => ({ value, mutations: mutations.map((m) => m.replace(/^\$/, '$.payload')) })),
      },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }
  return fc.record(model);
}

/** An event of the workflow's own list, mostly one a persona may send to the case now, with a payload its schema takes. */
function honestEventBody(ctx: GeneratorContext, events: readonly WorkflowEvent[]): fc.Arbitrary<BodyPlan> {
  const listed = fc.constantFrom(...events.map((e) => e.type));
  return fc.record(
    {
      kind: fc.constant('event' as const),
      choice: fc.oneof(
        { weight: 3, arbitrary: fc.nat().map((index): EventChoice => ({ mode: 'allowed', index })) },
        { weight: 1, arbitrary: listed.map((type): EventChoice => ({ mode: 'listed', type })) },
      ),
      payloads: validPayloads(ctx, events),
      expectedRevision: fc.option(fc.constant<RevisionPlan>('current'), { freq: 3, nil: undefined }),
      idempotencyKey: fc.option(fc.oneof(fc.constantFrom('fuzz-once', 'fuzz-twice'), fc.uuid()), { freq: 3, nil: undefined }),
    },
    { requiredKeys: ['kind', 'choice', 'payloads'] },
  );
}

/** An event with one thing wrong: its type, its payload, its expected revision or its idempotency key. */
function hostileEventBody(ctx: GeneratorContext, events: readonly WorkflowEvent[]): fc.Arbitrary<BodyPlan> {
  const allowed = fc.nat().map((index): EventChoice => ({ mode: 'allowed', index }));
  const event = (parts: { choice: fc.Arbitrary<EventChoice>; payloads: fc.Arbitrary<Record<string, MutatedValue | undefined>>; expectedRevision?: fc.Arbitrary<RevisionPlan>; idempotencyKey?: fc.Arbitrary<string> }) =>
    fc.record({ kind: fc.constant('event' as const), ...parts }) as fc.Arbitrary<BodyPlan>;
  return fc.oneof(
    event({ choice: fc.constantFrom(...HOSTILE_EVENT_TYPES).map((type): EventChoice => ({ mode: 'hostile', type })), payloads: validPayloads(ctx, events) }),
    event({ choice: allowed, payloads: mutatedPayloads(ctx, events) }),
    event({ choice: allowed, payloads: validPayloads({ ...ctx, hostileText: true }, events) }),
    event({
      choice: allowed,
      payloads: validPayloads(ctx, events),
      expectedRevision: fc.oneof(fc.constant<RevisionPlan>('stale'), fc.constantFrom(...HOSTILE_NUMBERS, ...WRONG_TYPES).map((value): RevisionPlan => ({ value }))),
    }),
    event({ choice: allowed, payloads: validPayloads(ctx, events), idempotencyKey: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constant('k'.repeat(201))) }),
  );
}

const isEvents = (op: Operation) => op.key === 'POST /api/cases/{id}/events';

function honestBody(op: Operation, ctx: GeneratorContext, target: FuzzTarget): fc.Arbitrary<BodyPlan> {
  if (!op.bodySchema) return fc.constant<BodyPlan>({ kind: 'none' });
  const valid = validArbitrary(op.bodySchema, ctx).map((value): BodyPlan => ({ kind: 'json', value, mutations: [] }));
  return isEvents(op) ? fc.oneof({ weight: 4, arbitrary: honestEventBody(ctx, target.workflowEvents) }, { weight: 1, arbitrary: valid }) : valid;
}

function hostileBody(op: Operation, ctx: GeneratorContext, target: FuzzTarget): fc.Arbitrary<BodyPlan> {
  const raw = fc.constantFrom(...RAW_BODIES).map((text): BodyPlan => ({ kind: 'raw', text }));
  if (!op.bodySchema) {
    const unexpected = fc.jsonValue({ maxDepth: 2 }).map((value): BodyPlan => ({ kind: 'json', value, mutations: ['a body the operation does not take'] }));
    return fc.oneof(unexpected, raw);
  }
  const hostileText = { ...ctx, hostileText: true };
  const options: fc.WeightedArbitrary<BodyPlan>[] = [
    { weight: 6, arbitrary: mutatedArbitrary(op.bodySchema, ctx).map(({ value, mutations }): BodyPlan => ({ kind: 'json', value, mutations })) },
    {
      weight: 6,
      arbitrary: validArbitrary(op.bodySchema, hostileText).map((value): BodyPlan => ({ kind: 'json', value, mutations: ['valid by the schema, with hostile characters in its texts'] })),
    },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
  ];
  if (isEvents(op)) options.push({ weight: 6, arbitrary: hostileEventBody(ctx, target.workflowEvents) });
  return fc.oneof(...options);
}

/**
 * Requests for one operation: honest ones (real ids, documented query values, JSON, a valid
 * body), ones with exactly one hostile part, so that the hostile part is what the API gets to,
 * and ones hostile everywhere.
 */
export function requestArbitrary(op: Operation, ctx: GeneratorContext, target: FuzzTarget): fc.Arbitrary<RequestPlan> {
  const honest = { path: honestPath(op, target), query: honestQuery(op, ctx), headers: honestHeaders(op), body: honestBody(op, ctx, target) };
  const hostile = {
    path: op.pathParams.length > 0 ? hostilePath(op, target) : honest.path,
    query: hostileQuery(op, ctx),
    headers: hostileHeaders(op),
    body: hostileBody(op, ctx, target),
  };
  const plan = (hostility: Hostility, callers: fc.Arbitrary<Caller>, parts: typeof honest) =>
    fc
      .tuple(callers, parts.path, parts.query, parts.headers, parts.body)
      .map(([caller, path, query, headers, body]) => new RequestPlan(op, hostility, caller, path.params, path.pair, query, headers, body));
  return fc.oneof(
    { weight: 5, arbitrary: plan('none', weightedCallers, honest) },
    ...(op.pathParams.length > 0 ? [{ weight: 2, arbitrary: plan('path', weightedCallers, { ...honest, path: hostile.path }) }] : []),
    { weight: 2, arbitrary: plan('query', weightedCallers, { ...honest, query: hostile.query }) },
    { weight: 2, arbitrary: plan('headers', weightedCallers, { ...honest, headers: hostile.headers }) },
    { weight: op.bodySchema ? 6 : 1, arbitrary: plan('body', weightedCallers, { ...honest, body: hostile.body }) },
    { weight: 1, arbitrary: plan('all', anyCaller, hostile) },
  );
}

/** Ids for uuid-valued fields: mostly real ones of the kind the field names, some of other kinds, some of nothing. */
export function idsForField(target: FuzzTarget): (fieldName: string | undefined) => fc.Arbitrary<string | CallerRef> {
  const everything = RESOURCE_KINDS.flatMap((kind) => target.pools.all[kind]).filter((id) => /^[0-9a-f-]{36}$/.test(id));
  return (fieldName) => {
    const kind = kindOfField(fieldName);
    const own = kind ? target.pools.all[kind] : [];
    return fc.oneof<fc.MaybeWeightedArbitrary<string | CallerRef>[]>(
      ...(kind === 'unit' || kind === 'user' ? [{ weight: 6, arbitrary: fc.constant(new CallerRef(kind)) }] : []),
      ...(own.length > 0 ? [{ weight: 8, arbitrary: fc.constantFrom(...own) }] : []),
      { weight: 2, arbitrary: fc.constantFrom(...everything) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Resolution: from choices to bytes

function variantOf(id: string, variant: RealIdVariant | undefined): { value: string; raw: boolean } {
  switch (variant) {
    case undefined:
      return { value: id, raw: false };
    case 'upper':
      return { value: id.toUpperCase(), raw: false };
    case 'braces':
      return { value: `{${id}}`, raw: false };
    case 'nul':
      return { value: `${id}\u0000`, raw: false };
    case 'space':
      return { value: ` ${id}`, raw: false };
    case 'trailingSlash':
      return { value: `${encodeURIComponent(id)}/`, raw: true };
    case 'urn':
      return { value: `urn:uuid:${id}`, raw: false };
    case 'noDashes':
      return { value: id.replace(/-/g, ''), raw: false };
    case 'extraChar':
      return { value: `${id}0`, raw: false };
  }
}

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

export async function resolvePlan(target: FuzzTarget, plan: RequestPlan): Promise<ResolvedRequest> {
  const { op } = plan;
  const write = WRITE_METHODS.includes(op.method);
  const pools = write ? target.pools.writable : target.pools.all;
  const values: Record<string, string> = {};
  const segments: Record<string, string> = {};

  const pairKind = pairOf(op);
  const paired = pairKind && plan.pair !== undefined ? pick(target.pairs[pairKind], plan.pair) : undefined;
  for (const param of op.pathParams) {
    const choice = plan.pathParams[param.name];
    const kind = kindOfPathParameter(op.path, param.name);
    let value: string;
    let raw = false;
    if (paired) {
      value = paired[op.pathParams.indexOf(param)];
    } else if (choice.kind === 'fresh') {
      value = await target.freshCase(choice.state);
    } else if (choice.kind === 'text') {
      ({ value, raw } = choice);
    } else {
      const poolKind = choice.otherKind ?? kind;
      const id = poolKind ? (pick(pools[poolKind], choice.index) ?? pick(target.pools.all[poolKind], choice.index)) : undefined;
      ({ value, raw } = variantOf(id ?? '00000000-0000-4000-8000-000000000000', choice.variant));
    }
    values[param.name] = value;
    segments[param.name] = raw ? value : percentEncode(value);
  }
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => segments[name] ?? '');

  let caller = plan.caller;
  // Read when the body is written: an event may change who calls.
  const ownId = (ref: CallerRef) => target.ownId(caller, ref.kind);
  let body: Buffer | undefined;
  let mutations: string[] = [];
  let eventType: string | undefined;
  const caseId = isEvents(op) ? values.id : undefined;
  switch (plan.body.kind) {
    case 'none':
      break;
    case 'raw':
      body = Buffer.from(plan.body.text, 'utf8');
      mutations = ['a body that is not the JSON the operation takes'];
      break;
    case 'json':
      body = plan.body.value === undefined ? undefined : serialise(withCallerIds(plan.body.value, ownId));
      mutations = plan.body.mutations;
      break;
    case 'event': {
      const { choice, payloads, expectedRevision, idempotencyKey } = plan.body;
      if (choice.mode === 'allowed') {
        // The first persona, from the generated caller on, who may send something to the case now.
        let allowed: string[] = [];
        for (let offset = 0; caseId && allowed.length === 0 && offset < CALLERS.length; offset++) {
          const candidate = CALLERS[(CALLERS.indexOf(plan.caller) + offset) % CALLERS.length];
          allowed = await target.allowedEvents(caseId, candidate);
          if (allowed.length > 0) caller = candidate;
        }
        eventType = pick(allowed, choice.index) ?? pick(target.workflowEvents, choice.index)!.type;
      } else {
        eventType = choice.type;
      }
      const payload = Object.prototype.hasOwnProperty.call(payloads, eventType) ? payloads[eventType] : pick(Object.values(payloads), eventType.length);
      const event: Record<string, unknown> = { type: eventType };
      if (payload) {
        event.payload = withCallerIds(payload.value, ownId);
        mutations = payload.mutations;
      }
      if (expectedRevision !== undefined) {
        const current = caseId ? await target.currentRevision(caseId) : undefined;
        event.expectedRevision =
          expectedRevision === 'current' ? (current ?? 0) : expectedRevision === 'stale' ? Math.max(0, (current ?? 1) - 1) : expectedRevision.value;
      }
      if (idempotencyKey !== undefined) event.idempotencyKey = idempotencyKey;
      body = serialise(event);
      break;
    }
  }
  const query = plan.query
    .map(({ key, value, raw }) => {
      const text = value instanceof CallerRef ? ownId(value) : value;
      return `${percentEncode(key)}=${raw ? text : percentEncode(text)}`;
    })
    .join('&');
  const headers: Record<string, string> = {};
  const token = target.tokenOf(caller);
  const { auth, cookie } = plan.headers;
  if (typeof auth === 'object') headers.authorization = auth.hostile;
  else if (auth === 'token' && token) headers.authorization = `Bearer ${token}`;
  if (cookie) {
    const tokenValue = token ? encodeURIComponent(token) : 'no-token';
    headers.cookie =
      cookie.kind === 'token' ? `flyt_token=${tokenValue}` : cookie.kind === 'hostile' ? `theme=dark; flyt_token=${cookie.value}` : `flyt_token=${cookie.value}; flyt_token=${tokenValue}`;
  }
  if (plan.headers.accept) headers.accept = plan.headers.accept;
  if (plan.headers.contentEncoding) headers['content-encoding'] = plan.headers.contentEncoding;
  if (plan.headers.requestId) headers['x-request-id'] = plan.headers.requestId;

  // An empty body is no body: nothing for a content type to describe.
  if (body && body.length === 0 && plan.body.kind !== 'raw') body = undefined;
  const contentType = plan.headers.contentType === undefined ? (body ? 'application/json' : undefined) : (plan.headers.contentType ?? undefined);
  if (contentType !== undefined) headers['content-type'] = contentType;

  const requestTarget = `${path}${query ? `?${query}` : ''}`;
  return {
    caller,
    http: { method: op.method, target: requestTarget, headers, body, chunked: plan.headers.chunked },
    sentText: `${decodeSafely(requestTarget)} ${body?.toString('utf8') ?? ''}`,
    wrongMediaType: Boolean(op.bodySchema && body && body.length > 0 && !isJsonContentType(contentType)),
    caseId,
    eventType,
    mutations,
  };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const MAX_SHOWN = 600;

function shown(text: string, max = MAX_SHOWN): string {
  const escaped = JSON.stringify(text.length > max ? text.slice(0, max) : text).slice(1, -1);
  return text.length > max ? `${escaped}… (${text.length} characters in all)` : escaped;
}

/** The request and the answer, for a person to read: bodies escaped and cut short, tokens named by their holder. */
export function describeExchange(target: FuzzTarget, request: ResolvedRequest, answer?: HttpAnswer): string {
  const { http } = request;
  const who = request.caller === 'anonymous' ? 'without a token' : `as ${request.caller} (${target.emailOf(request.caller)})`;
  const lines = [`${http.method.toUpperCase()} ${shown(http.target, 300)} ${who}`];
  const token = target.tokenOf(request.caller);
  const headerLines = Object.entries(http.headers).map(([name, value]) => `${name}: ${shown(token ? value.split(token).join(`<token of ${request.caller}>`).split(encodeURIComponent(token)).join(`<token of ${request.caller}>`) : value, 120)}`);
  if (http.chunked && http.body) headerLines.push('transfer-encoding: chunked');
  if (headerLines.length) lines.push(`  headers: ${headerLines.join(' | ')}`);
  if (http.body) lines.push(`  body, ${http.body.length} bytes: ${shown(http.body.toString('utf8'))}`);
  if (request.eventType !== undefined) lines.push(`  event: ${shown(request.eventType, 120)}`);
  if (request.mutations.length) lines.push(`  mutations: ${request.mutations.map((m) => shown(m, 160)).join('; ')}`);
  if (answer) {
    if (answer.status === 0) lines.push(`no answer after ${answer.ms} ms: ${answer.error}`);
    else {
      lines.push(`answered ${answer.status} ${answer.headers['content-type'] ?? '(no content-type)'} in ${answer.ms} ms`);
      if (answer.text) lines.push(`  ${shown(answer.text, 1200)}`);
    }
  }
  return lines.join('\n');
}
