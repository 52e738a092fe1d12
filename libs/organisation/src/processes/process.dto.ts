import { z } from 'zod';
import { PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';
import { PERSON } from '../users/user.dto.js';

const CODE = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . - (at most 40), starting with a letter or digit');
const NAME = z.string().trim().min(1, 'must not be empty').max(200);
const DESCRIPTION = z.string().trim().max(4000);
const TEAM_MEMBER_IDS = z
  .array(z.uuid('must be a UUID'))
  .max(100)
  .describe('The process-responsibility team (prosessansvarsteam): active users');

export const PROCESS = z
  .object({
    id: z.uuid(),
    code: z.string(),
    nameNb: z.string(),
    nameEn: z.string(),
    description: z.string(),
    owningUnit: z.object({ id: z.uuid(), nameNb: z.string() }),
    endedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Process' });
export type ProcessView = z.infer<typeof PROCESS>;

export const PROCESS_PAGE = pageOf(PROCESS, 'ProcessPage');

const PROCESS_RESPONSIBLE = z.object({
  mandateId: z.uuid(),
  holder: PERSON,
  deputy: PERSON.nullable(),
  validFrom: z.iso.date(),
  validTo: z.iso.date(),
  deputyStandsIn: z.boolean().describe('An absence of the holder covers the day: the deputy acts as process responsible'),
  absence: z
    .object({ startsOn: z.iso.date(), endsOn: z.iso.date() })
    .nullable()
    .describe('The absence of the holder that covers the day, when the deputy stands in'),
});

export const PROCESS_DETAIL = PROCESS.extend({
  day: z.iso.date().describe('The Norwegian calendar day the role holders below are in force for'),
  processOwners: z.array(PERSON).describe('Users assigned process_owner for this process'),
  processResponsibles: z.array(PROCESS_RESPONSIBLE).describe('Mandates in force, delegated by the process owner'),
  processAdvisers: z.array(PERSON).describe('Users assigned process_adviser for this process'),
  team: z.array(PERSON).describe('The process-responsibility team'),
}).meta({ id: 'ProcessDetail' });
export type ProcessDetailView = z.infer<typeof PROCESS_DETAIL>;

export const CREATE_PROCESS = z
  .strictObject({
    code: CODE,
    nameNb: NAME,
    nameEn: NAME,
    description: DESCRIPTION.default(''),
    owningUnitId: z.uuid('must be a UUID').describe('An existing unit that has not ended'),
    teamMemberIds: TEAM_MEMBER_IDS.default([]),
  })
  .meta({ id: 'CreateProcess' });
export type CreateProcessInput = z.infer<typeof CREATE_PROCESS>;

export const UPDATE_PROCESS = z
  .strictObject({
    code: CODE,
    nameNb: NAME,
    nameEn: NAME,
    description: DESCRIPTION,
    owningUnitId: z.uuid('must be a UUID'),
    teamMemberIds: TEAM_MEMBER_IDS.describe('Replaces the whole team'),
  })
  .partial()
  .meta({ id: 'UpdateProcess' });
export type UpdateProcessInput = z.infer<typeof UPDATE_PROCESS>;

export const LIST_PROCESSES = PAGE_QUERY.extend({
  owningUnitId: z.uuid('must be a UUID').optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Matches code or name'),
  includeEnded: QUERY_FLAG.default(false),
});
export type ListProcessesQuery = z.infer<typeof LIST_PROCESSES>;
