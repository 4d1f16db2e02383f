import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { sfntChecksum, woffToSfnt } from './woff-to-sfnt.ts';

const require = createRequire(import.meta.url);
const WOFF = new Uint8Array(readFileSync(require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff')));

function tables(sfnt: Uint8Array) {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  return Array.from({ length: view.getUint16(4) }, (_, i) => {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...sfnt.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    return { tag, checksum: view.getUint32(record + 4), data: sfnt.slice(offset, offset + view.getUint32(record + 12)) };
  });
}

describe('woffToSfnt', () => {
  it('unpacks every table intact: each matches the checksum the font was built with', () => {
    const sfnt = woffToSfnt(WOFF);
    expect(new DataView(sfnt.buffer).getUint32(0)).toBe(0x00010000); // TrueType outlines
    const all = tables(sfnt);
    expect(all.map((t) => t.tag)).toEqual(expect.arrayContaining(['glyf', 'GSUB', 'GPOS', 'cmap', 'head', 'hmtx']));
    for (const table of all) {
      // 'head' is summed with its checkSumAdjustment field as zero.
      if (table.tag === 'head') table.data.fill(0, 8, 12);
      expect(sfntChecksum(table.data), table.tag).toBe(table.checksum);
    }
  });

  it('gives a font pdfkit shapes exactly like the WOFF original', () => {
    const width = (font: Uint8Array) => {
      const doc = new PDFDocument({ size: 'A4' });
      doc.registerFont('f', Buffer.from(font));
      return doc.font('f').fontSize(10).widthOfString('شهادة بيانات الهوية', { features: [] });
    };
    expect(width(woffToSfnt(WOFF))).toBe(width(WOFF));
  });

  it('refuses anything that is not WOFF 1.0', () => {
    expect(() => woffToSfnt(woffToSfnt(WOFF))).toThrow('not a WOFF 1.0 font');
    expect(() => woffToSfnt(new Uint8Array(10))).toThrow('not a WOFF 1.0 font');
  });
});
