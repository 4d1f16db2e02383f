/**
 * A QR code drawn as dots. The `qrcode` package gives the module matrix
 * (QRCode.create); we draw it ourselves so it sits in the same raster as the
 * text instead of relying on the printer's own QR command (GS ( k), which not
 * every 80 mm model implements the same way.
 */
import QRCode from 'qrcode';
import { type CoverageCanvas, fillRect } from './mono-bitmap.ts';

/** Quiet zone of 4 modules on each side, as ISO/IEC 18004 requires. */
export const QR_QUIET_MODULES = 4;

export function qrModules(data: string): { size: number; dark(x: number, y: number): boolean } {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, dark: (x, y) => Boolean(qr.modules.get(x, y)) };
}

/** Side length in dots including the quiet zone. */
export function qrSideDots(data: string, moduleDots: number): number {
  return (qrModules(data).size + 2 * QR_QUIET_MODULES) * moduleDots;
}

/** Draw at (left, top), quiet zone included. */
export function drawQr(canvas: CoverageCanvas, data: string, left: number, top: number, moduleDots: number): void {
  const { size, dark } = qrModules(data);
  const origin = QR_QUIET_MODULES * moduleDots;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (dark(x, y)) fillRect(canvas, left + origin + x * moduleDots, top + origin + y * moduleDots, moduleDots, moduleDots);
    }
  }
}
