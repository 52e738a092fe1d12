// `npm run bench:web [-- --runs 20]`: how fast the web app is for a person on this machine. The
// JavaScript the first screen loads (gzipped, the budget is 300 KB), and the time from opening
// Flyt until the inbox is usable, cold (nothing cached) and warm (a second visit), in Debian's
// Chromium against the API serving the built app on the demo organisation. See bench/README.md.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { loadConfig } from '#flyt/config';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations, withDatabaseName } from '#flyt/persistence';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { describeMachine, percentile, writeResultsSection } from '../support/bench-report.js';

const CHROMIUM = '/usr/bin/chromium';
const JSON_HEADERS = { 'content-type': 'application/json' };
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Math.max(3, Number(values.runs) || 20);

/**
 * What the first screen costs: every script and style the browser fetches until the inbox is
 * usable (the entry, what it preloads, the words of the language), each gzipped as a server would send it.
 */
async function firstScreenAssets(browser: Browser, url: string, token: string): Promise<{ file: string; bytes: number; gzipped: number }[]> {
  const context = await browser.newContext({ locale: 'nb-NO' });
  await context.addInitScript(`sessionStorage.setItem('flyt.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  const bodies: Promise<{ file: string; bytes: number; gzipped: number } | null>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!/\.(js|css)$/.test(path)) return;
    bodies.push(response.body().then((body) => ({ file: path.slice(1), bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length }), () => null));
  });
  await page.goto(url);
  await page.getByRole('link', { name: /^FLYT-/ }).first().waitFor();
  const assets = (await Promise.all(bodies)).filter((a) => a !== null);
  await context.close();
  return assets.sort((a, b) => b.gzipped - a.gzipped);
}

async function timeToInbox(browser: Browser, url: string, token: string, warm: boolean): Promise<number> {
  const context = await browser.newContext({ locale: 'nb-NO' });
  // A returning person: signed in already in this tab (the token lives in sessionStorage).
  await context.addInitScript(`sessionStorage.setItem('flyt.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  if (warm) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Min innboks' }).waitFor();
  }
  const started = performance.now();
  await page.goto(url);
  // Usable: the inbox's first case link is on screen, the page no longer loading.
  await page.getByRole('link', { name: /^FLYT-/ }).first().waitFor();
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

async function main(): Promise<void> {
  const webDir = resolve(process.cwd(), 'dist/web');
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('no build of the web app in dist/web: run `npm run build:web` first (npm run bench:web does)');
  const base = loadConfig(process.env);
  const url = withDatabaseName(base.database.url, 'flyt_bench_web');
  await dropDatabase(url);
  await ensureDatabase(url);
  const config = { ...base, database: { ...base.database, url }, queue: { prefix: 'flyt-bench-web' }, http: { ...base.http, webAppDir: webDir }, log: { ...base.log, level: 'warn' as const } };
  await runMigrations(config);
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await db.initialize();
  await loadDemoData(db, osloDay(new Date()));
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const login = await fetch(`${origin}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_PERSONA.process_responsible }),
    });
    const { token } = (await login.json()) as { token: string };
    // Something in the inbox: the line manager's case, reported and waiting for the process responsible.
    const demo = buildDemoOrganisation(osloDay(new Date()));
    const call = async (email: string, path: string, body: unknown) => {
      const { token: as } = (await (await fetch(`${origin}/api/auth/dev-login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email }) })).json()) as { token: string };
      const answer = await fetch(`${origin}${path}`, { method: 'POST', headers: { ...JSON_HEADERS, authorization: `Bearer ${as}` }, body: JSON.stringify(body) });
      if (!answer.ok) throw new Error(`${path} answered ${answer.status}: ${await answer.text()}`);
      return (await answer.json()) as { id: string };
    };
    const reported = await call(DEMO_PERSONA.line_manager, '/api/cases', {
      title: 'Målt i benken',
      problem: 'Et behov å måle innboksen med.',
      processId: demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
      reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
    });
    await call(DEMO_PERSONA.line_manager, `/api/cases/${reported.id}/events`, { type: 'SUBMIT', payload: {} });

    const loadBefore = loadavg()[0]!;
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      cold.push(await timeToInbox(browser, `${origin}/`, token, false));
      warm.push(await timeToInbox(browser, `${origin}/`, token, true));
    }
    const assets = await firstScreenAssets(browser, `${origin}/`, token);
    const gzipped = assets.reduce((sum, a) => sum + a.gzipped, 0);
    const js = assets.filter((a) => a.file.endsWith('.js')).reduce((sum, a) => sum + a.gzipped, 0);
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const ms = (n: number) => `${Math.round(n)} ms`;
    const lines = [
      '## Web app: first screen and time to a usable inbox (`npm run bench:web`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)}. ${await describeMachine(db)} Chromium ${browser.version()} headless on the same machine, no network throttling: the API on loopback serves the built app (\`dist/web\`) and the demo organisation. Load average when the runs began: ${loadBefore.toFixed(1)} (other work on the machine slows every figure).`,
      '',
      `**The first screen loads ${(js / 1024).toFixed(0)} KB of JavaScript gzipped** (budget: 300 KB), ${(gzipped / 1024).toFixed(0)} KB with its CSS; in ${assets.length} files (the entry, what it preloads, the words of one language); every other page is a chunk of its own, loaded when first opened.`,
      '',
      '| asset | bytes | gzipped |',
      '|---|---:|---:|',
      ...assets.map((a) => `| \`${a.file.replace(/-[\w-]{8}\./, '.')}\` | ${a.bytes.toLocaleString('en')} | ${a.gzipped.toLocaleString('en')} |`),
      '',
      `Time from opening Flyt (signed in) until the inbox shows its first case, ${runs} runs each, the process responsible with one case waiting:`,
      '',
      '| visit | p50 | p90 | max |',
      '|---|---:|---:|---:|',
      `| first (nothing cached) | ${ms(percentile(sorted(cold), 0.5))} | ${ms(percentile(sorted(cold), 0.9))} | ${ms(Math.max(...cold))} |`,
      `| again (assets cached) | ${ms(percentile(sorted(warm), 0.5))} | ${ms(percentile(sorted(warm), 0.9))} | ${ms(Math.max(...warm))} |`,
    ];
    console.log(lines.join('\n'));
    writeResultsSection('bench-web', lines.join('\n'));
  } finally {
    await browser.close();
    await app.close();
    await db.destroy();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
