/**
 * How documents write dates, times and money: the same on the A4 statement,
 * the printed receipt and the e-receipt. Latin digits in both languages, as on
 * Bahraini government documents; no floating point for money.
 */

/** "1990-03-14" -> "14/03/1990": the day-first order used on Bahraini documents, same in both languages. */
export function formatCardDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Epoch ms -> "23/11/2026 12:00 (UTC+03:00)" in the given zone, 24-hour clock,
 * Latin digits. The offset is computed, not taken from Intl's zone name, whose
 * wording changes between ICU versions ("GMT+3", "GMT+03:00").
 */
export function formatIssueTime(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  const wall = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')), Number(part('hour')), Number(part('minute')), Number(part('second')));
  const offsetMinutes = Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')} (UTC${sign}${offset})`;
}

/**
 * Fils (integer; 1 BHD = 1000 fils, ISO 4217 exponent 3) -> "1.000".
 * Money never goes through floating point here.
 */
export function formatFils(fils: number): string {
  if (!Number.isSafeInteger(fils)) throw new RangeError('fils must be a safe integer');
  const sign = fils < 0 ? '-' : '';
  const abs = Math.abs(fils);
  return `${sign}${Math.floor(abs / 1000).toLocaleString('en-US')}.${String(abs % 1000).padStart(3, '0')}`;
}

/** "BHD 1.000" in English, "1.000 د.ب" in Arabic. */
export function formatAmount(fils: number, language: 'ar' | 'en'): string {
  return language === 'ar' ? `${formatFils(fils)} د.ب` : `BHD ${formatFils(fils)}`;
}
