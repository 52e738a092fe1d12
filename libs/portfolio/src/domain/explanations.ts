import type { SelectionConflict } from './portfolio-rules.js';
import type { NotScoredReason } from './tally.js';

/** Money a left-out case would need in one year to fit beside the portfolio. */
export interface YearShortfall {
  readonly year: number;
  /** What the case (with what it requires) costs that year. */
  readonly cost: number;
  /** What the portfolio leaves of that year's budget frame. */
  readonly left: number;
  /** cost − left: the extra money that year. */
  readonly amount: number;
}

/** Extra money for one year of the budget frame. */
export interface YearAmount {
  readonly year: number;
  readonly amount: number;
}

/** What solving again with the extra money showed (docs/selection.md, "Left out for lack of budget"). */
export type BudgetCheck =
  /** Solved again with `extra`, the best portfolio holds the case. */
  | { readonly outcome: 'joins'; readonly solves: number }
  /**
   * With `extra` (the most that was tried) the best portfolio still spends the money on other
   * cases: `added` are the cases it then holds beyond the recommendation, `removed` those it drops.
   */
  | { readonly outcome: 'otherPreferred'; readonly solves: number; readonly added: readonly string[]; readonly removed: readonly string[] }
  /** The check ran out of solver time before it could tell. */
  | { readonly outcome: 'undecided' }
  /** Not solved again: only the best-ranked left-out cases are (`verifyBudgetExplanations`), while time is left. */
  | { readonly outcome: 'notChecked' };

/** Why a case is in or out of the recommended portfolio (docs/selection.md, "Explanations"). */
export type Explanation =
  | { readonly kind: 'selected'; readonly caseId: string; readonly score: number }
  | {
      readonly kind: 'mandatory';
      readonly caseId: string;
      readonly score: number | null;
      /** Mandatory itself, or selected because these mandatory cases require it. */
      readonly requiredBy: readonly string[];
      readonly mandatoryItself: boolean;
      /** Its score is below the floor (or it has none): it is selected all the same. */
      readonly belowFloor: boolean;
    }
  | { readonly kind: 'notScored'; readonly caseId: string; readonly reason: NotScoredReason }
  | { readonly kind: 'belowFloor'; readonly caseId: string; readonly score: number; readonly floor: number }
  | {
      readonly kind: 'dependency';
      readonly caseId: string;
      readonly prerequisite: string;
      readonly prerequisiteOut: 'notScored' | 'belowFloor' | 'alternative';
    }
  | { readonly kind: 'requiresAlternatives'; readonly caseId: string; readonly conflicting: readonly [string, string] }
  | {
      readonly kind: 'alternative';
      readonly caseId: string;
      /** The selected cases it (or what it requires) is an alternative to. */
      readonly chosen: readonly string[];
      /** The required case that is the alternative, when it is not the case itself. */
      readonly via: string | null;
    }
  | {
      readonly kind: 'budget';
      readonly caseId: string;
      readonly score: number;
      /** Cases it requires that are not selected and would have to join with it. */
      readonly together: readonly string[];
      /** The years it does not fit beside the recommended portfolio, with what it lacks in each. */
      readonly shortfall: readonly YearShortfall[];
      /**
       * The extra money per year that brings it in when `check` is `joins`; otherwise the
       * shortfall's amounts (or, after `otherPreferred`, the most that was tried).
       */
      readonly extra: readonly YearAmount[];
      readonly check: BudgetCheck;
    };

export type Language = 'nb' | 'en';
/** How a case is named in a sentence; the case id when not given. */
export type CaseName = (caseId: string) => string;

const LOCALE: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

export function formatNok(amount: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 }).format(amount);
}

function formatScore(score: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);
}

function list(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(LOCALE[language], { type: 'conjunction' }).format(items);
}

/** The explanation as one or two sentences in Norwegian bokmål or English. */
export function renderExplanation(explanation: Explanation, language: Language, name: CaseName = (id) => id): string {
  const en = language === 'en';
  const names = (ids: readonly string[]) => list(ids.map(name), language);
  switch (explanation.kind) {
    case 'selected':
      return en ? `Selected, with a score of ${formatScore(explanation.score, language)}.` : `Valgt, med poengsum ${formatScore(explanation.score, language)}.`;
    case 'mandatory': {
      const why = explanation.mandatoryItself
        ? en
          ? 'Selected as mandatory'
          : 'Valgt som obligatorisk'
        : en
          ? `Selected because the mandatory ${explanation.requiredBy.length > 1 ? 'cases' : 'case'} ${names(explanation.requiredBy)} ${explanation.requiredBy.length > 1 ? 'require' : 'requires'} it`
          : `Valgt fordi ${explanation.requiredBy.length > 1 ? 'de obligatoriske sakene' : 'den obligatoriske saken'} ${names(explanation.requiredBy)} krever den`;
      if (!explanation.belowFloor) return `${why}.`;
      if (explanation.score === null) return en ? `${why}, although it has no score.` : `${why}, selv om den ikke har noen poengsum.`;
      return en
        ? `${why}, although its score of ${formatScore(explanation.score, language)} is below the floor.`
        : `${why}, selv om poengsummen ${formatScore(explanation.score, language)} er under minstegrensen.`;
    }
    case 'notScored':
      return explanation.reason === 'everyMemberConflicted'
        ? en
          ? 'Left out: no one could vote on it, as every member of the programme council declared a conflict of interest.'
          : 'Ikke med: ingen kunne stemme over den, fordi alle medlemmene av programrådet meldte seg inhabile.'
        : en
          ? 'Left out: no member of the programme council voted on it, so it has no score.'
          : 'Ikke med: ingen i programrådet stemte over den, så den har ingen poengsum.';
    case 'belowFloor':
      return en
        ? `Left out: its score of ${formatScore(explanation.score, language)} is below the floor of ${formatScore(explanation.floor, language)}.`
        : `Ikke med: poengsummen ${formatScore(explanation.score, language)} er under minstegrensen på ${formatScore(explanation.floor, language)}.`;
    case 'dependency': {
      const because = {
        notScored: en ? 'which has no score' : 'som ikke har noen poengsum',
        belowFloor: en ? 'whose score is below the floor' : 'som har poengsum under minstegrensen',
        alternative: en ? 'which is an alternative to a mandatory case' : 'som er et alternativ til en obligatorisk sak',
      }[explanation.prerequisiteOut];
      return en
        ? `Left out: it requires ${name(explanation.prerequisite)}, ${because}.`
        : `Ikke med: den krever ${name(explanation.prerequisite)}, ${because}.`;
    }
    case 'requiresAlternatives': {
      const [a, b] = explanation.conflicting;
      const other = a === explanation.caseId ? b : b === explanation.caseId ? a : null;
      if (other !== null) {
        return en ? `Left out: it requires ${name(other)}, which is an alternative to it.` : `Ikke med: den krever ${name(other)}, som er et alternativ til den.`;
      }
      return en
        ? `Left out: it requires both ${name(a)} and ${name(b)}, which are alternatives to each other.`
        : `Ikke med: den krever både ${name(a)} og ${name(b)}, som er alternativer til hverandre.`;
    }
    case 'alternative':
      if (explanation.via === null) {
        return en ? `Left out: it is an alternative to ${names(explanation.chosen)}, which is selected.` : `Ikke med: den er et alternativ til ${names(explanation.chosen)}, som er valgt.`;
      }
      return en
        ? `Left out: it requires ${name(explanation.via)}, an alternative to ${names(explanation.chosen)}, which is selected.`
        : `Ikke med: den krever ${name(explanation.via)}, et alternativ til ${names(explanation.chosen)}, som er valgt.`;
    case 'budget': {
      const money = (amounts: readonly YearAmount[]) =>
        list(
          amounts.map((s) => (en ? `${formatNok(s.amount, language)} more in ${s.year}` : `${formatNok(s.amount, language)} mer i ${s.year}`)),
          language,
        );
      const together = explanation.together.length === 0 ? '' : en ? `, together with ${names(explanation.together)}, which it requires` : `, sammen med ${names(explanation.together)}, som den krever`;
      const check = explanation.check;
      if (check.outcome === 'joins') {
        return en
          ? `Left out for lack of budget: with ${money(explanation.extra)} it would be selected${together} (checked by solving again with that money).`
          : `Ikke med på grunn av budsjettet: med ${money(explanation.extra)} ville den blitt valgt${together} (kontrollert ved å beregne på nytt med de pengene).`;
      }
      const fits = en
        ? `Left out for lack of budget: it would need ${money(explanation.shortfall)} to fit beside the selected cases${together}.`
        : `Ikke med på grunn av budsjettet: den trenger ${money(explanation.shortfall)} for å få plass ved siden av de valgte sakene${together}.`;
      switch (check.outcome) {
        case 'otherPreferred': {
          const instead = check.added.length > 0 ? names(check.added) : en ? 'other cases' : 'andre saker';
          return en
            ? `${fits} But with ${money(explanation.extra)} the best portfolio would take ${instead} instead.`
            : `${fits} Men med ${money(explanation.extra)} ville den beste porteføljen heller ta med ${instead}.`;
        }
        case 'undecided':
          return en
            ? `${fits} Solving again with that money reached the time limit before it could tell whether it would then be selected.`
            : `${fits} En ny beregning med de pengene nådde tidsgrensen før den kunne avgjøre om saken da blir valgt.`;
        case 'notChecked':
          return en
            ? `${fits} With that money other cases might be preferred; it was not solved again.`
            : `${fits} Med de pengene kan andre saker bli foretrukket; det er ikke beregnet på nytt.`;
      }
    }
  }
}

/** Why no portfolio honours the mandatory cases, as a sentence. */
export function renderConflict(conflict: SelectionConflict, language: Language, name: CaseName = (id) => id): string {
  const en = language === 'en';
  const names = (ids: readonly string[]) => list(ids.map(name), language);
  if (conflict.kind === 'budget') {
    const [cost, excess, frame] = [conflict.mandatoryCost, conflict.excess, conflict.budget].map((n) => formatNok(n, language));
    return en
      ? `In ${conflict.year} the mandatory cases and what they require cost ${cost}, ${excess} more than the budget frame of ${frame}: ${names(conflict.cases)}.`
      : `I ${conflict.year} koster de obligatoriske sakene og det de krever ${cost}, ${excess} mer enn budsjettrammen på ${frame}: ${names(conflict.cases)}.`;
  }
  return en
    ? `${names(conflict.cases)} are alternatives to each other, but both must be selected, as required by ${names(conflict.requiredBy)}.`
    : `${names(conflict.cases)} er alternativer til hverandre, men begge må velges, slik ${names(conflict.requiredBy)} krever.`;
}
