import { type AssignmentRecord, type DayPeriod, type Grant, grantsInForce, type MandateRecord, periodCovers } from './grant.js';

// Days are Europe/Oslo calendar days as YYYY-MM-DD; "today" is fixed so the tables read as a calendar.
const TODAY = '2026-03-15';
const YESTERDAY = '2026-03-14';
const TOMORROW = '2026-03-16';

const HOLDER = 'u-holder';
const DEPUTY = 'u-deputy';
const OTHER = 'u-other';

function assignment(overrides: Partial<AssignmentRecord> = {}): AssignmentRecord {
  return {
    id: 'as-1',
    role: 'line_manager',
    scope: { kind: 'unit', unitId: 'fac-hf' },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ended: false,
    ...overrides,
  };
}

function mandate(overrides: Partial<MandateRecord> = {}): MandateRecord {
  return {
    id: 'md-1',
    processId: 'p-admissions',
    holderId: HOLDER,
    deputyId: DEPUTY,
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    ended: false,
    absences: [],
    ...overrides,
  };
}

describe('periodCovers', () => {
  it.each<[string, DayPeriod, string, boolean]>([
    ['a day inside the period', { from: '2026-03-01', to: '2026-03-31' }, TODAY, true],
    ['the first day (inclusive)', { from: TODAY, to: '2026-03-31' }, TODAY, true],
    ['the last day (inclusive)', { from: '2026-03-01', to: TODAY }, TODAY, true],
    ['a one-day period on that day', { from: TODAY, to: TODAY }, TODAY, true],
    ['the day before the period starts', { from: TOMORROW, to: '2026-03-31' }, TODAY, false],
    ['the day after the period ends', { from: '2026-03-01', to: YESTERDAY }, TODAY, false],
    ['an open-ended period (to: null) after its start', { from: '2020-01-01', to: null }, TODAY, true],
    ['an open-ended period (to omitted) after its start', { from: '2020-01-01' }, TODAY, true],
    ['an open-ended period before its start', { from: TOMORROW, to: null }, TODAY, false],
    ['the last day of a year-crossing period', { from: '2025-12-31', to: '2026-01-01' }, '2026-01-01', true],
    ['the day after a year-crossing period', { from: '2025-12-31', to: '2026-01-01' }, '2026-01-02', false],
    ['a day in the previous month', { from: '2026-03-01', to: '2026-03-31' }, '2026-02-28', false],
  ])('%s → %s', (_label, period, day, expected) => {
    expect(periodCovers(period, day)).toBe(expected);
  });
});

describe('grantsInForce: role assignments', () => {
  it.each<[string, Partial<AssignmentRecord>, string | undefined | null]>([
    // [case, assignment overrides, expected validTo of the grant; null = no grant]
    ['in force today', {}, '2026-12-31'],
    ['starting today', { validFrom: TODAY }, '2026-12-31'],
    ['ending today (days are inclusive)', { validTo: TODAY }, TODAY],
    ['starting and ending today', { validFrom: TODAY, validTo: TODAY }, TODAY],
    ['open-ended', { validTo: null }, undefined],
    ['open-ended, started long ago', { validFrom: '2015-08-01', validTo: null }, undefined],
    ['not yet started (starts tomorrow)', { validFrom: TOMORROW }, null],
    ['open-ended but not yet started', { validFrom: TOMORROW, validTo: null }, null],
    ['expired (valid_to yesterday)', { validTo: YESTERDAY }, null],
    ['ended early although its dates cover today', { ended: true }, null],
    ['ended and open-ended', { ended: true, validTo: null }, null],
  ])('an assignment %s', (_label, overrides, expectedValidTo) => {
    const record = assignment(overrides);
    const grants = grantsInForce(OTHER, [record], [], TODAY);
    if (expectedValidTo === null) {
      expect(grants).toEqual([]);
    } else {
      expect(grants).toEqual([
        { role: 'line_manager', scope: { kind: 'unit', unitId: 'fac-hf' }, source: { kind: 'assignment', id: 'as-1' }, validTo: expectedValidTo },
      ]);
      expect(grants[0]!.validTo).toBe(expectedValidTo);
    }
  });

  it.each<[string, AssignmentRecord['role'], AssignmentRecord['scope']]>([
    ['a global scope', 'admin', { kind: 'global' }],
    ['a unit scope', 'employee', { kind: 'unit', unitId: 'dep-hf-phil' }],
    ['a process scope', 'process_owner', { kind: 'process', processId: 'p-admissions' }],
  ])('keeps the role and %s of the assignment', (_label, role, scope) => {
    expect(grantsInForce(OTHER, [assignment({ id: 'as-9', role, scope })], [], TODAY)).toEqual([
      { role, scope, source: { kind: 'assignment', id: 'as-9' }, validTo: '2026-12-31' },
    ]);
  });

  it('returns only the assignments in force, each with its own source', () => {
    const grants = grantsInForce(
      OTHER,
      [
        assignment({ id: 'as-current', role: 'employee', scope: { kind: 'unit', unitId: 'dep-hf-phil' } }),
        assignment({ id: 'as-expired', validTo: YESTERDAY }),
        assignment({ id: 'as-future', validFrom: TOMORROW }),
        assignment({ id: 'as-ended', ended: true }),
        assignment({ id: 'as-open', role: 'admin', scope: { kind: 'global' }, validTo: null }),
      ],
      [],
      TODAY,
    );
    expect(grants.map((g) => g.source)).toEqual([
      { kind: 'assignment', id: 'as-current' },
      { kind: 'assignment', id: 'as-open' },
    ]);
  });

  it('gives no grants to a user with neither assignments nor mandates', () => {
    expect(grantsInForce(OTHER, [], [], TODAY)).toEqual([]);
  });
});

describe('grantsInForce: a mandate held', () => {
  const holderGrant = (overrides: Partial<Grant> = {}): Grant => ({
    role: 'process_responsible',
    scope: { kind: 'process', processId: 'p-admissions' },
    source: { kind: 'mandate', id: 'md-1' },
    validTo: '2026-06-30',
    ...overrides,
  });

  it.each<[string, Partial<MandateRecord>, Grant[]]>([
    ['in force today', {}, [holderGrant()]],
    ['starting today', { validFrom: TODAY }, [holderGrant()]],
    ['ending today (days are inclusive)', { validTo: TODAY }, [holderGrant({ validTo: TODAY })]],
    ['without a deputy', { deputyId: null }, [holderGrant()]],
    ['not yet started', { validFrom: TOMORROW }, []],
    ['expired yesterday', { validTo: YESTERDAY }, []],
    ['ended early although its dates cover today', { ended: true }, []],
  ])('gives the holder process_responsible in the process scope when %s', (_label, overrides, expected) => {
    expect(grantsInForce(HOLDER, [], [mandate(overrides)], TODAY)).toEqual(expected);
  });

  it('gives the process_responsible role for the mandate’s own process only', () => {
    const grants = grantsInForce(HOLDER, [], [mandate({ id: 'md-7', processId: 'p-procurement' })], TODAY);
    expect(grants).toEqual([holderGrant({ scope: { kind: 'process', processId: 'p-procurement' }, source: { kind: 'mandate', id: 'md-7' } })]);
  });

  it('gives nothing to a user who is neither holder nor deputy', () => {
    const absent = mandate({ absences: [{ id: 'ab-1', startsOn: '2026-03-01', endsOn: '2026-03-31' }] });
    expect(grantsInForce(OTHER, [], [mandate(), absent], TODAY)).toEqual([]);
  });

  it('gives the deputy nothing while the holder is present', () => {
    expect(grantsInForce(DEPUTY, [], [mandate()], TODAY)).toEqual([]);
  });

  it('combines assignments and mandates in force', () => {
    const grants = grantsInForce(HOLDER, [assignment({ role: 'employee', scope: { kind: 'unit', unitId: 'dep-hf-phil' } })], [mandate()], TODAY);
    expect(grants).toEqual([
      { role: 'employee', scope: { kind: 'unit', unitId: 'dep-hf-phil' }, source: { kind: 'assignment', id: 'as-1' }, validTo: '2026-12-31' },
      holderGrant(),
    ]);
  });
});

describe('grantsInForce: the deputy of a mandate', () => {
  // The holder is away 10–20 March; the mandate runs to the end of June.
  const absence = { id: 'ab-march', startsOn: '2026-03-10', endsOn: '2026-03-20' };
  const deputyGrant = (absenceId: string, validTo: string, mandateId = 'md-1'): Grant => ({
    role: 'process_responsible',
    scope: { kind: 'process', processId: 'p-admissions' },
    source: { kind: 'deputy', id: mandateId, absenceId },
    validTo,
  });

  it.each<[string, string, Grant[]]>([
    ['the day before the absence', '2026-03-09', []],
    ['the first day of the absence (inclusive)', '2026-03-10', [deputyGrant('ab-march', '2026-03-20')]],
    ['a day inside the absence', TODAY, [deputyGrant('ab-march', '2026-03-20')]],
    ['the last day of the absence (inclusive)', '2026-03-20', [deputyGrant('ab-march', '2026-03-20')]],
    ['the day after the absence', '2026-03-21', []],
  ])('on %s', (_label, day, expected) => {
    expect(grantsInForce(DEPUTY, [], [mandate({ absences: [absence] })], day)).toEqual(expected);
  });

  it('ends the grant with the mandate when the absence lasts beyond it (validTo = mandate end)', () => {
    const m = mandate({ validTo: '2026-03-18', absences: [{ id: 'ab-long', startsOn: '2026-03-10', endsOn: '2026-04-30' }] });
    expect(grantsInForce(DEPUTY, [], [m], TODAY)).toEqual([deputyGrant('ab-long', '2026-03-18')]);
  });

  it('ends the grant with the absence when the mandate lasts longer (validTo = absence end)', () => {
    const m = mandate({ validTo: '2026-03-31', absences: [absence] });
    expect(grantsInForce(DEPUTY, [], [m], TODAY)).toEqual([deputyGrant('ab-march', '2026-03-20')]);
  });

  it('uses the common last day when absence and mandate end together', () => {
    const m = mandate({ validTo: '2026-03-20', absences: [absence] });
    expect(grantsInForce(DEPUTY, [], [m], TODAY)).toEqual([deputyGrant('ab-march', '2026-03-20')]);
  });

  it('names the absence that covers today when the holder has several', () => {
    const m = mandate({
      absences: [
        { id: 'ab-feb', startsOn: '2026-02-01', endsOn: '2026-02-14' },
        { id: 'ab-march', startsOn: '2026-03-10', endsOn: '2026-03-20' },
        { id: 'ab-may', startsOn: '2026-05-01', endsOn: '2026-05-10' },
      ],
    });
    expect(grantsInForce(DEPUTY, [], [m], TODAY)).toEqual([deputyGrant('ab-march', '2026-03-20')]);
    expect(grantsInForce(DEPUTY, [], [m], '2026-05-01')).toEqual([deputyGrant('ab-may', '2026-05-10')]);
    expect(grantsInForce(DEPUTY, [], [m], '2026-04-01')).toEqual([]);
  });

  it.each<[string, Partial<MandateRecord>, string]>([
    ['the holder has no absence', { absences: [] }, TODAY],
    ['the mandate was ended, though an absence covers today', { ended: true, absences: [absence] }, TODAY],
    ['the mandate expired, though the absence goes on', { validTo: '2026-03-12', absences: [absence] }, TODAY],
    ['the mandate has not started, though an absence covers today', { validFrom: '2026-03-16', absences: [absence] }, TODAY],
    ['the user is not the deputy named on the mandate', { deputyId: OTHER, absences: [absence] }, TODAY],
    ['the mandate has no deputy', { deputyId: null, absences: [absence] }, TODAY],
  ])('gives the deputy nothing when %s', (_label, overrides, day) => {
    expect(grantsInForce(DEPUTY, [], [mandate(overrides)], day)).toEqual([]);
  });

  it('gives a user who holds one mandate and deputises for another both grants, each with its source', () => {
    const own = mandate({ id: 'md-own', processId: 'p-procurement', holderId: DEPUTY, deputyId: OTHER });
    const covered = mandate({ id: 'md-covered', absences: [absence] });
    expect(grantsInForce(DEPUTY, [], [own, covered], TODAY)).toEqual([
      { role: 'process_responsible', scope: { kind: 'process', processId: 'p-procurement' }, source: { kind: 'mandate', id: 'md-own' }, validTo: '2026-06-30' },
      deputyGrant('ab-march', '2026-03-20', 'md-covered'),
    ]);
  });

  it('gives a user who holds one mandate and deputises for a present holder only their own grant', () => {
    const own = mandate({ id: 'md-own', processId: 'p-procurement', holderId: DEPUTY, deputyId: OTHER });
    const covered = mandate({ id: 'md-covered' });
    expect(grantsInForce(DEPUTY, [], [own, covered], TODAY)).toEqual([
      { role: 'process_responsible', scope: { kind: 'process', processId: 'p-procurement' }, source: { kind: 'mandate', id: 'md-own' }, validTo: '2026-06-30' },
    ]);
  });
});
