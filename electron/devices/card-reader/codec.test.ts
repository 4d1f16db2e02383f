import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiBytes, concatBytes, fromHex, latin1String, toHex } from '../shared/bytes.ts';
import {
  type CardReaderCommand,
  type CardReaderReply,
  DEFAULT_INITIALISE,
  decodeChipStatus,
  decodeCommand,
  decodeReply,
  encodeChipStatus,
  encodeCommand,
  encodeReply,
  interpretApduReply,
  mediaFromStatus,
  replyMatchesCommand,
} from './codec.ts';
import { CARD_READER_ERROR_CODES, knownCardReaderErrorCodes, mapCardReaderError } from './errors.ts';
import { encodeFrame } from './frame.ts';
import { crc16Xmodem } from '../shared/crc16.ts';

const text = (cmd: CardReaderCommand) => latin1String(encodeCommand(cmd));

describe('Sankyo ICT3K5 commands, byte by byte', () => {
  it('initialise: "C" 30H pm "3241" + options (ICT3K5 prefix per Filuet/smartware drivers, option layout per ICT3Q8 9.1)', () => {
    // pm '4' = eject a card found inside and count captures; Pd '0' eject on power down;
    // Wv '0'; Sh '0' test the shutter; Ds '0'; Ty '0'; Cp '1' report a card pulled during capture.
    expect(text(DEFAULT_INITIALISE)).toBe('C0432410000001');
    expect(text({ ...DEFAULT_INITIALISE, cardAction: 'capture', countCaptures: false, testShutter: false })).toBe('C0132410001001');
  });
  it('status C 1 0; entry enable C : 0 and disable C : 1 (3AH, as both ICT3K5 drivers send)', () => {
    expect(toHex(encodeCommand({ kind: 'status' }))).toBe('43 31 30');
    expect(toHex(encodeCommand({ kind: 'enableEntry' }))).toBe('43 3A 30');
    expect(toHex(encodeCommand({ kind: 'disableEntry' }))).toBe('43 3A 31');
  });
  it('eject C 3 0 (optionally with protrusion "016" as in spec 9.4), capture C 3 1, retrieve C 4 0', () => {
    expect(text({ kind: 'eject' })).toBe('C30');
    expect(text({ kind: 'eject', protrusionMs: 16 })).toBe('C30016');
    expect(() => encodeCommand({ kind: 'eject', protrusionMs: 21 })).toThrow(RangeError);
    expect(text({ kind: 'capture' })).toBe('C31');
    expect(text({ kind: 'retrieve' })).toBe('C40');
  });
  it('LED C 5 n (ICT3K5: 1 green, 2 red, 3 orange), IC contact C @ 0 / C @ 2', () => {
    expect(text({ kind: 'setLed', colour: 'green' })).toBe('C51');
    expect(text({ kind: 'setLed', colour: 'off' })).toBe('C50');
    expect(text({ kind: 'chipContact', action: 'set' })).toBe('C@0');
    expect(text({ kind: 'chipContact', action: 'release' })).toBe('C@2');
  });
  it('ICC: activate C I 0 Vcc, deactivate C I 1, automatic APDU C I 9 + C-APDU', () => {
    expect(toHex(encodeCommand({ kind: 'chipActivate', voltage: 'emv' }))).toBe('43 49 30 30');
    expect(toHex(encodeCommand({ kind: 'chipActivate', voltage: 'iso3v' }))).toBe('43 49 30 35');
    expect(toHex(encodeCommand({ kind: 'chipDeactivate' }))).toBe('43 49 31');
    const select = fromHex('00 A4 04 0C 07 A0 00 00 02 47 10 01');
    expect(toHex(encodeCommand({ kind: 'chipApdu', protocol: 'auto', apdu: select }))).toBe('43 49 39 00 A4 04 0C 07 A0 00 00 02 47 10 01');
    expect(toHex(encodeCommand({ kind: 'chipApdu', protocol: 'T0', apdu: select }))).toBe('43 49 33 00 A4 04 0C 07 A0 00 00 02 47 10 01');
    expect(() => encodeCommand({ kind: 'chipApdu', protocol: 'T0', apdu: new Uint8Array(262) })).toThrow(RangeError);
    expect(() => encodeCommand({ kind: 'chipApdu', protocol: 'auto', apdu: fromHex('00 A4') })).toThrow(RangeError);
  });
  it('a whole enable-entry frame on the wire', () => {
    // CRC-16/XMODEM of F2 00 03 43 3A 30 (checked against the `crc` package in shared tests).
    expect(toHex(encodeFrame(encodeCommand({ kind: 'enableEntry' })))).toBe('F2 00 03 43 3A 30 ' + crcHex('F2 00 03 43 3A 30'));
  });
});

function crcHex(hex: string): string {
  const crc = crc16Xmodem(fromHex(hex));
  return toHex(Uint8Array.of(crc >> 8, crc & 0xff));
}

describe('Sankyo replies', () => {
  it('positive status reply "P10" st1 st0 = "02": card inside the reader', () => {
    const reply = decodeReply(asciiBytes('P1002'));
    expect(reply).toEqual({ ok: true, value: { kind: 'positive', cm: 0x31, pm: 0x30, status: '02', data: new Uint8Array() } });
    expect(mediaFromStatus('00')).toBe('notPresent');
    expect(mediaFromStatus('01')).toBe('entering');
    expect(mediaFromStatus('02')).toBe('present');
    expect(mediaFromStatus('7Z')).toBe('unknown');
  });
  it('activate reply carries the ATR after st1 st0', () => {
    const atr = fromHex('3B 98 13 40 0A A5 03 01 01 01 AD 13 11');
    const reply = decodeReply(concatBytes(asciiBytes('PI002'), atr));
    expect(reply.ok && reply.value.kind === 'positive' && toHex(reply.value.data)).toBe(toHex(atr));
  });
  it('negative replies map onto the contract: jam, card pulled, ICC faults, not initialised', () => {
    const jam = decodeReply(asciiBytes('N3010'));
    expect(jam.ok && jam.value.kind === 'negative' && jam.value.error).toBe('10');
    expect(mapCardReaderError('10')).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'mediaJam' });
    expect(mapCardReaderError('16')).toMatchObject({ completionCode: 'userError', errorCode: 'mediaRemoved' });
    expect(mapCardReaderError('40')).toMatchObject({ completionCode: 'userError', errorCode: 'mediaRemoved' });
    expect(mapCardReaderError('61')).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'atrNotObtained' });
    expect(mapCardReaderError('63')).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'chipNoResponse' });
    expect(mapCardReaderError('65')).toMatchObject({ completionCode: 'sequenceError', errorCode: 'chipNotActivated' });
    expect(mapCardReaderError('02')).toMatchObject({ completionCode: 'sequenceError' });
    expect(mapCardReaderError('18')).toMatchObject({ completionCode: 'fraudAttempt', errorCode: 'cardCollision' });
    expect(mapCardReaderError('B0')).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'notInitialised' });
    expect(mapCardReaderError('ZZ')).toMatchObject({ completionCode: 'hardwareError', errorCode: 'unknownError' });
  });
  it('every table entry uses a declared error code, and commandErrorCode entries always carry one', () => {
    for (const code of knownCardReaderErrorCodes()) {
      const mapped = mapCardReaderError(code);
      if (mapped.errorCode !== undefined) expect(CARD_READER_ERROR_CODES).toContain(mapped.errorCode);
      if (mapped.completionCode === 'commandErrorCode') expect(mapped.errorCode).toBeDefined();
    }
  });
  it('rejects malformed reply texts without throwing', () => {
    expect(decodeReply(asciiBytes('P10')).ok).toBe(false);
    expect(decodeReply(asciiBytes('X1002')).ok).toBe(false);
    expect(decodeReply(fromHex('50 31 30 00 01')).ok).toBe(false);
  });
  it('APDU reply px: complete, more data, card abort', () => {
    const done = decodeReply(concatBytes(asciiBytes('PI402'), fromHex('90 00')));
    const more = decodeReply(concatBytes(asciiBytes('PI502'), new Uint8Array(1000)));
    const aborted = decodeReply(asciiBytes('PI?02'));
    for (const r of [done, more, aborted]) expect(r.ok && r.value.kind).toBe('positive');
    const part = (r: typeof done) => (r.ok && r.value.kind === 'positive' ? interpretApduReply(r.value) : undefined);
    expect(part(done)).toEqual({ ok: true, value: { kind: 'complete', responseApdu: fromHex('90 00') } });
    expect(part(more)).toEqual({ ok: true, value: { kind: 'partial', chunk: new Uint8Array(1000) } });
    expect(part(aborted)).toEqual({ ok: true, value: { kind: 'cardAborted' } });
  });
  it('matches replies to commands by cm/pm, allowing px for APDU replies', () => {
    const status = encodeCommand({ kind: 'status' });
    const apdu = encodeCommand({ kind: 'chipApdu', protocol: 'auto', apdu: fromHex('00 B0 00 00 00') });
    const ok1 = decodeReply(asciiBytes('P1000'));
    const okApdu = decodeReply(concatBytes(asciiBytes('PI402'), fromHex('90 00')));
    const wrong = decodeReply(asciiBytes('P3000'));
    expect(ok1.ok && replyMatchesCommand(ok1.value, status)).toBe(true);
    expect(okApdu.ok && replyMatchesCommand(okApdu.value, apdu)).toBe(true);
    expect(wrong.ok && replyMatchesCommand(wrong.value, status)).toBe(false);
  });
  it('ICC status byte sti (spec 9.14.3)', () => {
    expect(decodeChipStatus(0x45)).toEqual({ ok: true, value: { powered: true, voltage: '5V', clock: '3.58MHz' } });
    expect(decodeChipStatus(0x12).ok).toBe(false);
    expect(encodeChipStatus({ powered: true, voltage: '3V', clock: '7.16MHz' })).toBe(0x4b);
  });
});

describe('properties', () => {
  const commandArb: fc.Arbitrary<CardReaderCommand> = fc.oneof(
    fc
      .record({
        cardAction: fc.constantFrom('eject', 'capture', 'hold', 'noMove') as fc.Arbitrary<'eject' | 'capture' | 'hold' | 'noMove'>,
        countCaptures: fc.boolean(),
        powerDown: fc.constantFrom('eject', 'ejectUnlessWriting', 'hold', 'ejectThenCapture') as fc.Arbitrary<'eject' | 'ejectUnlessWriting' | 'hold' | 'ejectThenCapture'>,
        testShutter: fc.boolean(),
        pulledDuringCaptureIsError: fc.boolean(),
      })
      .map((r) => ({ kind: 'initialise' as const, ...r, countCaptures: r.cardAction === 'noMove' ? false : r.countCaptures })),
    fc.constantFrom<CardReaderCommand>(
      { kind: 'status' },
      { kind: 'enableEntry' },
      { kind: 'disableEntry' },
      { kind: 'eject' },
      { kind: 'capture' },
      { kind: 'retrieve' },
      { kind: 'chipDeactivate' },
      { kind: 'chipStatus' },
      { kind: 'chipWarmReset' },
      { kind: 'chipNextBlock' },
      { kind: 'retainCounterRead' },
      { kind: 'chipContact', action: 'set' },
      { kind: 'chipContact', action: 'release' },
    ),
    fc.integer({ min: 0, max: 20 }).map((protrusionMs) => ({ kind: 'eject' as const, protrusionMs })),
    fc.constantFrom('off', 'green', 'red', 'orange').map((colour) => ({ kind: 'setLed' as const, colour: colour as 'off' })),
    fc.constantFrom('emv', 'iso5v', 'iso3v', 'iso5vClassB').map((voltage) => ({ kind: 'chipActivate' as const, voltage: voltage as 'emv' })),
    fc.record({ protocol: fc.constantFrom('auto', 'T1') as fc.Arbitrary<'auto' | 'T1'>, apdu: fc.uint8Array({ minLength: 4, maxLength: 1000 }) }).map((r) => ({ kind: 'chipApdu' as const, ...r })),
    fc.uint8Array({ minLength: 4, maxLength: 261 }).map((apdu) => ({ kind: 'chipApdu' as const, protocol: 'T0' as const, apdu })),
  );
  it('command encode → decode round trip', () => {
    fc.assert(
      fc.property(commandArb, (command) => {
        expect(decodeCommand(encodeCommand(command))).toEqual({ ok: true, value: command });
      }),
    );
  });
  const codeArb = fc.tuple(fc.constantFrom(...'0123456789AB'), fc.constantFrom(...'0123456789')).map(([a, b]) => a + b);
  const replyArb: fc.Arbitrary<CardReaderReply> = fc.oneof(
    fc.record({ cm: fc.integer({ min: 0x30, max: 0x60 }), pm: fc.integer({ min: 0x30, max: 0x3f }), status: codeArb, data: fc.uint8Array({ maxLength: 300 }) }).map((r) => ({ kind: 'positive' as const, ...r })),
    fc.record({ cm: fc.integer({ min: 0x30, max: 0x60 }), pm: fc.integer({ min: 0x30, max: 0x3f }), error: codeArb, data: fc.uint8Array({ maxLength: 10 }) }).map((r) => ({ kind: 'negative' as const, ...r })),
  );
  it('reply encode → decode round trip', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        expect(decodeReply(encodeReply(reply))).toEqual({ ok: true, value: reply });
      }),
    );
  });
  it('arbitrary command and reply texts never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        decodeCommand(bytes);
        decodeReply(bytes);
        decodeCommand(concatBytes(asciiBytes('C'), bytes));
      }),
    );
  });
});
