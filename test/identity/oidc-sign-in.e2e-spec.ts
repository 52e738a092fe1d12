import { createHash, randomBytes } from 'node:crypto';
import { DEMO_PERSONA, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { type LocalOidcProvider, localOidcProvider } from './local-oidc-provider.js';

const REDIRECT_URI = 'http://127.0.0.1:9/sign-in';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** A browser's part of the authorization code flow, by hand: cookies, redirects and the provider's forms. */
class ProviderSession {
  private readonly cookies = new Map<string, string>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; body: string }> {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, url).toString() : null, body: await response.text() };
  }

  /** Follows redirects until one leaves the provider (to the client) or a page answers. */
  async follow(url: string, issuer: string): Promise<{ page: string; url: string } | { redirect: string }> {
    let next = url;
    for (let hops = 0; hops < 10; hops++) {
      const answer = await this.go(next);
      if (!answer.location) return { page: answer.body, url: next };
      if (!answer.location.startsWith(issuer)) return { redirect: answer.location };
      next = answer.location;
    }
    throw new Error('too many redirects at the provider');
  }
}

describe('sign-in with the OpenID Connect provider: authorization code with PKCE, then the API', () => {
  let provider: LocalOidcProvider;
  let api: TestApi;

  beforeAll(async () => {
    provider = await localOidcProvider([{ login: 'knut', email: DEMO_PERSONA.line_manager, name: 'Knut Olsen' }]);
    api = await startTestApi((config) => ({
      ...config,
      auth: {
        ...config.auth,
        issuer: provider.issuer,
        jwksUrl: provider.jwksUrl,
        oidc: { clientId: provider.clientId, scopes: ['openid', 'profile', 'email'], resource: provider.resource, apiToken: 'access_token' },
      },
    }));
    await loadDemoData(api.db, osloDay(new Date()));
    await provider.start(REDIRECT_URI);
  });
  afterAll(async () => {
    await api.close();
    await provider.close();
  });

  it('gives a token the API accepts as the user with that e-mail, with the settings the API publishes', async () => {
    const { oidc } = (await api.http.get('/api/auth/sign-in-options')).body;
    const discovery = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as Discovery;

    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const authorize = new URL(discovery.authorization_endpoint);
    for (const [name, value] of Object.entries({
      client_id: oidc.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: oidc.scopes.join(' '),
      resource: oidc.resource,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }

    const session = new ProviderSession();
    const login = await session.follow(authorize.toString(), oidc.issuer);
    if (!('page' in login)) throw new Error(`expected the provider's login page, was sent to ${login.redirect}`);
    const submitted = await session.go(login.url, { method: 'POST', form: { prompt: 'login', login: 'knut', password: 'hva som helst' } });
    const consent = await session.follow(submitted.location!, oidc.issuer);
    if (!('page' in consent)) throw new Error(`expected the provider's consent page, was sent to ${consent.redirect}`);
    const agreed = await session.go(consent.url, { method: 'POST', form: { prompt: 'consent' } });
    const back = await session.follow(agreed.location!, oidc.issuer);
    if (!('redirect' in back)) throw new Error(`expected to be sent back to Flyt, got a page: ${back.page.slice(0, 300)}`);
    const callback = new URL(back.redirect);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(state);

    const tokens = (await (
      await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code')!,
          redirect_uri: REDIRECT_URI,
          client_id: oidc.clientId,
          code_verifier: verifier,
        }).toString(),
      })
    ).json()) as { token_type: string; access_token: string; id_token: string };
    expect(tokens.token_type).toBe('Bearer');

    const me = await api.http.get('/api/me').auth(tokens.access_token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: DEMO_PERSONA.line_manager, name: 'Knut Olsen', roles: [expect.objectContaining({ role: 'line_manager' })] });

    // The ID token is meant for the web app (its audience is the client), not for the API.
    const withIdToken = await api.http.get('/api/me').auth(tokens.id_token, { type: 'bearer' });
    expect(withIdToken.status).toBe(401);
  });

  it('refuses a code exchanged without the PKCE verifier', async () => {
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
    const authorize = new URL(discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({ client_id: provider.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 'x' }).toString();
    const session = new ProviderSession();
    // A public client must send a PKCE challenge: the provider sends the browser back with an error instead of a login page.
    const answer = await session.follow(authorize.toString(), provider.issuer);
    expect('redirect' in answer && new URL(answer.redirect).searchParams.get('error')).toBe('invalid_request');
  });
});
