import { z } from 'zod';

export const ID_PARAMS = z.object({ id: z.uuid('must be a UUID') });

/** A calendar day, YYYY-MM-DD, that exists. */
export const DAY = z.iso.date('must be a date as YYYY-MM-DD');

export const PAGE_QUERY = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
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
