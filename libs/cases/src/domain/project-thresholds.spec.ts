import { COST_BENEFIT_ASSESSMENT, type CostBenefitAssessment } from './cost-benefit.js';
import { formatNok, type ProjectThresholds, thresholdsCrossed } from './project-thresholds.js';

const UNIT = '11111111-1111-4111-8111-111111111111';
const POLICY: ProjectThresholds = { maxMonths: 6, maxCostNok: 1_500_000 };

/** A small measure: 600 kNOK to build and 100 kNOK a year over 5 years (1.1 MNOK in all), 4 months, within the unit. */
function small(overrides: Partial<CostBenefitAssessment> = {}): CostBenefitAssessment {
  return COST_BENEFIT_ASSESSMENT.parse({
    values: [{ description: 'Spart tid', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 300_000 }],
    costs: { oneOff: [{ description: 'Innføring', amountNok: 600_000 }], yearly: [{ description: 'Drift', amountNok: 100_000 }] },
    costShifts: [],
    contributors: [{ name: 'Knut Olsen', level: 'unit' }],
    horizonYears: 5,
    durationMonths: 4,
    needsResourcesOutsideUnit: false,
    ...overrides,
  });
}

const codes = (a: CostBenefitAssessment | null, t: ProjectThresholds = POLICY) => thresholdsCrossed(a, t).map((c) => c.code);

describe('the thresholds for a local improvement (thresholdsCrossed)', () => {
  it('crosses nothing for a small measure, nor for a case with no assessment yet', () => {
    expect(thresholdsCrossed(small(), POLICY)).toEqual([]);
    expect(thresholdsCrossed(null, POLICY)).toEqual([]);
  });

  it('crosses the duration when the measure runs longer than the months configured, not when it runs exactly that long', () => {
    expect(thresholdsCrossed(small({ durationMonths: 9 }), POLICY)).toEqual([{ code: 'duration', text: 'it runs for 9 months, longer than 6' }]);
    expect(thresholdsCrossed(small({ durationMonths: 6.5 }), POLICY)).toEqual([{ code: 'duration', text: 'it runs for 6.5 months, longer than 6' }]);
    expect(codes(small({ durationMonths: 6 }))).toEqual([]);
    expect(codes(small({ durationMonths: 9 }), { ...POLICY, maxMonths: 12 })).toEqual([]);
  });

  it('crosses the resources outside the unit when the measure needs them, and only then', () => {
    expect(thresholdsCrossed(small({ needsResourcesOutsideUnit: true }), POLICY)).toEqual([
      { code: 'outsideResources', text: "it needs resources outside the unit's ordinary structure" },
    ]);
    expect(codes(small({ needsResourcesOutsideUnit: false }))).toEqual([]);
  });

  it('crosses the cost when the measure’s own costs over its horizon, undiscounted, are more than the amount configured', () => {
    // 1 400 000 to build and 200 000 a year for 5 years: 2 400 000.
    const dear = small({ costs: { oneOff: [{ description: 'Innføring', amountNok: 1_400_000, year: 0 }], yearly: [{ description: 'Drift', amountNok: 200_000, firstYear: 1 }] } });
    expect(thresholdsCrossed(dear, POLICY)).toEqual([{ code: 'cost', text: 'it costs NOK 2 400 000 in all, more than NOK 1 500 000' }]);
    expect(codes(dear, { ...POLICY, maxCostNok: 2_400_000 })).toEqual([]);
    expect(thresholdsCrossed(small(), { ...POLICY, maxCostNok: 1_000_000 })).toEqual([{ code: 'cost', text: 'it costs NOK 1 100 000 in all, more than NOK 1 000 000' }]);
  });

  it('counts the costs as the figures do: yearly costs from their first year, one-off costs within the horizon', () => {
    const staged = small({
      costs: {
        oneOff: [
          { description: 'Forprosjekt', amountNok: 500_000, year: 0 },
          { description: 'Oppgradering etter horisonten', amountNok: 5_000_000, year: 6 },
        ],
        yearly: [{ description: 'Lisens', amountNok: 300_000, firstYear: 3 }],
      },
    });
    // 500 000 + 300 000 × 3 (years 3, 4 and 5) = 1 400 000; the upgrade in year 6 is past the horizon.
    expect(codes(staged)).toEqual([]);
    expect(thresholdsCrossed(staged, { ...POLICY, maxCostNok: 1_300_000 })[0]!.text).toBe('it costs NOK 1 400 000 in all, more than NOK 1 300 000');
  });

  it('leaves the costs moved to other units out of the cost: they cross a threshold of their own', () => {
    const shifted = small({ costShifts: [{ unitId: UNIT, description: 'HR kontrollerer', yearlyCostNok: 500_000, yearlyHours: null }] });
    expect(thresholdsCrossed(shifted, POLICY)).toEqual([{ code: 'costShifts', text: 'it moves costs or work to other units' }]);
  });

  it('crosses the cost shifts for work alone, with no kroner', () => {
    expect(codes(small({ costShifts: [{ unitId: UNIT, description: 'Merarbeid', yearlyCostNok: null, yearlyHours: 40 }] }))).toEqual(['costShifts']);
  });

  it('names every threshold crossed, in the policy’s order', () => {
    const large = small({
      durationMonths: 18,
      needsResourcesOutsideUnit: true,
      costs: { oneOff: [{ description: 'Innføring', amountNok: 3_000_000, year: 0 }], yearly: [] },
      costShifts: [{ unitId: UNIT, description: 'Merarbeid', yearlyCostNok: null, yearlyHours: 40 }],
    });
    expect(codes(large)).toEqual(['outsideResources', 'duration', 'cost', 'costShifts']);
  });

  it('lets what is not known yet cross nothing: no duration, no answer on resources or cost shifts, no costs', () => {
    const unknown = COST_BENEFIT_ASSESSMENT.parse({});
    expect(thresholdsCrossed(unknown, POLICY)).toEqual([]);
    expect(codes(small({ durationMonths: null, needsResourcesOutsideUnit: null, costShifts: null, costs: null }))).toEqual([]);
  });

  it('reads an assessment stored before the duration and the resources were asked', () => {
    const { durationMonths: _d, needsResourcesOutsideUnit: _n, ...stored } = small({ costShifts: [] });
    expect(thresholdsCrossed(stored as CostBenefitAssessment, POLICY)).toEqual([]);
  });

  it('without a horizon counts what every horizon counts (years 0 and 1), and crosses when that alone is more', () => {
    const early = small({ horizonYears: null, costs: { oneOff: [{ description: 'Innføring', amountNok: 1_450_000, year: 0 }], yearly: [{ description: 'Drift', amountNok: 100_000, firstYear: 1 }] } });
    expect(thresholdsCrossed(early, POLICY)).toEqual([
      { code: 'cost', text: 'it costs at least NOK 1 550 000 (its horizon is not stated yet), more than NOK 1 500 000' },
    ]);
    expect(codes(small({ horizonYears: null }))).toEqual([]);
  });
});

describe('formatNok', () => {
  it('writes whole kroner with a space between thousands', () => {
    expect(formatNok(1_500_000)).toBe('NOK 1 500 000');
    expect(formatNok(999)).toBe('NOK 999');
    expect(formatNok(1234.6)).toBe('NOK 1 235');
    expect(formatNok(0)).toBe('NOK 0');
  });
});
