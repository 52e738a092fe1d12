export const REDACTED = '[REDACTED]';

/** Compared without case, `-` or `_`: `flyt_token`, `x-api-key`, `clientSecret`, `set-cookie`, `DB_PASSWORD` … */
const SECRET_NAME_PARTS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'authorization', 'cookie', 'credential', 'privatekey', 'sessionid', 'signature'];
const SECRET_NAMES = new Set(['pass', 'pwd', 'auth', 'sid', 'sig', 'jwt']);
/** In a query string or a parsed query, also the OAuth authorization code. */
const SECRET_QUERY_NAMES = new Set(['code']);

const normalised = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

export function isSecretName(name: string): boolean {
  const key = normalised(name);
  return SECRET_NAMES.has(key) || SECRET_NAME_PARTS.some((part) => key.includes(part));
}

function isSecretParameter(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A malformed name is judged as written.
  }
  return isSecretName(decoded) || SECRET_QUERY_NAMES.has(normalised(decoded));
}

/** `name=value` in a URL, a cookie header or a message: the value goes when the name is a secret's. */
const NAME_VALUE = /(^|[\s?&;,])([^\s=?&;,"'<>]+)=([^\s&;,#"'<>]*)/g;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/?#\s]+@/gi;
/** A JSON Web Token wherever it turns up (an error message that quotes a header, a token pasted into a field). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_PASSWORD, (_match, start: string) => `${start}${REDACTED}@`)
    .replace(NAME_VALUE, (match, before: string, name: string) => (isSecretParameter(name) ? `${before}${name}=${REDACTED}` : match));
}

/**
 * What a log entry holds, with every secret replaced: the value of every field named like one, at
 * any depth (headers, errors, bound context), and secrets inside text (query strings, cookies,
 * bearer tokens, passwords in URLs).
 */
export function redactValue(value: unknown, isQuery = false, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any log entry Flyt writes: dropped whole rather than searched.
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, false, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (isQuery ? isSecretParameter(key) : isSecretName(key)) return [key, REDACTED];
      return [key, redactValue(item, key === 'query', depth + 1)];
    }),
  );
}

/** One JSON log line as pino writes it, redacted; a line that is not JSON has its text redacted. */
export function redactLogLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return redactText(line);
  }
  return `${JSON.stringify(redactValue(entry))}\n`;
}
