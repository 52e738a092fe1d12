import { z } from 'zod';
import { PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';
import { UNIT_KINDS } from '../domain/unit-tree.js';

const CODE = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . - (at most 40), starting with a letter or digit');
const NAME = z.string().trim().min(1, 'must not be empty').max(200);

export const UNIT = z
  .object({
    id: z.uuid(),
    code: z.string(),
    nameNb: z.string(),
    nameEn: z.string(),
    kind: z.enum(UNIT_KINDS),
    parentId: z.uuid().nullable(),
    path: z.array(z.uuid()).describe('Ids from the university down to this unit, itself included'),
    endedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Unit' });
export type UnitView = z.infer<typeof UNIT>;

export const UNIT_PAGE = pageOf(UNIT, 'UnitPage');

export const CREATE_UNIT = z
  .strictObject({ code: CODE, nameNb: NAME, nameEn: NAME, kind: z.enum(UNIT_KINDS), parentId: z.uuid().nullable().default(null) })
  .meta({ id: 'CreateUnit' });

export const UPDATE_UNIT = z
  .strictObject({ code: CODE, nameNb: NAME, nameEn: NAME, parentId: z.uuid().describe('Moves the unit and its sub-units') })
  .partial()
  .meta({ id: 'UpdateUnit' });

export const LIST_UNITS = PAGE_QUERY.extend({
  parentId: z.uuid().optional(),
  within: z.uuid().optional().describe('Only this unit and the units below it'),
  kind: z.enum(UNIT_KINDS).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Matches code or name'),
  includeEnded: QUERY_FLAG.default(false),
});
export type ListUnitsQuery = z.infer<typeof LIST_UNITS>;
