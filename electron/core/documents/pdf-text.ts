/**
 * Bidi-correct text for pdfkit. pdfkit shapes glyphs (through fontkit) but has
 * no right-to-left layout: a plain `text()` call lays words out in logical
 * order, which puts Arabic words in reverse. So every line goes through
 * bidi-runs.ts and is drawn here run by run, left to right, at measured widths.
 *
 * How a run reaches pdfkit:
 *  - left-to-right runs as they are;
 *  - right-to-left Arabic runs in logical order: fontkit shapes them (joining
 *    forms, lam-alef ligature, marks) and returns the glyphs in visual order;
 *  - right-to-left runs fontkit would not reverse (Latin punctuation such as
 *    ": ", or Arabic punctuation with no letter) reversed here.
 *
 * `features: []` is passed on purpose: without it pdfkit splits the text at
 * spaces and shapes each word alone, which reverses the word order inside an
 * Arabic run a second time.
 */
import { hasArabicLetter, visualRuns, type Direction, type VisualRun } from './bidi-runs.ts';
import { selectFont, type Weight } from './pdf-fonts.ts';
import { withSourceText } from './unique-glyph-encoding.ts';

export interface TextStyle {
  readonly size: number;
  readonly weight?: Weight;
  readonly color?: string;
}

export interface PlacedRun {
  readonly run: VisualRun;
  /** What pdfkit is given: visual order except for Arabic runs, which fontkit reverses. */
  readonly drawText: string;
  readonly width: number;
}

export interface LaidOutLine {
  readonly text: string;
  readonly direction: Direction;
  readonly runs: readonly PlacedRun[];
  readonly width: number;
}

export type Align = 'left' | 'right' | 'center' | 'start' | 'end';

const TEXT_OPTIONS: PDFKit.Mixins.TextOptions = { lineBreak: false, features: [], baseline: 'alphabetic' };

export function drawTextFor(run: VisualRun): string {
  if (!run.rtl) return run.text;
  if (run.script === 'arabic' && hasArabicLetter(run.text)) return run.text;
  return [...run.text].reverse().join('');
}

export function layoutLine(doc: PDFKit.PDFDocument, text: string, direction: Direction, style: TextStyle): LaidOutLine {
  const runs = visualRuns(text.trim(), direction).map((run): PlacedRun => {
    selectFont(doc, run.script, style.weight ?? 'regular', style.size);
    const drawText = drawTextFor(run);
    return { run, drawText, width: doc.widthOfString(drawText, TEXT_OPTIONS) };
  });
  return { text, direction, runs, width: runs.reduce((sum, r) => sum + r.width, 0) };
}

function startX(line: LaidOutLine, x: number, width: number, align: Align): number {
  const resolved = align === 'start' ? (line.direction === 'rtl' ? 'right' : 'left') : align === 'end' ? (line.direction === 'rtl' ? 'left' : 'right') : align;
  if (resolved === 'right') return x + width - line.width;
  if (resolved === 'center') return x + (width - line.width) / 2;
  return x;
}

/** Draws a laid-out line with its baseline at `baseline`, aligned inside [x, x + width]. */
export function drawLine(doc: PDFKit.PDFDocument, line: LaidOutLine, style: TextStyle, box: { x: number; width: number; baseline: number; align?: Align }): void {
  let pen = startX(line, box.x, box.width, box.align ?? 'start');
  doc.fillColor(style.color ?? '#000000');
  for (const placed of line.runs) {
    selectFont(doc, placed.run.script, style.weight ?? 'regular', style.size);
    // A mirrored bracket shows ")" but means "(": its glyph maps back to "(".
    const source = placed.run.source !== placed.run.text ? placed.run.source : undefined;
    withSourceText(doc, source, () => doc.text(placed.drawText, pen, box.baseline, TEXT_OPTIONS));
    pen += placed.width;
  }
}

/**
 * Greedy word wrap in logical order, before reordering, so each output line is
 * reordered on its own (UAX #9 applies rules L1-L4 per line). A single word
 * longer than the width is cut by characters.
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, direction: Direction, style: TextStyle, maxWidth: number): string[] {
  const fits = (candidate: string) => layoutLine(doc, candidate, direction, style).width <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line)) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Wraps and draws a paragraph from `top`; returns the y below its last line. */
export function drawParagraph(
  doc: PDFKit.PDFDocument,
  text: string,
  direction: Direction,
  style: TextStyle,
  box: { x: number; width: number; top: number; lineHeight: number; align?: Align },
): number {
  let baseline = box.top + box.lineHeight * 0.75;
  for (const line of wrapText(doc, text, direction, style, box.width)) {
    drawLine(doc, layoutLine(doc, line, direction, style), style, { x: box.x, width: box.width, baseline, align: box.align ?? 'start' });
    baseline += box.lineHeight;
  }
  return baseline - box.lineHeight * 0.75;
}
