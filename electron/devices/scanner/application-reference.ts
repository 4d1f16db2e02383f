/**
 * Application references as the kiosk prints them on receipts and as QR/
 * Code 128 on letters: `APP-<year>-<6-digit serial>`, e.g. APP-2026-000123.
 * Validated strictly — a scanner delivers exactly what the code holds, so
 * anything else (lower case, spaces, a URL) is the wrong code, not a typo to fix.
 */
export interface ApplicationReference {
  readonly reference: string;
  readonly year: number;
  readonly serial: number;
}

const PATTERN = /^APP-(\d{4})-(\d{6})$/;
/** Years the authority can have issued references in; catches codes from other systems. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export function parseApplicationReference(text: string): ApplicationReference | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const serial = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || serial === 0) return null;
  return { reference: text, year, serial };
}
