import { periodCovers } from '#flyt/access';
import { Conflict, type FieldError, InputInvalid } from '#flyt/kernel';
import { periodsOverlap } from './role-assignment-rules.js';

/** What a mandate says: who holds it, who stands in, and for which days. */
export interface MandateTerms {
  holderId: string;
  deputyId: string | null;
  validFrom: string;
  validTo: string;
}

/** A period when the holder is away, ends included. */
export interface AbsencePeriod {
  id?: string;
  startsOn: string;
  endsOn: string;
}
export type AbsenceTerm = AbsencePeriod;

export interface MandateState extends MandateTerms {
  ended: boolean;
}

/** A stored mandate with its holder's absences, as the process and user rules read it. */
export interface MandateTerm extends MandateState {
  id: string;
  absences: readonly AbsenceTerm[];
}

type Dates = Pick<MandateState, 'validFrom' | 'validTo' | 'ended'>;

/** The errors in a mandate's terms that need no lookup; empty when the terms hold together. */
export function mandateTermsErrors(terms: MandateTerms): FieldError[] {
  const errors: FieldError[] = [];
  if (terms.validTo < terms.validFrom) errors.push({ field: 'validTo', reason: `must be on or after validFrom (${terms.validFrom})` });
  if (terms.deputyId !== null && terms.deputyId === terms.holderId) {
    errors.push({ field: 'deputyId', reason: 'the deputy must be someone other than the holder' });
  }
  return errors;
}

/** `day` plus whole `years`; 29 February becomes 28 February in a year without it, as PostgreSQL adds years. */
export function addYears(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  return new Date(Date.UTC(year + years, month - 1, Math.min(date, lastOfMonth))).toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The last day a mandate starting on `validFrom` may run when it may last at most `years` years. */
export function lastDayWithin(validFrom: string, years: number): string {
  return dayBefore(addYears(validFrom, years));
}

/**
 * A mandate is delegated for a term and renewed, never open-ended: the process owner should look
 * again at who holds the role at least every `maxYears` years (MANDATE_MAX_YEARS).
 */
export function mandateLengthErrors(period: { validFrom: string; validTo: string }, maxYears: number): FieldError[] {
  if (period.validTo < period.validFrom) return [];
  const last = lastDayWithin(period.validFrom, maxYears);
  if (period.validTo <= last) return [];
  const limit = `a mandate runs at most ${maxYears} year${maxYears === 1 ? '' : 's'}`;
  // 9999-12-31 is how other systems say "until further notice"; say why that is not taken here.
  const openEnded = period.validTo >= '9999-01-01' ? 'a mandate cannot be open-ended; ' : '';
  return [{ field: 'validTo', reason: `${openEnded}${limit}, so from ${period.validFrom} its last day is ${last} at the latest` }];
}

/** A mandate that keeps another from being delegated for the same days, as a refusal names it. */
export interface MandateInTheWay {
  id: string;
  holderId: string;
  holderName: string;
  validFrom: string;
  validTo: string;
}

/**
 * A process has one process responsible at a time: the role description makes one named person
 * answerable for it. A handover is two mandates that meet, the old one shortened or ended first.
 */
export function mandateOverlapConflict(processName: string, clash: MandateInTheWay): Conflict {
  const refusal = new Conflict(
    `${processName} already has a process responsible from ${clash.validFrom} to ${clash.validTo}: ${clash.holderName} (mandate ${clash.id}). ` +
      'A process has one process responsible at a time; shorten or end that mandate first, or choose days outside it.',
  );
  refusal.details.conflictingMandate = {
    id: clash.id,
    holder: { id: clash.holderId, name: clash.holderName },
    validFrom: clash.validFrom,
    validTo: clash.validTo,
  };
  return refusal;
}

/** A mandate is in force on `day` when it has not been ended and its dates (both included) cover the day. */
export function mandateInForce(mandate: Dates, day: string): boolean {
  return !mandate.ended && periodCovers({ from: mandate.validFrom, to: mandate.validTo }, day);
}

/** In force on `day` or starting later: a mandate that still has days to run. */
export function mandateNotOver(mandate: Pick<MandateState, 'validTo' | 'ended'>, day: string): boolean {
  return !mandate.ended && day <= mandate.validTo;
}

/** The absence during which the deputy stands in on `day`, if the mandate is in force and names a deputy. */
export function absenceCovering<A extends AbsencePeriod>(
  mandate: Pick<MandateState, 'deputyId'> & Dates,
  absences: readonly A[],
  day: string,
): A | undefined {
  if (mandate.deputyId === null || !mandateInForce(mandate, day)) return undefined;
  return absences.find((a) => periodCovers({ from: a.startsOn, to: a.endsOn }, day));
}

/** {@link absenceCovering} for a mandate that carries its absences; null when the holder is not away. */
export function deputyStandInOn(mandate: MandateTerm, day: string): AbsenceTerm | null {
  return absenceCovering(mandate, mandate.absences, day) ?? null;
}

/** A mandate's dates as a reader sees them in a refusal. */
export function describeTerm(mandate: Pick<MandateState, 'validFrom' | 'validTo'>, day: string): string {
  return `${mandate.validFrom} – ${mandate.validTo}${day < mandate.validFrom ? ', not yet started' : ''}`;
}

/**
 * Checks that an absence of the holder can be recorded on a mandate: someone must stand in, the
 * absence must lie inside the mandate's period, and absences of one mandate never overlap.
 */
export function assertAbsenceFits(mandate: MandateTerms, absence: AbsencePeriod, others: readonly AbsencePeriod[]): void {
  if (mandate.deputyId === null) {
    throw new Conflict('the mandate names no deputy to stand in during an absence; name a deputy first', 'deputyId');
  }
  const errors: FieldError[] = [];
  if (absence.endsOn < absence.startsOn) {
    errors.push({ field: 'endsOn', reason: `must be on or after startsOn (${absence.startsOn})` });
  } else {
    const period = `the mandate's period (${mandate.validFrom} to ${mandate.validTo})`;
    if (absence.startsOn < mandate.validFrom || absence.startsOn > mandate.validTo) errors.push({ field: 'startsOn', reason: `must lie within ${period}` });
    if (absence.endsOn > mandate.validTo || absence.endsOn < mandate.validFrom) errors.push({ field: 'endsOn', reason: `must lie within ${period}` });
  }
  if (errors.length) throw new InputInvalid(errors);
  const clash = others.find((o) => periodsOverlap({ from: o.startsOn, to: o.endsOn }, { from: absence.startsOn, to: absence.endsOn }));
  if (clash) {
    throw new Conflict(`the absence overlaps another absence of the mandate (${clash.startsOn} to ${clash.endsOn})`, 'startsOn');
  }
}

/** A mandate's period may only change so that every recorded absence still lies inside it. */
export function assertAbsencesWithin(period: { validFrom: string; validTo: string }, absences: readonly AbsencePeriod[]): void {
  const outside = absences.find((a) => a.startsOn < period.validFrom || a.endsOn > period.validTo);
  if (outside) {
    const field = outside.startsOn < period.validFrom ? 'validFrom' : 'validTo';
    throw new Conflict(
      `the absence ${outside.startsOn} to ${outside.endsOn} would lie outside the mandate's period (${period.validFrom} to ${period.validTo}); delete it first`,
      field,
    );
  }
}
