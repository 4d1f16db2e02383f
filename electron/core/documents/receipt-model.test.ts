import { describe, expect, it } from 'vitest';
import { eReceiptSmsText, parseReceiptModel, receiptRows, SMS_LIMIT, type ReceiptModel } from './receipt-model.ts';
import { ISSUED_AT } from './testing/statement-fixture.ts';

function chipUpdate(overrides: Partial<ReceiptModel> = {}): ReceiptModel {
  return parseReceiptModel({
    reference: 'APP-2026-000731',
    serviceTitle: { ar: 'تحديث شريحة البطاقة', en: 'Card chip update' },
    lines: [{ label: { ar: 'العنوان الجديد', en: 'New address' }, value: 'Block 901' }],
    amountFils: 1000,
    maskedPan: '************4242',
    authCode: 'A1B2C3',
    issuedAt: ISSUED_AT,
    kioskId: 'KSK-0142',
    eReceiptUrl: 'https://r.example.invalid/e/Q7K2M9',
    outcome: 'completed',
    ...overrides,
  });
}

/** GSM 03.38 basic character set: what fits 160 characters in one SMS. */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

describe('receipt model', () => {
  it('gives paper and e-receipt the same rows, in each language', () => {
    const model = chipUpdate();
    expect(receiptRows(model, 'en')).toEqual([
      { label: 'Service', value: 'Card chip update' },
      { label: 'Status', value: 'Completed' },
      { label: 'Reference', value: 'APP-2026-000731' },
      { label: 'New address', value: 'Block 901' },
      { label: 'Amount', value: 'BHD 1.000' },
      { label: 'Card', value: '************4242' },
      { label: 'Approval code', value: 'A1B2C3' },
      { label: 'Date and time', value: '23/11/2026 12:00 (UTC+03:00)' },
      { label: 'Kiosk', value: 'KSK-0142' },
    ]);
    const ar = receiptRows(model, 'ar');
    expect(ar.map((r) => r.label)).toEqual(['الخدمة', 'الحالة', 'الرقم المرجعي', 'العنوان الجديد', 'المبلغ', 'البطاقة', 'رمز الموافقة', 'التاريخ والوقت', 'جهاز الخدمة الذاتية']);
    expect(ar.find((r) => r.label === 'المبلغ')?.value).toBe('1.000 د.ب');
  });

  it('leaves out amount, card and approval code for a free service', () => {
    const free = chipUpdate({ amountFils: undefined, maskedPan: undefined, authCode: undefined });
    expect(receiptRows(free, 'en').map((r) => r.label)).toEqual(['Service', 'Status', 'Reference', 'New address', 'Date and time', 'Kiosk']);
  });

  it('refuses a full card number, a link with a personal number in it, or hidden formatting', () => {
    expect(() => chipUpdate({ maskedPan: '4242424242424242' })).toThrow(/maskedPan/);
    expect(() => chipUpdate({ maskedPan: '424242******4242' })).toThrow(/maskedPan/);
    expect(() => chipUpdate({ eReceiptUrl: 'https://r.example.invalid/e/000000018' })).toThrow(/personal number/);
    expect(() => chipUpdate({ eReceiptUrl: 'http://r.example.invalid/e/Q7K2M9' })).toThrow(/eReceiptUrl/);
    expect(() => chipUpdate({ eReceiptUrl: `https://r.example.invalid/e/${'Q'.repeat(13)}` })).toThrow(/eReceiptUrl/);
    expect(() => chipUpdate({ serviceTitle: { ar: 'تحديث\u202e', en: 'Card chip update' } })).toThrow(/serviceTitle/);
    expect(() => chipUpdate({ amountFils: 1.5 })).toThrow(/amountFils/);
    expect(() => chipUpdate({ amountFils: undefined })).toThrow(/maskedPan/);
    expect(() => parseReceiptModel({ ...chipUpdate(), cpr: '000000018' })).toThrow();
  });
});

describe('e-receipt SMS', () => {
  it('says outcome, amount, reference and link, in English and Arabic', () => {
    const model = chipUpdate();
    expect(eReceiptSmsText(model, 'en')).toBe('Khidma kiosk: Card chip update done, paid BHD 1.000. Ref APP-2026-000731. Receipt: https://r.example.invalid/e/Q7K2M9');
    expect(eReceiptSmsText(model, 'ar')).toBe('الخدمة الذاتية: تحديث شريحة البطاقة تمت، المبلغ 1.000 د.ب. المرجع APP-2026-000731. الإيصال: https://r.example.invalid/e/Q7K2M9');
    expect(eReceiptSmsText(chipUpdate({ outcome: 'reversed' }), 'en')).toContain('not completed, BHD 1.000 refunded');
    expect(eReceiptSmsText(chipUpdate({ outcome: 'failed' }), 'en')).toContain('not completed.');
    expect(eReceiptSmsText(chipUpdate({ amountFils: undefined, maskedPan: undefined }), 'en')).toBe('Khidma kiosk: Card chip update done. Ref APP-2026-000731. Receipt: https://r.example.invalid/e/Q7K2M9');
  });

  it('carries no card number, approval code or service-specific line', () => {
    for (const language of ['ar', 'en'] as const) {
      const sms = eReceiptSmsText(chipUpdate(), language);
      for (const secret of ['4242', 'A1B2C3', 'Block 901', 'KSK-0142']) expect(sms).not.toContain(secret);
    }
  });

  it('stays within one GSM-7 segment in English and two segments in Arabic, dropping the title when it must', () => {
    const longest = chipUpdate({
      reference: 'APP-2026-0000000000007310'.slice(0, 24),
      serviceTitle: { ar: 'ت'.repeat(80), en: 'T'.repeat(80) },
      amountFils: 100_000_000,
      eReceiptUrl: `https://r.example.invalid/e/${'Q'.repeat(12)}`,
      outcome: 'reversed',
    });
    for (const language of ['ar', 'en'] as const) {
      const sms = eReceiptSmsText(longest, language);
      expect(sms.length, sms).toBeLessThanOrEqual(SMS_LIMIT[language]);
      expect(sms).not.toContain(longest.serviceTitle[language]);
      expect(sms).toContain(longest.eReceiptUrl);
    }
    expect(eReceiptSmsText(longest, 'en')).toMatch(GSM7);
    expect(eReceiptSmsText(chipUpdate(), 'en')).toMatch(GSM7);
  });
});
