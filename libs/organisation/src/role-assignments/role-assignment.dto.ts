import { z } from 'zod';
import { ROLES } from '#flyt/access';
import { DAY, PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';

const ID = z.uuid('must be a UUID');

export const ROLE_ASSIGNMENT_SCOPE = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('global') }),
    z.object({ kind: z.literal('unit'), unitId: z.uuid(), unitName: z.string() }).describe('The unit and every unit below it'),
    z.object({ kind: z.literal('process'), processId: z.uuid(), processName: z.string() }),
  ])
  .meta({ id: 'RoleAssignmentScope' });
export type RoleAssignmentScopeView = z.infer<typeof ROLE_ASSIGNMENT_SCOPE>;

export const ROLE_ASSIGNMENT = z
  .object({
    id: z.uuid(),
    user: z.object({ id: z.uuid(), name: z.string() }),
    role: z.enum(ROLES),
    scope: ROLE_ASSIGNMENT_SCOPE,
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable().describe('The last day it is in force; null when open-ended'),
    inForce: z.boolean().describe('In force today (Europe/Oslo)'),
    createdAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: 'RoleAssignment' });
export type RoleAssignmentView = z.infer<typeof ROLE_ASSIGNMENT>;

export const ROLE_ASSIGNMENT_PAGE = pageOf(ROLE_ASSIGNMENT, 'RoleAssignmentPage');

export const CREATE_ROLE_ASSIGNMENT = z
  .strictObject({
    userId: ID,
    role: z.enum(ROLES),
    unitId: ID.optional().describe('For roles held in a unit (and the units below it)'),
    processId: ID.optional().describe('For roles held for a process'),
    validFrom: DAY.optional().describe('First day in force; default today'),
    validTo: DAY.nullable().default(null).describe('Last day in force; null or absent when open-ended'),
  })
  .meta({ id: 'CreateRoleAssignment' });
export type CreateRoleAssignment = z.infer<typeof CREATE_ROLE_ASSIGNMENT>;

export const UPDATE_ROLE_ASSIGNMENT = z
  .strictObject({ validFrom: DAY, validTo: DAY.nullable().describe('null: open-ended') })
  .partial()
  .meta({ id: 'UpdateRoleAssignment' });
export type UpdateRoleAssignment = z.infer<typeof UPDATE_ROLE_ASSIGNMENT>;

export const END_ROLE_ASSIGNMENT = z
  .strictObject({ reason: z.string().trim().min(1, 'must not be empty').max(1000).optional() })
  .default({})
  .meta({ id: 'EndRoleAssignment' });

export const LIST_ROLE_ASSIGNMENTS = PAGE_QUERY.extend({
  userId: ID.optional().describe('Without admin or programme secretariat rights, only your own id'),
  role: z.enum(ROLES).optional(),
  unitId: ID.optional(),
  processId: ID.optional(),
  inForce: QUERY_FLAG.optional().describe('true: only those in force today; false: only those not in force today'),
  includeEnded: QUERY_FLAG.default(false),
});
export type ListRoleAssignmentsQuery = z.infer<typeof LIST_ROLE_ASSIGNMENTS>;
