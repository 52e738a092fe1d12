import type { FuzzTarget, HttpAnswer } from './fuzz-target.js';
import type { ResolvedRequest } from './fuzz-request.js';
import type { JsonSchema, Operation } from './openapi-document.js';

/**
 * What every answer must satisfy, whatever was asked. Each check returns the ways the answer
 * breaks it, as sentences; an empty list means the answer is fine.
 */

const PROBLEM_CONTENT_TYPE = /^application\/problem\+json\s*(;|$)/i;
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;
const MAX_SCHEMA_ERRORS = 6;

/** Texts that show the server's insides rather than what the client did wrong. */
const INTERNALS: { pattern: RegExp; what: string; unlessSent?: string }[] = [
  { pattern: /\bNaN\b/, what: 'speaks of NaN, which the client did not send', unlessSent: 'NaN' },
  { pattern: /\[object Object\]/, what: 'speaks of [object Object]', unlessSent: '[object Object]' },
  { pattern: /\n\s+at \S/, what: 'holds a stack trace' },
  { pattern: /QueryFailedError|TypeORMError|EntityNotFound|EntityMetadataNotFound/, what: 'names an ORM error' },
  {
    pattern: /duplicate key value|violates [a-z -]*constraint|invalid input syntax for|syntax error at or near|invalid byte sequence|value too long for type|out of range for type|unterminated quoted/i,
    what: 'quotes a PostgreSQL error',
  },
  { pattern: /\b(TypeError|ReferenceError|RangeError)\b|Cannot read propert|is not a function|Maximum call stack/, what: 'quotes a JavaScript error' },
];

/** The texts a problem shows a person: its title, detail and the reasons of its errors. */
function problemTexts(problem: Record<string, unknown>): string[] {
  const texts = [problem.title, problem.detail].filter((t): t is string => typeof t === 'string');
  if (Array.isArray(problem.errors)) {
    for (const error of problem.errors as Record<string, unknown>[]) {
      if (error && typeof error.reason === 'string') texts.push(error.reason);
      if (error && typeof error.field === 'string') texts.push(error.field);
    }
  }
  return texts;
}

export function answerViolations(target: FuzzTarget, op: Operation, request: ResolvedRequest, answer: HttpAnswer): string[] {
  if (answer.status === 0) return [`no answer: ${answer.error}`];
  const violations: string[] = [];
  if (answer.error) violations.push(`the answer broke off: ${answer.error}`);
  if (answer.status >= 500) violations.push(`never a 5xx: answered ${answer.status}`);
  if (answer.status >= 400 && answer.status < 500) violations.push(...problemViolations(target, op, request, answer));
  if (answer.status >= 200 && answer.status < 300) violations.push(...successViolations(target, op, answer));
  if (request.wrongMediaType && ((answer.status >= 200 && answer.status < 300) || answer.status === 400)) {
    violations.push(
      `a body in ${request.http.headers['content-type'] === undefined ? 'no declared media type' : `"${request.http.headers['content-type']}"`} is not JSON: ` +
        `expected 415 Unsupported Media Type (or a refusal of the caller), got ${answer.status}`,
    );
  }
  return violations;
}

function problemViolations(target: FuzzTarget, op: Operation, request: ResolvedRequest, answer: HttpAnswer): string[] {
  const violations: string[] = [];
  const contentType = answer.headers['content-type'] ?? '';
  if (!PROBLEM_CONTENT_TYPE.test(contentType)) violations.push(`a ${answer.status} must be application/problem+json, was "${contentType || 'no content-type'}"`);
  if (answer.status === 401 && !answer.headers['www-authenticate']) violations.push('a 401 must say how to authenticate (WWW-Authenticate)');
  const problem = answer.json;
  if (answer.jsonError !== undefined || problem === null || typeof problem !== 'object' || Array.isArray(problem)) {
    violations.push(`a ${answer.status} must carry an RFC 9457 problem object${answer.jsonError ? ` (the body is not JSON: ${answer.jsonError})` : ''}`);
    return violations;
  }
  const p = problem as Record<string, unknown>;
  if (typeof p.type !== 'string' || p.type.length === 0) violations.push('the problem has no "type"');
  if (typeof p.title !== 'string' || p.title.length === 0) violations.push('the problem has no "title"');
  if (p.status !== answer.status) violations.push(`the problem's "status" (${JSON.stringify(p.status)}) is not the answer's ${answer.status}`);
  // Held to the Problem schema the description documents (the status' own, or the shared one).
  const schema: JsonSchema | undefined = op.answers[String(answer.status)]?.schema ?? target.doc.components?.schemas?.Problem;
  if (schema) violations.push(...target.validator.errors(problem, schema).slice(0, MAX_SCHEMA_ERRORS).map((e) => `the problem does not match its schema: ${e}`));
  for (const text of problemTexts(p)) {
    for (const internal of INTERNALS) {
      if (internal.pattern.test(text) && !(internal.unlessSent && request.sentText.includes(internal.unlessSent))) {
        violations.push(`the problem ${internal.what}: "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`);
      }
    }
  }
  return violations;
}

function successViolations(target: FuzzTarget, op: Operation, answer: HttpAnswer): string[] {
  // The queue dashboard's pages are Bull Board's, and no description holds them.
  if (op.undocumented) return [];
  const documented = op.answers[String(answer.status)];
  if (!documented) return [`answered ${answer.status}, which ${op.key} does not document (it documents ${Object.keys(op.answers).join(', ')})`];
  if (!documented.schema) return answer.text.length > 0 && answer.status === 204 ? [`a 204 must have no body, had ${answer.text.length} characters`] : [];
  const contentType = answer.headers['content-type'] ?? '';
  if (!JSON_CONTENT_TYPE.test(contentType)) return [`a documented ${answer.status} answer is application/json, was "${contentType || 'no content-type'}"`];
  if (answer.jsonError !== undefined) return [`the ${answer.status} answer is not JSON: ${answer.jsonError}`];
  return target.validator
    .errors(answer.json, documented.schema)
    .slice(0, MAX_SCHEMA_ERRORS)
    .map((e) => `the ${answer.status} answer does not match its documented schema: ${e}`);
}

/** The tables a refused write changed, with their row counts before and after. */
export function databaseChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
  if (changed.length === 0) return [];
  const rows = (digest: string | undefined) => digest?.split(',')[0] ?? 'no table';
  return [`a refused write changed the database: ${changed.map((t) => `${t} (${rows(before[t])} → ${rows(after[t])}${rows(before[t]) === rows(after[t]) ? ', rows changed' : ''})`).join(', ')}`];
}
