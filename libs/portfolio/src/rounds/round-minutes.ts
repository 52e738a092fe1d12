import { type Criterion, formatNok, renderConflict, type RecommendedPortfolio } from '../domain/index.js';
import type { PriorityRoundContext } from '#workflows/priority-round/priority-round.machine';
import type { RoundData, VoteRow } from '../round-store.js';
import type { ScenarioResult } from './round-result.js';
import { conflictsThatCount } from './round-setup.js';

/**
 * The minutes (protokoll) of a priority round as blocks of text and tables, in bokmål
 * (docs/priority-rounds.md, "The development plan and the minutes"). Pure: minutes-pdf.ts lays
 * them out on pages, and tests read them without a PDF.
 */

export interface MinutesColumn {
  title: string;
  /** Relative width: the columns share the page's width in these proportions. */
  width: number;
  align?: 'left' | 'right';
}

export type MinutesBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: (readonly [string, string])[] }
  | { kind: 'table'; columns: MinutesColumn[]; rows: string[][] };

export interface MinutesDocument {
  title: string;
  subtitle: string;
  /** Printed at the foot of every page, beside the page number. */
  footer: string;
  blocks: MinutesBlock[];
}

export interface MinutesScenario {
  name: string;
  baseline: boolean;
  recommended: boolean;
  result: ScenarioResult;
}

export interface MinutesInput {
  data: RoundData;
  stateLabel: string;
  votes: readonly VoteRow[];
  /** The recommended scenario, or before a recommendation the council's own (the baseline). */
  scenario: MinutesScenario | null;
  scenarios: readonly MinutesScenario[];
  context: Pick<PriorityRoundContext, 'votingClosedBy' | 'extension' | 'recommendation' | 'returns' | 'approval'>;
  /** Names of the people the round's record points to by id. */
  people: ReadonlyMap<string, string>;
  generatedAt: Date;
}

const OSLO_TIME = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });
const OSLO_DATE = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'Europe/Oslo' });
const SCORE = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 1 });

export const formatTime = (at: Date | string) => OSLO_TIME.format(new Date(at));
export const formatDate = (at: Date | string) => OSLO_DATE.format(new Date(at));
export const formatScore = (score: number | null | undefined) => (score === null || score === undefined ? '–' : SCORE.format(score));
export const nok = (amount: number) => formatNok(amount, 'nb');

/** A member's weighted mean over the criteria, as the tally weighs them. */
export function weightedMean(scores: Readonly<Record<string, number>>, criteria: readonly { key: string; weight: number }[]): number | null {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0 || criteria.some((c) => scores[c.key] === undefined)) return null;
  return criteria.reduce((sum, c) => sum + c.weight * scores[c.key]!, 0) / total;
}

/** How the vote tables name a criterion: K1, K2, … in the round's order. */
export const criterionNumber = (index: number) => `K${index + 1}`;

const portfolioOf = (scenario: MinutesScenario | null): RecommendedPortfolio | null =>
  scenario?.result.selection.outcome === 'portfolio' ? scenario.result.selection : null;

export function roundMinutes(input: MinutesInput): MinutesDocument {
  const { data, votes, scenario, context, people } = input;
  const { round } = data;
  const person = (id: string | null | undefined) => (id ? (people.get(id) ?? 'ukjent person') : 'ukjent person');
  const caseName = (id: string) => data.candidates.find((c) => c.caseId === id)?.reference ?? id;
  const portfolio = portfolioOf(scenario);
  const tally = scenario?.result.tally ?? null;
  const blocks: MinutesBlock[] = [];

  const facts: [string, string][] = [
    ['Runde', round.reference],
    ['Tittel', round.title],
    ['Planår', String(round.planYear)],
    ['Styrets vedtak om rammen', round.boardDecision.trim() || 'Ikke oppgitt'],
    ['Status', input.stateLabel],
  ];
  if (round.closesAt) {
    const how = context.votingClosedBy === 'secretariat' ? 'lukket av programsekretariatet før fristen, da alle hadde stemt' : 'lukket ved fristen';
    facts.push(['Stemmegivningen', `${how} (frist ${formatTime(round.closesAt)})`]);
  }
  if (context.extension) {
    facts.push(['Forlenget', `til ${formatTime(context.extension.closesAt)}${context.extension.reason ? `: ${context.extension.reason}` : ''}`]);
  }
  const quorum = tally?.quorum;
  facts.push([
    'Beslutningsdyktighet',
    `${PERCENT.format(round.quorum)} av medlemmene${quorum ? `; ${quorum.ballots} av ${quorum.members} stemte (${quorum.reached ? 'nådd' : 'ikke nådd'})` : ''}`,
  ]);
  facts.push(['Minstegrense for poengsum', round.scoreFloor === null ? 'Ingen' : formatScore(round.scoreFloor)]);
  blocks.push({ kind: 'facts', rows: facts });

  // The frame, and what the portfolio spends of it.
  blocks.push({ kind: 'heading', text: 'Budsjettramme per år' });
  const spending = portfolio?.spending ?? [];
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'År', width: 1 },
      { title: 'Ramme', width: 2, align: 'right' },
      ...(portfolio ? [{ title: 'Porteføljen bruker', width: 2, align: 'right' as const }, { title: 'Igjen', width: 2, align: 'right' as const }] : []),
    ],
    rows: data.budget.map((b) => {
      const spent = spending.find((s) => s.year === b.year);
      return [String(b.year), nok(b.amountNok), ...(portfolio ? [nok(spent?.spent ?? 0), nok(spent?.left ?? b.amountNok)] : [])];
    }),
  });

  blocks.push({ kind: 'heading', text: 'Kriterier og vekter' });
  const weightSum = data.criteria.reduce((sum, c) => sum + c.weight, 0);
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'Nr.', width: 0.6 },
      { title: 'Kriterium', width: 4 },
      { title: 'Vekt', width: 1, align: 'right' },
      { title: 'Andel', width: 1, align: 'right' },
    ],
    rows: data.criteria.map((c, i) => [criterionNumber(i), c.labelNb, SCORE.format(c.weight), weightSum > 0 ? PERCENT.format(c.weight / weightSum) : '–']),
  });

  const conflicts = conflictsThatCount(data.conflicts.map((c) => ({ ...c, declared: c.declaredAt !== null })));
  const conflicted = (memberId: string, caseId: string) => conflicts.some((c) => c.memberId === memberId && c.caseId === caseId);

  blocks.push({ kind: 'heading', text: 'Medlemmer av programrådet i runden' });
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'Navn', width: 3 },
      { title: 'Saker med stemme', width: 2, align: 'right' },
    ],
    rows: data.members.map((m) => {
      const free = data.candidates.filter((c) => !conflicted(m.userId, c.caseId)).length;
      const scored = votes.filter((v) => v.memberId === m.userId && !conflicted(m.userId, v.caseId)).length;
      return [m.name, `${scored} av ${free}`];
    }),
  });

  blocks.push({ kind: 'heading', text: 'Kandidater med kostnad per år' });
  const years = data.budget.map((b) => b.year);
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'Sak', width: 2.2 },
      { title: 'Tittel', width: 3.5 },
      { title: 'Prosess', width: 2.5 },
      ...years.map((y) => ({ title: String(y), width: 2, align: 'right' as const })),
      { title: 'Merknad', width: 2.5 },
    ],
    rows: data.candidates.map((c) => {
      const notes = [
        c.mandatory ? 'Obligatorisk' : null,
        c.carriedOver ? 'Utsatt av en tidligere runde' : null,
        ...data.dependencies.filter((d) => d.caseId === c.caseId).map((d) => `Krever ${caseName(d.requires)}`),
        ...data.alternatives.filter((g) => g.includes(c.caseId)).map((g) => `Alternativ til ${g.filter((id) => id !== c.caseId).map(caseName).join(', ')}`),
      ].filter((n): n is string => n !== null);
      return [c.reference, c.title, c.processName, ...years.map((y) => nok(c.costByYear[String(y)] ?? 0)), notes.join('. ')];
    }),
  });

  // Every member's scores per case, as they stood when voting closed.
  blocks.push({ kind: 'heading', text: 'Stemmer per sak' });
  const criteria: (Criterion & { weight: number })[] = data.criteria.map((c) => ({ key: c.key, label: { nb: c.labelNb, en: c.labelEn }, weight: c.weight }));
  for (const candidate of data.candidates) {
    const counted = tally?.cases.find((t) => t.caseId === candidate.caseId);
    blocks.push({ kind: 'subheading', text: `${candidate.reference} ${candidate.title}` });
    const out = data.members.filter((m) => conflicted(m.userId, candidate.caseId)).map((m) => m.name);
    blocks.push({
      kind: 'paragraph',
      text:
        `Samlet poengsum: ${formatScore(counted?.score)}` +
        (counted ? ` (${counted.voters} av ${counted.eligibleMembers} stemte)` : '') +
        (out.length ? `. Inhabile, holdt utenfor: ${out.join(', ')}` : '') +
        '.',
    });
    const comments: string[] = [];
    blocks.push({
      kind: 'table',
      // Up to twelve criteria share the width: numbered as in "Kriterier og vekter", as their names would not fit.
      columns: [{ title: 'Medlem', width: 3 }, ...criteria.map((_, i) => ({ title: criterionNumber(i), width: 1, align: 'right' as const })), { title: 'Vektet', width: 1.3, align: 'right' }],
      rows: data.members.map((m) => {
        if (conflicted(m.userId, candidate.caseId)) return [m.name, ...criteria.map(() => '–'), 'inhabil'];
        const vote = votes.find((v) => v.memberId === m.userId && v.caseId === candidate.caseId);
        if (!vote) return [m.name, ...criteria.map(() => '–'), 'stemte ikke'];
        if (vote.comment) comments.push(`${m.name}: ${vote.comment}`);
        return [m.name, ...criteria.map((c) => (vote.scores[c.key] === undefined ? '–' : String(vote.scores[c.key]))), formatScore(weightedMean(vote.scores, criteria))];
      }),
    });
    if (comments.length) blocks.push({ kind: 'paragraph', text: `Kommentarer. ${comments.join(' ')}` });
  }

  blocks.push({ kind: 'heading', text: 'Inhabilitet' });
  if (data.conflicts.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Ingen inhabilitet ble meldt eller vurdert.' });
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Medlem', width: 2.5 },
        { title: 'Sak', width: 2 },
        { title: 'Meldt', width: 2.5 },
        { title: 'Sekretariatets avgjørelse', width: 4.5 },
      ],
      rows: data.conflicts.map((c) => [
        c.memberName,
        caseName(c.caseId),
        c.declaredAt ? formatDate(c.declaredAt) : 'Ikke meldt (foreslått av Flyt)',
        c.decision === null
          ? 'Ikke avgjort: regnes som inhabil'
          : `${c.decision === 'upheld' ? 'Opprettholdt: holdt utenfor' : 'Avvist: stemmene teller'} (${person(c.decidedBy)}${c.decidedAt ? `, ${formatDate(c.decidedAt)}` : ''})`,
      ]),
    });
    // People's own words go below the table: a long reason would not fit a cell.
    for (const c of data.conflicts) {
      const words = [c.reason ? `begrunnelse: ${c.reason}` : null, c.decisionNote ? `sekretariatets merknad: ${c.decisionNote}` : null].filter(Boolean);
      if (words.length) blocks.push({ kind: 'paragraph', text: `${c.memberName}, ${caseName(c.caseId)}: ${words.join('; ')}` });
    }
  }

  const recommended = scenario?.recommended ?? false;
  blocks.push({ kind: 'heading', text: recommended ? 'Anbefalt portefølje' : 'Programrådets portefølje (ikke anbefalt ennå)' });
  if (!scenario) {
    blocks.push({ kind: 'paragraph', text: 'Ingen portefølje er beregnet.' });
  } else if (!portfolio) {
    const selection = scenario.result.selection;
    const why = selection.outcome === 'infeasible' ? selection.conflicts.map((c) => renderConflict(c, 'nb', caseName)).join(' ') : '';
    blocks.push({ kind: 'paragraph', text: `Scenarioet «${scenario.name}» gir ingen portefølje: de obligatoriske sakene kan ikke oppfylles. ${why}` });
  } else {
    blocks.push({ kind: 'paragraph', text: `Scenario: «${scenario.name}»${scenario.baseline ? ' (programrådets eget oppsett)' : ''}.` });
    const selected = new Set(portfolio.selected);
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Sak', width: 2.2 },
        { title: 'Tittel', width: 3 },
        { title: 'Poeng', width: 1.2, align: 'right' },
        { title: 'Utfall', width: 2 },
        { title: 'Begrunnelse', width: 6 },
      ],
      rows: data.candidates.map((c) => [
        c.reference,
        c.title,
        formatScore(tally?.cases.find((t) => t.caseId === c.caseId)?.score),
        selected.has(c.caseId) ? 'Prioriteres' : c.ifLeftOut === 'decline' ? 'Avslås' : 'Utsettes',
        scenario.result.explanations.find((e) => e.caseId === c.caseId)?.nb ?? '',
      ]),
    });
    for (const c of data.candidates) {
      if (!selected.has(c.caseId) && c.ifLeftOut === 'decline' && c.declineReason) {
        blocks.push({ kind: 'paragraph', text: `${c.reference} avslås, med programsekretariatets begrunnelse: ${c.declineReason}` });
      }
    }
    const greedy = portfolio.greedy;
    const same = greedy.onlyInRecommended.length === 0 && greedy.onlyInGreedy.length === 0;
    blocks.push({
      kind: 'paragraph',
      text:
        `Samlet poengsum for porteføljen: ${formatScore(portfolio.totalScore)}. ` +
        `Sammenlignet med grådig rangering («ranger og fyll»), som gir ${formatScore(greedy.totalScore)}: ` +
        (same
          ? 'den velger de samme sakene.'
          : `forskjell ${formatScore(greedy.scoreDifference)} poeng; bare i porteføljen: ${greedy.onlyInRecommended.map(caseName).join(', ') || 'ingen'}; bare i grådig rangering: ${greedy.onlyInGreedy.map(caseName).join(', ') || 'ingen'}.`),
    });
    if (scenario.result.solverNote) blocks.push({ kind: 'paragraph', text: scenario.result.solverNote.nb });
  }

  if (input.scenarios.length > 1) {
    blocks.push({ kind: 'subheading', text: 'Scenarioer som ble vurdert' });
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Scenario', width: 5 },
        { title: 'Saker', width: 1.2, align: 'right' },
        { title: 'Poengsum', width: 1.5, align: 'right' },
        { title: 'Merknad', width: 3 },
      ],
      rows: input.scenarios.map((s) => {
        const p = portfolioOf(s);
        return [s.name, p ? String(p.selected.length) : '–', p ? formatScore(p.totalScore) : 'ingen portefølje', [s.baseline ? 'Programrådets oppsett' : '', s.recommended ? 'Anbefalt' : ''].filter(Boolean).join(', ')];
      }),
    });
  }

  blocks.push({ kind: 'heading', text: 'Anbefaling' });
  if (context.recommendation) {
    const note = context.recommendation.note ? ` Merknad: ${context.recommendation.note}` : '';
    blocks.push({ kind: 'paragraph', text: `Programsekretariatet (${person(context.recommendation.by)}) anbefalte scenarioet «${scenario?.name ?? ''}» for rektor.${note}` });
  } else {
    blocks.push({ kind: 'paragraph', text: 'Programsekretariatet har ikke anbefalt en portefølje ennå.' });
  }
  for (const returned of context.returns) {
    blocks.push({ kind: 'paragraph', text: `Rektor (${person(returned.by)}) sendte en anbefaling tilbake til programsekretariatet: ${returned.reason}` });
  }

  blocks.push({ kind: 'heading', text: 'Godkjenning' });
  if (context.approval && round.approvedAt) {
    const note = context.approval.note ? ` Merknad: ${context.approval.note}` : '';
    blocks.push({
      kind: 'paragraph',
      text: `Godkjent av rektor ${person(context.approval.by)} ${formatTime(round.approvedAt)}. Vedtaket gjaldt ${context.approval.decided} saker.${note}`,
    });
  } else {
    blocks.push({ kind: 'paragraph', text: `Runden er ikke godkjent. Status: ${input.stateLabel}.` });
  }

  return {
    title: `Protokoll: ${round.title}`,
    subtitle: `Prioriteringsrunde ${round.reference} · Utviklingsplan ${round.planYear}`,
    footer: `${round.reference} · Protokoll laget i Flyt ${formatTime(input.generatedAt)}`,
    blocks,
  };
}
