import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { problemOf } from '../api/problem';
import { useFormat } from '../format';

/**
 * The API gives its reasons in English, for developers and logs. The admin pages say the ones a
 * person meets in the forms in the reader's language, by their shape; a reason not known here is
 * shown as the API wrote it rather than hidden.
 */
type Words = (key: string, values?: Record<string, unknown>) => string;

const DAY = '(\\d{4}-\\d{2}-\\d{2})';

function patterns(t: Words, date: (day: string) => string, kind: (code: string) => string): [RegExp, (m: RegExpMatchArray) => string][] {
  return [
    [/^must not be empty$/, () => t('admin.reasons.empty')],
    [/^must be an e-mail address$/, () => t('admin.reasons.email')],
    [/^must be a date as YYYY-MM-DD$/, () => t('admin.reasons.date')],
    [/^must be a UUID$|^Invalid UUID$/i, () => t('admin.reasons.choose')],
    [/^letters, digits, _ \. - \(at most 40\)/, () => t('admin.reasons.code')],
    [/^a (unit|process) with code (.+) already exists$/, (m) => t(`admin.reasons.codeTaken.${m[1]}`, { code: m[2] })],
    [/^a user with e-mail (.+) already exists$/, (m) => t('admin.reasons.emailTaken', { email: m[1] })],
    [/^another user is already linked to this subject/, () => t('admin.reasons.subjectTaken')],
    [new RegExp(`^must be on or after \\w+ \\(${DAY}\\)$`), (m) => t('admin.reasons.notBefore', { day: date(m[1]!) })],
    [/^the deputy must be someone other than the holder$/, () => t('admin.reasons.deputyIsHolder')],
    [
      new RegExp(`^(a mandate cannot be open-ended; )?a mandate runs at most (\\d+) years?, so from ${DAY} its last day is ${DAY} at the latest$`),
      (m) => t('admin.reasons.mandateTooLong', { count: Number(m[2]), from: date(m[3]!), last: date(m[4]!) }),
    ],
    [new RegExp(`^must lie within the mandate's period \\(${DAY} to ${DAY}\\)$`), (m) => t('admin.reasons.withinMandate', { from: date(m[1]!), to: date(m[2]!) })],
    [new RegExp(`^the absence overlaps another absence of the mandate \\(${DAY} to ${DAY}\\)$`), (m) => t('admin.reasons.absenceOverlap', { from: date(m[1]!), to: date(m[2]!) })],
    [/^the mandate names no deputy/, () => t('admin.reasons.noDeputy')],
    [/^(.+) is no longer an active user$/, (m) => t('admin.reasons.userEnded', { name: m[1] })],
    [/^(?:the )?unit (.+) has ended$/, (m) => t('admin.reasons.unitEnded', { name: m[1] })],
    [/^the parent unit has ended$/, () => t('admin.reasons.parentEnded')],
    [/^the process (.+) has ended$/, (m) => t('admin.reasons.processEnded', { name: m[1] })],
    [/^only the university is without a parent unit$|^a (\w+) needs a parent unit$/, () => t('admin.reasons.parentNeeded')],
    [/^the university is the root and has no parent unit$/, () => t('admin.reasons.universityRoot')],
    [/^there is already a university at the root of the tree$/, () => t('admin.reasons.oneUniversity')],
    [
      /^a (\w+) cannot be placed under a (\w+); allowed: (.+)$/,
      (m) => t('admin.reasons.placement', { kind: kind(m[1]!), parent: kind(m[2]!), allowed: m[3]!.split(', ').map(kind).join(', ') }),
    ],
    [/^a unit cannot be moved under itself/, () => t('admin.reasons.underItself')],
    [/^name either a unit or a process, not both$/, () => t('admin.reasons.unitOrProcess')],
    [/^(\w+) is held in scope/, () => t('admin.reasons.wrongScope')],
    [/has ended and can no longer be changed$|has been ended and can no longer be changed$/, () => t('admin.reasons.ended')],
    [/^no (?:unit|user|process) has id /, () => t('admin.reasons.notFound')],
    [/^the user already holds \w+ in this scope from /, () => t('admin.reasons.duplicateAssignment')],
    [/^the unit still has active (.+); move or end them first$/, (m) => t('admin.reasons.unitNotEmpty', { what: holdings(t, m[1]!) })],
  ];
}

function holdings(t: Words, listed: string): string {
  return listed
    .split(', ')
    .map((part) => {
      const [, what, count] = /^(\w+) \((\d+)\)$/.exec(part) ?? [];
      return what ? t(`admin.reasons.holdings.${what}`, { count: Number(count) }) : part;
    })
    .join(', ');
}

/** A reason from the API in the reader's words, or as written when its shape is not known. */
export function useReasonWords(): (reason: string) => string {
  const { t } = useTranslation();
  const format = useFormat();
  const list = patterns(t as unknown as Words, format.date, (code) => t(`admin.unitKinds.${code}`, { defaultValue: code }));
  return (reason) => {
    for (const [pattern, words] of list) {
      const match = reason.match(pattern);
      if (match) return words(match);
    }
    return reason;
  };
}

/** A refusal as a form shows it: each named field with its reason, and what concerns the whole request. */
export interface Refusal {
  status: number;
  fields: Record<string, string>;
  /** What concerns the request as a whole, in words; null when the fields say it all. */
  message: string | null;
  /** A mandate or role assignment that stands in the way, for a link to it. */
  inTheWay: { kind: 'mandate' | 'assignment'; id: string; name: string; validFrom: string } | null;
  /** Mandates that keep a process or user from being ended. */
  mandateIds: string[];
}

interface Clash {
  id: string;
  validFrom: string;
  validTo: string | null;
}

/** Turns a failed request into what the form shows. */
export function useRefusal(): (error: unknown, context?: { processName?: string }) => Refusal | null {
  const { t } = useTranslation();
  const format = useFormat();
  const reason = useReasonWords();
  return (error, context = {}) => {
    if (!error) return null;
    const problem = problemOf(error);
    if (!problem) return { status: 0, fields: {}, message: t('admin.form.networkError'), inTheWay: null, mandateIds: [] };
    const body = ((error as ApiError).problem ?? {}) as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const { field, reason: why } of problem.errors) {
      // The API names a list entry `teamMemberIds[2]`; the form has one field for the list.
      const name = field.replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
      fields[name] = fields[name] ? `${fields[name]} ${reason(why)}` : reason(why);
    }
    const until = (clash: Clash) => (clash.validTo ? format.date(clash.validTo) : t('admin.period.openEnded'));
    // Another mandate, or another owner's assignment, holds some of the days: say whose and when, and link to it.
    const overlap = (kind: 'mandate' | 'assignment', clash: Clash, name: string, words: string): Refusal => ({
      status: problem.status,
      fields: { validFrom: t(`${words}Field`, { name }), ...fields },
      message: t(words, { process: context.processName ?? t('admin.mandates.theProcess'), name, from: format.date(clash.validFrom), to: until(clash) }),
      inTheWay: { kind, id: clash.id, name, validFrom: clash.validFrom },
      mandateIds: [],
    });
    const mandate = body.conflictingMandate as (Clash & { holder: { name: string } }) | undefined;
    if (mandate) return overlap('mandate', mandate, mandate.holder.name, 'admin.mandates.overlap');
    const owner = body.conflictingAssignment as (Clash & { user: { name: string } }) | undefined;
    if (owner) return overlap('assignment', owner, owner.user.name, 'admin.assignments.ownerOverlap');
    const mandateIds = Array.isArray(body.mandateIds) ? (body.mandateIds as string[]) : [];
    if (mandateIds.length) {
      return { status: problem.status, fields, message: t('admin.form.mandatesRunning'), inTheWay: null, mandateIds };
    }
    if (Object.keys(fields).length > 0) return { status: problem.status, fields, message: null, inTheWay: null, mandateIds: [] };
    const message =
      problem.status === 403
        ? t('admin.form.forbidden')
        : problem.status === 404
          ? t('admin.form.gone')
          : problem.status >= 500
            ? t('admin.form.serverError')
            : reason(problem.detail) || t('admin.form.serverError');
    return { status: problem.status, fields, message, inTheWay: null, mandateIds: [] };
  };
}
