/**
 * Reads the receipt fonts from the bundled @fontsource packages (declared
 * dependencies, so they ship with the kiosk; no system font is assumed). WOFF,
 * not WOFF2: fontkit inflates WOFF with its own zlib code, WOFF2 would need
 * brotli. The Arabic subset file has no Latin digits, so digits and Latin text
 * come from Noto Sans (see text-shaper.ts font fallback).
 *
 * Named *adapter*: it is the one file of the receipt path that touches the disk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createReceiptFonts, RECEIPT_FONT_MODULES, type ReceiptFontFiles, type ReceiptFonts } from './receipt-fonts.ts';

const require = createRequire(import.meta.url);
const file = (spec: string) => new Uint8Array(readFileSync(require.resolve(spec)));

export function readReceiptFontFiles(): ReceiptFontFiles {
  return {
    arabicRegular: file(RECEIPT_FONT_MODULES.arabicRegular),
    arabicBold: file(RECEIPT_FONT_MODULES.arabicBold),
    latinRegular: file(RECEIPT_FONT_MODULES.latinRegular),
    latinBold: file(RECEIPT_FONT_MODULES.latinBold),
  };
}

let cached: ReceiptFonts | undefined;

/** Parsed once per process: parsing four WOFF files takes ~50 ms. */
export function loadReceiptFonts(): ReceiptFonts {
  cached ??= createReceiptFonts(readReceiptFontFiles());
  return cached;
}
