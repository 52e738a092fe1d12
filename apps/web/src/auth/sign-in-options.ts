import type { Label } from '../api/client';

/** A person the dev-login picker offers, with every role they hold today. */
export interface SignInPerson {
  email: string;
  name: string;
  unit: Label;
  holds: { role: string; scope: Label | null; standingIn: boolean }[];
}

/** How people sign in here (GET /api/auth/sign-in-options). */
export interface SignInOptions {
  devLogin: { groups: { role: string; people: SignInPerson[]; more: number }[] } | null;
  oidc: OidcSettings | null;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string[];
  resource: string | null;
  apiToken: 'access_token' | 'id_token';
}
