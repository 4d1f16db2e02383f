import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared/bytes.ts';
import { apduCase, type CommandApdu, decodeCommandApdu, decodeResponseApdu, encodeCommandApdu, encodeResponseApdu } from './apdu.ts';
import { encodeAtr, parseAtr } from './atr.ts';
import {
  changeReferenceData,
  decodePinBlock,
  encodePinBlock,
  readBinary,
  resetRetryCounter,
  selectByAid,
  selectEf,
  updateBinary,
  verify,
  verifyStatus,
} from './commands.ts';
import { describeStatusWord, interpretStatusWord } from './status-words.ts';
import { exchangeApdu, getResponseCommand } from './t0-exchange.ts';
import { NATIONAL_ID_AID, PIN_REFERENCE } from './id-card-layout.ts';

const hex = (apdu: CommandApdu) => toHex(encodeCommandApdu(apdu));

describe('command APDUs (ISO/IEC 7816-4 5.1, cases 1-4 short)', () => {
  it('EMV Book 1 SELECT of "1PAY.SYS.DDF01" is a case 4 APDU with Le 00 = 256', () => {
    const bytes = fromHex('00 A4 04 00 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00');
    const decoded = decodeCommandApdu(bytes);
    expect(decoded.ok && decoded.value.le).toBe(256);
    expect(decoded.ok && apduCase(decoded.value)).toBe(4);
    expect(decoded.ok && new TextDecoder().decode(decoded.value.data)).toBe('1PAY.SYS.DDF01');
    expect(decoded.ok && toHex(encodeCommandApdu(decoded.value))).toBe(toHex(bytes));
  });
  it('tells the four cases apart by length (ISO/IEC 7816-3 12.1.3)', () => {
    const caseOf = (h: string) => {
      const d = decodeCommandApdu(fromHex(h));
      return d.ok ? apduCase(d.value) : d.error;
    };
    expect([caseOf('00 20 00 81'), caseOf('00 C0 00 00 1A'), caseOf('00 A4 02 0C 02 01 01'), caseOf('00 A4 02 0C 02 01 01 00')]).toEqual([1, 2, 3, 4]);
    expect(decodeCommandApdu(fromHex('00 C0 00 00 1A'))).toMatchObject({ ok: true, value: { le: 0x1a } });
    expect(decodeCommandApdu(fromHex('00 A4 02 0C 02 01 01'))).toMatchObject({ ok: true, value: { data: fromHex('01 01') } });
    expect(decodeCommandApdu(fromHex('00 A4 02 0C 02 01 01 00'))).toMatchObject({ ok: true, value: { le: 256 } });
    expect(decodeCommandApdu(fromHex('00 B0 00'))).toMatchObject({ ok: false });
    expect(decodeCommandApdu(fromHex('00 A4 04 00 00 00 05'))).toMatchObject({ ok: false, error: 'extended-length APDUs are not supported' });
    expect(decodeCommandApdu(fromHex('00 A4 04 00 05 01 02'))).toMatchObject({ ok: false });
  });
  it('refuses values a short APDU cannot carry', () => {
    const base = { cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array() };
    expect(() => encodeCommandApdu({ ...base, le: 0 })).toThrow(RangeError);
    expect(() => encodeCommandApdu({ ...base, le: 257 })).toThrow(RangeError);
    expect(() => encodeCommandApdu({ ...base, p1: 256 })).toThrow(RangeError);
    expect(() => encodeCommandApdu({ ...base, data: new Uint8Array(256) })).toThrow(RangeError);
  });
});

describe('ID-card command builders', () => {
  it('SELECT the national ID application by AID without FCI, or with FCI', () => {
    expect(hex(selectByAid(NATIONAL_ID_AID))).toBe('00 A4 04 0C 08 F0 4B 48 49 44 4D 41 01');
    expect(hex(selectByAid(NATIONAL_ID_AID, true))).toBe('00 A4 04 00 08 F0 4B 48 49 44 4D 41 01 00');
    expect(() => selectByAid(fromHex('F0 01'))).toThrow(RangeError);
  });
  it('SELECT EF, READ BINARY with offsets, UPDATE BINARY', () => {
    expect(hex(selectEf(0x0101))).toBe('00 A4 02 0C 02 01 01');
    expect(() => selectEf(0x3fff)).toThrow(RangeError);
    expect(hex(readBinary(0, 256))).toBe('00 B0 00 00 00');
    expect(hex(readBinary(0x0123, 16))).toBe('00 B0 01 23 10');
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(hex(updateBinary(0x10, fromHex('41 42')))).toBe('00 D6 00 10 02 41 42');
  });
  it('VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER with the local PIN reference 81', () => {
    const pin = encodePinBlock('1234');
    expect(toHex(pin)).toBe('31 32 33 34 FF FF FF FF');
    expect(hex(verify(PIN_REFERENCE, pin))).toBe('00 20 00 81 08 31 32 33 34 FF FF FF FF');
    expect(hex(verifyStatus(PIN_REFERENCE))).toBe('00 20 00 81');
    expect(hex(changeReferenceData(PIN_REFERENCE, pin, encodePinBlock('567890')))).toBe(
      '00 24 00 81 10 31 32 33 34 FF FF FF FF 35 36 37 38 39 30 FF FF',
    );
    const puk = encodePinBlock('87654321');
    expect(hex(resetRetryCounter(PIN_REFERENCE, puk, pin))).toBe('00 2C 00 81 10 38 37 36 35 34 33 32 31 31 32 33 34 FF FF FF FF');
    expect(hex(resetRetryCounter(PIN_REFERENCE, puk))).toBe('00 2C 01 81 08 38 37 36 35 34 33 32 31');
    expect(hex(resetRetryCounter(PIN_REFERENCE))).toBe('00 2C 03 81');
  });
  it('PIN blocks: 4-8 digits, FF padded, decoded back only when well formed', () => {
    expect(() => encodePinBlock('123')).toThrow(RangeError);
    expect(() => encodePinBlock('12a4')).toThrow(RangeError);
    expect(decodePinBlock(encodePinBlock('00001234'))).toBe('00001234');
    expect(decodePinBlock(fromHex('31 FF 32 33 34 FF FF FF'))).toBeUndefined();
    expect(decodePinBlock(fromHex('31 32 33 FF FF FF FF FF'))).toBeUndefined();
  });
});

describe('status words (ISO/IEC 7816-4 5.1.3)', () => {
  it.each([
    [0x90, 0x00, { kind: 'ok' }],
    [0x61, 0x1a, { kind: 'bytesAvailable', available: 26 }],
    [0x61, 0x00, { kind: 'bytesAvailable', available: 256 }],
    [0x6c, 0x10, { kind: 'wrongLe', exactLength: 16 }],
    [0x63, 0xc2, { kind: 'verifyFailed', triesLeft: 2 }],
    [0x63, 0xc0, { kind: 'verifyFailed', triesLeft: 0 }],
    [0x69, 0x83, { kind: 'authenticationBlocked' }],
    [0x69, 0x82, { kind: 'securityStatusNotSatisfied' }],
    [0x6a, 0x82, { kind: 'fileNotFound' }],
    [0x67, 0x00, { kind: 'wrongLength' }],
    [0x6d, 0x00, { kind: 'insNotSupported' }],
    [0x62, 0x83, { kind: 'warning', sw: 0x6283 }],
    [0x6a, 0x87, { kind: 'error', sw: 0x6a87 }],
  ])('%s %s', (sw1, sw2, expected) => {
    expect(interpretStatusWord(sw1, sw2)).toEqual(expected);
  });
  it('describes them in the standard wording', () => {
    expect(describeStatusWord(0x69, 0x83)).toBe('6983: authentication method blocked');
    expect(describeStatusWord(0x63, 0xc1)).toBe('63C1: verification failed, 1 tries left');
  });
  it('response APDUs keep data and SW apart and reject impossible SW1', () => {
    expect(decodeResponseApdu(fromHex('41 42 90 00'))).toEqual({ ok: true, value: { data: fromHex('41 42'), sw1: 0x90, sw2: 0x00 } });
    expect(decodeResponseApdu(fromHex('90')).ok).toBe(false);
    expect(decodeResponseApdu(fromHex('12 34')).ok).toBe(false);
    expect(decodeResponseApdu(fromHex('60 00')).ok).toBe(false);
  });
});

/** A scripted card: each transmit must match the next expected command and gets the scripted answer. */
function scriptedCard(script: Array<[string, string]>) {
  const sent: string[] = [];
  const transmit = async (command: Uint8Array) => {
    const step = script[sent.length];
    sent.push(toHex(command));
    if (!step) throw new Error(`unexpected command ${toHex(command)}`);
    expect(toHex(command)).toBe(step[0]);
    return fromHex(step[1]);
  };
  return { transmit, sent };
}

describe('T=0 exchange (ISO/IEC 7816-4 annex A)', () => {
  it('61XX: fetches the rest with GET RESPONSE, chaining until 9000', async () => {
    const card = scriptedCard([
      ['00 A4 04 00 08 F0 4B 48 49 44 4D 41 01 00', '61 04'],
      ['00 C0 00 00 04', '6F 02 84 00 61 02'],
      ['00 C0 00 00 02', '88 99 90 00'],
    ]);
    const result = await exchangeApdu(card.transmit, selectByAid(NATIONAL_ID_AID, true));
    expect(result).toEqual({ ok: true, value: { data: fromHex('6F 02 84 00 88 99'), sw1: 0x90, sw2: 0x00 } });
  });
  it('6CXX: re-issues the same command with the exact Le', async () => {
    const card = scriptedCard([
      ['00 B0 00 00 00', '6C 0A'],
      ['00 B0 00 00 0A', '00 01 02 03 04 05 06 07 08 09 90 00'],
    ]);
    const result = await exchangeApdu(card.transmit, readBinary(0, 256));
    expect(result.ok && result.value.data.length).toBe(10);
  });
  it('passes a second 6CXX up instead of re-issuing forever', async () => {
    const card = scriptedCard([
      ['00 B0 00 00 00', '6C 0A'],
      ['00 B0 00 00 0A', '6C 0B'],
    ]);
    expect(await exchangeApdu(card.transmit, readBinary(0, 256))).toEqual({ ok: true, value: { data: new Uint8Array(), sw1: 0x6c, sw2: 0x0b } });
  });
  it('gives up after maxSteps when the card keeps answering 61XX', async () => {
    let calls = 0;
    const endless = async () => {
      calls++;
      return fromHex('00 61 01');
    };
    const result = await exchangeApdu(endless, readBinary(0, 1), { maxSteps: 5 });
    expect(result.ok).toBe(false);
    expect(calls).toBe(5);
  });
  it('GET RESPONSE keeps the logical channel and drops secure messaging / proprietary bits', () => {
    expect(getResponseCommand(0x00, 4).cla).toBe(0x00);
    expect(getResponseCommand(0x0d, 4).cla).toBe(0x01);
    expect(getResponseCommand(0x80, 4).cla).toBe(0x00);
    expect(getResponseCommand(0x65, 4).cla).toBe(0x45);
  });
  it('plain 9000 and plain errors come straight back', async () => {
    const card = scriptedCard([['00 20 00 81 08 31 32 33 34 FF FF FF FF', '63 C2']]);
    expect(await exchangeApdu(card.transmit, verify(PIN_REFERENCE, encodePinBlock('1234')))).toEqual({
      ok: true,
      value: { data: new Uint8Array(), sw1: 0x63, sw2: 0xc2 },
    });
  });
});

describe('ATR (ISO/IEC 7816-3 chapter 8), real cards from pcsc-tools smartcard_list.txt', () => {
  it('Estonian EstEID 3.0 cold ATR: T=0 and T=1 offered, TCK A8 checks, historical "EstEID ver 1.0"', () => {
    const result = parseAtr(fromHex('3B FE 18 00 00 80 31 FE 45 45 73 74 45 49 44 20 76 65 72 20 31 2E 30 A8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const atr = result.value;
    expect(atr.convention).toBe('direct');
    expect(atr.protocols).toEqual([0, 1]);
    expect(atr.groups).toEqual([
      { index: 1, ta: 0x18, tb: 0x00, tc: 0x00, td: 0x80 },
      { index: 2, td: 0x31 },
      { index: 3, ta: 0xfe, tb: 0x45 },
    ]);
    expect(new TextDecoder().decode(atr.historicalBytes)).toBe('EstEID ver 1.0');
    expect(atr.tck).toBe(0xa8);
    expect([atr.fi, atr.di]).toEqual([372, 12]);
  });
  it('Belgian eID: T=0 only, so no TCK; TC2 = 0A (WI)', () => {
    const result = parseAtr(fromHex('3B 98 13 40 0A A5 03 01 01 01 AD 13 11'));
    expect(result.ok && result.value).toMatchObject({ protocols: [0], groups: [{ index: 1, ta: 0x13, td: 0x40 }, { index: 2, tc: 0x0a }] });
    expect(result.ok && result.value.tck).toBeUndefined();
    expect(result.ok && toHex(result.value.historicalBytes)).toBe('A5 03 01 01 01 AD 13 11');
  });
  it('Estonian eID (IDEMIA): T=1 only with TCK F1', () => {
    const result = parseAtr(fromHex('3B DB 96 00 80 B1 FE 45 1F 83 00 12 23 3F 53 65 49 44 0F 90 00 F1'));
    expect(result.ok && result.value.protocols).toEqual([0, 1, 15]);
    expect(result.ok && result.value.tck).toBe(0xf1);
  });
  it('Schlumberger Multiflex 3k: no interface bytes at all; SIMEMU: inverse convention (TS 3F)', () => {
    expect(parseAtr(fromHex('3B 02 14 50'))).toMatchObject({ ok: true, value: { groups: [{ index: 1 }], protocols: [0] } });
    expect(parseAtr(fromHex('3F 28 00 00 11 14 00 03 68 90 00'))).toMatchObject({ ok: true, value: { convention: 'inverse' } });
  });
  it('rejects a wrong TCK, a bad TS, truncation and trailing bytes', () => {
    expect(parseAtr(fromHex('3B FE 18 00 00 80 31 FE 45 45 73 74 45 49 44 20 76 65 72 20 31 2E 30 A9'))).toEqual({ ok: false, error: 'ATR TCK check failed' });
    expect(parseAtr(fromHex('3C 00')).ok).toBe(false);
    expect(parseAtr(fromHex('3B 98 13 40')).ok).toBe(false);
    expect(parseAtr(fromHex('3B 02 14 50 00')).ok).toBe(false);
    expect(parseAtr(new Uint8Array()).ok).toBe(false);
  });
  it('encodeAtr rebuilds the EstEID ATR byte for byte (TCK computed)', () => {
    const atr = encodeAtr({
      convention: 'direct',
      groups: [{ ta: 0x18, tb: 0x00, tc: 0x00, td: 0x80 }, { td: 0x31 }, { ta: 0xfe, tb: 0x45 }],
      historicalBytes: new TextEncoder().encode('EstEID ver 1.0'),
    });
    expect(toHex(atr)).toBe('3B FE 18 00 00 80 31 FE 45 45 73 74 45 49 44 20 76 65 72 20 31 2E 30 A8');
  });
  it('property: encodeAtr → parseAtr round trip; arbitrary bytes never throw', () => {
    const groupArb = fc.record({ ta: fc.option(fc.nat(255), { nil: undefined }), tb: fc.option(fc.nat(255), { nil: undefined }), tc: fc.option(fc.nat(255), { nil: undefined }) });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(groupArb, fc.integer({ min: 0, max: 15 })), { minLength: 1, maxLength: 4 }),
        fc.uint8Array({ maxLength: 10 }),
        fc.boolean(),
        (raw, historicalBytes, direct) => {
          // Chain the groups: each TD announces the next group's bytes and a protocol.
          const clean = raw.map(([g]) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as { ta?: number; tb?: number; tc?: number });
          const groups = clean.map((g, n) => {
            const next = clean[n + 1];
            if (!next) return g;
            const y = (next.ta !== undefined ? 1 : 0) | (next.tb !== undefined ? 2 : 0) | (next.tc !== undefined ? 4 : 0) | (n + 2 < clean.length ? 8 : 0);
            return { ...g, td: (y << 4) | (raw[n]?.[1] ?? 0) };
          });
          let bytes: Uint8Array;
          try {
            bytes = encodeAtr({ convention: direct ? 'direct' : 'inverse', groups, historicalBytes });
          } catch {
            return; // longer than 33 bytes: not an ATR
          }
          const parsed = parseAtr(bytes);
          expect(parsed.ok).toBe(true);
          expect(parsed.ok && toHex(parsed.value.historicalBytes)).toBe(toHex(historicalBytes));
        },
      ),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => void parseAtr(bytes)));
  });
});

describe('APDU properties', () => {
  const commandArb: fc.Arbitrary<CommandApdu> = fc.record({
    cla: fc.nat(255),
    ins: fc.nat(255),
    p1: fc.nat(255),
    p2: fc.nat(255),
    data: fc.uint8Array({ maxLength: 255 }),
    le: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
  });
  it('command APDU encode → decode round trip', () => {
    fc.assert(
      fc.property(commandArb, (apdu) => {
        const decoded = decodeCommandApdu(encodeCommandApdu(apdu));
        expect(decoded).toEqual({ ok: true, value: apdu.le === undefined ? { ...apdu, le: undefined } : apdu });
      }),
    );
  });
  it('response APDU encode → decode round trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.constantFrom(0x61, 0x62, 0x63, 0x67, 0x69, 0x6a, 0x6c, 0x90), fc.nat(255), (data, sw1, sw2) => {
        expect(decodeResponseApdu(encodeResponseApdu({ data, sw1, sw2 }))).toEqual({ ok: true, value: { data, sw1, sw2 } });
      }),
    );
  });
  it('arbitrary bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        decodeCommandApdu(bytes);
        decodeResponseApdu(bytes);
      }),
    );
  });
});
