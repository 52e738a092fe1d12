import type { ArgumentMetadata } from '@nestjs/common';
import { z } from 'zod';
import type { FieldError } from '#flyt/kernel';

type StandardSchema = NonNullable<ArgumentMetadata['schema']>;

type JsonSchema = { type?: string | string[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; $ref?: string };
interface QueryShape {
  properties: Record<string, JsonSchema>;
  defs: Record<string, JsonSchema>;
}

const shapes = new WeakMap<object, QueryShape | null>();

/** The input side of a zod query schema as JSON Schema: which parameters it has and what each takes. */
function shapeOf(schema: StandardSchema): QueryShape | null {
  if (!shapes.has(schema)) {
    let shape: QueryShape | null = null;
    if (schema instanceof z.ZodType) {
      try {
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; $defs?: Record<string, JsonSchema> };
        shape = { properties: json.properties ?? {}, defs: json.$defs ?? {} };
      } catch {
        shape = null;
      }
    }
    shapes.set(schema, shape);
  }
  return shapes.get(schema) ?? null;
}

function takesSeveral(node: JsonSchema | undefined, defs: Record<string, JsonSchema>, seen = new Set<string>()): boolean {
  if (!node) return false;
  if (node.$ref) {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    if (seen.has(name)) return false;
    seen.add(name);
    return takesSeveral(defs[name], defs, seen);
  }
  if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) return true;
  return [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].some((option) => takesSeveral(option, defs, seen));
}

/**
 * A parameter given more than once (`?limit=5&limit=6`) arrives as a list. Where the schema takes
 * one value, the schema would only say "expected number, received NaN"; this says what is wrong.
 * Parameters that take several (`state`) are left to the schema.
 */
export function repeatedQueryParameters(query: unknown, schema: StandardSchema): FieldError[] {
  const shape = shapeOf(schema);
  if (!shape || query === null || typeof query !== 'object') return [];
  return Object.entries(query)
    .filter(([name, value]) => Array.isArray(value) && Object.hasOwn(shape.properties, name) && !takesSeveral(shape.properties[name], shape.defs))
    .map(([name]) => ({ field: name, reason: 'may be given only once' }));
}
