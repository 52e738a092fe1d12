import type { DataSource } from 'typeorm';
import { ROLES, grantsInForce, type AssignmentRecord, type Grant, type MandateRecord, type Role, type Scope } from '#flyt/access';
import { createTestEnvironment, type TestEnvironment } from '#flyt/testing';
import { DEMO_LOGINS, DEMO_PERSONA, DEMO_PERSONA_EXTRA, addDays } from './demo-organisation.js';
import { loadDemoData } from './load-demo-data.js';

const TODAY = '2026-03-16';

const TABLES = ['unit', 'app_user', 'process', 'process_team_member', 'role_assignment', 'mandate', 'mandate_absence'] as const;

async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row.n;
  }
  return counts;
}

async function userId(db: DataSource, email: string): Promise<string> {
  const [row] = await db.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return row.id;
}

interface AssignmentRow {
  id: string;
  role: Role;
  scope_kind: Scope['kind'];
  unit_id: string | null;
  process_id: string | null;
  valid_from: string;
  valid_to: string | null;
  ended: boolean;
}

interface MandateRow {
  id: string;
  process_id: string;
  holder_id: string;
  deputy_id: string | null;
  valid_from: string;
  valid_to: string;
  ended: boolean;
}

function scopeOf(r: AssignmentRow): Scope {
  if (r.scope_kind === 'unit') return { kind: 'unit', unitId: r.unit_id! };
  if (r.scope_kind === 'process') return { kind: 'process', processId: r.process_id! };
  return { kind: 'global' };
}

/** The grants a user holds on `day`, read back from the rows the loader wrote. */
async function grantsOf(db: DataSource, email: string, day: string): Promise<Grant[]> {
  const id = await userId(db, email);
  const assignmentRows: AssignmentRow[] = await db.query(
    `SELECT id, role, scope_kind, unit_id, process_id, valid_from::text, valid_to::text, ended_at IS NOT NULL AS ended
       FROM role_assignment WHERE user_id = $1`,
    [id],
  );
  const assignments: AssignmentRecord[] = assignmentRows.map((r) => ({
    id: r.id,
    role: r.role,
    scope: scopeOf(r),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    ended: r.ended,
  }));
  const mandateRows: MandateRow[] = await db.query(
    `SELECT id, process_id, holder_id, deputy_id, valid_from::text, valid_to::text, ended_at IS NOT NULL AS ended
       FROM mandate WHERE holder_id = $1 OR deputy_id = $1`,
    [id],
  );
  const mandates: MandateRecord[] = [];
  for (const r of mandateRows) {
    const absences: Array<{ id: string; startsOn: string; endsOn: string }> = await db.query(
      `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM mandate_absence WHERE mandate_id = $1`,
      [r.id],
    );
    mandates.push({
      id: r.id,
      processId: r.process_id,
      holderId: r.holder_id,
      deputyId: r.deputy_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      ended: r.ended,
      absences,
    });
  }
  return grantsInForce(id, assignments, mandates, day);
}

describe('loadDemoData', () => {
  let env: TestEnvironment;
  let first: { loaded: boolean };

  beforeAll(async () => {
    env = await createTestEnvironment();
    first = await loadDemoData(env.db, TODAY);
  });
  afterAll(async () => {
    await env.drop();
  });

  it('loads into an empty database and writes every kind of row', async () => {
    expect(first).toEqual({ loaded: true });
    expect(await rowCounts(env.db)).toEqual({
      unit: 18,
      app_user: 28,
      process: 6,
      process_team_member: 11,
      role_assignment: 25,
      mandate: 7,
      mandate_absence: 1,
    });
  });

  it('builds the unit tree: one university, the central administration with its sections, three faculties with eight departments', async () => {
    const kinds: Array<{ kind: string; n: number }> = await env.db.query(`SELECT kind, count(*)::int AS n FROM unit GROUP BY kind ORDER BY kind`);
    expect(kinds).toEqual([
      { kind: 'central_administration', n: 1 },
      { kind: 'department', n: 8 },
      { kind: 'faculty', n: 3 },
      { kind: 'section', n: 5 },
      { kind: 'university', n: 1 },
    ]);
    const [root] = await env.db.query(`SELECT code, name_nb, name_en FROM unit WHERE parent_id IS NULL`);
    expect(root).toEqual({ code: 'UNI', name_nb: 'Universitetet', name_en: 'The University' });

    const faculties: Array<{ name_nb: string; departments: number }> = await env.db.query(
      `SELECT f.name_nb, (SELECT count(*)::int FROM unit d WHERE d.parent_id = f.id AND d.kind = 'department') AS departments
         FROM unit f WHERE f.kind = 'faculty' ORDER BY f.code`,
    );
    expect(faculties).toEqual([
      { name_nb: 'Det humanistiske fakultet', departments: 2 },
      { name_nb: 'Det medisinske fakultet', departments: 3 },
      { name_nb: 'Det naturvitenskapelige fakultet', departments: 3 },
    ]);
    const sections: Array<{ name_nb: string }> = await env.db.query(
      `SELECT s.name_nb FROM unit s JOIN unit p ON p.id = s.parent_id WHERE s.kind = 'section' AND p.code = 'FA' ORDER BY s.name_nb`,
    );
    expect(sections.map((s) => s.name_nb)).toEqual(['Forskningsavdelingen', 'HR-avdelingen', 'IT-avdelingen', 'Studieavdelingen', 'Økonomiavdelingen']);
  });

  it('stores each unit path as the codes from the university down to the unit itself', async () => {
    const paths: Array<{ code: string; path: string[] }> = await env.db.query(
      `SELECT u.code, ARRAY(SELECT a.code FROM unnest(u.path) WITH ORDINALITY AS p(id, n) JOIN unit a ON a.id = p.id ORDER BY p.n) AS path
         FROM unit u ORDER BY u.code`,
    );
    const byCode = Object.fromEntries(paths.map((p) => [p.code, p.path]));
    expect(byCode['UNI']).toEqual(['UNI']);
    expect(byCode['FA-IT']).toEqual(['UNI', 'FA', 'FA-IT']);
    expect(byCode['NV-IFI']).toEqual(['UNI', 'NV', 'NV-IFI']);
    expect(byCode['HF-ILN']).toEqual(['UNI', 'HF', 'HF-ILN']);
    expect(byCode['MED-KLM']).toEqual(['UNI', 'MED', 'MED-KLM']);

    // Every path ends with the unit and is its parent's path plus the unit.
    const broken: unknown[] = await env.db.query(
      `SELECT u.code FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
        WHERE u.path[array_length(u.path, 1)] <> u.id
           OR (p.id IS NULL AND u.path <> ARRAY[u.id])
           OR (p.id IS NOT NULL AND u.path <> p.path || u.id)`,
    );
    expect(broken).toEqual([]);
    const departments: Array<{ depth: number }> = await env.db.query(`SELECT DISTINCT array_length(path, 1) AS depth FROM unit WHERE kind = 'department'`);
    expect(departments).toEqual([{ depth: 3 }]);
  });

  it('gives each of the six processes an owner in force and exactly one mandate in force today', async () => {
    const processes: Array<{ name_nb: string; owning_unit: string; owners: string[]; responsibles: string[] }> = await env.db.query(
      `SELECT p.name_nb, u.code AS owning_unit,
              ARRAY(SELECT o.name FROM role_assignment ra JOIN app_user o ON o.id = ra.user_id
                     WHERE ra.process_id = p.id AND ra.role = 'process_owner' AND ra.ended_at IS NULL
                       AND ra.valid_from <= $1::date AND (ra.valid_to IS NULL OR ra.valid_to >= $1::date)) AS owners,
              ARRAY(SELECT h.name FROM mandate m JOIN app_user h ON h.id = m.holder_id
                     WHERE m.process_id = p.id AND m.ended_at IS NULL AND m.valid_from <= $1::date AND m.valid_to >= $1::date) AS responsibles
         FROM process p JOIN unit u ON u.id = p.owning_unit_id ORDER BY p.name_nb`,
      [TODAY],
    );
    expect(processes).toEqual([
      { name_nb: 'Anskaffelser', owning_unit: 'FA-OK', owners: ['Ingrid Sæther'], responsibles: ['Jonas Lie'] },
      { name_nb: 'Forskningsdatahåndtering', owning_unit: 'FA-FOR', owners: ['Marit Løvås'], responsibles: ['Lars Mykland'] },
      { name_nb: 'Opptak', owning_unit: 'FA-SA', owners: ['Håkon Bjørnstad'], responsibles: ['Guro Haugen'] },
      { name_nb: 'Personvern og informasjonssikkerhet', owning_unit: 'FA-IT', owners: ['Ingrid Sæther'], responsibles: ['Nina Berg'] },
      { name_nb: 'Plan, budsjett og oppfølging', owning_unit: 'FA-OK', owners: ['Ingrid Sæther'], responsibles: ['Eirik Dahl'] },
      { name_nb: 'Saksbehandling', owning_unit: 'FA', owners: ['Ingrid Sæther'], responsibles: ['Siri Aasen'] },
    ]);

    // Mandates are delegated by the owner of their process.
    const foreign: unknown[] = await env.db.query(
      `SELECT m.id FROM mandate m
        WHERE NOT EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.process_id = m.process_id AND ra.role = 'process_owner' AND ra.user_id = m.delegated_by)`,
    );
    expect(foreign).toEqual([]);
  });

  it('stores mandate periods relative to today: from a year ago to two years ahead, one ended a month ago', async () => {
    const mandates: Array<{ holder: string; valid_from: string; valid_to: string }> = await env.db.query(
      `SELECT h.name AS holder, m.valid_from::text, m.valid_to::text FROM mandate m JOIN app_user h ON h.id = m.holder_id ORDER BY h.name`,
    );
    const byHolder = Object.fromEntries(mandates.map((m) => [m.holder, { from: m.valid_from, to: m.valid_to }]));
    expect(byHolder['Siri Aasen']).toEqual({ from: '2025-03-16', to: '2028-03-15' });
    expect(byHolder['Anne Strand']).toEqual({ from: '2023-03-17', to: '2026-02-14' });
    expect(byHolder['Lars Mykland']).toEqual({ from: '2026-02-15', to: '2028-03-15' });
  });

  it('lets the deputy of privacy and information security stand in today, because the holder is absent', async () => {
    const [absence] = await env.db.query(
      `SELECT h.name AS holder, d.name AS deputy, a.starts_on::text AS starts_on, a.ends_on::text AS ends_on
         FROM mandate_absence a JOIN mandate m ON m.id = a.mandate_id
         JOIN app_user h ON h.id = m.holder_id JOIN app_user d ON d.id = m.deputy_id`,
    );
    expect(absence).toEqual({ holder: 'Nina Berg', deputy: 'Ole Kristiansen', starts_on: '2026-03-13', ends_on: '2026-03-23' });

    const deputyNow = await grantsOf(env.db, DEMO_PERSONA_EXTRA.standingInDeputy, TODAY);
    expect(deputyNow.filter((g) => g.role === 'process_responsible').map((g) => [g.source.kind, g.validTo])).toEqual([['deputy', '2026-03-23']]);
    const deputyAfter = await grantsOf(env.db, DEMO_PERSONA_EXTRA.standingInDeputy, addDays(TODAY, 8));
    expect(deputyAfter.map((g) => g.role)).toEqual(['process_adviser']);

    // The deputy of case handling has no absence to cover, so stands in for no one.
    const otherDeputy = await grantsOf(env.db, DEMO_PERSONA.process_adviser, TODAY);
    expect(otherDeputy.map((g) => g.role)).toEqual(['process_adviser']);
  });

  it('keeps the expired mandate as history: its former holder is an adviser only', async () => {
    const grants = await grantsOf(env.db, DEMO_PERSONA_EXTRA.formerResponsible, TODAY);
    expect(grants.map((g) => g.role)).toEqual(['process_adviser']);
    const beforeItEnded = await grantsOf(env.db, DEMO_PERSONA_EXTRA.formerResponsible, addDays(TODAY, -31));
    expect(beforeItEnded.map((g) => g.role).sort()).toEqual(['process_adviser', 'process_responsible']);
  });

  it('gives every role to some demo persona, and each login the role it is listed with', async () => {
    const held = new Set<Role>();
    const missing: string[] = [];
    for (const login of DEMO_LOGINS) {
      const roles = (await grantsOf(env.db, login.email, TODAY)).map((g) => g.role);
      roles.forEach((r) => held.add(r));
      if (!roles.includes(login.role)) missing.push(`${login.email} lacks ${login.role}`);
    }
    expect(missing).toEqual([]);
    expect([...held].sort()).toEqual([...ROLES].sort());

    for (const role of ROLES) {
      const roles = (await grantsOf(env.db, DEMO_PERSONA[role], TODAY)).map((g) => g.role);
      expect({ role, holds: roles.includes(role) }).toEqual({ role, holds: true });
    }
  });

  it('scopes the two department line managers to units in different faculties', async () => {
    const reach: Array<{ manager: string; employee: string }> = await env.db.query(
      `SELECT m.name AS manager, e.name AS employee
         FROM role_assignment ra JOIN app_user m ON m.id = ra.user_id
         JOIN app_user e ON true JOIN unit eu ON eu.id = e.unit_id
        WHERE ra.role = 'line_manager' AND ra.unit_id = ANY(eu.path)
          AND e.id IN (SELECT user_id FROM role_assignment WHERE role = 'employee')
        ORDER BY m.name, e.name`,
    );
    expect(reach).toEqual([
      { manager: 'Knut Olsen', employee: 'Sofie Lunde' },
      { manager: 'Liv Halvorsen', employee: 'Emma Bakke' },
      { manager: 'Torunn Aas', employee: 'Magnus Holm' },
      { manager: 'Torunn Aas', employee: 'Sofie Lunde' },
    ]);
    const emails: Array<{ email: string }> = await env.db.query(
      `SELECT m.email FROM role_assignment ra JOIN app_user m ON m.id = ra.user_id JOIN unit u ON u.id = ra.unit_id
        WHERE ra.role = 'line_manager' AND u.code = 'HF-ILN'`,
    );
    expect(emails).toEqual([{ email: DEMO_PERSONA_EXTRA.otherLineManager }]);
  });

  it('stores unique lowercase emails made from the names', async () => {
    const users: Array<{ email: string; name: string }> = await env.db.query(`SELECT email, name FROM app_user ORDER BY email`);
    expect(new Set(users.map((u) => u.email)).size).toBe(28);
    const ascii = (s: string) =>
      s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/ /g, '.');
    expect(users.filter((u) => u.email !== `${ascii(u.name)}@universitet.example`)).toEqual([]);
    expect(users.find((u) => u.name === 'Ingrid Sæther')?.email).toBe('ingrid.saether@universitet.example');
  });

  it('does nothing the second time and says so', async () => {
    const before = await rowCounts(env.db);
    expect(await loadDemoData(env.db, addDays(TODAY, 10))).toEqual({ loaded: false });
    expect(await rowCounts(env.db)).toEqual(before);
  });
});

describe('loadDemoData beside other loaders and other data', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env.drop();
  });

  it('loads once when two processes start at the same moment', async () => {
    const results = await Promise.all([loadDemoData(env.db, TODAY), loadDemoData(env.db, TODAY)]);
    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    expect((await rowCounts(env.db)).unit).toBe(18);
  });

  it('leaves a database with a unit of its own untouched', async () => {
    const other = await createTestEnvironment();
    try {
      await other.db.query(`INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('NTNU', 'NTNU', 'NTNU', 'university', '{}')`);
      expect(await loadDemoData(other.db, TODAY)).toEqual({ loaded: false });
      expect(await rowCounts(other.db)).toEqual({
        unit: 1,
        app_user: 0,
        process: 0,
        process_team_member: 0,
        role_assignment: 0,
        mandate: 0,
        mandate_absence: 0,
      });
    } finally {
      await other.drop();
    }
  });
});
