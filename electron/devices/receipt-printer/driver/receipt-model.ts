/**
 * What a receipt says, independent of how it is drawn: the payments and
 * services layers build one of these (in the citizen's language, or both), and
 * receipt-raster.ts turns it into printer dots. Text is logical order Unicode;
 * shaping and right-to-left layout are the renderer's job.
 */
export type TextSize = 'small' | 'normal' | 'large';
export type Align = 'start' | 'center' | 'end';

export type ReceiptBlock =
  | { kind: 'text'; text: string; align?: Align; size?: TextSize; bold?: boolean; direction?: 'ltr' | 'rtl' }
  /** Label at the start side, value at the end side (e.g. "Amount ........ BHD 1.000"). */
  | { kind: 'pair'; label: string; value: string; size?: TextSize; bold?: boolean; direction?: 'ltr' | 'rtl'; valueDirection?: 'ltr' | 'rtl' | 'auto' }
  | { kind: 'rule'; style?: 'solid' | 'dashed' }
  | { kind: 'qr'; data: string; moduleDots?: number; caption?: string }
  | { kind: 'space'; dots: number };

export interface ReceiptModel {
  /** Base direction of the receipt: 'rtl' for Arabic receipts. Blocks may override. */
  direction: 'ltr' | 'rtl';
  blocks: ReceiptBlock[];
}

/**
 * Fils (integer, 1 BHD = 1000 fils) to "1.000". BHD has three decimals (ISO 4217
 * exponent 3); money never goes through floating point here.
 */
export function formatFils(fils: number): string {
  if (!Number.isSafeInteger(fils)) throw new RangeError(`fils must be a safe integer, got ${fils}`);
  const sign = fils < 0 ? '-' : '';
  const abs = Math.abs(fils);
  const dinars = Math.floor(abs / 1000);
  const rest = String(abs % 1000).padStart(3, '0');
  return `${sign}${dinars.toLocaleString('en-US')}.${rest}`;
}

/** "BHD 1.000" for English receipts, "1.000 د.ب" for Arabic ones. */
export function formatAmount(fils: number, language: 'ar' | 'en'): string {
  return language === 'ar' ? `${formatFils(fils)} د.ب` : `BHD ${formatFils(fils)}`;
}
