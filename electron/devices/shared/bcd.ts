/**
 * Packed BCD (two decimal digits per byte, high nibble first), as ZVT uses for
 * amounts, dates, trace numbers and passwords.
 */

/** Encode a non-negative integer (or a digit string) right-aligned into `byteLength` BCD bytes. */
export function encodeBcd(value: number | bigint | string, byteLength: number): Uint8Array {
  const digits = typeof value === 'string' ? value : value.toString();
  if (!/^\d+$/.test(digits)) throw new RangeError(`BCD value must be decimal digits, got "${digits}"`);
  const width = byteLength * 2;
  if (digits.length > width) throw new RangeError(`BCD value ${digits} does not fit ${byteLength} bytes`);
  const padded = digits.padStart(width, '0');
  const out = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i++) {
    out[i] = (Number(padded[i * 2]) << 4) | Number(padded[i * 2 + 1]);
  }
  return out;
}

/** Decode packed BCD into its digit string; undefined if any nibble is not 0-9. */
export function decodeBcd(bytes: Uint8Array): string | undefined {
  let out = '';
  for (const b of bytes) {
    const high = b >> 4;
    const low = b & 0x0f;
    if (high > 9 || low > 9) return undefined;
    out += `${high}${low}`;
  }
  return out;
}

/** Decode packed BCD to a number; undefined if not BCD or beyond Number's safe range. */
export function decodeBcdNumber(bytes: Uint8Array): number | undefined {
  const digits = decodeBcd(bytes);
  if (digits === undefined) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}
