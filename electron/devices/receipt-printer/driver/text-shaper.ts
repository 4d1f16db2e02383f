/**
 * Lays out one line of text, Arabic or English or both, into positioned glyphs
 * in visual (left-to-right on paper) order. Thermal printers cannot shape
 * Arabic, so this is where the receipt becomes readable:
 *
 *  1. bidi-js resolves embedding levels (Unicode Bidirectional Algorithm, UAX #9)
 *     for the line's base direction;
 *  2. the line is cut into runs of one level and one font: Arabic letters from
 *     Noto Sans Arabic, everything else from Noto Sans; spaces and punctuation
 *     stay with the run they sit in when its font has them, so an Arabic phrase
 *     is shaped as one run and its letters join across words correctly;
 *  3. runs are put in visual order with UAX #9 rule L2 (reverse every sequence at
 *     level ≥ k, from the highest level down to the lowest odd one);
 *  4. each run is shaped by fontkit (OpenType GSUB/GPOS: initial/medial/final
 *     forms, lam-alef ligatures, mark positioning). fontkit returns right-to-left
 *     runs already reversed into visual order; neutral runs that are
 *     right-to-left but drawn with the Latin font are reversed here, with
 *     mirrored brackets.
 */
import bidiModule, { type Bidi } from 'bidi-js';
import type { Font, Glyph } from 'fontkit';
import type { FontFace } from './receipt-fonts.ts';

// bidi-js is CommonJS with ESM-style typings: under NodeNext the default import is typed as
// the module object, while at run time (Node and Vite alike) it is the factory function.
const bidiFactory = bidiModule as unknown as () => Bidi;
const bidi = bidiFactory();

export interface PlacedGlyph {
  readonly glyph: Glyph;
  readonly font: Font;
  /** Pen position in dots from the line's left edge, plus the glyph's own offset. */
  readonly x: number;
  /** Offset in dots up from the baseline (marks sit above or below). */
  readonly y: number;
}

export interface ShapedLine {
  readonly glyphs: readonly PlacedGlyph[];
  /** Advance width in dots. */
  readonly width: number;
  /** Font size in dots (em height). */
  readonly size: number;
}

export type BaseDirection = 'ltr' | 'rtl' | 'auto';

/** Arabic script blocks: Arabic, Supplement, Extended-A, Presentation Forms A/B. */
export function isArabicCodePoint(cp: number): boolean {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x08a0 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
}

interface Run {
  start: number;
  end: number; // exclusive, in UTF-16 units
  level: number;
  font: Font;
}

function chooseFont(cp: number, current: Font | undefined, face: FontFace): Font {
  if (isArabicCodePoint(cp)) return face.arabic;
  // Neutral characters (space, punctuation, joiners) stay in the current run's font
  // when it has them, so runs do not fragment and Arabic joining is not cut.
  const neutral = cp === 0x20 || cp === 0x200c || cp === 0x200d || (cp >= 0x21 && cp <= 0x2f && cp !== 0x2b && cp !== 0x2d) || cp === 0x3a || cp === 0x3b;
  if (neutral && current?.hasGlyphForCodePoint(cp)) return current;
  return face.latin.hasGlyphForCodePoint(cp) ? face.latin : face.arabic;
}

function splitRuns(text: string, levels: Uint8Array, face: FontFace): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0x20;
    const units = cp > 0xffff ? 2 : 1;
    const level = levels[i] ?? 0;
    const font = chooseFont(cp, current?.level === level ? current.font : undefined, face);
    if (current && current.level === level && current.font === font) {
      current.end = i + units;
    } else {
      current = { start: i, end: i + units, level, font };
      runs.push(current);
    }
    i += units;
  }
  return runs;
}

/** UAX #9 L2 on whole runs (each run has a single level). */
function visualOrder(runs: Run[]): Run[] {
  const order = [...runs];
  let highest = 0;
  let lowestOdd = Infinity;
  for (const r of runs) {
    highest = Math.max(highest, r.level);
    if (r.level % 2 === 1) lowestOdd = Math.min(lowestOdd, r.level);
  }
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let i = 0; i < order.length; ) {
      if ((order[i]?.level ?? 0) >= level) {
        let j = i;
        while (j < order.length && (order[j]?.level ?? 0) >= level) j++;
        const reversed = order.slice(i, j).reverse();
        order.splice(i, j - i, ...reversed);
        i = j;
      } else {
        i++;
      }
    }
  }
  return order;
}

export function shapeLine(text: string, face: FontFace, size: number, direction: BaseDirection): ShapedLine {
  if (text.length === 0) return { glyphs: [], width: 0, size };
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  const runs = visualOrder(splitRuns(text, embedding.levels, face));
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  for (const run of runs) {
    let runText = '';
    for (let i = run.start; i < run.end; i++) runText += mirrored.get(i) ?? text[i];
    const rtl = run.level % 2 === 1;
    const arabicShaped = rtl && run.font === face.arabic;
    if (rtl && !arabicShaped) runText = [...runText].reverse().join('');
    const shaped = arabicShaped ? run.font.layout(runText, undefined, 'arab', undefined, 'rtl') : run.font.layout(runText, undefined, undefined, undefined, 'ltr');
    const scale = size / run.font.unitsPerEm;
    shaped.glyphs.forEach((glyph, k) => {
      const p = shaped.positions[k];
      glyphs.push({ glyph, font: run.font, x: pen + (p?.xOffset ?? 0) * scale, y: (p?.yOffset ?? 0) * scale });
      pen += (p?.xAdvance ?? 0) * scale;
    });
  }
  return { glyphs, width: pen, size };
}

/** Width in dots, for wrapping and alignment. */
export function measure(text: string, face: FontFace, size: number, direction: BaseDirection): number {
  return shapeLine(text, face, size, direction).width;
}

/**
 * Greedy word wrap in logical order (before bidi), so each output line is
 * reordered on its own, as UAX #9 requires (rules L1-L4 apply per line).
 */
export function wrapText(text: string, face: FontFace, size: number, direction: BaseDirection, maxWidth: number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || measure(candidate, face, size, direction) <= maxWidth) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
