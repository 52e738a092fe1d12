import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '#flyt/access';
import { DEMO_PERSONA } from '#flyt/demo-data';
import { type LocalOidcProvider, localOidcProvider } from '../identity/local-oidc-provider.js';
import { eventually, notificationsOf } from '../worker/worker-support.js';
import { startBrowserStack, type BrowserStack } from './browser-support.js';

/**
 * Sign-in, notifications and settings (issue 11): the demo-user picker grouped by role as the API
 * lists it; sign-in with a real OpenID Connect provider on loopback, from a deep link back to that
 * page; the process responsible's notification of a submitted case, opened and marked read; the
 * language and daily digest saved, still set after a reload. Each in bokmål and in English, with
 * axe on every screen and a screenshot of each.
 */

const WORDS = {
  nb: {
    signInTitle: 'Logg inn',
    signInAs: (name: string) => `Logg inn som ${name}`,
    signOut: 'Logg ut',
    university: 'Logg inn med universitetets konto',
    cancelled: 'Innloggingen ble avbrutt. Du kan prøve igjen.',
    email: 'E-postadresse',
    emailSubmit: 'Logg inn',
    unknownEmail: 'Ingen aktiv bruker i Flyt har denne e-postadressen.',
    otherUser: 'Logg inn som en annen bruker',
    signedInAs: (name: string) => `Innlogget som ${name}`,
    inbox: 'Min innboks',
    roleName: { line_manager: 'Linjeleder', process_responsible: 'Prosessansvarlig', process_adviser: 'Prosessrådgiver' } as Record<string, string>,
    canLineManager: 'Melder forbedringsbehov for enheten, tar de ansattes ideer videre og driver små forbedringer i enheten.',
    standingIn: 'Også prosessansvarlig: Personvern og informasjonssikkerhet (stedfortreder nå)',
    notifications: 'Varsler',
    unread: 'Ulest',
    oneUnread: 'Du har ett ulest varsel.',
    unreadCount: (n: number) => `Du har ${n} uleste varsler.`,
    noneUnread: 'Du har ingen uleste varsler.',
    subject: (reference: string, title: string) => `[${reference}] Ny sak til vurdering: ${title}`,
    markRead: (subject: string) => `Merk som lest: ${subject}`,
    markedRead: (subject: string) => `Merket som lest: ${subject}`,
    markAll: 'Merk alle som lest',
    markedAll: 'Ett varsel er merket som lest.',
    onlyUnread: 'Vis bare uleste',
    settings: 'Innstillinger',
    english: 'English',
    norwegian: 'Norsk bokmål',
    digest: 'En daglig oppsummering',
    immediate: 'En e-post for hvert varsel',
    save: 'Lagre innstillingene',
    chooseDelivery: 'Velg hvordan du vil få e-post.',
    settingsSaved: 'Innstillingene er lagret.',
    notificationList: 'Varslene dine, nyeste først',
  },
  en: {
    signInTitle: 'Sign in',
    signInAs: (name: string) => `Sign in as ${name}`,
    signOut: 'Sign out',
    university: "Sign in with the university's account",
    cancelled: 'Sign-in was cancelled. You can try again.',
    email: 'E-mail address',
    emailSubmit: 'Sign in',
    unknownEmail: 'No active Flyt user has this e-mail address.',
    otherUser: 'Sign in as another user',
    signedInAs: (name: string) => `Signed in as ${name}`,
    inbox: 'My inbox',
    roleName: { line_manager: 'Line manager', process_responsible: 'Process responsible', process_adviser: 'Process adviser' } as Record<string, string>,
    canLineManager: "Reports improvement needs for the unit, takes employees' ideas forward and runs small improvements within the unit.",
    standingIn: 'Also process responsible: Privacy and information security (deputy now)',
    notifications: 'Notifications',
    unread: 'Unread',
    oneUnread: 'You have one unread notification.',
    unreadCount: (n: number) => `You have ${n} unread notifications.`,
    noneUnread: 'You have no unread notifications.',
    subject: (reference: string, title: string) => `[${reference}] New case to assess: ${title}`,
    markRead: (subject: string) => `Mark as read: ${subject}`,
    markedRead: (subject: string) => `Marked as read: ${subject}`,
    markAll: 'Mark all as read',
    markedAll: 'One notification marked as read.',
    onlyUnread: 'Show unread only',
    settings: 'Settings',
    english: 'English',
    norwegian: 'Norsk bokmål',
    digest: 'A daily digest',
    immediate: 'One e-mail per notification',
    save: 'Save settings',
    chooseDelivery: 'Choose how you want e-mail.',
    settingsSaved: 'Your settings have been saved.',
    notificationList: 'Your notifications, newest first',
  },
} as const;

type Language = keyof typeof WORDS;
const LANGUAGES: Language[] = ['nb', 'en'];

/** Who signs in at the provider in each language: the login typed there, and the Flyt user it names by e-mail. */
const PROVIDER_ACCOUNTS = {
  nb: { login: 'sofie', email: DEMO_PERSONA.employee, name: 'Sofie Lunde' },
  en: { login: 'knut', email: DEMO_PERSONA.line_manager, name: 'Knut Olsen' },
};

interface SignInOptions {
  devLogin: { groups: { role: string; people: { email: string; name: string }[]; more: number }[] };
}

let provider: LocalOidcProvider;
let stack: BrowserStack;

beforeAll(async () => {
  // The API reads its OpenID Connect settings from the environment, as an installation does (README).
  provider = await localOidcProvider(Object.values(PROVIDER_ACCOUNTS));
  process.env.AUTH_ISSUER = provider.issuer;
  process.env.AUTH_JWKS_URL = provider.jwksUrl;
  process.env.AUTH_OIDC_CLIENT_ID = provider.clientId;
  process.env.AUTH_OIDC_RESOURCE = provider.resource;
  stack = await startBrowserStack({ name: 'account', worker: true });
  await provider.start(`${stack.baseUrl}/sign-in`);
}, 300_000);

afterAll(async () => {
  await stack?.close();
  await provider?.close();
});

/** Signed out in this tab, as after the sign-out button, whatever the test before did. */
async function signedOut(): Promise<void> {
  await stack.page.goto(`${stack.baseUrl}/sign-in`);
  await stack.page.evaluate('sessionStorage.removeItem("flyt.token")');
}

/** The screen as a phone shows it (390 px wide): what is in view first. */
async function atPhoneWidth(name: string): Promise<void> {
  await stack.page.setViewportSize({ width: 390, height: 844 });
  await stack.page.screenshot({ path: join(stack.shots, `${name}.png`) });
  await stack.page.setViewportSize({ width: 1280, height: 900 });
}

describe.each(LANGUAGES)('sign-in, notifications and settings (%s)', (language) => {
  const w = WORDS[language];

  it('lists the people of dev login grouped by role, as the API gives them, and signs in by e-mail', async () => {
    const { page } = stack;
    const options = (await stack.api.http.get('/api/auth/sign-in-options')).body as SignInOptions;
    await signedOut();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await stack.switchTo(language);
    await stack.heading(w.signInTitle);
    await page.getByRole('button', { name: w.university }).waitFor();

    // One group per role in the API's order, under the role's name, each with its people.
    const roleNames = JSON.parse(readFileSync(`apps/web/src/locales/${language}/common.json`, 'utf8')).roles as Record<string, { name: string }>;
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual([...options.devLogin.groups.map((group) => roleNames[group.role]!.name), w.otherUser]);
    expect(options.devLogin.groups.map((group) => group.role)).toEqual([...ROLES]);
    for (const group of options.devLogin.groups) {
      const section = page.getByRole('region', { name: roleNames[group.role]!.name, exact: true });
      expect(await section.getByRole('button').allTextContents()).toEqual(group.people.map((person) => w.signInAs(person.name)));
    }
    const lineManagers = page.getByRole('region', { name: w.roleName.line_manager });
    await lineManagers.getByText(w.canLineManager).waitFor();
    await lineManagers.getByText('knut.olsen@universitet.example').waitFor();
    // The deputy standing in today is an adviser who is also process responsible now.
    await page.getByRole('region', { name: w.roleName.process_adviser }).getByText(w.standingIn).waitFor();
    await stack.axe(`sign-in, ${language}`);
    await stack.shoot(`1-sign-in-${language}`);
    await atPhoneWidth(`1-sign-in-${language}-phone`);

    // Anyone else by e-mail; an unknown address is answered at the field.
    const email = page.getByRole('textbox', { name: w.email });
    await email.fill('ukjent@universitet.example');
    await page.getByRole('button', { name: w.emailSubmit, exact: true }).click();
    await page.getByText(w.unknownEmail).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(await email.getAttribute('id'));
    await stack.axe(`sign-in with a refused e-mail, ${language}`);
    await stack.shoot(`2-sign-in-refused-email-${language}`);

    await email.fill('magnus.holm@universitet.example');
    await page.getByRole('button', { name: w.emailSubmit, exact: true }).click();
    await stack.heading(w.inbox);
    await page.getByText(w.signedInAs('Magnus Holm')).waitFor();
  }, 300_000);

  it("signs in with the university's account at the OpenID Connect provider and lands on the page first asked for", async () => {
    const { page } = stack;
    const account = PROVIDER_ACCOUNTS[language];
    const caseId = await stack.submittedCase();
    // Sofie reported the case; Knut took it up. Each may open it.
    const deepLink = `/cases/${caseId}`;
    await signedOut();
    await stack.context.clearCookies();
    await page.goto(`${stack.baseUrl}/sign-in`);
    await stack.switchTo(language);

    await page.goto(`${stack.baseUrl}${deepLink}`);
    await stack.heading(w.signInTitle);

    // First the person changes their mind at the provider.
    await page.getByRole('button', { name: w.university }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await page.getByText(w.cancelled).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await stack.axe(`sign-in after a cancelled provider sign-in, ${language}`);
    await stack.shoot(`3-sign-in-cancelled-${language}`);

    await page.getByRole('button', { name: w.university }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(account.login);
    await page.locator('input[name="password"]').fill('et passord');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${stack.baseUrl}${deepLink}`);
    await page.getByText(w.signedInAs(account.name)).waitFor();
    await page.getByRole('heading', { level: 1, name: /Purring på saksbehandlingstid/ }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("flyt.token")')).not.toBeNull();
    await stack.shoot(`4-signed-in-with-provider-${language}`);

    await page.getByRole('button', { name: w.signOut }).click();
    await stack.heading(w.signInTitle);
  }, 300_000);

  it('shows the process responsible a submitted case as unread, opens it, and marks notifications read', async () => {
    const { page } = stack;
    // Notifications come in the language stored on the person.
    await stack.call(DEMO_PERSONA.process_responsible, 'post', '/api/notifications/read-all');
    const locale = await stack.api.http
      .patch('/api/me')
      .auth(await stack.api.tokenFor(DEMO_PERSONA.process_responsible), { type: 'bearer' })
      .send({ locale: language });
    expect(locale.status).toBe(200);
    const caseId = await stack.submittedCase();
    await eventually(async () => (await notificationsOf(stack.api, caseId, 'caseSubmitted')).length > 0, 'the process responsible’s notification');
    const theCase = (await stack.call(DEMO_PERSONA.process_responsible, 'get', `/api/cases/${caseId}`)).body as { reference: string; title: string };
    const subject = w.subject(theCase.reference, theCase.title);

    await signedOut();
    await stack.signInAs('process_responsible', language);
    await page.getByRole('navigation').getByRole('link', { name: w.notifications }).click();
    await stack.heading(w.notifications);
    await page.getByText(w.oneUnread).waitFor();
    const entry = page.getByRole('list', { name: w.notificationList }).getByRole('listitem').filter({ has: page.getByRole('link', { name: subject }) });
    await entry.getByText(w.unread, { exact: true }).waitFor();
    await stack.axe(`notifications with one unread, ${language}`);
    await stack.shoot(`5-notifications-unread-${language}`);
    await atPhoneWidth(`5-notifications-unread-${language}-phone`);

    // Opening it leads to the case's page, and it is read.
    await entry.getByRole('link', { name: subject }).click();
    await page.waitForURL(`${stack.baseUrl}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(theCase.title) }).waitFor();
    await page.goBack();
    await stack.heading(w.notifications);
    await page.getByText(w.noneUnread).waitFor();
    expect(await entry.getByText(w.unread, { exact: true }).count()).toBe(0);

    // Two more: one marked read by its button, the other with all of them.
    const second = await stack.submittedCase();
    const third = await stack.submittedCase();
    for (const id of [second, third]) {
      await eventually(async () => (await notificationsOf(stack.api, id, 'caseSubmitted')).length > 0, 'the process responsible’s notification');
    }
    await page.reload();
    await page.getByText(w.unreadCount(2)).waitFor();
    const secondCase = (await stack.call(DEMO_PERSONA.process_responsible, 'get', `/api/cases/${second}`)).body as { reference: string; title: string };
    const secondSubject = w.subject(secondCase.reference, secondCase.title);
    await page.getByRole('button', { name: w.markRead(secondSubject) }).click();
    await page.getByRole('status').filter({ hasText: w.markedRead(secondSubject) }).waitFor();
    await page.getByText(w.oneUnread).waitFor();
    // Focus stays on the notification just marked.
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(secondSubject);

    await page.getByRole('switch', { name: w.onlyUnread }).click();
    await page.waitForURL(/unread=true/);
    const unreadOnly = page.getByRole('list', { name: w.notificationList }).getByRole('listitem');
    await unreadOnly.nth(1).waitFor({ state: 'detached' });
    expect(await unreadOnly.count()).toBe(1);
    expect(await page.getByRole('switch', { name: w.onlyUnread }).isChecked()).toBe(true);
    await stack.axe(`notifications, unread only, ${language}`);
    await page.getByRole('button', { name: w.markAll }).click();
    await page.getByRole('status').filter({ hasText: w.markedAll }).waitFor();
    await page.getByText(w.noneUnread).first().waitFor();
    expect(page.url()).toContain('unread=true');
    await stack.axe(`notifications, all read, ${language}`);
    await stack.shoot(`6-notifications-all-read-${language}`);

    const [{ unread }] = await stack.api.db.query(
      `SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1`,
      [DEMO_PERSONA.process_responsible],
    );
    expect(unread).toBe(0);
  }, 300_000);

  it('saves the language and the daily digest, announces it, and keeps them after a reload', async () => {
    const { page } = stack;
    // Bokmål chooses English, English chooses bokmål: each run changes the language the other way.
    const persona = language === 'nb' ? 'employee' : 'line_manager';
    const chosen = language === 'nb' ? 'en' : 'nb';
    const after = WORDS[chosen];
    await stack.call(DEMO_PERSONA[persona], 'post', '/api/notifications/read-all');
    await stack.api.http
      .patch('/api/me')
      .auth(await stack.api.tokenFor(DEMO_PERSONA[persona]), { type: 'bearer' })
      .send({ locale: language });
    await signedOut();
    await stack.signInAs(persona, language);
    await page.getByRole('navigation').getByRole('link', { name: w.settings }).click();
    await stack.heading(w.settings);
    expect(await page.getByRole('radio', { name: language === 'nb' ? w.norwegian : w.english }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: w.immediate }).isChecked()).toBe(true);
    await stack.axe(`settings, ${language}`);
    await stack.shoot(`7-settings-${language}`);

    // A refusal is shown at its field, and focus goes there.
    await page.route('**/api/me/notification-settings', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ field: 'delivery', reason: 'invalid option' }] }),
          })
        : route.fallback(),
    );
    await page.getByRole('radio', { name: w.digest }).check();
    await page.getByRole('button', { name: w.save }).click();
    await page.getByText(w.chooseDelivery).waitFor();
    expect(await page.getByRole('radio', { name: w.digest }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("value")')).toBe('daily_digest');
    await stack.axe(`settings with a refused field, ${language}`);
    await stack.shoot(`8-settings-refused-${language}`);
    await page.unroute('**/api/me/notification-settings');

    await page.getByRole('radio', { name: chosen === 'en' ? w.english : w.norwegian }).check();
    await page.getByRole('button', { name: w.save }).click();
    // Saved, announced, and the app speaks the chosen language at once.
    await page.getByRole('status').filter({ hasText: after.settingsSaved }).waitFor();
    await stack.heading(after.settings);
    expect(await page.getAttribute('html', 'lang')).toBe(chosen);
    await stack.axe(`settings saved, ${chosen}`);
    await stack.shoot(`9-settings-saved-${language}-to-${chosen}`);

    await page.reload();
    await stack.heading(after.settings);
    expect(await page.getByRole('radio', { name: after.digest }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: chosen === 'en' ? after.english : after.norwegian }).isChecked()).toBe(true);
    const stored = await stack.call(DEMO_PERSONA[persona], 'get', '/api/me/notification-settings');
    expect(stored.body.delivery).toBe('daily_digest');
    expect((await stack.call(DEMO_PERSONA[persona], 'get', '/api/me')).body.locale).toBe(chosen);

    // Back to the language of this run for the next test.
    await stack.switchTo(language);
  }, 300_000);
});
