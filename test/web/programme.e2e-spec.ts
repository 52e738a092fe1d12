import { readFileSync } from 'node:fs';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { proposedCase } from '../portfolio/round-support.js';
import { eventually } from '../worker/worker-support.js';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * The programme's screens in a real browser (docs/priority-rounds.md): the secretariat sets up a
 * round from the backlog and opens it; two council members vote on the ballot page, one of them
 * declaring a conflict of interest and the other by keyboard alone; the secretariat decides the
 * conflict, closes voting, tries a what-if scenario and recommends; the rector approves; the
 * result, the development plan and the minutes show the prioritised cases. Once in bokmål, once
 * in English, with axe on every screen.
 */

const SECOND_MEMBER = 'terje.andersen@universitet.example';
const SECOND_MEMBER_NAME = 'Terje Andersen';
const LEFT_OUT_MEMBER = 'Øystein Berge';
const COUNCIL = ['Randi Sørensen', 'Terje Andersen', LEFT_OUT_MEMBER];
const VOTERS = ['Randi Sørensen', 'Terje Andersen'];
const CRITERIA = ['userValue', 'resourceSavings', 'quality', 'strategicFit', 'riskAndFeasibility'];

const WORDS = {
  nb: {
    menu: 'Programmet',
    programme: 'Programmet',
    newRound: 'Sett opp en prioriteringsrunde',
    setupTitle: 'Ny prioriteringsrunde',
    backlog: 'Saker som venter på prioritering',
    deferredOnce: 'Utsatt én gang',
    roundTitle: 'Tittel',
    planYear: 'Planår',
    frame: (year: number) => `Ramme ${year} (kr)`,
    include: (ref: string) => `Ta med ${ref} i runden`,
    create: 'Opprett runden',
    editSetup: 'Endre oppsettet av runden',
    lacksMembers: 'Runden kan ikke åpnes ennå. Den mangler medlemmer av programrådet.',
    editTitle: (ref: string) => `Oppsettet av ${ref}`,
    boardDecision: 'Styrevedtak (valgfritt)',
    boardCase: 'Styresak 45/26',
    saveSetup: 'Lagre oppsettet',
    errorSummary: 'Rett opp dette før du sender:',
    open: 'Åpne for stemmegivning',
    closesAt: 'Stemmegivningen stenger',
    send: 'Send',
    sent: 'Registrert. Siden viser runden slik den er nå.',
    states: { draft: 'Under oppsett', open: 'Åpen for stemmegivning', closed: 'Stemmegivningen er avsluttet', recommended: 'Til godkjenning hos rektor', approved: 'Godkjent av rektor' },
    toBallot: (ref: string) => `Til stemmeseddelen din i ${ref}`,
    ballotTitle: (ref: string) => `Stemmeseddel for ${ref}`,
    declare: (ref: string) => `Meld inhabilitet i ${ref}`,
    declareReason: 'Hvordan er du knyttet til saken? (valgfritt)',
    declareSubmit: 'Meld inhabilitet',
    conflictReason: 'Enheten min meldte saken',
    comment: 'Viktig for studentene',
    signInAs: (name: string) => `Logg inn som ${name}`,
    leftOut: 'Inhabil',
    criterion: { userValue: 'Brukerverdi', resourceSavings: 'Ressursbesparelse', quality: 'Kvalitet', strategicFit: 'Strategisk treff (mål 1–12)', riskAndFeasibility: 'Risiko og gjennomførbarhet' } as Record<string, string>,
    saved: 'Lagret',
    savedAnnounced: (ref: string) => `${ref} er lagret.`,
    progress: (scored: number, total: number) => `Du har gitt poeng til ${scored} av ${total} saker.`,
    commentFor: (ref: string) => `Kommentar til ${ref}`,
    commentLabel: 'Kommentar',
    allSaved: 'Alt du har valgt, er lagret.',
    votingProgress: '2 av 2 medlemmer har gitt poeng til alle sakene; 2 må stemme.',
    decide: (member: string, ref: string) => `Avgjør for ${member} i ${ref}`,
    upheld: 'Inhabil',
    saveDecision: 'Lagre avgjørelsen',
    closeVoting: 'Steng stemmegivningen',
    result: 'Resultatet',
    selected: 'Valgt',
    notSelected: 'Ikke valgt',
    portfolio: /^Sakene i «Programrådets oppsett»/,
    conflicts: 'Meldt og foreslått inhabilitet med sekretariatets avgjørelse',
    candidates: 'Sakene i runden med kostnad per år i rammen',
    greedySame: /det samme som å ta sakene i rekkefølge etter poeng/,
    whatIfName: 'Navn på scenarioet',
    whatIf: 'Større ramme',
    run: 'Beregn scenarioet',
    whatIfDone: 'Scenarioet «Større ramme» er beregnet og vises side om side med de andre.',
    recommend: 'Anbefal til rektor',
    scenario: 'Scenario',
    baseline: 'Programrådets oppsett',
    note: 'Merknad til rektor (valgfritt)',
    minutes: 'Last ned protokollen (PDF)',
    approve: 'Godkjenn porteføljen',
    returnIt: 'Send tilbake til sekretariatet',
    prioritised: 'Prioriteres',
    deferred: 'Utsettes',
    declined: 'Avslås',
    changeOutcome: (ref: string) => `Endre for ${ref}`,
    declineOption: 'Avslå den',
    declineReason: 'Begrunnelse for avslaget',
    save: 'Lagre',
    declinedBecause: 'Avslås: Dekkes av fellesløsningen',
    carriedOver: 'Saker årets runder utsatte, som fortsatt venter på prioritering',
    noneCarriedOver: 'Ingen saker er utsatt.',
    toPlan: (year: number) => `Se utviklingsplanen for ${year}`,
    planTitle: (year: number) => `Utviklingsplan ${year}`,
    csv: 'Last ned som regneark (CSV)',
    signOut: 'Logg ut',
  },
  en: {
    menu: 'Programme',
    programme: 'The programme',
    newRound: 'Set up a priority round',
    setupTitle: 'New priority round',
    backlog: 'Cases awaiting prioritisation',
    deferredOnce: 'Deferred once',
    roundTitle: 'Title',
    planYear: 'Plan year',
    frame: (year: number) => `Frame ${year} (NOK)`,
    include: (ref: string) => `Include ${ref} in the round`,
    create: 'Create the round',
    editSetup: 'Change the round’s set-up',
    lacksMembers: 'The round cannot open yet. It lacks programme council members.',
    editTitle: (ref: string) => `The set-up of ${ref}`,
    boardDecision: 'Board decision (optional)',
    boardCase: 'Board case 45/26',
    saveSetup: 'Save the set-up',
    errorSummary: 'Correct this before you send:',
    open: 'Open for voting',
    closesAt: 'Voting closes',
    send: 'Send',
    sent: 'Done. The page shows the round as it is now.',
    states: { draft: 'Being set up', open: 'Open for voting', closed: 'Voting closed', recommended: 'Awaiting the rector’s approval', approved: 'Approved by the rector' },
    toBallot: (ref: string) => `To your ballot in ${ref}`,
    ballotTitle: (ref: string) => `Ballot for ${ref}`,
    declare: (ref: string) => `Declare a conflict of interest in ${ref}`,
    declareReason: 'How are you connected to the case? (optional)',
    declareSubmit: 'Declare the conflict of interest',
    conflictReason: 'My unit reported the case',
    comment: 'Important for the students',
    signInAs: (name: string) => `Sign in as ${name}`,
    leftOut: 'Conflict of interest',
    criterion: { userValue: 'User value', resourceSavings: 'Resource savings', quality: 'Quality', strategicFit: 'Strategic fit (goals 1–12)', riskAndFeasibility: 'Risk and feasibility' } as Record<string, string>,
    saved: 'Saved',
    savedAnnounced: (ref: string) => `${ref} is saved.`,
    progress: (scored: number, total: number) => `You have scored ${scored} of ${total} cases.`,
    commentFor: (ref: string) => `Comment on ${ref}`,
    commentLabel: 'Comment',
    allSaved: 'Everything you have chosen is saved.',
    votingProgress: '2 of 2 members have scored every case; 2 must vote.',
    decide: (member: string, ref: string) => `Decide for ${member} in ${ref}`,
    upheld: 'Conflict of interest',
    saveDecision: 'Save the decision',
    closeVoting: 'Close voting',
    result: 'The result',
    selected: 'Selected',
    notSelected: 'Not selected',
    portfolio: /^The cases of “The council’s set-up”/,
    conflicts: 'Declared and suggested conflicts of interest with the secretariat’s decision',
    candidates: 'The cases in the round with their cost per year of the frame',
    greedySame: /the same as taking the cases in order of score/,
    whatIfName: 'Name of the scenario',
    whatIf: 'Bigger frame',
    run: 'Compute the scenario',
    whatIfDone: 'The scenario “Bigger frame” is computed and shown side by side with the others.',
    recommend: 'Recommend to the rector',
    scenario: 'Scenario',
    baseline: 'The council’s set-up',
    note: 'Note to the rector (optional)',
    minutes: 'Download the minutes (PDF)',
    approve: 'Approve the portfolio',
    returnIt: 'Return to the secretariat',
    prioritised: 'Prioritised',
    deferred: 'Deferred',
    declined: 'Declined',
    changeOutcome: (ref: string) => `Change for ${ref}`,
    declineOption: 'Decline it',
    declineReason: 'Reason for declining',
    save: 'Save',
    declinedBecause: 'Declined: Dekkes av fellesløsningen',
    carriedOver: 'Cases this year’s rounds deferred that still await prioritisation',
    noneCarriedOver: 'No cases are deferred.',
    toPlan: (year: number) => `See the development plan for ${year}`,
    planTitle: (year: number) => `Development plan ${year}`,
    csv: 'Download as a spreadsheet (CSV)',
    signOut: 'Sign out',
  },
};

let stack: BrowserStack;

beforeAll(async () => {
  // The worker delivers the rector's decisions to the cases; the development plan reads them there.
  stack = await startBrowserStack({ name: 'programme', worker: true });
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

/** A local date and time for an `<input type="datetime-local">`, days from now. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T12:00`;
}

describe.each([
  ['nb', 1],
  ['en', 2],
] as const)('the programme in %s', (language, yearsAhead) => {
  const w = WORDS[language];
  const planYear = new Date().getFullYear() + yearsAhead;
  const cases: { id: string; reference: string }[] = [];
  let roundId = '';
  let roundRef = '';
  const shot = (name: string) => stack.shoot(`${language}-${name}`);

  const signOut = async () => {
    await stack.page.getByRole('button', { name: w.signOut }).click();
    await stack.page.waitForURL((url) => url.pathname === '/sign-in');
  };
  /** Whoever the last test left signed in (a failed one too) is signed out first. */
  const signInAs = async (who: Parameters<BrowserStack['signInAs']>[0]) => {
    if (stack.page.url().startsWith(stack.baseUrl)) await stack.page.evaluate('sessionStorage.clear()');
    await stack.signInAs(who, language);
  };
  /** A dialog fades in: axe reads colours once it has. */
  const settled = () => eventually(() => stack.page.evaluate("document.getAnimations().every((a) => a.playState !== 'running')"), 'the dialog to settle');
  /** The screen as it is on a phone (390 px wide): nothing may hang outside it but the tables, which scroll. */
  const onPhone = async (name: string) => {
    await stack.page.setViewportSize({ width: 390, height: 844 });
    const overflow = await stack.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    await shot(name);
    await stack.page.setViewportSize({ width: 1280, height: 900 });
    expect({ screen: name, overflow }).toEqual({ screen: name, overflow: 0 });
  };
  /** A case's row in the score grid (the row under it holds its comment). */
  const caseRow = (reference: string) => stack.page.getByRole('row', { name: new RegExp(reference) }).first();
  const state = (text: string) => stack.page.locator('dl.programme-facts dd').first().filter({ hasText: text }).waitFor();
  const focusedId = () => stack.page.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;

  it('the secretariat sets up a round from the backlog, is told what it lacks, completes the set-up and opens it', async () => {
    const { page } = stack;
    const previousBacklog = (await stack.call(DEMO_PERSONA.programme_secretariat, 'get', '/api/rounds/candidates')).body.items as { reference: string }[];
    const titles = language === 'nb' ? ['Digital timeføring', 'Felles saksarkiv', 'Ny søknadsportal'] : ['Digital timesheets', 'Shared case archive', 'New application portal'];
    for (const [i, title] of titles.entries()) cases.push(await proposedCase(stack, title, [400_000, 700_000, 900_000][i]!));

    await signInAs('programme_secretariat');
    await page.getByRole('link', { name: w.menu, exact: true }).click();
    await stack.heading(w.programme);
    const backlog = page.getByRole('table', { name: new RegExp(w.backlog) });
    for (const c of cases) await backlog.getByRole('link', { name: c.reference }).waitFor();
    if (previousBacklog.length > 0) await backlog.getByText(w.deferredOnce).first().waitFor();
    await shot('1-programme');
    await stack.axe(`programme, ${language}`);

    await page.getByRole('link', { name: w.newRound }).click();
    await stack.heading(w.setupTitle);
    await page.getByRole('checkbox', { name: LEFT_OUT_MEMBER }).waitFor();
    await page.getByRole('checkbox', { name: w.include(cases[0]!.reference) }).waitFor();
    await page.getByLabel(w.planYear, { exact: true }).fill(String(planYear));
    await page.getByLabel(w.frame(planYear)).fill('1 500 000');
    // Members are chosen later: first the round is set up without them.
    for (const name of COUNCIL) await page.getByRole('checkbox', { name }).uncheck();
    // Only this journey's cases: a case deferred by an earlier round waits in the backlog too.
    for (const other of previousBacklog) await page.getByRole('checkbox', { name: w.include(other.reference) }).uncheck();
    await shot('2-setup');
    await stack.axe(`round set-up, ${language}`);

    // Without a title the API refuses, naming the field; what was typed stays.
    await page.getByRole('button', { name: w.create }).click();
    await page.getByText(w.errorSummary).waitFor();
    await page.locator('#setup-title[aria-invalid="true"]').waitFor();
    expect(await page.getByLabel(w.frame(planYear)).inputValue()).toBe('1 500 000');
    expect(await page.getByRole('checkbox', { name: LEFT_OUT_MEMBER }).isChecked()).toBe(false);
    await shot('3-setup-refused');
    await stack.axe(`round set-up refused, ${language}`);

    await page.getByLabel(w.roundTitle, { exact: true }).fill(w.planTitle(planYear));
    await page.getByRole('button', { name: w.create }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    roundId = page.url().split('/').pop()!;
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^RUNDE-\\d+: ${w.planTitle(planYear)}$`) });
    await heading.waitFor();
    roundRef = (await heading.textContent())!.split(':')[0]!;
    await state(w.states.draft);
    for (const c of cases) await page.getByRole('table').getByRole('link', { name: c.reference }).waitFor();
    await shot('4-round-draft');
    await stack.axe(`round in draft, ${language}`);

    // Without members it cannot open, and says so in the person's language.
    await page.getByText(w.lacksMembers).waitFor();
    expect(await page.getByRole('button', { name: w.open }).count()).toBe(0);

    // The set-up may change until voting opens: what was set is there to change.
    await page.getByRole('link', { name: w.editSetup }).click();
    await stack.heading(w.editTitle(roundRef));
    expect(await page.getByLabel(w.frame(planYear)).inputValue()).toBe('1500000');
    for (const name of VOTERS) await page.getByRole('checkbox', { name }).check();
    await page.getByLabel(w.boardDecision).fill(w.boardCase);
    await shot('4-setup-edit');
    await stack.axe(`round set-up changed, ${language}`);
    await page.getByRole('button', { name: w.saveSetup }).click();
    await page.waitForURL(`${stack.baseUrl}/rounds/${roundId}`);
    await page.locator('dl.programme-facts').getByText(w.boardCase).waitFor();
    await page.getByRole('listitem').filter({ hasText: VOTERS[1]! }).waitFor();

    await page.getByRole('button', { name: w.open }).click();
    await page.getByLabel(w.closesAt).fill(inDays(3));
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.getByText(w.sent).waitFor();
    await state(w.states.open);
    await shot('5-round-open');
    await stack.axe(`round open, ${language}`);
    await signOut();
  }, 300_000);

  it('a council member declares a conflict for one case and scores the others, saved as she goes', async () => {
    const { page } = stack;
    await signInAs('programme_council');
    await page.getByRole('link', { name: w.menu, exact: true }).click();
    await page.getByRole('link', { name: new RegExp(`^${roundRef}:`) }).click();
    await state(w.states.open);
    await page.getByRole('link', { name: w.toBallot(roundRef) }).click();
    await stack.heading(w.ballotTitle(roundRef));
    await page.getByText(w.progress(0, 3)).waitFor();
    await shot('6-ballot-empty');
    await stack.axe(`ballot, ${language}`);

    // The conflict of interest: she is left out of the third case's tally.
    await page.getByRole('button', { name: w.declare(cases[2]!.reference) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(w.declareReason).fill(w.conflictReason);
    await settled();
    await stack.axe(`conflict dialog, ${language}`);
    await dialog.getByRole('button', { name: w.declareSubmit }).click();
    await caseRow(cases[2]!.reference).getByText(w.leftOut, { exact: true }).waitFor();
    await page.getByText(w.progress(0, 2)).waitFor();

    const scores = [4, 3];
    for (const [i, score] of scores.entries()) {
      const ref = cases[i]!.reference;
      for (const key of CRITERIA) await page.getByRole('combobox', { name: `${w.criterion[key]} ${ref}` }).selectOption(String(score));
      await caseRow(ref).getByText(w.saved, { exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: w.savedAnnounced(ref) }).waitFor({ state: 'attached' });
    }
    // A comment is saved when she leaves the field.
    await page.getByText(w.commentFor(cases[0]!.reference)).click();
    await page.getByLabel(w.commentLabel, { exact: true }).first().fill(w.comment);
    await page.getByRole('button', { name: w.declare(cases[1]!.reference) }).focus();
    const ballot = await eventually(async () => {
      const mine = (await stack.call(DEMO_PERSONA.programme_council, 'get', `/api/rounds/${roundId}/ballot`)).body;
      return mine.votes.some((v: { comment: string | null }) => v.comment) ? mine : null;
    }, 'the comment to be saved');
    expect(ballot.complete).toBe(true);
    expect(ballot.votes.find((v: { caseId: string }) => v.caseId === cases[0]!.id)).toMatchObject({ scores: Object.fromEntries(CRITERIA.map((k) => [k, 4])), comment: w.comment });
    await page.getByText(w.allSaved).waitFor();
    await page.getByText(w.progress(2, 2)).waitFor();
    await shot('7-ballot-voted');
    await stack.axe(`ballot voted, ${language}`);
    await onPhone('7-ballot-phone');
    await signOut();
  }, 300_000);

  it('a second council member votes by keyboard alone', async () => {
    const { page } = stack;
    // Signing in, too: Tab to her name on the picker, Enter.
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${stack.baseUrl}/sign-in`);
    await stack.switchTo(language);
    await stack.tabTo(w.signInAs(SECOND_MEMBER_NAME), 300);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    // The link in the mail about the round, then on by keyboard.
    await page.goto(`${stack.baseUrl}/rounds/${roundId}`);
    await state(w.states.open);
    await stack.tabTo(w.toBallot(roundRef));
    await page.keyboard.press('Enter');
    await stack.heading(w.ballotTitle(roundRef));
    const scores = [4, 3, 5];
    for (const [i, score] of scores.entries()) {
      for (const key of CRITERIA) {
        const id = `score-${cases[i]!.id}-${key}`;
        for (let tabs = 0; (await focusedId()) !== id; tabs++) {
          if (tabs > 40) throw new Error(`${id} never took focus`);
          await page.keyboard.press('Tab');
        }
        // A select takes the option whose text starts with the key typed.
        await page.keyboard.press(String(score));
        expect(await page.locator(`#${id}`).inputValue()).toBe(String(score));
      }
      await caseRow(cases[i]!.reference).getByText(w.saved, { exact: true }).waitFor();
    }
    await page.getByText(w.progress(3, 3)).waitFor();
    await page.getByText(w.allSaved).waitFor();
    await shot('8-ballot-keyboard');
    await stack.axe(`ballot by keyboard, ${language}`);
    const ballot = (await stack.call(SECOND_MEMBER, 'get', `/api/rounds/${roundId}/ballot`)).body;
    expect(ballot.complete).toBe(true);
    expect(ballot.votes.find((v: { caseId: string }) => v.caseId === cases[2]!.id).scores).toEqual(Object.fromEntries(CRITERIA.map((k) => [k, 5])));
    await signOut();
  }, 300_000);

  it('the secretariat decides the conflict, closes voting, compares a what-if scenario, recommends, and downloads the minutes', async () => {
    const { page } = stack;
    await signInAs('programme_secretariat');
    await page.goto(`${stack.baseUrl}/rounds/${roundId}`);
    await state(w.states.open);
    await page.getByText(w.votingProgress).waitFor();

    await page.getByRole('button', { name: w.decide('Randi Sørensen', cases[2]!.reference) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: w.upheld, exact: true }).check();
    await settled();
    await stack.axe(`conflict decision dialog, ${language}`);
    await dialog.getByRole('button', { name: w.saveDecision }).click();
    // The dialog closes once the decision is saved; until then its choice "upheld" stands beside the table's.
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: w.conflicts }).getByRole('row', { name: /Randi Sørensen/ }).getByRole('cell', { name: w.upheld, exact: true }).waitFor();

    await page.getByRole('button', { name: w.closeVoting }).click();
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await state(w.states.closed);
    await page.getByRole('heading', { level: 2, name: w.result }).waitFor();
    // The council's portfolio: the first and third case fit the frame and score best; the second is left out.
    const portfolio = page.getByRole('table', { name: w.portfolio });
    await portfolio.getByRole('row', { name: new RegExp(cases[0]!.reference) }).getByText(w.selected, { exact: true }).waitFor();
    await portfolio.getByRole('row', { name: new RegExp(cases[2]!.reference) }).getByText(w.selected, { exact: true }).waitFor();
    await page.getByText(w.greedySame).first().waitFor();
    await shot('9-round-result');
    await stack.axe(`round result, ${language}`);

    await page.getByLabel(w.whatIfName).fill(w.whatIf);
    await page.getByLabel(w.frame(planYear)).fill('2 500 000');
    await page.getByRole('button', { name: w.run }).click();
    await page.getByText(w.whatIfDone).waitFor();
    const comparison = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: w.whatIf }) });
    // The second case: left out by the council's frame, selected with the bigger one.
    expect(await comparison.getByRole('row', { name: new RegExp(cases[1]!.reference) }).getByRole('cell').allTextContents()).toEqual([w.notSelected, w.selected]);
    await shot('10-round-scenarios');
    await stack.axe(`round scenarios, ${language}`);

    // In English the secretariat declines the case the portfolio leaves out; in bokmål it is deferred, as by default.
    if (language === 'en') {
      await page.getByRole('button', { name: w.changeOutcome(cases[1]!.reference) }).click();
      const outcome = page.getByRole('dialog');
      await outcome.getByRole('radio', { name: w.declineOption }).check();
      await outcome.getByLabel(w.declineReason).fill('Dekkes av fellesløsningen');
      await settled();
      await stack.axe(`outcome dialog, ${language}`);
      await outcome.getByRole('button', { name: w.save, exact: true }).click();
      await page.getByRole('table', { name: w.candidates }).getByText(w.declinedBecause).waitFor();
    }

    await page.getByRole('button', { name: w.recommend }).click();
    await page.getByLabel(w.scenario, { exact: true }).selectOption({ label: w.baseline });
    await page.getByLabel(w.note).fill('Rådets eget oppsett');
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await state(w.states.recommended);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: w.minutes }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`${roundRef}-protokoll.pdf`);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot('11-round-recommended');
    await stack.axe(`round recommended, ${language}`);
    await signOut();
  }, 300_000);

  it('the rector approves; the cases are prioritised in the development plan, which downloads as CSV', async () => {
    const { page } = stack;
    await signInAs('rector');
    await page.goto(`${stack.baseUrl}/rounds/${roundId}`);
    await state(w.states.recommended);
    await page.getByRole('button', { name: w.returnIt }).waitFor();
    await page.getByRole('button', { name: w.approve }).click();
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await state(w.states.approved);
    const candidates = page.getByRole('table', { name: w.candidates });
    await candidates.getByRole('row', { name: new RegExp(cases[0]!.reference) }).getByText(w.prioritised).waitFor();
    await candidates.getByRole('row', { name: new RegExp(cases[1]!.reference) }).getByText(language === 'en' ? w.declined : w.deferred, { exact: true }).waitFor();
    await shot('12-round-approved');
    await stack.axe(`round approved, ${language}`);
    await onPhone('12-round-approved-phone');

    await page.getByRole('link', { name: w.toPlan(planYear) }).click();
    await page.waitForURL(`${stack.baseUrl}/development-plan/${planYear}`);
    const planHeading = page.getByRole('heading', { level: 1, name: w.planTitle(planYear), exact: true });
    await planHeading.waitFor();
    // The worker carries the decisions to the cases; the plan reads them there.
    await eventually(async () => {
      await page.reload();
      await planHeading.waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      return (await page.getByRole('link', { name: cases[2]!.reference }).count()) > 0;
    }, 'the prioritised cases in the development plan', 60_000);
    await page.getByRole('link', { name: cases[0]!.reference }).first().waitFor();
    // The case left out waits for the next round when deferred; a declined one is in no plan.
    if (language === 'nb') await page.getByRole('table', { name: w.carriedOver }).getByRole('link', { name: cases[1]!.reference }).waitFor();
    else await page.getByText(w.noneCarriedOver).waitFor();
    await shot('13-development-plan');
    await stack.axe(`development plan, ${language}`);
    await onPhone('13-development-plan-phone');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: w.csv }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe(`utviklingsplan-${planYear}.csv`);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain(cases[0]!.reference);
    expect(text).toContain(cases[2]!.reference);
    await signOut();
  }, 300_000);
});
