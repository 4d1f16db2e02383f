/**
 * A minimal PNG encoder for 1-bit images (PNG spec, ISO/IEC 15948: signature,
 * IHDR, one IDAT, IEND; colour type 0 greyscale, bit depth 1, filter 0 on every
 * row). node:zlib does the deflate and the chunk CRC-32, so no package is needed.
 *
 * Input rows are printer dots (1 = black); PNG greyscale 1 is white, so bits
 * are inverted on the way out.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export interface DotImage {
  readonly width: number;
  readonly height: number;
  /** Row-major, `bytesPerRow` bytes per row, MSB = leftmost dot, 1 = black. */
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function encodeMonoPng(image: DotImage): Uint8Array {
  const { width, bytesPerRow } = image;
  // A PNG must have at least one row; an empty print shows as one white row.
  const height = Math.max(1, image.height);
  const pngRow = Math.ceil(width / 8);
  const raw = new Uint8Array(height * (pngRow + 1));
  for (let y = 0; y < height; y++) {
    const base = y * (pngRow + 1);
    raw[base] = 0; // filter type None
    for (let i = 0; i < pngRow; i++) {
      const dots = y < image.height ? (image.data[y * bytesPerRow + i] ?? 0) : 0;
      raw[base + 1 + i] = ~dots & 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const parts = [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const png = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    png.set(p, offset);
    offset += p.length;
  }
  return png;
}
