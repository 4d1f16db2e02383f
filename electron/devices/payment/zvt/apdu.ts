/**
 * ZVT APDU (application protocol data unit), pure.
 *
 * Follows "ECR-Interface ZVT-Protocol, Transport-Protocol and Application-Protocol"
 * PA00P016_04 (Verband der Terminalhersteller in Deutschland, 2016) chapter 5.2:
 *
 *   APDU = control field (2 bytes: CLASS INSTR, or CCRC APRC in a response)
 *          | length (1 byte: 00-FE) or (FF, then 2 bytes low byte first: 0000-FFFF)
 *          | data block
 *
 * The extended length is used for data blocks of 255 bytes and more (the 1-byte
 * length field only goes up to 254, FF being the escape). The control and length
 * fields are not counted in the length.
 */
import { type DecodeResult, fail, ok } from '../../shared/result.ts';

export interface ZvtApdu {
  /** CLASS (command) or CCRC (response: 80 positive, 84 negative). */
  readonly cls: number;
  /** INSTR (command) or APRC (response). */
  readonly instr: number;
  readonly data: Uint8Array;
}

/** Upper bound we accept for one APDU; the spec allows 65535 data bytes, we never need more than a receipt. */
export const DEFAULT_MAX_APDU_LENGTH = 4096;

export function encodeApdu(apdu: ZvtApdu): Uint8Array {
  if (!isByte(apdu.cls) || !isByte(apdu.instr)) throw new RangeError('ZVT control field bytes out of range');
  const n = apdu.data.length;
  if (n > 0xffff) throw new RangeError(`ZVT data block longer than 65535 bytes (${n})`);
  const header = n <= 0xfe ? [apdu.cls, apdu.instr, n] : [apdu.cls, apdu.instr, 0xff, n & 0xff, n >> 8];
  const out = new Uint8Array(header.length + n);
  out.set(header, 0);
  out.set(apdu.data, header.length);
  return out;
}

/**
 * Length of the APDU that starts at bytes[0], from its header: undefined while the
 * header is incomplete. Used by the stream decoders to know how much to wait for.
 */
export function apduTotalLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 3) return undefined;
  const len = bytes[2] ?? 0;
  if (len !== 0xff) return 3 + len;
  if (bytes.length < 5) return undefined;
  return 5 + ((bytes[3] ?? 0) | ((bytes[4] ?? 0) << 8));
}

export function decodeApdu(bytes: Uint8Array): DecodeResult<ZvtApdu> {
  const total = apduTotalLength(bytes);
  if (total === undefined) return fail(`ZVT APDU header incomplete (${bytes.length} bytes)`);
  if (total !== bytes.length) return fail(`ZVT APDU length field says ${total} bytes, got ${bytes.length}`);
  const headerLength = bytes[2] === 0xff ? 5 : 3;
  return ok({ cls: bytes[0] ?? 0, instr: bytes[1] ?? 0, data: bytes.slice(headerLength) });
}

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xff;
}
