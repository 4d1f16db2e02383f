/**
 * One line of text -> runs in visual order (left to right on paper), each run
 * one script and one direction, ready to be measured and drawn by a PDF
 * library that knows nothing about right-to-left text (pdfkit).
 *
 * Steps, per UAX #9:
 *  1. bidi-js resolves the embedding level of every character for the line's
 *     base direction (rules P, X, W, N, I);
 *  2. bidi-js lists the segments to reverse for the line (rules L1, L2); we
 *     apply them to the character indices to get the visual order;
 *  3. consecutive characters in visual order that share a level, a script and
 *     are neighbours in the logical text form a run;
 *  4. characters that resolve right-to-left and have a mirrored form (brackets)
 *     are swapped for it (rule L4), each as a run of its own.
 *
 * A run keeps its characters in LOGICAL order: an Arabic run must reach the
 * shaper in logical order so letters join correctly; the drawer turns it into
 * glyphs in visual order (see pdf-text.ts).
 *
 * Why two scripts: the bundled Noto Sans Arabic subset has Arabic letters,
 * Arabic-Indic digits and Arabic punctuation but no Latin letters, Latin
 * digits or ASCII punctuation; those come from Noto Sans.
 */
import { bidi } from './bidi.ts';

export type Direction = 'ltr' | 'rtl';
export type Script = 'arabic' | 'latin';

export interface VisualRun {
  /** The run's characters in logical order, right-to-left brackets already mirrored. */
  readonly text: string;
  /**
   * The characters before mirroring. Differs from `text` only for a mirrored
   * bracket, which is always a run of its own so the drawer can draw the
   * mirrored glyph while text extraction still reads the real character.
   */
  readonly source: string;
  /** True when the run resolved to an odd (right-to-left) embedding level. */
  readonly rtl: boolean;
  readonly script: Script;
}

/** Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms. */
export function isArabicScript(codePoint: number): boolean {
  return (
    (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x08a0 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  );
}

/**
 * Arabic *letters* (not digits, punctuation or marks). fontkit decides a run's
 * direction from its first letter of a non-common script; a right-to-left run
 * with no Arabic letter (e.g. "، ") is laid out left to right by fontkit, so the
 * drawer must reverse it itself.
 */
export function hasArabicLetter(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (
      (cp >= 0x0620 && cp <= 0x064a) ||
      (cp >= 0x066e && cp <= 0x06d3) ||
      cp === 0x06d5 ||
      (cp >= 0x06ee && cp <= 0x06ff) ||
      (cp >= 0x0750 && cp <= 0x077f) ||
      (cp >= 0x08a0 && cp <= 0x08c9) ||
      (cp >= 0xfb50 && cp <= 0xfdfb) ||
      (cp >= 0xfe70 && cp <= 0xfefc)
    ) {
      return true;
    }
  }
  return false;
}

const isSpace = (ch: string | undefined) => ch === ' ';

/**
 * Script per UTF-16 index. Spaces take the script of their logical
 * neighbour at the same level, so "شخص تجريبي" stays one Arabic run (one
 * shaping call, one font) instead of three.
 */
function scriptsOf(text: string, levels: Uint8Array): Script[] {
  const scripts: Script[] = [];
  for (let i = 0; i < text.length; i++) {
    scripts.push(isArabicScript(text.charCodeAt(i)) ? 'arabic' : 'latin');
  }
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text[i])) continue;
    const level = levels[i];
    let j = i - 1;
    while (j >= 0 && isSpace(text[j])) j--;
    if (j >= 0 && levels[j] === level) {
      scripts[i] = scripts[j] ?? 'latin';
      continue;
    }
    let k = i + 1;
    while (k < text.length && isSpace(text[k])) k++;
    if (k < text.length && levels[k] === level) scripts[i] = scripts[k] ?? 'latin';
  }
  return scripts;
}

/**
 * Visual runs of one line. The line must not contain a line break; callers
 * wrap first (in logical order) and reorder each line on its own, as UAX #9
 * requires. Text is expected to be in the Basic Multilingual Plane (card data
 * and our labels are); astral characters are kept but not reordered as pairs.
 */
export function visualRuns(line: string, direction: Direction): VisualRun[] {
  if (line.length === 0) return [];
  const embedding = bidi.getEmbeddingLevels(line, direction);
  const { levels } = embedding;
  const order = Array.from({ length: line.length }, (_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(line, embedding)) {
    if (start === undefined || end === undefined) continue;
    const reversed = order.slice(start, end + 1).reverse();
    order.splice(start, reversed.length, ...reversed);
  }
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const scripts = scriptsOf(line, levels);

  const runs: VisualRun[] = [];
  let current: { indices: number[]; level: number; script: Script } | undefined;
  const flush = () => {
    if (!current) return;
    const rtl = current.level % 2 === 1;
    // Back to logical order: right-to-left runs were collected right to left.
    const logical = rtl ? [...current.indices].reverse() : current.indices;
    runs.push({ text: logical.map((i) => mirrored.get(i) ?? line[i]).join(''), source: logical.map((i) => line[i]).join(''), rtl, script: current.script });
  };
  for (const index of order) {
    const level = levels[index] ?? 0;
    const script = scripts[index] ?? 'latin';
    const last = current?.indices[current.indices.length - 1];
    const step = level % 2 === 1 ? -1 : 1;
    const alone = (i: number | undefined) => i !== undefined && mirrored.has(i);
    if (current && current.level === level && current.script === script && last !== undefined && index === last + step && !alone(index) && !alone(last)) {
      current.indices.push(index);
    } else {
      flush();
      current = { indices: [index], level, script };
    }
  }
  flush();
  return runs;
}

/** The line as it appears on paper, left to right (for tests and debugging). */
export function visualString(runs: readonly VisualRun[]): string {
  return runs.map((run) => (run.rtl ? [...run.text].reverse().join('') : run.text)).join('');
}
