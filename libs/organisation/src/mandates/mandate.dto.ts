import { z } from 'zod';
import { DAY, PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';

const ID = z.uuid('must be a UUID');
const DESCRIPTION = z.string().trim().max(2000);
const PERSON = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
const VALID_TO =
  'The last day; at most MANDATE_MAX_YEARS (4 unless configured) years after validFrom, never open-ended. ' +
  'No other open mandate of the process may cover any of the days.';

export const MANDATE_ABSENCE = z
  .object({ id: z.uuid(), startsOn: z.iso.date(), endsOn: z.iso.date(), reason: z.string() })
  .meta({ id: 'MandateAbsence' });

export const MANDATE = z
  .object({
    id: z.uuid(),
    process: z.object({ id: z.uuid(), nameNb: z.string() }),
    holder: PERSON,
    deputy: PERSON.nullable().describe('Stands in for the holder during a recorded absence'),
    delegatedBy: z.object({ id: z.uuid(), name: z.string() }),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    description: z.string(),
    inForce: z.boolean().describe('In force today (Europe/Oslo)'),
    deputyStandsInToday: z.boolean().describe('An absence of the holder covers today, so the deputy holds the role'),
    absences: z.array(MANDATE_ABSENCE).describe('Earliest first'),
    createdAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: 'Mandate' });
export type MandateView = z.infer<typeof MANDATE>;

export const MANDATE_PAGE = pageOf(MANDATE, 'MandatePage');

export const CREATE_MANDATE = z
  .strictObject({
    processId: ID,
    holderId: ID.describe('The person who becomes process responsible'),
    deputyId: ID.nullable().default(null).describe('Stands in during the holder’s absences'),
    validFrom: DAY,
    validTo: DAY.describe(VALID_TO),
    description: DESCRIPTION.default(''),
  })
  .meta({ id: 'CreateMandate' });
export type CreateMandate = z.infer<typeof CREATE_MANDATE>;

export const UPDATE_MANDATE = z
  .strictObject({ validFrom: DAY, validTo: DAY.describe(VALID_TO), deputyId: ID.nullable().describe('null removes the deputy'), description: DESCRIPTION })
  .partial()
  .meta({ id: 'UpdateMandate' });
export type UpdateMandate = z.infer<typeof UPDATE_MANDATE>;

export const END_MANDATE = z
  .strictObject({ reason: z.string().trim().min(1, 'must not be empty').max(1000).optional() })
  .default({})
  .meta({ id: 'EndMandate' });

export const RECORD_ABSENCE = z
  .strictObject({ startsOn: DAY, endsOn: DAY, reason: z.string().trim().max(1000).default('') })
  .meta({ id: 'RecordMandateAbsence' });
export type RecordAbsence = z.infer<typeof RECORD_ABSENCE>;

export const ABSENCE_PARAMS = z.object({ id: ID, absenceId: ID });

export const LIST_MANDATES = PAGE_QUERY.extend({
  processId: ID.optional(),
  holderId: ID.optional(),
  deputyId: ID.optional(),
  inForce: QUERY_FLAG.optional().describe('true: only those in force today; false: only those not in force today'),
  includeEnded: QUERY_FLAG.default(false),
});
export type ListMandatesQuery = z.infer<typeof LIST_MANDATES>;
