import { type CostBenefitAssessment, costBenefitFigures } from './cost-benefit.js';

/**
 * The policy's test of what is larger than local (docs/domain.md, "Larger than local"), as the
 * configuration gives it (LOCAL_IMPROVEMENT_MAX_MONTHS, LOCAL_IMPROVEMENT_MAX_COST_NOK). A case that
 * crosses a threshold cannot stay a local improvement; a project that crosses one is large, so the
 * programme council and the rector decide its gates (docs/projects.md).
 */
export interface ProjectThresholds {
  /** The longest a local improvement may run, in months. */
  maxMonths: number;
  /** The most a local improvement may cost in all, in kroner. */
  maxCostNok: number;
}

export const THRESHOLD_CODES = ['outsideResources', 'duration', 'cost', 'costShifts'] as const;
export type ThresholdCode = (typeof THRESHOLD_CODES)[number];

export interface ThresholdCrossed {
  code: ThresholdCode;
  /** In words a user knows: "it runs for 9 months, longer than 6". */
  text: string;
}

/** Whole kroner with a space between thousands, as Norwegian figures are written: NOK 2 400 000. */
export function formatNok(amount: number): string {
  const whole = Math.round(amount);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `NOK ${whole < 0 ? '-' : ''}${digits}`;
}

const months = (n: number) => `${Number.isInteger(n) ? n : Math.round(n * 10) / 10} month${n === 1 ? '' : 's'}`;

/** Every cost the measure itself has in the years counted, undiscounted, as costBenefitFigures counts them. */
function totalCostNok(assessment: CostBenefitAssessment, horizonYears: number): number {
  // Costs moved to other units are a threshold of their own: counting them here as well would name one cost twice.
  const figures = costBenefitFigures({ ...assessment, costShifts: [], horizonYears }, 0);
  return figures ? figures.cashFlows.reduce((sum, flow) => sum + flow.costsNok, 0) : 0;
}

/**
 * The thresholds the case's assessment crosses, in the order the policy names them. What is not
 * known yet crosses nothing: a duration not estimated, a question not answered. The cost is the
 * measure's own costs over its horizon, undiscounted (one-off costs and yearly costs, as the
 * figures count them; costs moved to other units are the last threshold, not part of this one).
 * Without a horizon only what any horizon counts is known: the costs of year 0 and year 1; when
 * those alone are more than the threshold, it is crossed.
 */
export function thresholdsCrossed(assessment: CostBenefitAssessment | null, thresholds: ProjectThresholds): ThresholdCrossed[] {
  if (!assessment) return [];
  const crossed: ThresholdCrossed[] = [];
  if (assessment.needsResourcesOutsideUnit === true) {
    crossed.push({ code: 'outsideResources', text: "it needs resources outside the unit's ordinary structure" });
  }
  const duration = assessment.durationMonths ?? null;
  if (duration !== null && duration > thresholds.maxMonths) {
    crossed.push({ code: 'duration', text: `it runs for ${months(duration)}, longer than ${thresholds.maxMonths}` });
  }
  if (assessment.costs) {
    const horizon = assessment.horizonYears;
    const cost = totalCostNok(assessment, horizon ?? 1);
    if (cost > thresholds.maxCostNok) {
      crossed.push({
        code: 'cost',
        text:
          horizon === null
            ? `it costs at least ${formatNok(cost)} (its horizon is not stated yet), more than ${formatNok(thresholds.maxCostNok)}`
            : `it costs ${formatNok(cost)} in all, more than ${formatNok(thresholds.maxCostNok)}`,
      });
    }
  }
  if ((assessment.costShifts ?? []).length > 0) crossed.push({ code: 'costShifts', text: 'it moves costs or work to other units' });
  return crossed;
}
