import { z } from 'zod';
import { ROLES } from '#flyt/access';

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
    locale: z.enum(['nb', 'en']),
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
