import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16kermit, crc16xmodem } from 'crc';
import { crc16Kermit, crc16Xmodem } from './crc16.ts';
import { decodeBcd, decodeBcdNumber, encodeBcd } from './bcd.ts';
import { asciiBytes, bytesEqual, concatBytes, fromHex, toHex } from './bytes.ts';
import { decodeTlv, encodeLength, encodeTlv, tagToBytes, type TlvNode } from './ber-tlv.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('CRC-16 known answers (reveng catalogue check values)', () => {
  it('CRC-16/XMODEM("123456789") = 0x31C3', () => expect(crc16Xmodem(ascii('123456789'))).toBe(0x31c3));
  it('CRC-16/KERMIT("123456789") = 0x2189', () => expect(crc16Kermit(ascii('123456789'))).toBe(0x2189));
  it('Sankyo ICT3Q8 spec annex 1 example: F2 00 08 "C0032400" → 0xFACE', () => {
    expect(crc16Xmodem(fromHex('F2 00 08 43 30 30 33 32 34 30 30'))).toBe(0xface);
  });
  it('ZVT PA00P016 example 10 02 80 00 00 10 03 F5 1F: KERMIT over 80 00 00 03 = 0x1FF5 (low byte F5 sent first)', () => {
    expect(crc16Kermit(fromHex('80 00 00 03'))).toBe(0x1ff5);
  });
  it('empty input is the initial value', () => {
    expect(crc16Xmodem(new Uint8Array())).toBe(0);
    expect(crc16Kermit(new Uint8Array())).toBe(0);
  });
  it('property: agrees with the `crc` package on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(crc16Xmodem(data)).toBe(crc16xmodem(Buffer.from(data)));
        expect(crc16Kermit(data)).toBe(crc16kermit(Buffer.from(data)));
      }),
    );
  });
  it('property: a single flipped bit always changes both CRCs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (data, at, bit) => {
        const flipped = data.slice();
        const i = at % data.length;
        flipped[i] = (flipped[i] ?? 0) ^ (1 << bit);
        expect(crc16Xmodem(flipped)).not.toBe(crc16Xmodem(data));
        expect(crc16Kermit(flipped)).not.toBe(crc16Kermit(data));
      }),
    );
  });
});

describe('BCD', () => {
  it('encodes right-aligned packed digits', () => {
    expect(toHex(encodeBcd(2040, 6))).toBe('00 00 00 00 20 40');
    expect(toHex(encodeBcd('000000', 3))).toBe('00 00 00');
    expect(toHex(encodeBcd(48, 2))).toBe('00 48');
  });
  it('refuses values that do not fit or are not digits', () => {
    expect(() => encodeBcd(1234567, 3)).toThrow(RangeError);
    expect(() => encodeBcd(-1, 3)).toThrow(RangeError);
    expect(() => encodeBcd('12a', 3)).toThrow(RangeError);
  });
  it('decodes, and rejects nibbles above 9', () => {
    expect(decodeBcd(fromHex('20 40'))).toBe('2040');
    expect(decodeBcdNumber(fromHex('00 00 00 00 20 40'))).toBe(2040);
    expect(decodeBcd(fromHex('2A'))).toBeUndefined();
  });
  it('property: round trip for any value that fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.nat(), (bytes, raw) => {
        const value = raw % 10 ** Math.min(bytes * 2, 15);
        expect(decodeBcdNumber(encodeBcd(value, bytes))).toBe(value);
      }),
    );
  });
});

describe('bytes helpers', () => {
  it('hex both ways, tolerant of separators, strict about content', () => {
    expect(toHex(fromHex('f2-00:08 43'))).toBe('F2 00 08 43');
    expect(() => fromHex('F')).toThrow(RangeError);
    expect(() => fromHex('GG')).toThrow(RangeError);
  });
  it('concat, equal, ascii', () => {
    expect(bytesEqual(concatBytes([1], fromHex('02 03')), fromHex('01 02 03'))).toBe(true);
    expect(bytesEqual(fromHex('01'), fromHex('01 02'))).toBe(false);
    expect(() => asciiBytes('é')).toThrow(RangeError);
  });
});

describe('BER-TLV (ISO 7816-4 5.2 / ZVT PA00P015 9.3)', () => {
  it('decodes the TLV-container of a real ZVT Registration (ecrterm test_parsing.py)', () => {
    // 06 00 63 00 00 00 FE 09 78 03 00 06 59 <container>: the 0x59 bytes after "06 59".
    const container = fromHex(
      '10 02 16 02 12 01 40 1A 02 10 00 26 28 0A 02 04 0F 0A 02 06 0F 0A 02 06 1E 0A 02 04 FF 0A 02 06 D8 0A 02 06 DB 0A 02 06 D9 0A 02 06 DA 0A 02 06 DD 0A 02 06 D3 27 03 14 01 FF 28 10 15 02 44 45 15 02 45 4E 15 02 46 52 15 02 49 54 40 02 C0 00 1F 04 02 F1 00 1F 05 01 00',
    );
    expect(container.length).toBe(0x59);
    const result = decodeTlv(container);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((n) => n.tag.toString(16))).toEqual(['10', '12', '1a', '26', '27', '28', '40', '1f04', '1f05']);
    const permitted = result.value[3];
    expect(permitted && 'children' in permitted ? permitted.children.length : 0).toBe(10);
    expect(toHex(encodeTlv(result.value))).toBe(toHex(container));
  });
  it('long lengths and multi-byte tags', () => {
    expect(toHex(encodeLength(0x7f))).toBe('7F');
    expect(toHex(encodeLength(0x80))).toBe('81 80');
    expect(toHex(encodeLength(0x3df))).toBe('82 03 DF');
    expect(toHex(tagToBytes(0x5f20))).toBe('5F 20');
    expect(() => tagToBytes(0x2020)).toThrow(RangeError); // '20' does not announce a second tag byte
    expect(() => tagToBytes(0x1f)).toThrow(RangeError); // '1F' needs a following byte
  });
  it('rejects truncated data, indefinite length and hostile nesting without throwing', () => {
    expect(decodeTlv(fromHex('5F 20 05 41 42')).ok).toBe(false);
    expect(decodeTlv(fromHex('30 80 00 00')).ok).toBe(false);
    expect(decodeTlv(fromHex('1F')).ok).toBe(false);
    const deep = fromHex('21 0A 21 08 21 06 21 04 21 02 21 00');
    expect(decodeTlv(deep, { maxDepth: 3 }).ok).toBe(false);
    expect(decodeTlv(deep).ok).toBe(true);
  });
  it('skips ISO 7816-4 filler bytes only when asked', () => {
    const padded = fromHex('00 FF 01 01 41 00 00 FF');
    expect(decodeTlv(padded).ok).toBe(false);
    const result = decodeTlv(padded, { skipPadding: true });
    expect(result.ok && result.value).toEqual([{ tag: 0x01, value: fromHex('41') }]);
  });

  const tagArb = fc.oneof(
    fc.integer({ min: 0x01, max: 0x1e }).chain((n) => fc.constantFrom(n, n | 0x40, n | 0x80, n | 0xc0)),
    fc.integer({ min: 0x01, max: 0x7f }).map((n) => 0x1f00 | n),
    fc.integer({ min: 0x81, max: 0xff }).chain((a) => fc.integer({ min: 0, max: 0x7f }).map((b) => 0x5f0000 | (a << 8) | b)),
  );
  const nodeArb: fc.Memo<TlvNode> = fc.memo((depth) =>
    depth <= 1
      ? fc.record({ tag: tagArb, value: fc.uint8Array({ maxLength: 300 }) })
      : fc.oneof(
          fc.record({ tag: tagArb, value: fc.uint8Array({ maxLength: 40 }) }),
          fc.record({ tag: fc.constantFrom(0x21, 0x61, 0x7f61, 0xe1), children: fc.array(nodeArb(depth - 1), { maxLength: 4 }) }),
        ),
  );
  it('property: encode → decode round trip', () => {
    fc.assert(
      fc.property(fc.array(nodeArb(3), { maxLength: 5 }), (nodes) => {
        const decoded = decodeTlv(encodeTlv(nodes));
        expect(decoded).toEqual({ ok: true, value: nodes });
      }),
    );
  });
  it('property: arbitrary bytes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void decodeTlv(bytes, { skipPadding: true })));
  });
});
