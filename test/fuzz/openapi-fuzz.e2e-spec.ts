import fc from 'fast-check';
import { databaseChanges, answerViolations } from './fuzz-properties.js';
import { describeExchange, idsForField, type RequestPlan, requestArbitrary, resolvePlan } from './fuzz-request.js';
import { CALLERS, FuzzTarget, kindOfPathParameter } from './fuzz-target.js';
import { type GeneratorContext, validArbitrary, withCallerIds } from './json-schema-arbitrary.js';
import { type Operation, WRITE_METHODS } from './openapi-document.js';

/**
 * Fuzzes every operation of the OpenAPI description at /docs-json (and the queue dashboard and
 * /health, which live beside it), as every demo persona and without a token, on the demo
 * organisation. fast-check generates path parameters (real ids of the right kind, of other
 * kinds, and hostile text), query strings (documented parameters, repeated, and unknown ones),
 * headers and bodies from the request schemas, valid and mutated into what a hostile client
 * sends. Case events come from the workflow's own list, with payloads from each event's schema,
 * so that valid ones move cases. For every answer:
 *
 * - never a 5xx;
 * - a 4xx is application/problem+json with type, title and status, fits the Problem schema, and
 *   does not show the server's insides (NaN the client never sent, stack traces, SQL errors);
 * - a 2xx is documented and its body fits the documented schema;
 * - a body that is not JSON, sent to an operation that takes JSON, is answered 415;
 * - a refused write (4xx on POST, PUT, PATCH, DELETE) leaves every table as it was.
 *
 * FLYT_FUZZ_RUNS sets the runs per operation (npm run fuzz: 3000), FLYT_FUZZ_SEED the seed; the
 * defaults keep `npm test` to about a minute and give the same requests every time.
 */

const DEFAULT_RUNS = 40;
const DEFAULT_SEED = 20_260_101;

function fromEnvironment(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, was "${text}"`);
  return value;
}

const RUNS = fromEnvironment('FLYT_FUZZ_RUNS', DEFAULT_RUNS, 1);
const SEED = fromEnvironment('FLYT_FUZZ_SEED', DEFAULT_SEED, -(2 ** 31));
const EVENTS = 'POST /api/cases/{id}/events';
/** Case events are what the workflow engine is for: they get twice the runs. */
const runsOf = (op: Operation) => (op.key === EVENTS ? 2 * RUNS : RUNS);
/** A bound on the runs of one operation and the shrinking of a failure, far above what they take: a hung API fails instead of stalling. */
const timeLimitOf = (op: Operation) => 120_000 + runsOf(op) * 2_000;

/** Each operation gets a seed of its own, so that `-t` on one operation replays the requests of a full run. */
function seedOf(op: Operation): number {
  let hash = SEED | 0;
  for (const char of op.key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

// The operations name the tests, so the API starts before Jest collects them.
const target = await FuzzTarget.start();
afterAll(() => target.close());

const generation: GeneratorContext = {
  resolver: target.resolver,
  validator: target.validator,
  idsFor: idsForField(target),
  knownEmails: CALLERS.flatMap((caller) => (caller === 'anonymous' ? [] : [target.emailOf(caller)])),
  today: target.today,
};

/** How the answers to case events came out: the fuzzer must move cases, not only be refused. */
const eventOutcomes = new Map<number, number>();

/**
 * After a property first fails, fast-check shrinks the failing request for this long. Candidates
 * after that are not sent and count as passing, which ends the shrinking: the counterexample
 * reported is always one that really failed, only perhaps not the smallest.
 */
const SHRINK_BUDGET_MS = 5_000;

function exerciseFor(): (plan: RequestPlan) => Promise<void> {
  let failedAt: number | undefined;
  return async (plan) => {
    if (failedAt !== undefined && performance.now() - failedAt > SHRINK_BUDGET_MS) return;
    const request = await resolvePlan(target, plan);
    const before = WRITE_METHODS.includes(plan.op.method) ? await target.digest() : undefined;
    const answer = await target.send(request.http);
    const violations = answerViolations(target, plan.op, request, answer);
    if (before && answer.status >= 400 && answer.status < 500) violations.push(...databaseChanges(before, await target.digest()));
    plan.lastSent = `${request.http.method.toUpperCase()} ${request.http.target.slice(0, 200)} as ${request.caller}`;
    if (request.eventType !== undefined) eventOutcomes.set(answer.status, (eventOutcomes.get(answer.status) ?? 0) + 1);
    if (violations.length > 0) {
      failedAt ??= performance.now();
      throw new Error(`${describeExchange(target, request, answer)}\nhostile part: ${plan.hostility}\nviolates:\n${violations.map((v) => `  - ${v}`).join('\n')}`);
    }
  };
}

describe('fuzzing the API from its OpenAPI description', () => {
  it('knows the kind of resource every path parameter names, and holds real ids of each', () => {
    const unknown = target.operations.flatMap((op) => op.pathParams.filter((p) => !kindOfPathParameter(op.path, p.name)).map((p) => `${op.key}: {${p.name}}`));
    expect(unknown).toEqual([]);
    const empty = Object.entries(target.pools.all).filter(([, ids]) => ids.length === 0);
    expect(empty).toEqual([]);
    expect(target.workflowEvents.length).toBeGreaterThan(0);
  });

  it("generates valid values that the description's own schemas accept", () => {
    const schemas = [
      ...target.operations.flatMap((op) => [
        ...(op.bodySchema ? [{ name: `${op.key} body`, schema: op.bodySchema }] : []),
        ...op.queryParams.map((p) => ({ name: `${op.key} ?${p.name}`, schema: p.schema })),
      ]),
      ...target.workflowEvents.map((e) => ({ name: `${e.type} payload`, schema: e.payloadSchema })),
    ];
    const contexts = [
      ['', generation],
      [' with hostile texts', { ...generation, hostileText: true }],
    ] as const;
    for (const { name, schema } of schemas) {
      for (const [variant, context] of contexts) {
        fc.assert(
          fc.property(validArbitrary(schema, context), (generated) => {
            const value = withCallerIds(generated, (ref) => target.ownId('employee', ref.kind));
            const errors = target.validator.errors(value, schema);
            if (errors.length) throw new Error(`${name}${variant}: generated ${JSON.stringify(value)?.slice(0, 300)}, which breaks its schema: ${errors.join('; ')}`);
          }),
          { seed: SEED, numRuns: 25 },
        );
      }
    }
  });

  describe.each(target.operations.map((op) => [op.key, op] as const))('%s', (_key, op) => {
    it(
      'as every persona and without a token, with generated input: no 5xx, problem+json refusals, documented answers, nothing written when refused',
      async () => {
        await fc.assert(fc.asyncProperty(requestArbitrary(op, generation, target), exerciseFor()), {
          seed: seedOf(op),
          numRuns: runsOf(op),
          plugins: [fc.interruptAfterTimeLimit(timeLimitOf(op), { failOnInterrupt: true })],
        });
        if (op.key === EVENTS && !eventOutcomes.has(200)) {
          // Refusals alone would mean the generator never got an event of the workflow's own list through.
          throw new Error(`no event moved a case in ${runsOf(op)} runs (answers: ${JSON.stringify(Object.fromEntries(eventOutcomes))}); with few runs, raise FLYT_FUZZ_RUNS`);
        }
      },
      timeLimitOf(op) + 30_000,
    );
  });
});
