import { type CostBenefitAssessment, type CostBenefitFigures, costBenefitFigures } from '#flyt/cases';

/**
 * What a gate decision keeps of the case's cost-benefit assessment (docs/projects.md, "Gate
 * decisions"): net present value and payback recomputed from the estimates as they stand at the
 * decision, and the costs the project moves to other units, each named. Stored with the decision
 * (project_gate_decision.figures and .cost_shifts), so later estimates never rewrite it.
 */

export interface GateCostShift {
  unitId: string;
  /** The unit's name at the decision; null when the unit is no longer known. */
  unitName: string | null;
  yearlyCostNok: number | null;
  yearlyHours: number | null;
  description: string;
}

export interface GateFigureTotals {
  /** All costs over the horizon, undiscounted: one-off, yearly and those moved to other units. */
  costsNok: number;
  /** All priced benefits over the horizon, undiscounted. */
  benefitsNok: number;
  /** What other units bear each year, in kroner and in hours. */
  costShiftYearlyNok: number;
  costShiftYearlyHours: number;
  /** How many units bear a cost or work. */
  unitsBearingCosts: number;
}

export interface GateFigures {
  /** Null when the assessment has no horizon yet (or there is none). */
  figures: CostBenefitFigures | null;
  /** Every cost shift as entered, by unit name. */
  costShifts: GateCostShift[];
  /** The same, added up per unit (a unit may bear several). */
  byUnit: GateUnitCost[];
  totals: GateFigureTotals;
}

export interface GateUnitCost {
  unitId: string;
  unitName: string | null;
  yearlyCostNok: number;
  yearlyHours: number;
  shifts: number;
}

export function gateFigures(assessment: CostBenefitAssessment | null, discountRate: number, units: ReadonlyMap<string, string>): GateFigures {
  const figures = costBenefitFigures(assessment, discountRate);
  const costShifts: GateCostShift[] = (assessment?.costShifts ?? []).map((shift) => ({
    unitId: shift.unitId,
    unitName: units.get(shift.unitId) ?? null,
    yearlyCostNok: shift.yearlyCostNok,
    yearlyHours: shift.yearlyHours,
    description: shift.description,
  }));
  costShifts.sort((a, b) => (a.unitName ?? '\uffff').localeCompare(b.unitName ?? '\uffff', 'nb') || a.unitId.localeCompare(b.unitId) || a.description.localeCompare(b.description, 'nb'));
  const byUnit = new Map<string, GateUnitCost>();
  for (const s of costShifts) {
    const unit = byUnit.get(s.unitId) ?? { unitId: s.unitId, unitName: s.unitName, yearlyCostNok: 0, yearlyHours: 0, shifts: 0 };
    unit.yearlyCostNok += s.yearlyCostNok ?? 0;
    unit.yearlyHours += s.yearlyHours ?? 0;
    unit.shifts += 1;
    byUnit.set(s.unitId, unit);
  }
  return {
    figures,
    costShifts,
    byUnit: [...byUnit.values()],
    totals: {
      costsNok: figures ? figures.cashFlows.reduce((sum, flow) => sum + flow.costsNok, 0) : 0,
      benefitsNok: figures ? figures.cashFlows.reduce((sum, flow) => sum + flow.benefitsNok, 0) : 0,
      costShiftYearlyNok: costShifts.reduce((sum, s) => sum + (s.yearlyCostNok ?? 0), 0),
      costShiftYearlyHours: costShifts.reduce((sum, s) => sum + (s.yearlyHours ?? 0), 0),
      unitsBearingCosts: byUnit.size,
    },
  };
}
