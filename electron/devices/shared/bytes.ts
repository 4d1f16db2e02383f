/**
 * Small byte helpers shared by the device codecs. Codecs use Uint8Array (never
 * Node's Buffer) so they stay pure and run anywhere, including the simulators'
 * control page.
 */

/** Parse "F2 00 08", "f20008" or "F2-00-08" into bytes. Throws on odd length or non-hex. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:-]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new RangeError(`not a hex byte string: "${text}"`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** "F2 00 08" — upper case, space separated, the way the specs print bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function concatBytes(...parts: ReadonlyArray<Uint8Array | readonly number[]>): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** 7-bit ASCII only: protocol fields such as Sankyo command letters. Throws outside 0x00-0x7F. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new RangeError(`not 7-bit ASCII: "${text}"`);
    out[i] = code;
  }
  return out;
}

/** Latin-1 view of bytes (one char per byte, never throws): for logs and ASCII protocol fields. */
export function latin1String(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Read byte i, treating a missing byte as a programming error (callers check lengths first). */
export function byteAt(bytes: Uint8Array, index: number): number {
  const value = bytes[index];
  if (value === undefined) throw new RangeError(`byte ${index} out of range (length ${bytes.length})`);
  return value;
}
