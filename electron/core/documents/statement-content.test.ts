import { describe, expect, it } from 'vitest';
import { formatAmount, formatCardDate, formatFils, formatIssueTime } from './document-format.ts';
import { addressLines, nationalityLines, statementContent } from './statement-content.ts';
import { checkStatementInput } from './statement-input.ts';
import { ISSUED_AT, statementInput } from './testing/statement-fixture.ts';

describe('statement content', () => {
  it('prints card dates day first', () => {
    expect(formatCardDate('1990-03-14')).toBe('14/03/1990');
  });

  it('prints the issue time in Bahrain time (UTC+3) from the injected clock value', () => {
    expect(formatIssueTime(ISSUED_AT, 'Asia/Bahrain')).toBe('23/11/2026 12:00 (UTC+03:00)');
    expect(formatIssueTime(Date.UTC(2026, 11, 31, 21, 30), 'Asia/Bahrain')).toBe('01/01/2027 00:30 (UTC+03:00)');
    expect(formatIssueTime(ISSUED_AT, 'UTC')).toBe('23/11/2026 09:00 (UTC+00:00)');
    expect(formatIssueTime(ISSUED_AT, 'America/St_Johns')).toBe('23/11/2026 05:30 (UTC-03:30)');
  });

  it('writes fils as dinars with three decimals, without floating point', () => {
    expect(formatFils(1000)).toBe('1.000');
    expect(formatFils(5)).toBe('0.005');
    expect(formatFils(1234567)).toBe('1,234.567');
    expect(formatFils(-250)).toBe('-0.250');
    expect(() => formatFils(1.5)).toThrow(RangeError);
    expect(formatAmount(1000, 'en')).toBe('BHD 1.000');
    expect(formatAmount(1000, 'ar')).toBe('1.000 د.ب');
  });

  it('names known nationalities in both languages and falls back to the ISO code', () => {
    expect(nationalityLines('BHR')).toEqual([
      { text: 'بحريني', direction: 'rtl' },
      { text: 'Bahraini (BHR)', direction: 'ltr' },
    ]);
    expect(nationalityLines('XYZ')).toEqual([{ text: 'XYZ', direction: 'ltr' }]);
  });

  it('writes the address flat, building, road, block in both languages and leaves out a missing flat', () => {
    expect(addressLines({ flat: '12', building: '345', road: '678', block: '901' }).map((l) => l.text)).toEqual([
      'شقة 12، مبنى 345، طريق 678، مجمع 901',
      'Flat 12, Building 345, Road 678, Block 901',
    ]);
    expect(addressLines({ flat: null, building: '22A', road: '9902', block: '999' }).map((l) => l.text)).toEqual(['مبنى 22A، طريق 9902، مجمع 999', 'Building 22A, Road 9902, Block 999']);
  });

  it('labels every row in Arabic and English and puts the card data in it', () => {
    const content = statementContent(checkStatementInput(statementInput()));
    const rows = content.sections.flatMap((s) => s.rows);
    for (const row of rows) {
      expect(row.label.ar).toMatch(/[\u0600-\u06ff]/);
      expect(row.label.en).toMatch(/^[A-Za-z]/);
      expect(row.value.length).toBeGreaterThan(0);
    }
    const values = rows.flatMap((r) => r.value.map((v) => v.text));
    expect(values).toEqual(expect.arrayContaining(['000000018', 'شخص تجريبي واحد', 'Test Person One', '14/03/1990', 'TST000001', '23/11/2029', 'STM-2026-000042']));
    expect(content.verify.url).toBe('https://verify.example.invalid/s/STM-2026-000042');
  });
});
