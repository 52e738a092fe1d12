import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEMO_PERSONA, DEMO_PERSONA_EXTRA, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { startTestApi, type TestApi } from '../support/test-api.js';

const ISSUER = 'https://login.universitet.example';

/** A stand-in for the university's OpenID Connect provider: a JWKS served on loopback. */
async function startIdentityProvider(): Promise<{ url: string; sign: (claims: Record<string, unknown>, options?: { expiresIn?: string }) => Promise<string>; close: () => Promise<void> }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return {
    url,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setIssuer(ISSUER)
        .setAudience('flyt')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(privateKey as CryptoKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('authentication', () => {
  let api: TestApi;
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    api = await startTestApi((config) => ({ ...config, auth: { ...config.auth, issuer: ISSUER, jwksUrl: idp.url } }));
    await loadDemoData(api.db, osloDay(new Date()));
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  it('dev login gives a token that /api/me accepts, with the roles in force', async () => {
    const login = await api.http.post('/api/auth/dev-login').send({ email: DEMO_PERSONA.line_manager.toUpperCase() });
    expect(login.status).toBe(200);
    expect(login.body.tokenType).toBe('Bearer');
    const me = await api.http.get('/api/me').auth(login.body.token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(DEMO_PERSONA.line_manager);
    expect(me.body.roles).toEqual([
      expect.objectContaining({ role: 'line_manager', scope: expect.objectContaining({ kind: 'unit', unitName: 'Institutt for informatikk' }) }),
    ]);
  });

  it('shows the deputy standing in for an absent process responsible', async () => {
    const token = await api.tokenFor(DEMO_PERSONA_EXTRA.standingInDeputy);
    const me = await api.http.get('/api/me').auth(token, { type: 'bearer' });
    const standIn = me.body.roles.find((r: { role: string }) => r.role === 'process_responsible');
    expect(standIn).toMatchObject({ scope: { kind: 'process', processName: 'Personvern og informasjonssikkerhet' }, source: { kind: 'deputy' } });
  });

  it('refuses dev login for an unknown e-mail with a field error', async () => {
    const response = await api.http.post('/api/auth/dev-login').send({ email: 'ukjent@universitet.example' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'email', reason: 'no active Flyt user has this e-mail' }]);
  });

  it('refuses a malformed dev-login body', async () => {
    const response = await api.http.post('/api/auth/dev-login').send({ email: 'not-an-email', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body', 'email']);
  });

  it('accepts a token from the configured OpenID Connect provider, matched by e-mail', async () => {
    const token = await idp.sign({ sub: 'ext-123', email: DEMO_PERSONA.admin });
    const me = await api.http.get('/api/me').auth(token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(DEMO_PERSONA.admin);
  });

  it('refuses an expired provider token, a token from an untrusted issuer, and garbage, each with 401', async () => {
    const expired = await idp.sign({ email: DEMO_PERSONA.admin }, { expiresIn: '-1m' });
    const response = await api.http.get('/api/me').auth(expired, { type: 'bearer' });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/expired/);

    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ email: DEMO_PERSONA.admin })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://evil.example')
      .setAudience('flyt')
      .setExpirationTime('5m')
      .sign(privateKey as CryptoKey);
    expect((await api.http.get('/api/me').auth(forged, { type: 'bearer' })).status).toBe(401);

    const forgedDev = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('urn:flyt:dev-login')
      .setAudience('flyt')
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setExpirationTime('5m')
      .sign(privateKey as CryptoKey);
    expect((await api.http.get('/api/me').auth(forgedDev, { type: 'bearer' })).status).toBe(401);

    expect((await api.http.get('/api/me').auth('garbage', { type: 'bearer' })).status).toBe(401);
  });

  it('refuses a valid provider token for someone who is not a Flyt user', async () => {
    const token = await idp.sign({ email: 'gjest@universitet.example' });
    const response = await api.http.get('/api/me').auth(token, { type: 'bearer' });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('The token names no active Flyt user');
  });

  it('publishes the dev-login public key', async () => {
    const response = await api.http.get('/api/auth/dev-jwks');
    expect(response.status).toBe(200);
    expect(response.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256' })]);
    expect(response.body.keys[0].d).toBeUndefined();
  });
});

describe('dev login in production', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi((config) => ({ ...config, environment: 'production', auth: { ...config.auth, devLogin: { ...config.auth.devLogin, enabled: false } } }));
    await loadDemoData(api.db, osloDay(new Date()));
  });
  afterAll(() => api.close());

  it('is not there', async () => {
    const response = await api.http.post('/api/auth/dev-login').send({ email: DEMO_PERSONA.admin });
    expect(response.status).toBe(404);
    expect((await api.http.get('/api/auth/dev-jwks')).status).toBe(404);
  });
});
