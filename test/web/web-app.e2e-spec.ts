import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { webBuild } from './browser-support.js';

const ROOT = process.cwd();
const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const CASE_TITLE = 'Purring på saksbehandlingstid';

let api: TestApi;
let browser: Browser;
let page: Page;
let baseUrl: string;
const shots = mkdtempSync(join(tmpdir(), 'flyt-web-'));

async function axeViolations(name: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect({ screen: name, violations: found }).toEqual({ screen: name, violations: [] });
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function heading(text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

beforeAll(async () => {
  // The web app as the sources are now (dist/web may be older), built once for all the browser tests.
  const webAppDir = webBuild();
  api = await startTestApi((config) => ({ ...config, http: { ...config.http, webAppDir } }));
  const today = osloDay(new Date());
  await loadDemoData(api.db, today);
  const demo = buildDemoOrganisation(today);
  // An employee's idea: it waits for the line manager's endorsement, so his inbox has a case.
  const draft = await api.http
    .post('/api/cases')
    .auth(await api.tokenFor(DEMO_PERSONA.employee), { type: 'bearer' })
    .send({
      title: CASE_TITLE,
      problem: 'Sakene blir liggende.',
      processId: demo.processes.find((p) => p.code === DEMO_PROCESS_CODES.caseHandling)!.id,
      reportingUnitId: demo.units.find((u) => u.code === 'NV-IFI')!.id,
    });
  expect(draft.status).toBe(201);

  await new Promise<void>((ready) => api.app.getHttpServer().listen(0, '127.0.0.1', ready));
  const apiUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  // The API serves the built web app at its own address: one URL is all a person opens.
  const root = await fetch(`${apiUrl}/`, { headers: { accept: 'text/html' } });
  expect(root.headers.get('content-type')).toContain('text/html');
  baseUrl = apiUrl;

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
  console.log(`Web app screenshots: ${shots}`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the web app', () => {
  it('signs the line manager in by keyboard, shows his inbox in bokmål and English, and passes axe on every screen', async () => {
    await page.goto(`${baseUrl}/`);
    await heading('Logg inn');
    expect(page.url()).toBe(`${baseUrl}/sign-in`);
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    await page.getByRole('heading', { level: 2, name: 'Linjeleder' }).waitFor();
    await shoot('1-sign-in-nb');
    await axeViolations('sign-in, bokmål');

    // Keyboard only: tab to the line manager's button and press Enter.
    const target = 'Logg inn som Knut Olsen';
    let focused = '';
    for (let i = 0; i < 40 && focused !== target; i++) {
      await page.keyboard.press('Tab');
      focused = (await page.evaluate('document.activeElement && document.activeElement.textContent')) as string;
    }
    expect(focused).toBe(target);
    await page.keyboard.press('Enter');

    await heading('Min innboks');
    await page.getByRole('link', { name: /^FLYT-/ }).first().waitFor();
    await page.getByText(CASE_TITLE).waitFor();
    await page.getByText('Innlogget som Knut Olsen').waitFor();
    // What he can do, in words: never the event's code.
    await page.getByText('Ta opp idéen og send den inn').first().waitFor();
    expect(await page.evaluate('sessionStorage.getItem("flyt.token") !== null')).toBe(true);
    await shoot('2-inbox-nb');
    await axeViolations('inbox, bokmål');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading('My inbox');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByText('Signed in as Knut Olsen').waitFor();
    await shoot('3-inbox-en');
    await axeViolations('inbox, English');

    await page.getByRole('link', { name: /^FLYT-/ }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(CASE_TITLE) }).waitFor();
    await page.getByText('What you can do now').waitFor();
    await shoot('4-case-en');
    await axeViolations('case, English');

    await page.goBack();
    await heading('My inbox');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in');
    expect(await page.evaluate('sessionStorage.getItem("flyt.token")')).toBeNull();
    await shoot('5-sign-in-en');
    await axeViolations('sign-in, English');

    await page.goto(`${baseUrl}/no-such-page`);
    await heading('Page not found');
    await shoot('6-not-found-en');
    await axeViolations('not found, English');
  }, 120_000);
});
