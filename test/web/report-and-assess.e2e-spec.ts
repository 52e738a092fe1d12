import { costBenefitFigures } from '#flyt/cases';
import { DEMO_PERSONA, DEMO_PERSONA_EXTRA, DEMO_PROCESS_CODES } from '#flyt/demo-data';
import { type BrowserStack, startBrowserStack } from './browser-support.js';

/**
 * Issue 11's journeys "an employee drafts an idea and the line manager endorses it" (by keyboard
 * alone) and "the process owner completes the cost-benefit assessment and proposes it", each in
 * bokmål and in English, in a real browser against the API: the report form with its review and
 * its refusal at the field, the case list, the case page's actions, and the cost-benefit section
 * with the figures the API computes. Axe checks every screen; the case list must hold on a phone
 * and at 200 % zoom. The screenshots go to the printed folder.
 */

const EMPLOYEE = DEMO_PERSONA.employee;
const LINE_MANAGER = DEMO_PERSONA.line_manager;
const RESPONSIBLE = DEMO_PERSONA.process_responsible;
const OWNER = DEMO_PERSONA.process_owner;

const WORDS = {
  nb: {
    switchTo: 'Bytt til norsk',
    signIn: 'Logg inn',
    signInAs: (name: string) => `Logg inn som ${name}`,
    signOut: 'Logg ut',
    inbox: 'Min innboks',
    menuReport: 'Meld behov',
    menuCases: 'Saker',
    reportTitle: 'Meld et forbedringsbehov',
    processSearch: 'Søk etter prosess',
    processGroup: 'Prosess',
    oneProcessFound: 'Én prosess passer med søket.',
    search: 'saksbeh',
    process: 'Saksbehandling',
    toEmployeeLineManager: 'Ideen din går først til linjelederen din',
    titleLabel: 'Tittel',
    problemLabel: 'Problemet eller behovet i dag',
    benefitsLabel: /^Forventet nytte/,
    yes: 'Ja',
    goal: /^2\. Skape bedre flyt/,
    toReview: 'Se over før du sender',
    reviewTitle: 'Se over før du sender',
    notFilledIn: 'Ikke fylt ut',
    send: 'Send inn',
    errorSummary: 'Rett opp dette før du sender:',
    titleMissing: 'Tittel: Må fylles ut.',
    mustFill: 'Må fylles ut.',
    casesTitle: 'Saker',
    draft: 'Utkast',
    endorse: 'Ta opp idéen og send den inn',
    sendEvent: 'Send',
    submitted: 'Meldt inn, til vurdering hos prosessansvarlig',
    propose: 'Foreslå for programmet',
    blocked: 'Ikke mulig ennå',
    missingTitle: 'Dette mangler før saken kan foreslås for programmet',
    missingAssessment: 'nytte–kost-vurderingen',
    start: 'Fyll ut nytte–kost-vurderingen',
    formTitle: 'Fyll ut nytte–kost-vurderingen',
    addValue: 'Legg til en verdi',
    addOneOff: 'Legg til en engangskostnad',
    addYearly: 'Legg til en årlig kostnad',
    addContributor: 'Legg til en bidragsyter',
    description: 'Beskrivelse',
    nature: 'Direkte eller indirekte',
    kind: 'Type verdi',
    priced: 'Verdien er prissatt i kroner',
    yearlyAmount: 'Beløp per år',
    hours: /^Timer spart per år/,
    amount: 'Beløp',
    shifts: 'Flytter tiltaket kostnader eller arbeid til andre enheter?',
    no: 'Nei',
    name: 'Navn',
    level: 'Nivå',
    horizon: 'Horisont',
    duration: 'Varighet',
    outsideUnit: 'Trenger tiltaket folk eller penger utenfor enhetens ordinære struktur?',
    save: 'Lagre vurderingen',
    saveErrors: 'Rett opp dette før du lagrer:',
    pricedNeedsAmount: 'Verdi 1, beløp per år: En prissatt verdi trenger beløpet per år.',
    saved: 'Vurderingen er lagret, og tallene er regnet ut på nytt.',
    complete: 'Vurderingen er komplett.',
    npv: 'Netto nåverdi',
    payback: 'Tilbakebetalingstid',
    cashFlow: 'Kontantstrøm per år',
    proposed: 'Til prioritering i programmet',
    filtersApply: 'Vis sakene',
    searchLabel: 'Søk',
    count: (total: number, from: number, to: number) => `${total} saker passer. Viser ${from}–${to}.`,
    next: 'Neste side',
    results: 'Sakene',
    emptyFiltered: 'Ingen saker passer med filtrene.',
    clearFilters: 'Nullstill filtrene',
    stateFilter: 'Status',
    openCases: 'Alle åpne saker',
  },
  en: {
    switchTo: 'Switch to English',
    signIn: 'Sign in',
    signInAs: (name: string) => `Sign in as ${name}`,
    signOut: 'Sign out',
    inbox: 'My inbox',
    menuReport: 'Report a need',
    menuCases: 'Cases',
    reportTitle: 'Report an improvement need',
    processSearch: 'Search for a process',
    processGroup: 'Process',
    oneProcessFound: 'One process matches the search.',
    search: 'case hand',
    process: 'Case handling',
    toEmployeeLineManager: 'Your idea goes to your line manager first',
    titleLabel: 'Title',
    problemLabel: 'The problem or need today',
    benefitsLabel: /^Expected benefits/,
    yes: 'Yes',
    goal: /^2\. Create a better flow/,
    toReview: 'Review before sending',
    reviewTitle: 'Review before sending',
    notFilledIn: 'Not filled in',
    send: 'Send',
    errorSummary: 'Correct this before you send:',
    titleMissing: 'Title: Must be filled in.',
    mustFill: 'Must be filled in.',
    casesTitle: 'Cases',
    draft: 'Draft',
    endorse: 'Take up the idea and submit it',
    sendEvent: 'Send',
    submitted: 'Submitted, with the process responsible',
    propose: 'Propose to the programme',
    blocked: 'Not possible yet',
    missingTitle: 'Missing before the case can be proposed to the programme',
    missingAssessment: 'the cost-benefit assessment',
    start: 'Fill in the cost-benefit assessment',
    formTitle: 'Fill in the cost-benefit assessment',
    addValue: 'Add a value',
    addOneOff: 'Add a one-off cost',
    addYearly: 'Add a yearly cost',
    addContributor: 'Add a contributor',
    description: 'Description',
    nature: 'Direct or indirect',
    kind: 'Kind of value',
    priced: 'The value is priced in kroner',
    yearlyAmount: 'Amount per year',
    hours: /^Hours saved per year/,
    amount: 'Amount',
    shifts: 'Does the measure move costs or work to other units?',
    no: 'No',
    name: 'Name',
    level: 'Level',
    horizon: 'Horizon',
    duration: 'Duration',
    outsideUnit: "Does the measure need people or money beyond the unit's ordinary structure?",
    save: 'Save the assessment',
    saveErrors: 'Correct this before you save:',
    pricedNeedsAmount: 'Value 1, amount per year: A priced value needs its amount per year.',
    saved: 'The assessment is saved, and the figures have been computed again.',
    complete: 'The assessment is complete.',
    npv: 'Net present value',
    payback: 'Payback period',
    cashFlow: 'Cash flow per year',
    proposed: 'Awaiting prioritisation by the programme',
    filtersApply: 'Show cases',
    searchLabel: 'Search',
    count: (total: number, from: number, to: number) => `${total} cases match. Showing ${from}–${to}.`,
    next: 'Next page',
    results: 'The cases',
    emptyFiltered: 'No cases match the filters.',
    clearFilters: 'Clear the filters',
    stateFilter: 'Status',
    openCases: 'All open cases',
  },
} as const;
type Language = keyof typeof WORDS;

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ name: 'report-and-assess' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

const nameOf = (email: string) => stack.demo.users.find((u) => u.email === email)!.name;
const processId = (code: string) => stack.demo.processes.find((p) => p.code === code)!.id;
const unitId = (code: string) => stack.demo.units.find((u) => u.code === code)!.id;

/** What the focused element is called: its label, its aria-label, or its text. */
async function focusedName(): Promise<string> {
  return (await stack.page.evaluate(
    `(() => { const e = document.activeElement; if (!e) return ''; const label = e.labels && e.labels[0]; return ((label && label.textContent) || e.getAttribute('aria-label') || e.textContent || '').trim(); })()`,
  )) as string;
}

/** Presses Tab until the focused field's label (or a button's or link's text) is `name`. */
async function tabToField(name: string | RegExp, maxTabs = 80): Promise<void> {
  const matches = (found: string) => (typeof name === 'string' ? found === name : name.test(found));
  for (let i = 0; i < maxTabs; i++) {
    await stack.page.keyboard.press('Tab');
    if (matches(await focusedName())) return;
  }
  throw new Error(`no field called ${String(name)} took focus within ${maxTabs} presses of Tab`);
}

async function press(key: string): Promise<void> {
  await stack.page.keyboard.press(key);
}

/** Opens Flyt and signs in through the demo-user picker without a mouse, in the language asked for. */
async function signInByKeyboard(email: string, language: Language): Promise<void> {
  const w = WORDS[language];
  await stack.page.goto(`${stack.baseUrl}/`);
  // In the language the browser last chose, until this switches it.
  await stack.heading(/^(Logg inn|Sign in)$/);
  if ((await stack.page.getAttribute('html', 'lang')) !== language) {
    await stack.tabTo(w.switchTo);
    await press('Enter');
    await stack.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }
  await stack.tabTo(w.signInAs(nameOf(email)), 200);
  await press('Enter');
  await stack.heading(w.inbox);
}

/** Opens Flyt and signs in with the mouse, in the language asked for. */
async function signIn(email: string, language: Language): Promise<void> {
  const w = WORDS[language];
  await stack.page.goto(`${stack.baseUrl}/`);
  await stack.heading(/^(Logg inn|Sign in)$/);
  if ((await stack.page.getAttribute('html', 'lang')) !== language) {
    await stack.page.getByRole('button', { name: w.switchTo }).click();
    await stack.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }
  await stack.page.getByRole('button', { name: w.signInAs(nameOf(email)) }).click();
  await stack.heading(w.inbox);
}

async function signOutByKeyboard(language: Language): Promise<void> {
  const w = WORDS[language];
  await stack.tabTo(w.signOut, 200);
  await press('Enter');
  await stack.heading(w.signIn);
}

/** Nothing on the page reaches beyond the window's width: the page itself never scrolls sideways. */
async function expectNoSidewaysScroll(screen: string): Promise<void> {
  const widths = (await stack.page.evaluate(
    '({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, window: document.documentElement.clientWidth })',
  )) as { page: number; body: number; window: number };
  expect({ screen, page: widths.page <= widths.window, body: widths.body <= widths.window }).toEqual({ screen, page: true, body: true });
}

async function caseState(id: string, as: string): Promise<{ state: string; costBenefitMissing: string[]; costBenefit: unknown }> {
  const found = await stack.call(as, 'get', `/api/cases/${id}`);
  expect(found.status).toBe(200);
  return found.body;
}

describe.each(['nb', 'en'] as const)('reporting a need and assessing it (%s)', (language) => {
  const w = WORDS[language];
  const shot = (name: string) => stack.shoot(`${language}-${name}`);
  const axe = (screen: string) => stack.axe(`${screen}, ${language}`);

  // Where each journey ended: when one fails, the picture of where it stopped.
  afterEach(async () => {
    const journey = /journey (\w)/.exec(expect.getState().currentTestName ?? '')?.[1] ?? 'C';
    await stack?.shoot(`${language}-${journey}9-where-it-ended`);
  });

  // Each journey starts signed out at Flyt's address, whatever the one before left behind (the
  // sign-in page returns a person to the page they signed out from).
  beforeEach(async () => {
    await stack.page.setViewportSize({ width: 1280, height: 900 });
    await stack.page.goto(`${stack.baseUrl}/`);
    await stack.page.evaluate('sessionStorage.clear()');
    await stack.page.goto(`${stack.baseUrl}/`);
    await stack.heading(/^(Logg inn|Sign in)$/);
  });

  it('journey A, by keyboard alone: an employee drafts an idea, a missing title is refused at the field, and the line manager endorses it', async () => {
    const page = stack.page;
    const title = language === 'nb' ? 'Digital timeføring for studentassistenter' : 'Digital time sheets for student assistants';
    const problem = language === 'nb' ? 'Timelister fylles ut på papir og tastes inn på nytt.' : 'Time sheets are filled in on paper and typed in again.';
    const benefits = language === 'nb' ? 'Sparer lønnsavdelingen for dobbeltarbeid.' : 'Saves the payroll office double work.';

    await signInByKeyboard(EMPLOYEE, language);
    await stack.tabTo(w.menuReport);
    await press('Enter');
    await stack.heading(w.reportTitle);
    await page.getByText(w.toEmployeeLineManager).waitFor();
    await shot('A1-report-form');
    await axe('report form');

    // The process by its search, then the need; the title is left out on purpose.
    await tabToField(w.processSearch);
    await page.keyboard.type(w.search);
    await page.getByText(w.oneProcessFound).waitFor();
    const processes = page.getByRole('group', { name: w.processGroup, exact: true }).getByRole('radio');
    const labels = await processes.evaluateAll((radios) => radios.map((radio) => (radio as unknown as { labels: { textContent: string }[] }).labels[0]!.textContent));
    expect(labels).toEqual([w.process]);
    await tabToField(w.process);
    await press('Space');
    expect(await page.getByRole('radio', { name: w.process }).isChecked()).toBe(true);
    await tabToField(w.problemLabel);
    await page.keyboard.type(problem);
    await tabToField(w.benefitsLabel);
    await page.keyboard.type(benefits);
    await tabToField(w.yes);
    await press('Space');
    await tabToField(w.goal);
    await press('Space');
    await stack.tabTo(w.toReview);
    await press('Enter');

    await page.getByRole('heading', { level: 2, name: w.reviewTitle }).waitFor();
    expect(await focusedName()).toBe(w.reviewTitle);
    await page.getByText(w.notFilledIn).first().waitFor();
    await page.getByText(problem).waitFor();
    await shot('A2-review');
    await axe('report review');

    await stack.tabTo(w.send);
    await press('Enter');
    // Refused: back at the form, the error summary takes focus (and is read out), the title field says why, the input is kept.
    await page.getByText(w.titleMissing).waitFor();
    await page.locator('ds-error-summary:focus').waitFor();
    const titleField = page.getByLabel(w.titleLabel, { exact: true });
    // Designsystemet marks the field invalid as soon as its error message is in place.
    await page.locator('#report-title[aria-invalid="true"]').waitFor();
    const describedBy = (await titleField.getAttribute('aria-describedby'))!.split(' ');
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions).toContain(w.mustFill);
    expect(await page.getByLabel(w.problemLabel).inputValue()).toBe(problem);
    expect(await page.getByRole('radio', { name: w.process }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: w.goal }).isChecked()).toBe(true);
    await shot('A3-report-refused');
    await axe('report refused');

    // The summary's link takes the person to the field.
    await press('Tab');
    expect(await focusedName()).toBe(w.titleMissing);
    await press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('report-title');
    await page.keyboard.type(title);
    await stack.tabTo(w.toReview);
    await press('Enter');
    await page.getByRole('heading', { level: 2, name: w.reviewTitle }).waitFor();
    await stack.tabTo(w.send);
    await press('Enter');

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    const reference = /FLYT-\d{4}-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent())!)![0];
    await page.getByText(`Status: ${w.draft}`, { exact: true }).waitFor();
    expect((await caseState(caseId, EMPLOYEE)).state).toBe('draft');
    await shot('A4-case-draft-employee');
    await axe('case page, employee');
    await signOutByKeyboard(language);

    // The line manager finds the idea in the inbox and in the case list, opens it and takes it up.
    await signInByKeyboard(LINE_MANAGER, language);
    await page.getByRole('link', { name: reference }).waitFor();
    await page.getByText(title).waitFor();
    await shot('A5-inbox-line-manager');
    await axe('inbox, line manager');
    await stack.tabTo(w.menuCases);
    await press('Enter');
    await stack.heading(w.casesTitle);
    await page.getByRole('link', { name: reference }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText(w.process).waitFor();
    await shot('A6-case-list-line-manager');
    await axe('case list, line manager');
    await stack.tabTo(reference, 200);
    await press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await stack.tabTo(w.endorse, 200);
    await press('Enter');
    await page.getByRole('heading', { level: 3, name: w.endorse }).waitFor();
    await shot('A7-endorse-form');
    await axe('endorse form');
    await stack.tabTo(w.sendEvent);
    await press('Enter');
    await page.getByText(`Status: ${w.submitted}`, { exact: true }).waitFor();
    expect((await caseState(caseId, LINE_MANAGER)).state).toBe('submitted');
    await shot('A8-case-endorsed');
    await axe('case page, endorsed');
    await signOutByKeyboard(language);
  }, 300_000);

  it('the case list keeps its filters and page in the address: back, forward and a reload show the same list; a search that finds nothing says so', async () => {
    const page = stack.page;
    // More of an employee's own ideas than one page holds: another department's employee, so that
    // the line manager of the journeys above does not find them in his inbox.
    const employee = DEMO_PERSONA_EXTRA.otherEmployee;
    const mine = await stack.call(employee, 'get', '/api/cases?limit=1');
    for (let n = mine.body.total; n < 25; n++) {
      const reported = await stack.call(employee, 'post', '/api/cases', {
        title: `Forslag til bedre arkivrutiner nummer ${n + 1}`,
        problem: 'Arkiveringen tar for lang tid.',
        processId: processId(DEMO_PROCESS_CODES.caseHandling),
        reportingUnitId: unitId('HF-ILN'),
      });
      expect(reported.status).toBe(201);
    }
    const total = (await stack.call(employee, 'get', '/api/cases?limit=1')).body.total as number;

    await signIn(employee, language);
    await page.getByRole('link', { name: w.menuCases, exact: true }).click();
    await stack.heading(w.casesTitle);
    await page.getByText(w.count(total, 1, 20)).waitFor();
    await page.getByRole('button', { name: w.next }).click();
    await page.waitForURL(/[?&]page=2/);
    await page.getByText(w.count(total, 21, total)).waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe(w.results);
    await shot('C1-case-list-page-2');
    await axe('case list, page 2');

    await page.reload();
    await page.getByText(w.count(total, 21, total)).waitFor();
    await page.goBack();
    await page.getByText(w.count(total, 1, 20)).waitFor();
    await page.goForward();
    await page.getByText(w.count(total, 21, total)).waitFor();

    // A search: from the first page, and into the address; back shows the list before it.
    await page.getByLabel(w.searchLabel, { exact: true }).fill('nummer 7');
    await page.getByRole('button', { name: w.filtersApply }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'nummer 7' && !url.searchParams.has('page'));
    await page.getByRole('link', { name: /FLYT-/ }).first().waitFor();
    const found = await page.getByRole('row').count();
    expect(found).toBeGreaterThan(1);
    expect(found).toBeLessThan(21);
    await page.reload();
    expect(await page.getByLabel(w.searchLabel, { exact: true }).inputValue()).toBe('nummer 7');
    await page.goBack();
    await page.getByText(w.count(total, 21, total)).waitFor();
    expect(await page.getByLabel(w.searchLabel, { exact: true }).inputValue()).toBe('');

    await page.getByLabel(w.searchLabel, { exact: true }).fill('sjiraffnebb');
    await page.getByRole('button', { name: w.filtersApply }).click();
    await page.getByText(w.emptyFiltered).waitFor();
    await shot('C2-case-list-empty');
    await axe('case list, nothing found');
    await page.getByRole('button', { name: w.clearFilters }).first().click();
    await page.waitForURL((url) => url.search === '');
    await page.getByText(w.count(total, 1, 20)).waitFor();
  }, 300_000);

  it('journey B: the process owner completes the cost-benefit assessment, sees the figures, and proposes the case once it is complete', async () => {
    const page = stack.page;
    const title = language === 'nb' ? 'Automatisk journalføring av e-post' : 'Automatic filing of e-mail';
    // An escalated case: the employee's idea, endorsed, escalated by the process responsible.
    const reported = await stack.call(EMPLOYEE, 'post', '/api/cases', {
      title,
      problem: 'E-post journalføres for hånd.',
      processId: processId(DEMO_PROCESS_CODES.caseHandling),
      reportingUnitId: unitId('NV-IFI'),
      significantItComponent: true,
      strategicGoals: [2, 9],
    });
    expect(reported.status).toBe(201);
    const caseId: string = reported.body.id;
    const reference: string = reported.body.reference;
    expect((await stack.call(LINE_MANAGER, 'post', `/api/cases/${caseId}/events`, { type: 'ENDORSE', payload: {} })).status).toBe(200);
    expect((await stack.call(RESPONSIBLE, 'post', `/api/cases/${caseId}/events`, { type: 'ESCALATE', payload: { text: 'Berører flere enheter.' } })).status).toBe(200);
    expect((await caseState(caseId, OWNER)).state).toBe('withProcessOwner');

    await signIn(OWNER, language);
    await page.getByRole('link', { name: w.menuCases, exact: true }).click();
    await stack.heading(w.casesTitle);
    await page.getByLabel(w.stateFilter).selectOption({ label: w.openCases });
    await page.getByRole('button', { name: w.filtersApply }).click();
    await page.waitForURL(/state=open/);
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();

    // Before the assessment: proposing is blocked, and the section says what is missing.
    const blocked = page.locator('.blocked-actions');
    await blocked.getByText(w.propose).waitFor();
    expect(await page.getByRole('button', { name: w.propose }).count()).toBe(0);
    const missing = page.locator('.cb-missing');
    await missing.getByRole('heading', { name: w.missingTitle }).waitFor();
    await missing.getByText(w.missingAssessment, { exact: true }).waitFor();
    await shot('B1-case-before-assessment');
    await axe('case page before the assessment');

    await page.getByRole('button', { name: w.start }).click();
    const form = page.locator('form.cb-form');
    await form.getByRole('heading', { name: w.formTitle }).waitFor();
    expect(await focusedName()).toBe(w.formTitle);

    // A priced value without its amount, first.
    await form.getByRole('button', { name: w.addValue }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('cb-values-0-description');
    await page.keyboard.type('Mindre manuell registrering av saker');
    await form.locator('#cb-values-0-nature').selectOption('direct');
    await form.locator('#cb-values-0-kind').selectOption('efficiency');
    await form.getByRole('button', { name: w.addValue }).click();
    await form.locator('#cb-values-1-description').fill('Raskere svar til studentene');
    await form.locator('#cb-values-1-nature').selectOption('indirect');
    await form.locator('#cb-values-1-kind').selectOption('gainsForOthers');
    await form.locator('#cb-values-1-priced').uncheck();
    await form.getByRole('button', { name: w.addOneOff }).click();
    await form.locator('#cb-costs-oneOff-0-description').fill('Innføring');
    await form.locator('#cb-costs-oneOff-0-amountNok').fill('1 000 000');
    await form.getByRole('button', { name: w.addYearly }).click();
    await form.locator('#cb-costs-yearly-0-description').fill('Drift og lisens');
    await form.locator('#cb-costs-yearly-0-amountNok').fill('100 000');
    await form.getByRole('group', { name: w.shifts }).getByRole('radio', { name: w.no, exact: true }).check();
    await form.getByRole('button', { name: w.addContributor }).click();
    await form.locator('#cb-contributors-0-name').fill('Knut Olsen');
    await form.locator('#cb-contributors-0-level').selectOption('unit');
    await form.getByRole('button', { name: w.addContributor }).click();
    await form.locator('#cb-contributors-1-name').fill('Ingrid Sæther');
    await form.locator('#cb-contributors-1-level').selectOption('central');
    await form.locator('#cb-horizonYears').fill('5');
    await form.locator('#cb-durationMonths').fill('6');
    await form.getByRole('group', { name: w.outsideUnit }).getByRole('radio', { name: w.no, exact: true }).check();
    await form.getByRole('button', { name: w.save }).click();

    // Refused at the amount, and listed above the form; the rest is kept.
    await form.getByText(w.saveErrors).waitFor();
    await form.getByRole('link', { name: w.pricedNeedsAmount }).waitFor();
    const amount = form.locator('#cb-values-0-yearlyAmountNok');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#cb-contributors-1-name').inputValue()).toBe('Ingrid Sæther');
    await shot('B2-assessment-refused');
    await axe('cost-benefit form refused');

    await form.getByRole('link', { name: w.pricedNeedsAmount }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('cb-values-0-yearlyAmountNok');
    await page.keyboard.type('400 000');
    await form.locator('#cb-values-0-yearlyHours').fill('800');
    await form.getByRole('button', { name: w.save }).click();

    // Saved: the figures the API computed, and nothing missing.
    await page.getByText(w.saved).waitFor();
    await page.locator('.cb-missing').getByText(w.complete).waitFor();
    const expected = {
      values: [
        { description: 'Mindre manuell registrering av saker', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 400_000, yearlyHours: 800, firstYear: 1 },
        { description: 'Raskere svar til studentene', nature: 'indirect', kind: 'gainsForOthers', priced: false, yearlyAmountNok: null, yearlyHours: null, firstYear: 1 },
      ],
      costs: { oneOff: [{ description: 'Innføring', amountNok: 1_000_000, year: 0 }], yearly: [{ description: 'Drift og lisens', amountNok: 100_000, firstYear: 1 }] },
      costShifts: [],
      contributors: [
        { name: 'Knut Olsen', userId: null, level: 'unit', unitId: null },
        { name: 'Ingrid Sæther', userId: null, level: 'central', unitId: null },
      ],
      horizonYears: 5,
      durationMonths: 6,
      needsResourcesOutsideUnit: false,
    } as const;
    const stored = await caseState(caseId, OWNER);
    expect(stored.costBenefit).toEqual(expected);
    expect(stored.costBenefitMissing).toEqual([]);
    const figures = costBenefitFigures(structuredClone(expected) as never, stack.config.costBenefit.discountRate)!;
    const nok = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nb-NO', { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 });
    const npv = page.locator('.cb-figure').filter({ hasText: w.npv });
    expect((await npv.locator('dd').textContent())!.trim()).toBe(nok.format(figures.netPresentValueNok));
    await page.getByRole('table', { name: w.cashFlow }).waitFor();
    expect(await page.getByRole('table', { name: w.cashFlow }).getByRole('row').count()).toBe(1 + figures.cashFlows.length);
    await shot('B3-assessment-saved');
    await axe('case page with the assessment');

    // Now the owner may propose it.
    await page.getByRole('button', { name: w.propose }).click();
    await page.getByRole('heading', { level: 3, name: w.propose }).waitFor();
    await page.getByRole('button', { name: w.sendEvent, exact: true }).click();
    await page.getByText(`Status: ${w.proposed}`, { exact: true }).waitFor();
    expect((await caseState(caseId, OWNER)).state).toBe('awaitingPrioritisation');
    await shot('B4-case-proposed');
    await axe('case page, proposed');

    // The case list holds on a phone and at 200 % zoom (1280 px shown at twice the size is 640 px wide).
    await page.getByRole('link', { name: w.menuCases, exact: true }).click();
    await stack.heading(w.casesTitle);
    await page.getByRole('link', { name: reference }).waitFor();
    for (const [name, size] of [
      ['phone', { width: 390, height: 844 }],
      ['zoom-200', { width: 640, height: 450 }],
    ] as const) {
      await page.setViewportSize(size);
      // Narrow, the cases are cards, each headed by its reference and title.
      await page.getByRole('heading', { level: 3, name: `${reference}: ${title}` }).waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      await shot(`B5-case-list-${name}`);
      await expectNoSidewaysScroll(`case list, ${name}`);
      await axe(`case list, ${name}`);
    }
    // The report form holds there too.
    await page.getByRole('link', { name: w.menuReport, exact: true }).click();
    await stack.heading(w.reportTitle);
    await page.getByRole('radio', { name: w.process }).waitFor();
    await shot('B6-report-form-zoom-200');
    await expectNoSidewaysScroll('report form, zoom-200');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: w.signOut }).click();
    await stack.heading(w.signIn);
  }, 300_000);
});
