/** The policy's strategic goals for digitalisation and process development, numbered 1–12 (their words are in the locale files). */
export const STRATEGIC_GOALS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export const ESTIMATED_SIZES = ['small', 'medium', 'large'] as const;

export type Answer = '' | 'yes' | 'no' | 'unknown';

/** What the person has written and chosen, before it becomes the body of POST /api/cases. */
export interface ReportForm {
  processId: string;
  reportingUnitId: string;
  title: string;
  problem: string;
  expectedBenefits: string;
  description: string;
  significantItComponent: Answer;
  strategicGoals: number[];
  estimatedSize: '' | 'unknown' | (typeof ESTIMATED_SIZES)[number];
}

export const EMPTY_REPORT: ReportForm = {
  processId: '',
  reportingUnitId: '',
  title: '',
  problem: '',
  expectedBenefits: '',
  description: '',
  significantItComponent: '',
  strategicGoals: [],
  estimatedSize: '',
};

/** The fields of the form in the order it shows them: the error summary lists them so. */
export const REPORT_FIELDS: readonly (keyof ReportForm)[] = [
  'processId',
  'reportingUnitId',
  'title',
  'problem',
  'expectedBenefits',
  'description',
  'significantItComponent',
  'strategicGoals',
  'estimatedSize',
];

/**
 * The body of POST /api/cases (CreateCase). Nothing is checked here: the API says what is
 * missing or wrong, field by field, so the rules live in one place. A choice not made is sent as
 * the API's "not known yet" (null); an unchosen process or unit is left out, and the API names it.
 */
export function createBody(form: ReportForm): Record<string, unknown> {
  const answer = { yes: true, no: false, unknown: null, '': null }[form.significantItComponent];
  return {
    ...(form.processId ? { processId: form.processId } : {}),
    ...(form.reportingUnitId ? { reportingUnitId: form.reportingUnitId } : {}),
    title: form.title,
    problem: form.problem,
    expectedBenefits: form.expectedBenefits,
    description: form.description,
    significantItComponent: answer,
    strategicGoals: [...form.strategicGoals].sort((a, b) => a - b),
    estimatedSize: form.estimatedSize === '' || form.estimatedSize === 'unknown' ? null : form.estimatedSize,
  };
}

/** The id of a field's input (or of its group), which the error summary and the review link to. */
export function reportFieldId(field: keyof ReportForm | string): string {
  return `report-${field}`;
}
