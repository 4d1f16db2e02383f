/**
 * ISO/IEC 7816-4 command builders for the ID-card application, pure.
 *
 * Follows ISO/IEC 7816-4:2013 chapter 11 (basic interindustry commands):
 *  SELECT 'A4' (11.2.2, table 39 P1: 04 select by DF name = AID, 02 select EF under the
 *  current DF; table 40 P2: 0C no response data, 00 return FCI), READ BINARY 'B0'
 *  and UPDATE BINARY 'D6' (11.3.3/11.3.5: P1 bit 8 = 0 means P1-P2 is a 15-bit offset),
 *  VERIFY '20' (11.5.6: no data = ask the retry counter, answered by 63CX or 9000),
 *  CHANGE REFERENCE DATA '24' (11.5.7: P1 00 = old and new data), RESET RETRY COUNTER
 *  '2C' (11.5.10: P1 00 PUK+new, 01 PUK only, 02 new only, 03 nothing), GET RESPONSE 'C0'.
 *  P2 of the security commands is the reference: bit 8 = 1 means a specific (local) one.
 */
import type { CommandApdu } from './apdu.ts';

const NONE = new Uint8Array();

function checkFid(fid: number): void {
  if (!Number.isInteger(fid) || fid < 0 || fid > 0xffff || fid === 0x3fff || fid === 0xffff) {
    throw new RangeError(`file identifier ${fid.toString(16)} is reserved or out of range`);
  }
}

export function selectByAid(aid: Uint8Array, returnFci = false): CommandApdu {
  if (aid.length < 5 || aid.length > 16) throw new RangeError('AID must be 5..16 bytes (ISO/IEC 7816-5)');
  return returnFci ? { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: aid, le: 256 } : { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid };
}

export function selectEf(fid: number): CommandApdu {
  checkFid(fid);
  return { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) };
}

export function readBinary(offset: number, length: number): CommandApdu {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new RangeError('READ BINARY offset must be 0..32767');
  if (!Number.isInteger(length) || length < 1 || length > 256) throw new RangeError('READ BINARY length must be 1..256');
  return { cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, data: NONE, le: length };
}

export function updateBinary(offset: number, data: Uint8Array): CommandApdu {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new RangeError('UPDATE BINARY offset must be 0..32767');
  if (data.length < 1 || data.length > 255) throw new RangeError('UPDATE BINARY data must be 1..255 bytes');
  return { cla: 0x00, ins: 0xd6, p1: offset >> 8, p2: offset & 0xff, data };
}

function checkReference(reference: number): void {
  if (!Number.isInteger(reference) || reference < 0 || reference > 0xff) throw new RangeError('reference must be a byte');
}

export function verify(reference: number, pinBlock: Uint8Array): CommandApdu {
  checkReference(reference);
  if (pinBlock.length < 1 || pinBlock.length > 255) throw new RangeError('PIN block must be 1..255 bytes');
  return { cla: 0x00, ins: 0x20, p1: 0x00, p2: reference, data: pinBlock };
}

/** VERIFY without data: "how many tries are left?" (answered by 63CX, or 9000 if already verified). */
export function verifyStatus(reference: number): CommandApdu {
  checkReference(reference);
  return { cla: 0x00, ins: 0x20, p1: 0x00, p2: reference, data: NONE };
}

export function changeReferenceData(reference: number, oldPinBlock: Uint8Array, newPinBlock: Uint8Array): CommandApdu {
  checkReference(reference);
  const data = new Uint8Array(oldPinBlock.length + newPinBlock.length);
  data.set(oldPinBlock, 0);
  data.set(newPinBlock, oldPinBlock.length);
  if (data.length < 2 || data.length > 255) throw new RangeError('old + new reference data must be 2..255 bytes');
  return { cla: 0x00, ins: 0x24, p1: 0x00, p2: reference, data };
}

export function resetRetryCounter(reference: number, resettingCode?: Uint8Array, newPinBlock?: Uint8Array): CommandApdu {
  checkReference(reference);
  const p1 = resettingCode ? (newPinBlock ? 0x00 : 0x01) : newPinBlock ? 0x02 : 0x03;
  const code = resettingCode ?? NONE;
  const fresh = newPinBlock ?? NONE;
  const data = new Uint8Array(code.length + fresh.length);
  data.set(code, 0);
  data.set(fresh, code.length);
  if (data.length > 255) throw new RangeError('RESET RETRY COUNTER data too long');
  return { cla: 0x00, ins: 0x2c, p1, p2: reference, data };
}

/**
 * Our PIN block: the PIN's ASCII digits padded with 'FF' to 8 bytes — the common
 * PKCS#15 "ASCII numeric, pad FF" format (ISO/IEC 7816-15 PinAttributes, pinType
 * asciiNumeric, storedLength 8, padChar FF). PINs are 4..8 digits.
 */
export const PIN_BLOCK_LENGTH = 8;
export function encodePinBlock(pin: string): Uint8Array {
  if (!/^\d{4,8}$/.test(pin)) throw new RangeError('PIN must be 4..8 digits');
  const block = new Uint8Array(PIN_BLOCK_LENGTH).fill(0xff);
  for (let i = 0; i < pin.length; i++) block[i] = pin.charCodeAt(i);
  return block;
}

/** Read a PIN block back (the simulated card's side); undefined if it is not one. */
export function decodePinBlock(block: Uint8Array): string | undefined {
  if (block.length !== PIN_BLOCK_LENGTH) return undefined;
  let pin = '';
  let padding = false;
  for (const b of block) {
    if (b === 0xff) padding = true;
    else if (!padding && b >= 0x30 && b <= 0x39) pin += String.fromCharCode(b);
    else return undefined;
  }
  return pin.length >= 4 ? pin : undefined;
}
