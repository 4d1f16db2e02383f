/**
 * The statement's data tables: a section title bar (English left, Arabic
 * right) and rows of English label | value | Arabic label. Values are centred
 * in their column whatever their direction, so an Arabic name and a Latin CPR
 * line up the same way. Rows grow to fit wrapped text.
 */
import { drawLine, layoutLine, wrapText } from './pdf-text.ts';
import type { Bilingual, StatementRow, StatementSection, ValueLine } from './statement-content.ts';
import { CELL_PAD, COLOR, CONTENT_WIDTH, LABEL_WIDTH, MARGIN, SECTION_HEADER_HEIGHT, SECTION_TITLE, VALUE_WIDTH, type TableMetrics } from './statement-style.ts';

interface RowLines {
  readonly en: string[];
  readonly ar: string[];
  readonly values: ValueLine[];
  readonly height: number;
}

function rowLines(doc: PDFKit.PDFDocument, row: StatementRow, m: TableMetrics): RowLines {
  const labelWidth = LABEL_WIDTH - 2 * CELL_PAD;
  const en = wrapText(doc, row.label.en, 'ltr', m.enLabel, labelWidth);
  const ar = wrapText(doc, row.label.ar, 'rtl', m.arLabel, labelWidth);
  const values = row.value.flatMap((line) => wrapText(doc, line.text, line.direction, m.value, VALUE_WIDTH - 2 * CELL_PAD).map((text) => ({ text, direction: line.direction })));
  const lines = Math.max(values.length, en.length, ar.length);
  return { en, ar, values, height: Math.max(m.minRowHeight, 8 + lines * m.lineHeight) };
}

/** Baselines of `count` lines centred vertically in a cell. */
function baselines(top: number, height: number, count: number, lineHeight: number): number[] {
  const first = top + (height - count * lineHeight) / 2 + lineHeight * 0.72;
  return Array.from({ length: count }, (_, i) => first + i * lineHeight);
}

function drawRow(doc: PDFKit.PDFDocument, lines: RowLines, top: number, striped: boolean, m: TableMetrics): void {
  const { height } = lines;
  const x = MARGIN;
  const valueX = x + LABEL_WIDTH;
  const arX = valueX + VALUE_WIDTH;
  if (striped) doc.rect(x, top, CONTENT_WIDTH, height).fill(COLOR.stripe);
  doc.save().lineWidth(0.5).strokeColor(COLOR.border);
  doc.moveTo(x, top + height).lineTo(x + CONTENT_WIDTH, top + height).stroke();
  doc.moveTo(valueX, top).lineTo(valueX, top + height).stroke();
  doc.moveTo(arX, top).lineTo(arX, top + height).stroke();
  doc.restore();

  const cell = LABEL_WIDTH - 2 * CELL_PAD;
  const enBase = baselines(top, height, lines.en.length, m.lineHeight);
  lines.en.forEach((text, i) => drawLine(doc, layoutLine(doc, text, 'ltr', m.enLabel), m.enLabel, { x: x + CELL_PAD, width: cell, baseline: enBase[i] ?? top, align: 'left' }));
  const arBase = baselines(top, height, lines.ar.length, m.lineHeight);
  lines.ar.forEach((text, i) => drawLine(doc, layoutLine(doc, text, 'rtl', m.arLabel), m.arLabel, { x: arX + CELL_PAD, width: cell, baseline: arBase[i] ?? top, align: 'right' }));
  const valueBase = baselines(top, height, lines.values.length, m.lineHeight);
  lines.values.forEach((line, i) =>
    drawLine(doc, layoutLine(doc, line.text, line.direction, m.value), m.value, { x: valueX + CELL_PAD, width: VALUE_WIDTH - 2 * CELL_PAD, baseline: valueBase[i] ?? top, align: 'center' }),
  );
}

function drawSectionTitle(doc: PDFKit.PDFDocument, title: Bilingual, top: number): void {
  doc.rect(MARGIN, top, CONTENT_WIDTH, SECTION_HEADER_HEIGHT).fill(COLOR.sectionFill);
  const baseline = top + 14;
  const half = CONTENT_WIDTH / 2 - CELL_PAD;
  drawLine(doc, layoutLine(doc, title.en, 'ltr', SECTION_TITLE.en), SECTION_TITLE.en, { x: MARGIN + CELL_PAD, width: half, baseline, align: 'left' });
  drawLine(doc, layoutLine(doc, title.ar, 'rtl', SECTION_TITLE.ar), SECTION_TITLE.ar, { x: MARGIN + CONTENT_WIDTH / 2, width: half, baseline, align: 'right' });
}

/** Height all sections take from their top, gaps included, without drawing. */
export function sectionsHeight(doc: PDFKit.PDFDocument, sections: readonly StatementSection[], m: TableMetrics): number {
  let height = 0;
  for (const section of sections) {
    height += SECTION_HEADER_HEIGHT + section.rows.reduce((sum, row) => sum + rowLines(doc, row, m).height, 0) + m.sectionGap;
  }
  return height - m.sectionGap;
}

/** Draws the sections from `top`; returns the y below the last one. */
export function drawSections(doc: PDFKit.PDFDocument, sections: readonly StatementSection[], top: number, m: TableMetrics): number {
  let y = top;
  sections.forEach((section, index) => {
    if (index > 0) y += m.sectionGap;
    const sectionTop = y;
    drawSectionTitle(doc, section.title, y);
    y += SECTION_HEADER_HEIGHT;
    section.rows.forEach((row, i) => {
      const lines = rowLines(doc, row, m);
      drawRow(doc, lines, y, i % 2 === 1, m);
      y += lines.height;
    });
    doc.save().lineWidth(0.8).rect(MARGIN, sectionTop, CONTENT_WIDTH, y - sectionTop).stroke(COLOR.navy).restore();
  });
  return y;
}
