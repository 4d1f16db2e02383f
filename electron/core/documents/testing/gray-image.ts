/**
 * 8-bit grayscale images for the golden tests: read the PGM that
 * `pdftoppm -gray` writes, read and write PNG goldens (viewable in any
 * browser or code review), and compare two images pixel by pixel. No image
 * library: PGM is a header and raw bytes, and a grayscale PNG is zlib-deflated
 * scanlines with a filter byte each, which node:zlib handles.
 */
import { deflateSync, inflateSync } from 'node:zlib';

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row after row, 0 = black, 255 = white. */
  readonly pixels: Uint8Array;
}

/** Binary PGM ("P5"), maxval 255, as written by pdftoppm -gray. */
export function parsePgm(bytes: Uint8Array): GrayImage {
  const fields: string[] = [];
  let pos = 0;
  // Header: magic, width, height, maxval, separated by whitespace, '#' comments allowed.
  while (fields.length < 4) {
    while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos] ?? 0))) pos++;
    if (bytes[pos] === 0x23) {
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let field = '';
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos] ?? 0))) field += String.fromCharCode(bytes[pos++] ?? 0);
    if (!field) throw new Error('PGM: truncated header');
    fields.push(field);
  }
  pos++; // exactly one whitespace byte before the raster
  const [magic, w, h, max] = fields;
  if (magic !== 'P5' || max !== '255') throw new Error(`PGM: expected P5 with maxval 255, got ${magic} ${max}`);
  const width = Number(w);
  const height = Number(h);
  const pixels = Uint8Array.from(bytes.subarray(pos, pos + width * height));
  if (pixels.length !== width * height) throw new Error('PGM: truncated raster');
  return { width, height, pixels };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit grayscale PNG, filter "Up" on every row (compresses flat document areas well). */
export function encodePng(image: GrayImage): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  const raw = Buffer.alloc((image.width + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * (image.width + 1)] = 2;
    for (let x = 0; x < image.width; x++) {
      const above = y > 0 ? (image.pixels[(y - 1) * image.width + x] ?? 0) : 0;
      raw[y * (image.width + 1) + 1 + x] = ((image.pixels[y * image.width + x] ?? 0) - above) & 0xff;
    }
  }
  return new Uint8Array(Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]));
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Non-interlaced 8-bit grayscale or RGB PNG (RGB is converted to gray). */
export function decodePng(bytes: Uint8Array): GrayImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE))) throw new Error('PNG: bad signature');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let pos = 8; pos < buf.length; ) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 0 && colour !== 2)) throw new Error(`PNG: only 8-bit non-interlaced gray/RGB (depth ${depth}, colour ${colour}, interlace ${interlace})`);
      channels = colour === 0 ? 1 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (rows[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (rows[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (rows[(y - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : NaN;
      if (Number.isNaN(predictor)) throw new Error(`PNG: bad filter ${filter}`);
      rows[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  if (channels === 1) return { width, height, pixels: rows };
  const pixels = new Uint8Array(width * height);
  for (let p = 0; p < pixels.length; p++) {
    pixels[p] = Math.round(0.299 * (rows[p * 3] ?? 0) + 0.587 * (rows[p * 3 + 1] ?? 0) + 0.114 * (rows[p * 3 + 2] ?? 0));
  }
  return { width, height, pixels };
}

export interface ImageDifference {
  /** Pixels whose gray levels differ by more than the threshold. */
  readonly differing: number;
  readonly fraction: number;
  /** White where equal, black where differing: to look at when a golden test fails. */
  readonly diff: GrayImage;
}

export function compareGray(expected: GrayImage, actual: GrayImage, threshold: number): ImageDifference {
  if (expected.width !== actual.width || expected.height !== actual.height) {
    throw new Error(`image sizes differ: expected ${expected.width}x${expected.height}, got ${actual.width}x${actual.height}`);
  }
  const diff = new Uint8Array(expected.pixels.length).fill(255);
  let differing = 0;
  for (let i = 0; i < diff.length; i++) {
    if (Math.abs((expected.pixels[i] ?? 0) - (actual.pixels[i] ?? 0)) > threshold) {
      differing++;
      diff[i] = 0;
    }
  }
  return { differing, fraction: differing / diff.length, diff: { width: expected.width, height: expected.height, pixels: diff } };
}
