import type { Locator } from 'playwright-core';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { eventually, ESCALATION } from '../worker/worker-support.js';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * The case page (issue 11): the process responsible asks for information, the reporter answers,
 * the case is escalated; each step in the history with who and under which authority, the
 * diagram marking where the case stands, comments, a refused empty question, and a 409 when the
 * case changed while the form was open. In bokmål by keyboard alone, and in English by pointer.
 */

const CASE_TITLE = 'Purring på saksbehandlingstid';

const WORDS = {
  nb: {
    signIn: (name: string) => `Logg inn som ${name}`,
    signOut: 'Logg ut',
    inbox: 'Min innboks',
    inboxLink: 'Innboks',
    menu: 'Hovedmeny',
    requestInfo: 'Be om opplysninger',
    question: 'Spørsmål til innmelderen',
    send: 'Send',
    sendAgain: 'Send på nytt',
    required: 'Må fylles ut.',
    sent: (event: string) => `Sendt: ${event}`,
    submitted: 'Meldt inn, til vurdering hos prosessansvarlig',
    awaiting: 'Venter på opplysninger fra innmelder',
    withOwner: 'Hos prosesseier',
    stateLine: (state: string) => `Status: ${state}`,
    now: (state: string) => `Saken står nå på: ${state}`,
    waitsFor: (who: string) => `Venter på: ${who}`,
    nextRequestInfo: 'Be om opplysninger (prosessansvarlig): saken går til «Venter på opplysninger fra innmelder»',
    created: 'Saken ble opprettet som utkast',
    endorsed: 'Idéen ble tatt opp og sendt inn',
    asked: 'Ba om opplysninger',
    answer: 'Svar på spørsmålet',
    answerField: 'Svaret ditt',
    answered: 'Svarte på spørsmålet',
    escalate: 'Eskaler til prosesseier',
    escalateField: 'Hvorfor trenger saken prosesseieren?',
    escalated: 'Eskalert til prosesseier',
    edited: 'Saken ble endret',
    problemField: 'Problemet eller behovet i dag',
    stale: 'Noen andre har endret dette mens du arbeidet',
    commentField: 'Ny kommentar',
    addComment: 'Legg til kommentaren',
    commentAdded: 'Kommentaren er lagt til.',
    responsible: 'prosessansvarlig',
    reporter: 'innmelder',
    lineManager: 'linjeleder',
    owner: 'prosesseier',
    who: 'Hvem:',
    authority: 'Med myndighet som:',
    before: 'Før:',
    after: 'Etter:',
    question1: 'Hvor mange saker gjelder det per måned, og hvor lenge blir de liggende?',
    answer1: 'Rundt 40 saker i måneden blir liggende i tre til fire uker.',
    escalation1: 'Gjelder flere fakulteter og trenger et nytt saksbehandlingssystem.',
    comment1: 'Jeg har snakket med fakultetet, og de kjenner seg igjen i dette.',
    problemEdited: 'Sakene blir liggende i ukevis uten at noen purrer.',
  },
  en: {
    signIn: (name: string) => `Sign in as ${name}`,
    signOut: 'Sign out',
    inbox: 'My inbox',
    inboxLink: 'Inbox',
    menu: 'Main menu',
    requestInfo: 'Ask for information',
    question: 'Question to the reporter',
    send: 'Send',
    sendAgain: 'Send again',
    required: 'Must be filled in.',
    sent: (event: string) => `Sent: ${event}`,
    submitted: 'Submitted, with the process responsible',
    awaiting: 'Awaiting information from the reporter',
    withOwner: 'With the process owner',
    stateLine: (state: string) => `Status: ${state}`,
    now: (state: string) => `The case is now at: ${state}`,
    waitsFor: (who: string) => `Waiting for: ${who}`,
    nextRequestInfo: 'Ask for information (process responsible): the case goes to “Awaiting information from the reporter”',
    created: 'The case was created as a draft',
    endorsed: 'The idea was taken up and submitted',
    asked: 'Asked for information',
    answer: 'Answer the question',
    answerField: 'Your answer',
    answered: 'Answered the question',
    escalate: 'Escalate to the process owner',
    escalateField: 'Why does the case need the process owner?',
    escalated: 'Escalated to the process owner',
    edited: 'The case was changed',
    problemField: 'The problem or need today',
    stale: 'Someone else changed this while you were working',
    commentField: 'New comment',
    addComment: 'Add the comment',
    commentAdded: 'Your comment is added.',
    responsible: 'process responsible',
    reporter: 'reporter',
    lineManager: 'line manager',
    owner: 'process owner',
    who: 'Who:',
    authority: 'With the authority of:',
    before: 'Before:',
    after: 'After:',
    question1: 'How many cases a month does this concern, and how long do they wait?',
    answer1: 'About 40 cases a month wait for three to four weeks.',
    escalation1: 'It concerns several faculties and needs a new case-handling system.',
    comment1: 'I have talked to the faculty, and they recognise this.',
    problemEdited: 'Cases wait for weeks without anyone chasing them.',
  },
} as const;

type Language = keyof typeof WORDS;

/** The stack the tests of the describe block running now use. */
let stack: BrowserStack;

const nameOf = (email: string) => stack.demo.users.find((u) => u.email === email)!.name;

/** What a person does on the page: by keyboard alone (Tab, typing, Enter), or by pointer. */
interface Hands {
  press(name: string): Promise<void>;
  type(label: string, text: string): Promise<void>;
  signIn(email: string, language: Language): Promise<void>;
  signOut(language: Language): Promise<void>;
  openFromInbox(reference: string, language: Language): Promise<void>;
}

/** Tab until the focused element is a field labelled `label` (its <label>, or aria-label). */
async function tabToField(label: string, maxTabs = 300): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await stack.page.keyboard.press('Tab');
    const focused = (await stack.page.evaluate(
      '(() => { const e = document.activeElement; if (!e) return ""; return (e.labels && e.labels[0] ? e.labels[0].textContent : e.getAttribute("aria-label")) || ""; })()',
    )) as string;
    if (focused.trim() === label) return;
  }
  throw new Error(`no field labelled ${label} took focus within ${maxTabs} presses of Tab`);
}

const keyboard: Hands = {
  async press(name) {
    await stack.tabTo(name, 400);
    await stack.page.keyboard.press('Enter');
  },
  async type(label, text) {
    await tabToField(label);
    await stack.page.keyboard.type(text);
  },
  async signIn(email, language) {
    await stack.page.goto(`${stack.baseUrl}/sign-in`);
    await stack.heading(language === 'nb' ? 'Logg inn' : 'Sign in');
    await keyboard.press(WORDS[language].signIn(nameOf(email)));
    await stack.page.waitForURL((url) => url.pathname !== '/sign-in');
    // Sign-in returns to the page the person was on before; the journey goes on from the inbox.
    await keyboard.press(WORDS[language].inboxLink);
    await stack.heading(WORDS[language].inbox);
  },
  async signOut(language) {
    await keyboard.press(WORDS[language].signOut);
    await stack.heading(language === 'nb' ? 'Logg inn' : 'Sign in');
  },
  async openFromInbox(reference) {
    await keyboard.press(reference);
  },
};

const pointer: Hands = {
  async press(name) {
    await stack.page.getByRole('button', { name, exact: true }).click();
  },
  async type(label, text) {
    await stack.page.getByLabel(label, { exact: true }).fill(text);
  },
  async signIn(email, language) {
    await stack.signInAs({ email }, language);
    // Sign-in returns to the page the person was on before; the journey goes on from the inbox.
    await stack.page.getByRole('navigation', { name: WORDS[language].menu }).getByRole('link', { name: WORDS[language].inboxLink, exact: true }).click();
    await stack.heading(WORDS[language].inbox);
  },
  async signOut(language) {
    await stack.page.getByRole('button', { name: WORDS[language].signOut }).click();
    await stack.heading(language === 'nb' ? 'Logg inn' : 'Sign in');
  },
  async openFromInbox(reference) {
    await stack.page.getByRole('link', { name: reference, exact: true }).click();
  },
};

/** The header's language button, by pointer; done when the document says the new language. */
async function switchLanguage(to: Language): Promise<void> {
  await stack.page.getByRole('button', { name: to === 'en' ? 'Switch to English' : 'Bytt til norsk' }).click();
  await stack.page.locator(`html[lang="${to}"]`).waitFor({ state: 'attached' });
}

/** The history entry whose heading is `heading` (the last one, if several), as the text a person reads, on one line. */
async function historyEntry(heading: string): Promise<string> {
  const entry = stack.page.locator('.case-timeline-entry').filter({ has: stack.page.getByRole('heading', { level: 3, name: heading, exact: true }) }).last();
  await entry.waitFor();
  return (await entry.innerText()).replace(/\s+/g, ' ');
}

/** The page's document, as functions Playwright runs in the browser use it (the tests compile without the DOM's types). */
interface Dom {
  querySelector(selector: string): { textContent: string | null } | null;
  getElementById(id: string): { textContent: string | null } | null;
}

/** The state the diagram marks as the current one, once it is drawn for `state`. */
async function diagramMarks(state: string): Promise<string> {
  await stack.page.waitForFunction(
    (label) => ((globalThis as unknown as { document: Dom }).document.querySelector('.case-diagram-drawing g.current')?.textContent ?? '').includes(label),
    state,
    { timeout: 30_000 },
  );
  const marked = await stack.page.locator('.case-diagram-drawing g.current').textContent();
  return (marked ?? '').trim();
}

/** The text that describes a field for assistive technology (its aria-describedby), e.g. its error. */
async function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id: string) => (globalThis as unknown as { document: Dom }).document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function journey(language: Language, hands: Hands): Promise<void> {
  const w = WORDS[language];
  const page = stack.page;
  const shot = (name: string) => stack.shoot(`${language}-${name}`);
  const caseId = await stack.submittedCase();
  const { body: created } = await stack.call(DEMO_PERSONA.employee, 'get', `/api/cases/${caseId}`);
  const reference = created.reference as string;
  const heading = `${reference}: ${CASE_TITLE}`;
  const siri = nameOf(DEMO_PERSONA.process_responsible);
  const sofie = nameOf(DEMO_PERSONA.employee);
  const knut = nameOf(DEMO_PERSONA.line_manager);

  // The process responsible opens the submitted case from her inbox.
  await hands.signIn(DEMO_PERSONA.process_responsible, language);
  await hands.openFromInbox(reference, language);
  await stack.heading(heading);
  await page.getByText(w.stateLine(w.submitted), { exact: true }).waitFor();
  expect(await diagramMarks(w.submitted)).toBe(w.submitted);
  const where = page.getByTestId('where-text');
  expect(await where.innerText()).toContain(w.now(w.submitted));
  expect(await where.innerText()).toContain(w.waitsFor(w.responsible));
  expect(await where.innerText()).toContain(w.nextRequestInfo);
  // The case's history so far: the employee's draft, and her line manager taking it up.
  expect(await historyEntry(w.created)).toContain(sofie);
  const endorsed = await historyEntry(w.endorsed);
  expect(endorsed).toContain(`${w.who} ${knut}`);
  expect(endorsed).toContain(`${w.authority} ${w.lineManager}`);
  await shot('1-case-submitted');
  await stack.axe(`case page, submitted (${language})`);

  // An empty question is refused: the reason at the field, announced by the focused summary; the form stays open.
  await hands.press(w.requestInfo);
  const form = page.locator('#form-REQUEST_INFO');
  await form.getByRole('heading', { level: 3, name: w.requestInfo }).waitFor();
  expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(w.requestInfo);
  if (hands === keyboard) {
    await stack.tabTo(w.send, 20);
    await page.keyboard.press('Enter');
  } else {
    await form.getByRole('button', { name: w.send, exact: true }).click();
  }
  const question = form.getByLabel(w.question, { exact: true });
  await form.getByRole('link', { name: w.required }).waitFor();
  expect(await page.evaluate('!!document.activeElement.closest(".form-problem")')).toBe(true);
  expect(await question.getAttribute('aria-invalid')).toBe('true');
  expect(await descriptionOf(question)).toContain(w.required);
  expect(await question.inputValue()).toBe('');
  await shot('2-request-info-refused');
  await stack.axe(`case page, an empty question refused (${language})`);

  // Asked properly, the case waits for the reporter.
  await hands.type(w.question, w.question1);
  await hands.press(w.send);
  await page.getByRole('heading', { level: 2, name: w.sent(w.requestInfo) }).waitFor();
  await page.getByText(w.stateLine(w.awaiting), { exact: true }).waitFor();
  expect(await diagramMarks(w.awaiting)).toBe(w.awaiting);
  const asked = await historyEntry(w.asked);
  expect(asked).toContain(`${w.who} ${siri}`);
  expect(asked).toContain(`${w.authority} ${w.responsible}`);
  expect(asked).toContain('process responsible for');
  expect(asked).toContain(w.question1);
  expect(asked).toContain(`${w.submitted} → ${w.awaiting}`);

  // Comments: an empty one is refused at the field, a real one is listed with its author.
  const comment = page.getByLabel(w.commentField, { exact: true });
  if (hands === keyboard) {
    await tabToField(w.commentField);
    await stack.tabTo(w.addComment, 5);
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: w.addComment }).click();
  }
  await page.locator('.case-comment-form').getByRole('link', { name: new RegExp(w.required) }).waitFor();
  expect(await comment.getAttribute('aria-invalid')).toBe('true');
  expect(await descriptionOf(comment)).toContain(w.required);
  await hands.type(w.commentField, w.comment1);
  await hands.press(w.addComment);
  await page.getByText(w.commentAdded).waitFor();
  const listed = page.locator('.case-comment').filter({ hasText: w.comment1 });
  await listed.waitFor();
  expect(await listed.innerText()).toContain(siri);
  await shot('3-asked-and-commented');
  await stack.axe(`case page, awaiting information, with a comment (${language})`);
  await hands.signOut(language);

  // The reporter answers from her inbox.
  await hands.signIn(DEMO_PERSONA.employee, language);
  await hands.openFromInbox(reference, language);
  await stack.heading(heading);
  expect(await historyEntry(w.asked)).toContain(w.question1);
  expect(await page.locator('.case-comment').filter({ hasText: w.comment1 }).count()).toBe(1);
  await hands.press(w.answer);
  await hands.type(w.answerField, w.answer1);
  await shot('4-answering');
  await stack.axe(`case page, the reporter answering (${language})`);
  await hands.press(w.send);
  await page.getByRole('heading', { level: 2, name: w.sent(w.answer) }).waitFor();
  await page.getByText(w.stateLine(w.submitted), { exact: true }).waitFor();
  const answered = await historyEntry(w.answered);
  expect(answered).toContain(`${w.who} ${sofie}`);
  expect(answered).toContain(`${w.authority} ${w.reporter}`);
  expect(answered).toContain(w.answer1);
  expect(await diagramMarks(w.submitted)).toBe(w.submitted);
  await hands.signOut(language);

  // The process responsible escalates; the reporter changes the problem meanwhile, so the first send meets a 409.
  await hands.signIn(DEMO_PERSONA.process_responsible, language);
  await hands.openFromInbox(reference, language);
  await stack.heading(heading);
  await hands.press(w.escalate);
  await hands.type(w.escalateField, w.escalation1);
  const edit = await stack.api.http
    .patch(`/api/cases/${caseId}`)
    .auth(await stack.api.tokenFor(DEMO_PERSONA.employee), { type: 'bearer' })
    .send({ problem: w.problemEdited });
  expect(edit.status).toBe(200);
  await hands.press(w.send);
  await page.getByRole('heading', { name: w.stale }).waitFor();
  // The input is kept, the page shows the case as it is now, and the form offers to send again.
  expect(await page.locator('#form-ESCALATE').getByLabel(w.escalateField, { exact: true }).inputValue()).toBe(w.escalation1);
  await page.locator('.case-facts').getByText(w.problemEdited).waitFor();
  const change = await historyEntry(w.edited);
  expect(change).toContain(`${w.who} ${sofie}`);
  expect(change).toContain(`${w.authority} ${w.reporter}`);
  expect(change).toContain(w.problemField);
  expect(change).toContain(`${w.before} Sakene blir liggende.`);
  expect(change).toContain(`${w.after} ${w.problemEdited}`);
  await shot('5-escalation-met-a-change');
  await stack.axe(`case page, a 409 while escalating (${language})`);
  await hands.press(w.sendAgain);
  await page.getByRole('heading', { level: 2, name: w.sent(w.escalate) }).waitFor();
  await page.getByText(w.stateLine(w.withOwner), { exact: true }).waitFor();
  expect(await diagramMarks(w.withOwner)).toBe(w.withOwner);
  expect(await where.innerText()).toContain(w.waitsFor(w.owner));
  const escalated = await historyEntry(w.escalated);
  expect(escalated).toContain(`${w.who} ${siri}`);
  expect(escalated).toContain(`${w.authority} ${w.responsible}`);
  expect(escalated).toContain(`${w.escalateField} ${w.escalation1}`);
  expect(escalated).toContain(`${w.submitted} → ${w.withOwner}`);
  // Every step, in order.
  const headings = await page.locator('.case-timeline-entry h3').allInnerTexts();
  expect(headings).toEqual([w.created, w.endorsed, w.asked, w.answered, w.edited, w.escalated]);
  await shot('6-escalated');
  await stack.axe(`case page, escalated (${language})`);
  await hands.signOut(language);
}

describe('the case page', () => {
  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'case-page' });
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
  });
  // Each test starts signed out, whatever the one before left behind.
  beforeEach(async () => {
    await stack.page.goto(`${stack.baseUrl}/sign-in`);
    await stack.page.evaluate('sessionStorage.clear()');
  });

  it('by keyboard alone, in bokmål: the process responsible asks for information, the reporter answers, the case is escalated', async () => {
    await journey('nb', keyboard);
  }, 600_000);

  it('in English: the same journey', async () => {
    await journey('en', pointer);
  }, 600_000);

  it('offers the cases one can see to merge into, changes the case text, and says when a case is not there (English)', async () => {
    const page = stack.page;
    const caseId = await stack.submittedCase();
    const otherId = await stack.submittedCase();
    const { body: other } = await stack.call(DEMO_PERSONA.employee, 'get', `/api/cases/${otherId}`);
    const { body: self } = await stack.call(DEMO_PERSONA.employee, 'get', `/api/cases/${caseId}`);
    await stack.signInAs('process_responsible', 'en');
    await page.goto(`${stack.baseUrl}/cases/${caseId}`);
    await stack.heading(`${self.reference}: ${CASE_TITLE}`);

    await page.getByRole('button', { name: 'Merge into another case' }).click();
    const picker = page.getByRole('group', { name: 'The case it duplicates' });
    await picker.waitFor();
    await picker.getByLabel('Search for the case').fill(other.reference);
    const choice = picker.getByRole('radio', { name: new RegExp(`^${other.reference}: ${CASE_TITLE}`) });
    await choice.waitFor();
    expect(await picker.getByRole('radio', { name: new RegExp(`^${self.reference}:`) }).count()).toBe(0);
    await choice.check();
    await stack.shoot('en-7-merge-picker');
    await stack.axe('case page, choosing the case to merge into (English)');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Change the case' }).click();
    await page.getByRole('heading', { level: 3, name: 'Change the case' }).waitFor();
    // An empty title is refused at the field, and the rest of what was typed stays.
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('');
    await page.getByLabel('Expected benefits', { exact: true }).fill('Answers within a week.');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('link', { name: 'Title: Must be filled in.' }).waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(title)).toContain('Must be filled in.');
    expect(await page.getByLabel('Expected benefits', { exact: true }).inputValue()).toBe('Answers within a week.');
    await stack.shoot('en-8-edit-refused');
    await stack.axe('case page, a change refused (English)');
    await title.fill(CASE_TITLE);
    await page.getByLabel('Expected benefits', { exact: true }).fill('Answers within a week.');
    await page.getByRole('checkbox', { name: /^Goal 2:/ }).check();
    await stack.axe('case page, changing the case (English)');
    await stack.shoot('en-8-edit');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('Your changes are saved.').waitFor();
    await page.locator('.case-facts').getByText('Answers within a week.').waitFor();
    const change = await historyEntry('The case was changed');
    expect(change).toContain('Expected benefits');
    expect(change).toContain('After: Answers within a week.');
    expect(change).toContain('Strategic goals the case supports');
    expect(change).toContain('After: Goal 2');
    expect(change).toContain('With the authority of: process responsible');

    // On a phone: the page keeps to the screen's width; the diagram scrolls inside its frame.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await stack.heading(`${self.reference}: ${CASE_TITLE}`);
    await page.locator('.case-diagram-drawing svg').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await stack.shoot('en-10-phone');
    await stack.axe('case page on a phone (English)');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${stack.baseUrl}/cases/00000000-0000-4000-8000-000000000000`);
    await stack.heading('Case not found');
    await stack.shoot('en-9-not-found');
    await stack.axe('case page, not found (English)');
    await switchLanguage('nb');
    await stack.heading('Fant ikke saken');
    await stack.axe('case page, not found (bokmål)');
  }, 600_000);
});

describe('the case page as time passes', () => {
  beforeAll(async () => {
    // The reminder to the process responsible falls due in seconds; the worker fires it.
    stack = await startBrowserStack({ name: 'case-page-deadlines', worker: true, rules: { responsibleReminder: { seconds: 2 } } });
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('shows a deadline that passed, a deadline moved and the case put on hold, in bokmål and English', async () => {
    const page = stack.page;
    const caseId = await stack.submittedCase();
    const history = async () => (await stack.call(DEMO_PERSONA.process_responsible, 'get', `/api/cases/${caseId}/history`)).body.items as { type: string }[];
    await eventually(async () => (await history()).some((e) => e.type.startsWith('xstate.after.responsibleReminder')), 'the reminder to fire');
    const moved = await stack.call(DEMO_PERSONA.process_owner, 'post', `/api/cases/${caseId}/deadlines/${ESCALATION}/move`, {
      workingDays: 15,
      reason: 'Venter på budsjettet for neste år.',
    });
    expect(moved.status).toBe(200);
    const held = await stack.call(DEMO_PERSONA.admin, 'post', `/api/workflows/instances/${caseId}/hold`, { reason: 'Omorganisering av fakultetet.' });
    expect(held.status).toBe(200);
    const { body: shown } = await stack.call(DEMO_PERSONA.employee, 'get', `/api/cases/${caseId}`);
    const ingrid = nameOf(DEMO_PERSONA.process_owner);
    const henrik = nameOf(DEMO_PERSONA.admin);

    await keyboard.signIn(DEMO_PERSONA.process_responsible, 'nb');
    await page.goto(`${stack.baseUrl}/cases/${caseId}`);
    await stack.heading(`${shown.reference}: ${CASE_TITLE}`);
    await page.getByText(/^Saken er satt på vent siden .+\. Fristene står stille så lenge\.$/).waitFor();
    const passed = await historyEntry('Fristen gikk ut');
    expect(passed).toContain('Hvem: Flyt, automatisk');
    expect(passed).not.toContain('Med myndighet som');
    expect(passed).toContain('Frist: prosessansvarlig får en påminnelse om å vurdere saken');
    const move = await historyEntry('En frist ble flyttet');
    expect(move).toContain(`Hvem: ${ingrid}`);
    expect(move).toContain('Frist: prosesseieren får beskjed om at vurderingen er forsinket');
    expect(move).toMatch(/Flyttet: Fra .+ til .+ Begrunnelse: Venter på budsjettet for neste år\./);
    const hold = await historyEntry('Saken ble satt på vent');
    expect(hold).toContain(`Hvem: ${henrik}`);
    expect(hold).toContain('Med myndighet som: administrator');
    expect(hold).toContain('Begrunnelse: Omorganisering av fakultetet.');
    expect(await page.getByTestId('where-text').innerText()).toContain('Når fristen går ut: prosesseieren får beskjed om at vurderingen er forsinket');
    await stack.shoot('deadlines-nb');
    await stack.axe('case page, deadlines and on hold (bokmål)');

    await switchLanguage('en');
    await stack.heading(`${shown.reference}: ${CASE_TITLE}`);
    await page.getByText(/^The case has been on hold since .+\. Its deadlines are stopped meanwhile\.$/).waitFor();
    expect(await historyEntry('A deadline passed')).toContain('Deadline: the process responsible is reminded to assess the case');
    expect(await historyEntry('A deadline was moved')).toContain('Reason: Venter på budsjettet for neste år.');
    expect(await historyEntry('The case was put on hold')).toContain('With the authority of: administrator');
    await stack.shoot('deadlines-en');
    await stack.axe('case page, deadlines and on hold (English)');
  }, 300_000);
});
