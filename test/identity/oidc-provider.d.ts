/**
 * The part of `oidc-provider` (which ships no types) that test/identity/local-oidc-provider.ts
 * uses. @types/oidc-provider describes it all.
 */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  interface ResourceServer {
    audience: string;
    scope: string;
    accessTokenFormat: 'jwt' | 'opaque';
    accessTokenTTL?: number;
  }
  interface Configuration {
    clients: Record<string, unknown>[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: { keys: string[] };
    ttl: Record<string, number>;
    clientBasedCORS(ctx: unknown, origin: string, client: unknown): boolean;
    claims: Record<string, string[]>;
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
    extraTokenClaims(ctx: unknown, token: { kind: string; accountId?: unknown }): Promise<Record<string, unknown> | undefined>;
    features: {
      devInteractions: { enabled: boolean };
      resourceIndicators: {
        enabled: boolean;
        defaultResource(ctx: unknown, client: unknown, oneOf?: string[]): Promise<string | string[] | undefined>;
        useGrantedResource(ctx: unknown, model: unknown): Promise<boolean>;
        getResourceServerInfo(ctx: unknown, indicator: string, client: unknown): Promise<ResourceServer>;
      };
    };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host: string, listening: () => void): Server;
  }
  export const errors: { InvalidTarget: new (description?: string) => Error };
}
