import { COST_BENEFIT_ASSESSMENT, type CostBenefitAssessment, costBenefitComplete, costBenefitFigures, costBenefitMissing, storedAssessment } from './cost-benefit.js';

const UNIT = '11111111-1111-4111-8111-111111111111';

/** A digital signing service: 1 MNOK to build, 400 kNOK saved a year, 100 kNOK a year to run, over 5 years. */
function signing(overrides: Partial<CostBenefitAssessment> = {}): CostBenefitAssessment {
  return COST_BENEFIT_ASSESSMENT.parse({
    values: [
      { description: 'Mindre manuell håndtering av kontrakter', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 400_000, yearlyHours: 800 },
      { description: 'Færre feil i arbeidsavtaler', nature: 'indirect', kind: 'quality', priced: false },
    ],
    costs: { oneOff: [{ description: 'Innføring', amountNok: 1_000_000 }], yearly: [{ description: 'Lisens og drift', amountNok: 100_000 }] },
    costShifts: [],
    contributors: [{ name: 'Knut Olsen', level: 'unit' }],
    horizonYears: 5,
    durationMonths: 4,
    needsResourcesOutsideUnit: false,
    ...overrides,
  });
}

describe('cost-benefit figures', () => {
  it('discounts the net flows at the real rate: −1 000 000 now, then 300 000 a year for 5 years at 4 %', () => {
    const figures = costBenefitFigures(signing(), 0.04)!;
    expect(figures.cashFlows.map((f) => f.netNok)).toEqual([-1_000_000, 300_000, 300_000, 300_000, 300_000, 300_000]);
    // 300 000 × (1 − 1.04⁻⁵) / 0.04 = 300 000 × 4.451822 = 1 335 546.68
    expect(figures.presentValueBenefitsNok).toBeCloseTo(400_000 * 4.4518223, 0);
    expect(figures.presentValueCostsNok).toBeCloseTo(1_000_000 + 100_000 * 4.4518223, 0);
    expect(figures.netPresentValueNok).toBeCloseTo(335_546.68, 1);
    // 1 000 000 / 300 000 a year
    expect(figures.paybackYears).toBeCloseTo(3.33, 2);
    expect(figures.unpricedValues).toBe(1);
  });

  it('gives the undiscounted sum at a rate of 0', () => {
    expect(costBenefitFigures(signing(), 0)!.netPresentValueNok).toBe(500_000);
  });

  it('counts the cost moved to another unit as a cost to the university', () => {
    const shifted = signing({ costShifts: [{ unitId: UNIT, description: 'HR må kontrollere signaturer', yearlyCostNok: 50_000, yearlyHours: 100 }] });
    const figures = costBenefitFigures(shifted, 0.04)!;
    expect(figures.cashFlows[1]).toEqual({ year: 1, benefitsNok: 400_000, costsNok: 150_000, netNok: 250_000 });
    // 250 000 × 4.451822 − 1 000 000
    expect(figures.netPresentValueNok).toBeCloseTo(112_955.57, 1);
    expect(figures.paybackYears).toBe(4);
  });

  it('starts values and yearly costs in their first year and puts one-off costs in their year', () => {
    const staged = signing({
      values: [{ description: 'Gevinst fra år 2', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 500_000, yearlyHours: null, firstYear: 2 }],
      costs: {
        oneOff: [
          { description: 'Forprosjekt', amountNok: 200_000, year: 0 },
          { description: 'Oppgradering', amountNok: 300_000, year: 3 },
        ],
        yearly: [],
      },
      horizonYears: 4,
    });
    const figures = costBenefitFigures(staged, 0.04)!;
    expect(figures.cashFlows.map((f) => f.netNok)).toEqual([-200_000, 0, 500_000, 200_000, 500_000]);
    // cumulative −200 000, −200 000, 300 000: paid back 0.4 into year 2
    expect(figures.paybackYears).toBe(1.4);
  });

  it('has no payback when the cumulative flow is still negative at the horizon', () => {
    const figures = costBenefitFigures(signing({ horizonYears: 3 }), 0.04)!;
    expect(figures.cashFlows.at(-1)!.year).toBe(3);
    expect(figures.paybackYears).toBeNull();
    expect(figures.netPresentValueNok).toBeLessThan(0);
  });

  it('pays back at once when nothing has to be spent first', () => {
    const free = signing({ costs: { oneOff: [], yearly: [{ description: 'Drift', amountNok: 10_000, firstYear: 1 }] } });
    expect(costBenefitFigures(free, 0.04)!.paybackYears).toBe(0);
  });

  it('cannot compute anything before the horizon is stated', () => {
    expect(costBenefitFigures(signing({ horizonYears: null }), 0.04)).toBeNull();
    expect(costBenefitFigures(null, 0.04)).toBeNull();
  });
});

describe('cost-benefit completeness (what PROPOSE_TO_PROGRAMME needs)', () => {
  it('is complete with a value, costs, an explicit answer on cost shifts (even none), a contributor, a horizon, a duration and an answer on resources', () => {
    expect(costBenefitMissing(signing())).toEqual([]);
    expect(costBenefitComplete(signing())).toBe(true);
  });

  it('names everything still missing', () => {
    expect(costBenefitMissing(null)).toEqual(['the cost-benefit assessment']);
    expect(costBenefitMissing(COST_BENEFIT_ASSESSMENT.parse({}))).toEqual([
      'at least one value',
      'the costs',
      'whether costs or work move to other units',
      'who contributed',
      'the horizon in years',
      'how long the measure runs, in months',
      "whether it needs people or money beyond the unit's ordinary structure",
    ]);
  });

  it('asks how long the measure runs and whether it needs resources outside the unit: "no" is an answer, not answering is not', () => {
    expect(costBenefitMissing(signing({ durationMonths: null }))).toEqual(['how long the measure runs, in months']);
    expect(costBenefitMissing(signing({ needsResourcesOutsideUnit: null }))).toEqual(["whether it needs people or money beyond the unit's ordinary structure"]);
    expect(costBenefitComplete(signing({ durationMonths: 0, needsResourcesOutsideUnit: false }))).toBe(true);
    expect(costBenefitComplete(signing({ durationMonths: 24, needsResourcesOutsideUnit: true }))).toBe(true);
  });

  it('reads an assessment stored before the duration and the resources were asked as not answered yet', () => {
    const { durationMonths: _d, needsResourcesOutsideUnit: _n, ...before } = signing();
    const read = storedAssessment(JSON.parse(JSON.stringify(before)));
    expect(read).toEqual({ ...before, durationMonths: null, needsResourcesOutsideUnit: null });
    expect(COST_BENEFIT_ASSESSMENT.parse(before)).toEqual(read);
    expect(costBenefitMissing(read)).toEqual(['how long the measure runs, in months', "whether it needs people or money beyond the unit's ordinary structure"]);
    expect(storedAssessment(null)).toBeNull();
  });

  it('does not take an unanswered question about cost shifts for "none"', () => {
    expect(costBenefitComplete(signing({ costShifts: null }))).toBe(false);
    expect(costBenefitComplete(signing({ costShifts: [] }))).toBe(true);
  });

  it('needs costs in kroner: a measure whose every cost is 0 NOK has not been costed', () => {
    const free = { oneOff: [{ description: 'Innføring', amountNok: 0, year: 0 }], yearly: [{ description: 'Drift', amountNok: 0, firstYear: 1 }] };
    expect(costBenefitMissing(signing({ costs: free }))).toEqual(['the costs in kroner (every cost is 0 NOK)']);
    expect(costBenefitMissing(signing({ costs: { ...free, yearly: [{ description: 'Drift', amountNok: 5_000, firstYear: 1 }] } }))).toEqual([]);
  });

  it('needs at least one cost line once costs are stated', () => {
    expect(costBenefitMissing(signing({ costs: { oneOff: [], yearly: [] } }))).toEqual(['the costs']);
  });
});

describe('cost-benefit input', () => {
  it('refuses a priced value without an amount and an unpriced one with an amount', () => {
    const result = COST_BENEFIT_ASSESSMENT.safeParse({
      values: [
        { description: 'A', nature: 'direct', kind: 'efficiency', priced: true },
        { description: 'B', nature: 'indirect', kind: 'gainsForOthers', priced: false, yearlyAmountNok: 10 },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['values.0.yearlyAmountNok', 'values.1.yearlyAmountNok']);
  });

  it('refuses a cost shift that says neither what it costs nor how many hours it takes', () => {
    const result = COST_BENEFIT_ASSESSMENT.safeParse({ costShifts: [{ unitId: UNIT, description: 'Merarbeid' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/yearly cost, the yearly hours/);
  });

  it('refuses a negative duration, one over 600 months, and an answer on resources that is no yes or no', () => {
    const result = COST_BENEFIT_ASSESSMENT.safeParse({ durationMonths: -1, needsResourcesOutsideUnit: 'ja' });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['durationMonths', 'needsResourcesOutsideUnit']);
    expect(COST_BENEFIT_ASSESSMENT.safeParse({ durationMonths: 601 }).success).toBe(false);
    expect(COST_BENEFIT_ASSESSMENT.parse({ durationMonths: 7.5 }).durationMonths).toBe(7.5);
  });

  it('refuses negative amounts, unknown levels and a horizon over 30 years', () => {
    const result = COST_BENEFIT_ASSESSMENT.safeParse({
      costs: { oneOff: [{ description: 'X', amountNok: -1 }] },
      contributors: [{ name: 'Y', level: 'department' }],
      horizonYears: 31,
    });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['contributors.0.level', 'costs.oneOff.0.amountNok', 'horizonYears']);
  });
});
