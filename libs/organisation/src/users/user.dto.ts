import { z } from 'zod';
import { ROLES } from '#flyt/access';
import { PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';

const EMAIL = z
  .email('must be an e-mail address')
  .max(254)
  .transform((email) => email.toLowerCase())
  .describe('Stored in lower case; unique');
const NAME = z.string().trim().min(1, 'must not be empty').max(200);
const LOCALE = z.enum(['nb', 'en']);
const EXTERNAL_SUBJECT = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255)
  .describe("The subject (sub) of the user at the university's OpenID Connect provider; unique");

/** A person as other records name them. */
export const PERSON = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
export type PersonView = z.infer<typeof PERSON>;

export const USER = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    unit: z.object({ id: z.uuid(), nameNb: z.string() }).describe('The home unit'),
    locale: LOCALE,
    externalSubject: z.string().nullable(),
    endedAt: z.iso.datetime().nullable().describe('Set when the user was deactivated; an ended user cannot sign in'),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof USER>;

export const USER_PAGE = pageOf(USER, 'UserPage');

const USER_ROLE_ASSIGNMENT = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('global') }),
    z.object({ kind: z.literal('unit'), unitId: z.uuid(), unitName: z.string() }),
    z.object({ kind: z.literal('process'), processId: z.uuid(), processCode: z.string(), processName: z.string() }),
  ]),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable().describe('null: open-ended'),
});

const USER_MANDATE = z.object({
  id: z.uuid(),
  process: z.object({ id: z.uuid(), code: z.string(), nameNb: z.string() }),
  capacity: z.enum(['holder', 'deputy']).describe('Whether the user holds the mandate or is its deputy'),
  holder: PERSON,
  deputy: PERSON.nullable(),
  validFrom: z.iso.date(),
  validTo: z.iso.date(),
  deputyStandsIn: z.boolean().describe('An absence of the holder covers the day: the deputy acts as process responsible'),
});

export const USER_DETAIL = USER.extend({
  day: z.iso.date().describe('The Norwegian calendar day the role assignments and mandates below are in force for'),
  roleAssignments: z.array(USER_ROLE_ASSIGNMENT).describe('Role assignments in force on the day'),
  mandates: z.array(USER_MANDATE).describe('Mandates in force on the day that the user holds or is deputy for'),
}).meta({ id: 'UserDetail' });
export type UserDetailView = z.infer<typeof USER_DETAIL>;

export const CREATE_USER = z
  .strictObject({
    email: EMAIL,
    name: NAME,
    unitId: z.uuid('must be a UUID').describe('The home unit: an existing unit that has not ended'),
    locale: LOCALE.default('nb'),
    externalSubject: EXTERNAL_SUBJECT.nullable().default(null),
  })
  .meta({ id: 'CreateUser' });
export type CreateUserInput = z.infer<typeof CREATE_USER>;

export const UPDATE_USER = z
  .strictObject({
    email: EMAIL,
    name: NAME,
    unitId: z.uuid('must be a UUID').describe('Moves the user to another home unit'),
    locale: LOCALE,
    externalSubject: EXTERNAL_SUBJECT.nullable().describe('null removes the link to the identity provider'),
  })
  .partial()
  .meta({ id: 'UpdateUser' });
export type UpdateUserInput = z.infer<typeof UPDATE_USER>;

export const LIST_USERS = PAGE_QUERY.extend({
  unitId: z.uuid('must be a UUID').optional().describe('Only users whose home unit is this unit or a unit below it'),
  q: z.string().trim().min(1).max(100).optional().describe('Matches name or e-mail'),
  role: z.enum(ROLES).optional().describe('Only users who hold this role today (process_responsible: through a mandate)'),
  includeEnded: QUERY_FLAG.default(false),
});
export type ListUsersQuery = z.infer<typeof LIST_USERS>;
