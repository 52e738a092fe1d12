import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { readableLogLine } from './log-format.js';
import { redactLogLine } from './log-redaction.js';

/** Where log lines go, and in which form. */
export interface LogOutput {
  /** Standard output unless given (a test reads its own). */
  destination?: DestinationStream;
  /** Lines for a person instead of JSON: by default when the destination is standard output and that is a terminal. */
  readable?: boolean;
}

/**
 * The root logger of a process. Every line is redacted after pino has serialized it, so nothing
 * escapes by the path it took into the entry: a header, a bound child context, an error's
 * message or stack, a URL. pino's own `redact` takes fixed paths only, and secrets turn up at any depth.
 */
export function createRootLogger(level: string, name: string, output: LogOutput = {}): Logger {
  const target = output.destination ?? pino.destination({ dest: 1, sync: false });
  const readable = output.readable ?? (output.destination === undefined && process.stdout.isTTY === true);
  const colour = readable && output.destination === undefined;
  const destination: DestinationStream & { flush?(callback?: (error?: Error) => void): void } = {
    write: (line: string) => target.write(readable ? readableLogLine(redactLogLine(line), colour) : redactLogLine(line)),
    flush: (callback) => {
      const flushable = target as { flush?: (callback?: (error?: Error) => void) => void };
      if (flushable.flush) flushable.flush(callback);
      else callback?.();
    },
  };
  return pino({ level, name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Nest's account of wiring itself up: a line per module and route at every start. Kept for LOG_LEVEL=debug. */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger interface on top of pino, so framework and application logs are the same JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (the class name) as the last argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && NEST_START_UP.has(context)) level = 'debug';
    const stack = typeof rest[0] === 'string' && rest[0].includes('\n    at ') ? rest.shift() : undefined;
    if (message !== null && typeof message === 'object') {
      const { msg, ...fields } = message as { msg?: string };
      const text = rest.find((r) => typeof r === 'string') as string | undefined;
      this.root[level]({ context, stack, ...fields }, msg ?? text ?? '');
    } else {
      this.root[level]({ context, stack }, String(message));
    }
  }
}
