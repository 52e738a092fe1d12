import type { OidcSettings } from './sign-in-options';

/**
 * Sign-in with the university's OpenID Connect provider: the authorization code flow with PKCE.
 * The provider sends people back to /sign-in, which the provider must know as this client's
 * redirect URI. oidc-client-ts is loaded only when someone signs in this way, so the first
 * screen does not carry it.
 */
async function userManager(settings: OidcSettings, language: string) {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${window.location.origin}/sign-in`,
    response_type: 'code',
    scope: settings.scopes.join(' '),
    resource: settings.resource ?? undefined,
    ui_locales: language,
    // The app keeps the token it needs itself (auth/token.ts); the library's copy would outlive a sign-out.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // The PKCE verifier must survive the trip to the provider, in this tab only.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    loadUserInfo: false,
  });
}

/** Sends the browser to the provider; `from` is the page to return to once signed in. */
export async function startOidcSignIn(settings: OidcSettings, language: string, from: string): Promise<void> {
  const manager = await userManager(settings, language);
  await manager.signinRedirect({ state: { from } });
}

/** The provider said no (the person cancelled, or is not allowed in): its error code, and the page the person was on the way to. */
export class OidcRefused extends Error {
  constructor(
    readonly code: string,
    readonly from: string,
  ) {
    super(`The provider answered ${code}`);
  }
}

/** Whether the address is the provider sending someone back to /sign-in. */
export function isOidcReturn(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

function fromOf(state: unknown): string {
  const from = (state as { from?: unknown } | undefined)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

// A code can be exchanged once: React's development double effects must not try twice.
const completions = new Map<string, Promise<{ token: string; from: string }>>();

/** Exchanges the code the provider sent back for tokens: the bearer token for the API and the page to go on to. */
export function completeOidcSignIn(settings: OidcSettings, language: string, url: string): Promise<{ token: string; from: string }> {
  let completion = completions.get(url);
  if (!completion) {
    completion = (async () => {
      const { ErrorResponse } = await import('oidc-client-ts');
      const manager = await userManager(settings, language);
      try {
        const user = await manager.signinRedirectCallback(url);
        const token = settings.apiToken === 'id_token' ? user.id_token : user.access_token;
        if (!token) throw new OidcRefused('no_token', fromOf(user.state));
        return { token, from: fromOf(user.state) };
      } catch (error) {
        if (error instanceof ErrorResponse) throw new OidcRefused(error.error ?? 'unknown', fromOf(error.state));
        throw error;
      }
    })();
    completions.set(url, completion);
  }
  return completion;
}
