import PDFDocument from 'pdfkit';
import { pdfText } from '#flyt/documents';
import type { MinutesBlock, MinutesColumn, MinutesDocument } from './round-minutes.js';

/**
 * Lays the minutes out on A4 pages with pdfkit (docs/priority-rounds.md, "The development plan
 * and the minutes"), in the standard fonts: every text goes through `pdfText`.
 */

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const CELL_PADDING = 3;
const TABLE_SIZE = 8;
const TEXT_SIZE = 10;

type Doc = InstanceType<typeof PDFDocument>;

/** The minutes as a PDF. `createdAt` goes into the document's own information, for the archive. */
export function renderMinutesPdf(minutes: MinutesDocument, options: { author: string; createdAt: Date }): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 15, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'nb-NO',
    displayTitle: true,
    info: {
      Title: pdfText(minutes.title),
      Subject: pdfText(minutes.subtitle),
      Author: pdfText(options.author),
      Creator: 'Flyt',
      Producer: 'Flyt (pdfkit)',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(BOLD).fontSize(18).text(pdfText(minutes.title));
  doc.font(FONT).fontSize(11).fillColor('#444444').text(pdfText(minutes.subtitle)).fillColor('black');
  doc.moveDown(1);
  for (const block of minutes.blocks) renderBlock(doc, block);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Below the bottom margin pdfkit would start a new page for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#666666')
      .text(`${pdfText(minutes.footer)} · Side ${i + 1} av ${pages.count}`, MARGIN, doc.page.height - MARGIN, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
  doc.end();
  return finished;
}

const usableWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function renderBlock(doc: Doc, block: MinutesBlock): void {
  const x = doc.page.margins.left;
  switch (block.kind) {
    case 'heading':
      // A heading never stands alone at the foot of a page.
      ensureRoom(doc, 60);
      doc.moveDown(0.6).font(BOLD).fontSize(13).text(pdfText(block.text), x).moveDown(0.3);
      return;
    case 'subheading':
      ensureRoom(doc, 50);
      doc.moveDown(0.4).font(BOLD).fontSize(10.5).text(pdfText(block.text), x).moveDown(0.15);
      return;
    case 'paragraph':
      doc.font(FONT).fontSize(TEXT_SIZE).text(pdfText(block.text), x, doc.y, { width: usableWidth(doc) }).moveDown(0.4);
      return;
    case 'facts':
      renderTable(doc, [{ title: '', width: 1 }, { title: '', width: 2.4 }], block.rows.map(([k, v]) => [k, v]), { header: false, size: TEXT_SIZE, boldFirst: true });
      return;
    case 'table':
      renderTable(doc, block.columns, block.rows, { header: true, size: TABLE_SIZE, boldFirst: false });
      return;
  }
}

/** A table whose rows grow with their text and which repeats its header on every page it runs onto. */
function renderTable(doc: Doc, columns: readonly MinutesColumn[], rows: readonly string[][], options: { header: boolean; size: number; boldFirst: boolean }): void {
  const left = doc.page.margins.left;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usableWidth(doc));
  const cellWidth = (i: number) => widths[i]! - 2 * CELL_PADDING;

  // A cell never runs past a page: the minutes put long free text in paragraphs, and this holds if one slips through.
  const tallest = (pageBottom(doc) - doc.page.margins.top) / 2;
  const heightOf = (cells: readonly string[], bold: boolean) =>
    Math.min(
      tallest,
      Math.max(
        ...cells.map((text, i) => {
          doc.font(bold || (options.boldFirst && i === 0) ? BOLD : FONT).fontSize(options.size);
          return doc.heightOfString(pdfText(text || ' '), { width: cellWidth(i) });
        }),
      ),
    ) +
    2 * CELL_PADDING;

  const drawRow = (cells: readonly string[], bold: boolean, shade: boolean) => {
    const height = heightOf(cells, bold);
    const top = doc.y;
    if (shade) doc.rect(left, top, widths.reduce((a, b) => a + b, 0), height).fill('#eeeeee').fillColor('black');
    let cellX = left;
    cells.forEach((text, i) => {
      doc
        .font(bold || (options.boldFirst && i === 0) ? BOLD : FONT)
        .fontSize(options.size)
        .text(pdfText(text), cellX + CELL_PADDING, top + CELL_PADDING, { width: cellWidth(i), height: height - 2 * CELL_PADDING, ellipsis: true, align: columns[i]?.align ?? 'left' });
      cellX += widths[i]!;
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + widths.reduce((a, b) => a + b, 0), top + height)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke()
      .strokeColor('black');
    doc.x = left;
    doc.y = top + height;
  };

  const headerCells = columns.map((c) => c.title);
  const header = () => {
    if (options.header) drawRow(headerCells, true, true);
  };
  ensureRoom(doc, (options.header ? heightOf(headerCells, true) : 0) + (rows[0] ? heightOf(rows[0], false) : 0));
  header();
  for (const row of rows) {
    const height = heightOf(row, false);
    if (doc.y + height > pageBottom(doc)) {
      doc.addPage();
      header();
    }
    drawRow(row, false, false);
  }
  doc.moveDown(0.5);
}
