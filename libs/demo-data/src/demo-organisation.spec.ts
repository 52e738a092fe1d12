import { ROLES } from '#flyt/access';
import { InputInvalid } from '#flyt/kernel';
import { DEMO_LOGINS, DEMO_PERSONA, DEMO_PERSONA_EXTRA, addDays, buildDemoOrganisation, demoId } from './demo-organisation.js';

describe('buildDemoOrganisation', () => {
  it('gives the same record the same id on every build, whatever the day', () => {
    const a = buildDemoOrganisation('2026-03-16');
    const b = buildDemoOrganisation('2027-01-02');
    expect(b.units.map((u) => u.id)).toEqual(a.units.map((u) => u.id));
    expect(b.users.map((u) => u.id)).toEqual(a.users.map((u) => u.id));
    expect(b.mandates.map((m) => m.id)).toEqual(a.mandates.map((m) => m.id));
    expect(demoId('unit', 'UNI')).toBe(a.units[0]!.id);
  });

  it('makes version 5 uuids that do not collide', () => {
    const org = buildDemoOrganisation('2026-03-16');
    const ids = [...org.units, ...org.users, ...org.processes, ...org.roleAssignments, ...org.mandates, ...org.absences].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
  });

  it('moves the dates with today', () => {
    const org = buildDemoOrganisation('2030-12-30');
    const absence = org.absences[0]!;
    expect([absence.startsOn, absence.endsOn]).toEqual(['2030-12-27', '2031-01-06']);
    expect(org.mandates.find((m) => m.key === 'saksbehandling')).toMatchObject({ validFrom: '2029-12-30', validTo: '2032-12-29' });
  });

  it('refuses a day that is not a calendar day', () => {
    expect(() => buildDemoOrganisation('2026-02-30')).toThrow(InputInvalid);
    expect(() => buildDemoOrganisation('16.03.2026')).toThrow('today: must be a calendar day as YYYY-MM-DD, got "16.03.2026"');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('demo personas', () => {
  it('lists one login per user, and each canonical persona with its own role', () => {
    expect(DEMO_LOGINS).toHaveLength(buildDemoOrganisation('2026-03-16').users.length);
    const byEmail = new Map(DEMO_LOGINS.map((l) => [l.email, l]));
    expect(ROLES.map((role) => byEmail.get(DEMO_PERSONA[role])?.role)).toEqual([...ROLES]);
    expect(byEmail.get(DEMO_PERSONA.line_manager)).toEqual({
      email: 'knut.olsen@universitet.example',
      name: 'Knut Olsen',
      role: 'line_manager',
      scope: 'Institutt for informatikk (instituttleder)',
    });
    expect(Object.values(DEMO_PERSONA_EXTRA).filter((email) => !byEmail.has(email))).toEqual([]);
  });
});
