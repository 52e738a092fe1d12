import { ROLES } from '#flyt/access';
import { addDays, buildDemoOrganisation, DEMO_PERSONA, DEMO_PERSONA_EXTRA, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface Person {
  email: string;
  name: string;
  unit: { nb: string; en: string };
  holds: { role: string; scope: { nb: string; en: string } | null; standingIn: boolean }[];
}
interface Options {
  devLogin: { groups: { role: string; people: Person[]; more: number }[] } | null;
  oidc: { issuer: string; clientId: string; scopes: string[]; resource: string | null; apiToken: string } | null;
}

/** Where the page may fetch from, by its Content-Security-Policy. */
const connectSources = (policy: string | undefined) =>
  (policy ?? '')
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src')
    ?.slice(1);

describe('how people sign in: GET /api/auth/sign-in-options', () => {
  let api: TestApi;
  let demo: DemoOrganisation;
  let today: string;

  beforeAll(async () => {
    api = await startTestApi();
    today = osloDay(new Date());
    await loadDemoData(api.db, today);
    demo = buildDemoOrganisation(today);
  });
  afterAll(() => api.close());

  const options = async (): Promise<Options> => {
    const response = await api.http.get('/api/auth/sign-in-options');
    expect(response.status).toBe(200);
    return response.body as Options;
  };
  const groupOf = (answer: Options, role: string) => answer.devLogin!.groups.find((g) => g.role === role);

  it('answers without a token: the people of dev login by role, in the order of the roles, each role’s persona first', async () => {
    const answer = await options();
    expect(answer.oidc).toBeNull();
    const groups = answer.devLogin!.groups;
    expect(groups.map((g) => g.role)).toEqual([...ROLES]);
    for (const group of groups) expect(group.people[0]!.email).toBe(DEMO_PERSONA[group.role as keyof typeof DEMO_PERSONA]);

    // Everyone in the demo organisation is there, once: a button names one person.
    const listed = groups.flatMap((g) => g.people.map((p) => p.email));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(demo.users.map((u) => u.email).sort());
    expect(groups.every((g) => g.more === 0)).toBe(true);

    expect(groupOf(answer, 'line_manager')!.people[0]).toEqual({
      email: DEMO_PERSONA.line_manager,
      name: 'Knut Olsen',
      unit: { nb: 'Institutt for informatikk', en: 'Department of Informatics' },
      holds: [{ role: 'line_manager', scope: { nb: 'Institutt for informatikk', en: 'Department of Informatics' }, standingIn: false }],
    });
    // Every process she owns, by name.
    expect(groupOf(answer, 'process_owner')!.people[0]!.holds.map((h) => `${h.role}: ${h.scope?.nb}`)).toEqual([
      'process_owner: Anskaffelser',
      'process_owner: Personvern og informasjonssikkerhet',
      'process_owner: Plan, budsjett og oppfølging',
      'process_owner: Saksbehandling',
    ]);
  });

  it('shows the roles people hold today: a deputy standing in, and nothing of a mandate that has ended', async () => {
    const answer = await options();
    const deputy = groupOf(answer, 'process_adviser')!.people.find((p) => p.email === DEMO_PERSONA_EXTRA.standingInDeputy)!;
    expect(deputy.holds).toEqual([
      { role: 'process_responsible', scope: { nb: 'Personvern og informasjonssikkerhet', en: 'Privacy and information security' }, standingIn: true },
      { role: 'process_adviser', scope: { nb: 'Personvern og informasjonssikkerhet', en: 'Privacy and information security' }, standingIn: false },
    ]);
    const former = groupOf(answer, 'process_adviser')!.people.find((p) => p.email === DEMO_PERSONA_EXTRA.formerResponsible)!;
    expect(former.holds.map((h) => h.role)).toEqual(['process_adviser']);
    // The rector holds the role for the whole university.
    expect(groupOf(answer, 'rector')!.people[0]!.holds).toEqual([{ role: 'rector', scope: null, standingIn: false }]);
  });

  it('lists people without a role as employees, and a role given today at once', async () => {
    const unitId = demo.units.find((u) => u.code === 'FA-HR')!.id;
    const plain = await api.factories.user({ email: 'aase.plain@universitet.example', name: 'Åse Uten Rolle', unitId });
    const manager = await api.factories.user({ email: 'per.prosjekt@universitet.example', name: 'Per Prosjekt', unitId });
    await api.factories.role(manager.id, 'project_manager', {}, { validFrom: today });
    const ended = await api.factories.user({ email: 'tidligere.leder@universitet.example', name: 'Tidligere Leder', unitId });
    await api.factories.role(ended.id, 'line_manager', { unitId }, { validFrom: addDays(today, -30), validTo: addDays(today, -1) });

    const answer = await options();
    expect(groupOf(answer, 'employee')!.people.find((p) => p.email === plain.email)).toEqual({
      email: plain.email,
      name: 'Åse Uten Rolle',
      unit: { nb: 'HR-avdelingen', en: 'Human Resources Division' },
      holds: [],
    });
    expect(groupOf(answer, 'project_manager')!.people.map((p) => p.name)).toEqual(['Anders Nygård', 'Per Prosjekt']);
    // A line manager whose assignment ended yesterday holds no role today: a plain employee.
    expect(groupOf(answer, 'line_manager')!.people.map((p) => p.email)).not.toContain(ended.email);
    expect(groupOf(answer, 'employee')!.people.find((p) => p.email === ended.email)?.holds).toEqual([]);
  });

  it('lists a few per role and counts the rest', async () => {
    const unitId = demo.units.find((u) => u.code === 'NV-FYS')!.id;
    for (let i = 1; i <= 10; i++) {
      const user = await api.factories.user({ email: `ansatt.${i}@universitet.example`, name: `Ansatt ${String(i).padStart(2, '0')}`, unitId });
      await api.factories.role(user.id, 'employee', { unitId });
    }
    const employees = groupOf(await options(), 'employee')!;
    expect(employees.people).toHaveLength(8);
    expect(employees.people.slice(0, 3).map((p) => p.email)).toEqual([DEMO_PERSONA.employee, 'magnus.holm@universitet.example', 'emma.bakke@universitet.example']);
    // 3 demo employees, 10 new ones, and the 2 without a role today from the test before.
    expect(employees.more).toBe(3 + 10 + 2 - 8);
  });

  it('lets the web app fetch from its own origin only, when no provider is configured', async () => {
    const response = await api.http.get('/health');
    expect(connectSources(response.headers['content-security-policy'])).toEqual(["'self'"]);
  });

  it('is documented as public, with its schema', async () => {
    const doc = (await api.http.get('/docs-json')).body;
    const operation = doc.paths['/api/auth/sign-in-options'].get;
    expect(operation.security ?? []).toEqual([]);
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignInOptions' });
  });
});

describe('sign-in options with dev login off and OpenID Connect configured', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi((config) => ({
      ...config,
      auth: {
        ...config.auth,
        issuer: 'https://login.universitet.example',
        jwksUrl: 'https://login.universitet.example/jwks',
        devLogin: { ...config.auth.devLogin, enabled: false },
        oidc: { clientId: 'flyt-web', scopes: ['openid', 'email'], resource: 'https://flyt.universitet.example/api', apiToken: 'access_token' },
      },
    }));
    await loadDemoData(api.db, osloDay(new Date()));
  });
  afterAll(() => api.close());

  it('names no one, and tells the web app where to send people', async () => {
    const response = await api.http.get('/api/auth/sign-in-options');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      devLogin: null,
      oidc: {
        issuer: 'https://login.universitet.example',
        clientId: 'flyt-web',
        scopes: ['openid', 'email'],
        resource: 'https://flyt.universitet.example/api',
        apiToken: 'access_token',
      },
    });
  });

  it('lets the web app talk to the provider and nowhere else beyond its own origin', async () => {
    const response = await api.http.get('/health');
    expect(connectSources(response.headers['content-security-policy'])).toEqual(["'self'", 'https://login.universitet.example']);
  });
});

describe('the signed-in user’s own settings: PATCH /api/me', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await loadDemoData(api.db, osloDay(new Date()));
  });
  afterAll(() => api.close());

  it('changes the language Flyt speaks to the user, and nobody else’s', async () => {
    const token = await api.tokenFor(DEMO_PERSONA.employee);
    const changed = await api.http.patch('/api/me').auth(token, { type: 'bearer' }).send({ locale: 'en' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email: DEMO_PERSONA.employee, locale: 'en', roles: [expect.objectContaining({ role: 'employee' })] });
    expect((await api.http.get('/api/me').auth(token, { type: 'bearer' })).body.locale).toBe('en');
    const [other] = await api.db.query(`SELECT locale FROM app_user WHERE email = $1`, [DEMO_PERSONA.line_manager]);
    expect(other.locale).toBe('nb');

    const back = await api.http.patch('/api/me').auth(token, { type: 'bearer' }).send({ locale: 'nb' });
    expect(back.body.locale).toBe('nb');
  });

  it('refuses a language Flyt does not speak and anything else, at the field, and changes nothing', async () => {
    const token = await api.tokenFor(DEMO_PERSONA.line_manager);
    const refused = await api.http.patch('/api/me').auth(token, { type: 'bearer' }).send({ locale: 'de', email: 'ny@universitet.example' });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body', 'locale']);
    const [user] = await api.db.query(`SELECT email, locale FROM app_user WHERE email = $1`, [DEMO_PERSONA.line_manager]);
    expect(user).toEqual({ email: DEMO_PERSONA.line_manager, locale: 'nb' });
  });

  it('needs a token', async () => {
    const response = await api.http.patch('/api/me').send({ locale: 'en' });
    expect(response.status).toBe(401);
  });
});
