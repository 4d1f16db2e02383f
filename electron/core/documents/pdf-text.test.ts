import PDFDocument from 'pdfkit';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDocumentFonts } from './pdf-fonts.ts';
import { drawLine, drawTextFor, layoutLine, wrapText, type TextStyle } from './pdf-text.ts';

const STYLE: TextStyle = { size: 10 };
let doc: PDFKit.PDFDocument;

beforeEach(() => {
  doc = new PDFDocument({ size: 'A4', margin: 0 });
  registerDocumentFonts(doc);
});

describe('drawTextFor', () => {
  it('leaves left-to-right runs and Arabic runs (fontkit reverses those) in logical order', () => {
    expect(drawTextFor({ text: 'abc', source: 'abc', rtl: false, script: 'latin' })).toBe('abc');
    expect(drawTextFor({ text: 'شخص تجريبي', source: 'شخص تجريبي', rtl: true, script: 'arabic' })).toBe('شخص تجريبي');
  });

  it('reverses right-to-left runs that fontkit would lay out left to right', () => {
    expect(drawTextFor({ text: ': ', source: ': ', rtl: true, script: 'latin' })).toBe(' :');
    expect(drawTextFor({ text: '، ', source: '، ', rtl: true, script: 'arabic' })).toBe(' ،');
  });
});

describe('layoutLine', () => {
  it('measures a line as the sum of its runs, each in the font of its script', () => {
    const line = layoutLine(doc, 'الرقم المرجعي: STM-2026-000042', 'rtl', STYLE);
    expect(line.runs.map((r) => r.run.script)).toEqual(['latin', 'latin', 'arabic']);
    expect(line.width).toBeCloseTo(line.runs.reduce((sum, r) => sum + r.width, 0), 6);
    expect(line.runs.every((r) => r.width > 0)).toBe(true);
  });

  it('measures a bold line wider than the regular one', () => {
    expect(layoutLine(doc, 'شهادة بيانات الهوية', 'rtl', { size: 10, weight: 'bold' }).width).toBeGreaterThan(layoutLine(doc, 'شهادة بيانات الهوية', 'rtl', STYLE).width);
  });
});

describe('drawLine', () => {
  it('draws runs left to right, a right-aligned line ending at the right edge of its box', () => {
    const calls: { text: string; x: number }[] = [];
    vi.spyOn(doc, 'text').mockImplementation(((text: string, x?: number) => {
      calls.push({ text, x: x ?? NaN });
      return doc;
    }) as typeof doc.text);
    const line = layoutLine(doc, 'الرقم المرجعي: STM-2026-000042', 'rtl', STYLE);
    drawLine(doc, line, STYLE, { x: 100, width: 300, baseline: 50, align: 'right' });
    expect(calls.map((c) => c.text)).toEqual(['STM-2026-000042', ' :', 'الرقم المرجعي']);
    const xs = calls.map((c) => c.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const lastRun = line.runs[line.runs.length - 1]!;
    expect((xs[xs.length - 1] ?? 0) + lastRun.width).toBeCloseTo(400, 6);
  });

  it("aligns 'start' to the right for right-to-left lines and to the left for left-to-right ones", () => {
    const xs: number[] = [];
    vi.spyOn(doc, 'text').mockImplementation(((_text: string, x?: number) => {
      xs.push(x ?? NaN);
      return doc;
    }) as typeof doc.text);
    const ar = layoutLine(doc, 'العنوان', 'rtl', STYLE);
    drawLine(doc, ar, STYLE, { x: 0, width: 200, baseline: 10, align: 'start' });
    drawLine(doc, layoutLine(doc, 'Address', 'ltr', STYLE), STYLE, { x: 0, width: 200, baseline: 10, align: 'start' });
    expect(xs[0]).toBeCloseTo(200 - ar.width, 6);
    expect(xs[1]).toBe(0);
  });
});

describe('wrapText', () => {
  const paragraph = 'تبين هذه الشهادة البيانات المسجلة في شريحة بطاقة الهوية وقت إصدارها، ولا تغني عن بطاقة الهوية.';

  it('wraps in logical order, every line within the width', () => {
    const lines = wrapText(doc, paragraph, 'rtl', STYLE, 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(paragraph);
    for (const line of lines) expect(layoutLine(doc, line, 'rtl', STYLE).width).toBeLessThanOrEqual(150);
  });

  it('cuts a word longer than the width by characters', () => {
    const url = `https://verify.example.invalid/s/${'x'.repeat(120)}`;
    const lines = wrapText(doc, url, 'ltr', STYLE, 200);
    expect(lines.join('')).toBe(url);
    for (const line of lines) expect(layoutLine(doc, line, 'ltr', STYLE).width).toBeLessThanOrEqual(200);
  });
});
