/**
 * Citizens type digits in Arabic-Indic (٠١٢…), Eastern Arabic-Indic (۰۱۲…) or
 * Latin. Everything that validates a number first folds them to Latin; the
 * renderer shows digits per locale but the core only ever stores Latin ones.
 */
const ARABIC_INDIC_ZERO = 0x0660;
const EASTERN_ARABIC_INDIC_ZERO = 0x06f0;

export function toLatinDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) out += String(code - ARABIC_INDIC_ZERO);
    else if (code >= EASTERN_ARABIC_INDIC_ZERO && code <= EASTERN_ARABIC_INDIC_ZERO + 9) out += String(code - EASTERN_ARABIC_INDIC_ZERO);
    else out += ch;
  }
  return out;
}

/** Latin digits to Arabic-Indic, for display in Arabic. */
export function toArabicIndicDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCodePoint(ARABIC_INDIC_ZERO + Number(d)));
}

/** Fils (1 BHD = 1000 fils) to a "1.000" string; BHD always shows three decimals. */
export function formatFils(fils: number): string {
  const sign = fils < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fils));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}
