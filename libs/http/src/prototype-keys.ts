import type { FieldError } from '#flyt/kernel';
import { MAX_DEPTH } from './unsafe-text.js';

/** Keys that reach an object's prototype when copied or merged. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Segment = string | number;

/**
 * Every object key in `value` that names the prototype, reported as zod reports any other key a
 * schema does not know, on the object that holds it. Nest would delete such keys silently, so a
 * change carrying one looked accepted; Flyt refuses them like every other unknown key.
 */
export function prototypeKeyErrors(value: unknown, fieldOf: (path: Segment[]) => string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new WeakSet<object>();
  const visit = (node: unknown, path: Segment[]): void => {
    // Deeper input is refused for its depth by the unsafe-text check; descending would only risk the stack.
    if (node === null || typeof node !== 'object' || seen.has(node) || path.length > MAX_DEPTH) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) errors.push({ field: fieldOf(path), reason: `Unrecognized key: "${key}"` });
      else visit((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  visit(value, []);
  return errors;
}
