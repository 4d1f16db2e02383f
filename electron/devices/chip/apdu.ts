/**
 * ISO/IEC 7816-4 command and response APDUs, short length only, pure.
 *
 * Follows ISO/IEC 7816-4:2013 chapter 5.1 "Command-response pairs" (table 1,
 * "cases" 1-4) and 5.1.3 status bytes; the decision table for telling the cases
 * apart by length is the one in ISO/IEC 7816-3:2006 12.1.3 ("Decoding conventions
 * for command APDUs").
 *
 *   case 1   CLA INS P1 P2
 *   case 2S  CLA INS P1 P2 Le          (Le 00 means 256)
 *   case 3S  CLA INS P1 P2 Lc data     (Lc 01-FF)
 *   case 4S  CLA INS P1 P2 Lc data Le
 *
 * Deviation: extended lengths (Lc/Le on 3 bytes) are not supported — our card
 * application never needs more than 255 bytes in or 256 out per command, and the
 * Sankyo reader limits T=0 APDUs to 261 bytes anyway. Such APDUs decode as an error.
 */
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Lc = its length); empty for cases 1 and 2. */
  readonly data: Uint8Array;
  /** Expected response length 1..256; undefined for cases 1 and 3. */
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw1: number;
  readonly sw2: number;
}

export type ApduCase = 1 | 2 | 3 | 4;

export function apduCase(apdu: CommandApdu): ApduCase {
  if (apdu.data.length === 0) return apdu.le === undefined ? 1 : 2;
  return apdu.le === undefined ? 3 : 4;
}

const isByte = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xff;

export function encodeCommandApdu(apdu: CommandApdu): Uint8Array {
  for (const [name, value] of [['CLA', apdu.cla], ['INS', apdu.ins], ['P1', apdu.p1], ['P2', apdu.p2]] as const) {
    if (!isByte(value)) throw new RangeError(`${name} must be a byte, got ${value}`);
  }
  if (apdu.data.length > 255) throw new RangeError(`short APDU data is at most 255 bytes, got ${apdu.data.length}`);
  if (apdu.le !== undefined && (!Number.isInteger(apdu.le) || apdu.le < 1 || apdu.le > 256)) {
    throw new RangeError(`short Le must be 1..256, got ${apdu.le}`);
  }
  const header = [apdu.cla, apdu.ins, apdu.p1, apdu.p2];
  const lc = apdu.data.length > 0 ? [apdu.data.length] : [];
  const le = apdu.le === undefined ? [] : [apdu.le & 0xff]; // 256 → 00
  const out = new Uint8Array(header.length + lc.length + apdu.data.length + le.length);
  out.set(header, 0);
  out.set(lc, 4);
  out.set(apdu.data, 4 + lc.length);
  out.set(le, 4 + lc.length + apdu.data.length);
  return out;
}

export function decodeCommandApdu(bytes: Uint8Array): DecodeResult<CommandApdu> {
  if (bytes.length < 4) return fail(`command APDU shorter than its header (${bytes.length} bytes)`);
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  const header = { cla, ins, p1, p2 };
  if (bytes.length === 4) return ok({ ...header, data: new Uint8Array() });
  const b5 = bytes[4] ?? 0;
  if (bytes.length === 5) return ok({ ...header, data: new Uint8Array(), le: b5 === 0 ? 256 : b5 });
  if (b5 === 0) return fail('extended-length APDUs are not supported');
  if (bytes.length === 5 + b5) return ok({ ...header, data: bytes.slice(5) });
  if (bytes.length === 6 + b5) {
    const le = bytes[5 + b5] ?? 0;
    return ok({ ...header, data: bytes.slice(5, 5 + b5), le: le === 0 ? 256 : le });
  }
  return fail(`command APDU length ${bytes.length} does not match Lc ${b5}`);
}

export function encodeResponseApdu(response: ResponseApdu): Uint8Array {
  if (!isByte(response.sw1) || !isByte(response.sw2)) throw new RangeError('SW1/SW2 must be bytes');
  if (response.data.length > 256) throw new RangeError('short response data is at most 256 bytes');
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data, 0);
  out[response.data.length] = response.sw1;
  out[response.data.length + 1] = response.sw2;
  return out;
}

export function decodeResponseApdu(bytes: Uint8Array): DecodeResult<ResponseApdu> {
  if (bytes.length < 2) return fail('response APDU shorter than SW1 SW2');
  const sw1 = bytes[bytes.length - 2] ?? 0;
  const sw2 = bytes[bytes.length - 1] ?? 0;
  // SW1 is always 6X or 9X (ISO 7816-4 5.1.3); anything else means a garbled reply.
  if ((sw1 & 0xf0) !== 0x60 && (sw1 & 0xf0) !== 0x90) return fail(`invalid SW1 ${sw1.toString(16)}`);
  if (sw1 === 0x60) return fail('SW1 60 is a T=0 procedure byte, not a status');
  return ok({ data: bytes.slice(0, -2), sw1, sw2 });
}

export function statusWord(response: Pick<ResponseApdu, 'sw1' | 'sw2'>): number {
  return (response.sw1 << 8) | response.sw2;
}
