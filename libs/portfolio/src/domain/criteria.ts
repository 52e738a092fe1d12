import { type FieldError, InputInvalid } from '#flyt/kernel';

/** A criterion the programme council scores every case on, 0–5. */
export interface Criterion {
  readonly key: string;
  readonly label: { readonly nb: string; readonly en: string };
}

/** Weight per criterion key. Non-negative, not all zero; only their ratios matter. */
export type CriterionWeights = Readonly<Record<string, number>>;

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'userValue', label: { nb: 'Brukerverdi', en: 'User value' } },
  { key: 'resourceSavings', label: { nb: 'Ressursbesparelse', en: 'Resource savings' } },
  { key: 'quality', label: { nb: 'Kvalitet', en: 'Quality' } },
  { key: 'strategicFit', label: { nb: 'Strategisk treff (mål 1–12)', en: 'Strategic fit (goals 1–12)' } },
  { key: 'riskAndFeasibility', label: { nb: 'Risiko og gjennomførbarhet', en: 'Risk and feasibility' } },
];

export const MIN_SCORE = 0;
export const MAX_SCORE = 5;

/** Every criterion weighs the same. */
export function equalWeights(criteria: readonly Criterion[]): CriterionWeights {
  return Object.fromEntries(criteria.map((c) => [c.key, 1]));
}

/**
 * The weights scaled to sum to 1, in the order of the criteria. Refuses a negative or
 * non-finite weight, a weight for a criterion the round does not have, a criterion without a
 * weight, and weights that are all zero.
 */
export function normaliseWeights(criteria: readonly Criterion[], weights: CriterionWeights): Map<string, number> {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  for (const [index, criterion] of criteria.entries()) {
    if (keys.has(criterion.key)) errors.push({ field: `criteria[${index}].key`, reason: `criterion ${criterion.key} appears twice` });
    keys.add(criterion.key);
  }
  if (criteria.length === 0) errors.push({ field: 'criteria', reason: 'a priority round needs at least one criterion' });
  for (const key of Object.keys(weights)) {
    if (!keys.has(key)) errors.push({ field: `weights.${key}`, reason: `unknown criterion ${key}; the criteria are ${[...keys].join(', ')}` });
  }
  let sum = 0;
  for (const { key } of criteria) {
    const weight = weights[key];
    if (weight === undefined) errors.push({ field: `weights.${key}`, reason: 'missing: every criterion needs a weight' });
    else if (!Number.isFinite(weight) || weight < 0) errors.push({ field: `weights.${key}`, reason: `must be a non-negative number, was ${weight}` });
    else sum += weight;
  }
  if (errors.length === 0 && sum === 0) errors.push({ field: 'weights', reason: 'the weights are all zero; at least one criterion must count' });
  if (errors.length > 0) throw new InputInvalid(errors);
  return new Map(criteria.map(({ key }) => [key, weights[key]! / sum]));
}
