/**
 * Benchmark: how long the kiosk takes to turn a typical Arabic receipt into
 * printer bytes — shaping and rasterising (model → 576-dot bitmap) and encoding
 * (bitmap → ESC/POS raster bands) — against the time those bytes then take on a
 * 115200-baud line (the floor any printer imposes). Rows have the shape of
 * bench/stats.ts BenchRow; the lead wires `receiptRasterBench` into `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createReceiptFonts, RECEIPT_FONT_MODULES } from '../../electron/devices/receipt-printer/driver/receipt-fonts.ts';
import { bandRasterJob } from '../../electron/devices/receipt-printer/driver/raster-bands.ts';
import { renderReceipt } from '../../electron/devices/receipt-printer/driver/receipt-raster.ts';
import { arabicPaymentReceipt } from '../../electron/devices/receipt-printer/driver/sample-receipts.ts';

// Fonts read here rather than through the kiosk's font-file-adapter: simulators and
// their benches do not import adapters (dependency-cruiser rule).
const require = createRequire(import.meta.url);
const loadReceiptFonts = () => {
  const read = (spec: string) => new Uint8Array(readFileSync(require.resolve(spec)));
  return createReceiptFonts({
    arabicRegular: read(RECEIPT_FONT_MODULES.arabicRegular),
    arabicBold: read(RECEIPT_FONT_MODULES.arabicBold),
    latinRegular: read(RECEIPT_FONT_MODULES.latinRegular),
    latinBold: read(RECEIPT_FONT_MODULES.latinBold),
  });
};

export interface BenchRowLike {
  name: string;
  value: number;
  unit: string;
  ratio?: { value: number; against: string };
  samples?: number;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

export async function receiptRasterBench(runs = 15): Promise<BenchRowLike[]> {
  const t0 = performance.now();
  const fonts = loadReceiptFonts();
  const fontLoadMs = performance.now() - t0;
  const model = arabicPaymentReceipt();
  renderReceipt(model, fonts); // warm-up: fontkit builds its shaping tables on first use
  const render: number[] = [];
  const encode: number[] = [];
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const bitmap = renderReceipt(model, fonts);
    const b = performance.now();
    const job = bandRasterJob(bitmap);
    const c = performance.now();
    render.push(b - a);
    encode.push(c - b);
    rows = bitmap.height;
    bytes = job.preamble.length + job.ending.length + job.bands.reduce((n, band) => n + band.bytes.length, 0);
  }
  const total = median(render.map((r, i) => r + (encode[i] ?? 0)));
  const wireMs = (bytes * 10 * 1000) / 115_200;
  return [
    { name: 'Receipt fonts loaded and parsed (once per process)', value: fontLoadMs, unit: 'ms' },
    { name: `Arabic receipt shaped + rasterised (576 × ${rows} dots)`, value: median(render), unit: 'ms', samples: runs },
    { name: `Bitmap → ESC/POS raster bands (${bytes} bytes)`, value: median(encode), unit: 'ms', samples: runs },
    { name: 'Receipt model → printer bytes, total', value: total, unit: 'ms', samples: runs, ratio: { value: total / wireMs, against: `the same bytes on a 115200-baud line (${wireMs.toFixed(0)} ms)` } },
  ];
}
