import { formatFils, toArabicIndicDigits, type Language } from '../../../electron/contract/index.ts';

/** Digits as the citizen reads them: Arabic-Indic in Arabic, Latin in English. */
export function localDigits(text: string | number, language: Language): string {
  const s = String(text);
  return language === 'ar' ? toArabicIndicDigits(s) : s;
}

/** "BD 1.000" / "١٫٠٠٠ د.ب." — BHD always with three decimals. */
export function formatMoney(fils: number, language: Language): string {
  const amount = formatFils(fils);
  return language === 'ar' ? `${toArabicIndicDigits(amount).replace('.', '٫')} د.ب.` : `BD ${amount}`;
}
