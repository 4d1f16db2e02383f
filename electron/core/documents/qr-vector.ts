/**
 * A QR code drawn as vector rectangles, so it stays sharp at any printer
 * resolution (a bitmap QR scaled by the printer driver blurs module edges).
 * The `qrcode` package computes the symbol; we only draw its module matrix.
 * Dark modules in a row are merged into one rectangle: fewer path operations,
 * and no hairline seams between neighbouring modules when rasterised.
 */
import QRCode from 'qrcode';

export interface QrSymbol {
  /** Modules per side. */
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/** The part of a pdfkit document the QR drawer uses (a recorder in tests). */
export interface QrCanvas {
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color?: string): unknown;
}

export interface QrPlacement {
  readonly x: number;
  readonly y: number;
  /** Side of the symbol itself, without the quiet zone. */
  readonly side: number;
}

/** Level M (15 % recovery): survives a crease or a smudge on a printed A4. */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/** Horizontal runs of dark modules: [row, firstCol, length]. */
export function darkRuns(symbol: QrSymbol): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < symbol.size; row++) {
    let col = 0;
    while (col < symbol.size) {
      if (!symbol.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < symbol.size && symbol.isDark(row, col)) col++;
      runs.push([row, start, col - start]);
    }
  }
  return runs;
}

/** Quiet zone the QR specification asks for, in modules, on every side. */
export const QUIET_ZONE_MODULES = 4;

/**
 * Draws the symbol with its top-left module at (x, y). The caller keeps the
 * quiet zone (QUIET_ZONE_MODULES × module size) free of ink.
 */
export function drawQr(canvas: QrCanvas, symbol: QrSymbol, placement: QrPlacement, color = '#000000'): { moduleSide: number } {
  const moduleSide = placement.side / symbol.size;
  for (const [row, col, length] of darkRuns(symbol)) {
    canvas.rect(placement.x + col * moduleSide, placement.y + row * moduleSide, length * moduleSide, moduleSide);
  }
  canvas.fill(color);
  return { moduleSide };
}
