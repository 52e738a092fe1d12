import PDFDocument from 'pdfkit';
import { PDF_CONTENT_TYPE, pdfText } from '#flyt/documents';
import { ANNUAL_REPORT_WORDS, type AnnualReport, type BenefitTotals, type LeadTimes, type Locale } from './reports.js';

/**
 * The rector's annual report to the board as a PDF on A4 (docs/projects.md, "Reports"). Laid out
 * the way the priority round's minutes are (libs/portfolio/src/rounds/minutes-pdf.ts): the
 * standard Helvetica, not embedded, so every text goes through `pdfText` (a process or case title
 * is someone's input and may hold anything); headings, short paragraphs and tables that repeat
 * their header on a new page; page numbers in the footer.
 */

export const ANNUAL_REPORT_PDF_CONTENT_TYPE = PDF_CONTENT_TYPE;

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const PADDING = 3;
const TABLE_SIZE = 8.5;
const TEXT_SIZE = 10;

type Doc = InstanceType<typeof PDFDocument>;

interface Column {
  title: string;
  width: number;
  right?: boolean;
}

const LOCALE_TAG: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

export function annualReportPdf(report: AnnualReport, locale: Locale): Promise<Buffer> {
  const w = (key: keyof typeof ANNUAL_REPORT_WORDS) => ANNUAL_REPORT_WORDS[key][locale];
  const number = new Intl.NumberFormat(LOCALE_TAG[locale], { maximumFractionDigits: 1 });
  const kroner = new Intl.NumberFormat(LOCALE_TAG[locale], { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 });
  const days = (n: number | null) => (n === null ? '–' : number.format(n));
  const generated = new Date(report.generatedAt);
  const title = `${w('title')} ${report.year}`;

  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 15, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: LOCALE_TAG[locale],
    displayTitle: true,
    // The dates come from the report, not the clock: the same report gives the same document.
    info: { Title: pdfText(title), Subject: pdfText(w('subtitle')), Creator: 'Flyt', Producer: 'Flyt (pdfkit)', CreationDate: generated, ModDate: generated },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN;
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    room(70);
    doc.moveDown(0.6).font(BOLD).fontSize(13).text(pdfText(text), left).moveDown(0.3);
  };
  const paragraph = (text: string) => {
    doc.font(FONT).fontSize(TEXT_SIZE).text(pdfText(text), left, doc.y, { width: width() }).moveDown(0.4);
  };
  const table = (columns: Column[], rows: string[][]) => {
    if (rows.length === 0) {
      paragraph(w('none'));
      return;
    }
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * width());
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((text, i) => doc.font(bold ? BOLD : FONT).fontSize(TABLE_SIZE).heightOfString(pdfText(text || ' '), { width: widths[i]! - 2 * PADDING }))) + 2 * PADDING;
    const row = (cells: string[], bold: boolean) => {
      const height = heightOf(cells, bold);
      const top = doc.y;
      if (bold) doc.rect(left, top, width(), height).fill('#eeeeee').fillColor('black');
      let x = left;
      cells.forEach((text, i) => {
        doc
          .font(bold ? BOLD : FONT)
          .fontSize(TABLE_SIZE)
          .text(pdfText(text), x + PADDING, top + PADDING, { width: widths[i]! - 2 * PADDING, align: columns[i]!.right ? 'right' : 'left' });
        x += widths[i]!;
      });
      doc.moveTo(left, top + height).lineTo(left + width(), top + height).lineWidth(0.5).strokeColor('#bbbbbb').stroke().strokeColor('black');
      doc.x = left;
      doc.y = top + height;
    };
    const header = columns.map((c) => c.title);
    room(heightOf(header, true) + heightOf(rows[0]!, false));
    row(header, true);
    for (const cells of rows) {
      if (doc.y + heightOf(cells, false) > bottom()) {
        doc.addPage();
        row(header, true);
      }
      row(cells, false);
    }
    doc.moveDown(0.6);
  };

  doc.font(BOLD).fontSize(18).text(pdfText(title));
  doc.font(FONT).fontSize(11).fillColor('#444444').text(pdfText(w('subtitle'))).fillColor('black');
  doc.moveDown(0.8);

  heading(w('cases'));
  paragraph(`${w('reported')}: ${report.cases.reported}.`);
  table(
    [
      { title: w('state'), width: 4 },
      { title: w('reported'), width: 1, right: true },
    ],
    report.cases.byState.map((s) => [s.label[locale], String(s.cases)]),
  );
  table(
    [
      { title: w('process'), width: 4 },
      { title: w('reported'), width: 1.2, right: true },
      { title: w('decided'), width: 1.2, right: true },
      { title: w('localCompleted'), width: 1.8, right: true },
    ],
    report.cases.byProcess.map((p) => [p.processName, String(p.reported), String(p.decided), String(p.localImprovementsCompleted)]),
  );

  heading(w('leadTimes'));
  paragraph(w('leadTimesNote'));
  const timeRow = (label: string, t: LeadTimes) => [label, String(t.decisions), days(t.medianDays), days(t.meanDays)];
  table(
    [
      { title: '', width: 4 },
      { title: w('decisions'), width: 1.2, right: true },
      { title: w('medianDays'), width: 1.4, right: true },
      { title: w('meanDays'), width: 1.6, right: true },
    ],
    [timeRow(w('allDecisions'), report.leadTimes), ...report.leadTimes.byDecision.map((d) => timeRow(d.label[locale], d))],
  );

  heading(w('localImprovements'));
  table(
    [
      { title: w('completedOn'), width: 1.3 },
      { title: '', width: 5 },
      { title: w('process'), width: 2.5 },
    ],
    report.localImprovements.map((l) => [l.completedOn, `${l.reference} ${l.title}`, l.processName]),
  );

  heading(w('projects'));
  table(
    [
      { title: w('phase'), width: 4 },
      { title: w('project'), width: 1.2, right: true },
      { title: w('late'), width: 1.2, right: true },
      { title: w('onHold'), width: 1.2, right: true },
    ],
    report.projects.byStage.filter((s) => s.projects > 0).map((s) => [s.label[locale], String(s.projects), String(s.late), String(s.onHold)]),
  );
  table(
    [
      { title: w('project'), width: 4.5 },
      { title: w('phase'), width: 2 },
      { title: w('nextGate'), width: 1.3 },
      { title: w('plannedOn'), width: 1.5 },
      { title: '', width: 1.7 },
    ],
    report.projects.projects.map((p) => [
      `${p.reference} ${p.title}`,
      p.stageLabel[locale],
      p.nextGate ?? '–',
      p.plannedGateOn ?? '–',
      [p.late ? w('late') : '', p.onHold ? w('onHold') : ''].filter(Boolean).join(', '),
    ]),
  );

  heading(w('benefits'));
  paragraph(w('realisedNote'));
  const totalsRow = (label: string, t: BenefitTotals) => [label, String(t.benefits), String(t.met), String(t.notMet), String(t.notMeasured), kroner.format(t.plannedYearlyNok), kroner.format(t.realisedYearlyNok)];
  table(
    [
      { title: '', width: 4 },
      { title: w('benefitCount'), width: 1.2, right: true },
      { title: w('met'), width: 1.2, right: true },
      { title: w('notMet'), width: 1.2, right: true },
      { title: w('notMeasured'), width: 1.4, right: true },
      { title: w('plannedNok'), width: 2, right: true },
      { title: w('realisedNok'), width: 2, right: true },
    ],
    [
      totalsRow(w('benefitsInYear'), report.benefits.inYear),
      totalsRow(w('allBenefits'), report.benefits.report.totals),
      ...report.benefits.report.byProject.map((p) => totalsRow(`${p.reference} ${p.title}`, p)),
    ],
  );

  const footer = `${title} · Flyt · ${new Intl.DateTimeFormat(LOCALE_TAG[locale], { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(generated)}`;
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Below the bottom margin pdfkit would start a new page for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const page = locale === 'nb' ? `Side ${i + 1} av ${pages.count}` : `Page ${i + 1} of ${pages.count}`;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#666666')
      .text(pdfText(`${footer} · ${page}`), MARGIN, doc.page.height - MARGIN, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor('black');
  doc.end();
  return finished;
}
