import { Conflict, InputInvalid } from '#flyt/kernel';
import { assertPeriod, assignmentInForce, periodsOverlap, processOwnerOverlapConflict, scopeOfAssignment } from './role-assignment-rules.js';

describe('role assignment scope', () => {
  it('gives each role the scope its target names', () => {
    expect(scopeOfAssignment('line_manager', { unitId: 'u1' })).toBe('unit');
    expect(scopeOfAssignment('process_owner', { processId: 'p1' })).toBe('process');
    expect(scopeOfAssignment('rector', {})).toBe('global');
  });

  it('refuses a scope the role is not held in, naming the field', () => {
    const refuse = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as InputInvalid).errors[0];
      }
      throw new Error('expected a refusal');
    };
    expect(refuse(() => scopeOfAssignment('line_manager', {}))).toEqual({ field: 'unitId', reason: expect.stringContaining('unit') });
    expect(refuse(() => scopeOfAssignment('admin', { unitId: 'u1' }))).toEqual({ field: 'unitId', reason: expect.stringContaining('global') });
    expect(refuse(() => scopeOfAssignment('process_owner', { unitId: 'u1' })).field).toBe('unitId');
  });

  it('sends the process-responsible role to mandates', () => {
    expect(() => scopeOfAssignment('process_responsible', { processId: 'p1' })).toThrow(/mandate/);
  });

  it('refuses a unit and a process at once', () => {
    expect(() => scopeOfAssignment('process_owner', { unitId: 'u', processId: 'p' })).toThrow(InputInvalid);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => assertPeriod('2026-05-01', '2026-04-30')).toThrow(/validTo/);
    expect(() => assertPeriod('2026-05-01', '2026-05-01')).not.toThrow();
    expect(() => assertPeriod('2026-05-01', null)).not.toThrow();
  });
});

describe('day periods', () => {
  it.each<[string, { from: string; to: string | null }, { from: string; to: string | null }, boolean]>([
    ['sharing their last and first day', { from: '2026-01-01', to: '2026-03-01' }, { from: '2026-03-01', to: '2026-04-01' }, true],
    ['one after the other', { from: '2026-01-01', to: '2026-02-28' }, { from: '2026-03-01', to: null }, false],
    ['both open-ended', { from: '2026-01-01', to: null }, { from: '2030-01-01', to: null }, true],
    ['an open-ended one starting after the other ends', { from: '2026-05-01', to: null }, { from: '2026-01-01', to: '2026-04-30' }, false],
  ])('overlap when %s: %s', (_name, a, b, expected) => {
    expect(periodsOverlap(a, b)).toBe(expected);
    expect(periodsOverlap(b, a)).toBe(expected);
  });

  it('holds an assignment in force from its first day, without end when open, never once ended', () => {
    const a = { validFrom: '2026-03-16', validTo: null, ended: false };
    expect(assignmentInForce(a, '2026-03-15')).toBe(false);
    expect(assignmentInForce(a, '2026-03-16')).toBe(true);
    expect(assignmentInForce(a, '2099-12-31')).toBe(true);
    expect(assignmentInForce({ ...a, ended: true }, '2026-03-16')).toBe(false);
  });
});

describe('one process owner at a time', () => {
  it('names the owner in the way, with an open end as "until further notice"', () => {
    const open = processOwnerOverlapConflict('Opptak', { id: 'ra-1', userId: 'u-1', userName: 'Håkon Bjørnstad', validFrom: '2025-01-01', validTo: null });
    expect(open).toBeInstanceOf(Conflict);
    expect(open.message).toMatch(/^Opptak already has a process owner from 2025-01-01 until further notice: Håkon Bjørnstad \(role assignment ra-1\)\./);
    expect(open.details.conflictingAssignment).toEqual({ id: 'ra-1', user: { id: 'u-1', name: 'Håkon Bjørnstad' }, validFrom: '2025-01-01', validTo: null });
    const ending = processOwnerOverlapConflict('Opptak', { id: 'ra-1', userId: 'u-1', userName: 'Håkon Bjørnstad', validFrom: '2025-01-01', validTo: '2028-12-31' });
    expect(ending.message).toContain('from 2025-01-01 to 2028-12-31: Håkon Bjørnstad');
  });
});
