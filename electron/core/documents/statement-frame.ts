/**
 * The statement's frame: the header band with the authority's name (English
 * left, Arabic right, a seal between), the bilingual title, and the footer.
 */
import { drawLine, layoutLine, wrapText, type TextStyle } from './pdf-text.ts';
import type { Bilingual, StatementContent } from './statement-content.ts';
import { A4, COLOR, CONTENT_WIDTH, FOOTER_TOP, HEADER_HEIGHT, MARGIN } from './statement-style.ts';

/** A plain geometric seal (an eight-pointed star in two rings), deliberately no real state emblem. */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number): void {
  doc.save();
  doc.lineWidth(1.6).circle(cx, cy, r).stroke(COLOR.gold);
  doc.lineWidth(0.7).circle(cx, cy, r - 4).stroke(COLOR.gold);
  const star: number[][] = [];
  for (let i = 0; i < 16; i++) {
    const radius = i % 2 === 0 ? r - 8 : (r - 8) * 0.62;
    const angle = (Math.PI / 8) * i - Math.PI / 2;
    star.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  doc.polygon(...star).fill(COLOR.gold);
  doc.circle(cx, cy, (r - 8) * 0.3).fill(COLOR.navy);
  doc.restore();
}

export function drawHeader(doc: PDFKit.PDFDocument, content: StatementContent): void {
  doc.rect(0, 0, A4.width, HEADER_HEIGHT).fill(COLOR.navy);
  doc.rect(0, HEADER_HEIGHT, A4.width, 3).fill(COLOR.gold);
  drawSeal(doc, A4.width / 2, HEADER_HEIGHT / 2, 27);
  // Each side stops well short of the seal; a long name wraps to a second line.
  const sideWidth = A4.width / 2 - MARGIN - 46;
  const sides = [
    { name: content.authority.en, line: content.authorityLine.en, direction: 'ltr', x: MARGIN, nameStyle: { size: 12, weight: 'bold', color: COLOR.white }, lineStyle: { size: 8.5, color: COLOR.navyText } },
    { name: content.authority.ar, line: content.authorityLine.ar, direction: 'rtl', x: A4.width - MARGIN - sideWidth, nameStyle: { size: 13, weight: 'bold', color: COLOR.white }, lineStyle: { size: 9.5, color: COLOR.navyText } },
  ] as const;
  for (const side of sides) {
    const names = wrapText(doc, side.name, side.direction, side.nameStyle, sideWidth);
    let baseline = HEADER_HEIGHT / 2 - ((names.length - 1) * 17) / 2 - 2;
    for (const name of names) {
      drawLine(doc, layoutLine(doc, name, side.direction, side.nameStyle), side.nameStyle, { x: side.x, width: sideWidth, baseline });
      baseline += 17;
    }
    drawLine(doc, layoutLine(doc, side.line, side.direction, side.lineStyle), side.lineStyle, { x: side.x, width: sideWidth, baseline: baseline + 1 });
  }
}

/** Arabic title above the English one, centred; returns the y where content may start. */
export function drawTitle(doc: PDFKit.PDFDocument, title: Bilingual): number {
  const arStyle: TextStyle = { size: 20, weight: 'bold', color: COLOR.navy };
  const enStyle: TextStyle = { size: 14, weight: 'bold', color: COLOR.navy };
  drawLine(doc, layoutLine(doc, title.ar, 'rtl', arStyle), arStyle, { x: MARGIN, width: CONTENT_WIDTH, baseline: HEADER_HEIGHT + 38, align: 'center' });
  drawLine(doc, layoutLine(doc, title.en, 'ltr', enStyle), enStyle, { x: MARGIN, width: CONTENT_WIDTH, baseline: HEADER_HEIGHT + 60, align: 'center' });
  return HEADER_HEIGHT + 76;
}

export function drawFooter(doc: PDFKit.PDFDocument, content: StatementContent, reference: string): void {
  doc.rect(0, A4.height - 8, A4.width, 8).fill(COLOR.navy);
  doc.save().lineWidth(0.5).strokeColor(COLOR.gold).moveTo(MARGIN, FOOTER_TOP).lineTo(A4.width - MARGIN, FOOTER_TOP).stroke().restore();
  const en: TextStyle = { size: 7.5, color: COLOR.muted };
  const ar: TextStyle = { size: 8.5, color: COLOR.muted };
  const half = CONTENT_WIDTH / 2;
  drawLine(doc, layoutLine(doc, content.demo.en, 'ltr', en), en, { x: MARGIN, width: half, baseline: FOOTER_TOP + 13, align: 'left' });
  drawLine(doc, layoutLine(doc, content.demo.ar, 'rtl', ar), ar, { x: MARGIN + half, width: half, baseline: FOOTER_TOP + 13, align: 'right' });
  drawLine(doc, layoutLine(doc, `${reference} · Page 1 of 1`, 'ltr', en), en, { x: MARGIN, width: half, baseline: FOOTER_TOP + 26, align: 'left' });
  drawLine(doc, layoutLine(doc, `صفحة 1 من 1 · ${reference}`, 'rtl', ar), ar, { x: MARGIN + half, width: half, baseline: FOOTER_TOP + 26, align: 'right' });
}
