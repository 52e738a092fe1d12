import { useTranslation } from 'react-i18next';
import { problemOf, type Problem } from '../../api/problem';

/** The API names list items `values[0].amount`; the forms name them `values.0.amount`. */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * The API's reason for a refused field (its own words, in English) in the person's language. The
 * rules stay the API's: this only says its reasons in words people read; a reason it does not know
 * is shown as the API gave it.
 */
function reasonText(t: Translate, field: string, reason: string): string {
  const name = field.split('.').pop() ?? field;
  const missing = /^Invalid input: expected \w+, received undefined$/.test(reason) || reason === 'must not be empty';
  if (missing || reason === 'Invalid UUID' || reason === 'must be a UUID') {
    return t([`report.reasons.choose.${name}`, missing ? 'report.reasons.empty' : 'report.reasons.choose.default']);
  }
  if (/^Invalid input: expected number, received/.test(reason)) return t('report.reasons.number');
  if (/^Invalid option/.test(reason)) return t([`report.reasons.choose.${name}`, 'report.reasons.choose.default']);
  let match = /^at most ([\d\s]+) characters$/.exec(reason);
  if (match) return t('report.reasons.tooLong', { max: match[1] });
  match = /^Too small: expected number to be >=?(-?[\d.]+)$/.exec(reason);
  if (match) return t('report.reasons.atLeast', { min: match[1] });
  match = /^Too big: expected number to be <=?(-?[\d.]+)$/.exec(reason);
  if (match) return t('report.reasons.atMost', { max: match[1] });
  match = /^at most (\d+) months$/.exec(reason);
  if (match) return t('report.reasons.atMost', { max: match[1] });
  const known: Record<string, string> = {
    'must not be negative': 'report.reasons.negative',
    'a whole number': 'report.reasons.wholeNumber',
    'Invalid input: expected int, received number': 'report.reasons.wholeNumber',
    'a whole year': 'report.reasons.wholeNumber',
    'goals are numbered 1–12': 'report.reasons.goals',
    'each goal at most once': 'report.reasons.goals',
    'the unit has ended': 'report.reasons.unitEnded',
    'the process has ended': 'report.reasons.processEnded',
    'a priced value needs its amount per year': 'report.reasons.pricedNeedsAmount',
    'an unpriced value has no amount; set priced to true': 'report.reasons.unpricedHasAmount',
    'give the yearly cost, the yearly hours, or both': 'report.reasons.shiftNeedsCostOrHours',
  };
  if (known[reason]) return t(known[reason]);
  if (/^no unit has id /.test(reason)) return t('report.reasons.noSuchUnit');
  if (/^no process has id /.test(reason)) return t('report.reasons.noSuchProcess');
  if (/^no user has id /.test(reason)) return t('report.reasons.noSuchUser');
  return reason;
}

export interface FormProblem {
  problem: Problem;
  /** Each refused field by its path in the form (without `prefix`), with the reason in the person's words. */
  fields: Record<string, string>;
  /** What the API said about the request as a whole, or about fields the form does not show. */
  general: string[];
}

/** A failed request as a form shows it: reasons at the fields, the rest above the form. */
export function useFormProblem(error: unknown, options: { prefix?: string; known: (path: string) => boolean }): FormProblem | null {
  const { t } = useTranslation();
  const problem = problemOf(error);
  if (!problem) return null;
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const { field, reason } of problem.errors) {
    const full = formPath(field);
    const path = options.prefix && full.startsWith(options.prefix) ? full.slice(options.prefix.length) : full;
    const text = reasonText(t, path, reason);
    if (options.known(path)) fields[path] = fields[path] ? `${fields[path]} ${text}` : text;
    else general.push(text);
  }
  if (problem.errors.length === 0) general.push(problem.detail || problem.title || t('common.errorBody'));
  return { problem, fields, general };
}
