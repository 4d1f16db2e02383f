/**
 * Makes copied and extracted Arabic text come out right.
 *
 * A PDF maps each glyph id to Unicode once (the font's ToUnicode CMap). Noto
 * Sans Arabic draws many letters from one dotless skeleton plus separate dot
 * glyphs: medial ت and medial ي share a skeleton, so do س/ش and ج/خ. pdfkit
 * writes one ToUnicode entry per glyph id (the first letter that used it), so
 * `pdftotext` (and copy-paste, search, screen readers) read "تجريبي" as
 * "تخرتبي". That is wrong data on a government document.
 *
 * Two things stand in the way, and both are fixed here:
 *  1. fontkit caches one Glyph object per glyph id, holding the code points
 *     of the first character that produced it; every later use of the
 *     skeleton claims to be that first letter. We hand out a copy of the
 *     Glyph carrying the code points fontkit's shaper tracked for this very
 *     occurrence (GlyphInfo.codePoints, which are right).
 *  2. pdfkit maps a glyph id to one Unicode string. We give every (glyph id,
 *     code points) pair its own glyph in the embedded subset: the second
 *     letter drawn with a shared skeleton gets a copy of the outline under a
 *     new id, with its own ToUnicode entry. Costs a few hundred bytes per
 *     duplicated glyph.
 *
 * This reaches into pdfkit's EmbeddedFont (`font`, `encode`, `layout`,
 * `subset`, `unicode`, `widths`, `scale`) and fontkit's `getGlyph`, which are
 * not public API; the versions are pinned in package.json, the patch refuses
 * to run if the shapes change, and the pdftotext test in
 * statement-pdf.test.ts fails if extraction goes wrong again.
 */

interface FontkitGlyph {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
}

interface FontkitFontInternals {
  getGlyph(id: number, codePoints?: readonly number[]): FontkitGlyph | null;
}

interface EmbeddedFontInternals {
  font: FontkitFontInternals;
  layout(text: string, features?: unknown): { glyphs: FontkitGlyph[]; positions: unknown[] };
  encode(text: string, features?: unknown): [string[], unknown[]];
  subset: { includeGlyph(glyphId: number): number; glyphs: number[] };
  unicode: (readonly number[] | undefined)[];
  widths: (number | undefined)[];
  scale: number;
}

const PATCHED = Symbol('khidma.uniqueGlyphEncoding');
const SOURCE_TEXT = Symbol('khidma.sourceText');

function looksLikeEmbeddedFont(font: unknown): font is EmbeddedFontInternals {
  const f = font as Partial<EmbeddedFontInternals> | null;
  return (
    typeof f?.layout === 'function' &&
    typeof f.font?.getGlyph === 'function' &&
    typeof f.encode === 'function' &&
    typeof f.subset?.includeGlyph === 'function' &&
    Array.isArray(f.subset.glyphs) &&
    Array.isArray(f.unicode) &&
    Array.isArray(f.widths) &&
    typeof f.scale === 'number'
  );
}

const sameCodePoints = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((cp, i) => cp === b[i]);

/**
 * Patches the font pdfkit currently has selected (`doc._font`). Idempotent.
 * Throws when pdfkit's internals no longer look as expected, so a pdfkit
 * upgrade cannot silently bring the wrong-letter extraction back.
 */
export function useUniqueGlyphEncoding(doc: PDFKit.PDFDocument): void {
  const font: unknown = (doc as unknown as { _font?: unknown })._font;
  if ((font as Record<symbol, unknown> | null)?.[PATCHED]) return;
  if (!looksLikeEmbeddedFont(font)) throw new Error('pdfkit internals changed: cannot make glyph-to-text mapping unique');

  // 1. One Glyph object per occurrence's code points, not per glyph id.
  const fontkitFont = font.font;
  const cachedGlyph = fontkitFont.getGlyph.bind(fontkitFont);
  fontkitFont.getGlyph = (id: number, codePoints?: readonly number[]) => {
    const glyph = cachedGlyph(id, codePoints);
    if (!glyph || codePoints === undefined || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    // A shallow copy shares the outline and metrics; fontkit computes its cached
    // getters lazily per object, so the copy stays consistent.
    return Object.assign(Object.create(Object.getPrototypeOf(glyph) as object) as FontkitGlyph, glyph, { codePoints: [...codePoints] });
  };

  // 2. One subset glyph (and ToUnicode entry) per (glyph id, code points).
  const cidByKey = new Map<string, number>();
  font.encode = (text: string, features?: unknown): [string[], unknown[]] => {
    const { glyphs, positions } = font.layout(text, features);
    const source = (font as unknown as Record<symbol, string | undefined>)[SOURCE_TEXT];
    const encoded = glyphs.map((shaped) => {
      // A mirrored bracket: the glyph of ")" standing for "(" (see withSourceText).
      const glyph = source !== undefined && glyphs.length === 1 ? { ...shaped, id: shaped.id, advanceWidth: shaped.advanceWidth, codePoints: [...source].map((ch) => ch.codePointAt(0) ?? 0) } : shaped;
      const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
      let cid = cidByKey.get(key);
      if (cid === undefined) {
        cid = font.subset.includeGlyph(glyph.id);
        const taken = font.unicode[cid];
        if (taken !== undefined && !sameCodePoints(taken, glyph.codePoints)) {
          // Same outline, different text: a duplicate glyph under a new id.
          font.subset.glyphs.push(glyph.id);
          cid = font.subset.glyphs.length - 1;
        }
        cidByKey.set(key, cid);
        font.unicode[cid] ??= [...glyph.codePoints];
        font.widths[cid] ??= glyph.advanceWidth * font.scale;
      }
      return cid.toString(16).padStart(4, '0');
    });
    return [encoded, positions];
  };
  (font as unknown as Record<symbol, unknown>)[PATCHED] = true;
}

/**
 * Draws one glyph whose text differs from its shape: in right-to-left text a
 * "(" is drawn with the glyph of ")" (UAX #9 rule L4), but it is still a "("
 * and extraction must say so, or a reader that reverses the line for display
 * shows the brackets inside out. `draw` must draw exactly one glyph.
 */
export function withSourceText(doc: PDFKit.PDFDocument, source: string | undefined, draw: () => void): void {
  if (source === undefined) {
    draw();
    return;
  }
  const font = (doc as unknown as { _font?: Record<symbol, unknown> })._font;
  if (!font?.[PATCHED]) throw new Error('withSourceText needs a font prepared by useUniqueGlyphEncoding');
  font[SOURCE_TEXT] = source;
  try {
    draw();
  } finally {
    delete font[SOURCE_TEXT];
  }
}
