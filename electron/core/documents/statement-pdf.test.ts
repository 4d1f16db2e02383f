import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { formatCardDate } from './document-format.ts';
import { StatementInputError } from './statement-input.ts';
import { renderIdDataStatement, renderIdDataStatementWithLayout, type RenderedStatement } from './statement-pdf.ts';
import { qrSymbol } from './qr-vector.ts';
import { compareGray, decodePng, encodePng, type GrayImage } from './testing/gray-image.ts';
import { pdfInfo, pdfText, renderPageGray } from './testing/poppler.ts';
import { ISSUED_AT, otherPersonInput, statementInput } from './testing/statement-fixture.ts';

const here = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(here, '__golden__', 'id-data-statement-p1-60dpi.png');
const ARTIFACTS = join(here, '..', '..', '..', 'artifacts', 'documents');

/**
 * Golden tolerance. A pixel "differs" when its gray level moves by more than
 * 64 of 255 (anti-aliasing noise stays well under that); the page fails when
 * more than 0.05 % of its pixels differ. Looser is useless: at 60 dpi another
 * person's statement differs from the golden in about 0.08 % of pixels, so the
 * 0.5 % often used for screenshots would accept the wrong person. Text itself
 * is checked exactly with pdftotext below.
 */
const PIXEL_THRESHOLD = 64;
const MAX_DIFFERING_FRACTION = 0.0005;

function saveForInspection(name: string, image: GrayImage): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), encodePng(image));
}

let rendered: RenderedStatement;
beforeAll(async () => {
  rendered = await renderIdDataStatementWithLayout(statementInput());
});

describe('ID data statement: text a reader extracts (pdftotext)', () => {
  let text: string;
  beforeAll(() => {
    text = pdfText(rendered.pdf);
  });

  it('gives the Arabic name, title and labels in logical order, exactly as typed', () => {
    for (const arabic of [
      'شخص تجريبي واحد',
      'شهادة بيانات الهوية',
      'هيئة المعلومات والحكومة الإلكترونية',
      'بيانات حامل البطاقة',
      'الرقم الشخصي',
      'الاسم بالعربية',
      'الاسم بالإنجليزية',
      'تاريخ الميلاد',
      'الجنسية',
      'بحريني',
      'العنوان',
      'الرقم التسلسلي للبطاقة',
      'تاريخ انتهاء البطاقة',
      'الرقم المرجعي',
      'تاريخ ووقت الإصدار',
      'جهاز الخدمة الذاتية',
      'مركز خدمات مدينة عيسى',
      'التحقق من الشهادة',
    ]) {
      expect(text).toContain(arabic);
    }
  });

  it('never gives the Arabic reversed or with look-alike letters swapped', () => {
    expect(text).not.toContain([...'شخص تجريبي واحد'].reverse().join(''));
    // Noto draws ت/ي/ب/ن from one skeleton: without unique glyph encoding these come out instead.
    expect(text).not.toMatch(/تخرتبي|نيانات|الهوتة/);
  });

  it('gives the English strings and the values', () => {
    for (const english of [
      'Information & eGovernment',
      'ID Data Statement',
      'Personal number (CPR)',
      '000000018',
      'Test Person One',
      formatCardDate('1990-03-14'),
      'Bahraini (BHR)',
      'Flat 12, Building 345, Road 678, Block 901',
      'TST000001',
      '23/11/2029',
      'STM-2026-000042',
      '23/11/2026 12:00 (UTC+03:00)',
      'Isa Town service centre (KSK-0142)',
      'https://verify.example.invalid/s/STM-2026-000042',
    ]) {
      expect(text).toContain(english);
    }
  });
});

describe('ID data statement: what it looks like (pdftoppm against a golden image)', () => {
  it('matches the committed golden render of page 1 at 60 dpi', () => {
    const actual = renderPageGray(rendered.pdf, 60);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, encodePng(actual));
    }
    const golden = decodePng(new Uint8Array(readFileSync(GOLDEN)));
    const difference = compareGray(golden, actual, PIXEL_THRESHOLD);
    if (difference.fraction > MAX_DIFFERING_FRACTION) {
      saveForInspection('statement-actual-60dpi.png', actual);
      saveForInspection('statement-diff-60dpi.png', difference.diff);
    }
    expect(difference.fraction, `${difference.differing} pixels differ; see artifacts/documents/statement-*-60dpi.png`).toBeLessThanOrEqual(MAX_DIFFERING_FRACTION);
  });

  it('tells another person statement apart from the golden (the tolerance has teeth)', async () => {
    const other = renderPageGray(await renderIdDataStatement(otherPersonInput()), 60);
    const golden = decodePng(new Uint8Array(readFileSync(GOLDEN)));
    expect(compareGray(golden, other, PIXEL_THRESHOLD).fraction).toBeGreaterThan(MAX_DIFFERING_FRACTION);
  });

  it('is one A4 portrait page', () => {
    const info = pdfInfo(rendered.pdf);
    expect(info['Pages']).toBe('1');
    expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
  });
});

describe('ID data statement: verification QR code', () => {
  it('prints, module for module, the QR symbol of the verification URL', () => {
    const dpi = 150;
    const page = renderPageGray(rendered.pdf, dpi);
    const symbol = qrSymbol('https://verify.example.invalid/s/STM-2026-000042');
    const { qr } = rendered.layout;
    expect(qr.modules).toBe(symbol.size);
    const scale = dpi / 72;
    const moduleSide = qr.side / qr.modules;
    const ink = (row: number, col: number) => {
      const x = Math.floor((qr.x + (col + 0.5) * moduleSide) * scale);
      const y = Math.floor((qr.y + (row + 0.5) * moduleSide) * scale);
      return (page.pixels[y * page.width + x] ?? 255) < 128;
    };
    const mismatches: string[] = [];
    // The symbol plus its four-module quiet zone, which must be blank paper.
    for (let row = -4; row < symbol.size + 4; row++) {
      for (let col = -4; col < symbol.size + 4; col++) {
        const inside = row >= 0 && col >= 0 && row < symbol.size && col < symbol.size;
        const expected = inside && symbol.isDark(row, col);
        if (ink(row, col) !== expected) mismatches.push(`${row},${col}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('ID data statement: determinism and metadata', () => {
  it('gives the same bytes for the same input and clock value', async () => {
    const again = await renderIdDataStatement(statementInput());
    expect(Buffer.from(again).equals(Buffer.from(rendered.pdf))).toBe(true);
  });

  it('takes its creation date from the injected clock, not the wall clock', async () => {
    const later = await renderIdDataStatement(statementInput({ issuedAt: ISSUED_AT + 60_000 }));
    expect(Buffer.from(later).equals(Buffer.from(rendered.pdf))).toBe(false);
    expect(pdfInfo(rendered.pdf)['CreationDate']).toBe('2026-11-23T09:00:00Z');
    expect(pdfInfo(later)['CreationDate']).toBe('2026-11-23T09:01:00Z');
  });

  it('keeps personal data out of the document info', () => {
    const info = pdfInfo(rendered.pdf);
    expect(info['Title']).toBe('ID Data Statement STM-2026-000042');
    const all = Object.values(info).join('\n');
    for (const value of ['000000018', 'Test Person', 'شخص', 'TST000001']) expect(all).not.toContain(value);
  });
});

describe('ID data statement: logs', () => {
  const card = statementInput().card;
  const personal = [card.cpr, card.nameEn, card.nameAr, ...card.nameEn.split(' ').filter((w) => w.length > 3), card.dateOfBirth, formatCardDate(card.dateOfBirth), card.cardSerial, 'Building 345', 'Road 678', 'Block 901'];

  it('logs the rendering with the reference and no personal data', async () => {
    const { logger, text, lines } = createMemoryLogger();
    await renderIdDataStatement(statementInput(), { logger });
    expect(lines()).toEqual([expect.objectContaining({ event: 'document.rendered', reference: 'STM-2026-000042', kioskId: 'KSK-0142' })]);
    for (const value of personal) expect(text()).not.toContain(value);
  });

  it('logs a refused input by field name, never its value', async () => {
    const { logger, text, lines } = createMemoryLogger();
    const bad = statementInput({ card: { ...card, cpr: '00000001X', nameEn: 'Test\u202ePerson One' } });
    await expect(renderIdDataStatement(bad, { logger })).rejects.toThrow(StatementInputError);
    await expect(renderIdDataStatement(bad)).rejects.toThrow(/card\.cpr, card\.nameEn/);
    expect(lines()).toEqual([expect.objectContaining({ event: 'document.refused' })]);
    expect(text()).toContain('card.cpr');
    for (const value of ['00000001X', 'Test', card.nameAr, formatCardDate(card.dateOfBirth)]) expect(text()).not.toContain(value);
  });
});

describe('ID data statement: long card data', () => {
  it('fits the longest names the card schema allows on one page with compact tables', async () => {
    const base = statementInput();
    const long = await renderIdDataStatementWithLayout({
      ...base,
      card: {
        ...base.card,
        nameAr: 'عبدالرحمن محمد عبدالله '.repeat(8).slice(0, 160).trim(),
        nameEn: 'Abdulrahman Mohammed Abdulla '.repeat(6).slice(0, 120).trim(),
        cardSerial: 'ABCDEFGHIJ0123456789',
        nationality: 'XYZ',
        address: { flat: '1234A', building: '1234B', road: '1234', block: '1234' },
      },
      verificationUrl: `https://verify.example.invalid/s/${'x'.repeat(160)}`,
      kiosk: { id: 'KSK-0142-ABCDEFGHIJKLMN', location: { ar: 'مركز خدمات مدينة عيسى '.repeat(4).slice(0, 80), en: 'Isa Town service centre '.repeat(4).slice(0, 80) } },
    });
    expect(long.layout.tables).toBe('compact');
    expect(rendered.layout.tables).toBe('regular');
    expect(pdfInfo(long.pdf)['Pages']).toBe('1');
    expect(pdfText(long.pdf)).toContain('عبدالرحمن محمد عبدالله');
  });
});
