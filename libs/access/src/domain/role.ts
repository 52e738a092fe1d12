/** The roles people hold in Flyt (docs/domain.md, "Roles"). */
export const ROLES = [
  'employee',
  'line_manager',
  'process_responsible',
  'process_adviser',
  'process_owner',
  'programme_secretariat',
  'programme_council',
  'rector',
  'project_manager',
  'benefit_owner',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export type ScopeKind = 'global' | 'unit' | 'process';

/**
 * The scopes a role can be assigned in. The process-responsible role is never assigned directly:
 * it comes from a mandate delegated by the process owner.
 */
export const ASSIGNABLE_SCOPES: Record<Role, readonly ScopeKind[]> = {
  employee: ['unit'],
  line_manager: ['unit'],
  process_responsible: [],
  process_adviser: ['process'],
  process_owner: ['process'],
  programme_secretariat: ['global'],
  programme_council: ['global'],
  rector: ['global'],
  project_manager: ['global', 'unit'],
  benefit_owner: ['global', 'unit'],
  admin: ['global'],
};

export const ROLE_NAMES_NB: Record<Role, string> = {
  employee: 'ansatt',
  line_manager: 'linjeleder',
  process_responsible: 'prosessansvarlig',
  process_adviser: 'prosessrådgiver',
  process_owner: 'prosesseier',
  programme_secretariat: 'sekretariat',
  programme_council: 'programråd',
  rector: 'rektor',
  project_manager: 'prosjektleder',
  benefit_owner: 'gevinsteier',
  admin: 'administrator',
};
