import type { CostBenefitAssessment } from '#flyt/cases';

/**
 * What a case costs the programme in each year of a round's budget frame, from its cost-benefit
 * assessment (docs/priority-rounds.md, "Costs per year"). The assessment counts years from the
 * measure's start: year 0 holds the one-off costs due before the values start, yearly costs run
 * from their first year. A round for the development plan of `planYear` puts year 0 in that year.
 * Costs moved to other units are theirs, not the programme's, and years outside the frame are
 * left out: the frame is what the programme may spend.
 */
export function costByYearOf(assessment: CostBenefitAssessment | null, planYear: number, frameYears: readonly number[]): Record<number, number> {
  const costs: Record<number, number> = Object.fromEntries(frameYears.map((year) => [year, 0]));
  if (!assessment?.costs) return costs;
  for (const year of frameYears) {
    const offset = year - planYear;
    if (offset < 0) continue;
    let amount = 0;
    for (const cost of assessment.costs.oneOff) if (cost.year === offset) amount += cost.amountNok;
    if (offset >= 1) for (const cost of assessment.costs.yearly) if (cost.firstYear <= offset) amount += cost.amountNok;
    costs[year] = Math.round(amount);
  }
  return costs;
}
