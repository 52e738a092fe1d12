import { DEMO_PERSONA } from '#flyt/demo-data';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * The inbox, the first screen most people see: what waits for them, under the role it waits for
 * them in, with the decisions in words; other work (a priority round) linked to its page; the
 * main menu by role; unread notifications counted; and the layout on a phone and at 200 % zoom.
 */
describe('the inbox in the browser', () => {
  let stack: BrowserStack;
  let caseId: string;
  let reference: string;
  let roundId: string;

  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'inbox', worker: true });
    caseId = await stack.submittedCase();
    reference = (await stack.call(DEMO_PERSONA.process_responsible, 'get', `/api/cases/${caseId}`)).body.reference;
    const round = await stack.call(DEMO_PERSONA.programme_secretariat, 'post', '/api/rounds', {
      title: 'Utviklingsplan 2028',
      planYear: 2028,
      budget: [{ year: 2028, amountNok: 4_000_000 }],
    });
    expect(round.status).toBe(201);
    roundId = round.body.id;
  }, 300_000);
  afterAll(() => stack?.close());

  it('shows the process responsible the case under that role, its decisions in words, and the unread notice in the menu', async () => {
    const { page } = stack;
    await stack.signInAs('process_responsible');
    await stack.heading('Min innboks');
    await page.getByRole('heading', { level: 2, name: 'Som prosessansvarlig' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Be om opplysninger').waitFor();
    await row.getByText('Eskaler til prosesseier').waitFor();
    expect(await row.textContent()).not.toMatch(/REQUEST_INFO|ESCALATE/);
    // The worker mails and notes the new case for her: the menu counts it until she reads it.
    await page.getByRole('link', { name: /^Varsler \(\d+ uleste\)$/ }).waitFor({ timeout: 60_000 });
    await stack.shoot('1-inbox-process-responsible-nb');
    await stack.axe('inbox, process responsible, bokmål');

    await stack.switchTo('en');
    await stack.heading('My inbox');
    await page.getByRole('heading', { level: 2, name: 'As process responsible' }).waitFor();
    await row.getByText('Ask for information').waitFor();
    await stack.shoot('2-inbox-process-responsible-en');
    await stack.axe('inbox, process responsible, English');

    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await page.goBack();
    await stack.heading('My inbox');
  }, 300_000);

  it('links the secretariat’s other work to the round’s page, and offers the programme in the menu', async () => {
    const { page } = stack;
    await stack.signInAs('programme_secretariat');
    await stack.heading('Min innboks');
    await page.getByRole('heading', { level: 2, name: 'Annet arbeid som venter' }).waitFor();
    await page.getByText('Gjør ferdig oppsettet og åpne for stemmegivning').waitFor();
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Programmet' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Administrasjon' }).count()).toBe(0);
    await stack.shoot('3-inbox-secretariat-nb');
    await stack.axe('inbox, secretariat, bokmål');

    await page.getByRole('link', { name: /Utviklingsplan 2028/ }).click();
    await page.getByRole('heading', { level: 1, name: /Utviklingsplan 2028/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/rounds/${roundId}`);
  }, 300_000);

  it('holds its layout on a phone and at 200 % zoom, in both languages', async () => {
    const { page } = stack;
    await stack.signInAs('process_responsible');
    for (const [language, title] of [
      ['nb', 'Min innboks'],
      ['en', 'My inbox'],
    ] as const) {
      await stack.switchTo(language);
      await stack.heading(title);
      // A phone, and a 1280 px screen at 200 % zoom, which lays out as 640 CSS pixels.
      for (const [name, width] of [
        ['phone', 390],
        ['zoom-200', 640],
      ] as const) {
        await page.setViewportSize({ width, height: 844 });
        await page.getByRole('link', { name: reference }).waitFor();
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        expect({ language, name, overflow }).toEqual({ language, name, overflow: 0 });
        await stack.shoot(`4-inbox-${name}-${language}`);
        await stack.axe(`inbox, ${name}, ${language}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }, 300_000);
});
