import { beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { createEscPosSplitter } from '../command-splitter.ts';
import { encodeMonoPng } from '../../../../native-mocks/receipt-printer/png.ts';
import { loadReceiptFonts } from './font-file-adapter.ts';
import { countDots, createMonoBitmap, getDot, type MonoBitmap } from './mono-bitmap.ts';
import { QR_QUIET_MODULES, qrModules } from './qr-raster.ts';
import { bandRasterJob } from './raster-bands.ts';
import type { ReceiptFonts } from './receipt-fonts.ts';
import { formatAmount, formatFils } from './receipt-model.ts';
import { renderReceipt, RECEIPT_WIDTH_DOTS } from './receipt-raster.ts';
import { arabicPaymentReceipt, englishPaymentReceipt } from './sample-receipts.ts';
import { shapeLine, wrapText } from './text-shaper.ts';

let fonts: ReceiptFonts;
beforeAll(() => {
  fonts = loadReceiptFonts();
});

const names = (text: string, dir: 'ltr' | 'rtl' | 'auto') => shapeLine(text, fonts.regular, 28, dir).glyphs.map((g) => g.glyph.name);
/** Glyphs left to right on paper, with the code points they came from. */
const visual = (text: string, dir: 'ltr' | 'rtl' | 'auto') =>
  [...shapeLine(text, fonts.regular, 28, dir).glyphs].sort((a, b) => a.x - b.x).map((g) => ({ name: g.glyph.name }));

/** Leftmost and rightmost inked columns of a bitmap. */
function inkColumns(b: MonoBitmap): [number, number] {
  let min = b.width;
  let max = -1;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (getDot(b, x, y)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
  }
  return [min, max];
}

describe('Arabic shaping and bidi (fontkit + bidi-js)', () => {
  it('letters take their joined forms (initial/medial/final), and lam-alef ligates', () => {
    const glyphs = names('السلام عليكم', 'rtl');
    expect(glyphs.some((n) => n.includes('.init'))).toBe(true);
    expect(glyphs.some((n) => n.includes('.medi'))).toBe(true);
    expect(glyphs.some((n) => n.includes('.fina'))).toBe(true);
    expect(glyphs.some((n) => n === '.notdef')).toBe(false);
    // The same letters unshaped would be isolated forms only: shaping really happened.
    expect(names('ل ا', 'rtl').some((n) => n.includes('.init'))).toBe(false);
  });

  // Glyphs are identified by name: fontkit shares glyph objects between letters drawn
  // from one base shape (qaf and feh), so a glyph's codePoints say where it was first used.
  it('right to left: the first letter is rightmost, the words run right to left', () => {
    const v = visual('السلام عليكم', 'rtl');
    expect(v.at(-1)?.name.startsWith('uni0627')).toBe(true); // alef of "السلام" at the right end
    const ain = v.findIndex((g) => g.name.startsWith('uni0639')); // ع starts the second word
    const alef = v.findIndex((g) => g.name.startsWith('uni0627'));
    expect(ain).toBeGreaterThanOrEqual(0);
    expect(ain).toBeLessThan(alef);
  });

  it('numbers and Latin inside Arabic keep left-to-right order, on the correct side', () => {
    const v = visual('رقم 123', 'rtl');
    const digits = v.filter((g) => g.name === 'one' || g.name === 'two' || g.name === 'three').map((g) => g.name);
    expect(digits).toEqual(['one', 'two', 'three']);
    // Logical "رقم" first → on the right; the number to its left.
    expect(v.findIndex((g) => g.name === 'three')).toBeLessThan(v.findIndex((g) => g.name.startsWith('uni0631')));
    const mixed = visual('الاسم Fatima Ahmed', 'rtl').map((g) => g.name);
    expect(mixed.join(' ')).toContain('F a t i m a');
  });

  it('brackets mirror in right-to-left text and enclose what they should', () => {
    const v = visual('شكراً (رقم 7)', 'rtl');
    expect(v.filter((g) => g.name.startsWith('paren')).map((g) => g.name)).toEqual(['parenleft', 'parenright']);
    // On paper: ( 7 مقر ) اًركش — read right to left: شكراً (رقم 7)
    const at = (name: string) => v.findIndex((g) => g.name.startsWith(name));
    const order = [at('parenleft'), at('seven'), at('uni0645'), at('uni0631'), at('parenright'), at('threedotsupabovear')];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('English stays left to right', () => {
    expect(names('Amount', 'ltr')).toEqual(['A', 'm', 'o', 'u', 'n', 't']);
  });

  it('wraps on words and every line fits', () => {
    const text = 'شكراً لاستخدامكم خدمات الكشك. احتفظوا بهذا الإيصال، وقد أُرسلت نسخة منه برسالة نصية.';
    const lines = wrapText(text, fonts.regular, 28, 'rtl', 300);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(shapeLine(line, fonts.regular, 28, 'rtl').width).toBeLessThanOrEqual(300);
    expect(lines.join(' ')).toBe(text);
  });
});

describe('receipt raster', () => {
  it('renders the Arabic receipt 576 dots wide, right-aligned, with ink', () => {
    const b = renderReceipt(arabicPaymentReceipt(), fonts);
    expect(b.width).toBe(RECEIPT_WIDTH_DOTS);
    expect(b.bytesPerRow).toBe(72);
    expect(b.height).toBeGreaterThan(600);
    const subtitle = renderReceipt({ direction: 'rtl', blocks: [{ kind: 'text', text: 'إيصال دفع' }] }, fonts);
    const [left, right] = inkColumns(subtitle);
    expect(right).toBeGreaterThan(RECEIPT_WIDTH_DOTS - 20); // start side of an RTL line is the right margin
    expect(left).toBeGreaterThan(RECEIPT_WIDTH_DOTS / 2);
    const english = renderReceipt({ direction: 'ltr', blocks: [{ kind: 'text', text: 'Payment receipt' }] }, fonts);
    expect(inkColumns(english)[0]).toBeLessThan(20);
  });

  it('a masked card number keeps its order on an Arabic receipt (value in its own direction)', () => {
    const v = [...shapeLine('************0119', fonts.regular, 28, 'auto').glyphs].sort((a, b) => a.x - b.x).map((g) => g.glyph.name);
    expect(v.slice(-4)).toEqual(['zero', 'one', 'one', 'nine']);
  });

  it('draws the QR code module for module, with its quiet zone', () => {
    const data = 'https://receipts.example.invalid/r/KHD-2026-000123';
    const b = renderReceipt({ direction: 'ltr', blocks: [{ kind: 'qr', data, moduleDots: 6 }] }, fonts);
    const { size, dark } = qrModules(data);
    const side = (size + 2 * QR_QUIET_MODULES) * 6;
    const left = Math.round((RECEIPT_WIDTH_DOTS - side) / 2) + QR_QUIET_MODULES * 6;
    const top = QR_QUIET_MODULES * 6;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) expect(getDot(b, left + x * 6 + 3, top + y * 6 + 3)).toBe(dark(x, y));
    expect(countDots(b, 0, 0, RECEIPT_WIDTH_DOTS, top)).toBe(0);
  });

  it('formats fils as BHD with three decimals, without floating point', () => {
    expect(formatFils(1000)).toBe('1.000');
    expect(formatFils(5)).toBe('0.005');
    expect(formatFils(1234567)).toBe('1,234.567');
    expect(formatAmount(1500, 'en')).toBe('BHD 1.500');
    expect(formatAmount(1500, 'ar')).toBe('1.500 د.ب');
    expect(() => formatFils(1.5)).toThrow(RangeError);
  });

  it('English receipt renders too', () => {
    expect(countDots(renderReceipt(englishPaymentReceipt(), fonts))).toBeGreaterThan(10_000);
  });
});

describe('raster bands and PNG', () => {
  it('bands rebuild the bitmap exactly: one ESC @, GS v 0 bands with no line feed between, one cut at the end', () => {
    const b = renderReceipt(arabicPaymentReceipt(), fonts);
    const job = bandRasterJob(b, { bandRows: 240 });
    expect(job.bands.map((x) => x.rows).reduce((a, c) => a + c, 0)).toBe(b.height);
    const all = new Uint8Array([...job.preamble, ...job.bands.flatMap((x) => [...x.bytes]), ...job.ending]);
    const commands = createEscPosSplitter().push(all);
    expect(commands.filter((c) => c.kind === 'initialize')).toHaveLength(1);
    expect(commands.filter((c) => c.kind === 'cut')).toHaveLength(1);
    const firstNonRaster = commands.findIndex((c, i) => i > 0 && c.kind !== 'rasterImage' && commands[i - 1]?.kind === 'rasterImage');
    expect(commands.slice(firstNonRaster).some((c) => c.kind === 'rasterImage')).toBe(false);
    const rows: number[] = [];
    for (const c of commands) if (c.kind === 'rasterImage') rows.push(...c.data);
    expect(rows.slice(0, b.data.length)).toEqual([...b.data]);
  });

  it('the PNG encoder writes a valid 1-bit greyscale PNG of the dots', () => {
    const b = createMonoBitmap(16, 3);
    b.data.set([0x80, 0x01, 0x00, 0x00, 0xff, 0xff]);
    const png = encodeMonoPng(b);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20), png[24], png[25]]).toEqual([16, 3, 1, 0]);
    const idatLength = view.getUint32(33);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    // filter byte, then inverted bits (PNG 1 = white)
    expect([...raw]).toEqual([0, 0x7f, 0xfe, 0, 0xff, 0xff, 0, 0x00, 0x00]);
  });
});
