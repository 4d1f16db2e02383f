import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared/bytes.ts';
import { decodeBootKeyboardReport, diffKeys, encodeBootKeyboardReport, NO_KEYS } from './boot-keyboard-report.ts';
import { fromHidapiBytes, padReport, toHidapiBytes } from './hid-report.ts';
import { describeHidTarget, parseHidTarget } from './hid-target.ts';
import { charToUsage, KEY, MODIFIER, usageToChar } from './keyboard-usages.ts';
import { decodeStreamReport, encodeStreamReports } from './stream-reports.ts';
import { decodeVendorCommand, decodeVendorReply, encodeVendorCommand, encodeVendorReply, nextSeq } from './vendor-command-report.ts';

describe('hidapi report convention', () => {
  it('puts the report ID in front on write and takes it off on read for numbered reports', () => {
    expect(toHex(toHidapiBytes({ reportId: 2, data: fromHex('0A 0B') }))).toBe('02 0A 0B');
    expect(toHex(toHidapiBytes({ reportId: 0, data: fromHex('0A') }))).toBe('00 0A');
    expect(fromHidapiBytes(fromHex('02 0A 0B'), true)).toEqual({ reportId: 2, data: fromHex('0A 0B') });
    expect(fromHidapiBytes(fromHex('02 0A 0B'), false)).toEqual({ reportId: 0, data: fromHex('02 0A 0B') });
    expect(fromHidapiBytes(new Uint8Array(0), true)).toBeNull();
    expect(() => padReport(new Uint8Array(9), 8)).toThrow(RangeError);
  });
});

describe('HID target from config', () => {
  it('parses VID:PID in hex and hidraw paths, and says what it expected otherwise', () => {
    expect(parseHidTarget('0c2e:0B61')).toEqual({ kind: 'usb', vendorId: 0x0c2e, productId: 0x0b61 });
    expect(parseHidTarget(' 0x05E0:0x1200 ')).toEqual({ kind: 'usb', vendorId: 0x05e0, productId: 0x1200 });
    expect(parseHidTarget('/dev/hidraw3')).toEqual({ kind: 'path', path: '/dev/hidraw3' });
    expect(parseHidTarget('scanner')).toMatchObject({ error: expect.stringContaining('VID:PID') });
    expect(parseHidTarget('12345:1')).toMatchObject({ error: expect.any(String) });
    expect(describeHidTarget({ kind: 'usb', vendorId: 0xc2e, productId: 0x1 })).toBe('0c2e:0001');
  });
});

describe('stream reports (count-prefixed bytes in fixed reports)', () => {
  const format = { reportId: 1, reportSize: 8 };
  it('splits into count | bytes | zero padding', () => {
    const reports = encodeStreamReports(fromHex('01 02 03 04 05 06 07 08 09'), format);
    expect(reports.map((r) => toHex(r.data))).toEqual(['07 01 02 03 04 05 06 07', '02 08 09 00 00 00 00 00']);
    expect(encodeStreamReports(new Uint8Array(0), format).map((r) => toHex(r.data))).toEqual(['00 00 00 00 00 00 00 00']);
  });
  it('rejects a wrong report ID or a count larger than the report', () => {
    expect(decodeStreamReport({ reportId: 2, data: new Uint8Array(8) }, format)).toMatchObject({ ok: false });
    expect(decodeStreamReport({ reportId: 1, data: fromHex('08 01 02 03 04 05 06 07') }, format)).toMatchObject({ ok: false });
    expect(decodeStreamReport({ reportId: 1, data: new Uint8Array(0) }, format)).toMatchObject({ ok: false });
  });
  it('property: any bytes survive the trip through reports', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.integer({ min: 2, max: 65 }), (bytes, reportSize) => {
        const f = { reportId: 3, reportSize };
        const back = encodeStreamReports(bytes, f).flatMap((r): Array<number | string> => {
          const decoded = decodeStreamReport(r, f);
          return decoded.ok ? [...decoded.value] : ['error'];
        });
        expect(back).toEqual([...bytes]);
      }),
    );
  });
  it('property: any report decodes to bytes or an error, never a throw or more bytes than it holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 80 }), (reportId, data) => {
        const result = decodeStreamReport({ reportId, data }, { reportId: 1, reportSize: 64 });
        if (result.ok) expect(result.value.length).toBeLessThan(64);
      }),
    );
  });
});

describe('keyboard usages (US layout)', () => {
  it('maps letters, digits, shifted symbols and keypad keys as the HID usage tables say', () => {
    expect(usageToChar(0x04, 0)).toBe('a');
    expect(usageToChar(0x04, MODIFIER.LEFT_SHIFT)).toBe('A');
    expect(usageToChar(0x1d, MODIFIER.RIGHT_SHIFT)).toBe('Z');
    expect(usageToChar(0x1e, 0)).toBe('1');
    expect(usageToChar(0x27, 0)).toBe('0');
    expect(usageToChar(0x1f, MODIFIER.LEFT_SHIFT)).toBe('@');
    expect(usageToChar(0x2d, 0)).toBe('-');
    expect(usageToChar(0x2d, MODIFIER.LEFT_SHIFT)).toBe('_');
    expect(usageToChar(KEY.KP_1, 0)).toBe('1');
    expect(usageToChar(KEY.KP_0, 0)).toBe('0');
    expect(usageToChar(KEY.ENTER, 0)).toBeNull();
    expect(usageToChar(0x04, MODIFIER.LEFT_CTRL)).toBeNull();
    expect(usageToChar(0xe0, 0)).toBeNull();
  });
  it('property: every printable ASCII character round-trips through its key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0x20, max: 0x7e }), (code) => {
        const char = String.fromCharCode(code);
        const key = charToUsage(char);
        expect(key).not.toBeNull();
        expect(usageToChar(key!.usage, key!.modifiers)).toBe(char);
      }),
    );
    expect(charToUsage('ب')).toBeNull();
    expect(charToUsage('\n')).toBeNull();
  });
});

describe('boot keyboard report', () => {
  it('decodes modifiers and keys, skipping empty slots', () => {
    expect(decodeBootKeyboardReport(fromHex('02 00 04 00 00 00 00 00'))).toEqual({ ok: true, value: { kind: 'state', state: { modifiers: 2, keys: [4] } } });
    expect(toHex(encodeBootKeyboardReport({ modifiers: 2, keys: [4, 5] }))).toBe('02 00 04 05 00 00 00 00');
  });
  it('recognises roll-over and rejects short or duplicated reports', () => {
    expect(decodeBootKeyboardReport(fromHex('00 00 01 01 01 01 01 01'))).toEqual({ ok: true, value: { kind: 'rollOver', modifiers: 0 } });
    expect(decodeBootKeyboardReport(fromHex('00 00 04'))).toMatchObject({ ok: false });
    expect(decodeBootKeyboardReport(fromHex('00 00 04 04 00 00 00 00'))).toMatchObject({ ok: false });
    expect(() => encodeBootKeyboardReport({ modifiers: 0, keys: [4, 5, 6, 7, 8, 9, 10] })).toThrow(RangeError);
  });
  it('diffs states into presses and releases', () => {
    expect(diffKeys(NO_KEYS, { modifiers: 0, keys: [4, 5] })).toEqual({ pressed: [4, 5], released: [] });
    expect(diffKeys({ modifiers: 0, keys: [4, 5] }, { modifiers: 0, keys: [5, 6] })).toEqual({ pressed: [6], released: [4] });
  });
  it('property: state round-trips; any 8+ bytes decode without throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uniqueArray(fc.integer({ min: 4, max: 255 }), { maxLength: 6 }), (modifiers, keys) => {
        expect(decodeBootKeyboardReport(encodeBootKeyboardReport({ modifiers, keys }))).toEqual({ ok: true, value: { kind: 'state', state: { modifiers, keys } } });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (data) => {
        expect(typeof decodeBootKeyboardReport(data).ok).toBe('boolean');
      }),
    );
  });
});

describe('vendor command reports', () => {
  it('lays out seq | command | args and seq | command | status | data', () => {
    expect(toHex(encodeVendorCommand({ seq: 7, command: 3, args: [20] }))).toBe('07 03 14 00 00 00 00 00');
    expect(decodeVendorReply(fromHex('07 03 00 01 02 00 00 00'))).toEqual({ ok: true, value: { seq: 7, command: 3, status: 0, data: [1, 2, 0, 0, 0] } });
    expect(decodeVendorReply(fromHex('00 03 00 00 00 00 00 00'))).toMatchObject({ ok: false });
    expect(decodeVendorCommand(fromHex('01 02'))).toMatchObject({ ok: false });
    expect(() => encodeVendorCommand({ seq: 0, command: 1, args: [] })).toThrow(RangeError);
    expect(() => encodeVendorReply({ seq: 1, command: 1, status: 0, data: [1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
  });
  it('seq wraps from 255 to 1, never 0', () => {
    expect(nextSeq(0)).toBe(1);
    expect(nextSeq(254)).toBe(255);
    expect(nextSeq(255)).toBe(1);
  });
  it('property: commands and replies round-trip', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), byte, fc.array(byte, { maxLength: 6 }), (seq, command, args) => {
        const decoded = decodeVendorCommand(encodeVendorCommand({ seq, command, args }));
        expect(decoded).toEqual({ ok: true, value: { seq, command, args: [...args, ...new Array<number>(6 - args.length).fill(0)] } });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), byte, byte, fc.array(byte, { maxLength: 5 }), (seq, command, status, data) => {
        const decoded = decodeVendorReply(encodeVendorReply({ seq, command, status, data }));
        expect(decoded).toEqual({ ok: true, value: { seq, command, status, data: [...data, ...new Array<number>(5 - data.length).fill(0)] } });
      }),
    );
  });
});
