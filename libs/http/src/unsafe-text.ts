import type { FieldError } from '#flyt/kernel';

/**
 * Characters Flyt refuses in any text it is sent. PostgreSQL cannot store U+0000 in text or jsonb
 * (it answered 500); the other control characters, DEL and lone surrogates are never typed by a
 * person and break mails, exports and terminals; the bidirectional overrides and isolates make
 * text read differently from what it holds (a title that shows one thing and searches as another).
 * Tab, line feed and carriage return are ordinary text.
 */
export function unsafeCharacterIn(text: string): string | undefined {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return describe(code);
    }
    if (code >= 0xdc00 && code <= 0xdfff) return describe(code);
    if (isControl(code) || isBidiControl(code)) return describe(code);
  }
  return undefined;
}

const isControl = (code: number) =>
  (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);

const isBidiControl = (code: number) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the character is refused, in words a user can act on. */
function describe(code: number): string {
  if (code === 0) return `contains the null character ${codePoint(code)}, which cannot be stored; remove it`;
  if (code >= 0xd800 && code <= 0xdfff) return `contains ${codePoint(code)}, half of a character (a lone surrogate); the text is damaged, type it again`;
  if (isBidiControl(code)) return `contains ${codePoint(code)}, an invisible character that changes the direction of the text around it; remove it`;
  return `contains the invisible control character ${codePoint(code)}; remove it`;
}

type Segment = string | number;

export const MAX_DEPTH = 64;

/**
 * Every string in `value` (and every key of its objects) that holds such a character, one error
 * per field, named by `fieldOf` as the validation pipe names fields.
 */
export function unsafeTextErrors(value: unknown, fieldOf: (path: Segment[]) => string): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: unknown, path: Segment[], depth: number): void => {
    // Nothing Flyt takes is nested this deep; the bound keeps a crafted body from exhausting the stack.
    if (depth > MAX_DEPTH) {
      errors.push({ field: fieldOf(path), reason: `is nested more than ${MAX_DEPTH} levels deep` });
      return;
    }
    if (typeof node === 'string') {
      const reason = unsafeCharacterIn(node);
      if (reason) errors.push({ field: fieldOf(path), reason });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index], depth + 1));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const reason = unsafeCharacterIn(key);
        if (reason) errors.push({ field: fieldOf(path), reason: `has a field name that ${reason}` });
        else visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(value, [], 0);
  return errors;
}
