import { z } from 'zod';

export const ID_PARAMS = z.object({ id: z.uuid('must be a UUID') });

/**
 * A calendar day, YYYY-MM-DD, that exists. Years before 1900 are refused: nothing Flyt records
 * happened then, and PostgreSQL has no year 0 (it would answer with an error, not a refusal).
 */
export const DAY = z.iso
  .date('must be a date as YYYY-MM-DD')
  .refine((day) => day >= '1900-01-01', 'must be a date in 1900 or later');

/**
 * A whole number in a query string. Coercion turns text that is not a number into NaN, and zod's
 * own message would then speak of a NaN the client never sent.
 */
export function queryInteger(min: number, max?: number) {
  const number = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`);
  return max === undefined ? number : number.max(max, `must be at most ${max}`);
}

export const PAGE_QUERY = z.object({
  limit: queryInteger(1, 200).default(50),
  offset: queryInteger(0).default(0),
});

/** Query booleans arrive as text. */
export const QUERY_FLAG = z.enum(['true', 'false']).transform((value) => value === 'true');

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
    .meta({ id });
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
