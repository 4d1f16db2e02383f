/**
 * The messages the simulated PT sends, built with the codec (bmp.ts, messages.ts):
 * Status-Information for a ledger entry, the receipt as print lines, completions.
 */
import { encodeBcd } from '../../electron/devices/shared/bcd.ts';
import { encodeApdu } from '../../electron/devices/payment/zvt/apdu.ts';
import { amountField, type BmpField, byteField, currencyField, encodePan } from '../../electron/devices/payment/zvt/bmp.ts';
import { encodeMessage, type ZvtMessage } from '../../electron/devices/payment/zvt/messages.ts';
import { encodeZvtText } from '../../electron/devices/payment/zvt/text.ts';
import { type LedgerEntry, TEST_CARD } from './ledger.ts';

export const TERMINAL_ID = '52000001';

export const apduOf = (message: ZvtMessage): Uint8Array => encodeApdu(encodeMessage(message));

/** Bahrain is UTC+3 all year (no daylight saving): the terminal prints local time. */
function localParts(at: number): { hhmmss: string; mmdd: string } {
  const d = new Date(at + 3 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return { hhmmss: `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`, mmdd: `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` };
}

function authCodeBytes(code: string): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 0; i < Math.min(8, code.length); i++) out[i] = code.charCodeAt(i);
  return out;
}

export function statusInformationFor(entry: LedgerEntry, originalTrace?: number): ZvtMessage {
  const { hhmmss, mmdd } = localParts(entry.at);
  const fields: BmpField[] = [
    byteField(0x27, entry.resultCode),
    amountField(entry.amountFils),
    { bmp: 0x0b, value: encodeBcd(entry.traceNumber, 3) },
    { bmp: 0x0c, value: encodeBcd(hhmmss, 3) },
    { bmp: 0x0d, value: encodeBcd(mmdd, 2) },
    { bmp: 0x0e, value: encodeBcd(TEST_CARD.expiry, 2) },
    { bmp: 0x22, value: encodePan(TEST_CARD.maskedPan) },
    { bmp: 0x29, value: encodeBcd(TERMINAL_ID, 4) },
    currencyField(entry.currencyCode),
    { bmp: 0x87, value: encodeBcd(entry.receiptNumber, 2) },
    { bmp: 0x8b, value: Uint8Array.from(TEST_CARD.cardName, (c) => c.charCodeAt(0)) },
  ];
  if (entry.resultCode === 0) fields.push({ bmp: 0x3b, value: authCodeBytes(entry.authCode) });
  if (originalTrace !== undefined) fields.push({ bmp: 0x37, value: encodeBcd(originalTrace, 3) });
  return { type: 'statusInformation', fields };
}

export function formatFils(fils: number): string {
  return `${Math.floor(fils / 1000)}.${String(fils % 1000).padStart(3, '0')}`;
}

export function receiptLines(title: string, entry: LedgerEntry): string[] {
  return [
    'KHIDMA TEST TERMINAL',
    `TID ${TERMINAL_ID}`,
    title,
    `CARD ${TEST_CARD.maskedPan}`,
    `AMOUNT BHD ${formatFils(entry.amountFils)}`,
    `TRACE ${String(entry.traceNumber).padStart(6, '0')}  RCPT ${String(entry.receiptNumber).padStart(4, '0')}`,
    entry.resultCode === 0 ? `AUTH CODE ${entry.authCode}` : `RESULT ${entry.resultCode.toString(16).toUpperCase().padStart(2, '0')}`,
    entry.resultCode === 0 ? 'APPROVED' : 'DECLINED',
  ];
}

/** Print lines (06 D1), attribute 00; the last line has the "last line" bit (80 | 01). */
export function printLines(lines: readonly string[]): ZvtMessage[] {
  return lines.map((text, i) => ({ type: 'printLine', attribute: i === lines.length - 1 ? 0x81 : 0x00, text: encodeZvtText(text) }));
}

export function completion(resultCode = 0): ZvtMessage {
  return { type: 'completion', fields: [byteField(0x27, resultCode), { bmp: 0x29, value: encodeBcd(TERMINAL_ID, 4) }] };
}

export function totalsInformation(amountFils: number, at: number): ZvtMessage {
  const { hhmmss, mmdd } = localParts(at);
  return {
    type: 'statusInformation',
    fields: [byteField(0x27, 0), amountField(amountFils), { bmp: 0x0c, value: encodeBcd(hhmmss, 3) }, { bmp: 0x0d, value: encodeBcd(mmdd, 2) }, { bmp: 0x29, value: encodeBcd(TERMINAL_ID, 4) }],
  };
}
