import { describe, expect, it } from 'vitest';
import type { SettlementReport } from './settlement.ts';
import { settlementReportLines, settlementReportText } from './settlement-text.ts';

const AT = Date.UTC(2026, 10, 23, 20, 30); // 23:30 in Bahrain

const report = (overrides: Partial<SettlementReport> = {}): SettlementReport => ({
  status: 'settled',
  intentId: 40,
  businessDay: '2026-11-23',
  reason: 'scheduled',
  at: AT,
  period: { fromIntentId: 12, from: AT - 24 * 3600_000, toIntentId: 40, to: AT },
  journal: {
    count: 2,
    amountFils: 7250,
    approved: { count: 3, amountFils: 9250 },
    reversed: { count: 1, amountFils: 2000 },
    byService: [
      { serviceId: 'passport-fee', count: 1, amountFils: 5000 },
      { serviceId: 'renew-id-card', count: 1, amountFils: 2250 },
    ],
  },
  terminal: { count: 2, amountFils: 7250 },
  terminalReceipt: ['END OF DAY', 'COUNT 2'],
  matched: true,
  discrepancies: [],
  inDoubtOpen: 0,
  openItems: [],
  ...overrides,
});

describe('settlement report text', () => {
  it('English: header, local times, journal and terminal totals in BHD with three decimals', () => {
    expect(settlementReportLines(report(), 'en', { timeZone: 'Asia/Bahrain', kioskId: 'KIOSK-7' })).toEqual([
      'END-OF-DAY SETTLEMENT',
      'Kiosk: KIOSK-7',
      'Business day: 2026-11-23',
      'Run: scheduled',
      'At: 2026-11-23 23:30',
      'Period from: 2026-11-22 23:30',
      'RESULT: MATCHED',
      '-- Kiosk journal --',
      'Approved: 3  BHD 9.250',
      'Reversed: 1  BHD 2.000',
      'Net: 2  BHD 7.250',
      '  passport-fee: 1  BHD 5.000',
      '  renew-id-card: 1  BHD 2.250',
      '-- Payment terminal --',
      'Count: 2',
      'Amount: BHD 7.250',
      '-- Discrepancies --',
      'none',
    ]);
  });

  it('Arabic: Arabic words and Arabic-Indic digits, decimal separator ٫', () => {
    const lines = settlementReportLines(report(), 'ar', { timeZone: 'Asia/Bahrain' });
    expect(lines[0]).toBe('تسوية نهاية اليوم');
    expect(lines).toContain('يوم العمل: ٢٠٢٦-١١-٢٣');
    expect(lines).toContain('النتيجة: متطابقة');
    expect(lines).toContain('الصافي: ٢  ٧٫٢٥٠ د.ب');
    expect(lines.join('\n')).not.toMatch(/[0-9]/);
  });

  it('a mismatch with a negative difference and an unreported terminal count', () => {
    const r = report({
      matched: false,
      terminal: { count: null, amountFils: 5000 },
      discrepancies: [{ kind: 'amount', journalFils: 7250, terminalFils: 5000, differenceFils: -2250 }],
    });
    const lines = settlementReportLines(r, 'en', { timeZone: 'Asia/Bahrain' });
    expect(lines).toContain('RESULT: NOT MATCHED - SEE BELOW');
    expect(lines).toContain('Count: not reported');
    expect(lines).toContain('Amount: terminal BHD 5.000, kiosk BHD 7.250 (-BHD 2.250)');
    expect(settlementReportLines(r, 'ar', { timeZone: 'Asia/Bahrain' })).toContain('المبلغ: جهاز الدفع ٥٫٠٠٠ د.ب، سجل الجهاز ٧٫٢٥٠ د.ب (-٢٫٢٥٠ د.ب)');
  });

  it('both languages, Arabic first, terminal printout once at the end; a refusal prints why', () => {
    const text = settlementReportText(report(), { timeZone: 'Asia/Bahrain' });
    expect(text.indexOf('تسوية نهاية اليوم')).toBeLessThan(text.indexOf('END-OF-DAY SETTLEMENT'));
    expect(text.slice(-2)).toEqual(['END OF DAY', 'COUNT 2']);
    expect(text.filter((l) => l === 'END OF DAY')).toHaveLength(1);
    const refused = settlementReportText({ status: 'refused', why: 'already-settled', businessDay: '2026-11-23', reason: 'on-demand', settledBy: 40, detail: '' }, { timeZone: 'Asia/Bahrain' });
    expect(refused).toContain('This business day is already settled.');
    expect(refused).toContain('تمت تسوية يوم العمل هذا مسبقا.');
  });
});
