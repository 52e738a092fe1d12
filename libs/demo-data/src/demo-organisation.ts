import { createHash } from 'node:crypto';
import type { Role } from '#flyt/access';
import { InputInvalid } from '#flyt/kernel';

/** The kinds of unit in the `unit` table. */
export type DemoUnitKind = 'university' | 'faculty' | 'department' | 'section' | 'central_administration';

export interface DemoUnitSpec {
  code: string;
  nameNb: string;
  nameEn: string;
  kind: DemoUnitKind;
  /** The code of the parent unit; null only for the university. */
  parent: string | null;
}

export interface DemoUserSpec {
  email: string;
  name: string;
  /** The code of the home unit. */
  unit: string;
  locale: 'nb' | 'en';
  /** The role this persona demonstrates, and where it holds it, in words (README, dev login). */
  role: Role;
  scope: string;
}

export interface DemoProcessSpec {
  code: string;
  nameNb: string;
  nameEn: string;
  description: string;
  /** The code of the owning unit. */
  owningUnit: string;
  /** Email of the process owner (prorektor/direktør). */
  owner: string;
  /** Email of the process adviser, when the process has one. */
  adviser: string | null;
  /** Emails of the process-responsibility team (prosessansvarsteam). */
  team: readonly string[];
}

export type DemoScopeSpec = { kind: 'global' } | { kind: 'unit'; unit: string };

/** Role assignments that are not derived from a process (owners and advisers are). */
export interface DemoAssignmentSpec {
  user: string;
  role: Exclude<Role, 'process_responsible' | 'process_owner' | 'process_adviser'>;
  scope: DemoScopeSpec;
}

export interface DemoMandateSpec {
  /** A stable name, for ids and for tests. */
  key: string;
  process: string;
  holder: string;
  deputy: string | null;
  /**
   * `current`: from about a year ago until about two years ahead; `expired`: ended a month ago;
   * `recent`: took over the day after the expired one ended, until about two years ahead.
   */
  period: 'current' | 'expired' | 'recent';
  description: string;
  /** An absence of the holder around today, so the deputy stands in now. */
  absentNow?: { reason: string };
}

const MAIL = '@universitet.example';

export const DEMO_UNITS: readonly DemoUnitSpec[] = [
  { code: 'UNI', nameNb: 'Universitetet', nameEn: 'The University', kind: 'university', parent: null },
  { code: 'FA', nameNb: 'Fellesadministrasjonen', nameEn: 'Central Administration', kind: 'central_administration', parent: 'UNI' },
  { code: 'FA-IT', nameNb: 'IT-avdelingen', nameEn: 'IT Division', kind: 'section', parent: 'FA' },
  { code: 'FA-OK', nameNb: 'Økonomiavdelingen', nameEn: 'Finance Division', kind: 'section', parent: 'FA' },
  { code: 'FA-SA', nameNb: 'Studieavdelingen', nameEn: 'Academic Affairs Division', kind: 'section', parent: 'FA' },
  { code: 'FA-HR', nameNb: 'HR-avdelingen', nameEn: 'Human Resources Division', kind: 'section', parent: 'FA' },
  { code: 'FA-FOR', nameNb: 'Forskningsavdelingen', nameEn: 'Research Administration', kind: 'section', parent: 'FA' },
  { code: 'NV', nameNb: 'Det naturvitenskapelige fakultet', nameEn: 'Faculty of Natural Sciences', kind: 'faculty', parent: 'UNI' },
  { code: 'NV-IFI', nameNb: 'Institutt for informatikk', nameEn: 'Department of Informatics', kind: 'department', parent: 'NV' },
  { code: 'NV-KJM', nameNb: 'Kjemisk institutt', nameEn: 'Department of Chemistry', kind: 'department', parent: 'NV' },
  { code: 'NV-FYS', nameNb: 'Fysisk institutt', nameEn: 'Department of Physics', kind: 'department', parent: 'NV' },
  { code: 'HF', nameNb: 'Det humanistiske fakultet', nameEn: 'Faculty of Humanities', kind: 'faculty', parent: 'UNI' },
  {
    code: 'HF-ILN',
    nameNb: 'Institutt for lingvistiske og nordiske studier',
    nameEn: 'Department of Linguistics and Scandinavian Studies',
    kind: 'department',
    parent: 'HF',
  },
  {
    code: 'HF-IAKH',
    nameNb: 'Institutt for arkeologi, konservering og historie',
    nameEn: 'Department of Archaeology, Conservation and History',
    kind: 'department',
    parent: 'HF',
  },
  { code: 'MED', nameNb: 'Det medisinske fakultet', nameEn: 'Faculty of Medicine', kind: 'faculty', parent: 'UNI' },
  { code: 'MED-KLM', nameNb: 'Institutt for klinisk medisin', nameEn: 'Institute of Clinical Medicine', kind: 'department', parent: 'MED' },
  { code: 'MED-IMB', nameNb: 'Institutt for medisinske basalfag', nameEn: 'Institute of Basic Medical Sciences', kind: 'department', parent: 'MED' },
  { code: 'MED-HELSAM', nameNb: 'Institutt for helse og samfunn', nameEn: 'Institute of Health and Society', kind: 'department', parent: 'MED' },
];

/** Process codes, for tests that act on one process. */
export const DEMO_PROCESS_CODES = {
  caseHandling: 'saksbehandling',
  planningBudget: 'plan-budsjett-oppfolging',
  privacySecurity: 'personvern-informasjonssikkerhet',
  researchData: 'forskningsdatahandtering',
  admissions: 'opptak',
  procurement: 'anskaffelser',
} as const;

const P = DEMO_PROCESS_CODES;

export const DEMO_USERS: readonly DemoUserSpec[] = [
  // Leadership and process owners
  { email: `bjorn.haugland${MAIL}`, name: 'Bjørn Haugland', unit: 'UNI', locale: 'nb', role: 'rector', scope: 'Hele universitetet' },
  {
    email: `ingrid.saether${MAIL}`,
    name: 'Ingrid Sæther',
    unit: 'FA',
    locale: 'nb',
    role: 'process_owner',
    scope: 'Saksbehandling; Plan, budsjett og oppfølging; Personvern og informasjonssikkerhet; Anskaffelser (organisasjonsdirektør)',
  },
  {
    email: `hakon.bjornstad${MAIL}`,
    name: 'Håkon Bjørnstad',
    unit: 'UNI',
    locale: 'nb',
    role: 'process_owner',
    scope: 'Opptak (prorektor for utdanning)',
  },
  {
    email: `marit.lovas${MAIL}`,
    name: 'Marit Løvås',
    unit: 'UNI',
    locale: 'nb',
    role: 'process_owner',
    scope: 'Forskningsdatahåndtering (prorektor for forskning)',
  },
  // Process responsibles (by mandate) and process advisers
  { email: `siri.aasen${MAIL}`, name: 'Siri Aasen', unit: 'FA', locale: 'nb', role: 'process_responsible', scope: 'Saksbehandling' },
  {
    email: `maria.johansen${MAIL}`,
    name: 'Maria Johansen',
    unit: 'FA',
    locale: 'nb',
    role: 'process_adviser',
    scope: 'Saksbehandling (stedfortreder for prosessansvarlig)',
  },
  {
    email: `eirik.dahl${MAIL}`,
    name: 'Eirik Dahl',
    unit: 'FA-OK',
    locale: 'nb',
    role: 'process_responsible',
    scope: 'Plan, budsjett og oppfølging',
  },
  {
    email: `tone.rasmussen${MAIL}`,
    name: 'Tone Rasmussen',
    unit: 'FA-OK',
    locale: 'nb',
    role: 'process_adviser',
    scope: 'Plan, budsjett og oppfølging',
  },
  {
    email: `nina.berg${MAIL}`,
    name: 'Nina Berg',
    unit: 'FA-IT',
    locale: 'nb',
    role: 'process_responsible',
    scope: 'Personvern og informasjonssikkerhet (fraværende nå)',
  },
  {
    email: `ole.kristiansen${MAIL}`,
    name: 'Ole Kristiansen',
    unit: 'FA-IT',
    locale: 'nb',
    role: 'process_adviser',
    scope: 'Personvern og informasjonssikkerhet (stedfortreder, fungerer nå som prosessansvarlig)',
  },
  {
    email: `lars.mykland${MAIL}`,
    name: 'Lars Mykland',
    unit: 'FA-FOR',
    locale: 'nb',
    role: 'process_responsible',
    scope: 'Forskningsdatahåndtering',
  },
  {
    email: `anne.strand${MAIL}`,
    name: 'Anne Strand',
    unit: 'FA-FOR',
    locale: 'nb',
    role: 'process_adviser',
    scope: 'Forskningsdatahåndtering (tidligere prosessansvarlig)',
  },
  { email: `guro.haugen${MAIL}`, name: 'Guro Haugen', unit: 'FA-SA', locale: 'nb', role: 'process_responsible', scope: 'Opptak' },
  { email: `hanne.vik${MAIL}`, name: 'Hanne Vik', unit: 'FA-SA', locale: 'nb', role: 'process_adviser', scope: 'Opptak (stedfortreder)' },
  { email: `jonas.lie${MAIL}`, name: 'Jonas Lie', unit: 'FA-OK', locale: 'nb', role: 'process_responsible', scope: 'Anskaffelser' },
  // Employees and line managers
  { email: `sofie.lunde${MAIL}`, name: 'Sofie Lunde', unit: 'NV-IFI', locale: 'nb', role: 'employee', scope: 'Institutt for informatikk' },
  { email: `magnus.holm${MAIL}`, name: 'Magnus Holm', unit: 'NV-KJM', locale: 'en', role: 'employee', scope: 'Kjemisk institutt' },
  {
    email: `emma.bakke${MAIL}`,
    name: 'Emma Bakke',
    unit: 'HF-ILN',
    locale: 'nb',
    role: 'employee',
    scope: 'Institutt for lingvistiske og nordiske studier',
  },
  {
    email: `knut.olsen${MAIL}`,
    name: 'Knut Olsen',
    unit: 'NV-IFI',
    locale: 'nb',
    role: 'line_manager',
    scope: 'Institutt for informatikk (instituttleder)',
  },
  {
    email: `torunn.aas${MAIL}`,
    name: 'Torunn Aas',
    unit: 'NV',
    locale: 'nb',
    role: 'line_manager',
    scope: 'Det naturvitenskapelige fakultet (dekan)',
  },
  {
    email: `liv.halvorsen${MAIL}`,
    name: 'Liv Halvorsen',
    unit: 'HF-ILN',
    locale: 'nb',
    role: 'line_manager',
    scope: 'Institutt for lingvistiske og nordiske studier (instituttleder)',
  },
  // Programme and projects
  { email: `eva.nilsen${MAIL}`, name: 'Eva Nilsen', unit: 'FA', locale: 'nb', role: 'programme_secretariat', scope: 'Programsekretariatet' },
  { email: `randi.sorensen${MAIL}`, name: 'Randi Sørensen', unit: 'MED', locale: 'nb', role: 'programme_council', scope: 'Programrådet' },
  { email: `terje.andersen${MAIL}`, name: 'Terje Andersen', unit: 'HF', locale: 'nb', role: 'programme_council', scope: 'Programrådet' },
  { email: `oystein.berge${MAIL}`, name: 'Øystein Berge', unit: 'FA-IT', locale: 'en', role: 'programme_council', scope: 'Programrådet' },
  { email: `anders.nygard${MAIL}`, name: 'Anders Nygård', unit: 'FA-IT', locale: 'nb', role: 'project_manager', scope: 'Hele universitetet' },
  {
    email: `camilla.strom${MAIL}`,
    name: 'Camilla Strøm',
    unit: 'MED-KLM',
    locale: 'nb',
    role: 'benefit_owner',
    scope: 'Institutt for klinisk medisin',
  },
  { email: `henrik.brekke${MAIL}`, name: 'Henrik Brekke', unit: 'FA-IT', locale: 'nb', role: 'admin', scope: 'Hele universitetet' },
];

export const DEMO_PROCESSES: readonly DemoProcessSpec[] = [
  {
    code: P.caseHandling,
    nameNb: 'Saksbehandling',
    nameEn: 'Case handling',
    description: 'Saksbehandling generelt: fra en henvendelse kommer inn til saken er avgjort, arkivert og besvart.',
    owningUnit: 'FA',
    owner: `ingrid.saether${MAIL}`,
    adviser: `maria.johansen${MAIL}`,
    team: [`siri.aasen${MAIL}`, `maria.johansen${MAIL}`, `nina.berg${MAIL}`],
  },
  {
    code: P.planningBudget,
    nameNb: 'Plan, budsjett og oppfølging',
    nameEn: 'Planning, budget and follow-up',
    description: 'Den årlige syklusen for virksomhetsplanlegging, budsjettering og oppfølging av resultater.',
    owningUnit: 'FA-OK',
    owner: `ingrid.saether${MAIL}`,
    adviser: `tone.rasmussen${MAIL}`,
    team: [`eirik.dahl${MAIL}`],
  },
  {
    code: P.privacySecurity,
    nameNb: 'Personvern og informasjonssikkerhet',
    nameEn: 'Privacy and information security',
    description: 'Behandling av personopplysninger, risikovurderinger og sikring av informasjonsverdier.',
    owningUnit: 'FA-IT',
    owner: `ingrid.saether${MAIL}`,
    adviser: `ole.kristiansen${MAIL}`,
    team: [`nina.berg${MAIL}`, `ole.kristiansen${MAIL}`, `siri.aasen${MAIL}`],
  },
  {
    code: P.researchData,
    nameNb: 'Forskningsdatahåndtering',
    nameEn: 'Research data management',
    description: 'Lagring, klassifisering, deling og tilgjengeliggjøring av forskningsdata, åpent som utgangspunkt.',
    owningUnit: 'FA-FOR',
    owner: `marit.lovas${MAIL}`,
    adviser: `anne.strand${MAIL}`,
    team: [`lars.mykland${MAIL}`, `anne.strand${MAIL}`],
  },
  {
    code: P.admissions,
    nameNb: 'Opptak',
    nameEn: 'Admissions',
    description: 'Opptak av studenter til studieprogram, fra søknad til tilbud og studierett.',
    owningUnit: 'FA-SA',
    owner: `hakon.bjornstad${MAIL}`,
    adviser: `hanne.vik${MAIL}`,
    team: [`guro.haugen${MAIL}`, `hanne.vik${MAIL}`],
  },
  {
    code: P.procurement,
    nameNb: 'Anskaffelser',
    nameEn: 'Procurement',
    description: 'Forskriftsmessige anskaffelsesløp, fra behov til kontrakt og oppfølging av leverandør.',
    owningUnit: 'FA-OK',
    owner: `ingrid.saether${MAIL}`,
    adviser: null,
    team: [],
  },
];

export const DEMO_ASSIGNMENTS: readonly DemoAssignmentSpec[] = [
  { user: `bjorn.haugland${MAIL}`, role: 'rector', scope: { kind: 'global' } },
  { user: `sofie.lunde${MAIL}`, role: 'employee', scope: { kind: 'unit', unit: 'NV-IFI' } },
  { user: `magnus.holm${MAIL}`, role: 'employee', scope: { kind: 'unit', unit: 'NV-KJM' } },
  { user: `emma.bakke${MAIL}`, role: 'employee', scope: { kind: 'unit', unit: 'HF-ILN' } },
  { user: `knut.olsen${MAIL}`, role: 'line_manager', scope: { kind: 'unit', unit: 'NV-IFI' } },
  { user: `torunn.aas${MAIL}`, role: 'line_manager', scope: { kind: 'unit', unit: 'NV' } },
  { user: `liv.halvorsen${MAIL}`, role: 'line_manager', scope: { kind: 'unit', unit: 'HF-ILN' } },
  { user: `eva.nilsen${MAIL}`, role: 'programme_secretariat', scope: { kind: 'global' } },
  { user: `randi.sorensen${MAIL}`, role: 'programme_council', scope: { kind: 'global' } },
  { user: `terje.andersen${MAIL}`, role: 'programme_council', scope: { kind: 'global' } },
  { user: `oystein.berge${MAIL}`, role: 'programme_council', scope: { kind: 'global' } },
  { user: `anders.nygard${MAIL}`, role: 'project_manager', scope: { kind: 'global' } },
  { user: `camilla.strom${MAIL}`, role: 'benefit_owner', scope: { kind: 'unit', unit: 'MED-KLM' } },
  { user: `henrik.brekke${MAIL}`, role: 'admin', scope: { kind: 'global' } },
];

export const DEMO_MANDATES: readonly DemoMandateSpec[] = [
  {
    key: 'saksbehandling',
    process: P.caseHandling,
    holder: `siri.aasen${MAIL}`,
    deputy: `maria.johansen${MAIL}`,
    period: 'current',
    description: 'Prosessansvar for saksbehandling, delegert av organisasjonsdirektøren etter fellesmandatet for prosessansvarlige.',
  },
  {
    key: 'plan-budsjett-oppfolging',
    process: P.planningBudget,
    holder: `eirik.dahl${MAIL}`,
    deputy: null,
    period: 'current',
    description: 'Prosessansvar for plan, budsjett og oppfølging.',
  },
  {
    key: 'personvern-informasjonssikkerhet',
    process: P.privacySecurity,
    holder: `nina.berg${MAIL}`,
    deputy: `ole.kristiansen${MAIL}`,
    period: 'current',
    description: 'Prosessansvar for personvern og informasjonssikkerhet.',
    absentNow: { reason: 'Permisjon' },
  },
  {
    key: 'forskningsdatahandtering-tidligere',
    process: P.researchData,
    holder: `anne.strand${MAIL}`,
    deputy: null,
    period: 'expired',
    description: 'Tidligere prosessansvar for forskningsdatahåndtering (utløpt).',
  },
  {
    key: 'forskningsdatahandtering',
    process: P.researchData,
    holder: `lars.mykland${MAIL}`,
    deputy: null,
    period: 'recent',
    description: 'Prosessansvar for forskningsdatahåndtering, overtatt da forrige mandat utløp.',
  },
  {
    key: 'opptak',
    process: P.admissions,
    holder: `guro.haugen${MAIL}`,
    deputy: `hanne.vik${MAIL}`,
    period: 'current',
    description: 'Prosessansvar for opptak, delegert av prorektor for utdanning.',
  },
  {
    key: 'anskaffelser',
    process: P.procurement,
    holder: `jonas.lie${MAIL}`,
    deputy: null,
    period: 'current',
    description: 'Prosessansvar for anskaffelser.',
  },
];

/** One canonical persona per role, so a test can act "as the line manager". */
export const DEMO_PERSONA: Record<Role, string> = {
  employee: `sofie.lunde${MAIL}`,
  line_manager: `knut.olsen${MAIL}`,
  process_responsible: `siri.aasen${MAIL}`,
  process_adviser: `maria.johansen${MAIL}`,
  process_owner: `ingrid.saether${MAIL}`,
  programme_secretariat: `eva.nilsen${MAIL}`,
  programme_council: `randi.sorensen${MAIL}`,
  rector: `bjorn.haugland${MAIL}`,
  project_manager: `anders.nygard${MAIL}`,
  benefit_owner: `camilla.strom${MAIL}`,
  admin: `henrik.brekke${MAIL}`,
};

/** Personas for the cases the canonical ones cannot show. */
export const DEMO_PERSONA_EXTRA = {
  /** Line manager of a department in another faculty (HF-ILN) than the canonical one (NV-IFI). */
  otherLineManager: `liv.halvorsen${MAIL}`,
  /** Dean: line manager of the whole Faculty of Natural Sciences. */
  facultyLineManager: `torunn.aas${MAIL}`,
  /** An employee in HF-ILN, under `otherLineManager`. */
  otherEmployee: `emma.bakke${MAIL}`,
  /** Holds the mandate for privacy and information security, absent today. */
  absentResponsible: `nina.berg${MAIL}`,
  /** Deputy of that mandate, standing in today. */
  standingInDeputy: `ole.kristiansen${MAIL}`,
  /** Held the research-data mandate until a month ago. */
  formerResponsible: `anne.strand${MAIL}`,
  /** Process owner of admissions (prorektor for utdanning). */
  admissionsOwner: `hakon.bjornstad${MAIL}`,
} as const;

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  scope: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_USERS.map(({ email, name, role, scope }) => ({ email, name, role, scope }));

// ---------------------------------------------------------------------------------------------
// Resolved rows: ids and dates

export interface DemoUnitRow {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  kind: DemoUnitKind;
  parentId: string | null;
  /** Ids from the root down to the unit itself. */
  path: string[];
}

export interface DemoUserRow {
  id: string;
  email: string;
  name: string;
  unitId: string;
  locale: 'nb' | 'en';
}

export interface DemoProcessRow {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  description: string;
  owningUnitId: string;
}

export interface DemoRoleAssignmentRow {
  id: string;
  userId: string;
  role: Role;
  scopeKind: 'global' | 'unit' | 'process';
  unitId: string | null;
  processId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface DemoMandateRow {
  id: string;
  key: string;
  processId: string;
  holderId: string;
  deputyId: string | null;
  delegatedBy: string;
  validFrom: string;
  validTo: string;
  description: string;
}

export interface DemoAbsenceRow {
  id: string;
  mandateId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  createdBy: string;
}

export interface DemoOrganisation {
  today: string;
  /** Parents before children. */
  units: DemoUnitRow[];
  users: DemoUserRow[];
  processes: DemoProcessRow[];
  teamMembers: Array<{ processId: string; userId: string }>;
  roleAssignments: DemoRoleAssignmentRow[];
  mandates: DemoMandateRow[];
  absences: DemoAbsenceRow[];
}

/** Fixed namespace of the demo ids (a random v4 uuid, chosen once). */
const DEMO_NAMESPACE = '6f1d2c7e-3b1a-4e59-9a0c-5d8e2f41b7a3';

/** A name-based (RFC 9562 version 5) uuid: the same demo record gets the same id on every machine. */
export function demoId(kind: string, key: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(DEMO_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(`${kind}:${key}`, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new InputInvalid([{ field: 'today', reason: `must be a calendar day as YYYY-MM-DD, got "${day}"` }]);
  }
  return ms;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(parseDay(day) + days * 86_400_000).toISOString().slice(0, 10);
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data refers to unknown ${what} "${key}"`);
  return value;
}

/**
 * The demo organisation with ids and dates resolved against `today` (YYYY-MM-DD): mandates run
 * from about a year ago to about two years ahead, one ended a month ago, and one holder is away
 * from a few days ago until a week ahead.
 */
export function buildDemoOrganisation(today: string): DemoOrganisation {
  parseDay(today);
  const yearAgo = addDays(today, -365);

  const units: DemoUnitRow[] = [];
  const unitByCode = new Map<string, DemoUnitRow>();
  // Parents come first in DEMO_UNITS; a later parent is an error in the data.
  for (const spec of DEMO_UNITS) {
    const id = demoId('unit', spec.code);
    const parent = spec.parent === null ? null : lookup(unitByCode, spec.parent, 'parent unit');
    const row: DemoUnitRow = {
      id,
      code: spec.code,
      nameNb: spec.nameNb,
      nameEn: spec.nameEn,
      kind: spec.kind,
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), id],
    };
    units.push(row);
    unitByCode.set(spec.code, row);
  }
  const unitId = (code: string) => lookup(unitByCode, code, 'unit').id;

  const userIdByEmail = new Map<string, string>();
  const users: DemoUserRow[] = DEMO_USERS.map((spec) => {
    const id = demoId('user', spec.email);
    userIdByEmail.set(spec.email, id);
    return { id, email: spec.email, name: spec.name, unitId: unitId(spec.unit), locale: spec.locale };
  });
  const userId = (email: string) => lookup(userIdByEmail, email, 'user');

  const processIdByCode = new Map<string, string>();
  const processes: DemoProcessRow[] = DEMO_PROCESSES.map((spec) => {
    const id = demoId('process', spec.code);
    processIdByCode.set(spec.code, id);
    return { id, code: spec.code, nameNb: spec.nameNb, nameEn: spec.nameEn, description: spec.description, owningUnitId: unitId(spec.owningUnit) };
  });
  const processId = (code: string) => lookup(processIdByCode, code, 'process');

  const teamMembers = DEMO_PROCESSES.flatMap((spec) => spec.team.map((email) => ({ processId: processId(spec.code), userId: userId(email) })));

  const roleAssignments: DemoRoleAssignmentRow[] = [];
  const assign = (email: string, role: Role, scope: { kind: 'global' } | { kind: 'unit'; unit: string } | { kind: 'process'; process: string }) => {
    const target = scope.kind === 'unit' ? scope.unit : scope.kind === 'process' ? scope.process : '';
    roleAssignments.push({
      id: demoId('role_assignment', `${email}:${role}:${scope.kind}:${target}`),
      userId: userId(email),
      role,
      scopeKind: scope.kind,
      unitId: scope.kind === 'unit' ? unitId(scope.unit) : null,
      processId: scope.kind === 'process' ? processId(scope.process) : null,
      validFrom: yearAgo,
      validTo: null,
    });
  };
  for (const spec of DEMO_PROCESSES) {
    assign(spec.owner, 'process_owner', { kind: 'process', process: spec.code });
    if (spec.adviser) assign(spec.adviser, 'process_adviser', { kind: 'process', process: spec.code });
  }
  for (const spec of DEMO_ASSIGNMENTS) assign(spec.user, spec.role, spec.scope);

  const ownerByProcess = new Map(DEMO_PROCESSES.map((p) => [p.code, p.owner]));
  const expiredEnd = addDays(today, -30);
  const periods = {
    current: { validFrom: yearAgo, validTo: addDays(today, 730) },
    expired: { validFrom: addDays(today, -3 * 365), validTo: expiredEnd },
    // Takes over the day after the expired mandate ended.
    recent: { validFrom: addDays(expiredEnd, 1), validTo: addDays(today, 730) },
  } as const;
  const mandates: DemoMandateRow[] = [];
  const absences: DemoAbsenceRow[] = [];
  for (const spec of DEMO_MANDATES) {
    const mandate: DemoMandateRow = {
      id: demoId('mandate', spec.key),
      key: spec.key,
      processId: processId(spec.process),
      holderId: userId(spec.holder),
      deputyId: spec.deputy ? userId(spec.deputy) : null,
      delegatedBy: userId(lookup(ownerByProcess, spec.process, 'process')),
      ...periods[spec.period],
      description: spec.description,
    };
    mandates.push(mandate);
    if (spec.absentNow) {
      absences.push({
        id: demoId('mandate_absence', spec.key),
        mandateId: mandate.id,
        startsOn: addDays(today, -3),
        endsOn: addDays(today, 7),
        reason: spec.absentNow.reason,
        createdBy: mandate.holderId,
      });
    }
  }

  return { today, units, users, processes, teamMembers, roleAssignments, mandates, absences };
}
