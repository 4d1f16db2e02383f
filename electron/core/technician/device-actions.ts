import type { DeviceId, LocalizedText } from '../../contract/index.ts';
import type { KioskConfig } from '../config/config-schema.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { driverFor, type KioskHardware } from '../hardware/kiosk-hardware.ts';
import { renderReceipt } from '../../devices/receipt-printer/driver/receipt-raster.ts';
import { loadReceiptFonts } from '../../devices/receipt-printer/driver/font-file-adapter.ts';
import type { ReceiptBlock } from '../../devices/receipt-printer/driver/receipt-model.ts';
import { settle } from '../settlement/settlement.ts';
import { settlementReportLines } from '../settlement/settlement-text.ts';
import { zvtSettlementPort } from '../settlement/zvt-settlement-adapter.ts';

export interface SelfTestOutcome {
  passed: boolean;
  summary: LocalizedText;
}

/** Prints lines on the receipt printer (Arabic right to left, English left to right). True when it came out. */
async function printLines(hardware: KioskHardware, sections: { direction: 'rtl' | 'ltr'; lines: string[] }[]): Promise<boolean> {
  const blocks: ReceiptBlock[] = sections.flatMap((section, i) => [
    ...(i > 0 ? [{ kind: 'rule' as const, style: 'dashed' as const }] : []),
    ...section.lines.map((text) => ({ kind: 'text' as const, text: text || ' ', direction: section.direction })),
  ]);
  const bitmap = renderReceipt({ direction: 'rtl', blocks }, loadReceiptFonts());
  const completion = await hardware.receiptPrinter.print(bitmap);
  return completion.completionCode === 'success';
}

/**
 * A device's own self-test (XFS4IoT style, from its driver), and for the
 * receipt printer a printed test slip as well: the technician sees paper come
 * out. Never touches a citizen: technician mode is only open with no session.
 */
export async function runSelfTest(hardware: KioskHardware | null, id: DeviceId, logger: Logger): Promise<SelfTestOutcome> {
  if (!hardware) return { passed: false, summary: { ar: 'الأجهزة لم تبدأ: لا يمكن الاختبار.', en: 'The devices did not start: nothing to test.' } };
  try {
    const result = await driverFor(hardware, id).selfTest();
    const failed = result.checks.filter((c) => !c.passed);
    if (!result.passed) {
      const why = failed.map((c) => `${c.name}${c.detail ? ` (${c.detail})` : ''}`).join(', ').slice(0, 150);
      return { passed: false, summary: { ar: `فشل الاختبار: ${why}`, en: `Self-test failed: ${why}` } };
    }
    if (id === 'receiptPrinter') {
      const printed = await printLines(hardware, [
        { direction: 'rtl', lines: ['إيصال اختبار — خدمة', 'إذا قرأت هذا فالطابعة تعمل.'] },
        { direction: 'ltr', lines: ['Test receipt — Khidma', 'If you can read this, the printer works.'] },
      ]);
      if (!printed) return { passed: false, summary: { ar: 'الطابعة أجابت لكن إيصال الاختبار لم يُطبع.', en: 'The printer answered but the test receipt did not print.' } };
      return { passed: true, summary: { ar: `نجح الاختبار (${result.checks.length} فحوص) وطُبع إيصال اختبار.`, en: `Self-test passed (${result.checks.length} checks) and a test receipt was printed.` } };
    }
    return { passed: true, summary: { ar: `نجح الاختبار (${result.checks.length} فحوص).`, en: `Self-test passed (${result.checks.length} checks).` } };
  } catch (error) {
    logger.warn({ device: id, err: (error as Error).message }, 'self-test failed to run');
    return { passed: false, summary: { ar: 'تعذّر تشغيل الاختبار: الجهاز لا يجيب.', en: 'The self-test could not run: the device does not answer.' } };
  }
}

export interface SettlementOutcome {
  reconciled: boolean;
  /** The report, one line per string, in each language. */
  lines: { ar: string[]; en: string[] };
  /**
   * Prints the report in both languages; true when it came out. Separate
   * from settling so the screen shows the report at once and the supervisor
   * is not left looking at "Working…" while the slip prints.
   */
  print(): Promise<boolean>;
}

/** End-of-day on demand: settle, and hand back the report lines and a way to print them. */
export async function settleNow(deps: { hardware: KioskHardware | null; journal: JournalStore; clock: Clock; logger: Logger; config: KioskConfig }): Promise<SettlementOutcome> {
  const { hardware, journal, clock, logger, config } = deps;
  if (!hardware) return { reconciled: false, lines: { ar: ['جهاز الدفع غير متاح.'], en: ['The payment terminal is not available.'] }, print: () => Promise.resolve(false) };
  const result = await settle({ journal, terminal: zvtSettlementPort(hardware.terminal), clock, logger, timeZone: config.settlement.timeZone }, { reason: 'on-demand' });
  const options = { timeZone: config.settlement.timeZone, kioskId: config.kiosk.id };
  const ar = settlementReportLines(result, 'ar', options);
  const en = settlementReportLines(result, 'en', options);
  const print = () =>
    printLines(hardware, [
      { direction: 'rtl', lines: ar },
      { direction: 'ltr', lines: en },
    ]).catch(() => false);
  const fit = (lines: string[]) => lines.map((l) => l.slice(0, 200)).slice(0, 60);
  return { reconciled: result.status === 'settled' && result.matched, lines: { ar: fit(ar), en: fit(en) }, print };
}
