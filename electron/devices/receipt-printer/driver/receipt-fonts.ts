/**
 * The fonts a receipt is drawn with: Noto Sans Arabic for Arabic script, Noto
 * Sans for everything else (Latin, digits, punctuation), regular and bold.
 * Built from font file bytes so this module does no I/O; font-file-adapter.ts
 * reads the bundled @fontsource files.
 */
import { create, type Font } from 'fontkit';

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
