/**
 * ZVT bitmaps (BMPs): the tagged fields of ZVT data blocks, pure.
 *
 * Follows PA00P015_13.08 "ECR-Interface ZVT-Protocol — Commands, Bitmaps, Error
 * Messages" (2018), chapter 13 "Summary of utilised BMPs" for every format below,
 * and PA00P016_04 5.2.8 for LLVAR ("FxFy", 0-99 bytes) / LLLVAR ("FxFyFz", 0-999).
 * BMP 06 is the TLV-container, whose length is BER-encoded (not LLL-Var, PA00P015 9.2).
 *
 * A BMP we do not know cannot be skipped (its length is implied by its number), so
 * decoding stops there with an error, as the spec tells terminals to do.
 */
import { decodeBcd, decodeBcdNumber, encodeBcd } from '../../shared/bcd.ts';
import { decodeTlv, encodeLength, encodeTlv, type TlvNode } from '../../shared/ber-tlv.ts';
import { concatBytes } from '../../shared/bytes.ts';
import { type DecodeResult, fail, ok } from '../../shared/result.ts';

export type BmpFormat = { readonly kind: 'fixed'; readonly length: number } | { readonly kind: 'llvar' } | { readonly kind: 'lllvar' } | { readonly kind: 'tlv' };

const fixed = (length: number): BmpFormat => ({ kind: 'fixed', length });
const LLVAR: BmpFormat = { kind: 'llvar' };
const LLLVAR: BmpFormat = { kind: 'lllvar' };

/** BMP number → [format, name], PA00P015 chapter 13. */
export const BMP_TABLE: ReadonlyMap<number, readonly [BmpFormat, string]> = new Map<number, readonly [BmpFormat, string]>([
  [0x01, [fixed(1), 'timeout']],
  [0x02, [fixed(1), 'max status infos']],
  [0x03, [fixed(1), 'service byte']],
  [0x04, [fixed(6), 'amount']],
  [0x05, [fixed(1), 'pump number']],
  [0x06, [{ kind: 'tlv' }, 'TLV-container']],
  [0x0b, [fixed(3), 'trace number']],
  [0x0c, [fixed(3), 'time HHMMSS']],
  [0x0d, [fixed(2), 'date MMDD']],
  [0x0e, [fixed(2), 'expiry date YYMM']],
  [0x17, [fixed(2), 'card sequence number']],
  [0x19, [fixed(1), 'status byte / payment type / card type']],
  [0x22, [LLVAR, 'PAN / EF_ID']],
  [0x23, [LLVAR, 'track 2 data']],
  [0x24, [LLLVAR, 'track 3 data']],
  [0x27, [fixed(1), 'result code']],
  [0x29, [fixed(4), 'terminal id']],
  [0x2a, [fixed(15), 'VU number']],
  [0x2d, [LLVAR, 'track 1 data']],
  [0x2e, [LLLVAR, 'synchronous chip data']],
  [0x37, [fixed(3), 'original trace number']],
  [0x3a, [fixed(2), 'CVV/CVC']],
  [0x3b, [fixed(8), 'AID authorisation attribute']],
  [0x3c, [LLLVAR, 'additional data / text']],
  [0x3d, [fixed(3), 'password']],
  [0x49, [fixed(2), 'currency code']],
  [0x60, [LLLVAR, 'individual totals']],
  [0x70, [fixed(4), 'display image request id']],
  [0x71, [fixed(4), 'display image size']],
  [0x72, [fixed(1), 'image MIME type']],
  [0x73, [fixed(1), 'image encoding']],
  [0x74, [fixed(1), 'image chunk count']],
  [0x75, [fixed(1), 'image chunk index']],
  [0x87, [fixed(2), 'receipt number']],
  [0x88, [fixed(3), 'turnover record number']],
  [0x8a, [fixed(1), 'card type']],
  [0x8b, [LLVAR, 'card name']],
  [0x8c, [fixed(1), 'card type id of network operator']],
  [0x9a, [LLLVAR, 'Geldkarte record']],
  [0xa0, [fixed(1), 'result code AS']],
  [0xa7, [LLVAR, 'chip data EF_ID']],
  [0xaa, [fixed(3), 'date YYMMDD']],
  [0xaf, [LLLVAR, 'EF_Info']],
  [0xba, [fixed(5), 'AID parameter']],
  [0xd0, [fixed(1), 'algorithm key']],
  [0xd1, [LLVAR, 'card offset / PIN data']],
  [0xd2, [fixed(1), 'card output direction']],
  [0xd3, [fixed(1), 'DUKPT key identifier']],
  [0xe0, [fixed(1), 'min input length']],
  ...[0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8].map((b, n) => [b, [LLVAR, `text2 line ${n + 1}`]] as const),
  [0xe9, [fixed(1), 'max input length']],
  [0xea, [fixed(1), 'echo input']],
  [0xeb, [fixed(8), 'MAC over text 1 and 2']],
  [0xf0, [fixed(1), 'display duration']],
  ...[0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8].map((b, n) => [b, [LLVAR, `text1 line ${n + 1}`]] as const),
  [0xf9, [fixed(1), 'beep tones']],
  [0xfa, [fixed(1), 'card reader activation']],
  [0xfb, [fixed(1), 'confirm input with OK']],
  [0xfc, [fixed(1), 'dialog control']],
  [0xfd, [fixed(1), 'display device']],
]);

/** One field: its BMP number and value (without LL/LLL prefix; for 06 the TLV list). */
export type BmpField = { readonly bmp: number; readonly value: Uint8Array } | { readonly bmp: 0x06; readonly tlv: readonly TlvNode[] };

export function encodeVarLength(length: number, digits: 2 | 3): Uint8Array {
  const limit = digits === 2 ? 99 : 999;
  if (!Number.isInteger(length) || length < 0 || length > limit) throw new RangeError(`${digits === 2 ? 'LL' : 'LLL'}VAR length must be 0..${limit}`);
  const text = String(length).padStart(digits, '0');
  return Uint8Array.from(text, (c) => 0xf0 | Number(c));
}

function decodeVarLength(bytes: Uint8Array, at: number, digits: 2 | 3): number | undefined {
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const b = bytes[at + k];
    if (b === undefined || (b & 0xf0) !== 0xf0 || (b & 0x0f) > 9) return undefined;
    value = value * 10 + (b & 0x0f);
  }
  return value;
}

export function encodeBmpFields(fields: readonly BmpField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    const spec = BMP_TABLE.get(field.bmp);
    if (!spec) throw new RangeError(`unknown BMP ${field.bmp.toString(16)}`);
    const [format] = spec;
    parts.push(Uint8Array.of(field.bmp));
    if ('tlv' in field) {
      const tlv = encodeTlv(field.tlv);
      parts.push(encodeLength(tlv.length), tlv);
      continue;
    }
    if (format.kind === 'tlv') throw new RangeError('BMP 06 needs a TLV list');
    if (format.kind === 'fixed') {
      if (field.value.length !== format.length) throw new RangeError(`BMP ${field.bmp.toString(16)} is ${format.length} bytes, got ${field.value.length}`);
    } else {
      parts.push(encodeVarLength(field.value.length, format.kind === 'llvar' ? 2 : 3));
    }
    parts.push(field.value);
  }
  return concatBytes(...parts);
}

export function decodeBmpFields(data: Uint8Array): DecodeResult<BmpField[]> {
  const fields: BmpField[] = [];
  let i = 0;
  while (i < data.length) {
    const bmp = data[i] ?? 0;
    const spec = BMP_TABLE.get(bmp);
    if (!spec) return fail(`unknown BMP ${bmp.toString(16).padStart(2, '0')} at offset ${i}`);
    const [format, name] = spec;
    i++;
    let length: number;
    if (format.kind === 'fixed') {
      length = format.length;
    } else if (format.kind === 'llvar' || format.kind === 'lllvar') {
      const digits = format.kind === 'llvar' ? 2 : 3;
      const decoded = decodeVarLength(data, i, digits);
      if (decoded === undefined) return fail(`BMP ${bmp.toString(16)} (${name}): bad ${digits === 2 ? 'LL' : 'LLL'}VAR length`);
      length = decoded;
      i += digits;
    } else {
      // TLV-container: BER length 00-7F, 81 xx, 82 xx xx (PA00P015 9.3.2).
      const first = data[i];
      if (first === undefined) return fail('BMP 06: length missing');
      if (first < 0x80) {
        length = first;
        i += 1;
      } else if (first === 0x81 || first === 0x82) {
        const count = first & 0x7f;
        if (i + 1 + count > data.length) return fail('BMP 06: length truncated');
        length = count === 1 ? (data[i + 1] ?? 0) : ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
        i += 1 + count;
      } else {
        return fail(`BMP 06: invalid length byte ${first.toString(16)}`);
      }
    }
    if (i + length > data.length) return fail(`BMP ${bmp.toString(16)} (${name}): needs ${length} bytes, ${data.length - i} left`);
    const value = data.slice(i, i + length);
    i += length;
    if (format.kind === 'tlv') {
      const tlv = decodeTlv(value);
      if (!tlv.ok) return fail(`BMP 06: ${tlv.error}`);
      fields.push({ bmp: 0x06, tlv: tlv.value });
    } else {
      fields.push({ bmp, value });
    }
  }
  return ok(fields);
}

// ---- typed views of the common fields ----

/** Amount in minor currency units (fils for BHD, cents for EUR), 6-byte BCD: at most 999 999 999 999. */
export function amountField(minorUnits: number): BmpField {
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0 || minorUnits > 999_999_999_999) throw new RangeError('amount out of range');
  return { bmp: 0x04, value: encodeBcd(minorUnits, 6) };
}

/** ISO 4217 numeric currency as 2-byte BCD (EUR 978 → 09 78, BHD 048 → 00 48). */
export function currencyField(iso4217: number): BmpField {
  if (!Number.isInteger(iso4217) || iso4217 < 0 || iso4217 > 999) throw new RangeError('currency code must be 0..999');
  return { bmp: 0x49, value: encodeBcd(iso4217, 2) };
}

export function byteField(bmp: number, value: number): BmpField {
  return { bmp, value: Uint8Array.of(value) };
}

/**
 * PAN: BCD digits, 'E' nibbles for masked digits, 'F' padding for an odd count
 * (chapter 13, BMP 22). Masked digits come back as '*'.
 */
export function decodePan(value: Uint8Array): string | undefined {
  let out = '';
  let padded = false;
  for (const b of value) {
    for (const nibble of [b >> 4, b & 0x0f]) {
      if (padded) return nibble === 0x0f ? out : undefined;
      if (nibble <= 9) out += String(nibble);
      else if (nibble === 0x0e) out += '*';
      else if (nibble === 0x0f) padded = true;
      else return undefined;
    }
  }
  return out;
}

export function encodePan(pan: string): Uint8Array {
  if (!/^[0-9*]{1,38}$/.test(pan)) throw new RangeError('PAN must be digits or * (masked)');
  const nibbles = Array.from(pan, (c) => (c === '*' ? 0x0e : Number(c)));
  if (nibbles.length % 2 === 1) nibbles.push(0x0f);
  const out = new Uint8Array(nibbles.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = ((nibbles[2 * k] ?? 0) << 4) | (nibbles[2 * k + 1] ?? 0);
  return out;
}

/** The fields a Status-Information (04 0F) usually carries, decoded. */
export interface TransactionData {
  resultCode?: number;
  amount?: number;
  currencyCode?: number;
  traceNumber?: number;
  originalTraceNumber?: number;
  receiptNumber?: number;
  turnoverRecordNumber?: number;
  terminalId?: string;
  vuNumber?: string;
  /** HH:MM:SS */
  time?: string;
  /** MM-DD (BMP 0D) */
  date?: string;
  /** YYMM */
  expiryDate?: string;
  cardSequenceNumber?: number;
  paymentType?: number;
  pan?: string;
  cardType?: number;
  cardName?: string;
  aid?: string;
  additionalText?: Uint8Array;
  tlv?: readonly TlvNode[];
}

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

export function transactionData(fields: readonly BmpField[]): TransactionData {
  const out: TransactionData = {};
  for (const field of fields) {
    if ('tlv' in field) {
      out.tlv = field.tlv;
      continue;
    }
    const v = field.value;
    const bcd = (): number | undefined => decodeBcdNumber(v);
    switch (field.bmp) {
      case 0x27:
        out.resultCode = v[0];
        break;
      case 0x04:
        out.amount = bcd();
        break;
      case 0x49:
        out.currencyCode = bcd();
        break;
      case 0x0b:
        out.traceNumber = bcd();
        break;
      case 0x37:
        out.originalTraceNumber = bcd();
        break;
      case 0x87:
        out.receiptNumber = bcd();
        break;
      case 0x88:
        out.turnoverRecordNumber = bcd();
        break;
      case 0x29:
        out.terminalId = decodeBcd(v);
        break;
      case 0x2a:
        out.vuNumber = latin1(v).trimEnd();
        break;
      case 0x0c: {
        const d = decodeBcd(v);
        if (d) out.time = `${d.slice(0, 2)}:${d.slice(2, 4)}:${d.slice(4, 6)}`;
        break;
      }
      case 0x0d: {
        const d = decodeBcd(v);
        if (d) out.date = `${d.slice(0, 2)}-${d.slice(2, 4)}`;
        break;
      }
      case 0x0e:
        out.expiryDate = decodeBcd(v);
        break;
      case 0x17:
        out.cardSequenceNumber = bcd();
        break;
      case 0x19:
        out.paymentType = v[0];
        break;
      case 0x22:
        out.pan = decodePan(v);
        break;
      case 0x8a:
        out.cardType = v[0];
        break;
      case 0x8b:
        out.cardName = latin1(v).replace(/\0+$/, '');
        break;
      case 0x3b:
        out.aid = latin1(v).replace(/\0+$/, '');
        break;
      case 0x3c:
        out.additionalText = v;
        break;
    }
  }
  return out;
}
