import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ZodType } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` lists each field and why. Nothing was written.',
  401: 'No valid bearer token.',
  403: 'The caller holds none of the roles the action needs (`requiredRoles`).',
  404: 'No such resource.',
  409: 'The request contradicts the data as it is now.',
  413: 'The request body is larger than the configured limit.',
  415: 'The body is not JSON: `acceptedMediaTypes` lists the media types taken.',
  422: 'The action is not allowed in the resource’s current state.',
  503: 'A server Flyt depends on is down.',
};

/** Documents the problem+json answers an endpoint can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}

/** Documents a successful JSON answer with the zod schema that describes it. */
export function ApiAnswer(status: number, schema: ZodType, description: string): MethodDecorator {
  return applyDecorators(ApiResponse({ status, description, standardSchema: schema }));
}

/**
 * Documents a successful answer that is not JSON (a CSV file, a PDF) by its media type. No schema
 * is given: OpenAPI's schemas describe JSON, and a media type without one says "these bytes".
 */
export function ApiFileAnswer(status: number, contentType: string, description: string, example?: string): MethodDecorator {
  const schema = { type: 'string', format: 'binary' } as const;
  return applyDecorators(ApiResponse({ status, description, content: { [contentType]: example === undefined ? { schema } : { schema, example } } }));
}
