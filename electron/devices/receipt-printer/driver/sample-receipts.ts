/**
 * Typical receipts with fictional data, in Arabic and in English: what the
 * tests, the benchmark and the control panel demo print. The payments layer
 * builds the real ones the same way.
 */
import { formatAmount, type ReceiptModel } from './receipt-model.ts';

export interface SampleReceiptData {
  reference: string;
  service: { ar: string; en: string };
  amountFils: number;
  maskedPan: string;
  dateTime: string;
  eReceiptUrl: string;
}

export const SAMPLE_PAYMENT: SampleReceiptData = {
  reference: 'KHD-2026-000123',
  service: { ar: 'تجديد بطاقة الهوية', en: 'ID card renewal' },
  amountFils: 1000,
  maskedPan: '************0119',
  dateTime: '2026-11-23 12:00',
  eReceiptUrl: 'https://receipts.example.invalid/r/KHD-2026-000123',
};

export function arabicPaymentReceipt(d: SampleReceiptData = SAMPLE_PAYMENT): ReceiptModel {
  return {
    direction: 'rtl',
    blocks: [
      { kind: 'text', text: 'هيئة المعلومات والحكومة الإلكترونية', align: 'center', size: 'large', bold: true },
      { kind: 'text', text: 'إيصال دفع', align: 'center' },
      { kind: 'rule' },
      { kind: 'pair', label: 'الخدمة', value: d.service.ar },
      { kind: 'pair', label: 'المبلغ', value: formatAmount(d.amountFils, 'ar'), bold: true },
      { kind: 'pair', label: 'رقم العملية', value: d.reference },
      { kind: 'pair', label: 'البطاقة', value: d.maskedPan },
      { kind: 'pair', label: 'التاريخ', value: d.dateTime },
      { kind: 'rule' },
      { kind: 'text', text: 'شكراً لاستخدامكم خدمات الكشك. احتفظوا بهذا الإيصال، وقد أُرسلت نسخة منه برسالة نصية.' },
      { kind: 'space', dots: 12 },
      { kind: 'qr', data: d.eReceiptUrl, caption: 'امسح الرمز للإيصال الإلكتروني' },
    ],
  };
}

export function englishPaymentReceipt(d: SampleReceiptData = SAMPLE_PAYMENT): ReceiptModel {
  return {
    direction: 'ltr',
    blocks: [
      { kind: 'text', text: 'Information & eGovernment Authority', align: 'center', size: 'large', bold: true },
      { kind: 'text', text: 'Payment receipt', align: 'center' },
      { kind: 'rule' },
      { kind: 'pair', label: 'Service', value: d.service.en },
      { kind: 'pair', label: 'Amount', value: formatAmount(d.amountFils, 'en'), bold: true },
      { kind: 'pair', label: 'Reference', value: d.reference },
      { kind: 'pair', label: 'Card', value: d.maskedPan },
      { kind: 'pair', label: 'Date', value: d.dateTime },
      { kind: 'rule' },
      { kind: 'text', text: 'Thank you for using the kiosk. Keep this receipt; a copy has been sent to you by SMS.' },
      { kind: 'space', dots: 12 },
      { kind: 'qr', data: d.eReceiptUrl, caption: 'Scan for your e-receipt' },
    ],
  };
}
