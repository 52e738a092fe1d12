import { z } from 'zod';
import { ROLES } from '#flyt/access';

/** The languages Flyt speaks. */
export const LOCALE = z.enum(['nb', 'en']);

export const DEV_LOGIN = z.strictObject({ email: z.email('must be an e-mail address').transform((e) => e.toLowerCase()) }).meta({ id: 'DevLogin' });

export const DEV_TOKEN = z
  .object({ token: z.string().describe('A bearer token (JWT)'), expiresAt: z.iso.datetime(), tokenType: z.literal('Bearer') })
  .meta({ id: 'DevToken' });

export const JWKS = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'JsonWebKeySet' });

const SCOPE = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }),
  z.object({ kind: z.literal('unit'), unitId: z.uuid(), unitName: z.string() }),
  z.object({ kind: z.literal('process'), processId: z.uuid(), processName: z.string() }),
]);

export const ME = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: LOCALE,
    unit: z.object({ id: z.uuid(), nameNb: z.string(), nameEn: z.string() }),
    day: z.iso.date().describe('The Norwegian calendar day the roles below are in force for'),
    roles: z.array(
      z.object({
        role: z.enum(ROLES),
        scope: SCOPE,
        source: z.object({
          kind: z.enum(['assignment', 'mandate', 'deputy']),
          id: z.uuid(),
          absenceId: z.uuid().optional().describe('deputy: the absence of the holder that the deputy stands in for'),
        }),
        validTo: z.iso.date().nullable(),
      }),
    ),
  })
  .meta({ id: 'Me' });
export type MeView = z.infer<typeof ME>;

export const UPDATE_ME = z
  .strictObject({ locale: LOCALE.describe('The language Flyt speaks to the user in: its notifications and e-mail, and the web app') })
  .meta({ id: 'UpdateMe' });
export type UpdateMeBody = z.infer<typeof UPDATE_ME>;

const NAME = z.object({ nb: z.string(), en: z.string() });

const SIGN_IN_PERSON = z
  .object({
    email: z.string(),
    name: z.string(),
    unit: NAME.describe('The home unit'),
    holds: z
      .array(
        z.object({
          role: z.enum(ROLES),
          scope: NAME.nullable().describe('The unit or process it is held for; null: the whole university'),
          standingIn: z.boolean().describe('Held as the deputy of a process responsible who is away today'),
        }),
      )
      .describe('Every role the person holds today, in any group'),
  })
  .meta({ id: 'SignInPerson' });

export const SIGN_IN_OPTIONS = z
  .object({
    devLogin: z
      .object({
        groups: z.array(
          z.object({
            role: z.enum(ROLES),
            people: z.array(SIGN_IN_PERSON).describe('A few who hold the role today, the demo organisation’s personas first; each person in one group only'),
            more: z.number().int().describe('How many more people the group holds than it lists'),
          }),
        ),
      })
      .nullable()
      .describe('Dev login (POST /api/auth/dev-login) and the people to pick from; null when it is off'),
    oidc: z
      .object({
        issuer: z.string().describe('The provider, whose discovery document is at <issuer>/.well-known/openid-configuration'),
        clientId: z.string(),
        scopes: z.array(z.string()),
        resource: z.string().nullable().describe('A resource indicator (RFC 8707) to ask for with the authorization'),
        apiToken: z.enum(['access_token', 'id_token']).describe('Which of the provider’s tokens to send to this API as the bearer token'),
      })
      .nullable()
      .describe('Sign-in with the university’s OpenID Connect provider (authorization code flow with PKCE, redirect URI <web app>/sign-in); null when not configured'),
  })
  .meta({ id: 'SignInOptions' });
export type SignInOptionsView = z.infer<typeof SIGN_IN_OPTIONS>;
