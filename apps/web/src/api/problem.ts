import { ApiError } from './client';

/** A refusal as the API describes it (RFC 9457 problem+json), with the fields it names. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors: { field: string; reason: string }[];
}

export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof ApiError)) return null;
  const body = (error.problem ?? {}) as Partial<Problem>;
  return {
    status: error.status,
    title: typeof body.title === 'string' ? body.title : '',
    detail: typeof body.detail === 'string' ? body.detail : '',
    errors: Array.isArray(body.errors) ? body.errors.filter((e) => typeof e?.field === 'string' && typeof e?.reason === 'string') : [],
  };
}

/**
 * The field errors of a problem, keyed by the field's path inside a form: the API names a field
 * of an event's payload `payload.x.0.y`; the form that sent only the payload knows it as `x.0.y`.
 */
export function fieldErrorsOf(problem: Problem | null, prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, reason } of problem?.errors ?? []) {
    const path = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    errors[path] = errors[path] ? `${errors[path]}; ${reason}` : reason;
  }
  return errors;
}
