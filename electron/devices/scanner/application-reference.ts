/**
 * Application references as the gateway issues them and the kiosk prints
 * them on receipts: `KH<yy>-<6-digit serial>`, e.g. KH26-000123; and the
 * older letter format `APP-<year>-<6-digit serial>`, e.g. APP-2026-000123.
 * Validated strictly — a scanner delivers exactly what the code holds, so
 * anything else (lower case, spaces, a URL) is the wrong code, not a typo to fix.
 */
export interface ApplicationReference {
  readonly reference: string;
  readonly year: number;
  readonly serial: number;
}

const PATTERN = /^APP-(\d{4})-(\d{6})$/;
const GATEWAY_PATTERN = /^KH(\d{2})-(\d{6})$/;
/** Years the authority can have issued references in; catches codes from other systems. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export function parseApplicationReference(text: string): ApplicationReference | null {
  const gateway = GATEWAY_PATTERN.exec(text);
  if (gateway) {
    const serial = Number(gateway[2]);
    return serial === 0 ? null : { reference: text, year: 2000 + Number(gateway[1]), serial };
  }
  const match = PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const serial = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || serial === 0) return null;
  return { reference: text, year, serial };
}
