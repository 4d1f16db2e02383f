import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared/bytes.ts';
import {
  decodeCommand,
  decodeEvent,
  decodeInfo,
  decodePercent,
  decodeReply,
  encodeCommand,
  encodeEvent,
  encodeInfo,
  encodeReply,
  MAX_TEMPLATE,
  REPLY_STATUSES,
  type FingerprintCommand,
} from './fingerprint-messages.ts';

describe('fingerprint messages', () => {
  it('encodes each command as documented', () => {
    expect(toHex(encodeCommand({ op: 'getInfo' }))).toBe('01');
    expect(toHex(encodeCommand({ op: 'capture', timeoutSeconds: 20, minQuality: 40 }))).toBe('02 14 28');
    expect(toHex(encodeCommand({ op: 'match', template: fromHex('4B 46 54 31') }))).toBe('03 4B 46 54 31');
    expect(toHex(encodeCommand({ op: 'cancel' }))).toBe('04');
    expect(toHex(encodeCommand({ op: 'selfTest' }))).toBe('05');
  });

  it('refuses parameters out of range', () => {
    expect(() => encodeCommand({ op: 'capture', timeoutSeconds: 0, minQuality: 40 })).toThrow(RangeError);
    expect(() => encodeCommand({ op: 'capture', timeoutSeconds: 5, minQuality: 101 })).toThrow(RangeError);
    expect(() => encodeCommand({ op: 'match', template: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodeCommand({ op: 'match', template: new Uint8Array(MAX_TEMPLATE + 1) })).toThrow(RangeError);
  });

  it('decodes replies and rejects unknown statuses', () => {
    expect(decodeReply(fromHex('02 00 52'))).toEqual({ ok: true, value: { opcode: 2, status: 'ok', data: fromHex('52') } });
    expect(decodeReply(fromHex('03 04 0C'))).toMatchObject({ ok: true, value: { status: 'noMatch' } });
    expect(decodeReply(fromHex('02 0B'))).toMatchObject({ ok: true, value: { status: 'sensorFault' } });
    expect(decodeReply(fromHex('02 0C'))).toEqual({ ok: false, error: 'unknown reply status 12' });
    expect(decodeReply(fromHex('02'))).toMatchObject({ ok: false });
  });

  it('checks percentages and events', () => {
    expect(decodePercent(fromHex('64'))).toEqual({ ok: true, value: 100 });
    expect(decodePercent(fromHex('65'))).toMatchObject({ ok: false });
    expect(decodePercent(new Uint8Array(0))).toMatchObject({ ok: false });
    expect(toHex(encodeEvent('liftFinger'))).toBe('03');
    expect(decodeEvent(fromHex('01'))).toEqual({ ok: true, value: 'placeFinger' });
    expect(decodeEvent(fromHex('00'))).toMatchObject({ ok: false });
  });

  it('round-trips the device identity, and never lets control characters through', () => {
    const info = { firmware: '2.4', dpi: 500, model: 'KFP-500' };
    expect(decodeInfo(encodeInfo(info))).toEqual({ ok: true, value: info });
    expect(decodeInfo(fromHex('01 02 01 F4 41 07 42'))).toEqual({ ok: true, value: { firmware: '1.2', dpi: 500, model: 'A?B' } });
  });

  const commandArb: fc.Arbitrary<FingerprintCommand> = fc.oneof(
    fc.constant({ op: 'getInfo' as const }),
    fc.constant({ op: 'cancel' as const }),
    fc.constant({ op: 'selfTest' as const }),
    fc.record({ op: fc.constant('capture' as const), timeoutSeconds: fc.integer({ min: 1, max: 60 }), minQuality: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ op: fc.constant('match' as const), template: fc.uint8Array({ minLength: 1, maxLength: MAX_TEMPLATE }) }),
  );

  it('property: commands and replies round-trip', () => {
    fc.assert(
      fc.property(commandArb, (command) => {
        expect(decodeCommand(encodeCommand(command))).toEqual({ ok: true, value: command });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...REPLY_STATUSES), fc.uint8Array({ maxLength: 100 }), (opcode, status, data) => {
        expect(decodeReply(encodeReply({ opcode, status, data }))).toEqual({ ok: true, value: { opcode, status, data } });
      }),
    );
  });

  it('property: any payload decodes to a value or an error, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (payload) => {
        for (const decode of [decodeCommand, decodeReply, decodeEvent, decodeInfo, decodePercent]) {
          const result = decode(payload);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
    );
  });
});
