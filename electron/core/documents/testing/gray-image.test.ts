import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareGray, decodePng, encodePng, parsePgm, type GrayImage } from './gray-image.ts';

const image: GrayImage = { width: 3, height: 2, pixels: Uint8Array.of(0, 128, 255, 10, 20, 30) };

describe('gray images for golden tests', () => {
  it('reads a binary PGM like pdftoppm -gray writes, comments included', () => {
    const bytes = Buffer.concat([Buffer.from('P5\n# pdftoppm\n3 2\n255\n', 'latin1'), Buffer.from(image.pixels)]);
    expect(parsePgm(bytes)).toEqual(image);
    expect(() => parsePgm(Buffer.from('P6\n3 2\n255\n'))).toThrow('expected P5');
    expect(() => parsePgm(Buffer.concat([Buffer.from('P5 3 2 255\n'), Buffer.alloc(2)]))).toThrow('truncated');
  });

  it('writes a PNG it reads back unchanged', () => {
    expect(decodePng(encodePng(image))).toEqual(image);
  });

  it('reads RGB PNGs with every row filter, converting to gray', () => {
    // 2x5 RGB, rows filtered with None, Sub, Up, Average, Paeth (the raw bytes are what each filter leaves).
    const rgb = [
      [10, 20, 30, 40, 50, 60],
      [70, 80, 90, 100, 110, 120],
      [1, 2, 3, 4, 5, 6],
      [200, 100, 50, 25, 12, 6],
      [9, 8, 7, 6, 5, 4],
    ];
    const filtered: number[] = [];
    rgb.forEach((row, y) => {
      const filter = y;
      filtered.push(filter);
      row.forEach((value, i) => {
        const a = i >= 3 ? row[i - 3]! : 0;
        const b = y > 0 ? rgb[y - 1]![i]! : 0;
        const c = y > 0 && i >= 3 ? rgb[y - 1]![i - 3]! : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
        filtered.push((value - predictor) & 0xff);
      });
    });
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, data, Buffer.alloc(4)]); // CRC is not checked on read
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(2, 0);
    ihdr.writeUInt32BE(5, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(filtered))), chunk('IEND', Buffer.alloc(0))]);
    const gray = decodePng(png);
    const expected = rgb.flatMap((row) => [0, 3].map((i) => Math.round(0.299 * row[i]! + 0.587 * row[i + 1]! + 0.114 * row[i + 2]!)));
    expect([...gray.pixels]).toEqual(expected);
  });

  it('counts pixels that differ by more than the threshold and marks them', () => {
    const other: GrayImage = { ...image, pixels: Uint8Array.of(0, 200, 255, 10, 20, 100) };
    const result = compareGray(image, other, 64);
    expect(result.differing).toBe(2);
    expect(result.fraction).toBeCloseTo(2 / 6, 9);
    expect([...result.diff.pixels]).toEqual([255, 0, 255, 255, 255, 0]);
    expect(() => compareGray(image, { width: 2, height: 3, pixels: image.pixels }, 0)).toThrow('image sizes differ');
  });
});
