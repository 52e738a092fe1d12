import { deviationUnexplained, measurementPoints, meetsTarget, pointComplete, shareOfTarget } from './measurements.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const PLAN = {
  benefits: [
    { id: A, measurementDates: ['2027-09-01', '2027-03-01'] },
    { id: B, measurementDates: ['2027-03-01', '2028-03-01'] },
    { id: C, measurementDates: ['2026-12-01'] },
  ],
};

// Hours spent falls from 120 to 60; applications handled per day rises from 40 to 50.
const FEWER_HOURS = { baseline: 120, target: 60 };
const MORE_CASES = { baseline: 40, target: 50 };

describe('the measurement dates of the plan', () => {
  it('lists each date once, earliest first, with the benefits measured on it', () => {
    expect(measurementPoints(PLAN)).toEqual([
      { dueOn: '2026-12-01', benefitIds: [C] },
      { dueOn: '2027-03-01', benefitIds: [A, B] },
      { dueOn: '2027-09-01', benefitIds: [A] },
      { dueOn: '2028-03-01', benefitIds: [B] },
    ]);
  });

  it('keeps only the dates after a given day (closure), not that day itself', () => {
    expect(measurementPoints(PLAN, '2027-03-01').map((p) => p.dueOn)).toEqual(['2027-09-01', '2028-03-01']);
    expect(measurementPoints(PLAN, '2028-03-01')).toEqual([]);
  });
});

describe('whether a value meets its target', () => {
  it('is met at or below a target below the baseline', () => {
    expect(meetsTarget(FEWER_HOURS, 60)).toBe(true);
    expect(meetsTarget(FEWER_HOURS, 45)).toBe(true);
    expect(meetsTarget(FEWER_HOURS, 61)).toBe(false);
  });

  it('is met at or above a target above the baseline', () => {
    expect(meetsTarget(MORE_CASES, 50)).toBe(true);
    expect(meetsTarget(MORE_CASES, 49.5)).toBe(false);
  });

  it('says how far a value has come from baseline to target, in either direction', () => {
    expect(shareOfTarget(FEWER_HOURS, 90)).toBe(0.5);
    expect(shareOfTarget(MORE_CASES, 55)).toBe(1.5);
    expect(shareOfTarget(MORE_CASES, 38)).toBe(-0.2);
  });
});

describe('a deviation', () => {
  it('needs an explanation when the value misses the target, and only then', () => {
    expect(deviationUnexplained(FEWER_HOURS, 80, undefined)).toBe(true);
    expect(deviationUnexplained(FEWER_HOURS, 80, '   ')).toBe(true);
    expect(deviationUnexplained(FEWER_HOURS, 80, 'Systemet ble innført for halve fakultetet')).toBe(false);
    expect(deviationUnexplained(FEWER_HOURS, 55, null)).toBe(false);
  });
});

describe('a measurement date is complete', () => {
  const point = { dueOn: '2027-03-01', benefitIds: [A, B] };

  it('when every benefit due then is measured for it, the one being recorded included', () => {
    expect(pointComplete(point, [{ benefitId: A, dueOn: '2027-03-01' }])).toBe(false);
    expect(pointComplete(point, [{ benefitId: A, dueOn: '2027-03-01' }], { benefitId: B })).toBe(true);
    expect(pointComplete(point, [], { benefitId: A })).toBe(false);
  });

  it('not by measurements that answer another date', () => {
    expect(pointComplete(point, [{ benefitId: A, dueOn: '2027-03-01' }, { benefitId: B, dueOn: '2026-12-01' }])).toBe(false);
  });
});
