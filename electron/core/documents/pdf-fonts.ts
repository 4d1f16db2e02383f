/**
 * The fonts our A4 documents embed: Noto Sans Arabic for Arabic script and
 * Noto Sans for Latin letters, digits and ASCII punctuation, regular and bold.
 *
 * They come from the @fontsource npm packages (declared dependencies, so they
 * ship with the kiosk): no system font is assumed and no font binary is
 * committed. WOFF, not WOFF2 (which would need brotli), unpacked once to a
 * plain sfnt by woff-to-sfnt.ts because fontkit re-inflates WOFF tables on
 * every access. The Arabic file is the "arabic" subset, which has no Latin
 * digits; bidi-runs.ts splits every line by script so each run gets a font
 * that has its characters.
 *
 * This is the one module of the document path that reads the disk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Script } from './bidi-runs.ts';
import { useUniqueGlyphEncoding } from './unique-glyph-encoding.ts';
import { woffToSfnt } from './woff-to-sfnt.ts';

export type Weight = 'regular' | 'bold';

const FONT_FILES: Record<Script, Record<Weight, string>> = {
  arabic: {
    regular: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff',
    bold: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff',
  },
  latin: {
    regular: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
    bold: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  },
};

const require = createRequire(import.meta.url);
let cache: Map<string, Uint8Array> | undefined;

/** Font bytes, read and unpacked once per process (pdfkit still parses them per document). */
function fontBytes(): Map<string, Uint8Array> {
  if (!cache) {
    const files = new Map<string, Uint8Array>();
    for (const script of ['arabic', 'latin'] as const) {
      for (const weight of ['regular', 'bold'] as const) {
        files.set(fontName(script, weight), woffToSfnt(new Uint8Array(readFileSync(require.resolve(FONT_FILES[script][weight])))));
      }
    }
    cache = files;
  }
  return cache;
}

export function fontName(script: Script, weight: Weight): string {
  return `${script}-${weight}`;
}

/** Registers the four fonts under fontName() aliases. */
export function registerDocumentFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of fontBytes()) doc.registerFont(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Selects a registered font and size, with text extraction made unambiguous. */
export function selectFont(doc: PDFKit.PDFDocument, script: Script, weight: Weight, size: number): void {
  doc.font(fontName(script, weight)).fontSize(size);
  useUniqueGlyphEncoding(doc);
}
