import { PDFParse } from 'pdf-parse';
import { annualReportPdf } from './annual-report-pdf.js';
import { type AnnualCaseRow, annualReport, type AnnualReportInput, type Locale } from './reports.js';

const ADMISSIONS = { id: 'p-opptak', name: 'Opptak og studieadministrasjon' };

// Sixty local improvements completed in the year, so the tables run over several pages.
const completed = (n: number, title = `Forbedring ${n}`): AnnualCaseRow => ({
  id: `c${n}`,
  reference: `FLYT-2027-${String(n).padStart(4, '0')}`,
  title,
  process: ADMISSIONS,
  state: 'implemented',
  stateLabel: { nb: 'Gjennomført lokalt', en: 'Implemented locally' },
  events: [
    { type: 'SUBMIT', to: 'submitted', occurredAt: '2027-02-01T10:00:00.000Z' },
    { type: 'ACCEPT_LOCAL', to: 'localImprovement.plan', occurredAt: '2027-02-11T10:00:00.000Z' },
    { type: 'COMPLETE_STEP', to: 'implemented', occurredAt: '2027-10-01T10:00:00.000Z' },
  ],
});

const INPUT: AnnualReportInput = {
  year: 2027,
  today: '2028-01-15',
  generatedAt: '2028-01-15T08:00:00.000Z',
  cases: [completed(1, 'Łódź-avtalen 🚀 og «sitat» – ærlig talt'), ...Array.from({ length: 59 }, (_, i) => completed(i + 2))],
  projects: [
    { id: 'x1', reference: 'PROSJEKT-1', title: 'Nytt opptak', process: ADMISSIONS, phase: 'planning', ended: null, onHold: false, plannedGateOn: '2027-11-01' },
  ],
  benefits: [],
};

async function textOf(locale: Locale) {
  const pdf = await annualReportPdf(annualReport(INPUT), locale);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text, total } = await parser.getText();
    const { info } = await parser.getInfo();
    return { text, total, info: info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

describe('the annual report as a PDF', () => {
  it('in bokmål holds the title, the figures and the cases, over pages numbered in the footer', async () => {
    const { text, total, info } = await textOf('nb');
    expect(total).toBeGreaterThan(1);
    for (const expected of [
      'Rektors årsrapport til styret 2027',
      'Tid fra innmelding til beslutning',
      'Tatt inn som lokal forbedring',
      'Opptak og studieadministrasjon',
      'FLYT-2027-0060',
      'PROSJEKT-1 Nytt opptak',
      'Planlegging',
      `Side ${total} av ${total}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(info).toMatchObject({ Title: 'Rektors årsrapport til styret 2027', Creator: 'Flyt' });
  });

  it('draws a title with letters and signs the standard font lacks, with stand-ins', async () => {
    const { text } = await textOf('nb');
    expect(text).toContain('Lódz-avtalen ? og «sitat» – ærlig talt');
  });

  it('in English speaks English', async () => {
    const { text, total } = await textOf('en');
    for (const expected of ["The rector's annual report to the board 2027", 'Time from report to decision', 'Accepted as a local improvement', 'Planning', `Page 1 of ${total}`]) {
      expect(text).toContain(expected);
    }
  });
});
