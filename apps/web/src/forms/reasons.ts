import type { TFunction } from 'i18next';

/**
 * The API gives a field's reason in English, as its validation words it ("must not be empty",
 * zod's "Invalid input: expected string, received undefined"). The common ones are said in the
 * person's language; any other reason is shown as the API gave it rather than hidden.
 */
const KNOWN: [pattern: RegExp, key: string, values?: (match: RegExpExecArray) => Record<string, string>][] = [
  [/^must not be empty$/, 'empty'],
  [/^Invalid input: expected \w+, received undefined$/, 'required'],
  [/^at most ([\d\s\u00a0]+) characters$/, 'maxCharacters', (m) => ({ max: m[1]!.trim() })],
  [/^(must be a UUID|Invalid UUID)$/i, 'uuid'],
  [/^(Invalid ISO date|must be a date as YYYY-MM-DD)$/, 'date'],
  [/^Invalid input: expected number, received \w+$/, 'number'],
  [/^Invalid option/, 'choice'],
  [/^Too small: expected number to be >=?\s*(\S+)$/, 'atLeast', (m) => ({ min: m[1]! })],
  [/^Too big: expected number to be <=?\s*(\S+)$/, 'atMost', (m) => ({ max: m[1]! })],
];

export function reasonInWords(reason: string, t: TFunction): string {
  for (const [pattern, key, values] of KNOWN) {
    const match = pattern.exec(reason.trim());
    if (match) return t(`forms.reasons.${key}`, { ...(values?.(match) ?? {}), defaultValue: reason });
  }
  return reason;
}

/** Every field's reasons (fieldErrorsOf joins several with "; ") in words. */
export function reasonsInWords(errors: Record<string, string>, t: TFunction): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, reasons]) => [
      field,
      reasons
        .split('; ')
        .map((reason) => reasonInWords(reason, t))
        .join(' '),
    ]),
  );
}
