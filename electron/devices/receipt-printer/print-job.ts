/**
 * ESC/POS print jobs for the 80 mm receipt printer (576 dots per line).
 *
 * Thermal printers cannot shape Arabic, so every receipt is rendered to a 1-bit
 * bitmap elsewhere (receipt-printer/driver) and printed as a raster image. The job is
 * built with @point-of-sale/receipt-printer-encoder (v4, MIT): initialize (ESC @,
 * plus its FS . and ESC M 0), image in 'raster' mode (GS v 0, Epson "ESC/POS Command
 * Reference" gs_lv_0), line feeds and cut (GS V 0 / 1).
 *
 * What the library does and we accept: it takes RGBA pixels (so the 1-bit bitmap is
 * expanded and thresholded back, a cheap round trip for one receipt); it pads width
 * and height to a multiple of 8 dots with white (at most 7 blank dot rows at the end);
 * it splits the image into GS v 0 commands of at most 255 rows, which keeps each
 * command within small printers' buffers. What it does not do — any status handling
 * (DLE EOT, GS a) — is in status.ts.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

/** Printable width of an 80 mm thermal head at 203 dpi (8 dots/mm × 72 mm). */
export const PAPER_WIDTH_DOTS = 576;

/**
 * A 1-bit bitmap in GS v 0 layout: rows top to bottom, `bytesPerRow` bytes each,
 * most significant bit = leftmost dot, 1 = black. Same shape as the renderer's
 * MonoBitmap, so its output goes straight in.
 */
export interface RasterBitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export interface RasterJobOptions {
  /** Line feeds between the image and the cut, so the cutter (above the head) clears the print. Default 4. */
  readonly feedLinesBeforeCut?: number;
  readonly cut?: 'full' | 'partial' | 'none';
  readonly paperWidthDots?: number;
}

function toRgba(bitmap: RasterBitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(bitmap.width * bitmap.height * 4).fill(255);
  for (let y = 0; y < bitmap.height; y++) {
    const row = y * bitmap.bytesPerRow;
    for (let x = 0; x < bitmap.width; x++) {
      if ((((bitmap.data[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1) {
        const p = (y * bitmap.width + x) * 4;
        rgba[p] = 0;
        rgba[p + 1] = 0;
        rgba[p + 2] = 0;
      }
    }
  }
  return rgba;
}

export function buildRasterPrintJob(bitmap: RasterBitmap, options: RasterJobOptions = {}): Uint8Array {
  const paperWidth = options.paperWidthDots ?? PAPER_WIDTH_DOTS;
  if (!Number.isInteger(bitmap.width) || bitmap.width < 1 || bitmap.width > paperWidth) {
    throw new RangeError(`bitmap width must be 1..${paperWidth} dots, got ${bitmap.width}`);
  }
  if (!Number.isInteger(bitmap.height) || bitmap.height < 1) throw new RangeError('bitmap height must be at least 1 dot');
  if (bitmap.bytesPerRow < Math.ceil(bitmap.width / 8) || bitmap.data.length < bitmap.bytesPerRow * bitmap.height) {
    throw new RangeError('bitmap data too short for its size');
  }
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    imageMode: 'raster',
    columns: 48, // Font A on 576 dots; only matters for text, which we never send
    newline: '\n',
    feedBeforeCut: options.feedLinesBeforeCut ?? 4,
  });
  encoder.initialize().image({ data: toRgba(bitmap), width: bitmap.width, height: bitmap.height }, { width: bitmap.width, height: bitmap.height, mode: 'raster', algorithm: 'threshold', threshold: 128 });
  const cut = options.cut ?? 'full';
  if (cut !== 'none') encoder.cut(cut);
  return encoder.encode();
}
