import { StandardSchemaValidationPipe } from '@nestjs/common';
import { InputInvalid } from '#flyt/kernel';

type IssuePath = ReadonlyArray<PropertyKey | { key: PropertyKey }>;

export function fieldPath(path: IssuePath | undefined): string {
  if (!path || path.length === 0) return 'body';
  return path
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Validates every `@Body/@Query/@Param({ schema })` with its zod schema and reports each bad field. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => new InputInvalid(issues.map((issue) => ({ field: fieldPath(issue.path), reason: issue.message }))),
  });
}
