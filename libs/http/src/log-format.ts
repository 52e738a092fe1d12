/** pino's numeric levels as people read them. */
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '36', 40: '33', 50: '31', 60: '35' };
/** Shown in the line's head, or by the request summary, not again as fields. */
const SHOWN = new Set(['level', 'time', 'service', 'name', 'context', 'msg', 'err', 'req', 'res', 'responseTime', 'pid', 'hostname']);

interface Entry {
  level?: number;
  time?: string;
  service?: string;
  context?: string;
  msg?: string;
  err?: { message?: string; stack?: string };
  req?: { id?: string; method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [field: string]: unknown;
}

/** The machine's own clock time, as the person at the terminal reads the clock on the wall. */
const localTime = (at: Date) =>
  Number.isNaN(at.getTime())
    ? ''
    : `${[at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')}.${String(at.getMilliseconds()).padStart(3, '0')}`;

const paint = (colour: boolean, code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]*$/.test(value) && value !== '' ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * One log entry as a line for a person at a terminal: time, level, service, context and message,
 * then the other fields as key=value; a request as method, path, status and duration; an error's
 * stack below it. The JSON lines stay the format everywhere else.
 */
export function readableLine(entry: Entry, colour: boolean): string {
  const level = entry.level ?? 30;
  const time = typeof entry.time === 'string' ? localTime(new Date(entry.time)) : '';
  const head = [
    paint(colour, '90', time),
    paint(colour, LEVEL_COLOURS[level] ?? '0', (LEVEL_NAMES[level] ?? String(level)).padEnd(5)),
    paint(colour, '90', entry.service ?? ''),
    entry.context ? paint(colour, '90', `[${entry.context}]`) : '',
  ].filter(Boolean);
  const request =
    entry.req && entry.res ? `${entry.req.method} ${entry.req.url} → ${entry.res.statusCode}${entry.responseTime !== undefined ? ` in ${entry.responseTime} ms` : ''}` : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SHOWN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  if (entry.req?.id && request) fields.push(`requestId=${entry.req.id}`);
  const text = [...head, entry.msg ?? '', request, fields.length ? paint(colour, '90', fields.join(' ')) : ''].filter(Boolean).join(' ');
  const error = entry.err ? `\n    ${(entry.err.stack ?? entry.err.message ?? '').split('\n').join('\n    ')}` : '';
  return `${text}${error}\n`;
}

/** A JSON line from pino, readable; a line that is not JSON as it came. */
export function readableLogLine(line: string, colour: boolean): string {
  try {
    return readableLine(JSON.parse(line) as Entry, colour);
  } catch {
    return line;
  }
}
