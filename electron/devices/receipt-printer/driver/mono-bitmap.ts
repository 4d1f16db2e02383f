/**
 * A 1-bit bitmap in the layout ESC/POS raster images use (GS v 0): rows top to
 * bottom, each row `bytesPerRow` bytes, most significant bit = leftmost dot,
 * 1 = black (a heated dot). Keeping this layout end to end means the printer
 * job is a copy, not a conversion.
 */
export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function createMonoBitmap(width: number, height: number): MonoBitmap {
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height < 0) {
    throw new RangeError(`bad bitmap size ${width}x${height}`);
  }
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function getDot(bitmap: MonoBitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return (((bitmap.data[y * bitmap.bytesPerRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
}

/** Black dots in the whole bitmap (tests use it to prove something was drawn where expected). */
export function countDots(bitmap: MonoBitmap, x0 = 0, y0 = 0, x1 = bitmap.width, y1 = bitmap.height): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(bitmap.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(bitmap.width, x1); x++) if (getDot(bitmap, x, y)) n++;
  }
  return n;
}

/**
 * Grey-level drawing surface (one byte of coverage per dot, 0..255) that text,
 * QR codes and rules are painted on before thresholding to 1 bit: glyph edges
 * from neighbouring glyphs add up instead of each being cut at 50 % on its own.
 */
export interface CoverageCanvas {
  readonly width: number;
  readonly height: number;
  readonly coverage: Uint8Array;
}

export function createCanvas(width: number, height: number): CoverageCanvas {
  return { width, height, coverage: new Uint8Array(width * height) };
}

/** Add coverage (0..1) to one dot, saturating. */
export function addCoverage(canvas: CoverageCanvas, x: number, y: number, amount: number): void {
  if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height || amount <= 0) return;
  const i = y * canvas.width + x;
  canvas.coverage[i] = Math.min(255, (canvas.coverage[i] ?? 0) + Math.round(amount * 255));
}

export function fillRect(canvas: CoverageCanvas, x: number, y: number, w: number, h: number): void {
  for (let yy = Math.max(0, y); yy < Math.min(canvas.height, y + h); yy++) {
    canvas.coverage.fill(255, yy * canvas.width + Math.max(0, x), yy * canvas.width + Math.min(canvas.width, x + w));
  }
}

/** Threshold coverage into printer dots: half covered or more prints. */
export function toMonoBitmap(canvas: CoverageCanvas, threshold = 128): MonoBitmap {
  const bitmap = createMonoBitmap(canvas.width, canvas.height);
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      if ((canvas.coverage[y * canvas.width + x] ?? 0) >= threshold) {
        const i = y * bitmap.bytesPerRow + (x >> 3);
        bitmap.data[i] = (bitmap.data[i] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return bitmap;
}

/** Stack bitmaps of the same width top to bottom. */
export function stackBitmaps(width: number, parts: readonly MonoBitmap[]): MonoBitmap {
  let height = 0;
  for (const p of parts) {
    if (p.width !== width) throw new RangeError(`cannot stack a ${p.width}-dot part into ${width} dots`);
    height += p.height;
  }
  const out = createMonoBitmap(width, height);
  let offset = 0;
  for (const p of parts) {
    out.data.set(p.data, offset);
    offset += p.data.length;
  }
  return out;
}

/** The first `rows` rows (what a printer got through before the paper ran out). */
export function cropRows(bitmap: MonoBitmap, rows: number): MonoBitmap {
  const height = Math.max(0, Math.min(bitmap.height, Math.floor(rows)));
  return { width: bitmap.width, height, bytesPerRow: bitmap.bytesPerRow, data: bitmap.data.slice(0, height * bitmap.bytesPerRow) };
}
