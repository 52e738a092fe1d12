import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { callerOf, dayFromNow, ok, prioritisedCase } from '../projects/project-support.js';
import { eventually } from '../worker/worker-support.js';
import { type BrowserStack, startBrowserStack } from './browser-support.js';

/**
 * Issue 11's journey "a benefit owner records a measurement after a reminder mail, opened from the
 * link in that mail" (docs/projects.md, "Benefits follow-up"), in a real browser against the API
 * and a worker whose measurement reminders come seconds after each date is reached: the mail's
 * link opens the follow-up, through the sign-in page, for the benefit owner who is not signed in;
 * a value that misses the target is refused at the explanation field, then recorded; the
 * dashboard shows the realised kroner in its table and chart, and its CSV says the same. In
 * bokmål for the first measurement date, in English for the second, after which the process
 * owner concludes (BP6). Axe checks every screen; the screenshots go to the printed folder.
 */

const OWNER = DEMO_PERSONA.process_owner;
const MANAGER = DEMO_PERSONA.project_manager;
const PROJECT_OWNER = DEMO_PERSONA.line_manager;
const BENEFIT_OWNER = DEMO_PERSONA.benefit_owner;
const TITLE = 'Digitale sensurprotokoller';
const BENEFIT = 'Mindre tid på protokoller';

let stack: BrowserStack;
let projectId: string;
let reference: string;
let followUpId: string;
const benefitId = randomUUID();

/** The follow-up link in reminder mail number `count` to the benefit owner, once `count` of them have come. */
async function reminderLink(count: number): Promise<string> {
  const mails = await eventually(async () => {
    const due = stack.smtp.to(BENEFIT_OWNER).filter((m) => /Tid for gevinstmåling|Time to measure benefits/.test(m.subject));
    return due.length >= count ? due : null;
  }, `reminder mail number ${count} to the benefit owner`);
  const link = /(https?:\/\/\S+\/follow-ups\/[0-9a-f-]{36})/.exec(mails![count - 1]!.text)?.[1];
  expect(link).toBeDefined();
  const { pathname } = new URL(link!);
  expect(pathname).toBe(`/follow-ups/${followUpId}`);
  // The mail links to the installation's app address (notifications.appUrl); this test's server has its own port.
  return `${stack.baseUrl}${pathname}`;
}

/** Downloads a file with the button and returns its name and text. */
async function downloaded(button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([stack.page.waitForEvent('download'), stack.page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

async function signOut(label: string): Promise<void> {
  await stack.page.getByRole('button', { name: label }).click();
  await stack.page.waitForURL((url) => url.pathname === '/sign-in');
}

/**
 * A small project of the process owner's process taken through BP2–BP5 by its process owner, with
 * a benefit measured on two dates after closure: BP5 starts the follow-up.
 */
async function closedProject(): Promise<void> {
  const userId = (email: string) => stack.demo.users.find((u) => u.email === email)!.id;
  ({ projectId } = await prioritisedCase(stack, TITLE, 500_000));
  const owner = callerOf(stack, OWNER);
  const manager = callerOf(stack, MANAGER);
  const send = (as: typeof owner, type: string, payload: object = {}) => as.post(`/api/projects/${projectId}/events`, { type, payload });
  const put = (kind: string, content: unknown) => manager.put(`/api/projects/${projectId}/artefacts/${kind}`, { content });
  const gate = async () => {
    ok(await send(manager, 'SUBMIT_FOR_GATE'));
    ok(await send(owner, 'GO', { reason: 'Klar.' }));
  };
  ok(await send(owner, 'APPOINT_TEAM', { projectOwnerId: userId(PROJECT_OWNER), projectManagerId: userId(MANAGER) }));
  ok(
    await put('justification', {
      background: 'Sensurprotokoller skannes.',
      objectives: 'Digitale protokoller.',
      alternatives: [
        { id: randomUUID(), name: 'Som før', description: 'Papir.', benefit: 'Ingen.', costNok: 0, chosen: false },
        { id: randomUUID(), name: 'Digital protokoll', description: 'I eksamenssystemet.', benefit: '700 timer i året.', costNok: 500_000, chosen: true },
      ],
      recommendation: 'Digital protokoll.',
    }),
  );
  await gate();
  ok(
    await put('governingDocument', {
      objectives: 'Alle sensurprotokoller digitale.',
      scope: 'Skriftlige eksamener.',
      deliverables: 'Protokollmodul.',
      organisation: 'Prosjekteier, prosjektleder og styringsgruppe.',
      budgetNok: 500_000,
      qualityAssurance: 'Akseptansetest.',
      plan: 'Pilot og utrulling.',
    }),
  );
  ok(
    await put('milestones', [
      { id: randomUUID(), name: 'Pilot ferdig', dueOn: dayFromNow(60), gate: 'BP4' },
      { id: randomUUID(), name: 'Utrullet', dueOn: dayFromNow(120), gate: 'BP5' },
    ]),
  );
  ok(await put('riskRegister', [{ id: randomUUID(), risk: 'Forsinket leveranse.', probability: 2, consequence: 3, mitigation: 'Ukentlige møter.', ownerId: userId(MANAGER) }]));
  ok(
    await put('steeringGroup', {
      members: [
        { userId: userId(PROJECT_OWNER), role: 'chair' },
        { userId: userId(DEMO_PERSONA.employee), role: 'userRepresentative' },
      ],
      userGroups: [],
    }),
  );
  ok(
    await put('benefitPlan', {
      benefits: [
        {
          id: benefitId,
          title: BENEFIT,
          kind: 'efficiency',
          priced: true,
          yearlyValueNok: 400_000,
          responsibleManagerId: userId(PROJECT_OWNER),
          benefitOwnerIds: [userId(BENEFIT_OWNER)],
          indicator: 'Tid brukt på protokoller',
          unit: 'timer per måned',
          baseline: 100,
          baselineMeasuredOn: dayFromNow(-10),
          target: 40,
          measurementMethod: 'Timeregistreringen for eksamenskontorene.',
          measurementDates: [dayFromNow(200), dayFromNow(400)],
        },
      ],
    }),
  );
  await gate();
  ok(await put('handover', { deliverablesAccepted: true, acceptedBy: 'Styringsgruppen', operationsOwner: userId(PROJECT_OWNER), handoverDate: dayFromNow(50), closingRecommendation: 'Avslutt.' }));
  await gate();
  ok(await put('finalReport', { summary: 'Protokollene er digitale.', goalsAchieved: 'Målene er nådd.', benefitsSoFar: 'Tidsbruken er redusert i piloten.', costOutcomeNok: 480_000, lessonsLearned: 'Test tidlig.' }));
  await gate();
  const project = await eventually(async () => {
    const found = ok(await owner.get(`/api/projects/${projectId}`)).body;
    return found.followUp ? found : null;
  }, 'BP5 to start the benefits follow-up');
  followUpId = project.followUp.id;
  reference = project.reference;
}

beforeAll(async () => {
  stack = await startBrowserStack({
    name: 'benefits',
    worker: true,
    // Each measurement date comes two seconds after the follow-up reaches it; nothing else falls due during the test.
    rules: { measurementDue: { seconds: 2 }, measurementOverdue: { seconds: 3600 }, measurementEscalated: { seconds: 3600 }, conclusionReminder: { seconds: 3600 } },
  });
  await closedProject();
}, 300_000);

afterAll(() => stack?.close());

describe('a benefit owner records a measurement after a reminder mail, opened from the link in that mail', () => {
  it('in bokmål: the mail links through sign-in to the follow-up; a missed target needs its explanation; the dashboard and its CSV show the realised kroner', async () => {
    const { page } = stack;
    const link = await reminderLink(1);

    // Not signed in: the link goes to the sign-in page, which returns to the follow-up.
    await page.goto(link);
    await stack.heading('Logg inn');
    await stack.axe('sign-in from a mail link, bokmål');
    await page.getByRole('button', { name: 'Logg inn som Camilla Strøm' }).click();
    await page.waitForURL(link);
    await stack.heading(`Gevinstoppfølging: ${reference} ${TITLE}`);
    await page.getByRole('heading', { level: 2, name: 'Det er tid for å måle' }).waitFor();
    await page.getByRole('link', { name: `Prosjektet ${reference}: ${TITLE}` }).waitFor();
    await page.getByRole('link', { name: /^Saken FLYT-/ }).waitFor();
    // The plan's people by name, and the reminder in the history.
    await page.getByText('Knut Olsen').first().waitFor();
    await page.getByRole('heading', { level: 3, name: 'Måletidspunktet kom, og gevinsteierne fikk en påminnelse' }).waitFor();
    await stack.shoot('1-follow-up-due-nb');
    await stack.axe('follow-up with a measurement due, bokmål');

    // A value that misses the target, without an explanation: refused at that field.
    await page.getByRole('button', { name: 'Registrer måling' }).click();
    await page.getByRole('heading', { level: 3, name: 'Registrer måling' }).waitFor();
    await page.getByLabel('Gevinst', { exact: true }).selectOption(benefitId);
    await page.getByText('Måler Tid brukt på protokoller i timer per måned: fra nullpunktet 100 til målet 40.').waitFor();
    await page.getByLabel('Målt verdi').fill('70');
    await page.getByLabel('Dato for målingen').fill(dayFromNow(0));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Rett opp dette før du sender:').waitFor();
    const explanation = page.getByLabel('Forklaring av avvik (valgfritt)');
    // The reason is said at the field, and read out with it.
    const describedBy = (await explanation.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.join(' ')).toContain('the value misses the target (40 timer per måned): explain the deviation');
    // The form keeps what was typed.
    expect(await page.getByLabel('Målt verdi').inputValue()).toBe('70');
    await stack.shoot('2-measurement-refused-nb');
    await stack.axe('the measurement form with the field error, bokmål');

    await explanation.fill('Bare halvparten av eksamenskontorene bruker løsningen ennå.');
    await page.getByLabel('Kommentar (valgfritt)').fill('Første måling etter avslutning.');
    await page.getByLabel('Lenke til dokumentasjon (valgfritt)').fill('https://rapport.universitet.example/protokoller');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    // The follow-up shows the measurement, and the history says who recorded it.
    await page.getByRole('status').filter({ hasText: 'Målingen er registrert.' }).waitFor();
    const measurements = page.getByRole('table', { name: `Målinger av «${BENEFIT}»` });
    await measurements.waitFor();
    const row = measurements.getByRole('row').nth(1);
    for (const text of ['70 timer per måned', 'Ikke nådd', 'Bare halvparten av eksamenskontorene bruker løsningen ennå.', 'Første måling etter avslutning.', 'Camilla Strøm']) {
      await row.getByText(text).waitFor();
    }
    expect(await row.getByRole('link', { name: /^Dokumentasjon for målingen / }).getAttribute('href')).toBe('https://rapport.universitet.example/protokoller');
    await page.getByRole('heading', { level: 3, name: 'Måling registrert' }).waitFor();
    await page.getByText('av Camilla Strøm som gevinsteier').waitFor();
    await stack.shoot('3-follow-up-measured-nb');
    await stack.axe('follow-up with the measurement, bokmål');

    // The benefit owner reads no report figures, and is told who does.
    await page.getByRole('link', { name: 'Gevinster', exact: true }).click();
    await stack.heading('Gevinster');
    await page.getByText('Tallene for gevinster og prosjekter er for prosesseiere').waitFor();
    await stack.shoot('4-benefits-benefit-owner-nb');
    await stack.axe('benefits for a benefit owner, bokmål');

    // The process owner's dashboard: the realised kroner in the table and the chart.
    await signOut('Logg ut');
    await stack.signInAs('process_owner');
    await page.goto(`${stack.baseUrl}/benefits`);
    await stack.heading('Gevinster');
    const table = page.getByRole('table', { name: /^Planlagte og realiserte gevinster per prosjekt/ });
    const line = table.getByRole('row', { name: new RegExp(`${reference}: ${TITLE}`) });
    await line.waitFor();
    // 400 000 kr a year planned; the value came half the way from 100 to 40 hours.
    expect(await line.textContent()).toMatch(/400\s000\s*kr.*200\s000\s*kr.*50\s*%/);
    const chart = page.locator('figure', { hasText: 'Planlagt og realisert verdi per år i kroner' });
    await chart.locator('.recharts-yAxis-tick-labels text', { hasText: reference }).waitFor();
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    await chart.getByRole('img', { name: /^Søylediagram over planlagt og realisert verdi .* Tallene står i tabellen nedenfor\.$/ }).waitFor();
    await stack.shoot('5-dashboard-nb');
    await stack.axe('benefits dashboard, bokmål');

    const csv = await downloaded('Last ned som CSV (Excel)');
    expect(csv.name).toMatch(/^gevinster-per-prosjekt-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Prosjekt;Prosjekttittel;Prosess;Gevinster;Nådd mål;Ikke nådd;Ikke målt ennå;Planlagt per år (kr);Realisert per år (kr)');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${reference};${TITLE};[^;]+;1;0;1;0;400000;200000$`)));

    // The filters live in the address: by process, and back again.
    await page.getByLabel('Vis', { exact: true }).selectOption('process');
    await page.waitForURL(/groupBy=process/);
    await page.getByRole('table', { name: /^Planlagte og realiserte gevinster per prosess/ }).waitFor();
    await page.goBack();
    await page.getByRole('table', { name: /^Planlagte og realiserte gevinster per prosjekt/ }).waitFor();

    await page.getByRole('tab', { name: 'Prosjekter' }).click();
    await page.waitForURL(/view=projects/);
    await page.getByRole('table', { name: 'Prosjektene med neste beslutningspunkt og gevinstoppfølging' }).getByRole('row', { name: new RegExp(reference) }).getByText('Pågår').waitFor();
    await stack.shoot('6-projects-report-nb');
    await stack.axe('projects report, bokmål');

    // The annual report to the board, with its PDF.
    const year = new Date().getFullYear();
    await page.goto(`${stack.baseUrl}/benefits/annual/${year}`);
    await stack.heading(`Årsrapport til styret ${year}`);
    await page.getByRole('table', { name: /^Gevinster per prosjekt/ }).getByRole('row', { name: new RegExp(reference) }).waitFor();
    await stack.shoot('7-annual-report-nb');
    await stack.axe('annual report, bokmål');
    const pdf = await downloaded('Last ned som PDF');
    expect(pdf.name).toBe(`arsrapport-${year}.pdf`);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    await signOut('Logg ut');
  }, 300_000);

  it('in English: the second reminder, a measurement that meets the target, the dashboard and CSV; then the process owner concludes (BP6)', async () => {
    const { page } = stack;
    const link = await reminderLink(2);

    await page.goto(link);
    await stack.heading('Logg inn');
    await stack.switchTo('en');
    await stack.heading('Sign in');
    await stack.axe('sign-in from a mail link, English');
    await page.getByRole('button', { name: 'Sign in as Camilla Strøm' }).click();
    await page.waitForURL(link);
    await stack.heading(`Benefits follow-up: ${reference} ${TITLE}`);
    await page.getByRole('heading', { level: 2, name: 'It is time to measure' }).waitFor();
    await stack.shoot('8-follow-up-due-en');
    await stack.axe('follow-up with a measurement due, English');

    await page.getByRole('button', { name: 'Record a measurement' }).click();
    await page.getByLabel('Benefit', { exact: true }).selectOption(benefitId);
    await page.getByLabel('Measured value').fill('45');
    await page.getByLabel('Date of the measurement').fill(dayFromNow(0));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Correct this before you send:').waitFor();
    const describedBy = (await page.getByLabel('Explanation of the deviation (optional)').getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.join(' ')).toContain('the value misses the target (40 timer per måned): explain the deviation');
    await stack.shoot('9-measurement-refused-en');
    await stack.axe('the measurement form with the field error, English');

    // 35 hours a month is below the target of 40: met, no explanation needed.
    await page.getByLabel('Measured value').fill('35');
    // Sent from the keyboard, as the form allows.
    await page.getByLabel('Measured value').press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Every measurement has been recorded' }).waitFor();
    const row = page.getByRole('table', { name: `Measurements of “${BENEFIT}”` }).getByRole('row').nth(2);
    await row.getByText('35 timer per måned').waitFor();
    await row.getByText('Met', { exact: true }).waitFor();
    await stack.shoot('10-follow-up-measured-en');
    await stack.axe('follow-up with every measurement, English');
    await signOut('Sign out');

    // The process owner: the dashboard in English, the target reached is the whole planned value.
    await stack.signInAs('process_owner', 'en');
    await page.goto(`${stack.baseUrl}/benefits`);
    await stack.heading('Benefits');
    const line = page.getByRole('table', { name: /^Planned and realised benefits by project/ }).getByRole('row', { name: new RegExp(`${reference}: ${TITLE}`) });
    expect(await line.textContent()).toMatch(/NOK\s?400,000.*NOK\s?400,000.*100\s*%/);
    await page.locator('figure', { hasText: 'Planned and realised value per year in NOK' }).locator('.recharts-yAxis-tick-labels text', { hasText: reference }).waitFor();
    await stack.shoot('11-dashboard-en');
    await stack.axe('benefits dashboard, English');
    const csv = await downloaded('Download as CSV (Excel)');
    expect(csv.name).toMatch(/^benefits-by-project-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Project;Project title;Process;Benefits;Target met;Not met;Not measured yet;Planned per year (NOK);Realised per year (NOK)');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${reference};${TITLE};[^;]+;1;1;0;0;400000;400000$`)));

    // BP6, from the follow-up the process owner's inbox points to; further actions become a new case.
    await page.getByRole('region', { name: 'Benefits follow-up waiting for you' }).getByRole('link').first().click();
    await page.waitForURL(link);
    await stack.heading(`Benefits follow-up: ${reference} ${TITLE}`);
    await page.getByRole('button', { name: 'Conclude the benefits work (BP6)' }).click();
    await page.getByLabel('Outcome', { exact: true }).selectOption('realised');
    await page.getByLabel('Summary', { exact: true }).fill('Tidsbruken gikk fra 100 til 35 timer i måneden.');
    await page.getByRole('textbox', { name: 'Further actions (optional)' }).fill('Det samme for muntlige eksamener.');
    await page.getByLabel('Title', { exact: true }).fill('Digitale protokoller for muntlig eksamen');
    await page.getByLabel('The problem to solve').fill('Muntlige eksamener har fortsatt papir.');
    const unit = page.getByLabel('The unit that reports the new case');
    const ownUnit = stack.demo.units.find((u) => u.id === stack.demo.users.find((p) => p.email === OWNER)!.unitId)!;
    await unit.selectOption(ownUnit.id);
    await stack.shoot('12-conclude-form-en');
    await stack.axe('the conclusion form, English');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The benefits work is concluded, and the improvement case is being closed.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The benefits work is concluded (BP6)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Conclusion (BP6)' }).waitFor();
    await page.getByText('Digitale protokoller for muntlig eksamen').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Benefits work concluded (BP6)' }).waitFor();
    await page.getByText('Outcome: Realised').waitFor();
    await stack.shoot('13-follow-up-concluded-en');
    await stack.axe('follow-up concluded, English');

    const year = new Date().getFullYear();
    await page.goto(`${stack.baseUrl}/benefits/annual/${year}`);
    await stack.heading(`Annual report to the board ${year}`);
    await page.getByRole('table', { name: /^Benefits by project/ }).getByRole('row', { name: new RegExp(reference) }).waitFor();
    await stack.shoot('14-annual-report-en');
    await stack.axe('annual report, English');
    const annualCsv = await downloaded('Download as CSV (Excel)');
    expect(annualCsv.name).toBe(`annual-report-${year}.csv`);
    expect(annualCsv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Section;Item;Measure;Value');

    // On a phone: the tables scroll sideways in their own frame, which the keyboard can reach.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.baseUrl}/benefits`);
    await page.getByRole('table', { name: /^Planned and realised benefits by project/ }).waitFor();
    await page.getByRole('region', { name: /^Planned and realised benefits by project/ }).waitFor();
    await stack.shoot('15-dashboard-phone-en');
    await stack.axe('benefits dashboard on a phone, English');
    await page.goto(link);
    await stack.heading(`Benefits follow-up: ${reference} ${TITLE}`);
    await stack.shoot('16-follow-up-phone-en');
    await stack.axe('follow-up on a phone, English');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 300_000);
});
