/**
 * The one receipt model. A finished (or reversed, or failed) service produces
 * one ReceiptModel; the thermal printer path rasterises it (Arabic shaped,
 * ESC/POS raster) and the e-receipt path sends it by SMS and shows it behind
 * the QR/link. Both render `receiptRows()`, so the paper and the e-receipt
 * can never say different things.
 *
 * What may be on it: the reference, the service, a few service-specific lines
 * (the flow decides them, e.g. "New expiry date"), the amount, the card
 * number masked to its last four digits, the terminal's authorisation code.
 * The SMS text carries even less: reference, amount, outcome and the link.
 */
import { z } from 'zod';
import type { Language } from '../../contract/index.ts';
import { formatAmount, formatIssueTime } from './document-format.ts';

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !INVISIBLE.test(s), 'contains control or bidi formatting characters');

const Bilingual = z.object({ ar: text(80), en: text(80) }).strict();

export const ReceiptModelSchema = z
  .object({
    reference: z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,23}$/),
    serviceTitle: Bilingual,
    lines: z.array(z.object({ label: Bilingual, value: text(80) }).strict()).max(12),
    /** Integer fils (1 BHD = 1000 fils); absent for free services. */
    amountFils: z.number().int().nonnegative().max(100_000_000).optional(),
    /** PAN masked to its last four digits, e.g. "************1234" or "**** **** **** 1234". */
    maskedPan: z
      .string()
      .regex(/^[*• ]{4,24}\d{4}$/)
      .optional(),
    /** The payment terminal's authorisation code. */
    authCode: z
      .string()
      .regex(/^[A-Z0-9]{1,8}$/)
      .optional(),
    /** Epoch milliseconds from the injected clock. */
    issuedAt: z.number().int().nonnegative(),
    kioskId: z.string().regex(/^[A-Z0-9-]{2,24}$/),
    /**
     * Where the e-receipt can be seen. Goes into an SMS, so it must be a
     * short opaque link: https, at most 40 characters (the SMS budget), and no
     * run of nine digits (a CPR) in it.
     */
    eReceiptUrl: z
      .url({ protocol: /^https$/ })
      .max(40)
      .refine((url) => !/\d{9}/.test(url), 'looks like it carries a personal number'),
    outcome: z.enum(['completed', 'reversed', 'failed']),
  })
  .strict()
  .refine((m) => m.maskedPan === undefined || m.amountFils !== undefined, { message: 'a card number only appears with an amount', path: ['maskedPan'] });

export type ReceiptModel = z.infer<typeof ReceiptModelSchema>;
export type ReceiptOutcome = ReceiptModel['outcome'];

/** Parses untrusted input into a model; throws a ZodError naming the fields. */
export function parseReceiptModel(input: unknown): ReceiptModel {
  return ReceiptModelSchema.parse(input);
}

const LABELS = {
  reference: { ar: 'الرقم المرجعي', en: 'Reference' },
  service: { ar: 'الخدمة', en: 'Service' },
  amount: { ar: 'المبلغ', en: 'Amount' },
  card: { ar: 'البطاقة', en: 'Card' },
  authCode: { ar: 'رمز الموافقة', en: 'Approval code' },
  date: { ar: 'التاريخ والوقت', en: 'Date and time' },
  kiosk: { ar: 'جهاز الخدمة الذاتية', en: 'Kiosk' },
  status: { ar: 'الحالة', en: 'Status' },
} as const;

const OUTCOME: Record<ReceiptOutcome, { ar: string; en: string }> = {
  completed: { ar: 'تمت بنجاح', en: 'Completed' },
  reversed: { ar: 'لم تكتمل، وأُعيد المبلغ', en: 'Not completed, payment reversed' },
  failed: { ar: 'لم تكتمل', en: 'Not completed' },
};

export interface ReceiptRow {
  readonly label: string;
  readonly value: string;
}

/** The receipt's rows in one language, in print order: what every renderer shows. */
export function receiptRows(model: ReceiptModel, language: Language, timeZone = 'Asia/Bahrain'): ReceiptRow[] {
  const rows: ReceiptRow[] = [
    { label: LABELS.service[language], value: model.serviceTitle[language] },
    { label: LABELS.status[language], value: OUTCOME[model.outcome][language] },
    { label: LABELS.reference[language], value: model.reference },
    ...model.lines.map((line) => ({ label: line.label[language], value: line.value })),
  ];
  if (model.amountFils !== undefined) rows.push({ label: LABELS.amount[language], value: formatAmount(model.amountFils, language) });
  if (model.maskedPan !== undefined) rows.push({ label: LABELS.card[language], value: model.maskedPan });
  if (model.authCode !== undefined) rows.push({ label: LABELS.authCode[language], value: model.authCode });
  rows.push({ label: LABELS.date[language], value: formatIssueTime(model.issuedAt, timeZone) }, { label: LABELS.kiosk[language], value: model.kioskId });
  return rows;
}

/**
 * One SMS segment for English (160 GSM-7 characters) and at most two for
 * Arabic (UCS-2: 2 × 67). When the service title would push it past that,
 * the title is left out: reference, amount and link matter more.
 */
export const SMS_LIMIT: Record<Language, number> = { en: 160, ar: 134 };

function smsParts(model: ReceiptModel, language: Language, withTitle: boolean): string {
  const amount = model.amountFils === undefined ? undefined : formatAmount(model.amountFils, language);
  const title = withTitle ? ` ${model.serviceTitle[language]}` : '';
  if (language === 'en') {
    const status = {
      completed: amount ? `done, paid ${amount}` : 'done',
      reversed: amount ? `not completed, ${amount} refunded` : 'not completed',
      failed: 'not completed',
    }[model.outcome];
    return `Khidma kiosk:${title} ${status}. Ref ${model.reference}. Receipt: ${model.eReceiptUrl}`;
  }
  const status = {
    completed: amount ? `تمت، المبلغ ${amount}` : 'تمت',
    reversed: amount ? `لم تكتمل، أُعيد ${amount}` : 'لم تكتمل',
    failed: 'لم تكتمل',
  }[model.outcome];
  return `الخدمة الذاتية:${title} ${status}. المرجع ${model.reference}. الإيصال: ${model.eReceiptUrl}`;
}

/**
 * The e-receipt SMS. No name, CPR, card number or authorisation code: an SMS
 * sits on a phone's lock screen; the link shows the rest to whoever holds it.
 */
export function eReceiptSmsText(model: ReceiptModel, language: Language): string {
  const full = smsParts(model, language, true);
  return full.length <= SMS_LIMIT[language] ? full : smsParts(model, language, false);
}
