/**
 * The settlement report as plain text lines for the technician's printout,
 * in Arabic and in English. The receipt printer path (shaping, raster) is the
 * lead's; this file only decides the words and numbers. Amounts are BHD with
 * three decimals from integer fils; Arabic uses Arabic-Indic digits.
 */
import { localParts } from './business-day.ts';
import type { Discrepancy, SettlementReport, SettlementResult } from './settlement.ts';

export type ReportLanguage = 'ar' | 'en';

export interface SettlementTextOptions {
  timeZone: string;
  kioskId?: string;
}

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const digits = (text: string, language: ReportLanguage) => (language === 'ar' ? text.replace(/[0-9]/g, (d) => ARABIC_DIGITS[Number(d)]!).replace(/\./g, '٫') : text);

function bhd(fils: number, language: ReportLanguage, signed = false): string {
  const sign = fils < 0 ? '-' : signed && fils > 0 ? '+' : '';
  const abs = Math.abs(fils);
  const value = `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  return language === 'ar' ? `${sign}${digits(value, 'ar')} د.ب` : `${sign}BHD ${value}`;
}

const num = (n: number, language: ReportLanguage, signed = false) => digits(`${signed && n > 0 ? '+' : ''}${n}`, language);

function when(ms: number, timeZone: string, language: ReportLanguage): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  // Dates and times read left to right in both languages; ISO order avoids day/month doubts.
  return digits(`${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`, language);
}

const WORDS = {
  en: {
    title: 'END-OF-DAY SETTLEMENT',
    kiosk: 'Kiosk',
    day: 'Business day',
    run: 'Run',
    scheduled: 'scheduled',
    onDemand: 'on demand',
    printed: 'At',
    from: 'Period from',
    beginning: 'start of journal',
    matched: 'RESULT: MATCHED',
    mismatch: 'RESULT: NOT MATCHED - SEE BELOW',
    failed: 'RESULT: TERMINAL END-OF-DAY FAILED',
    journal: 'Kiosk journal',
    approved: 'Approved',
    reversed: 'Reversed',
    net: 'Net',
    noService: '(no service)',
    terminal: 'Payment terminal',
    count: 'Count',
    notReported: 'not reported',
    amount: 'Amount',
    discrepancies: 'Discrepancies',
    none: 'none',
    countDiff: (j: string, t: string, d: string) => `Count: terminal ${t}, kiosk ${j} (${d})`,
    amountDiff: (j: string, t: string, d: string) => `Amount: terminal ${t}, kiosk ${j} (${d})`,
    open: (id: string, action: string, service: string, amount: string, at: string, state: string) => `Open #${id} ${action} ${service} ${amount} ${at} (${state})`,
    authorise: 'payment',
    reversal: 'reversal',
    inDoubt: 'in doubt',
    noOutcome: 'no outcome',
    unmatched: (id: string, rcpt: string, amount: string) => `Reversal #${id} (receipt ${rcpt}) ${amount} has no payment in this period`,
    earlier: (id: string, at: string) => `Earlier end-of-day #${id} at ${at} did not finish: the terminal may have closed a batch`,
    terminalFailed: (why: string) => `Terminal end-of-day failed: ${why}`,
    refused: 'SETTLEMENT NOT RUN',
    alreadySettled: 'This business day is already settled.',
    inProgress: 'A settlement is already running.',
    journalDown: 'The journal cannot be written.',
    printout: 'Terminal printout',
  },
  ar: {
    title: 'تسوية نهاية اليوم',
    kiosk: 'الجهاز',
    day: 'يوم العمل',
    run: 'التشغيل',
    scheduled: 'مجدول',
    onDemand: 'بطلب الفني',
    printed: 'الوقت',
    from: 'الفترة من',
    beginning: 'بداية السجل',
    matched: 'النتيجة: متطابقة',
    mismatch: 'النتيجة: غير متطابقة - انظر أدناه',
    failed: 'النتيجة: فشل إقفال جهاز الدفع',
    journal: 'سجل الجهاز',
    approved: 'مقبولة',
    reversed: 'مستردة',
    net: 'الصافي',
    noService: '(بدون خدمة)',
    terminal: 'جهاز الدفع',
    count: 'العدد',
    notReported: 'غير متوفر',
    amount: 'المبلغ',
    discrepancies: 'الفروقات',
    none: 'لا يوجد',
    countDiff: (j: string, t: string, d: string) => `العدد: جهاز الدفع ${t}، سجل الجهاز ${j} (${d})`,
    amountDiff: (j: string, t: string, d: string) => `المبلغ: جهاز الدفع ${t}، سجل الجهاز ${j} (${d})`,
    open: (id: string, action: string, service: string, amount: string, at: string, state: string) => `معلقة رقم ${id} ${action} ${service} ${amount} ${at} (${state})`,
    authorise: 'دفعة',
    reversal: 'استرداد',
    inDoubt: 'نتيجة غير مؤكدة',
    noOutcome: 'بدون نتيجة',
    unmatched: (id: string, rcpt: string, amount: string) => `استرداد رقم ${id} (إيصال ${rcpt}) ${amount} بدون دفعة في هذه الفترة`,
    earlier: (id: string, at: string) => `إقفال سابق رقم ${id} في ${at} لم يكتمل: ربما أقفل جهاز الدفع دفعة`,
    terminalFailed: (why: string) => `فشل إقفال جهاز الدفع: ${why}`,
    refused: 'لم تتم التسوية',
    alreadySettled: 'تمت تسوية يوم العمل هذا مسبقا.',
    inProgress: 'توجد تسوية قيد التنفيذ.',
    journalDown: 'لا يمكن الكتابة في السجل.',
    printout: 'مطبوعة جهاز الدفع',
  },
} as const;

function discrepancyLine(d: Discrepancy, language: ReportLanguage, timeZone: string): string {
  const w = WORDS[language];
  switch (d.kind) {
    case 'count':
      return w.countDiff(num(d.journal, language), num(d.terminal, language), num(d.difference, language, true));
    case 'amount':
      return w.amountDiff(bhd(d.journalFils, language), bhd(d.terminalFils, language), bhd(d.differenceFils, language, true));
    case 'in-doubt-open': {
      const i = d.item;
      return w.open(
        num(i.intentId, language),
        i.action === 'authorise' ? w.authorise : w.reversal,
        i.serviceId ?? w.noService,
        i.amountFils === null ? '' : bhd(i.amountFils, language),
        when(i.at, timeZone, language),
        i.state === 'in-doubt' ? w.inDoubt : w.noOutcome,
      );
    }
    case 'unmatched-reversal':
      return w.unmatched(num(d.intentId, language), d.receiptNo === null ? '-' : digits(d.receiptNo, language), d.amountFils === null ? '' : bhd(d.amountFils, language));
    case 'earlier-end-of-day-unknown':
      return w.earlier(num(d.intentId, language), when(d.at, timeZone, language));
    case 'terminal-failed':
      // The terminal's reason is technical English from the driver; kept as is.
      return w.terminalFailed(d.reason);
  }
}

/** The report in one language, one string per printed line. */
export function settlementReportLines(result: SettlementResult, language: ReportLanguage, options: SettlementTextOptions): string[] {
  const w = WORDS[language];
  const head = [w.title, ...(options.kioskId ? [`${w.kiosk}: ${options.kioskId}`] : []), `${w.day}: ${digits(result.businessDay, language)}`, `${w.run}: ${result.reason === 'scheduled' ? w.scheduled : w.onDemand}`];
  if (result.status === 'refused') {
    const why = result.why === 'already-settled' ? w.alreadySettled : result.why === 'in-progress' ? w.inProgress : w.journalDown;
    return [...head, w.refused, why];
  }
  const report: SettlementReport = result;
  const lines = [
    ...head,
    `${w.printed}: ${when(report.at, options.timeZone, language)}`,
    `${w.from}: ${report.period.from === null ? w.beginning : when(report.period.from, options.timeZone, language)}`,
    report.status === 'terminal-failed' ? w.failed : report.matched ? w.matched : w.mismatch,
    `-- ${w.journal} --`,
    `${w.approved}: ${num(report.journal.approved.count, language)}  ${bhd(report.journal.approved.amountFils, language)}`,
    `${w.reversed}: ${num(report.journal.reversed.count, language)}  ${bhd(report.journal.reversed.amountFils, language)}`,
    `${w.net}: ${num(report.journal.count, language)}  ${bhd(report.journal.amountFils, language)}`,
    ...report.journal.byService.map((s) => `  ${s.serviceId ?? w.noService}: ${num(s.count, language)}  ${bhd(s.amountFils, language)}`),
  ];
  if (report.terminal) {
    lines.push(
      `-- ${w.terminal} --`,
      `${w.count}: ${report.terminal.count === null ? w.notReported : num(report.terminal.count, language)}`,
      `${w.amount}: ${bhd(report.terminal.amountFils, language)}`,
    );
  }
  lines.push(`-- ${w.discrepancies} --`);
  if (report.discrepancies.length === 0) lines.push(w.none);
  for (const d of report.discrepancies) lines.push(discrepancyLine(d, language, options.timeZone));
  return lines;
}

/** Arabic first, then English, then the terminal's own printout once (it is in the terminal's language). */
export function settlementReportText(result: SettlementResult, options: SettlementTextOptions): string[] {
  const lines = [...settlementReportLines(result, 'ar', options), '', ...settlementReportLines(result, 'en', options)];
  if (result.status !== 'refused' && result.terminalReceipt.length > 0) lines.push('', `-- ${WORDS.en.printout} / ${WORDS.ar.printout} --`, ...result.terminalReceipt);
  return lines;
}
