import { z } from 'zod';
import { type CostBenefitAssessment, costBenefitFigures } from '#flyt/cases';
import { osloDay } from '#flyt/kernel';
import { type CsvCell, csvDocument } from '#flyt/documents';

/**
 * The development plan (utviklingsplan) of a year, assembled from what approved priority rounds
 * delivered to the cases (docs/priority-rounds.md, "The development plan and the minutes"). Pure:
 * the service reads the rows, this decides what the plan holds.
 */

export interface PlanRound {
  id: string;
  reference: string;
  title: string;
  planYear: number;
  approvedAt: string;
}

/** A PRIORITISE or DEFER event a case received from an approved round, as delivered. */
export interface DeliveredDecision {
  type: 'PRIORITISE' | 'DEFER';
  caseId: string;
  payload: unknown;
  occurredAt: string;
  round: PlanRound;
}

/** The case as it stands now. */
export interface PlanCase {
  id: string;
  reference: string;
  title: string;
  state: string;
  stateLabel: { nb: string; en: string };
  process: { id: string; name: string };
  strategicGoals: number[];
  costBenefit: CostBenefitAssessment | null;
  /** The round it is a candidate in now, if any. */
  candidateIn: { id: string; reference: string; title: string } | null;
}

export interface MoneyYear {
  year: number;
  amountNok: number;
}

export interface PlanItem {
  caseId: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  round: PlanRound;
  carriedForward: boolean;
  score: number | null;
  explanation: string;
  allocation: { amountNok: number; byYear: MoneyYear[] };
  allocationInYearNok: number;
  totalCostNok: number | null;
  presentValueBenefitsNok: number | null;
  netPresentValueNok: number | null;
  paybackYears: number | null;
  strategicGoals: number[];
  state: string;
  stateLabel: { nb: string; en: string };
}

export interface CarriedOverItem {
  caseId: string;
  reference: string;
  title: string;
  process: { id: string; name: string };
  deferredBy: PlanRound;
  score: number | null;
  explanation: string;
  reason: string;
  state: string;
  stateLabel: { nb: string; en: string };
  candidateIn: { id: string; reference: string; title: string } | null;
}

export interface DevelopmentPlan {
  year: number;
  discountRate: number;
  rounds: PlanRound[];
  items: PlanItem[];
  totals: { amountNok: number; byYear: MoneyYear[] };
  carriedOver: CarriedOverItem[];
}

/** The state a deferred case waits in until a round decides it. */
export const AWAITING_PRIORITISATION = 'awaitingPrioritisation';

// What the plan reads of a payload; the case's workflow checked it on delivery, this only guards the arithmetic.
const MONEY = z.number().finite().catch(0);
const DECISION_PAYLOAD = z.object({
  score: z.number().finite().nullable().catch(null),
  explanation: z.string().catch(''),
  reason: z.string().catch(''),
  allocation: z
    .object({
      amountNok: MONEY,
      byYear: z.array(z.object({ year: z.number().int(), amountNok: MONEY })).catch([]),
    })
    .catch({ amountNok: 0, byYear: [] }),
});

const readPayload = (payload: unknown) => DECISION_PAYLOAD.parse(payload ?? {});

/** The later of two decisions: the round of the later plan year, then the later delivery. */
const later = (a: DeliveredDecision, b: DeliveredDecision) =>
  a.round.planYear !== b.round.planYear ? a.round.planYear > b.round.planYear : a.occurredAt > b.occurredAt;

function latestPerCase(decisions: readonly DeliveredDecision[]): DeliveredDecision[] {
  const byCase = new Map<string, DeliveredDecision>();
  for (const decision of decisions) {
    const known = byCase.get(decision.caseId);
    if (!known || later(decision, known)) byCase.set(decision.caseId, decision);
  }
  return [...byCase.values()];
}

/**
 * The plan for `year`: every case an approved round of that plan year or an earlier one
 * prioritised, while its allocation still has money in `year` or later — projects roll forward
 * into the plans after the one that started them. Beside them, the cases the rounds of `year`
 * deferred that still await prioritisation.
 */
export function assembleDevelopmentPlan(
  year: number,
  decisions: readonly DeliveredDecision[],
  cases: ReadonlyMap<string, PlanCase>,
  discountRate: number,
): DevelopmentPlan {
  const inPlan = decisions.filter((d) => d.round.planYear <= year);
  const items: PlanItem[] = [];
  for (const decision of latestPerCase(inPlan.filter((d) => d.type === 'PRIORITISE'))) {
    const theCase = cases.get(decision.caseId);
    if (!theCase) continue;
    const payload = readPayload(decision.payload);
    const byYear = [...payload.allocation.byYear].sort((a, b) => a.year - b.year);
    const runsInto = byYear.some((y) => y.year >= year && y.amountNok > 0);
    if (decision.round.planYear !== year && !runsInto) continue;
    const figures = costBenefitFigures(theCase.costBenefit, discountRate);
    items.push({
      caseId: theCase.id,
      reference: theCase.reference,
      title: theCase.title,
      process: theCase.process,
      round: decision.round,
      carriedForward: decision.round.planYear < year,
      score: payload.score,
      explanation: payload.explanation,
      allocation: { amountNok: payload.allocation.amountNok, byYear },
      allocationInYearNok: byYear.filter((y) => y.year === year).reduce((sum, y) => sum + y.amountNok, 0),
      totalCostNok: figures ? figures.cashFlows.reduce((sum, flow) => sum + flow.costsNok, 0) : null,
      presentValueBenefitsNok: figures?.presentValueBenefitsNok ?? null,
      netPresentValueNok: figures?.netPresentValueNok ?? null,
      paybackYears: figures?.paybackYears ?? null,
      strategicGoals: theCase.strategicGoals,
      state: theCase.state,
      stateLabel: theCase.stateLabel,
    });
  }
  // This year's decisions first, then what earlier plans carry forward; the best scored first within each.
  items.sort(
    (a, b) =>
      b.round.planYear - a.round.planYear || (b.score ?? -1) - (a.score ?? -1) || a.reference.localeCompare(b.reference, 'nb'),
  );

  const prioritised = new Set(items.map((i) => i.caseId));
  const carriedOver: CarriedOverItem[] = [];
  for (const decision of latestPerCase(inPlan.filter((d) => d.type === 'DEFER' && d.round.planYear === year))) {
    const theCase = cases.get(decision.caseId);
    if (!theCase || prioritised.has(theCase.id) || theCase.state !== AWAITING_PRIORITISATION) continue;
    const payload = readPayload(decision.payload);
    carriedOver.push({
      caseId: theCase.id,
      reference: theCase.reference,
      title: theCase.title,
      process: theCase.process,
      deferredBy: decision.round,
      score: payload.score,
      explanation: payload.explanation,
      reason: payload.reason,
      state: theCase.state,
      stateLabel: theCase.stateLabel,
      candidateIn: theCase.candidateIn,
    });
  }
  carriedOver.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.reference.localeCompare(b.reference, 'nb'));

  const rounds = new Map<string, PlanRound>();
  for (const d of inPlan) if (d.round.planYear === year) rounds.set(d.round.id, d.round);

  const totals = new Map<number, number>();
  for (const item of items) for (const y of item.allocation.byYear) if (y.year >= year) totals.set(y.year, (totals.get(y.year) ?? 0) + y.amountNok);
  const byYear = [...totals].sort(([a], [b]) => a - b).map(([y, amountNok]) => ({ year: y, amountNok }));

  return {
    year,
    discountRate,
    rounds: [...rounds.values()].sort((a, b) => a.approvedAt.localeCompare(b.approvedAt)),
    items,
    totals: { amountNok: byYear.reduce((sum, y) => sum + y.amountNok, 0), byYear },
    carriedOver,
  };
}

const YES_NO = (value: boolean) => (value ? 'Ja' : 'Nei');

/**
 * The plan as one table for a spreadsheet, in bokmål: the prioritised cases, then the cases
 * carried over (`Del` tells them apart), with a column per year of any allocation.
 */
export function developmentPlanCsv(plan: DevelopmentPlan): string {
  const years = [...new Set(plan.items.flatMap((i) => i.allocation.byYear.map((y) => y.year)))].sort((a, b) => a - b);
  const header: CsvCell[] = [
    'Del',
    'Saksnummer',
    'Tittel',
    'Prosess',
    'Runde',
    'Rundens tittel',
    'Rundens planår',
    'Godkjent',
    'Videreført fra tidligere plan',
    'Status',
    'Poeng',
    ...years.map((y) => `Bevilgning ${y} (kr)`),
    'Bevilgning i alt (kr)',
    'Kostnad i alt (kr)',
    'Nåverdi nytte (kr)',
    'Netto nåverdi (kr)',
    'Inntjeningstid (år)',
    'Strategiske mål',
    'Begrunnelse',
  ];
  const rows: CsvCell[][] = [header];
  for (const item of plan.items) {
    rows.push([
      'Prioritert',
      item.reference,
      item.title,
      item.process.name,
      item.round.reference,
      item.round.title,
      item.round.planYear,
      osloDay(new Date(item.round.approvedAt)),
      YES_NO(item.carriedForward),
      item.stateLabel.nb,
      item.score,
      ...years.map((y) => item.allocation.byYear.filter((a) => a.year === y).reduce((sum, a) => sum + a.amountNok, 0)),
      item.allocation.amountNok,
      item.totalCostNok,
      item.presentValueBenefitsNok,
      item.netPresentValueNok,
      item.paybackYears,
      item.strategicGoals.join(', '),
      item.explanation,
    ]);
  }
  for (const item of plan.carriedOver) {
    rows.push([
      'Utsatt, venter på prioritering',
      item.reference,
      item.title,
      item.process.name,
      item.deferredBy.reference,
      item.deferredBy.title,
      item.deferredBy.planYear,
      osloDay(new Date(item.deferredBy.approvedAt)),
      null,
      item.stateLabel.nb,
      item.score,
      ...years.map(() => null),
      null,
      null,
      null,
      null,
      null,
      null,
      [item.explanation, item.reason].filter((t) => t.length > 0).join(' '),
    ]);
  }
  return csvDocument(rows);
}
