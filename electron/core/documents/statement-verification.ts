/**
 * The bottom block of the statement, right under the tables: the
 * verification QR code in the middle, how to verify and the notes in English
 * on its left and in Arabic on its right, and the verification link under it
 * all. Measured before drawing so the page can check that the tables above
 * leave it room.
 */
import { drawLine, drawParagraph, layoutLine, wrapText, type TextStyle } from './pdf-text.ts';
import { drawQr, QUIET_ZONE_MODULES, type QrSymbol } from './qr-vector.ts';
import type { Bilingual, StatementContent } from './statement-content.ts';
import { A4, COLOR, CONTENT_WIDTH, MARGIN, NOTE, QR_SIDE } from './statement-style.ts';

export interface QrBox {
  readonly x: number;
  readonly y: number;
  readonly side: number;
  readonly modules: number;
}

const URL_STYLE: TextStyle = { size: 7.5, color: COLOR.navy };
const URL_LINE_HEIGHT = 10;
const PARAGRAPH_GAP = 4;

interface Column {
  readonly direction: 'ltr' | 'rtl';
  readonly x: number;
  readonly width: number;
  readonly strong: TextStyle;
  readonly body: TextStyle;
  readonly lineHeight: number;
  readonly pick: (text: Bilingual) => string;
}

function columns(quiet: number): [Column, Column] {
  const width = (CONTENT_WIDTH - QR_SIDE) / 2 - quiet - 6;
  return [
    { direction: 'ltr', x: MARGIN, width, strong: NOTE.enStrong, body: NOTE.en, lineHeight: NOTE.enLineHeight, pick: (t) => t.en },
    { direction: 'rtl', x: A4.width - MARGIN - width, width, strong: NOTE.arStrong, body: NOTE.ar, lineHeight: NOTE.arLineHeight, pick: (t) => t.ar },
  ];
}

function paragraphs(content: StatementContent): { text: Bilingual; strong: boolean }[] {
  return [{ text: content.verify.heading, strong: true }, { text: content.verify.caption, strong: false }, ...content.notes.map((text) => ({ text, strong: false }))];
}

function columnHeight(doc: PDFKit.PDFDocument, content: StatementContent, column: Column): number {
  return paragraphs(content).reduce((sum, p) => sum + wrapText(doc, column.pick(p.text), column.direction, p.strong ? column.strong : column.body, column.width).length * column.lineHeight + PARAGRAPH_GAP, 0);
}

function urlLines(doc: PDFKit.PDFDocument, url: string): string[] {
  return wrapText(doc, url, 'ltr', URL_STYLE, CONTENT_WIDTH);
}

/** Height of the block, from its top rule to the last line of the link. */
export function verificationHeight(doc: PDFKit.PDFDocument, content: StatementContent, symbol: QrSymbol): number {
  const quiet = (QUIET_ZONE_MODULES * QR_SIDE) / symbol.size;
  const [en, ar] = columns(quiet);
  const body = Math.max(2 + QR_SIDE + quiet, columnHeight(doc, content, en), columnHeight(doc, content, ar));
  return 10 + body + urlLines(doc, content.verify.url).length * URL_LINE_HEIGHT;
}

/** Draws the block from `top` (its rule); returns where the QR symbol went. */
export function drawVerification(doc: PDFKit.PDFDocument, content: StatementContent, symbol: QrSymbol, top: number): QrBox {
  const quiet = (QUIET_ZONE_MODULES * QR_SIDE) / symbol.size;
  doc.save().lineWidth(0.5).strokeColor(COLOR.border).moveTo(MARGIN, top).lineTo(MARGIN + CONTENT_WIDTH, top).stroke().restore();

  const bodyTop = top + 10;
  const qr: QrBox = { x: (A4.width - QR_SIDE) / 2, y: bodyTop + 2, side: QR_SIDE, modules: symbol.size };
  drawQr(doc, symbol, qr);

  let bodyBottom = qr.y + QR_SIDE + quiet;
  for (const column of columns(quiet)) {
    let y = bodyTop;
    for (const p of paragraphs(content)) {
      y = drawParagraph(doc, column.pick(p.text), column.direction, p.strong ? column.strong : column.body, { x: column.x, width: column.width, top: y, lineHeight: column.lineHeight, align: 'start' }) + PARAGRAPH_GAP;
    }
    bodyBottom = Math.max(bodyBottom, y);
  }
  let baseline = bodyBottom + URL_LINE_HEIGHT * 0.6;
  for (const line of urlLines(doc, content.verify.url)) {
    drawLine(doc, layoutLine(doc, line, 'ltr', URL_STYLE), URL_STYLE, { x: MARGIN, width: CONTENT_WIDTH, baseline, align: 'center' });
    baseline += URL_LINE_HEIGHT;
  }
  return qr;
}
