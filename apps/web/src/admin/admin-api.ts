import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { ASSIGNABLE_SCOPES, ROLES, type Role, type ScopeKind } from '../../../../libs/access/src/domain/role';

/**
 * What the organisation's endpoints (libs/organisation) answer, as the admin pages read them.
 * The roles and the scopes each may be held in come from the access library itself, so the
 * role-assignment form offers exactly what the API takes.
 */
export { ASSIGNABLE_SCOPES, ROLES, type Role, type ScopeKind };

/** The roles an admin assigns directly: the process-responsible role comes from a mandate. */
export const ASSIGNABLE_ROLES = ROLES.filter((role) => ASSIGNABLE_SCOPES[role].length > 0);

// The kinds of unit the API knows (libs/organisation, unit-tree.ts); it checks where each may sit.
export const UNIT_KINDS = ['university', 'faculty', 'central_administration', 'department', 'section'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Unit {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string | null;
  path: string[];
  endedAt: string | null;
}

export interface Process {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  description: string;
  owningUnit: { id: string; nameNb: string };
  endedAt: string | null;
}

export interface ProcessDetail extends Process {
  day: string;
  processOwners: Person[];
  processResponsibles: {
    mandateId: string;
    holder: Person;
    deputy: Person | null;
    validFrom: string;
    validTo: string;
    deputyStandsIn: boolean;
    absence: { startsOn: string; endsOn: string } | null;
  }[];
  processAdvisers: Person[];
  team: Person[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  unit: { id: string; nameNb: string };
  locale: 'nb' | 'en';
  externalSubject: string | null;
  endedAt: string | null;
}

export type AssignmentScope =
  | { kind: 'global' }
  | { kind: 'unit'; unitId: string; unitName: string }
  | { kind: 'process'; processId: string; processName: string; processCode?: string };

export interface UserDetail extends User {
  day: string;
  roleAssignments: { id: string; role: Role; scope: AssignmentScope; validFrom: string; validTo: string | null }[];
  mandates: {
    id: string;
    process: { id: string; code: string; nameNb: string };
    capacity: 'holder' | 'deputy';
    holder: Person;
    deputy: Person | null;
    validFrom: string;
    validTo: string;
    deputyStandsIn: boolean;
  }[];
}

export interface RoleAssignment {
  id: string;
  user: { id: string; name: string };
  role: Role;
  scope: AssignmentScope;
  validFrom: string;
  validTo: string | null;
  inForce: boolean;
  createdAt: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface Absence {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

export interface Mandate {
  id: string;
  process: { id: string; nameNb: string };
  holder: Person;
  deputy: Person | null;
  delegatedBy: { id: string; name: string };
  validFrom: string;
  validTo: string;
  description: string;
  inForce: boolean;
  deputyStandsInToday: boolean;
  absences: Absence[];
  createdAt: string;
  endedAt: string | null;
  endReason: string | null;
}

/** The signed-in person as /api/me answers, with the day (Europe/Oslo) the API counts as today. */
export interface MeToday {
  id: string;
  name: string;
  day: string;
  roles: { role: string }[];
}

/** A query string from the values that are set; empty ones are left out. */
export function queryString(values: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const PAGE_SIZE = 20;

// One key per record, shared by every page that shows it: a change invalidates them all.
export const keys = {
  unit: (id: string) => ['admin', 'unit', id] as const,
  process: (id: string) => ['admin', 'process', id] as const,
  user: (id: string) => ['admin', 'user', id] as const,
  assignment: (id: string) => ['admin', 'role-assignment', id] as const,
  mandate: (id: string) => ['admin', 'mandate', id] as const,
  list: (what: string, query: string) => ['admin', what, 'list', query] as const,
};

export function useUnit(id: string | null | undefined, enabled = true) {
  return useQuery({ queryKey: keys.unit(id ?? ''), queryFn: () => api<Unit>(`/api/units/${id}`), enabled: !!id && enabled });
}

export function useProcess(id: string | null | undefined, enabled = true) {
  return useQuery({ queryKey: keys.process(id ?? ''), queryFn: () => api<ProcessDetail>(`/api/processes/${id}`), enabled: !!id && enabled });
}

export function useUser(id: string | null | undefined, enabled = true) {
  return useQuery({ queryKey: keys.user(id ?? ''), queryFn: () => api<UserDetail>(`/api/users/${id}`), enabled: !!id && enabled });
}

export function useAssignment(id: string | null | undefined) {
  return useQuery({ queryKey: keys.assignment(id ?? ''), queryFn: () => api<RoleAssignment>(`/api/role-assignments/${id}`), enabled: !!id });
}

export function useMandate(id: string | null | undefined) {
  return useQuery({ queryKey: keys.mandate(id ?? ''), queryFn: () => api<Mandate>(`/api/mandates/${id}`), enabled: !!id });
}

/** `day` (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where a period stands on `day`: ended by hand, not started, in force, or run out. */
export type PeriodStatus = 'ended' | 'upcoming' | 'inForce' | 'expired';

export function periodStatus(period: { validFrom: string; validTo: string | null; endedAt: string | null }, day: string): PeriodStatus {
  if (period.endedAt) return 'ended';
  if (day < period.validFrom) return 'upcoming';
  if (period.validTo !== null && period.validTo < day) return 'expired';
  return 'inForce';
}
