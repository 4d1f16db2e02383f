import type { LocalizedText } from '../../contract/index.ts';

type SettlementReportState = 'printing' | 'printed' | 'not-printed';

const REPORT_STATE: Record<SettlementReportState, LocalizedText> = {
  printing: { ar: 'التقرير معروض هنا ويُطبع الآن…', en: 'The report is shown here and is printing now…' },
  printed: { ar: 'طُبع التقرير.', en: 'The report was printed.' },
  'not-printed': { ar: 'لم يُطبع التقرير (راجع الطابعة)؛ هو معروض هنا.', en: 'The report was not printed (check the printer); it is shown here.' },
};

/** What the core says on the technician screen, in both languages (the page adds its own labels). */
export const TECH_TEXT = {
  pinWrong: { ar: 'الرقم السري للفني غير صحيح.', en: 'That technician PIN is not correct.' },
  staffCardTimeout: { ar: 'لم تُدخل بطاقة. أدخل بطاقة الموظف أو استخدم الرقم السري.', en: 'No card was inserted. Insert your staff card, or use a PIN.' },
  notStaffCard: { ar: 'هذه ليست بطاقة موظف، وقد أُعيدت. لم يُقرأ منها شيء.', en: 'That is not a staff card; it has been given back. Nothing was read from it.' },
  staffCardUnreadable: { ar: 'تعذّرت قراءة البطاقة، وقد أُعيدت.', en: 'The card could not be read; it has been given back.' },
  staffCardUnknown: { ar: 'بطاقة الموظف هذه غير مسجّلة في هذا الجهاز.', en: 'This staff card is not registered on this kiosk.' },
  staffCardNotTaken: { ar: 'لم تُسحب البطاقة فاحتُجزت. استخدم الرقم السري، وأبلغ المشرف.', en: 'The card was not taken and has been retained. Use a PIN, and tell your supervisor.' },
  outOfServiceDone: { ar: 'الجهاز خارج الخدمة الآن، ويرى المواطنون رسالة بذلك.', en: 'The kiosk is out of service now; citizens see a notice saying so.' },
  backInServiceDone: { ar: 'عاد الجهاز إلى الخدمة.', en: 'The kiosk is back in service.' },
  auditIntact: { ar: 'سجل التدقيق سليم: لم يُغيَّر أي سطر، ويطابق ما أُرسل إلى البوابة.', en: 'The audit log is intact: no line has been changed, and it holds every head sent to the gateway.' },
  auditCheckingGateway: { ar: 'السلسلة على الجهاز سليمة؛ جارٍ مقارنتها بما أُرسل إلى البوابة…', en: 'The chain on this machine is intact; comparing it with what was sent to the gateway…' },
  auditIntactGatewayUnreachable: { ar: 'السلسلة على الجهاز سليمة، لكن تعذّر الوصول إلى البوابة للمقارنة.', en: 'The chain on this machine is intact, but the gateway could not be reached to compare.' },
  auditCutShort: (seq: number): LocalizedText => ({ ar: `سجل التدقيق مقصوص: السطر ${seq} أُرسل إلى البوابة لكنه لم يعد في السجل.`, en: `The audit log has been cut short: entry ${seq} was sent to the gateway but is no longer in the log.` }),
  auditRewritten: (seq: number): LocalizedText => ({ ar: `سجل التدقيق أُعيدت كتابته: السطر ${seq} يختلف عمّا أُرسل إلى البوابة.`, en: `The audit log has been rewritten: entry ${seq} differs from the one sent to the gateway.` }),
  auditBroken: (line: number): LocalizedText => ({ ar: `سجل التدقيق معدَّل: أول خلل في السطر ${line}.`, en: `The audit log has been tampered with: the first broken link is at line ${line}.` }),
  settled: (report: SettlementReportState): LocalizedText => ({ ar: `تمت التسوية وتطابقت المجاميع. ${REPORT_STATE[report].ar}`, en: `Settled; the totals agree. ${REPORT_STATE[report].en}` }),
  notReconciled: (report: SettlementReportState): LocalizedText => ({ ar: `التسوية لم تتطابق: راجع الفروقات في التقرير. ${REPORT_STATE[report].ar}`, en: `The settlement does not reconcile: see the discrepancies in the report. ${REPORT_STATE[report].en}` }),
  settlementFailed: { ar: 'تعذّر تشغيل التسوية.', en: 'The settlement could not run.' },
  paperRefilled: { ar: 'سُجّلت تعبئة الورق؛ بدأ العدّ من جديد.', en: 'Paper refill recorded; the count starts again.' },
  binEmptied: { ar: 'سُجّل تفريغ صندوق البطاقات المحتجزة؛ بدأ العدّ من جديد.', en: 'Capture bin emptied; the count starts again.' },
  exported: (path: string): LocalizedText => ({ ar: `صُدّرت السجلات إلى ${path}`, en: `Logs exported to ${path}` }),
  exportFailed: {
    missing: { ar: 'المسار غير موجود: هل الذاكرة الخارجية موصولة؟', en: 'That path does not exist: is the removable drive plugged in?' },
    'not-writable': { ar: 'لا يمكن الكتابة في هذا المسار (محمي أو للقراءة فقط).', en: 'Cannot write to that path (protected or read-only).' },
    full: { ar: 'الذاكرة الخارجية ممتلئة؛ لم يُحفظ شيء.', en: 'The drive is full; nothing was saved.' },
    failed: { ar: 'تعذّر التصدير.', en: 'The export failed.' },
  },
  configRefused: { ar: 'لم يُحفظ شيء: صحّح القيم المعلَّمة.', en: 'Nothing was saved: correct the marked values.' },
  configSaved: { ar: 'حُفظت الإعدادات وتسري من المواطن التالي.', en: 'Settings saved; they apply from the next citizen.' },
  configSavedRestart: { ar: 'حُفظت الإعدادات؛ وقت التسوية الجديد يسري بعد إعادة تشغيل الجهاز.', en: 'Settings saved; the new settlement time applies after the kiosk restarts.' },
  supervisorOnly: { ar: 'هذا الإجراء للمشرف فقط.', en: 'Only a supervisor can do this.' },
  notInThisBuild: { ar: 'هذا الإجراء غير متاح في هذا الإصدار بعد.', en: 'This action is not available in this version yet.' },
  device: {
    ok: { ar: 'يعمل', en: 'Working' },
    busy: { ar: 'مشغول', en: 'Busy' },
    offline: { ar: 'غير متصل', en: 'Not connected' },
    fault: { ar: 'عطل في الجهاز', en: 'Hardware fault' },
    warning: { ar: 'يحتاج إلى انتباه', en: 'Needs attention' },
  },
  journalOk: { ar: 'السجل يعمل', en: 'Journal writable' },
  journalDown: { ar: 'السجل غير متاح: الجهاز خارج الخدمة', en: 'Journal unavailable: kiosk out of service' },
  gatewayUp: { ar: 'متصل', en: 'Reachable' },
  gatewayDown: { ar: 'غير متصل', en: 'Not reachable' },
} as const;
