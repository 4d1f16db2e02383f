/**
 * The fonts a receipt is drawn with: Noto Sans Arabic for Arabic script, Noto
 * Sans for everything else (Latin, digits, punctuation), regular and bold.
 * Built from font file bytes so this module does no I/O; font-file-adapter.ts
 * reads the bundled @fontsource files.
 */
import { create, type Font } from 'fontkit';

/**
 * Where the bundled font files are, as module specifiers (resolved by whoever reads
 * them: font-file-adapter.ts in the kiosk, the benchmark in native-mocks).
 */
export const RECEIPT_FONT_MODULES = {
  arabicRegular: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff',
  arabicBold: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff',
  latinRegular: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  latinBold: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
} as const;

export interface ReceiptFontFiles {
  arabicRegular: Uint8Array;
  arabicBold: Uint8Array;
  latinRegular: Uint8Array;
  latinBold: Uint8Array;
}

export interface FontFace {
  readonly arabic: Font;
  readonly latin: Font;
}

export interface ReceiptFonts {
  readonly regular: FontFace;
  readonly bold: FontFace;
}

export function createReceiptFonts(files: ReceiptFontFiles): ReceiptFonts {
  return {
    regular: { arabic: create(files.arabicRegular), latin: create(files.latinRegular) },
    bold: { arabic: create(files.arabicBold), latin: create(files.latinBold) },
  };
}
