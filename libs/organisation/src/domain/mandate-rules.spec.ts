import { Conflict, InputInvalid } from '#flyt/kernel';
import {
  absenceCovering,
  assertAbsenceFits,
  assertAbsencesWithin,
  addYears,
  deputyStandInOn,
  describeTerm,
  lastDayWithin,
  type MandateState,
  mandateInForce,
  mandateLengthErrors,
  mandateNotOver,
  mandateOverlapConflict,
  mandateTermsErrors,
} from './mandate-rules.js';

// Days are Europe/Oslo calendar days; "today" is fixed so the cases read as a calendar.
const TODAY = '2026-03-15';

function mandate(overrides: Partial<MandateState> = {}): MandateState {
  return { holderId: 'u-holder', deputyId: 'u-deputy', validFrom: '2026-01-01', validTo: '2026-06-30', ended: false, ...overrides };
}

function refusal(fn: () => unknown): InputInvalid | Conflict {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputInvalid || error instanceof Conflict) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('mandate terms', () => {
  it('accepts a one-day mandate with a deputy', () => {
    expect(mandateTermsErrors({ holderId: 'a', deputyId: 'b', validFrom: TODAY, validTo: TODAY })).toEqual([]);
  });

  it('names every field that is wrong at once', () => {
    expect(mandateTermsErrors({ holderId: 'a', deputyId: 'a', validFrom: '2026-05-01', validTo: '2026-04-30' })).toEqual([
      { field: 'validTo', reason: expect.stringContaining('2026-05-01') },
      { field: 'deputyId', reason: expect.stringContaining('other than the holder') },
    ]);
  });

  it('lets a mandate go without a deputy', () => {
    expect(mandateTermsErrors({ holderId: 'a', deputyId: null, validFrom: TODAY, validTo: '2026-12-31' })).toEqual([]);
  });
});

describe('the longest mandate', () => {
  it('runs whole years from its first day, its last day the day before the anniversary', () => {
    expect(lastDayWithin('2026-08-01', 4)).toBe('2030-07-31');
    expect(lastDayWithin('2026-01-01', 1)).toBe('2026-12-31');
    expect(mandateLengthErrors({ validFrom: '2026-08-01', validTo: '2030-07-31' }, 4)).toEqual([]);
  });

  it('counts 29 February as PostgreSQL does, so the API and the database agree on the last day', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(lastDayWithin('2028-02-29', 1)).toBe('2029-02-27');
    expect(lastDayWithin('2027-03-01', 1)).toBe('2028-02-29');
  });

  it('refuses a day longer, naming validTo, the limit and the last day it may have', () => {
    expect(mandateLengthErrors({ validFrom: '2026-08-01', validTo: '2030-08-01' }, 4)).toEqual([
      { field: 'validTo', reason: 'a mandate runs at most 4 years, so from 2026-08-01 its last day is 2030-07-31 at the latest' },
    ]);
    expect(mandateLengthErrors({ validFrom: '2026-08-01', validTo: '2027-08-01' }, 1)[0]!.reason).toMatch(/^a mandate runs at most 1 year,/);
  });

  it('says why a mandate "until 9999" is not taken', () => {
    expect(mandateLengthErrors({ validFrom: '2026-08-01', validTo: '9999-12-31' }, 4)[0]!.reason).toBe(
      'a mandate cannot be open-ended; a mandate runs at most 4 years, so from 2026-08-01 its last day is 2030-07-31 at the latest',
    );
  });

  it('leaves a period that ends before it starts to the rule that says so', () => {
    expect(mandateLengthErrors({ validFrom: '2026-08-01', validTo: '2026-07-31' }, 4)).toEqual([]);
  });
});

describe('one process responsible at a time', () => {
  it('names the mandate in the way: its holder and its dates', () => {
    const conflict = mandateOverlapConflict('Opptak', { id: 'md-1', holderId: 'u-1', holderName: 'Guro Haugen', validFrom: '2026-01-01', validTo: '2027-12-31' });
    expect(conflict).toBeInstanceOf(Conflict);
    expect(conflict.message).toMatch(/^Opptak already has a process responsible from 2026-01-01 to 2027-12-31: Guro Haugen \(mandate md-1\)\./);
    expect(conflict.details.conflictingMandate).toEqual({ id: 'md-1', holder: { id: 'u-1', name: 'Guro Haugen' }, validFrom: '2026-01-01', validTo: '2027-12-31' });
  });
});

describe('mandate in force, and not yet over', () => {
  it.each<[string, Partial<MandateState>, boolean, boolean]>([
    // [case, overrides, in force today, not over today]
    ['inside its period', {}, true, true],
    ['on its first day', { validFrom: TODAY }, true, true],
    ['on its last day (days are inclusive)', { validTo: TODAY }, true, true],
    ['before it starts', { validFrom: '2026-03-16' }, false, true],
    ['after it ran out', { validTo: '2026-03-14' }, false, false],
    ['once ended, although its dates cover today', { ended: true }, false, false],
    ['ended before it started', { ended: true, validFrom: '2026-03-16' }, false, false],
  ])('%s', (_name, overrides, inForce, notOver) => {
    expect(mandateInForce(mandate(overrides), TODAY)).toBe(inForce);
    expect(mandateNotOver(mandate(overrides), TODAY)).toBe(notOver);
  });

  it('describes its dates, saying when it has not started', () => {
    expect(describeTerm(mandate(), TODAY)).toBe('2026-01-01 – 2026-06-30');
    expect(describeTerm(mandate({ validFrom: '2026-03-16' }), TODAY)).toBe('2026-03-16 – 2026-06-30, not yet started');
  });
});

describe('the deputy stands in', () => {
  const february = { id: 'ab-1', startsOn: '2026-02-01', endsOn: '2026-02-10' };
  const march = { id: 'ab-2', startsOn: '2026-03-10', endsOn: '2026-03-20' };
  const absences = [february, march];

  it.each<[string, string, string | undefined]>([
    ['the day before an absence', '2026-03-09', undefined],
    ['its first day', '2026-03-10', 'ab-2'],
    ['a day inside it', TODAY, 'ab-2'],
    ['its last day', '2026-03-20', 'ab-2'],
    ['the day after it', '2026-03-21', undefined],
    ['a day of an earlier absence', '2026-02-05', 'ab-1'],
  ])('on %s', (_name, day, expected) => {
    expect(absenceCovering(mandate(), absences, day)?.id).toBe(expected);
  });

  it.each<[string, Partial<MandateState>]>([
    ['the mandate was ended', { ended: true }],
    ['the mandate ran out before the day', { validTo: '2026-03-14' }],
    ['the mandate has not started', { validFrom: '2026-03-16' }],
    ['the mandate names no deputy', { deputyId: null }],
  ])('not when %s', (_name, overrides) => {
    expect(absenceCovering(mandate(overrides), absences, TODAY)).toBeUndefined();
  });

  it('reads the absences a stored mandate carries, null when the holder is present', () => {
    expect(deputyStandInOn({ ...mandate(), id: 'md-1', absences }, TODAY)).toEqual(march);
    expect(deputyStandInOn({ ...mandate(), id: 'md-1', absences: [february] }, TODAY)).toBeNull();
  });
});

describe('recording an absence', () => {
  const existing = [{ id: 'ab-1', startsOn: '2026-03-01', endsOn: '2026-03-05' }];

  it('accepts an absence inside the period that touches no other', () => {
    expect(() => assertAbsenceFits(mandate(), { startsOn: '2026-03-06', endsOn: '2026-03-20' }, existing)).not.toThrow();
    expect(() => assertAbsenceFits(mandate(), { startsOn: '2026-01-01', endsOn: '2026-06-30' }, [])).not.toThrow();
  });

  it('refuses with a conflict when nobody can stand in', () => {
    const error = refusal(() => assertAbsenceFits(mandate({ deputyId: null }), { startsOn: TODAY, endsOn: TODAY }, []));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toMatch(/no deputy/);
  });

  it('refuses an absence that ends before it starts', () => {
    const error = refusal(() => assertAbsenceFits(mandate(), { startsOn: '2026-03-10', endsOn: '2026-03-09' }, []));
    expect((error as InputInvalid).errors).toEqual([{ field: 'endsOn', reason: expect.stringContaining('2026-03-10') }]);
  });

  it.each<[string, string, string, string[]]>([
    ['starting before the mandate', '2025-12-31', '2026-01-05', ['startsOn']],
    ['ending after the mandate', '2026-06-20', '2026-07-01', ['endsOn']],
    ['wholly after the mandate', '2026-07-01', '2026-07-02', ['startsOn', 'endsOn']],
  ])('refuses an absence %s, naming the field', (_name, startsOn, endsOn, fields) => {
    const error = refusal(() => assertAbsenceFits(mandate(), { startsOn, endsOn }, []));
    expect(error).toBeInstanceOf(InputInvalid);
    expect((error as InputInvalid).errors.map((e) => e.field)).toEqual(fields);
  });

  it('refuses an absence that shares a day with another', () => {
    const error = refusal(() => assertAbsenceFits(mandate(), { startsOn: '2026-03-05', endsOn: '2026-03-08' }, existing));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toContain('2026-03-01 to 2026-03-05');
  });
});

describe('changing a mandate period with absences recorded', () => {
  const absences = [{ startsOn: '2026-03-01', endsOn: '2026-03-05' }];

  it('allows a period that still holds every absence', () => {
    expect(() => assertAbsencesWithin({ validFrom: '2026-03-01', validTo: '2026-03-05' }, absences)).not.toThrow();
  });

  it('refuses a period that would leave an absence outside, naming the end that moved', () => {
    expect((refusal(() => assertAbsencesWithin({ validFrom: '2026-01-01', validTo: '2026-03-04' }, absences)) as Conflict).field).toBe('validTo');
    expect((refusal(() => assertAbsencesWithin({ validFrom: '2026-03-02', validTo: '2026-06-30' }, absences)) as Conflict).field).toBe('validFrom');
  });
});
