/** What a hostile client sends: the catalogue the fuzzer's mutations draw from. */

/** A value the mutations leave whole and the serialiser writes in its own way. */
export abstract class Opaque {}

/** JSON text (or bytes) written into a body as it is: numbers JSON.stringify cannot make, invalid UTF-8. */
export class RawJson extends Opaque {
  constructor(
    readonly text: string,
    readonly bytes?: Buffer,
  ) {
    super();
  }
  toJSON(): string {
    return `<raw ${this.text.length > 40 ? `${this.text.slice(0, 40)}…` : this.text}>`;
  }
}

export const MB = 1 << 20;

/** Keys that name the prototype chain: as object keys and as values looked up in tables. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Fields a client must not set: ids, state, revisions, who did it. */
export const MASS_ASSIGNMENT_KEYS = ['id', 'state', 'revision', 'status', 'createdAt', 'reporterId', 'endedAt', 'role', 'roles', 'isAdmin', 'workflowId', 'version', 'reference'];

export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE unit; --",
  "1' UNION SELECT NULL, version() --",
  "'); SELECT pg_sleep(5); --",
  '$1',
  '%',
  '_',
  '\\',
  "E'\\x00'",
  '*/ SELECT 1 /*',
];

export const NAN_LIKE = ['NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x1F', '1_000', ' 1', '1 ', '1,5', '١٢', 'null', 'undefined', 'true', '[object Object]'];

export const IMPOSSIBLE_DATES = [
  '2023-02-29',
  '2024-02-30',
  '2024-13-01',
  '2024-00-10',
  '0000-00-00',
  '9999-99-99',
  '2024-1-1',
  '24-01-01',
  '2024-02-30T25:61:61Z',
  '2024-06-31T12:00:00Z',
  '2024-01-01T12:00:00+24:00',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01',
  '0000-01-01',
  '9999-12-31T23:59:59.999999999Z',
  '1969-12-31T23:59:60Z',
];

/** Text no field should choke on. */
export const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  'Tittel\u0000',
  'kontroll \u0001\u0002\u0003\u0007\u0008\u001b[31m',
  '\t\n\r\u000b\u000c',
  '\u007f\u0080\u009f',
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  'høyre\u202etil venstre\u202c',
  '\u2066\u2067\u2068\u2069\u200e\u200f',
  '\u200b\u200c\u200d\ufeff',
  '\uffff\ufffe\ufdd0',
  'Z\u0338\u0322\u031ba\u0337l\u0336g\u0335o',
  '👩‍👩‍👧‍👦\u{10ffff}',
  'Ærlig øl på åsen',
  '',
  ' ',
  '   \n\t ',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%s%s%n%x',
  ...SQL_FRAGMENTS,
  ...NAN_LIKE,
  ...PROTOTYPE_KEYS,
  ...IMPOSSIBLE_DATES,
];

export const HOSTILE_NUMBERS: readonly (number | RawJson)[] = [
  -1,
  -0,
  0.5,
  -1.5,
  1e-300,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  -1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('1.0'),
  new RawJson('-0.0'),
  new RawJson('1E2'),
];

/** Values of every JSON type, for a field that expects another. */
export const WRONG_TYPES: readonly unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'tekst', '1', 'true', [], [1], ['a'], {}, { a: 1 }, [null], [{}]];

/** Text sizes around the limits: the longest field (20 000), the body limit (100 kb), a megabyte. */
export const HUGE_LENGTHS = [20_001, 99_000, 100_001, MB];

/** Raw bodies that are not the JSON the operation wants. */
export const RAW_BODIES: readonly string[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '"tekst"',
  '[]',
  '[{}]',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a': 1}",
  '{"a": undefined}',
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": 0x10}',
  '{"a": 01}',
  '{"a": "\\ud800"}',
  '{"a": "\\u0000"}',
  '\ufeff{}',
  '{}garbage',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  'a=1&b=2',
  '<xml/>',
];

/** `depth` nested arrays or objects around `inner`, as raw JSON (JSON.stringify would recurse as deep). */
export function deeplyNested(depth: number, kind: 'array' | 'object', inner = '1'): RawJson {
  return kind === 'array' ? new RawJson(`${'['.repeat(depth)}${inner}${']'.repeat(depth)}`) : new RawJson(`${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`);
}

/** A JSON string holding a lone surrogate written as raw (WTF-8) bytes, which is not valid UTF-8. */
export const INVALID_UTF8_STRING = new RawJson('"\\xED\\xA0\\x80"', Buffer.concat([Buffer.from('"a'), Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xc0, 0xaf]), Buffer.from('b"')]));

/** An own enumerable property, also for `__proto__`, which an assignment would take as the prototype. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Serialises a value to bytes, writing every RawJson as it is. */
export function serialise(value: unknown): Buffer {
  const raws: RawJson[] = [];
  const marker = `@@raw-${Math.random().toString(36).slice(2)}-`;
  const text = JSON.stringify(value, function replace(this: unknown, _key, current: unknown) {
    const own = this && typeof this === 'object' ? (this as Record<string, unknown>)[_key] : current;
    if (own instanceof RawJson) {
      raws.push(own);
      return `${marker}${raws.length - 1}`;
    }
    return current;
  });
  if (text === undefined) return Buffer.alloc(0);
  if (raws.length === 0) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  const pattern = new RegExp(`"${marker}(\\d+)"`, 'g');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(Buffer.from(text.slice(last, match.index), 'utf8'));
    const raw = raws[Number(match[1])];
    parts.push(raw.bytes ?? Buffer.from(raw.text, 'utf8'));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/**
 * Percent-encodes text for a URL. Unlike encodeURIComponent it also takes lone surrogates, which
 * it writes as their WTF-8 bytes: the server then has to cope with invalid UTF-8.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

/** Path segments and query values written as they are, not encoded: broken escapes and separators. */
export const RAW_URL_PIECES = ['%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%00', '%2F', '%2e%2e', '..', '.', '%FF', '%u0041', '+', '%20', 'a;b', 'a,b', '@', '~'];

/** Values of the Authorization header that are not a token. */
export const HOSTILE_AUTHORIZATION = [
  'Bearer',
  'Bearer ',
  'Bearer  ',
  'bearer x',
  'Bearer x.y.z',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'Bearer eyJhbGciOiJFUzI1NiJ9.e30.AAAA',
  'Basic dXNlcjpwYXNzd29yZA==',
  'Token abc',
  `Bearer ${'a'.repeat(10_000)}`,
  'Bearer %00',
  'Bearer ../../',
];

/** Values of the flyt_token cookie: broken percent-escapes, empty, not a token. */
export const HOSTILE_COOKIE_TOKENS = ['', '%', '%E0%A4%A', '%ZZ', '%C0', 'x.y.z', 'null', 'undefined', '%00', 'a%2Fb', 'Bearer%20x', 'a'.repeat(5000)];

/** The content types a client may put on a body; only the JSON ones are JSON to the API. */
export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'application/problem+json',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----flyt',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'json',
  '*/*',
  '',
];

/** Whether the API takes a body of this content type as JSON (`application/json`, `application/*+json`). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const essence = contentType.split(';')[0].trim().toLowerCase();
  return essence === 'application/json' || /^application\/[^/]+\+json$/.test(essence);
}
