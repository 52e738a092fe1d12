import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type MeWithRoles } from '../api/client';
import { useToken } from '../auth/token';
import type { Round } from './types';

/** The signed-in person and their roles: the same query the header makes, so it is asked once. */
export function useMe() {
  const token = useToken();
  return useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me'), enabled: !!token });
}

export function useIsSecretariat(): boolean {
  return useMe().data?.roles.some((r) => r.role === 'programme_secretariat') ?? false;
}

export const roundKey = (id: string) => ['round', id] as const;

export function useRound(id: string) {
  return useQuery({ queryKey: roundKey(id), queryFn: () => api<Round>(`/api/rounds/${id}`) });
}

/** The API answers a round one may not see, or an id that is not one, as 404 (or 400): to the person it is not there. */
export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && [400, 403, 404].includes(error.status);
}

/** States in which the secretariat may still say what happens to a case the portfolio leaves out, or decide on conflicts. */
export const BEFORE_RECOMMENDATION = ['draft', 'open', 'quorumNotReached', 'closed'];
/** States in which every ballot and the result are open to everyone who may see the round. */
export const AFTER_VOTING = ['closed', 'recommended', 'approved'];

/** A field path as the API names it (`budget[0].amountNok`) written the way the forms key their fields (`budget.0.amountNok`). */
export function dotted(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** Text a person typed as a number: spaces as thousands separators, a decimal comma. Not a number: the text, for the API to refuse by field. */
export function numberOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(number) ? number : trimmed;
}
