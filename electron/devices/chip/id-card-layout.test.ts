import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../shared/bytes.ts';
import { decodeCommandApdu, type ResponseApdu } from './apdu.ts';
import {
  type Address,
  decodeAddress,
  decodeDate,
  decodeFingerprintReference,
  decodePersonalData,
  encodeAddress,
  encodeDate,
  encodeFingerprintReference,
  encodePersonalData,
  type PersonalData,
} from './id-card-layout.ts';
import { readTransparentFile } from './read-file.ts';
import { ok, type DecodeResult } from '../shared/result.ts';

const citizen: PersonalData = {
  cprNumber: '850101234',
  nameEnglish: 'Fatima Ali Hasan',
  nameArabic: 'فاطمة علي حسن',
  dateOfBirth: '1985-01-01',
  nationality: 'BHR',
  expiryDate: '2030-06-30',
  cardSerial: 'K12345678',
};

describe('EF.PersonalData (our ISO-shaped layout)', () => {
  it('encodes template 65 with ISO 7816-6 tags and BCD dates, byte by byte at the start', () => {
    const bytes = encodePersonalData(citizen);
    // 65 L | DF01 09 "850101234" | 5F20 10 "Fatima Ali Hasan" | ...
    expect(toHex(bytes.subarray(0, 5))).toBe(`65 ${(bytes.length - 2).toString(16).toUpperCase()} DF 01 09`);
    expect(toHex(bytes.subarray(5, 14))).toBe('38 35 30 31 30 31 32 33 34');
    expect(toHex(bytes.subarray(14, 17))).toBe('5F 20 10');
    expect(toHex(encodeDate('1985-01-01'))).toBe('19 85 01 01');
  });
  it('round-trips, Arabic included, and ignores 00/FF padding after the template', () => {
    const padded = concatBytes(encodePersonalData(citizen), new Uint8Array(40).fill(0xff));
    expect(decodePersonalData(padded)).toEqual({ ok: true, value: citizen });
  });
  it('rejects bad input when encoding and bad files when decoding', () => {
    expect(() => encodePersonalData({ ...citizen, cprNumber: '12345' })).toThrow(RangeError);
    expect(() => encodePersonalData({ ...citizen, dateOfBirth: '1985-02-30' })).toThrow(RangeError);
    expect(() => encodePersonalData({ ...citizen, nationality: 'bh' })).toThrow(RangeError);
    expect(decodePersonalData(fromHex('65 00')).ok).toBe(false);
    expect(decodePersonalData(fromHex('E1 00')).ok).toBe(false);
    expect(decodeDate(fromHex('20 24 13 01'))).toBeUndefined();
    // Invalid UTF-8 in a name is refused, not turned into replacement characters.
    const broken = encodePersonalData(citizen);
    broken[17] = 0xc3; // the English name starts at 17, after 65 L DF01 09 <9 digits> 5F20 10
    broken[18] = 0x28;
    expect(decodePersonalData(broken).ok).toBe(false);
  });
  it('property: any valid personal data round-trips', () => {
    const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const nameArb = fc.stringMatching(/^[A-Za-z][A-Za-z '-]{0,39}$/);
    fc.assert(
      fc.property(
        fc.record({
          cprNumber: fc.stringMatching(/^\d{9}$/),
          nameEnglish: nameArb,
          nameArabic: fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي ') }),
          dateOfBirth: dateArb,
          nationality: fc.stringMatching(/^[A-Z]{3}$/),
          expiryDate: dateArb,
          cardSerial: fc.stringMatching(/^[A-Z0-9]{1,16}$/),
        }),
        (p) => {
          expect(decodePersonalData(encodePersonalData(p))).toEqual({ ok: true, value: p });
        },
      ),
    );
  });
  it('property: arbitrary file contents never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        decodePersonalData(bytes);
        decodeAddress(bytes);
        decodeFingerprintReference(bytes);
      }),
    );
  });
});

describe('EF.Address and EF.Fingerprint', () => {
  it('address: block/road/building required, flat optional', () => {
    const home: Address = { block: '338', road: '3803', building: '1234', flat: '21' };
    expect(toHex(encodeAddress({ block: '338', road: '1', building: '7' }))).toBe('E1 0E DF 11 03 33 33 38 DF 12 01 31 DF 13 01 37');
    expect(decodeAddress(encodeAddress(home))).toEqual({ ok: true, value: home });
    expect(decodeAddress(fromHex('E1 05 DF 11 02 33 33')).ok).toBe(false);
  });
  it('fingerprint reference is opaque bytes with a finger index', () => {
    const ref = { fingerIndex: 2, reference: fromHex('01 02 03 FF 00') };
    expect(toHex(encodeFingerprintReference(ref))).toBe('E2 0C DF 21 01 02 DF 22 05 01 02 03 FF 00');
    expect(decodeFingerprintReference(encodeFingerprintReference(ref))).toEqual({ ok: true, value: ref });
    expect(() => encodeFingerprintReference({ fingerIndex: 11, reference: ref.reference })).toThrow(RangeError);
  });
});

describe('readTransparentFile', () => {
  /** A card holding one transparent EF of `size` bytes, answering READ BINARY like ISO 7816-4 11.3.3. */
  function fileCard(content: Uint8Array) {
    const offsets: number[] = [];
    const exchange = async (command: Parameters<Parameters<typeof readTransparentFile>[0]>[0]): Promise<DecodeResult<ResponseApdu>> => {
      const bytes = decodeCommandApdu(new Uint8Array([command.cla, command.ins, command.p1, command.p2, (command.le ?? 0) & 0xff]));
      if (!bytes.ok) throw new Error(bytes.error);
      const offset = (command.p1 << 8) | command.p2;
      offsets.push(offset);
      if (offset >= content.length) return ok({ data: new Uint8Array(), sw1: 0x6b, sw2: 0x00 });
      const le = command.le ?? 256;
      const data = content.slice(offset, offset + le);
      return ok({ data, sw1: data.length < le ? 0x62 : 0x90, sw2: data.length < le ? 0x82 : 0x00 });
    };
    return { exchange, offsets };
  }
  it('reads 600 bytes in three steps, the last answered with 6282', async () => {
    const content = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
    const card = fileCard(content);
    expect(await readTransparentFile(card.exchange, 1024)).toEqual({ ok: true, value: content });
    expect(card.offsets).toEqual([0, 256, 512]);
  });
  it('stops on 6B00 when the file is an exact multiple of 256', async () => {
    const card = fileCard(new Uint8Array(512).fill(7));
    const result = await readTransparentFile(card.exchange, 1024);
    expect(result.ok && result.value.length).toBe(512);
    expect(card.offsets).toEqual([0, 256, 512]);
  });
  it('never reads past maxSize, and reports other status words', async () => {
    const card = fileCard(new Uint8Array(2000));
    const result = await readTransparentFile(card.exchange, 300);
    expect(result.ok && result.value.length).toBe(300);
    expect(card.offsets).toEqual([0, 256]);
    const denied = await readTransparentFile(async () => ok({ data: new Uint8Array(), sw1: 0x69, sw2: 0x82 }), 100);
    expect(denied).toEqual({ ok: false, error: 'READ BINARY at 0: 6982: security status not satisfied' });
  });
});
