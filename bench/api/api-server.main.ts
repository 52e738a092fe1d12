// The API as `npm run bench:api` runs it: the application as `npm run start:api` builds it
// (createApiApp, same configuration), in a process of its own, with two things added for the
// benchmark and nothing changed: every SQL statement the process sends is timed (so a request's
// time can be split into time in PostgreSQL and time in Node), and a CPU profile can be taken on
// request. It talks to the benchmark over the IPC channel it was started with.
import 'reflect-metadata';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '#flyt/config';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

export interface StatementStats {
  text: string;
  calls: number;
  totalMs: number;
  maxMs: number;
  /** The parameters of the slowest call, to EXPLAIN it with. */
  slowestParams: unknown[] | null;
}

export interface ProfileEntry {
  functionName: string;
  where: string;
  selfMs: number;
}

export type ServerCommand = { command: 'reset' | 'stats' | 'idle' } | { command: 'profile'; seconds: number };
export type ServerRequest = ServerCommand & { id: number };

const statements = new Map<string, StatementStats>();
let inFlight = 0;

/** Resolves once no request is in flight: a load that ended leaves none running into the next measurement. Answers how long it waited. */
async function idle(): Promise<number> {
  const started = performance.now();
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  return performance.now() - started;
}

function record(text: string, params: unknown[] | null, ms: number): void {
  let entry = statements.get(text);
  if (!entry) {
    entry = { text, calls: 0, totalMs: 0, maxMs: 0, slowestParams: null };
    statements.set(text, entry);
  }
  entry.calls += 1;
  entry.totalMs += ms;
  if (ms >= entry.maxMs) {
    entry.maxMs = ms;
    entry.slowestParams = params;
  }
}

type QueryArgs = [unknown, ...unknown[]];
const originalQuery = pg.Client.prototype.query as (this: pg.Client, ...args: QueryArgs) => unknown;
// Both the promise and the callback form (TypeORM uses callbacks), and `{ text, values }` objects (the runtime's prepared statements).
(pg.Client.prototype as unknown as { query: (...args: QueryArgs) => unknown }).query = function (this: pg.Client, ...args: QueryArgs) {
  const first = args[0] as string | { text?: string; values?: unknown[] } | null;
  const text = typeof first === 'string' ? first : (first?.text ?? '');
  const params = (Array.isArray(args[1]) ? args[1] : typeof first === 'object' && first?.values ? first.values : null) as unknown[] | null;
  const started = performance.now();
  const done = () => record(text, params, performance.now() - started);
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last] as (...cbArgs: unknown[]) => void;
    args[last] = (...cbArgs: unknown[]) => {
      done();
      callback(...cbArgs);
    };
    return originalQuery.apply(this, args);
  }
  const result = originalQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
  return result;
};

/** Self time per function over `seconds`, the heaviest first. */
async function profile(seconds: number): Promise<ProfileEntry[]> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { profile: cpu } = await session.post('Profiler.stop');
  session.disconnect();
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map<string, ProfileEntry>();
  const deltas = cpu.timeDeltas ?? [];
  (cpu.samples ?? []).forEach((sample, i) => {
    const node = byId.get(sample)!;
    const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/');
    const key = `${node.callFrame.functionName}|${url}:${node.callFrame.lineNumber + 1}`;
    const entry = self.get(key) ?? { functionName: node.callFrame.functionName || '(anonymous)', where: url ? `${url}:${node.callFrame.lineNumber + 1}` : '', selfMs: 0 };
    entry.selfMs += (deltas[i] ?? 0) / 1000;
    self.set(key, entry);
  });
  return [...self.values()].sort((a, b) => b.selfMs - a.selfMs);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  const server = app.getHttpServer() as import('node:http').Server;
  server.on('request', (_request: unknown, response: import('node:http').ServerResponse) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
  });
  await app.listen(config.http.port, config.http.host);
  process.on('message', (message: ServerRequest) => {
    const answer = async (): Promise<unknown> => {
      if (message.command === 'reset') statements.clear();
      if (message.command === 'stats') return [...statements.values()];
      if (message.command === 'idle') return idle();
      if (message.command === 'profile') return profile(message.seconds);
      return null;
    };
    answer().then(
      (result) => process.send?.({ id: message.id, result }),
      (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
    );
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  console.error('bench api server: start-up failed', error);
  process.exit(1);
});
