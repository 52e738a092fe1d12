/**
 * CSV as Norwegian Excel opens it by a double click (the development plan, the reports; see
 * docs/priority-rounds.md, "The development plan and the minutes"): a UTF-8 byte order mark, or Excel reads æøå as the local code page;
 * semicolons between fields, as the Norwegian list separator is `;`; a decimal comma; CRLF
 * between records (RFC 4180).
 */

/** A cell: text is quoted as needed, numbers are written the way Norwegian Excel reads them, null is empty. */
export type CsvCell = string | number | null;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const SEPARATOR = ';';

/**
 * Text that Excel would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before
 * one) gets a leading apostrophe: a case title is someone's input, and a spreadsheet must never
 * execute it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A number as Norwegian Excel reads it: a decimal comma and no thousands separator (a space
 * there would make it text). Whole kroner stay whole; others get at most `decimals` digits.
 */
export function csvNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return '';
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  const text = Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(decimals).replace(/0+$/, '');
  return text.replace('.', ',').replace(/^-0$/, '0');
}

function cell(value: CsvCell): string {
  if (value === null) return '';
  return typeof value === 'number' ? csvNumber(value) : csvText(value);
}

/** The whole file: the byte order mark, then one record per row. */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(cell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
