import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FlytConfig } from '#flyt/config';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { freePort } from '../support/flyt-process.js';
import { startWorkerStack, type DeadlineRules, type WorkerStack } from '../worker/worker-support.js';

const ROOT = process.cwd();
const WEB_SOURCES = resolve(ROOT, 'apps/web');
export const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'node_modules' ? [] : filesUnder(join(dir, entry.name))) : [join(dir, entry.name)],
  );
}

/**
 * The web app built from the sources as they are now. Builds are kept by a hash of the sources
 * and the lock file, so the browser test files that Jest runs side by side share one build, and
 * a test never runs against a stale one (dist/web may be older than the sources).
 */
export function webBuild(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(WEB_SOURCES), resolve(ROOT, 'package-lock.json')].sort()) {
    hash.update(relative(ROOT, file)).update(readFileSync(file));
  }
  const cache = resolve(ROOT, 'node_modules/.cache/flyt-web');
  const dir = join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'index.html'))) return dir;
  mkdirSync(cache, { recursive: true });
  // Test files that build the same sources side by side each write a folder of their own (hence Vite's --bypass-lock); the first to finish is kept.
  const building = `${dir}.${process.pid}`;
  execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--outDir', building, '--emptyOutDir', '--logLevel', 'warn', '--bypass-lock'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  try {
    renameSync(building, dir);
  } catch {
    // Another test file built the same sources at the same time: theirs is as good.
    rmSync(building, { recursive: true, force: true });
  }
  // Old builds go, so the cache holds only a few.
  for (const old of readdirSync(cache)) {
    const path = join(cache, old);
    if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  return dir;
}

export interface BrowserStack extends WorkerStack {
  /** Where the API (and the web app at /) listens, also the address mails link to. */
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The folder the screenshots go to; printed when the stack starts. */
  shots: string;
  /** A full-page screenshot, `<name>.png` in the shots folder. Look at them. */
  shoot(name: string): Promise<void>;
  /** Fails the test with every axe violation (WCAG 2.1 A and AA, best practice) on the screen as it is. */
  axe(screen: string): Promise<void>;
  /** Waits for the page's h1. */
  heading(text: string | RegExp): Promise<void>;
  /** Signs in through the demo-user picker: as the demo organisation's persona for a role, or as the user with an e-mail. */
  signInAs(who: keyof typeof DEMO_PERSONA | { email: string }, language?: 'nb' | 'en'): Promise<void>;
  /** Switches the language with the button in the header. */
  switchTo(language: 'nb' | 'en'): Promise<void>;
  /** Presses Tab until the focused element's text is `text` (by keyboard, as a person would). */
  tabTo(text: string | RegExp, maxTabs?: number): Promise<void>;
}

/**
 * The whole of Flyt for a browser test: the API on a port of its own serving the web app, the
 * demo organisation, an SMTP server catching the mails, a worker when asked, and Debian's
 * Chromium with a fresh page.
 */
export async function startBrowserStack(options: {
  rules?: DeadlineRules;
  worker?: boolean;
  name: string;
  /** Configuration of the API (and worker) beyond what the stack sets. */
  configure?: (config: FlytConfig) => FlytConfig;
}): Promise<BrowserStack> {
  const webDir = webBuild();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stack = await startWorkerStack(
    options.rules ?? {},
    {},
    {
      configure: (original) => {
        const c = options.configure ? options.configure(original) : original;
        // Mails link to the pages of this address, as they would to the one people open.
        return { ...c, http: { ...c.http, port, publicUrl: baseUrl, webAppDir: webDir }, notifications: { ...c.notifications, appUrl: baseUrl } };
      },
    },
  );
  await new Promise<void>((ready) => stack.api.app.getHttpServer().listen(port, '127.0.0.1', ready));
  if (options.worker) await stack.startWorker();
  // --lang: Chromium's own controls (date fields) follow the browser's language, not the page's: Norwegian, as at the university.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--lang=nb-NO'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  const shots = mkdtempSync(join(tmpdir(), `flyt-web-${options.name}-`));
  console.log(`Web app screenshots (${options.name}): ${shots}`);

  const heading: BrowserStack['heading'] = async (text) => {
    await page.getByRole('heading', { level: 1, name: text }).waitFor();
  };
  const switchTo: BrowserStack['switchTo'] = async (language) => {
    // The words load before the app draws its header: wait for it, then read the language.
    await page.getByRole('button', { name: /^(Switch to English|Bytt til norsk)$/ }).waitFor();
    if ((await page.getAttribute('html', 'lang')) === language) return;
    await page.getByRole('button', { name: language === 'en' ? 'Switch to English' : 'Bytt til norsk' }).click();
    // A locator, not a function evaluated in the page: the app's content security policy forbids eval.
    await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  };

  return {
    ...stack,
    baseUrl,
    browser,
    context,
    page,
    shots,
    async shoot(name) {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    async axe(screen) {
      if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
      const result = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
      )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
      const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect({ screen, violations: found }).toEqual({ screen, violations: [] });
    },
    heading,
    switchTo,
    async signInAs(who, language = 'nb') {
      const email = typeof who === 'string' ? DEMO_PERSONA[who] : who.email;
      const persona = stack.demo.users.find((u) => u.email === email)!;
      // Whoever was signed in in this tab is signed out first, as a shared computer would be.
      await page.goto(`${baseUrl}/sign-in`);
      await page.evaluate(`sessionStorage.removeItem('flyt.token')`);
      await page.goto(`${baseUrl}/sign-in`);
      await switchTo(language);
      await page.getByRole('button', { name: language === 'en' ? `Sign in as ${persona.name}` : `Logg inn som ${persona.name}` }).click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
    },
    async tabTo(text, maxTabs = 80) {
      const matches = (found: string) => (typeof text === 'string' ? found.trim() === text : text.test(found));
      for (let i = 0; i < maxTabs; i++) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(
          '(() => { const e = document.activeElement; return e ? (e.getAttribute("aria-label") || e.textContent || e.getAttribute("value") || "") : ""; })()',
        )) as string;
        if (matches(focused)) return;
      }
      throw new Error(`no element with the text ${String(text)} took focus within ${maxTabs} presses of Tab`);
    },
    async close() {
      await browser.close();
      await stack.close();
    },
  };
}
