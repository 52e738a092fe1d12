import type { MeasurementPoint } from '#workflows/project/project.events';
import type { Benefit } from './artefacts.js';

/**
 * The rules of benefits follow-up after closure (docs/projects.md, "Benefits follow-up"): which
 * days the benefit owners report on, when a value meets its target, when a deviation needs an
 * explanation, and when a measurement date is done.
 */

export type { MeasurementPoint };

/**
 * The plan's measurement dates, each once, earliest first, with the benefits measured on it (in the
 * plan's order). With `after` (YYYY-MM-DD), only the dates after that day: at BP5 the follow-up
 * takes the dates after closure.
 */
export function measurementPoints(plan: { benefits: readonly Pick<Benefit, 'id' | 'measurementDates'>[] }, after?: string): MeasurementPoint[] {
  const byDate = new Map<string, string[]>();
  for (const benefit of plan.benefits) {
    for (const dueOn of new Set(benefit.measurementDates)) {
      if (after !== undefined && dueOn <= after) continue;
      const ids = byDate.get(dueOn) ?? [];
      ids.push(benefit.id);
      byDate.set(dueOn, ids);
    }
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([dueOn, benefitIds]) => ({ dueOn, benefitIds }));
}

type Goal = Pick<Benefit, 'baseline' | 'target'>;

/**
 * Whether a measured value meets the benefit's target. The direction comes from the plan: a target
 * above the baseline is met at or above it (more cases per day), one below at or below it (fewer
 * hours spent).
 */
export function meetsTarget(benefit: Goal, value: number): boolean {
  return benefit.target >= benefit.baseline ? value >= benefit.target : value <= benefit.target;
}

/**
 * How far a value has come from the baseline towards the target: 0 at the baseline, 1 at the
 * target, above 1 beyond it, below 0 when it went the wrong way. Unbounded; reports cap it where
 * they turn it into kroner.
 */
export function shareOfTarget(benefit: Goal, value: number): number {
  const span = benefit.target - benefit.baseline;
  if (span === 0) return value === benefit.target ? 1 : 0;
  return (value - benefit.baseline) / span;
}

/** A value that misses the target needs an explanation of the deviation; this one has none. */
export function deviationUnexplained(benefit: Goal, value: number, explanation: string | null | undefined): boolean {
  return !meetsTarget(benefit, value) && (explanation ?? '').trim() === '';
}

/** A measurement as the follow-up keeps it: which benefit, and which measurement date it answers. */
export interface RecordedMeasurement {
  benefitId: string;
  dueOn: string;
}

/**
 * Whether every benefit due at `point` has a measurement for it, counting `plusOne` (the
 * measurement about to be recorded for this point) if given. Measurements for other dates do not
 * count: a benefit measured in spring is measured again in autumn.
 */
export function pointComplete(point: MeasurementPoint, measurements: readonly RecordedMeasurement[], plusOne: { benefitId: string } | null = null): boolean {
  const measured = new Set(measurements.filter((m) => m.dueOn === point.dueOn).map((m) => m.benefitId));
  if (plusOne) measured.add(plusOne.benefitId);
  return point.benefitIds.every((id) => measured.has(id));
}
