import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import { freePort } from '../support/flyt-process.js';

/** Someone who can sign in at the provider: the login they type, and the claims the provider vouches for. */
export interface ProviderAccount {
  login: string;
  email: string;
  name: string;
}

export interface LocalOidcProvider {
  /** The issuer, http://127.0.0.1:<port>, where the discovery document is. */
  issuer: string;
  jwksUrl: string;
  clientId: string;
  /** The resource indicator whose access tokens are meant for Flyt's API (audience `flyt`). */
  resource: string;
  /** Registers the test client with its redirect URI and starts answering. */
  start(redirectUri: string): Promise<void>;
  close(): Promise<void>;
}

export const OIDC_CLIENT_ID = 'flyt-web';
export const OIDC_RESOURCE = 'https://flyt.universitet.example/api';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1, standing in for the
 * university's: a public client for the web app (authorization code with PKCE), accounts that
 * sign in at its own login page (any password), and JWT access tokens for Flyt's API carrying the
 * account's e-mail, which is how libs/identity finds the Flyt user. The issuer is known before
 * the provider starts, so the API can be configured with it first; the client's redirect URI,
 * which holds the web app's port, is given when it starts.
 */
export async function localOidcProvider(accounts: readonly ProviderAccount[], audience = 'flyt'): Promise<LocalOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'local-provider-1', alg: 'RS256', use: 'sig' };
  const byLogin = new Map(accounts.map((account) => [account.login, account]));
  let server: Server | undefined;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId: OIDC_CLIENT_ID,
    resource: OIDC_RESOURCE,
    async start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT_ID,
            token_endpoint_auth_method: 'none',
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [signingKey] },
        // The web app (a public client) reads the provider's answers from its own origin.
        clientBasedCORS: (_ctx, origin) => origin === new URL(redirectUri).origin,
        cookies: { keys: ['local-provider-cookie-key'] },
        ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        async findAccount(_ctx, id) {
          const account = byLogin.get(id);
          if (!account) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) };
        },
        // Flyt's API finds its user by the token's e-mail (AUTH_USER_CLAIM=email).
        async extraTokenClaims(_ctx, token) {
          const account = 'accountId' in token && typeof token.accountId === 'string' ? byLogin.get(token.accountId) : undefined;
          return account ? { email: account.email } : undefined;
        },
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: async () => OIDC_RESOURCE,
            useGrantedResource: async () => true,
            async getResourceServerInfo(_ctx, indicator) {
              if (indicator !== OIDC_RESOURCE) throw new errors.InvalidTarget();
              return { audience, scope: 'openid profile email', accessTokenFormat: 'jwt', accessTokenTTL: 3600 };
            },
          },
        },
      });
      await new Promise<void>((ready) => {
        server = provider.listen(port, '127.0.0.1', ready);
      });
    },
    async close() {
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    },
  };
}
