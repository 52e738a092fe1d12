import type { Role } from '#flyt/access';
import { addDays, buildDemoOrganisation, DEMO_PROCESS_CODES, type DemoUnitKind, demoId } from '#flyt/demo-data';
import type { Random } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './scale-text.js';

/*
 * The demo organisation (libs/demo-data) scaled up to a whole university after ten years: the demo's
 * units, people, processes and mandates keep their ids and codes (so the demo logins work), and
 * around them stand the other faculties, departments and sections, about 5,000 staff, two dozen
 * processes, and the history of every role: line managers, process owners, advisers, the programme
 * secretariat and the mandates of process responsibles with their deputies and absences, each a
 * chain of terms without gaps from the day Flyt went live.
 */

export interface ScaleUnit {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  kind: DemoUnitKind;
  parentId: string | null;
  /** Ids from the root down to the unit itself. */
  path: string[];
}

export interface ScaleUser {
  id: string;
  email: string;
  name: string;
  unitId: string;
  locale: 'nb' | 'en';
  delivery: 'immediate' | 'daily_digest';
  /** The day the user was added to Flyt. */
  createdOn: string;
  /** The day the user left the university, when they did. */
  endedOn: string | null;
}

export interface ScaleProcess {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  description: string;
  owningUnitId: string;
  /** Its share of the cases, relative to the other processes. */
  weight: number;
}

export interface ScaleAssignment {
  id: string;
  userId: string;
  role: Exclude<Role, 'process_responsible'>;
  scopeKind: 'global' | 'unit' | 'process';
  unitId: string | null;
  processId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface ScaleMandate {
  id: string;
  processId: string;
  holderId: string;
  deputyId: string | null;
  delegatedBy: string;
  validFrom: string;
  validTo: string;
  description: string;
}

export interface ScaleAbsence {
  id: string;
  mandateId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  createdBy: string;
}

export interface ScaleOrganisation {
  today: string;
  /** The day Flyt went live: ten years ago. */
  launch: string;
  units: ScaleUnit[];
  users: ScaleUser[];
  processes: ScaleProcess[];
  teamMembers: Array<{ processId: string; userId: string }>;
  assignments: ScaleAssignment[];
  mandates: ScaleMandate[];
  absences: ScaleAbsence[];
}

type UnitSpec = readonly [code: string, nameNb: string, nameEn: string, kind: DemoUnitKind, parent: string, staff: number];

/** The units the demo does not have; staff is the unit's own headcount (not its subtree's). */
const MORE_UNITS: readonly UnitSpec[] = [
  ['FA-EIA', 'Eiendomsavdelingen', 'Estates Division', 'section', 'FA', 110],
  ['FA-KOM', 'Kommunikasjonsavdelingen', 'Communications Division', 'section', 'FA', 45],
  ['FA-LED', 'Ledelsessekretariatet', 'Leadership Secretariat', 'section', 'FA', 30],
  ['FA-ARK', 'Arkivseksjonen', 'Records Management Section', 'section', 'FA', 28],
  ['FA-UB', 'Universitetsbiblioteket', 'University Library', 'section', 'FA', 140],
  ['FA-IT-DRIFT', 'Seksjon for drift', 'IT Operations Section', 'section', 'FA-IT', 70],
  ['FA-IT-UTV', 'Seksjon for utvikling', 'IT Development Section', 'section', 'FA-IT', 60],
  ['FA-IT-BRUK', 'Seksjon for brukerstøtte', 'IT User Support Section', 'section', 'FA-IT', 45],
  ['FA-SA-OPPTAK', 'Opptaksseksjonen', 'Admissions Section', 'section', 'FA-SA', 35],
  ['FA-SA-EKS', 'Eksamensseksjonen', 'Examinations Section', 'section', 'FA-SA', 30],
  ['FA-OK-REGN', 'Regnskapsseksjonen', 'Accounting Section', 'section', 'FA-OK', 40],
  ['FA-OK-INNK', 'Innkjøpsseksjonen', 'Procurement Section', 'section', 'FA-OK', 18],
  ['FA-HR-LONN', 'Lønnsseksjonen', 'Payroll Section', 'section', 'FA-HR', 35],
  ['NV-ADM', 'Fakultetsadministrasjonen NV', 'Faculty Administration, Natural Sciences', 'section', 'NV', 45],
  ['NV-MAT', 'Matematisk institutt', 'Department of Mathematics', 'department', 'NV', 160],
  ['NV-IBV', 'Institutt for biovitenskap', 'Department of Biosciences', 'department', 'NV', 230],
  ['NV-GEO', 'Institutt for geofag', 'Department of Geosciences', 'department', 'NV', 170],
  ['NV-FARM', 'Farmasøytisk institutt', 'Department of Pharmacy', 'department', 'NV', 110],
  ['NV-ITA', 'Institutt for teoretisk astrofysikk', 'Institute of Theoretical Astrophysics', 'department', 'NV', 60],
  ['NV-IFI-ADM', 'Administrasjonen ved Institutt for informatikk', 'Administration, Department of Informatics', 'section', 'NV-IFI', 25],
  ['NV-KJM-LAB', 'Laboratorietjenester, Kjemisk institutt', 'Laboratory Services, Chemistry', 'section', 'NV-KJM', 20],
  ['NV-IBV-LAB', 'Laboratorietjenester, biovitenskap', 'Laboratory Services, Biosciences', 'section', 'NV-IBV', 25],
  ['HF-ADM', 'Fakultetsadministrasjonen HF', 'Faculty Administration, Humanities', 'section', 'HF', 40],
  ['HF-IFIKK', 'Institutt for filosofi, ide- og kunsthistorie og klassiske språk', 'Department of Philosophy, Classics, History of Art and Ideas', 'department', 'HF', 110],
  ['HF-ILOS', 'Institutt for litteratur, områdestudier og europeiske språk', 'Department of Literature, Area Studies and European Languages', 'department', 'HF', 150],
  ['HF-IMV', 'Institutt for medier og kommunikasjon', 'Department of Media and Communication', 'department', 'HF', 80],
  ['HF-IMT', 'Institutt for musikkvitenskap', 'Department of Musicology', 'department', 'HF', 50],
  ['MED-ADM', 'Fakultetsadministrasjonen MED', 'Faculty Administration, Medicine', 'section', 'MED', 70],
  ['MED-KLM-ADM', 'Administrasjonen ved Institutt for klinisk medisin', 'Administration, Institute of Clinical Medicine', 'section', 'MED-KLM', 35],
  ['MED-IMB-LAB', 'Kjernefasiliteter, medisinske basalfag', 'Core Facilities, Basic Medical Sciences', 'section', 'MED-IMB', 40],
  ['SV', 'Det samfunnsvitenskapelige fakultet', 'Faculty of Social Sciences', 'faculty', 'UNI', 12],
  ['SV-ADM', 'Fakultetsadministrasjonen SV', 'Faculty Administration, Social Sciences', 'section', 'SV', 40],
  ['SV-ECON', 'Økonomisk institutt', 'Department of Economics', 'department', 'SV', 110],
  ['SV-ISS', 'Institutt for sosiologi og samfunnsgeografi', 'Department of Sociology and Human Geography', 'department', 'SV', 120],
  ['SV-ISV', 'Institutt for statsvitenskap', 'Department of Political Science', 'department', 'SV', 110],
  ['SV-PSI', 'Psykologisk institutt', 'Department of Psychology', 'department', 'SV', 190],
  ['SV-SAI', 'Sosialantropologisk institutt', 'Department of Social Anthropology', 'department', 'SV', 60],
  ['JUS', 'Det juridiske fakultet', 'Faculty of Law', 'faculty', 'UNI', 12],
  ['JUS-ADM', 'Fakultetsadministrasjonen JUS', 'Faculty Administration, Law', 'section', 'JUS', 40],
  ['JUS-IOR', 'Institutt for offentlig rett', 'Department of Public and International Law', 'department', 'JUS', 90],
  ['JUS-IKRS', 'Institutt for kriminologi og rettssosiologi', 'Department of Criminology and Sociology of Law', 'department', 'JUS', 50],
  ['JUS-IPR', 'Institutt for privatrett', 'Department of Private Law', 'department', 'JUS', 80],
  ['JUS-NIFS', 'Nordisk institutt for sjørett', 'Scandinavian Institute of Maritime Law', 'department', 'JUS', 45],
  ['UV', 'Det utdanningsvitenskapelige fakultet', 'Faculty of Educational Sciences', 'faculty', 'UNI', 10],
  ['UV-ADM', 'Fakultetsadministrasjonen UV', 'Faculty Administration, Educational Sciences', 'section', 'UV', 30],
  ['UV-IPED', 'Institutt for pedagogikk', 'Department of Education', 'department', 'UV', 100],
  ['UV-ILS', 'Institutt for lærerutdanning og skoleforskning', 'Department of Teacher Education and School Research', 'department', 'UV', 130],
  ['UV-ISP', 'Institutt for spesialpedagogikk', 'Department of Special Needs Education', 'department', 'UV', 80],
  ['TF', 'Det teologiske fakultet', 'Faculty of Theology', 'faculty', 'UNI', 85],
  ['OD', 'Det odontologiske fakultet', 'Faculty of Dentistry', 'faculty', 'UNI', 12],
  ['OD-ADM', 'Fakultetsadministrasjonen OD', 'Faculty Administration, Dentistry', 'section', 'OD', 25],
  ['OD-IKO', 'Institutt for klinisk odontologi', 'Institute of Clinical Dentistry', 'department', 'OD', 140],
  ['OD-IOB', 'Institutt for oral biologi', 'Institute of Oral Biology', 'department', 'OD', 45],
];

/** Headcounts of the demo's own units. */
const DEMO_UNIT_STAFF: Readonly<Record<string, number>> = {
  UNI: 8,
  FA: 25,
  'FA-IT': 40,
  'FA-OK': 45,
  'FA-SA': 40,
  'FA-HR': 40,
  'FA-FOR': 35,
  NV: 14,
  'NV-IFI': 220,
  'NV-KJM': 150,
  'NV-FYS': 170,
  HF: 12,
  'HF-ILN': 120,
  'HF-IAKH': 100,
  MED: 15,
  'MED-KLM': 260,
  'MED-IMB': 200,
  'MED-HELSAM': 150,
};

/** The offices that own processes: the demo's process owners hold three of them today. */
type Office = 'org' | 'edu' | 'res' | 'fin' | 'hr';
const OFFICE_HOLDER_TODAY: Readonly<Record<Office, string | null>> = {
  org: 'ingrid.saether@universitet.example',
  edu: 'hakon.bjornstad@universitet.example',
  res: 'marit.lovas@universitet.example',
  fin: null,
  hr: null,
};

type ProcessSpec = readonly [code: string, nameNb: string, nameEn: string, owningUnit: string, office: Office, weight: number, description: string];

const DEMO_PROCESS_OFFICE: Readonly<Record<string, readonly [Office, number]>> = {
  [DEMO_PROCESS_CODES.caseHandling]: ['org', 9],
  [DEMO_PROCESS_CODES.planningBudget]: ['org', 3],
  [DEMO_PROCESS_CODES.privacySecurity]: ['org', 4],
  [DEMO_PROCESS_CODES.researchData]: ['res', 3],
  [DEMO_PROCESS_CODES.admissions]: ['edu', 6],
  [DEMO_PROCESS_CODES.procurement]: ['org', 4],
};

const MORE_PROCESSES: readonly ProcessSpec[] = [
  ['eksamen', 'Eksamen og vurdering', 'Examinations and assessment', 'FA-SA-EKS', 'edu', 9, 'Fra oppmelding til eksamen, gjennom avvikling og sensur, til klage og begrunnelse.'],
  ['studieplaner', 'Studieplaner og emneportefølje', 'Study plans and course portfolio', 'FA-SA', 'edu', 4, 'Opprettelse, revisjon og nedleggelse av studieprogram og emner.'],
  ['utveksling', 'Internasjonal studentutveksling', 'International student exchange', 'FA-SA', 'edu', 2, 'Utreisende og innreisende utvekslingsstudenter, avtaler og godkjenning.'],
  ['ph-d', 'Ph.d.-utdanning', 'PhD education', 'FA-FOR', 'edu', 2, 'Opptak, veiledning, fremdrift og disputas i doktorgradsutdanningen.'],
  ['eksterne-midler', 'Søknader om eksterne forskningsmidler', 'Applications for external research funding', 'FA-FOR', 'res', 4, 'Fra idé til søknad og kontrakt med finansiøren.'],
  ['publisering', 'Publisering og åpen tilgang', 'Publishing and open access', 'FA-UB', 'res', 2, 'Registrering, avtaler og åpen tilgjengeliggjøring av vitenskapelige publikasjoner.'],
  ['arkiv', 'Arkiv og dokumentasjon', 'Records management', 'FA-ARK', 'org', 4, 'Journalføring, arkivering, bevaring og kassasjon.'],
  ['it-brukerstotte', 'IT-brukerstøtte og tilgangsstyring', 'IT user support and access management', 'FA-IT-BRUK', 'org', 8, 'Brukerkontoer, tilganger, utstyr og hjelp når noe ikke virker.'],
  ['kommunikasjon', 'Nettsider og kommunikasjon', 'Web and communications', 'FA-KOM', 'org', 3, 'Nettsider, intranett, nyhetsbrev og beredskapskommunikasjon.'],
  ['eiendom', 'Lokaler, bygg og romreservasjon', 'Buildings, premises and room booking', 'FA-EIA', 'org', 4, 'Drift og vedlikehold av bygg, adgang og reservasjon av rom.'],
  ['regnskap', 'Regnskap og fakturabehandling', 'Accounting and invoice processing', 'FA-OK-REGN', 'fin', 5, 'Fra innkommende faktura til betaling, avstemming og årsoppgjør.'],
  ['reiser', 'Reiser og utlegg', 'Travel and expenses', 'FA-OK', 'fin', 6, 'Reisebestilling, reiseregninger, utlegg og refusjoner.'],
  ['eksternfinansierte-prosjekter', 'Økonomistyring i eksternfinansierte prosjekter', 'Financial management of externally funded projects', 'FA-OK', 'fin', 3, 'Budsjett, regnskap og rapportering i prosjekter med ekstern finansiering.'],
  ['rekruttering', 'Rekruttering og tilsetting', 'Recruitment and appointment', 'FA-HR', 'hr', 5, 'Fra behov for en stilling til utlysning, innstilling, tilsetting og mottak.'],
  ['lonn', 'Lønn, fravær og permisjoner', 'Pay, absence and leave', 'FA-HR-LONN', 'hr', 4, 'Lønnsutbetaling, fraværsregistrering og permisjoner.'],
  ['hms', 'HMS og avviksmelding', 'Health, safety and environment', 'FA-HR', 'hr', 3, 'Risikovurdering, vernerunder, avvik og oppfølging av arbeidsmiljøet.'],
  ['kompetanse', 'Kompetanseutvikling', 'Competence development', 'FA-HR', 'hr', 2, 'Kurs, opplæring og lederutvikling for ansatte.'],
];

const ABSENCE_REASONS = ['Ferie', 'Sykefravær', 'Kurs', 'Tjenestereise', 'Permisjon', 'Forskningstermin'];
const MAIL = '@universitet.example';

const asciiFold = (s: string) =>
  s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');

interface Period {
  from: string;
  to: string | null;
}

/**
 * Consecutive terms from `from` until one reaches `end`, each about `length()` days long. The last
 * ends on `end`, or is open-ended (`to` null) when `open`: the term someone holds today.
 */
function terms(from: string, end: string, open: boolean, length: () => number): Period[] {
  const periods: Period[] = [];
  if (from > end) return periods;
  for (let start = from; ; ) {
    const natural = addDays(start, length() - 1);
    if (natural >= end) {
      periods.push({ from: start, to: open ? null : end });
      return periods;
    }
    periods.push({ from: start, to: natural });
    start = addDays(natural, 1);
  }
}

/**
 * Builds the scaled organisation for `today` (YYYY-MM-DD) from `random`: deterministic for a seed.
 * About `staff` people in all.
 */
export function buildScaleOrganisation(random: Random, today: string, staff = 5000): ScaleOrganisation {
  const launch = addDays(today, -3652);
  const yearAgo = addDays(today, -365);
  const demo = buildDemoOrganisation(today);

  // Units: the demo's, then the others, parents first.
  const units: ScaleUnit[] = demo.units.map((u) => ({ ...u }));
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const headcount = new Map<string, number>(Object.entries(DEMO_UNIT_STAFF));
  for (const [code, nameNb, nameEn, kind, parent, size] of MORE_UNITS) {
    const parentUnit = unitByCode.get(parent);
    if (!parentUnit) throw new Error(`unit ${code} names unknown parent ${parent}`);
    const id = demoId('unit', code);
    const unit: ScaleUnit = { id, code, nameNb, nameEn, kind, parentId: parentUnit.id, path: [...parentUnit.path, id] };
    units.push(unit);
    unitByCode.set(code, unit);
    headcount.set(code, size);
  }
  const unitOf = (code: string) => {
    const unit = unitByCode.get(code);
    if (!unit) throw new Error(`unknown unit ${code}`);
    return unit;
  };

  // People: the demo personas, then generated staff in proportion to each unit's headcount.
  const users: ScaleUser[] = demo.users.map((u) => ({ ...u, delivery: 'immediate' as const, createdOn: launch, endedOn: null }));
  const emails = new Set(users.map((u) => u.email));
  const staffByUnit = new Map<string, ScaleUser[]>();
  const addStaff = (user: ScaleUser) => {
    const list = staffByUnit.get(user.unitId) ?? [];
    list.push(user);
    staffByUnit.set(user.unitId, list);
  };
  users.forEach(addStaff);
  const totalHeadcount = [...headcount.values()].reduce((a, b) => a + b, 0);
  const toGenerate = staff - users.length;
  for (const unit of units) {
    const n = Math.round(((headcount.get(unit.code) ?? 10) / totalHeadcount) * toGenerate);
    for (let i = 0; i < n; i += 1) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      let email = `${asciiFold(first)}.${asciiFold(last)}${MAIL}`;
      for (let k = 2; emails.has(email); k += 1) email = `${asciiFold(first)}.${asciiFold(last)}${k}${MAIL}`;
      emails.add(email);
      const hiredLater = random.chance(0.25);
      const user: ScaleUser = {
        id: random.uuid(),
        email,
        name: `${first} ${last}`,
        unitId: unit.id,
        locale: random.chance(0.1) ? 'en' : 'nb',
        delivery: random.chance(0.15) ? 'daily_digest' : 'immediate',
        createdOn: hiredLater ? addDays(launch, random.int(1, 3640)) : launch,
        endedOn: null,
      };
      users.push(user);
      addStaff(user);
    }
  }
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const demoUser = (email: string) => {
    const user = userByEmail.get(email);
    if (!user) throw new Error(`unknown demo user ${email}`);
    return user;
  };

  // Role holders are taken from the staff of a unit (or its subtree), once each, and never leave.
  const holders = new Set<string>(demo.users.map((u) => u.id));
  const subtreeStaff = (unit: ScaleUnit) => units.filter((u) => u.path.includes(unit.id)).flatMap((u) => staffByUnit.get(u.id) ?? []);
  const takeHolder = (candidates: readonly ScaleUser[], onDay: string): ScaleUser => {
    const free = candidates.filter((u) => !holders.has(u.id) && u.createdOn <= onDay);
    const pool = free.length ? free : subtreeStaff(unitOf('FA')).filter((u) => !holders.has(u.id) && u.createdOn <= onDay);
    const user = random.pick(pool);
    holders.add(user.id);
    return user;
  };

  const assignments: ScaleAssignment[] = [];
  const assign = (userId: string, role: ScaleAssignment['role'], scope: { unitId?: string; processId?: string }, period: Period) =>
    assignments.push({
      id: random.uuid(),
      userId,
      role,
      scopeKind: scope.unitId ? 'unit' : scope.processId ? 'process' : 'global',
      unitId: scope.unitId ?? null,
      processId: scope.processId ?? null,
      validFrom: period.from,
      validTo: period.to,
    });
  // The demo's own assignments, as the demo writes them (from a year ago).
  for (const a of demo.roleAssignments) {
    assignments.push({ id: a.id, userId: a.userId, role: a.role as ScaleAssignment['role'], scopeKind: a.scopeKind, unitId: a.unitId, processId: a.processId, validFrom: a.validFrom, validTo: a.validTo });
  }

  // Line managers: every unit but the university itself, in terms of three to five years.
  const demoLineManagers = new Map(demo.roleAssignments.filter((a) => a.role === 'line_manager').map((a) => [a.unitId!, a]));
  const lineManagerTerm = () => random.int(3 * 365, 5 * 365);
  for (const unit of units) {
    if (unit.kind === 'university') continue;
    const current = demoLineManagers.get(unit.id);
    const periods = current ? terms(launch, addDays(current.validFrom, -1), false, lineManagerTerm) : terms(launch, today, true, lineManagerTerm);
    const own = staffByUnit.get(unit.id) ?? [];
    for (const period of periods) {
      const holder = takeHolder(own.length >= 3 ? own : subtreeStaff(unit), period.from);
      assign(holder.id, 'line_manager', { unitId: unit.id }, period);
    }
  }

  // Processes: the demo's and the others, each owned by an office.
  const processes: ScaleProcess[] = demo.processes.map((p) => ({ ...p, weight: DEMO_PROCESS_OFFICE[p.code]![1] }));
  const officeOf = new Map<string, Office>(demo.processes.map((p) => [p.id, DEMO_PROCESS_OFFICE[p.code]![0]]));
  for (const [code, nameNb, nameEn, owningUnit, office, weight, description] of MORE_PROCESSES) {
    const id = demoId('process', code);
    processes.push({ id, code, nameNb, nameEn, description, owningUnitId: unitOf(owningUnit).id, weight });
    officeOf.set(id, office);
  }

  // Process owners: each office a chain of four-to-six-year terms; the demo's owners hold theirs today.
  const leadership = [...(staffByUnit.get(unitOf('FA-LED').id) ?? []), ...(staffByUnit.get(unitOf('UNI').id) ?? [])];
  const ownerTerms = new Map<Office, Array<Period & { userId: string }>>();
  for (const office of Object.keys(OFFICE_HOLDER_TODAY) as Office[]) {
    const todayHolder = OFFICE_HOLDER_TODAY[office];
    const periods = todayHolder ? terms(launch, addDays(yearAgo, -1), false, () => random.int(4 * 365, 6 * 365)) : terms(launch, today, true, () => random.int(4 * 365, 6 * 365));
    const held = periods.map((p) => ({ ...p, userId: takeHolder(leadership, p.from).id }));
    if (todayHolder) held.push({ from: yearAgo, to: null, userId: demoUser(todayHolder).id });
    ownerTerms.set(office, held);
  }
  const demoOwnerAssignment = new Set(demo.roleAssignments.filter((a) => a.role === 'process_owner').map((a) => `${a.userId}|${a.processId}`));
  for (const process of processes) {
    for (const term of ownerTerms.get(officeOf.get(process.id)!)!) {
      if (demoOwnerAssignment.has(`${term.userId}|${process.id}`)) continue;
      assign(term.userId, 'process_owner', { processId: process.id }, term);
    }
  }
  const ownerOn = (processId: string, day: string) =>
    ownerTerms.get(officeOf.get(processId)!)!.find((t) => t.from <= day && (t.to === null || day <= t.to))!.userId;

  // Advisers: one chain per process (two for the big ones); the demo's advisers hold theirs today.
  const demoAdvisers = new Map(demo.roleAssignments.filter((a) => a.role === 'process_adviser').map((a) => [a.processId!, a]));
  const teamMembers: Array<{ processId: string; userId: string }> = [...demo.teamMembers];
  const demoTeams = new Set(demo.teamMembers.map((t) => t.processId));
  for (const process of processes) {
    const owning = units.find((u) => u.id === process.owningUnitId)!;
    const pool = subtreeStaff(units.find((u) => u.id === owning.parentId && u.kind !== 'university') ?? owning);
    const current = demoAdvisers.get(process.id);
    const chains = process.weight >= 5 ? 2 : 1;
    const currentAdvisers: string[] = current ? [current.userId] : [];
    for (let c = 0; c < chains; c += 1) {
      const periods =
        c === 0 && current ? terms(launch, addDays(current.validFrom, -1), false, () => random.int(3 * 365, 6 * 365)) : terms(launch, today, true, () => random.int(3 * 365, 6 * 365));
      for (const period of periods) {
        const adviser = takeHolder(pool, period.from);
        assign(adviser.id, 'process_adviser', { processId: process.id }, period);
        if (period.to === null) currentAdvisers.push(adviser.id);
      }
    }
    if (!demoTeams.has(process.id)) for (const userId of currentAdvisers) teamMembers.push({ processId: process.id, userId });
  }

  // Mandates: a chain of two-to-three-year mandates per process, without gaps, most with a deputy,
  // and the holders' absences (summer holidays, illness, courses) during which the deputy stands in.
  const mandates: ScaleMandate[] = demo.mandates.map((m) => ({ id: m.id, processId: m.processId, holderId: m.holderId, deputyId: m.deputyId, delegatedBy: m.delegatedBy, validFrom: m.validFrom, validTo: m.validTo, description: m.description }));
  const absences: ScaleAbsence[] = demo.absences.map((a) => ({ ...a }));
  const addAbsences = (mandate: ScaleMandate, until: string) => {
    if (!mandate.deputyId) return;
    const last = mandate.validTo < until ? mandate.validTo : until;
    for (let year = Number(mandate.validFrom.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
      const summer = `${year}-07-${String(random.int(1, 10)).padStart(2, '0')}`;
      if (random.chance(0.85) && summer >= mandate.validFrom && addDays(summer, 27) <= last) {
        absences.push({ id: random.uuid(), mandateId: mandate.id, startsOn: summer, endsOn: addDays(summer, random.int(17, 27)), reason: 'Ferie', createdBy: mandate.holderId });
      }
      for (let k = random.int(0, 2); k > 0; k -= 1) {
        const start = `${year}-${String(random.pick([1, 2, 3, 4, 5, 9, 10, 11])).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
        const end = addDays(start, random.int(2, 20));
        if (start >= mandate.validFrom && end <= last) {
          absences.push({ id: random.uuid(), mandateId: mandate.id, startsOn: start, endsOn: end, reason: random.pick(ABSENCE_REASONS), createdBy: random.chance(0.8) ? mandate.holderId : mandate.delegatedBy });
        }
      }
    }
  };
  for (const m of mandates) addAbsences(m, addDays(today, -10));
  for (const process of processes) {
    const own = mandates.filter((m) => m.processId === process.id);
    const firstDemo = own.reduce<string | null>((min, m) => (min === null || m.validFrom < min ? m.validFrom : min), null);
    const owning = units.find((u) => u.id === process.owningUnitId)!;
    const pool = subtreeStaff(units.find((u) => u.id === owning.parentId && u.kind !== 'university') ?? owning);
    const periods = firstDemo
      ? terms(launch, addDays(firstDemo, -1), false, () => random.int(2 * 365, 3 * 365))
      : terms(launch, addDays(today, random.int(200, 900)), false, () => random.int(2 * 365, 3 * 365));
    let current: ScaleMandate | null = null;
    for (const period of periods) {
      const holder = takeHolder(pool, period.from);
      const deputy = random.chance(0.6) ? takeHolder(pool, period.from) : null;
      const mandate: ScaleMandate = {
        id: random.uuid(),
        processId: process.id,
        holderId: holder.id,
        deputyId: deputy?.id ?? null,
        delegatedBy: ownerOn(process.id, period.from),
        validFrom: period.from,
        validTo: period.to!,
        description: `Prosessansvar for ${process.nameNb.charAt(0).toLowerCase()}${process.nameNb.slice(1)}, delegert av prosesseier.`,
      };
      mandates.push(mandate);
      addAbsences(mandate, addDays(today, -10));
      current = mandate;
    }
    if (!demoTeams.has(process.id) && current) {
      for (const userId of [current.holderId, current.deputyId]) if (userId && !teamMembers.some((t) => t.processId === process.id && t.userId === userId)) teamMembers.push({ processId: process.id, userId });
    }
  }

  // The programme and the rest of the leadership, each a chain up to the demo's holder today.
  const globalChain = (role: ScaleAssignment['role'], todayHolder: string | null, years: [number, number]) => {
    const periods = todayHolder
      ? terms(launch, addDays(yearAgo, -1), false, () => random.int(years[0] * 365, years[1] * 365))
      : terms(launch, today, true, () => random.int(years[0] * 365, years[1] * 365));
    for (const period of periods) assign(takeHolder(todayHolder === 'bjorn.haugland@universitet.example' ? leadership : subtreeStaff(unitOf('FA')), period.from).id, role, {}, period);
  };
  globalChain('programme_secretariat', 'eva.nilsen@universitet.example', [3, 5]);
  globalChain('programme_secretariat', null, [3, 5]);
  globalChain('rector', 'bjorn.haugland@universitet.example', [4, 4]);
  for (const member of ['randi.sorensen', 'terje.andersen', 'oystein.berge']) globalChain('programme_council', `${member}${MAIL}`, [4, 4]);
  globalChain('programme_council', null, [4, 4]);
  globalChain('admin', 'henrik.brekke@universitet.example', [3, 6]);
  globalChain('project_manager', null, [4, 8]);

  // Everyone is an employee of their unit; some of those who hold no role have left since.
  for (const user of users) {
    if (demo.roleAssignments.some((a) => a.userId === user.id && a.role === 'employee')) continue;
    if (!holders.has(user.id) && random.chance(0.07)) {
      const earliest = addDays(user.createdOn, 365);
      const latest = addDays(today, -30);
      if (earliest < latest) user.endedOn = addDays(earliest, random.int(0, Math.max(0, (Date.parse(latest) - Date.parse(earliest)) / 86_400_000)));
    }
    assign(user.id, 'employee', { unitId: user.unitId }, { from: user.createdOn, to: user.endedOn });
  }

  return { today, launch, units, users, processes, teamMembers, assignments, mandates, absences };
}
