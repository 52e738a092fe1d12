import { z } from 'zod';

/**
 * Characters that take no room on the page: white space, zero-width spaces and joiners, the word
 * joiner, the byte-order mark, the soft hyphen. A title made of them only looks empty to a reader.
 */
const INVISIBLE = '\\s\\u200B-\\u200D\\u2060\\uFEFF\\u00AD';
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'gu');

/**
 * Text a person writes: trimmed of invisible characters at both ends, and refused when nothing
 * visible is left (unless `min` is 0) or when it is longer than `max`. For payload schemas of workflow
 * events and for the fields of a workflow's own data.
 */
export function personText(options: { max: number; min?: 0 | 1 }): z.ZodString {
  const text = z.string().overwrite((value) => value.replace(EDGES, ''));
  const bounded = text.max(options.max, `at most ${options.max.toLocaleString('en-GB').replace(/,/g, ' ')} characters`);
  // Trimmed first, so text of invisible characters only is empty here.
  return options.min === 0 ? bounded : bounded.min(1, 'must not be empty');
}

/**
 * A calendar day a person gives (YYYY-MM-DD) that exists, from 1900 to 2999: nothing Flyt plans or
 * records falls outside, and PostgreSQL has no year 0 (it would answer with an error, not a refusal).
 */
export function personDay(what?: string): z.ZodString {
  // `abort`: text that is no date at all is told so once, not also that it is out of range.
  const day = z.iso
    .date({ error: 'must be a date as YYYY-MM-DD', abort: true })
    .refine((value) => value >= '1900-01-01' && value <= '2999-12-31', 'must be a date from 1900 to 2999');
  return (what ? day.describe(what) : day) as unknown as z.ZodString;
}
