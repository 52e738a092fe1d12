import { Conflict } from '#flyt/kernel';
import { assertUserMayEnd, assignmentsEndingWithUser, type MandateHeld, userVisibility } from './user-rules.js';

const TODAY = '2026-03-15';

describe('userVisibility', () => {
  it('lets a reader whose grants cover everything see everyone', () => {
    expect(userVisibility('all', 'u-me')).toEqual({ kind: 'all' });
  });

  it('limits a line manager to their unit subtrees and themself', () => {
    expect(userVisibility(['fac-a', 'dep-b', 'fac-a'], 'u-lm')).toEqual({ kind: 'scoped', selfId: 'u-lm', unitIds: ['fac-a', 'dep-b'] });
  });

  it('limits a reader without any of the roles to themself', () => {
    expect(userVisibility([], 'u-me')).toEqual({ kind: 'scoped', selfId: 'u-me', unitIds: [] });
  });
});

describe('assignmentsEndingWithUser', () => {
  it('ends the assignments in force and those to start later, and leaves history alone', () => {
    const ending = assignmentsEndingWithUser(
      [
        { id: 'open-ended', validTo: null, ended: false },
        { id: 'ends-today', validTo: TODAY, ended: false },
        { id: 'ends-later', validTo: '2026-12-31', ended: false },
        { id: 'ran-out-yesterday', validTo: '2026-03-14', ended: false },
        { id: 'already-ended', validTo: null, ended: true },
      ],
      TODAY,
    );
    expect(ending).toEqual(['open-ended', 'ends-today', 'ends-later']);
  });
});

describe('assertUserMayEnd', () => {
  const held = (overrides: Partial<MandateHeld>): MandateHeld => ({
    id: 'md-1',
    processCode: 'OPPTAK',
    processName: 'Opptak',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    ended: false,
    ...overrides,
  });

  it('lets a user end who holds no mandate that still runs', () => {
    expect(() => assertUserMayEnd([], TODAY)).not.toThrow();
    expect(() => assertUserMayEnd([held({ validTo: '2026-03-14' }), held({ id: 'md-2', ended: true })], TODAY)).not.toThrow();
  });

  it('refuses while the user holds a mandate in force or starting later, listing them', () => {
    let error: Conflict | undefined;
    try {
      assertUserMayEnd([held({}), held({ id: 'md-2', processCode: 'INNKJOP', processName: 'Innkjøp', validFrom: '2026-04-01', validTo: '2026-12-31' })], TODAY);
    } catch (e) {
      error = e as Conflict;
    }
    expect(error).toBeInstanceOf(Conflict);
    expect(error!.message).toBe(
      'the user holds mandates as process responsible: OPPTAK Opptak (2026-01-01 – 2026-06-30); INNKJOP Innkjøp (2026-04-01 – 2026-12-31, not yet started); ' +
        'the process owner must end or re-delegate them first',
    );
    expect(error!.details.mandateIds).toEqual(['md-1', 'md-2']);
  });
});
