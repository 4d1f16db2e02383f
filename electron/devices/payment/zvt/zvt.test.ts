import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../../shared/bytes.ts';
import { decodeApdu, encodeApdu, type ZvtApdu } from './apdu.ts';
import { amountField, type BmpField, currencyField, decodeBmpFields, decodePan, encodeBmpFields, encodePan, transactionData } from './bmp.ts';
import { ACK_BYTES, createSerialFrameDecoder, createTcpApduDecoder, encodeSerialFrame, NAK_BYTES, type ZvtSerialEvent } from './framing.ts';
import { authorisation, decodeMessage, describePrintAttribute, encodeMessage, KIOSK_CONFIG_BYTE, reversal, type ZvtMessage } from './messages.ts';
import { describeIntermediateStatus, describeResultCode, mapResultCode, PAYMENT_ERROR_CODES } from './result-codes.ts';
import { CP437_HIGH_HALF_LENGTH, decodeZvtText, encodeZvtText } from './text.ts';
import { ECRTERM_PACKETS, ECRTERM_VERSION_COMPLETION_FRAME } from './testdata/ecrterm-packets.ts';

const apduOf = (hex: string): ZvtApdu => {
  const decoded = decodeApdu(fromHex(hex));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value;
};
const messageOf = (hex: string): ZvtMessage => {
  const decoded = decodeMessage(apduOf(hex));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value;
};
const hexOf = (message: ZvtMessage) => toHex(encodeApdu(encodeMessage(message)));

type Token = { kind: 'apdu'; apdu: Uint8Array } | { kind: 'ack' } | { kind: 'nak' };
const apduArb = fc
  .record({ cls: fc.nat(255), instr: fc.nat(255), data: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.array(fc.constantFrom(0x10, 0x02, 0x03, 0x06, 0x15), { maxLength: 40 }).map((a) => Uint8Array.from(a))) })
  .map((a) => encodeApdu(a));
const tokenArb: fc.Arbitrary<Token> = fc.oneof(apduArb.map((apdu) => ({ kind: 'apdu' as const, apdu })), fc.constant({ kind: 'ack' as const }), fc.constant({ kind: 'nak' as const }));
const wire = (t: Token) => (t.kind === 'apdu' ? encodeSerialFrame(t.apdu) : t.kind === 'ack' ? ACK_BYTES : NAK_BYTES);
const split = (bytes: Uint8Array, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out;
};

describe('ZVT serial framing (PA00P016 chapter 3)', () => {
  it('builds the public example: positive acknowledgement 80 00 00 → 10 02 80 00 00 10 03 F5 1F', () => {
    expect(toHex(encodeSerialFrame(encodeApdu(encodeMessage({ type: 'ack', data: new Uint8Array() }))))).toBe('10 02 80 00 00 10 03 F5 1F');
  });
  it('decodes the ecrterm Status-Enquiry Completion frame, CRC B1 11 included', () => {
    const events = createSerialFrameDecoder().push(fromHex(ECRTERM_VERSION_COMPLETION_FRAME));
    expect(events).toHaveLength(1);
    const event = events[0];
    if (event?.kind !== 'apdu') throw new Error('no APDU');
    const message = decodeMessage(apduOf(toHex(event.apdu)));
    expect(message.ok && message.value).toMatchObject({ type: 'statusEnquiryCompletion', terminalStatus: 0x00 });
    expect(message.ok && message.value.type === 'statusEnquiryCompletion' && decodeZvtText(message.value.softwareVersion ?? new Uint8Array())).toBe('2.14.15');
  });
  it('doubles DLE inside the APDU and leaves it out of the CRC and length', () => {
    // Trace number 10 10 10: every 10 is doubled on the wire.
    const apdu = fromHex('04 0F 04 0B 10 10 10');
    const frame = encodeSerialFrame(apdu);
    expect(toHex(frame.subarray(0, 12))).toBe('10 02 04 0F 04 0B 10 10 10 10 10 10');
    expect(createSerialFrameDecoder().push(frame)).toEqual([{ kind: 'apdu', apdu }]);
  });
  it('reports a bad CRC, a broken DLE sequence, oversize and garbage, and keeps going', () => {
    const good = fromHex('10 02 80 00 00 10 03 F5 1F');
    const badCrc = fromHex('10 02 80 00 00 10 03 F5 1E');
    const badDle = fromHex('10 02 80 00 10 41');
    const decoder = createSerialFrameDecoder({ maxApduLength: 8 });
    const oversize = encodeSerialFrame(fromHex('06 D1 0A 00 41 41 41 41 41 41 41 41 41 06 15'));
    const events = decoder.push(concatBytes(fromHex('55'), badCrc, good, badDle, good, oversize, ACK_BYTES));
    expect(events).toEqual([
      { kind: 'error', reason: 'garbage', bytes: 1 },
      { kind: 'error', reason: 'badCrc', bytes: 9 },
      { kind: 'apdu', apdu: fromHex('80 00 00') },
      { kind: 'error', reason: 'malformed', bytes: 5 },
      { kind: 'error', reason: 'garbage', bytes: 1 },
      { kind: 'apdu', apdu: fromHex('80 00 00') },
      { kind: 'error', reason: 'oversize', bytes: 11 },
      // the 06 and 15 inside the skipped message are not taken for ACK/NAK
      { kind: 'ack' },
    ]);
  });
  it('a DLE STX inside a message restarts it (the old one is reported)', () => {
    const decoder = createSerialFrameDecoder();
    expect(decoder.push(concatBytes(fromHex('10 02 06 D1'), fromHex('10 02 80 00 00 10 03 F5 1F')))).toEqual([
      { kind: 'error', reason: 'malformed', bytes: 4 },
      { kind: 'apdu', apdu: fromHex('80 00 00') },
    ]);
  });
  it('a frame with a good CRC but an APDU length that disagrees is malformed', () => {
    expect(createSerialFrameDecoder().push(encodeSerialFrame(fromHex('80 00 05 01')))).toEqual([{ kind: 'error', reason: 'malformed', bytes: 10 }]);
  });

  it('property: frames, ACKs and NAKs round-trip however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(tokenArb, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 20 }), (tokens, cuts) => {
        const decoder = createSerialFrameDecoder();
        const events: ZvtSerialEvent[] = [];
        for (const chunk of split(concatBytes(...tokens.map(wire)), cuts)) events.push(...decoder.push(chunk));
        expect(events).toEqual(tokens);
        expect(decoder.bufferedBytes).toBe(0);
      }),
    );
  });
  it('property: arbitrary bytes never throw, never spin, and keep the buffer bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.integer({ min: 3, max: 600 }), (chunks, max) => {
        const decoder = createSerialFrameDecoder({ maxApduLength: max });
        for (const chunk of chunks) {
          expect(decoder.push(chunk).length).toBeLessThanOrEqual(chunk.length + 1);
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
  it('property: after junk and reset(), a good frame always decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), apduArb, (junk, apdu) => {
        const decoder = createSerialFrameDecoder();
        decoder.push(junk);
        decoder.reset();
        expect(decoder.push(encodeSerialFrame(apdu))).toEqual([{ kind: 'apdu', apdu }]);
      }),
    );
  });
});

describe('ZVT over TCP/IP (PA00P016 chapter 4): APDUs back to back', () => {
  it('splits a stream of APDUs, extended length included', () => {
    const block = fromHex(ECRTERM_PACKETS.printTextBlockReceipt);
    const stream = concatBytes(fromHex('80 00 00'), block, fromHex('06 0F 00'));
    const decoder = createTcpApduDecoder();
    const events = [...decoder.push(stream.subarray(0, 4)), ...decoder.push(stream.subarray(4, 500)), ...decoder.push(stream.subarray(500))];
    expect(events.map((e) => (e.kind === 'apdu' ? e.apdu.length : -1))).toEqual([3, block.length, 3]);
  });
  it('skips an APDU longer than allowed without storing it', () => {
    const decoder = createTcpApduDecoder({ maxApduLength: 16 });
    const events = decoder.push(concatBytes(encodeApdu({ cls: 6, instr: 0xd1, data: new Uint8Array(40) }), fromHex('80 00 00')));
    expect(events).toEqual([{ kind: 'error', reason: 'oversize', bytes: 43 }, { kind: 'apdu', apdu: fromHex('80 00 00') }]);
  });
  it('property: round trip with random splits; arbitrary bytes keep the buffer bounded', () => {
    fc.assert(
      fc.property(fc.array(apduArb, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (apdus, cuts) => {
        const decoder = createTcpApduDecoder();
        const events = split(concatBytes(...apdus), cuts).flatMap((c) => decoder.push(c));
        expect(events).toEqual(apdus.map((apdu) => ({ kind: 'apdu', apdu })));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const decoder = createTcpApduDecoder({ maxApduLength: 64 });
        for (const c of chunks) {
          decoder.push(c);
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(64);
        }
      }),
    );
  });
});

describe('ZVT APDU length field (PA00P016 5.2.4)', () => {
  it('one byte up to 254, FF + two bytes low first from 255', () => {
    expect(toHex(encodeApdu({ cls: 6, instr: 0xd3, data: new Uint8Array(254) }).subarray(0, 3))).toBe('06 D3 FE');
    expect(toHex(encodeApdu({ cls: 6, instr: 0xd3, data: new Uint8Array(255) }).subarray(0, 5))).toBe('06 D3 FF FF 00');
    expect(toHex(fromHex(ECRTERM_PACKETS.printTextBlockReceipt).subarray(0, 5))).toBe('06 D3 FF E3 03');
    expect(decodeApdu(fromHex('06 D3 FF E3 03')).ok).toBe(false);
    expect(decodeApdu(fromHex('80 00')).ok).toBe(false);
  });
});

describe('real ZVT APDUs (ecrterm test_parsing.py): decode, then re-encode byte for byte', () => {
  for (const [name, hex] of Object.entries(ECRTERM_PACKETS)) {
    it(name, () => {
      expect(hexOf(messageOf(hex))).toBe(toHex(fromHex(hex)));
    });
  }
  it('Registration 06 00: password 000000, config FE, EUR, service byte, TLV with the permitted-command list', () => {
    const m = messageOf(ECRTERM_PACKETS.registrationWithTlv);
    expect(m).toMatchObject({ type: 'registration', password: '000000', configByte: 0xfe, currencyCode: 978, serviceByte: 0 });
    expect(m.type === 'registration' && m.tlv?.map((n) => n.tag.toString(16))).toEqual(['10', '12', '1a', '26', '27', '28', '40', '1f04', '1f05']);
  });
  it('Authorisation 06 01: 10.00 EUR, payment type 44, max status infos 01', () => {
    const m = messageOf(ECRTERM_PACKETS.authorisationTenEuro);
    const data = m.type === 'authorisation' ? transactionData(m.fields) : {};
    expect(data).toMatchObject({ amount: 1000, currencyCode: 978, paymentType: 0x44 });
  });
  it('Intermediate status 04 FF: 0A "Insert card", T4 timeout 1 minute, TLV text', () => {
    const m = messageOf(ECRTERM_PACKETS.intermediateStatusInsertCard);
    expect(m).toMatchObject({ type: 'intermediateStatus', status: 0x0a, timeoutMinutes: 1 });
    expect(describeIntermediateStatus(0x0a)).toBe('Insert card');
  });
  it('Print line 06 D1 with the CP437 umlauts of ecrterm test_text_encoding_default', () => {
    const m = messageOf('06 D1 0D 00 54 65 73 74 20 84 20 94 20 81 20 E1');
    expect(m.type === 'printLine' && decodeZvtText(m.text)).toBe('Test ä ö ü ß');
    expect(toHex(encodeZvtText('Test ä ö ü ß'))).toBe('54 65 73 74 20 84 20 94 20 81 20 E1');
    expect(CP437_HIGH_HALF_LENGTH).toBe(128);
  });
  it('Print text block 06 D3: extended length, BMP 06 with 82-length, receipt lines in tag 25/07', () => {
    const m = messageOf(ECRTERM_PACKETS.printTextBlockReceipt);
    expect(m.type).toBe('printTextBlock');
    const container = m.type === 'printTextBlock' ? m.fields[0] : undefined;
    const lines = container && 'tlv' in container ? container.tlv.find((n) => n.tag === 0x25) : undefined;
    const texts = lines && 'children' in lines ? lines.children.filter((n) => n.tag === 0x07).map((n) => ('value' in n ? decodeZvtText(n.value).trim() : '')) : [];
    expect(texts).toContain('** Kundenbeleg **');
    expect(texts).toContain('Zahlung erfolgt');
  });
});

describe('Status-Information 04 0F (real captures from Portalum.Zvt StatusInformationParserTest)', () => {
  it('payment approved: amount, trace, time, date, masked PAN, TID, AID, card name', () => {
    const m = messageOf(
      '04 0F 77 27 00 04 00 00 00 00 20 40 0B 00 04 70 0C 22 39 53 0D 10 06 0E 25 12 17 00 01 19 70 22 F0 F8 EE EE EE EE EE EE 47 71 29 28 00 48 69 2A 31 30 30 34 36 31 37 36 33 20 20 20 20 20 20 3B 36 31 31 38 30 34 00 00 3C F0 F1 F4 47 45 4E 2E 4E 52 2E 3A 36 31 31 38 30 34 49 09 78 87 04 70 88 00 04 70 8A 2E 8B F1 F7 44 65 62 69 74 20 4D 61 73 74 65 72 63 61 72 64 00',
    );
    const data = m.type === 'statusInformation' ? transactionData(m.fields) : {};
    expect(data).toMatchObject({
      resultCode: 0,
      amount: 2040,
      traceNumber: 470,
      time: '22:39:53',
      date: '10-06',
      expiryDate: '2512',
      cardSequenceNumber: 1,
      paymentType: 0x70,
      pan: '************4771',
      terminalId: '28004869',
      vuNumber: '100461763',
      aid: '611804',
      currencyCode: 978,
      receiptNumber: 470,
      turnoverRecordNumber: 470,
      cardType: 0x2e,
      cardName: 'Debit Mastercard',
    });
    expect(data.additionalText && decodeZvtText(data.additionalText)).toBe('GEN.NR.:611804');
  });
  it('customer abort: result code 6C maps to userError / abortedAtTerminal', () => {
    const m = messageOf('04 0F 1E 27 6C 29 28 00 48 69 3C F0 F1 F9 41 62 62 72 75 63 68 20 64 75 72 63 68 20 4B 75 6E 64 65');
    const data = m.type === 'statusInformation' ? transactionData(m.fields) : {};
    expect(data.resultCode).toBe(0x6c);
    expect(mapResultCode(0x6c)).toEqual({ completionCode: 'userError', errorCode: 'abortedAtTerminal', description: 'abort via timeout or abort-key' });
  });
  it('refuses an unknown BMP instead of guessing its length', () => {
    expect(decodeMessage(apduOf('04 0F 03 27 00 5A')).ok).toBe(false);
  });
});

describe('messages the kiosk sends', () => {
  it('Registration with the kiosk config byte and BHD (ISO 4217 048)', () => {
    expect(hexOf({ type: 'registration', password: '123456', configByte: KIOSK_CONFIG_BYTE, currencyCode: 48 })).toBe('06 00 06 12 34 56 3E 00 48');
  });
  it('Authorisation of BD 1.000 (1000 fils)', () => {
    expect(hexOf(authorisation({ amount: 1000, currencyCode: 48 }))).toBe('06 01 0A 04 00 00 00 00 10 00 49 00 48');
  });
  it('Reversal of receipt 0012, Repeat Receipt, Status Enquiry, End-of-Day, Abort, Log-Off', () => {
    expect(hexOf(reversal('000000', 12))).toBe('06 30 06 00 00 00 87 00 12');
    expect(hexOf({ type: 'repeatReceipt', password: '000000', fields: [] })).toBe('06 20 03 00 00 00');
    expect(hexOf({ type: 'statusEnquiry', fields: [] })).toBe('05 01 00');
    expect(hexOf({ type: 'statusEnquiry', password: '000000', fields: [{ bmp: 0x03, value: Uint8Array.of(0x04) }] })).toBe('05 01 05 00 00 00 03 04');
    expect(hexOf({ type: 'endOfDay', password: '000000', fields: [] })).toBe('06 50 03 00 00 00');
    expect(hexOf({ type: 'abortCommand', fields: [] })).toBe('06 B0 00');
    expect(hexOf({ type: 'logOff' })).toBe('06 02 00');
    expect(() => hexOf({ type: 'endOfDay', password: '12345', fields: [] })).toThrow(RangeError);
  });
  it('terminal messages: Abort 06 1E with result code, Completion, negative acknowledgement', () => {
    expect(messageOf('06 1E 01 6C')).toEqual({ type: 'abort', resultCode: 0x6c, fields: [] });
    expect(messageOf('06 0F 00')).toEqual({ type: 'completion', fields: [] });
    expect(messageOf('84 83 00')).toEqual({ type: 'negativeAck', errorCode: 0x83, data: new Uint8Array() });
  });
  it('Print Line attribute bits (table 16)', () => {
    expect(describePrintAttribute(0xff)).toEqual({ kind: 'linefeeds' });
    expect(describePrintAttribute(0x45)).toMatchObject({ centred: true, indent: 5, lastLine: false });
    expect(describePrintAttribute(0x81)).toMatchObject({ lastLine: true });
    expect(describePrintAttribute(0x80)).toMatchObject({ lastLine: false });
  });
});

describe('result codes (PA00P015 chapter 10)', () => {
  it('00 is success; 01-63 are host declines (e.g. 05); the rest follow the table', () => {
    expect(mapResultCode(0x00)).toBeUndefined();
    expect(mapResultCode(0x05)).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'declined' });
    expect(describeResultCode(0x05)).toBe('errorcode 5 from network-operator system/authorisation-system');
    expect(mapResultCode(0x64)).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'cardNotReadable' });
    expect(mapResultCode(0x6e)).toMatchObject({ completionCode: 'fraudAttempt', errorCode: 'cardBlocked' });
    expect(mapResultCode(0xb4)).toMatchObject({ errorCode: 'alreadyReversed' });
    expect(mapResultCode(0x9c)).toMatchObject({ completionCode: 'deviceNotReady' });
    expect(mapResultCode(0xff)).toMatchObject({ completionCode: 'hardwareError', errorCode: 'systemError' });
    expect(mapResultCode(0x6d)).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'otherError', description: 'unknown result code 6d' });
  });
  it('every mapped code is declared, and commandErrorCode always carries one', () => {
    for (let code = 1; code <= 0xff; code++) {
      const m = mapResultCode(code);
      expect(m).toBeDefined();
      if (m?.errorCode !== undefined) expect(PAYMENT_ERROR_CODES).toContain(m.errorCode);
      if (m?.completionCode === 'commandErrorCode') expect(m.errorCode).toBeDefined();
    }
  });
  it('intermediate status 41-5D are the base texts plus "Please remove card!"', () => {
    expect(describeIntermediateStatus(0x55)).toBe('Incorrect PIN / Please remove card!');
    expect(describeIntermediateStatus(0x4b)).toBe('Please remove card!');
    expect(describeIntermediateStatus(0x99)).toBe('intermediate status 99');
  });
});

describe('BMP fields (PA00P015 chapter 13)', () => {
  it('LLVAR/LLLVAR lengths as FxFy / FxFyFz', () => {
    expect(toHex(encodeBmpFields([{ bmp: 0x8b, value: new TextEncoder().encode('VISA') }]))).toBe('8B F0 F4 56 49 53 41');
    expect(toHex(encodeBmpFields([{ bmp: 0x3c, value: new Uint8Array(12) }]).subarray(0, 4))).toBe('3C F0 F1 F2');
    expect(decodeBmpFields(fromHex('8B F0 FA 41')).ok).toBe(false);
    expect(decodeBmpFields(fromHex('8B F0 F5 41')).ok).toBe(false);
    expect(() => encodeBmpFields([{ bmp: 0x04, value: new Uint8Array(5) }])).toThrow(RangeError);
  });
  it('PAN with masked digits and F padding', () => {
    expect(decodePan(fromHex('EE EE EE EE EE EE 47 71'))).toBe('************4771');
    expect(toHex(encodePan('123'))).toBe('12 3F');
    expect(decodePan(fromHex('12 3F'))).toBe('123');
    expect(decodePan(fromHex('1F 23'))).toBeUndefined();
    expect(decodePan(fromHex('59 66 D2'))).toBeUndefined();
  });
  it('amount and currency helpers', () => {
    expect(toHex(encodeBmpFields([amountField(123456), currencyField(48)]))).toBe('04 00 00 00 12 34 56 49 00 48');
    expect(() => amountField(-1)).toThrow(RangeError);
    expect(() => amountField(1e12)).toThrow(RangeError);
  });

  const fieldArb: fc.Arbitrary<BmpField> = fc.oneof(
    fc.constantFrom(0x01, 0x02, 0x03, 0x05, 0x19, 0x27, 0x8a, 0x8c, 0xa0, 0xd2, 0xfa).chain((bmp) => fc.nat(255).map((b) => ({ bmp, value: Uint8Array.of(b) }))),
    fc.constantFrom([0x04, 6], [0x0b, 3], [0x0c, 3], [0x29, 4], [0x2a, 15], [0x3b, 8], [0x49, 2], [0x87, 2], [0xaa, 3], [0xba, 5]).chain(([bmp, n]) =>
      fc.uint8Array({ minLength: n, maxLength: n }).map((value) => ({ bmp: bmp as number, value })),
    ),
    fc.constantFrom(0x22, 0x23, 0x2d, 0x8b, 0xa7, 0xf1, 0xe8).chain((bmp) => fc.uint8Array({ maxLength: 99 }).map((value) => ({ bmp, value }))),
    fc.constantFrom(0x24, 0x3c, 0x60).chain((bmp) => fc.uint8Array({ maxLength: 400 }).map((value) => ({ bmp, value }))),
    fc.array(fc.record({ tag: fc.constantFrom(0x12, 0x14, 0x1f16, 0x41), value: fc.uint8Array({ maxLength: 140 }) }), { maxLength: 4 }).map((tlv) => ({ bmp: 0x06 as const, tlv })),
  );
  it('property: encode → decode round trip; arbitrary data never throws', () => {
    fc.assert(
      fc.property(fc.array(fieldArb, { maxLength: 8 }), (fields) => {
        expect(decodeBmpFields(encodeBmpFields(fields))).toEqual({ ok: true, value: fields });
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void decodeBmpFields(bytes)));
  });
  it('property: message encode → decode round trip; arbitrary APDUs never throw', () => {
    const password = fc.stringMatching(/^\d{6}$/);
    const fields = fc.array(fieldArb, { maxLength: 5 });
    const messageArb: fc.Arbitrary<ZvtMessage> = fc.oneof(
      fc.record({ password, configByte: fc.nat(255), currencyCode: fc.nat(999), serviceByte: fc.nat(255) }).map((r) => ({ type: 'registration' as const, ...r })),
      fc.record({ password, configByte: fc.nat(255) }).map((r) => ({ type: 'registration' as const, ...r })),
      fields.map((f) => ({ type: 'authorisation' as const, fields: f })),
      fc.record({ password, fields }).map((r) => ({ type: 'reversal' as const, ...r })),
      fc.record({ password, fields }).map((r) => ({ type: 'endOfDay' as const, ...r })),
      fc.record({ password, fields }).map((r) => ({ type: 'statusEnquiry' as const, ...r })),
      fc.constant({ type: 'statusEnquiry' as const, fields: [] }),
      fc.constant({ type: 'logOff' as const }),
      fc.record({ status: fc.nat(255), timeoutMinutes: fc.nat(99) }).map((r) => ({ type: 'intermediateStatus' as const, ...r, fields: [] })),
      fc.nat(255).map((status) => ({ type: 'intermediateStatus' as const, status, fields: [] })),
      fields.map((f) => ({ type: 'statusInformation' as const, fields: f })),
      fc.record({ resultCode: fc.nat(255) }).map((r) => ({ type: 'abort' as const, ...r, fields: [] })),
      fc.record({ attribute: fc.nat(255), text: fc.uint8Array({ maxLength: 60 }) }).map((r) => ({ type: 'printLine' as const, ...r })),
      fc.record({ softwareVersion: fc.uint8Array({ maxLength: 20 }), terminalStatus: fc.constantFrom(0x00, 0x51, 0x62, 0x9c, 0xdc, 0xdf) }).map((r) => ({ type: 'statusEnquiryCompletion' as const, ...r, fields: [] })),
      fc.uint8Array({ maxLength: 10 }).map((data) => ({ type: 'ack' as const, data })),
      fc.record({ errorCode: fc.nat(255), data: fc.uint8Array({ maxLength: 10 }) }).map((r) => ({ type: 'negativeAck' as const, ...r })),
    );
    fc.assert(
      fc.property(messageArb, (message) => {
        const apdu = decodeApdu(encodeApdu(encodeMessage(message)));
        expect(apdu.ok && decodeMessage(apdu.value)).toEqual({ ok: true, value: message });
      }),
    );
    fc.assert(fc.property(fc.nat(255), fc.nat(255), fc.uint8Array({ maxLength: 100 }), (cls, instr, data) => void decodeMessage({ cls, instr, data })));
  });
});
