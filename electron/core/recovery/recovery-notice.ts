import { toArabicIndicDigits } from '../../contract/digits.ts';

/**
 * What start-up recovery tells a citizen whose paid service a crash or power
 * cut interrupted, by SMS through the gateway (to their registered mobile).
 * One message in both languages: the kiosk does not keep the language the
 * citizen chose, and a bilingual SMS is what government senders do here.
 * No CPR, no card number beyond its last four digits.
 */
export interface RecoveryNoticeInput {
  result: 'completed' | 'refunded';
  amountFils: number;
  /** The application's reference (completed) or the kiosk run's short id (refunded). */
  reference: string;
  /** e.g. "411111******1111"; only the last four digits are used. */
  maskedPan: string | null;
}

const bhd = (fils: number) => (fils / 1000).toFixed(3);

export function recoveryNoticeText(input: RecoveryNoticeInput): string {
  const last4 = input.maskedPan && /\d{4}$/.test(input.maskedPan) ? input.maskedPan.slice(-4) : null;
  const amountEn = `BD ${bhd(input.amountFils)}`;
  const amountAr = `${toArabicIndicDigits(bhd(input.amountFils).replace('.', '٫'))} د.ب.`;
  if (input.result === 'completed') {
    return [
      `خدمة: انقطع جهاز الخدمة الذاتية قبل إتمام خدمتك، لكن طلبك قُدّم بنجاح ودفعتك ${amountAr} محفوظة. رقم الطلب: ${input.reference}`,
      `Khidma: the kiosk stopped before your service finished, but your application was submitted and your payment of ${amountEn} stands. Reference: ${input.reference}`,
    ].join('\n');
  }
  const cardAr = last4 ? ` إلى بطاقتك المنتهية بـ ${toArabicIndicDigits(last4)}` : '';
  const cardEn = last4 ? ` to your card ending ${last4}` : '';
  return [
    `خدمة: انقطع جهاز الخدمة الذاتية قبل تقديم طلبك، فأُعيد مبلغ ${amountAr}${cardAr}. لم يُقدَّم أي طلب. المرجع: ${input.reference}`,
    `Khidma: the kiosk stopped before your application was submitted, so your payment of ${amountEn} was refunded${cardEn}. No application was made. Reference: ${input.reference}`,
  ].join('\n');
}
