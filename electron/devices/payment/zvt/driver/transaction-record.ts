/**
 * What the terminal told us about one transaction (from a Status-Information
 * 04 0F), in the driver's vocabulary, and the terminal's receipt text (print
 * lines 06 D1 and text blocks 06 D3).
 *
 * PAN rule: whatever the PT sends, only a masked PAN leaves this file (all but
 * the last four digits replaced), so no full card number can reach a log, the
 * journal or the screen through the driver.
 */
import type { TlvNode } from '../../../shared/ber-tlv.ts';
import { transactionData, type BmpField } from '../bmp.ts';
import { decodeZvtText } from '../text.ts';

export interface TransactionRecord {
  readonly resultCode?: number;
  readonly amountFils?: number;
  readonly currencyCode?: number;
  readonly traceNumber?: number;
  readonly receiptNumber?: number;
  readonly terminalId?: string;
  readonly maskedPan?: string;
  /** BMP 3B, "AID authorisation attribute": the issuer's approval code on the receipt. */
  readonly authCode?: string;
  readonly cardName?: string;
  /** MM-DD, as ZVT sends it (no year). */
  readonly date?: string;
  /** HH:MM:SS */
  readonly time?: string;
}

export function maskPan(pan: string): string {
  const digits = pan.replace(/[^0-9*]/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

export function recordFromFields(fields: readonly BmpField[]): TransactionRecord {
  const d = transactionData(fields);
  const record: Record<string, unknown> = {
    resultCode: d.resultCode,
    amountFils: d.amount,
    currencyCode: d.currencyCode,
    traceNumber: d.traceNumber,
    receiptNumber: d.receiptNumber,
    terminalId: d.terminalId,
    maskedPan: d.pan === undefined ? undefined : maskPan(d.pan),
    authCode: d.aid,
    cardName: d.cardName,
    date: d.date,
    time: d.time,
  };
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record as TransactionRecord;
}

/**
 * Terminal receipt lines may print more of the card number than we keep (many
 * print the first six and last four). Any run that looks like a PAN — 12 to 19
 * digits or '*', single spaces or dashes allowed — keeps only its last four digits.
 */
export function redactPans(line: string): string {
  return line.replace(/[0-9*](?:[ -]?[0-9*]){11,22}/g, (run) => {
    const chars = run.replace(/[ -]/g, '');
    if (!/[0-9]{4}$/.test(chars) || chars.length < 12 || chars.length > 19) return run;
    return maskPan(chars);
  });
}

/** Same transaction (not merely equal amounts): trace and receipt numbers agree. */
export function sameTransaction(a: TransactionRecord, b: TransactionRecord): boolean {
  return a.traceNumber === b.traceNumber && a.receiptNumber === b.receiptNumber && a.amountFils === b.amountFils && a.resultCode === b.resultCode;
}

/**
 * ZVT print text is code page 437 by default (the codec's text.ts). Control
 * characters are dropped so a hostile line cannot inject terminal escapes into logs.
 */
export function printText(bytes: Uint8Array): string {
  const text = Array.from(decodeZvtText(bytes))
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trimEnd();
  return redactPans(text);
}

/** Text lines of a text block (06 D3): TLV tag 07 "text-line", inside 25 "print-texts" (PA00P015 3.6, 9.4). */
export function textBlockLines(fields: readonly BmpField[]): string[] {
  const lines: string[] = [];
  const walk = (nodes: readonly TlvNode[]) => {
    for (const node of nodes) {
      if ('children' in node) walk(node.children);
      else if (node.tag === 0x07) lines.push(printText(node.value));
    }
  };
  for (const field of fields) if ('tlv' in field) walk(field.tlv);
  return lines;
}
