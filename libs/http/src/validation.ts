import { type ArgumentMetadata, StandardSchemaValidationPipe } from '@nestjs/common';
import { type FieldError, InputInvalid } from '#flyt/kernel';
import { prototypeKeyErrors } from './prototype-keys.js';
import { repeatedQueryParameters } from './query-parameters.js';
import { unsafeTextErrors } from './unsafe-text.js';

type IssuePath = ReadonlyArray<PropertyKey | { key: PropertyKey }>;

export function fieldPath(path: IssuePath | undefined): string {
  if (!path || path.length === 0) return 'body';
  return path
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Validates every `@Body/@Query/@Param({ schema })` with its zod schema and reports each bad field.
 * Before the schema, and whatever it says, it refuses what no endpoint takes: text with characters
 * PostgreSQL or people cannot take (anywhere in the input, so a workflow event's free-form payload
 * is covered too), keys that name an object's prototype (Nest would drop them silently), and a
 * query parameter given twice where the schema takes one value.
 */
class FlytValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    if (metadata.type !== 'custom') {
      // `@Param('id')` validates one value: its name is the decorator's. A query's own keys are named `query`.
      const named = (path: (string | number)[]) => {
        const full = metadata.data ? [metadata.data, ...path] : path;
        return full.length === 0 && metadata.type === 'query' ? 'query' : fieldPath(full);
      };
      const errors: FieldError[] = [...unsafeTextErrors(value, named), ...prototypeKeyErrors(value, named)];
      if (metadata.type === 'query' && metadata.schema && !metadata.data) errors.push(...repeatedQueryParameters(value, metadata.schema));
      if (errors.length > 0) throw new InputInvalid(errors);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): StandardSchemaValidationPipe {
  return new FlytValidationPipe({
    exceptionFactory: (issues) => new InputInvalid(issues.map((issue) => ({ field: fieldPath(issue.path), reason: issue.message }))),
  });
}
