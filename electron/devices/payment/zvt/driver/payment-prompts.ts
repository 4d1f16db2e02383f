/**
 * Intermediate status (04 FF, PA00P015 table 17) → a small set of words-ready
 * prompt codes the pay screen translates ("insert or tap your card", "enter your
 * PIN"…). The citizen never sees the terminal's German-bank wording; the kiosk
 * says it in Arabic or English from these codes.
 */
export const PAYMENT_PROMPTS = [
  'confirmAmount',
  'insertCard',
  'enterPin',
  'pleaseWait',
  'removeCard',
  'cardNotAccepted',
  'incorrectPin',
  'pinTriesExceeded',
  'declined',
  'approved',
] as const;
export type PaymentPrompt = (typeof PAYMENT_PROMPTS)[number];

const BY_CODE: Readonly<Record<number, PaymentPrompt>> = {
  0x00: 'confirmAmount',
  0x01: 'enterPin',
  0x02: 'enterPin',
  0x03: 'cardNotAccepted',
  0x07: 'cardNotAccepted',
  0x08: 'cardNotAccepted',
  0x09: 'cardNotAccepted',
  0x0a: 'insertCard',
  0x0b: 'removeCard',
  0x0c: 'cardNotAccepted',
  0x10: 'cardNotAccepted',
  0x13: 'declined',
  0x14: 'declined',
  0x15: 'incorrectPin',
  0x16: 'declined',
  0x18: 'pinTriesExceeded',
  0x19: 'cardNotAccepted',
  0x1b: 'approved',
  0x1c: 'approved',
  0x1d: 'declined',
  0x2a: 'insertCard',
  0x68: 'pleaseWait', // card detected
};

/**
 * Codes 41-5D are "<text of code - 40> / Please remove card!": taking the card
 * is what the citizen must do now, so they map to removeCard. Everything else
 * (host contact, auto-reversal, language/currency selection, unknown codes)
 * is "please wait" — never a silent screen.
 */
export function promptForIntermediateStatus(code: number): PaymentPrompt {
  const direct = BY_CODE[code];
  if (direct) return direct;
  if (code >= 0x41 && code <= 0x5d) return 'removeCard';
  return 'pleaseWait';
}
