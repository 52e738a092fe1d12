import type { Locator } from 'playwright-core';
import { DEMO_PERSONA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * The admin pages (apps/web/src/admin): an admin gives a process a new process responsible with
 * a deputy — refused first while the old mandate still covers the days, in words, then right —
 * and the new process responsible, signing in, finds the process's cases waiting. On the way the
 * admin creates a unit and a user and gives the user a role, meeting a field error once. In
 * bokmål by keyboard alone, in English with the mouse; axe on every screen.
 */
let stack: BrowserStack;
const today = osloDay(new Date());

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A day as the web app writes it in the language. */
function shown(day: string, language: 'nb' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'medium', timeZone: 'Europe/Oslo' }).format(new Date(`${day}T12:00:00Z`));
}

beforeAll(async () => {
  stack = await startBrowserStack({ name: 'admin' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

/** A case of the process, reported by an employee and endorsed: it waits for the process responsible. */
async function submittedCaseOf(processCode: string, title: string): Promise<void> {
  const draft = await stack.call(DEMO_PERSONA.employee, 'post', '/api/cases', {
    title,
    problem: 'Søknadene blir liggende for lenge.',
    processId: stack.demo.processes.find((p) => p.code === processCode)!.id,
    reportingUnitId: stack.demo.units.find((u) => u.code === 'NV-IFI')!.id,
  });
  expect(draft.status).toBe(201);
  const endorsed = await stack.call(DEMO_PERSONA.line_manager, 'post', `/api/cases/${draft.body.id}/events`, { type: 'ENDORSE', payload: {} });
  expect(endorsed.status).toBe(200);
}

/** The focused element's name as a person hears it: its label, or its text. */
async function focusedName(): Promise<string> {
  return (await stack.page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e) return '';
    const labels = e.labels && e.labels.length ? Array.from(e.labels).map((l) => l.textContent).join(' ') : '';
    return (e.getAttribute('aria-label') || labels || e.textContent || '').trim();
  })()`)) as string;
}

/** Tab (or Shift+Tab) until the focused element is the one named. */
async function tab(name: string | RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const matches = (found: string) => (typeof name === 'string' ? found === name : name.test(found));
  for (let i = 0; i < (options.max ?? 150); i++) {
    await stack.page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    if (matches(await focusedName())) return;
  }
  throw new Error(`nothing named ${String(name)} took focus; last: ${await focusedName()}`);
}

/**
 * Types a day into the focused date field, segment by segment. Chromium orders the segments by
 * its own language, not the page's: the first day typed finds out which order it uses.
 */
let monthFirst: boolean | null = null;
async function typeDay(day: string): Promise<void> {
  const [year, month, date] = day.split('-');
  const typeIn = (monthOrder: boolean) => stack.page.keyboard.type(monthOrder ? `${month}${date}${year}` : `${date}${month}${year}`);
  await typeIn(monthFirst ?? false);
  if (monthFirst !== null) return;
  if ((await stack.page.evaluate('document.activeElement.value')) === day) {
    monthFirst = false;
    return;
  }
  // Back to the first segment of the same field, and the other order.
  await stack.page.keyboard.press('Shift+Tab');
  await stack.page.keyboard.press('Shift+Tab');
  await typeIn(true);
  monthFirst = true;
}

/** The error a field announces: the texts its aria-describedby points to. */
async function describedBy(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => stack.page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/**
 * Signed out, at the sign-in page on the way to the inbox, whatever the journey before left
 * behind (the sign-in page returns a person to where they were sent from).
 */
async function signedOut(): Promise<void> {
  await stack.page.goto(`${stack.baseUrl}/sign-in`);
  await stack.page.evaluate('sessionStorage.clear()');
  await stack.page.goto(`${stack.baseUrl}/`);
  await stack.page.waitForURL((url) => url.pathname === '/sign-in');
}

/** Opens an address of the app as a person would, from a bookmark or a link in a mail. */
async function openAddress(path: string): Promise<void> {
  await stack.page.goto(`${stack.baseUrl}${path}`);
}

/** Every screen is checked by axe and photographed. */
async function screen(name: string): Promise<void> {
  await stack.axe(name);
  await stack.shoot(name);
}

/** A picker (a search field and its matches) by its search field's label. */
function picker(searchLabel: string): Locator {
  return stack.page.locator('fieldset', { has: stack.page.getByRole('searchbox', { name: searchLabel, exact: true }) });
}

/** Chooses in a picker with the mouse: search, then check the match. */
async function pick(searchLabel: string, text: string, choice: string): Promise<void> {
  await stack.page.getByRole('searchbox', { name: searchLabel, exact: true }).fill(text);
  await picker(searchLabel).getByText('1 match.', { exact: true }).waitFor();
  await picker(searchLabel).getByRole('radio', { name: choice, exact: true }).check();
}

/** Chooses in a picker by keyboard: search, then Tab into its list and choose the match. */
async function pickByKeyboard(searchLabel: string, text: string, choice: string, options: { optional?: boolean } = {}): Promise<void> {
  await tab(searchLabel);
  await stack.page.keyboard.type(text);
  // Wait until this picker has searched for what was typed and found exactly the one.
  const found = picker(searchLabel);
  await found.getByText('1 treff.', { exact: true }).waitFor();
  await found.getByRole('radio', { name: choice, exact: true }).waitFor();
  await stack.page.keyboard.press('Tab');
  if (options.optional) {
    // The list starts with "Ingen", chosen; the arrow key moves the choice down to the match.
    expect(await focusedName()).toBe('Ingen');
    await stack.page.keyboard.press('ArrowDown');
  } else {
    expect(await focusedName()).toBe(choice);
    await stack.page.keyboard.press('Space');
  }
  expect(await found.getByRole('radio', { name: choice, exact: true }).isChecked()).toBe(true);
}

describe('the admin pages', () => {
  it('an admin gives Saksbehandling a new process responsible with a deputy, and creates a unit, a user and a role, by keyboard alone in bokmål', async () => {
    const { page, heading } = stack;
    await submittedCaseOf(DEMO_PROCESS_CODES.caseHandling, 'Purring på saksbehandlingstid');

    // Sign in by keyboard.
    await signedOut();
    await stack.switchTo('nb');
    await heading('Logg inn');
    await tab('Logg inn som Henrik Brekke');
    await page.keyboard.press('Enter');
    await heading('Min innboks');

    await tab('Administrasjon', { back: true });
    await page.keyboard.press('Enter');
    await heading('Administrasjon');
    await page.getByRole('link', { name: 'Mandater' }).waitFor();
    await screen('01-admin-nb');

    // A unit, with a code the API refuses first.
    await tab('Enheter');
    await page.keyboard.press('Enter');
    await heading('Enheter');
    await page.getByRole('link', { name: 'Institutt for informatikk' }).waitFor();
    await screen('02-units-nb');
    await tab('Ny enhet');
    await page.keyboard.press('Enter');
    await heading('Ny enhet');
    await tab('Kode');
    await page.keyboard.type('NV IFI UU');
    await tab('Navn på bokmål');
    await page.keyboard.type('Laboratorium for universell utforming');
    await tab('Navn på engelsk');
    await page.keyboard.type('Universal Design Lab');
    await tab('Type');
    await page.keyboard.type('Seksjon');
    expect(await page.locator('#unit-new-kind').inputValue()).toBe('section');
    await pickByKeyboard('Søk etter overordnet enhet', 'NV-IFI', 'Institutt for informatikk (NV-IFI)');
    await tab('Opprett enheten');
    await page.keyboard.press('Enter');

    const codeError = 'Bruk bare bokstaver, tall og _ . - (høyst 40 tegn), og begynn med en bokstav eller et tall.';
    await page.getByRole('link', { name: `Kode: ${codeError}` }).waitFor();
    // The error summary takes focus, the field says what is wrong, and the input is kept.
    expect(await page.evaluate('document.activeElement.tagName')).toBe('DS-ERROR-SUMMARY');
    const code = page.getByRole('textbox', { name: 'Kode' });
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(code)).toContain(codeError);
    expect(await page.getByRole('textbox', { name: 'Navn på bokmål' }).inputValue()).toBe('Laboratorium for universell utforming');
    await screen('03-unit-field-error-nb');
    await tab(`Kode: ${codeError}`);
    await page.keyboard.press('Enter');
    expect(await focusedName()).toBe('Kode');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('NV-IFI-UU');
    await tab('Opprett enheten');
    await page.keyboard.press('Enter');
    await heading('Enhet: Laboratorium for universell utforming');
    await page.getByText('Enheten er opprettet.').waitFor();
    await page.getByRole('link', { name: 'Institutt for informatikk' }).waitFor();
    await screen('04-unit-nb');

    // A user in the new unit.
    await tab('Administrasjon', { back: true });
    await page.keyboard.press('Enter');
    await heading('Administrasjon');
    await tab('Brukere');
    await page.keyboard.press('Enter');
    await heading('Brukere');
    await page.getByRole('link', { name: 'Anders Nygård' }).waitFor();
    await screen('05-users-nb');
    await tab('Ny bruker');
    await page.keyboard.press('Enter');
    await heading('Ny bruker');
    await tab('Navn');
    await page.keyboard.type('Ola Utforming');
    await tab('E-postadresse');
    await page.keyboard.type('ola.utforming@universitet.example');
    await pickByKeyboard('Søk etter enhet', 'NV-IFI-UU', 'Laboratorium for universell utforming (NV-IFI-UU)');
    await screen('06-user-new-nb');
    await tab('Opprett brukeren');
    await page.keyboard.press('Enter');
    await heading('Bruker: Ola Utforming');
    await page.getByText('Personen har ingen roller i dag.').waitFor();
    await screen('07-user-nb');

    // The user gets a role in the new unit.
    await tab('Gi personen en rolle');
    await page.keyboard.press('Enter');
    await heading('Ny rolletildeling');
    expect(await picker('Søk etter person').getByRole('radio', { name: 'Ola Utforming' }).isChecked()).toBe(true);
    await tab('Rolle');
    await page.keyboard.type('Ansatt');
    await pickByKeyboard('Søk etter enhet', 'NV-IFI-UU', 'Laboratorium for universell utforming (NV-IFI-UU)');
    await screen('08-assignment-new-nb');
    await tab('Gi rollen');
    await page.keyboard.press('Enter');
    await heading('Ansatt: Ola Utforming');
    await page.getByText('Rollen er gitt.').waitFor();
    await page.getByText('Gjelder', { exact: true }).waitFor();
    await screen('09-assignment-nb');

    // The new process responsible: first over the old mandate's days, refused in words.
    await tab('Administrasjon', { back: true });
    await page.keyboard.press('Enter');
    await heading('Administrasjon');
    await tab('Mandater');
    await page.keyboard.press('Enter');
    await heading('Mandater');
    await page.getByRole('link', { name: 'Siri Aasen: mandatet for Saksbehandling' }).waitFor();
    await page.getByText('Ole Kristiansen (står inn for Nina Berg, som er borte)').waitFor();
    await screen('10-mandates-nb');
    await tab('Nytt mandat');
    await page.keyboard.press('Enter');
    await heading('Nytt mandat');
    await pickByKeyboard('Søk etter prosess', 'Saksbeh', 'Saksbehandling (saksbehandling)');
    await pickByKeyboard('Søk etter prosessansvarlig', 'Anders Ny', 'Anders Nygård');
    await pickByKeyboard('Søk etter stedfortreder', 'Maria Joh', 'Maria Johansen', { optional: true });
    expect(await page.getByLabel('Første dag', { exact: true }).inputValue()).toBe(today);
    await tab('Siste dag');
    const lastDay = addDays(today, 730);
    await typeDay(lastDay);
    await tab('Beskrivelse (valgfritt)');
    await page.keyboard.type('Overtar prosessansvaret for saksbehandling.');
    await tab('Opprett mandatet');
    await page.keyboard.press('Enter');

    await page.getByText(/^Saksbehandling har allerede en prosessansvarlig i noen av disse dagene: Siri Aasen, fra .+ til .+\. En prosess har én prosessansvarlig om gangen\./).waitFor();
    await page.getByRole('link', { name: 'Første dag: Overlapper mandatet til Siri Aasen' }).waitFor();
    expect(await page.evaluate('document.activeElement.tagName')).toBe('DS-ERROR-SUMMARY');
    expect(await picker('Søk etter prosessansvarlig').getByRole('radio', { name: 'Anders Nygård' }).isChecked()).toBe(true);
    expect(await picker('Søk etter stedfortreder').getByRole('radio', { name: 'Maria Johansen' }).isChecked()).toBe(true);
    await screen('11-mandate-overlap-nb');

    // The handover: the old mandate ends yesterday, and the same form, kept, is sent again.
    const yesterday = shown(addDays(today, -1), 'nb');
    await tab(`La mandatet til Siri Aasen slutte ${yesterday}`);
    await page.keyboard.press('Enter');
    await page.getByText(`Mandatet til Siri Aasen slutter nå ${yesterday}. Send skjemaet på nytt.`).waitFor();
    await tab('Opprett mandatet');
    await page.keyboard.press('Enter');
    await heading('Mandat: Anders Nygård');
    await page.getByText('Mandatet er opprettet.').waitFor();
    const facts = page.locator('.admin-facts');
    expect(await facts.textContent()).toContain('Prosessansvarlig i dagAnders Nygård');
    expect(await facts.textContent()).toContain(`Periode${shown(today, 'nb')} – ${shown(lastDay, 'nb')}`);
    await screen('12-mandate-nb');

    // An absence of the holder: the deputy stands in today; removed again, the holder is back alone.
    await tab('Første fraværsdag');
    await typeDay(today);
    await tab('Siste fraværsdag');
    await typeDay(addDays(today, 7));
    await tab('Begrunnelse (valgfritt)');
    await page.keyboard.type('Ferie');
    await tab('Registrer fraværet');
    await page.keyboard.press('Enter');
    await page.getByText(`Fraværet ${shown(today, 'nb')} – ${shown(addDays(today, 7), 'nb')} er registrert.`).waitFor();
    await facts.getByText('Maria Johansen (står inn for Anders Nygård, som er borte)').waitFor();
    await screen('13-mandate-absence-nb');
    await tab(`Fjern fraværet ${shown(today, 'nb')} – ${shown(addDays(today, 7), 'nb')}`, { back: true });
    await page.keyboard.press('Enter');
    await page.getByText('Ingen fravær er registrert.').waitFor();
    expect(await facts.textContent()).toContain('Prosessansvarlig i dagAnders Nygård');

    // The mandates of the process: the new one in force, the old one run out.
    await tab('Alle mandatene for prosessen', { back: true });
    await page.keyboard.press('Enter');
    await heading('Mandater');
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'Anders Nygård' }).filter({ hasText: 'Gjelder' }).filter({ hasText: 'Maria Johansen' }).waitFor();
    await rows.filter({ hasText: 'Siri Aasen' }).filter({ hasText: 'Utløpt' }).waitFor();
    expect(await rows.count()).toBe(2);
    await screen('14-mandates-of-process-nb');

    // The process catalogue and the process say so too.
    await tab('Administrasjon', { back: true });
    await page.keyboard.press('Enter');
    await heading('Administrasjon');
    await tab('Prosesser');
    await page.keyboard.press('Enter');
    await heading('Prosesser');
    await page.locator('tbody tr').filter({ hasText: 'saksbehandling' }).filter({ hasText: 'Ingrid Sæther' }).filter({ hasText: 'Anders Nygård' }).waitFor();
    await screen('14b-processes-nb');
    await tab('Saksbehandling');
    await page.keyboard.press('Enter');
    await heading('Prosess: Saksbehandling');
    expect(await page.locator('.admin-facts').textContent()).toContain('Prosessansvarlig i dagAnders Nygård');
    await screen('14c-process-nb');

    // The new process responsible signs in and finds the process's case waiting.
    await tab('Logg ut', { back: true });
    await page.keyboard.press('Enter');
    await heading('Logg inn');
    await signedOut();
    await heading('Logg inn');
    await tab('Logg inn som Anders Nygård');
    await page.keyboard.press('Enter');
    await heading('Min innboks');
    await page.getByText('Purring på saksbehandlingstid').waitFor();
    await screen('15-inbox-new-responsible-nb');

    // He is no admin: the admin pages tell him so, and what to do.
    await openAddress('/admin/mandates');
    await heading('Mandater');
    await page.getByRole('heading', { level: 2, name: 'Du har ikke tilgang til denne siden' }).waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await screen('16-no-access-nb');
    await tab('Gå til innboksen');
    await page.keyboard.press('Enter');
    await heading('Min innboks');
  }, 600_000);

  it('in English: an admin hands Admissions over to a new process responsible, and creates a unit, a user and a role', async () => {
    const { page, heading } = stack;
    await submittedCaseOf(DEMO_PROCESS_CODES.admissions, 'Slow answers to applicants');
    await signedOut();
    await stack.signInAs('admin', 'en');
    await heading('My inbox');
    await page.getByRole('link', { name: 'Administration' }).click();
    await heading('Administration');
    await screen('21-admin-en');

    // The new process responsible, over the old mandate's days: refused, in words.
    await page.getByRole('link', { name: 'Mandates' }).click();
    await heading('Mandates');
    await page.getByRole('link', { name: 'Guro Haugen: the mandate for Admissions' }).waitFor();
    await screen('22-mandates-en');
    await page.getByRole('link', { name: 'New mandate' }).click();
    await heading('New mandate');
    await pick('Search for process', 'Admiss', 'Admissions (opptak)');
    await pick('Search for process responsible', 'Camilla', 'Camilla Strøm');
    await pick('Search for deputy', 'Hanne', 'Hanne Vik');
    const lastDay = addDays(today, 365);
    await page.getByLabel('Last day', { exact: true }).fill(lastDay);
    await page.getByRole('button', { name: 'Create the mandate' }).click();
    await page.getByText(/^Admissions already has a process responsible on some of these days: Guro Haugen, from .+ to .+\./).waitFor();
    await page.getByRole('link', { name: 'First day: Overlaps the mandate of Guro Haugen' }).waitFor();
    expect(await page.getByLabel('Last day', { exact: true }).inputValue()).toBe(lastDay);
    await screen('23-mandate-overlap-en');

    // The old mandate gets a last day on its own page; then a new one for the process.
    await page.getByRole('link', { name: 'Open the mandate of Guro Haugen' }).click();
    await heading('Mandate: Guro Haugen');
    await screen('24-old-mandate-en');
    await page.getByLabel('Last day', { exact: true }).fill(addDays(today, -1));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor();
    await page.locator('.admin-facts').getByText('Expired').waitFor();
    await page.getByRole('link', { name: 'New mandate for the process' }).click();
    await heading('New mandate');
    expect(await page.getByRole('radio', { name: 'Admissions (opptak)' }).isChecked()).toBe(true);
    await pick('Search for process responsible', 'Camilla', 'Camilla Strøm');
    await pick('Search for deputy', 'Hanne', 'Hanne Vik');
    await page.getByLabel('Last day', { exact: true }).fill(lastDay);
    // A phone: the form fits, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screen('25-mandate-new-phone-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Create the mandate' }).click();
    await heading('Mandate: Camilla Strøm');
    await page.getByText('The mandate is created.').waitFor();
    expect(await page.locator('.admin-facts').textContent()).toContain('Process responsible todayCamilla Strøm');
    await screen('26-mandate-en');

    await page.getByRole('link', { name: "All the process's mandates" }).click();
    await heading('Mandates');
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'Camilla Strøm' }).filter({ hasText: 'In force' }).filter({ hasText: 'Hanne Vik' }).waitFor();
    await rows.filter({ hasText: 'Guro Haugen' }).filter({ hasText: 'Expired' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screen('27-mandates-of-process-phone-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Administration' }).first().click();
    await page.getByRole('link', { name: 'Processes' }).click();
    await heading('Processes');
    await page.locator('tbody tr').filter({ hasText: 'opptak' }).filter({ hasText: 'Håkon Bjørnstad' }).filter({ hasText: 'Camilla Strøm' }).waitFor();
    await screen('27b-processes-en');
    await page.getByRole('link', { name: 'Admissions' }).click();
    await heading('Process: Admissions');
    expect(await page.locator('.admin-facts').textContent()).toContain('Process responsible todayCamilla Strøm');
    await screen('27c-process-en');

    // A unit, a user (an e-mail already taken first) and a role.
    await page.getByRole('link', { name: 'Administration' }).first().click();
    await heading('Administration');
    await page.getByRole('link', { name: 'Units' }).click();
    await heading('Units');
    await page.getByRole('searchbox', { name: 'Search by name or code', exact: true }).fill('humanities');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/q=humanities/);
    await page.getByText('1 result', { exact: true }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Faculty of Humanities' }).waitFor();
    await screen('28-units-filtered-en');
    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await page.getByRole('link', { name: 'New unit' }).click();
    await heading('New unit');
    await page.getByRole('textbox', { name: 'Code' }).fill('HF-LAB');
    await page.getByRole('textbox', { name: 'Name in Norwegian' }).fill('Språklaben');
    await page.getByRole('textbox', { name: 'Name in English' }).fill('Language Lab');
    await page.getByRole('combobox', { name: 'Type' }).selectOption('section');
    await pick('Search for parent unit', 'HF-ILN', 'Department of Linguistics and Scandinavian Studies (HF-ILN)');
    await screen('29-unit-new-en');
    await page.getByRole('button', { name: 'Create the unit' }).click();
    await heading('Unit: Language Lab');
    await page.getByText('The unit is created.').waitFor();
    await screen('29b-unit-en');

    await page.getByRole('link', { name: 'Administration' }).first().click();
    await page.getByRole('link', { name: 'Users' }).click();
    await heading('Users');
    await page.getByRole('link', { name: 'Anders Nygård' }).waitFor();
    await screen('29c-users-en');
    await page.getByRole('link', { name: 'New user' }).click();
    await heading('New user');
    await page.getByRole('textbox', { name: 'Name' }).fill('Kari Språk');
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(DEMO_PERSONA.employee);
    await pick('Search for unit', 'HF-LAB', 'Language Lab (HF-LAB)');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await page.getByRole('button', { name: 'Create the user' }).click();
    const taken = `There is already a user with the e-mail address ${DEMO_PERSONA.employee}.`;
    await page.getByRole('link', { name: `E-mail address: ${taken}` }).waitFor();
    expect(await describedBy(page.getByRole('textbox', { name: 'E-mail address' }))).toContain(taken);
    expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Kari Språk');
    await screen('30-user-field-error-en');
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('kari.sprak@universitet.example');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await heading('User: Kari Språk');
    await page.getByText('The person holds no roles today.').waitFor();
    await screen('30b-user-en');
    await page.getByRole('link', { name: 'Give the person a role' }).click();
    await heading('New role assignment');
    await page.getByRole('combobox', { name: 'Role' }).selectOption('benefit_owner');
    // A benefit owner is held for the whole university or for a unit: the form asks which.
    await page.getByRole('radio', { name: 'For one unit and the units below it' }).check();
    await pick('Search for unit', 'HF-LAB', 'Language Lab (HF-LAB)');
    await screen('31-assignment-new-en');
    await page.getByRole('button', { name: 'Give the role' }).click();
    await heading('Benefit owner: Kari Språk');
    await page.getByText('The role is given.').waitFor();
    await screen('32-assignment-en');
    await page.getByRole('link', { name: 'Role assignments' }).click();
    await heading('Role assignments');
    await pick('Search for person', 'Kari', 'Kari Språk');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/userId=/);
    await page.getByText('1 result', { exact: true }).waitFor();
    await page.locator('tbody tr').filter({ hasText: 'Benefit owner' }).filter({ hasText: 'Language Lab' }).filter({ hasText: 'In force' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await screen('33-assignments-en');

    // Ending takes the role away at once: confirmed in a dialog, with a reason.
    await page.getByRole('link', { name: 'Benefit owner: Kari Språk' }).click();
    await heading('Benefit owner: Kari Språk');
    const opener = page.getByRole('button', { name: 'End the role assignment' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'End the role Benefit owner for Kari Språk?' });
    await dialog.waitFor();
    // The dialog fades in; axe measures contrast once it is there.
    await page.evaluate(`Promise.all(document.querySelector('dialog[open]').getAnimations({ subtree: true }).map((a) => a.finished)).then(() => true)`);
    await screen('34-end-dialog-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Closed, the dialog gives focus back to the button that opened it.
    expect(await page.evaluate(`document.activeElement.closest('dialog') === null && document.activeElement.textContent`)).toBe('End the role assignment');
    await opener.click();
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Moved to another project');
    await dialog.getByRole('button', { name: 'End the role assignment' }).click();
    await page.getByText('The role assignment is ended.').waitFor();
    expect(await page.locator('.admin-facts').textContent()).toContain('Why it was endedMoved to another project');
    await page.locator('.admin-facts').getByText('Ended', { exact: true }).waitFor();
    await screen('34b-assignment-ended-en');

    // The new process responsible of Admissions finds its case.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in');
    await signedOut();
    await stack.signInAs('benefit_owner', 'en');
    await heading('My inbox');
    await page.getByText('Slow answers to applicants').waitFor();
    await screen('35-inbox-new-responsible-en');
    await openAddress('/admin');
    await heading('Administration');
    await page.getByRole('heading', { level: 2, name: 'You do not have access to this page' }).waitFor();
    await screen('36-no-access-en');
  }, 600_000);
});
