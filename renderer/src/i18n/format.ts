import { formatFils, toArabicIndicDigits, type Language } from '../../../electron/contract/index.ts';

/** Digits as the citizen reads them: Arabic-Indic in Arabic, Latin in English. */
export function localDigits(text: string | number, language: Language): string {
  const s = String(text);
  return language === 'ar' ? toArabicIndicDigits(s) : s;
}

/** The Arabic decimal separator (U+066B), used with Arabic-Indic digits. */
const ARABIC_DECIMAL = '\u066B';

/**
 * "BD 1.000" / "١٫٠٠٠ د.ب." — BHD always with three decimals, from integer
 * fils with no floating point on the way. In Arabic the amount comes first
 * and the currency after it, with the Arabic decimal separator.
 */
export function formatMoney(fils: number, language: Language): string {
  const amount = formatFils(fils);
  return language === 'ar' ? `${toArabicIndicDigits(amount).replace('.', ARABIC_DECIMAL)} د.ب.` : `BD ${amount}`;
}

/** A value from the core shown to the citizen: numbers, dates and phone numbers in their digits, codes with letters as printed. */
export function displayValue(value: string, language: Language): string {
  return /^[\d\s\-/.:+]+$/.test(value) ? localDigits(value, language) : value;
}
