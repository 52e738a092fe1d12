import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { FlytConfig } from '#flyt/config';
import { COMPILED_ROOT } from './compiled-build.js';

/** A Flyt app running as an OS process from dist/ (ensureCompiled first), as in production. */
export interface FlytProcess {
  child: ChildProcess;
  /** Everything it printed, stdout and stderr. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL unless it has already ended; waits for the exit. */
  stop(): Promise<void>;
}

/** The environment that points a process at the test's database, Redis and queue prefix. */
export function environmentOf(config: FlytConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: config.database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.queue.prefix,
    ...extra,
  };
}

/** One of Flyt's apps, or another compiled entry point under dist/ (a test's own), with its arguments. */
export function startFlytProcess(app: 'api' | 'worker' | { script: string; args?: string[] }, env: Record<string, string>): FlytProcess {
  const [script, args] = typeof app === 'string' ? [`dist/apps/${app}/src/main.js`, []] : [app.script, app.args ?? []];
  const child = spawn(process.execPath, [script, ...args], { cwd: COMPILED_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A TCP port nobody listens on right now, on the loopback address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts an API process on a free port and waits until its /health answers 200. */
export async function startApiProcess(config: FlytConfig, extra: Record<string, string> = {}): Promise<FlytProcess & { url: string }> {
  const port = await freePort();
  const api = startFlytProcess('api', environmentOf(config, { HOST: '127.0.0.1', PORT: String(port), ...extra }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`the API process exited at start:\n${api.output.join('')}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return { ...api, url };
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`the API process did not answer /health within a minute:\n${api.output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
