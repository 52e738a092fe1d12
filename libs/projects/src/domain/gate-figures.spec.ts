import type { CostBenefitAssessment } from '#flyt/cases';
import { gateFigures } from './gate-figures.js';

const ADMISSIONS = '44444444-4444-4444-8444-444444444444';
const LIBRARY = '55555555-5555-4555-8555-555555555555';
const GONE = '66666666-6666-4666-8666-666666666666';
const UNITS = new Map([
  [ADMISSIONS, 'Opptakskontoret'],
  [LIBRARY, 'Biblioteket'],
]);

const ASSESSMENT: CostBenefitAssessment = {
  values: [
    { description: 'Spart saksbehandlingstid', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 400_000, yearlyHours: 800, firstYear: 1 },
    { description: 'Bedre studentopplevelse', nature: 'indirect', kind: 'quality', priced: false, yearlyAmountNok: null, yearlyHours: null, firstYear: 1 },
  ],
  costs: { oneOff: [{ description: 'Anskaffelse', amountNok: 500_000, year: 0 }], yearly: [{ description: 'Lisens', amountNok: 100_000, firstYear: 1 }] },
  costShifts: [
    { unitId: ADMISSIONS, description: 'Kontroll av vedlegg', yearlyCostNok: 50_000, yearlyHours: 100 },
    { unitId: LIBRARY, description: 'Veiledning i nytt system', yearlyCostNok: null, yearlyHours: 200 },
    { unitId: ADMISSIONS, description: 'Brukerstøtte', yearlyCostNok: 20_000, yearlyHours: null },
  ],
  contributors: [{ name: 'Kari Nordmann', userId: null, level: 'unit', unitId: null }],
  horizonYears: 5,
  durationMonths: null,
  needsResourcesOutsideUnit: null,
};

describe('the figures a gate decision keeps', () => {
  it('recomputes net present value and payback from the current estimates, counting the costs moved to other units', () => {
    const { figures, totals } = gateFigures(ASSESSMENT, 0.04, UNITS);
    // Each year from the first: 400 000 in, 100 000 licence and 70 000 moved to other units out.
    expect(figures).toMatchObject({ discountRate: 0.04, horizonYears: 5, netPresentValueNok: 523_919.14, paybackYears: 2.17, unpricedValues: 1 });
    expect(figures!.cashFlows[1]).toEqual({ year: 1, benefitsNok: 400_000, costsNok: 170_000, netNok: 230_000 });
    expect(totals).toEqual({ costsNok: 1_350_000, benefitsNok: 2_000_000, costShiftYearlyNok: 70_000, costShiftYearlyHours: 300, unitsBearingCosts: 2 });
  });

  it('shows every cost shift with the name of the unit that bears it, and the sum per unit', () => {
    const { costShifts, byUnit } = gateFigures(ASSESSMENT, 0.04, UNITS);
    expect(costShifts.map((s) => [s.unitName, s.description, s.yearlyCostNok, s.yearlyHours])).toEqual([
      ['Biblioteket', 'Veiledning i nytt system', null, 200],
      ['Opptakskontoret', 'Brukerstøtte', 20_000, null],
      ['Opptakskontoret', 'Kontroll av vedlegg', 50_000, 100],
    ]);
    expect(byUnit).toEqual([
      { unitId: LIBRARY, unitName: 'Biblioteket', yearlyCostNok: 0, yearlyHours: 200, shifts: 1 },
      { unitId: ADMISSIONS, unitName: 'Opptakskontoret', yearlyCostNok: 70_000, yearlyHours: 100, shifts: 2 },
    ]);
  });

  it('keeps a shift to a unit it no longer knows, without a name, last', () => {
    const { costShifts } = gateFigures({ ...ASSESSMENT, costShifts: [{ unitId: GONE, description: 'Arkiv', yearlyCostNok: 1_000, yearlyHours: null }, ...ASSESSMENT.costShifts!] }, 0.04, UNITS);
    expect(costShifts.at(-1)).toEqual({ unitId: GONE, unitName: null, yearlyCostNok: 1_000, yearlyHours: null, description: 'Arkiv' });
  });

  it('has no figures without an assessment or before its horizon is set, and nothing moved', () => {
    expect(gateFigures(null, 0.04, UNITS)).toEqual({
      figures: null,
      costShifts: [],
      byUnit: [],
      totals: { costsNok: 0, benefitsNok: 0, costShiftYearlyNok: 0, costShiftYearlyHours: 0, unitsBearingCosts: 0 },
    });
    const unfinished = gateFigures({ ...ASSESSMENT, horizonYears: null }, 0.04, UNITS);
    expect(unfinished.figures).toBeNull();
    expect(unfinished.totals.costShiftYearlyNok).toBe(70_000);
  });
});
