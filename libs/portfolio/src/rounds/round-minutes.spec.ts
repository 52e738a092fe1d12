import { PDFParse } from 'pdf-parse';
import type { RoundData, VoteRow } from '../round-store.js';
import { pdfText } from '#flyt/documents';
import { renderMinutesPdf } from './minutes-pdf.js';
import { scenarioResult } from './round-result.js';
import { type MinutesBlock, type MinutesInput, roundMinutes, weightedMean } from './round-minutes.js';

const AT = new Date('2026-12-01T09:30:00Z');
const CRITERIA = [
  { key: 'userValue', labelNb: 'Brukerverdi', labelEn: 'User value', weight: 2 },
  { key: 'quality', labelNb: 'Kvalitet', labelEn: 'Quality', weight: 1 },
];
const MEMBERS = [
  { userId: 'm1', name: 'Åse Ødegård', unitPath: ['uni'] },
  { userId: 'm2', name: 'Per Ærlig', unitPath: ['uni'] },
  { userId: 'm3', name: 'Kari Nord', unitPath: ['uni'] },
];
const candidate = (n: number, cost: number, extra: Partial<RoundData['candidates'][number]> = {}): RoundData['candidates'][number] => ({
  caseId: `c${n}`,
  reference: `FLYT-2026-000${n}`,
  title: `Forbedring ${n}`,
  caseState: 'awaitingPrioritisation',
  processId: 'p1',
  processName: 'Saksbehandling',
  reportingUnitPath: ['uni'],
  costShiftUnitPaths: [],
  costByYear: { '2027': cost, '2028': 100_000 },
  mandatory: false,
  carriedOver: false,
  ifLeftOut: 'defer',
  declineReason: null,
  ...extra,
});

const DATA: RoundData = {
  round: {
    id: 'r1',
    reference: 'RUNDE-7',
    title: 'Utviklingsplan 2027 – «hovedrunden»',
    planYear: 2027,
    boardDecision: 'Styresak 45/26',
    quorum: 2 / 3,
    scoreFloor: null,
    state: 'approved',
    closesAt: new Date('2026-11-20T11:00:00Z'),
    recommendedScenarioId: 's1',
    approvedAt: new Date('2026-12-01T08:00:00Z'),
    createdBy: 'sec',
    createdAt: AT,
    updatedAt: AT,
  },
  budget: [
    { year: 2027, amountNok: 1_000_000 },
    { year: 2028, amountNok: 500_000 },
  ],
  criteria: CRITERIA,
  members: MEMBERS,
  candidates: [candidate(1, 600_000), candidate(2, 500_000, { carriedOver: true }), candidate(3, 300_000, { ifLeftOut: 'decline', declineReason: 'Dekkes av fakultetet.' })],
  dependencies: [],
  alternatives: [],
  conflicts: [
    {
      memberId: 'm3',
      memberName: 'Kari Nord',
      caseId: 'c2',
      declaredAt: new Date('2026-11-10T10:00:00Z'),
      reason: 'Min enhet meldte saken',
      decision: 'upheld',
      decisionNote: 'Riktig',
      decidedBy: 'sec',
      decidedAt: new Date('2026-11-11T10:00:00Z'),
    },
  ],
};

const vote = (memberId: string, caseId: string, userValue: number, quality: number, comment: string | null = null): VoteRow => ({
  memberId,
  caseId,
  scores: { userValue, quality },
  comment,
  updatedAt: AT,
});
const VOTES = [
  vote('m1', 'c1', 5, 4, 'Svært viktig for studentene'),
  vote('m1', 'c2', 2, 2),
  vote('m1', 'c3', 4, 4),
  vote('m2', 'c1', 4, 4),
  vote('m2', 'c2', 3, 1),
  vote('m2', 'c3', 5, 5),
  vote('m3', 'c1', 3, 3),
  vote('m3', 'c3', 1, 1),
];

async function input(overrides: Partial<MinutesInput> = {}): Promise<MinutesInput> {
  const result = await scenarioResult(
    {
      criteria: CRITERIA.map((c) => ({ key: c.key, label: { nb: c.labelNb, en: c.labelEn }, weight: c.weight })),
      budgetByYear: { '2027': 1_000_000, '2028': 500_000 },
      scoreFloor: null,
      quorum: 2 / 3,
      memberIds: MEMBERS.map((m) => m.userId),
      candidates: DATA.candidates,
      dependencies: [],
      alternatives: [],
      ballots: [
        { memberId: 'm1', scores: { c1: { userValue: 5, quality: 4 }, c2: { userValue: 2, quality: 2 }, c3: { userValue: 4, quality: 4 } } },
        { memberId: 'm2', scores: { c1: { userValue: 4, quality: 4 }, c2: { userValue: 3, quality: 1 }, c3: { userValue: 5, quality: 5 } } },
        { memberId: 'm3', scores: { c1: { userValue: 3, quality: 3 }, c3: { userValue: 1, quality: 1 } } },
      ],
      conflicts: [{ memberId: 'm3', caseId: 'c2' }],
    },
    {},
  );
  const scenario = { name: 'Programrådets oppsett', baseline: true, recommended: true, result };
  return {
    data: DATA,
    stateLabel: 'Godkjent av rektor',
    votes: VOTES,
    scenario,
    scenarios: [scenario, { ...scenario, name: 'Med større ramme', baseline: false, recommended: false }],
    context: {
      votingClosedBy: 'deadline',
      extension: null,
      recommendation: { scenarioId: 's1', note: 'Rådets oppsett', by: 'sec' },
      returns: [{ scenarioId: 's1', reason: 'Se på sak 3 igjen', by: 'rector' }],
      approval: { note: 'Vedtatt', by: 'rector', decided: 3 },
    },
    people: new Map([
      ['sec', 'Sekretær Sand'],
      ['rector', 'Rektor Rønning'],
    ]),
    generatedAt: AT,
    ...overrides,
  };
}

const texts = (blocks: readonly MinutesBlock[]) =>
  blocks.flatMap((b) => (b.kind === 'table' ? [...b.columns.map((c) => c.title), ...b.rows.flat()] : b.kind === 'facts' ? b.rows.flat() : [b.text])).join('\n');

const table = (blocks: readonly MinutesBlock[], after: string) => {
  const at = blocks.findIndex((b) => (b.kind === 'heading' || b.kind === 'subheading') && b.text === after);
  const found = blocks.slice(at).find((b): b is Extract<MinutesBlock, { kind: 'table' }> => b.kind === 'table');
  if (at < 0 || !found) throw new Error(`no table after ${after}`);
  return found;
};

describe('the minutes of a round', () => {
  it('weighs a member’s scores as the tally does', () => {
    expect(weightedMean({ userValue: 5, quality: 2 }, CRITERIA)).toBe(4);
    expect(weightedMean({ userValue: 5 }, CRITERIA)).toBeNull();
  });

  it('holds the set-up, every member’s scores per case, the conflicts, the portfolio with explanations and greedy, the recommendation and the approval', async () => {
    const minutes = roundMinutes(await input());
    expect(minutes.title).toBe('Protokoll: Utviklingsplan 2027 – «hovedrunden»');
    expect(minutes.subtitle).toBe('Prioriteringsrunde RUNDE-7 · Utviklingsplan 2027');
    const all = texts(minutes.blocks);
    for (const expected of ['Styresak 45/26', 'Brukerverdi', 'Åse Ødegård', 'FLYT-2026-0003', 'Saksbehandling', 'Svært viktig for studentene', 'Min enhet meldte saken', 'Rådets oppsett', 'Se på sak 3 igjen', 'Vedtatt']) {
      expect(all).toContain(expected);
    }
    expect(table(minutes.blocks, 'Kriterier og vekter').rows).toEqual([
      ['K1', 'Brukerverdi', '2,00', expect.stringMatching(/^66,7\s?%$/)],
      ['K2', 'Kvalitet', '1,00', expect.stringMatching(/^33,3\s?%$/)],
    ]);
    // Case 2: Kari is conflicted (upheld) and left out of its tally.
    expect(table(minutes.blocks, 'FLYT-2026-0002 Forbedring 2').columns.map((c) => c.title)).toEqual(['Medlem', 'K1', 'K2', 'Vektet']);
    expect(table(minutes.blocks, 'FLYT-2026-0002 Forbedring 2').rows).toEqual([
      ['Åse Ødegård', '2', '2', '2,00'],
      ['Per Ærlig', '3', '1', '2,33'],
      ['Kari Nord', '–', '–', 'inhabil'],
    ]);
    expect(all).toContain('Inhabile, holdt utenfor: Kari Nord');
    expect(table(minutes.blocks, 'Inhabilitet').rows[0]).toEqual(['Kari Nord', 'FLYT-2026-0002', '10. november 2026', expect.stringContaining('Opprettholdt: holdt utenfor (Sekretær Sand, 11. november 2026)')]);
    const portfolio = table(minutes.blocks, 'Anbefalt portefølje');
    expect(portfolio.columns.map((c) => c.title)).toEqual(['Sak', 'Tittel', 'Poeng', 'Utfall', 'Begrunnelse']);
    for (const row of portfolio.rows) expect(row[4]!.length).toBeGreaterThan(5);
    expect(portfolio.rows.map((r) => r[3])).toEqual(expect.arrayContaining(['Prioriteres']));
    expect(all).toMatch(/grådig rangering/);
    expect(all).toContain('Godkjent av rektor Rektor Rønning 1. desember 2026 kl. 09:00. Vedtaket gjaldt 3 saker. Merknad: Vedtatt');
    expect(all).toContain('Programsekretariatet (Sekretær Sand) anbefalte scenarioet «Programrådets oppsett»');
  });

  it('before a recommendation shows the council’s own portfolio and the round’s state instead of an approval', async () => {
    const base = await input();
    const minutes = roundMinutes({
      ...base,
      data: { ...DATA, round: { ...DATA.round, state: 'closed', approvedAt: null, recommendedScenarioId: null } },
      stateLabel: 'Stemmegivningen er avsluttet',
      scenario: { ...base.scenario!, recommended: false },
      scenarios: [{ ...base.scenario!, recommended: false }],
      context: { ...base.context, recommendation: null, returns: [], approval: null },
    });
    const headings = minutes.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toContain('Programrådets portefølje (ikke anbefalt ennå)');
    expect(headings).not.toContain('Anbefalt portefølje');
    const all = texts(minutes.blocks);
    expect(all).toContain('Programsekretariatet har ikke anbefalt en portefølje ennå.');
    expect(all).toContain('Runden er ikke godkjent. Status: Stemmegivningen er avsluttet.');
  });
});

describe('the minutes as a PDF', () => {
  it('draws Norwegian letters and typography in the standard font, with stand-ins for what it lacks', () => {
    expect(pdfText('Rådsmedlem Ærlig Øst – «sitat» “x” … €')).toBe('Rådsmedlem Ærlig Øst – «sitat» “x” … €');
    expect(pdfText('\u22121\u202f200 ≥ 3 → ok')).toBe('-1\u00a0200 >= 3 -> ok');
    expect(pdfText('Łódź 🚀 a\tb\u0007c')).toBe('Lódz ? a b c');
    expect(pdfText('linje 1\nlinje 2')).toBe('linje 1\nlinje 2');
  });

  it('is a PDF whose text holds the title, the members and the cases, over pages numbered in the footer', async () => {
    const base = await input();
    // Many cases, so the tables run onto more pages and repeat their headers.
    const many = Array.from({ length: 40 }, (_, i) => candidate(i + 10, 10_000, { reference: `FLYT-2026-${String(i + 10).padStart(4, '0')}`, caseId: `x${i}` }));
    const minutes = roundMinutes({ ...base, data: { ...DATA, candidates: [...DATA.candidates, ...many] } });
    const pdf = await renderMinutesPdf(minutes, { author: 'Programmet', createdAt: AT });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      const { text, total } = await parser.getText();
      expect(total).toBeGreaterThan(2);
      for (const expected of ['Protokoll: Utviklingsplan 2027 – «hovedrunden»', 'Åse Ødegård', 'Per Ærlig', 'FLYT-2026-0001', 'FLYT-2026-0049', 'Styresak 45/26', `Side ${total} av ${total}`]) {
        expect(text).toContain(expected);
      }
      const info = await parser.getInfo();
      expect(info.info).toMatchObject({ Title: 'Protokoll: Utviklingsplan 2027 – «hovedrunden»', Creator: 'Flyt' });
    } finally {
      await parser.destroy();
    }
  });
});
