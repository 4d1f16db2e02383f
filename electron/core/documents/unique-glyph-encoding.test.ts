import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontName, registerDocumentFonts, selectFont } from './pdf-fonts.ts';
import { useUniqueGlyphEncoding, withSourceText } from './unique-glyph-encoding.ts';
import { pdfText } from './testing/poppler.ts';

const WORDS = 'بيانات تجريبي الهوية';

async function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  registerDocumentFonts(doc);
  draw(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('unique glyph encoding', () => {
  it('is needed: plain pdfkit makes extraction read look-alike letters (if this fails, pdfkit fixed it and the patch can go)', async () => {
    const pdf = await pdfWith((doc) => doc.font(fontName('arabic', 'regular')).fontSize(14).text(WORDS, 100, 100, { lineBreak: false, features: [] }));
    expect(clean(pdfText(pdf))).not.toBe(WORDS);
  });

  it('makes extraction give every Arabic letter as typed', async () => {
    const pdf = await pdfWith((doc) => {
      selectFont(doc, 'arabic', 'regular', 14);
      doc.text(WORDS, 100, 100, { lineBreak: false, features: [] });
    });
    expect(clean(pdfText(pdf))).toBe(WORDS);
  });

  it('maps a mirrored bracket glyph to the character it stands for', async () => {
    await pdfWith((doc) => {
      selectFont(doc, 'latin', 'regular', 14);
      withSourceText(doc, ')', () => doc.text('(', 100, 100, { lineBreak: false, features: [] }));
      const unicode = (doc as unknown as { _font: { unicode: (number[] | undefined)[] } })._font.unicode;
      expect(unicode).toContainEqual([0x29]);
      expect(unicode).not.toContainEqual([0x28]);
    });
  });

  it('refuses a font that is not an embedded font it understands', async () => {
    await pdfWith((doc) => {
      doc.font('Helvetica');
      expect(() => useUniqueGlyphEncoding(doc)).toThrow('pdfkit internals changed');
      expect(() => withSourceText(doc, ')', () => undefined)).toThrow('needs a font prepared');
    });
  });
});
