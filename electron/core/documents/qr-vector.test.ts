import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { darkRuns, drawQr, qrSymbol, type QrCanvas } from './qr-vector.ts';

const URL = 'https://verify.example.invalid/s/STM-2026-000042';

/** Records rectangles instead of drawing them. */
function recorder() {
  const rects: [number, number, number, number][] = [];
  const fills: (string | undefined)[] = [];
  const canvas: QrCanvas = {
    rect: (x, y, w, h) => rects.push([x, y, w, h]),
    fill: (color) => fills.push(color),
  };
  return { canvas, rects, fills };
}

describe('vector QR code', () => {
  it('draws exactly the module matrix QRCode.create gives for the URL', () => {
    const { modules } = QRCode.create(URL, { errorCorrectionLevel: 'M' });
    const { canvas, rects, fills } = recorder();
    const side = 96;
    const { moduleSide } = drawQr(canvas, qrSymbol(URL), { x: 100, y: 200, side });
    expect(moduleSide).toBeCloseTo(side / modules.size, 9);

    // Paint the recorded rectangles back onto a grid of modules.
    const drawn = Array.from({ length: modules.size }, () => new Array<number>(modules.size).fill(0));
    for (const [x, y, w, h] of rects) {
      expect(h).toBeCloseTo(moduleSide, 9);
      const row = Math.round((y - 200) / moduleSide);
      const col = Math.round((x - 100) / moduleSide);
      const length = Math.round(w / moduleSide);
      for (let c = col; c < col + length; c++) drawn[row]![c] = (drawn[row]![c] ?? 0) + 1;
    }
    const expected = Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => modules.get(r, c)));
    expect(drawn).toEqual(expected);
    expect(fills).toEqual(['#000000']);
  });

  it('merges neighbouring dark modules of a row into one rectangle', () => {
    const symbol = { size: 5, isDark: (row: number, col: number) => row === 1 && col !== 2 };
    expect(darkRuns(symbol)).toEqual([
      [1, 0, 2],
      [1, 3, 2],
    ]);
  });

  it('gives a bigger symbol for a longer URL', () => {
    expect(qrSymbol(`${URL}/${'x'.repeat(100)}`).size).toBeGreaterThan(qrSymbol(URL).size);
  });
});
