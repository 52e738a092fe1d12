import { z } from 'zod';

/** RFC 9457 problem details, as every error of the API is answered. */
export const PROBLEM_SCHEMA = z
  .object({
    type: z.string().describe('A URN naming the kind of problem, e.g. urn:flyt:problem:input-invalid'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().describe('The path of the request'),
    requestId: z.string().describe('The id this request is logged under'),
    errors: z
      .array(z.object({ field: z.string(), reason: z.string() }))
      .optional()
      .describe('400: each invalid field and why'),
    requiredRoles: z.array(z.string()).optional().describe('403: roles any of which would have allowed the action'),
    currentRevision: z.number().int().optional().describe('409 revision conflict: the revision the resource is at now'),
    state: z.string().optional().describe('422: the state the resource is in'),
    allowedEvents: z.array(z.string()).optional().describe('422: the events the caller may send in this state'),
    acceptedMediaTypes: z.array(z.string()).optional().describe('415: the media types a request body may have'),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof PROBLEM_SCHEMA>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:flyt:problem:${code.replace(/_/g, '-')}`;
}
