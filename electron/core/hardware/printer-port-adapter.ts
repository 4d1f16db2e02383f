import type { ReceiptPrinter } from '../../devices/receipt-printer/driver/receipt-printer.ts';
import { formatAmount, type ReceiptModel, type ReceiptBlock } from '../../devices/receipt-printer/driver/receipt-model.ts';
import { renderReceipt } from '../../devices/receipt-printer/driver/receipt-raster.ts';
import { loadReceiptFonts } from '../../devices/receipt-printer/driver/font-file-adapter.ts';
import type { DocumentPrinterDriver } from '../../devices/document-printer/document-printer-driver.ts';
import { renderIdDataStatement } from '../documents/statement-pdf.ts';
import type { CitizenReceipt, PrinterPort, PrintResult } from '../flow/flow-ports.ts';
import type { Logger } from '../log/logger.ts';

const LABELS = {
  reference: { ar: 'الرقم المرجعي', en: 'Reference' },
  amount: { ar: 'المبلغ المدفوع', en: 'Amount paid' },
  card: { ar: 'البطاقة', en: 'Card' },
  approval: { ar: 'رمز الموافقة', en: 'Approval code' },
  date: { ar: 'التاريخ والوقت', en: 'Date and time' },
  kiosk: { ar: 'الجهاز', en: 'Kiosk' },
  completed: { ar: 'تم تقديم طلبك بنجاح.', en: 'Your application was submitted.' },
  refunded: { ar: 'لم يُقدَّم الطلب، وأُعيد المبلغ إلى بطاقتك.', en: 'The application was not submitted; the money was returned to your card.' },
  failed: { ar: 'لم يكتمل الطلب.', en: 'The application did not complete.' },
  scan: { ar: 'امسح الرمز لإيصالك الإلكتروني', en: 'Scan for your e-receipt' },
  header: { ar: 'خدمة — الخدمات الحكومية الذاتية', en: 'Khidma — eGovernment self-service' },
};

/** Bahrain time, written the same way on every machine (no ICU wording). */
function bahrainTime(ms: number): string {
  const d = new Date(ms + 3 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The citizen's receipt as printer blocks, in their language; numbers and codes keep left-to-right order. */
export function receiptLayout(receipt: CitizenReceipt): ReceiptModel {
  const l = receipt.language;
  const pair = (label: { ar: string; en: string }, value: string): ReceiptBlock => ({ kind: 'pair', label: label[l], value, valueDirection: 'ltr' });
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: LABELS.header[l], align: 'center', size: 'small' },
    { kind: 'text', text: receipt.serviceTitle[l], align: 'center', size: 'large', bold: true },
    { kind: 'rule', style: 'dashed' },
    pair(LABELS.reference, receipt.reference),
  ];
  if (receipt.amountFils !== null) blocks.push(pair(LABELS.amount, formatAmount(receipt.amountFils, l)));
  if (receipt.maskedPan) blocks.push(pair(LABELS.card, `**** ${receipt.maskedPan.slice(-4)}`));
  if (receipt.authCode) blocks.push(pair(LABELS.approval, receipt.authCode));
  blocks.push(pair(LABELS.date, bahrainTime(receipt.issuedAt)), pair(LABELS.kiosk, receipt.kioskId), { kind: 'rule', style: 'dashed' });
  blocks.push({ kind: 'text', text: LABELS[receipt.outcome][l], align: 'center', bold: true });
  blocks.push({ kind: 'space', dots: 16 }, { kind: 'qr', data: receipt.eReceiptUrl, caption: LABELS.scan[l] }, { kind: 'space', dots: 24 });
  return { direction: l === 'ar' ? 'rtl' : 'ltr', blocks };
}

/** The receipt printer and the A4 printer in the flow runtime's words. */
export function printerPortFor(deps: { receiptPrinter: ReceiptPrinter; documentPrinter: DocumentPrinterDriver; kiosk: { id: string; location: { ar: string; en: string } }; logger: Logger }): PrinterPort {
  return {
    async printReceipt(receipt, signal): Promise<PrintResult> {
      const bitmap = renderReceipt(receiptLayout(receipt), loadReceiptFonts());
      const completion = await deps.receiptPrinter.print(bitmap, { signal });
      if (completion.completionCode === 'success') return { kind: 'printed' };
      deps.logger.warn({ completion: completion.completionCode, errorCode: completion.errorCode ?? null }, 'receipt not printed');
      return completion.errorCode === 'paperOut' ? { kind: 'paper-out' } : { kind: 'unavailable' };
    },
    async printStatement(input, signal): Promise<PrintResult> {
      const pdf = await renderIdDataStatement(
        {
          card: input.card,
          issuedAt: input.issuedAt,
          reference: input.reference,
          verificationUrl: `https://verify.khidma.invalid/s/${input.reference}`,
          kiosk: { id: deps.kiosk.id, location: deps.kiosk.location },
        },
        { logger: deps.logger },
      );
      const completion = await deps.documentPrinter.printPdf(pdf, { signal });
      if (completion.completionCode === 'success') return { kind: 'printed' };
      deps.logger.warn({ completion: completion.completionCode, errorCode: completion.errorCode ?? null }, 'statement not printed');
      return { kind: 'unavailable' };
    },
  };
}
