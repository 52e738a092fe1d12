import { randomUUID } from 'node:crypto';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { callerOf, dayFromNow, ok, prioritisedCase } from '../projects/project-support.js';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * The project pages in a browser (issue 11, docs/projects.md): the project manager takes a
 * project through a gate with a checklist item missing first. The process owner appoints the team
 * with the person picker; the manager writes the project justification with one alternative, sees
 * the submission refused naming what is missing, adds the second, and submits; the process owner
 * decides GO, and the page shows the next phase and the decision with its figures. In bokmål by
 * keyboard alone; in English by mouse, on through BP3 with the registers and plans as tables, a
 * colleague's save in between (409), and a status report. Axe on every screen, screenshots of each.
 */

let stack: BrowserStack;

const personaName = (email: string) => stack.demo.users.find((u) => u.email === email)!.name;
const userId = (email: string) => stack.demo.users.find((u) => u.email === email)!.id;

beforeAll(async () => {
  stack = await startBrowserStack({ name: 'project', worker: true });
}, 300_000);
afterAll(() => stack?.close());

/** The accessible name of the focused element: its aria-label, the element it is labelled by, its label, or its text. */
async function focusedName(): Promise<string> {
  return (await stack.page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e) return '';
    const by = e.getAttribute('aria-labelledby');
    const labelled = by ? by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
    return (e.getAttribute('aria-label') || labelled || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || '').trim();
  })()`)) as string;
}

/** A step of the project's phases and gates. */
const phaseStep = (options: { hasText: string }) => stack.page.locator('.phase-steps > li').filter(options);

/** Presses Tab (or Shift+Tab) until the focused element's name is `name`: how a keyboard user moves to a field or button. */
async function keyTo(name: string | RegExp, { back = false, max = 120 } = {}): Promise<void> {
  const matches = (found: string) => (typeof name === 'string' ? found === name : name.test(found));
  if (matches(await focusedName())) return;
  for (let i = 0; i < max; i++) {
    await stack.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (matches(await focusedName())) return;
  }
  throw new Error(`nothing named ${String(name)} took focus within ${max} presses of ${back ? 'Shift+Tab' : 'Tab'} (last: ${await focusedName()})`);
}

/** Moves to a field by keyboard and types into it. */
async function typeInto(name: string | RegExp, text: string, options: { back?: boolean } = {}): Promise<void> {
  await keyTo(name, options);
  await stack.page.keyboard.type(text);
}

async function signInByKeyboard(email: string): Promise<void> {
  const { page } = stack;
  await page.goto(`${stack.baseUrl}/sign-in`);
  await stack.heading('Logg inn');
  await keyTo(`Logg inn som ${personaName(email)}`);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

async function signOutByKeyboard(): Promise<void> {
  await keyTo('Logg ut', { back: true });
  await stack.page.keyboard.press('Enter');
  await stack.heading('Logg inn');
}

/** From the main menu to the project's page, by keyboard. */
async function openProjectByKeyboard(linkText: string): Promise<void> {
  await stack.page.locator('h1').first().waitFor();
  // The main menu is above the page's heading, where focus is.
  await keyTo('Prosjekter', { back: true });
  await stack.page.keyboard.press('Enter');
  await stack.heading('Prosjekter');
  await stack.page.getByRole('link', { name: linkText }).waitFor();
  await keyTo(linkText);
  await stack.page.keyboard.press('Enter');
  await stack.heading(linkText);
}

/** A person picked by keyboard: type in the picker's search, wait for the match, move into the list and choose it with the arrow keys. */
async function pickPersonByKeyboard(group: string, name: string): Promise<void> {
  const { page } = stack;
  const picker = page.getByRole('group', { name: group, exact: true });
  await keyTo('Søk etter person');
  await page.keyboard.type(name);
  await picker.getByRole('radio', { name: new RegExp(name) }).waitFor();
  await page.keyboard.press('Tab');
  expect(await focusedName()).toBe('Ingen valgt');
  await page.keyboard.press('ArrowDown');
  expect(await focusedName()).toMatch(new RegExp(`^${name}`));
  expect(await picker.getByRole('radio', { name: new RegExp(name) }).isChecked()).toBe(true);
}

describe('a project through a gate, with a checklist item missing first', () => {
  it('in bokmål, by keyboard alone: team appointed, justification refused with one alternative, BP2 passed with its figures', async () => {
    const { page } = stack;
    const { projectId } = await prioritisedCase(stack, 'Digitale eksamensprotokoller', 500_000);
    const project = ok(await callerOf(stack, DEMO_PERSONA.process_owner).get(`/api/projects/${projectId}`)).body;
    const title = `${project.reference} Digitale eksamensprotokoller`;

    // The process owner finds the project in the list and appoints its team.
    await signInByKeyboard(DEMO_PERSONA.process_owner);
    await keyTo('Prosjekter', { back: true });
    await page.keyboard.press('Enter');
    await stack.heading('Prosjekter');
    const row = page.getByRole('row', { name: new RegExp(project.reference) });
    await row.getByText('Venter på utnevnelse').waitFor();
    await stack.shoot('1-list-nb');
    await stack.axe('project list, bokmål');
    await keyTo(title);
    await page.keyboard.press('Enter');
    await stack.heading(title);
    await page.getByText('Venter på prosjekteier og prosjektleder').first().waitFor();
    expect(await phaseStep({ hasText: 'Mandat' }).getAttribute('aria-current')).toBe('step');
    await stack.shoot('2-mandate-nb');
    await stack.axe('project in its mandate, bokmål');

    await keyTo('Utnevn prosjekteier og prosjektleder');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Utnevn prosjekteier og prosjektleder' }).waitFor();
    await pickPersonByKeyboard('Prosjekteier', personaName(DEMO_PERSONA.line_manager));
    await pickPersonByKeyboard('Prosjektleder', personaName(DEMO_PERSONA.project_manager));
    await typeInto('Kommentar (valgfritt)', 'Knut eier prosessen i instituttet; Anders leder prosjektet.');
    await stack.shoot('3-appoint-form-nb');
    await stack.axe('appointing the team, bokmål');
    await keyTo('Send');
    await page.keyboard.press('Enter');
    await page.getByText('Prosjekteieren og prosjektlederen er utnevnt.').waitFor();
    await page.getByText('Konseptfase – arbeidet pågår').first().waitFor();
    await signOutByKeyboard();

    // The project manager writes the justification with one alternative only.
    await signInByKeyboard(DEMO_PERSONA.project_manager);
    await openProjectByKeyboard(title);
    const checklist = page.getByRole('region', { name: 'Sjekkliste for BP2' });
    await checklist.getByText('Prosjektbegrunnelsen', { exact: true }).waitFor();
    await page.getByText(/Send til beslutningspunktet: Sjekklisten for BP2 er ikke oppfylt\. Dette mangler: prosjektbegrunnelsen/).waitFor();
    await stack.shoot('4-concept-nb');
    await stack.axe('project in the concept phase, bokmål');

    await keyTo('Skriv prosjektbegrunnelsen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 4, name: 'Skriv prosjektbegrunnelsen' }).waitFor();
    await typeInto('Bakgrunn', 'Eksamensprotokollene skrives på papir og skannes.');
    await typeInto('Mål', 'Alle protokoller digitale innen 2028.');
    await keyTo(/^Legg til: Alternativer/);
    await page.keyboard.press('Enter');
    // The new alternative's fields come before the button: back up to its first.
    await typeInto('Navn på alternativet', 'Digital protokoll i eksamenssystemet', { back: true });
    await typeInto('Beskrivelse', 'Protokollen fylles ut i eksamenssystemet.');
    await typeInto('Nytte', '800 timer spart i året.');
    await typeInto('Kostnad (kr)', 'en million');
    await keyTo(/^Dette er alternativet prosjektet anbefaler/);
    await page.keyboard.press('Space');
    await typeInto('Anbefaling', 'Digital protokoll.');
    await keyTo('Lagre');
    await page.keyboard.press('Enter');

    // The API refuses the cost that is not a number: the error is at the field, and the summary leads there.
    const summary = page.getByRole('heading', { name: 'Rett opp dette før du sender:' });
    await summary.waitFor();
    await page.getByRole('link', { name: 'Kostnad (kr) (nr. 1): Skriv et tall, for eksempel 1500000.' }).waitFor();
    expect(await page.getByLabel('Kostnad (kr)').getAttribute('aria-invalid')).toBe('true');
    await stack.shoot('5-justification-error-nb');
    await stack.axe('justification with a field error, bokmål');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('A');
    await page.keyboard.press('Enter');
    expect(await focusedName()).toBe('Kostnad (kr)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1000000');
    await keyTo('Lagre');
    await page.keyboard.press('Enter');
    await page.getByText('Prosjektbegrunnelse: lagret.').waitFor();

    // One alternative is not enough for BP2: the submission is blocked, naming the missing item.
    await page.getByRole('table', { name: 'Alternativer' }).getByText('Digital protokoll i eksamenssystemet').waitFor();
    const missing = 'minst to alternativer i prosjektbegrunnelsen, sammenlignet på nytte og kostnad';
    await page.getByText(`Send til beslutningspunktet: Sjekklisten for BP2 er ikke oppfylt. Dette mangler: ${missing}.`).waitFor();
    expect(await checklist.getByRole('listitem').filter({ hasText: 'Minst to alternativer' }).textContent()).toContain('Mangler');
    expect(await page.getByRole('button', { name: 'Send til beslutningspunktet' }).count()).toBe(0);
    await stack.shoot('6-one-alternative-nb');
    await stack.axe('justification with one alternative, bokmål');

    // The manager adds the second alternative; now the project can be submitted.
    await keyTo('Endre prosjektbegrunnelsen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 4, name: 'Endre prosjektbegrunnelsen' }).waitFor();
    await keyTo(/^Legg til: Alternativer/);
    await page.keyboard.press('Enter');
    await typeInto('Navn på alternativet', 'Fortsette med papir', { back: true });
    await typeInto('Beskrivelse', 'Protokollene skrives på papir som i dag.');
    await typeInto('Nytte', 'Ingen.');
    await typeInto('Kostnad (kr)', '0');
    await keyTo('Lagre');
    await page.keyboard.press('Enter');
    await page.getByText('Prosjektbegrunnelse: lagret.').waitFor();
    await page.getByRole('button', { name: 'Send til beslutningspunktet' }).waitFor();
    expect(await checklist.getByText('Mangler').count()).toBe(0);

    await keyTo('Send til beslutningspunktet');
    await page.keyboard.press('Enter');
    await typeInto('Til den som beslutter (valgfritt)', 'Begge alternativer er vurdert.');
    await keyTo('Send');
    await page.keyboard.press('Enter');
    await page.getByText('Prosjektet er sendt til beslutningspunktet.').waitFor();
    await page.getByText('Konseptfase – venter på beslutning ved BP2').first().waitFor();
    await signOutByKeyboard();

    // The process owner decides GO; the page shows the planning phase and the decision with its figures.
    await signInByKeyboard(DEMO_PERSONA.process_owner);
    await openProjectByKeyboard(title);
    await stack.shoot('7-awaiting-decision-nb');
    await stack.axe('project awaiting the BP2 decision, bokmål');
    await keyTo('Gå videre');
    await page.keyboard.press('Enter');
    await typeInto('Begrunnelse', 'Begrunnelsen holder, og alternativene er sammenlignet.');
    await keyTo('Send');
    await page.keyboard.press('Enter');
    await page.getByText('Beslutningen «Gå videre» er registrert.').waitFor();
    expect(await phaseStep({ hasText: 'Planleggingsfase' }).getAttribute('aria-current')).toBe('step');
    const decision = page.getByRole('heading', { level: 3, name: 'BP2: Gå videre' });
    await decision.waitFor();
    const card = page.locator('.decision').filter({ has: decision });
    expect(await card.textContent()).toContain(`${personaName(DEMO_PERSONA.process_owner)} som prosesseier`);
    expect(await card.getByText('Netto nåverdi', { exact: true }).count()).toBe(1);
    expect(await card.locator('dd').filter({ hasText: /kr/ }).count()).toBeGreaterThan(0);
    await page.getByText('Låst ved BP2', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Historikk' }).getByText('Gå videre').first().waitFor();
    await stack.shoot('8-planning-nb');
    await stack.axe('project in the planning phase after BP2, bokmål');
    await signOutByKeyboard();
  }, 300_000);
  it('in English: the same gate by mouse, then BP3 with its registers and plans as tables, a colleague saving in between, and a status report', async () => {
    const { page } = stack;
    const { projectId } = await prioritisedCase(stack, 'Digital timetabling', 400_000);
    const reference = ok(await callerOf(stack, DEMO_PERSONA.process_owner).get(`/api/projects/${projectId}`)).body.reference as string;
    const title = `${reference} Digital timetabling`;
    const open = async (who: keyof typeof DEMO_PERSONA) => {
      const signOut = page.getByRole('button', { name: /^(Sign out|Logg ut)$/ });
      if (await signOut.count()) {
        await signOut.click();
        await page.getByRole('heading', { level: 1, name: /^(Sign in|Logg inn)$/ }).waitFor();
      }
      await stack.signInAs(who, 'en');
      // The deep link the mails use.
      await page.goto(`${stack.baseUrl}/projects/${projectId}`);
      await stack.heading(title);
    };
    const send = async (action: string, fields: Record<string, string> = {}) => {
      await page.getByRole('button', { name: action, exact: true }).click();
      const form = page.getByRole('form', { name: action });
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole('button', { name: 'Send', exact: true }).click();
    };
    const pick = async (group: string, name: string) => {
      const picker = page.getByRole('group', { name: group, exact: true });
      await picker.getByLabel('Search for a person').fill(name);
      await picker.getByRole('radio', { name: new RegExp(name) }).check();
    };

    // The process owner appoints the team.
    await open('process_owner');
    await page.getByRole('button', { name: 'Appoint the project owner and manager' }).click();
    await pick('Project owner', personaName(DEMO_PERSONA.line_manager));
    await pick('Project manager', personaName(DEMO_PERSONA.project_manager));
    await stack.shoot('9-appoint-form-en');
    await stack.axe('appointing the team, English');
    await page.getByRole('form', { name: 'Appoint the project owner and manager' }).getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('The project owner and the project manager are appointed.').waitFor();
    const about = page.getByRole('region', { name: 'About the project' });
    await about.getByText(personaName(DEMO_PERSONA.line_manager)).waitFor();
    await about.getByText(personaName(DEMO_PERSONA.project_manager)).waitFor();

    // The manager writes the justification with one alternative: the gate is blocked, naming what is missing.
    await open('project_manager');
    await page.getByRole('button', { name: 'Write the project justification' }).click();
    const justification = page.getByRole('form', { name: 'Write the project justification' });
    await justification.getByLabel('Background', { exact: true }).fill('Timetables are made in spreadsheets.');
    await justification.getByLabel('Objectives', { exact: true }).fill('One timetable system for all faculties.');
    await justification.getByRole('button', { name: /^Add: Alternatives/ }).click();
    await justification.getByLabel('Name of the alternative').fill('A timetabling system');
    await justification.getByLabel('Description', { exact: true }).fill('Buy and introduce a timetabling system.');
    await justification.getByLabel('Benefit', { exact: true }).fill('600 hours a year.');
    await justification.getByLabel('Cost (NOK)', { exact: true }).fill('800000');
    await justification.getByLabel('This is the alternative the project recommends').check();
    await justification.getByLabel('Recommendation', { exact: true }).fill('Buy the system.');
    await justification.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Project justification: saved.').waitFor();
    await page
      .getByText('Submit for the gate: The checklist for BP2 is not complete. Missing: at least two alternatives in the project justification, compared on benefit and cost.')
      .waitFor();
    await stack.shoot('10-one-alternative-en');
    await stack.axe('justification with one alternative, English');

    await page.getByRole('button', { name: 'Change the project justification' }).click();
    const change = page.getByRole('form', { name: 'Change the project justification' });
    await change.getByRole('button', { name: /^Add: Alternatives/ }).click();
    await change.getByLabel('Name of the alternative').nth(1).fill('Carry on with spreadsheets');
    await change.getByLabel('Description', { exact: true }).nth(1).fill('As today.');
    await change.getByLabel('Benefit', { exact: true }).nth(1).fill('None.');
    await change.getByLabel('Cost (NOK)', { exact: true }).nth(1).fill('0');
    await change.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Project justification: saved.').waitFor();
    await send('Submit for the gate');
    await page.getByText('The project is submitted for the gate.').waitFor();

    await open('process_owner');
    await send('Go on', { Reason: 'The alternatives are compared; the system is worth it.' });
    await page.getByText('The decision “Go on” is recorded.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'BP2: Go on' }).waitFor();
    expect(await phaseStep({ hasText: 'Planning phase' }).getAttribute('aria-current')).toBe('step');

    // The manager writes the planning documents (through the API), all but a user representative in the steering group.
    const manager = callerOf(stack, DEMO_PERSONA.project_manager);
    const put = async (who: ReturnType<typeof callerOf>, kind: string, content: unknown, expectedVersion?: number) =>
      ok(await who.put(`/api/projects/${projectId}/artefacts/${kind}`, { content, ...(expectedVersion === undefined ? {} : { expectedVersion }) }));
    await put(manager, 'governingDocument', {
      objectives: 'One timetable system for all faculties by 2028.',
      scope: 'Timetables for teaching and exams.',
      deliverables: 'The timetabling system, configured.',
      organisation: 'Project owner, project manager, a steering group with a student representative.',
      budgetNok: 800_000,
      qualityAssurance: 'Acceptance tests at two faculties.',
      plan: 'Pilot in the autumn, roll-out in the spring.',
    });
    await put(manager, 'milestones', [
      { id: randomUUID(), name: 'Pilot done', dueOn: dayFromNow(60), gate: 'BP4' },
      { id: randomUUID(), name: 'Rolled out', dueOn: dayFromNow(120), gate: 'BP5' },
    ]);
    await put(manager, 'riskRegister', [
      { id: randomUUID(), risk: 'The supplier is late.', probability: 3, consequence: 4, mitigation: 'Weekly status meetings.', ownerId: userId(DEMO_PERSONA.project_manager) },
      { id: randomUUID(), risk: 'The faculties keep their spreadsheets.', probability: 2, consequence: 2, mitigation: '', ownerId: null },
    ]);
    await put(manager, 'benefitPlan', {
      benefits: [
        {
          id: randomUUID(),
          title: 'Less time on timetabling',
          kind: 'efficiency',
          priced: true,
          yearlyValueNok: 300_000,
          responsibleManagerId: userId(DEMO_PERSONA.line_manager),
          benefitOwnerIds: [userId(DEMO_PERSONA.benefit_owner)],
          indicator: 'Time spent on timetables',
          unit: 'hours per month',
          baseline: 80,
          baselineMeasuredOn: dayFromNow(-5),
          target: 30,
          measurementMethod: 'Time sheets of the faculty offices.',
          measurementDates: [dayFromNow(200), dayFromNow(400)],
        },
      ],
    });
    const members = [
      { userId: userId(DEMO_PERSONA.line_manager), role: 'chair' },
      { userId: userId(DEMO_PERSONA.employee), role: 'member' },
    ];
    await put(manager, 'steeringGroup', { members, userGroups: [] });

    await open('project_manager');
    await page.getByRole('table', { name: 'Risk register' }).getByText('The supplier is late.').waitFor();
    expect(await page.getByRole('table', { name: 'Risk register' }).getByText('12 (medium)').count()).toBe(1);
    const steering = page.getByRole('table', { name: 'Members of the steering group' });
    expect(await steering.getByRole('row', { name: new RegExp(personaName(DEMO_PERSONA.employee)) }).textContent()).toContain('Member');
    const plan = page.getByRole('table', { name: 'Benefits-realisation plan' });
    expect(await plan.getByRole('row', { name: /Less time on timetabling/ }).textContent()).toContain(personaName(DEMO_PERSONA.benefit_owner));
    await page
      .getByText('Submit for the gate: The checklist for BP3 is not complete. Missing: a steering group that includes a user representative.')
      .waitFor();
    await stack.shoot('11-planning-en');
    await stack.axe('project in the planning phase, English');

    // The manager makes the employee the user representative while the project owner saves the group with a user group.
    await page.getByRole('button', { name: 'Change the steering group and user groups' }).click();
    const group = page.getByRole('form', { name: 'Change the steering group and user groups' });
    await group.getByLabel('Role in the steering group').nth(1).selectOption({ label: 'User representative' });
    await put(callerOf(stack, DEMO_PERSONA.line_manager), 'steeringGroup', { members, userGroups: [{ name: 'Timetable office' }] }, 1);
    await group.getByRole('button', { name: 'Save' }).click();
    await group.getByText('Someone else changed this while you were working').waitFor();
    await group.getByText(`Saved by ${personaName(DEMO_PERSONA.line_manager)} (version 2):`).waitFor();
    await group.getByRole('table', { name: 'User groups' }).getByText('Timetable office').waitFor();
    // What the manager chose is kept.
    expect(await group.getByLabel('Role in the steering group').nth(1).inputValue()).toBe('userRepresentative');
    await stack.shoot('12-steering-group-conflict-en');
    await stack.axe('a colleague saved the steering group first, English');
    await group.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Steering group and user groups: saved.').waitFor();
    expect(await steering.getByRole('row', { name: new RegExp(personaName(DEMO_PERSONA.employee)) }).textContent()).toContain('User representative');

    // The monthly status report.
    await page.getByRole('button', { name: 'Write the status report' }).click();
    const report = page.getByRole('form', { name: 'Write the status report' });
    await report.getByLabel('Status', { exact: true }).selectOption({ label: 'At risk' });
    await report.getByLabel('Progress since the last report').fill('The supplier has moved the pilot by two weeks.');
    await report.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('The status report is submitted.').waitFor();
    const reports = page.getByRole('table', { name: 'Status reports' });
    expect(await reports.getByRole('row', { name: /The supplier has moved the pilot/ }).textContent()).toContain('At risk');

    await send('Submit for the gate', { 'For the decision-maker (optional)': 'Everything for BP3 is in place.' });
    await page.getByText('The project is submitted for the gate.').waitFor();

    await open('process_owner');
    await send('Go on', { Reason: 'The plan holds.' });
    await page.getByText('The decision “Go on” is recorded.').waitFor();
    expect(await phaseStep({ hasText: 'Execution phase' }).getAttribute('aria-current')).toBe('step');
    await page.getByRole('heading', { level: 3, name: 'BP3: Go on' }).waitFor();
    expect(await page.getByRole('region', { name: 'Governing document' }).getByText('Frozen at BP3', { exact: true }).count()).toBe(1);
    await stack.shoot('13-execution-en');
    await stack.axe('project in the execution phase, English');

    // On a phone, and at 200 % zoom (half the width): the page reflows, tables scroll in their own box.
    await page.setViewportSize({ width: 390, height: 844 });
    await stack.shoot('14-execution-phone-en');
    await stack.axe('project on a phone, English');
    await page.setViewportSize({ width: 640, height: 900 });
    await stack.shoot('15-execution-zoom-en');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await stack.heading('Projects');
    expect(await page.getByRole('row', { name: new RegExp(reference) }).textContent()).toContain('Execution phase');
    await stack.shoot('16-list-en');
    await stack.axe('project list, English');
    // The phase filter lives in the address, so back and forward keep it.
    await page.getByLabel('Show projects in').selectOption({ label: 'Execution phase' });
    await page.waitForURL((url) => url.searchParams.get('phase') === 'execution');
    await page.getByText('One project.').waitFor();
    expect(await page.getByRole('link', { name: title }).count()).toBe(1);
    await page.goBack();
    await page.getByText('2 projects.').waitFor();

    // A project that does not exist, or that one may not see, says so.
    await page.goto(`${stack.baseUrl}/projects/${randomUUID()}`);
    await stack.heading('Project not found');
    await stack.axe('project not found, English');
  }, 300_000);
});
