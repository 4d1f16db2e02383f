import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBootKeyboardReport, NO_KEYS } from '../hid/boot-keyboard-report.ts';
import { fromHex, toHex } from '../shared/bytes.ts';
import { DEFAULT_CODE_TABLE, inputFor, KEYPAD_KEYS, keysByUsage } from './keypad-keys.ts';
import { decodeJackReport, encodeJackReport, KeyTracker } from './keypad-reports.ts';

const table = keysByUsage(DEFAULT_CODE_TABLE);
const report = (...keys: Array<keyof typeof DEFAULT_CODE_TABLE>) => encodeBootKeyboardReport({ modifiers: 0, keys: keys.map((k) => DEFAULT_CODE_TABLE[k]) });

describe('keypad code table and meanings', () => {
  it('uses Keyboard/Keypad page usages: keypad digits, keypad Enter, Escape, arrows, Help, volume', () => {
    expect(toHex(report('5'))).toBe('00 00 5D 00 00 00 00 00');
    expect(toHex(report('0', 'enter'))).toBe('00 00 62 58 00 00 00 00');
    expect([DEFAULT_CODE_TABLE.cancel, DEFAULT_CODE_TABLE.up, DEFAULT_CODE_TABLE.help, DEFAULT_CODE_TABLE.volumeUp]).toEqual([0x29, 0x52, 0x75, 0x80]);
    expect(table.size).toBe(KEYPAD_KEYS.length);
    expect(() => keysByUsage({ ...DEFAULT_CODE_TABLE, '#': DEFAULT_CODE_TABLE['*'] })).toThrow(/both \* and #/);
  });

  it('normalises keys for navigation and PIN entry', () => {
    expect(inputFor('7')).toEqual({ kind: 'digit', digit: '7' });
    expect(inputFor('#')).toEqual({ kind: 'symbol', symbol: '#' });
    expect(inputFor('enter')).toEqual({ kind: 'confirm' });
    expect(inputFor('back')).toEqual({ kind: 'backspace' });
    expect(inputFor('left')).toEqual({ kind: 'navigate', direction: 'left' });
    expect(inputFor('volumeDown')).toEqual({ kind: 'volume', change: -1 });
  });
});

describe('jack report', () => {
  it('carries headphones plugged in bit 0 and refuses unknown flags', () => {
    expect(toHex(encodeJackReport(true))).toBe('01 00');
    expect(decodeJackReport(fromHex('00 00'))).toEqual({ ok: true, value: { plugged: false } });
    expect(decodeJackReport(fromHex('03 00'))).toMatchObject({ ok: false });
    expect(decodeJackReport(fromHex('01'))).toMatchObject({ ok: false });
  });
});

describe('key tracker', () => {
  it('turns state reports into down/up changes, several keys at once', () => {
    const keys = new KeyTracker(table);
    expect(keys.push(report('1'))).toEqual({ ok: true, value: { changes: [{ key: '1', action: 'down' }], unknownUsages: 0 } });
    expect(keys.push(report('1', 'up'))).toMatchObject({ ok: true, value: { changes: [{ key: 'up', action: 'down' }] } });
    expect(keys.push(report('up'))).toMatchObject({ ok: true, value: { changes: [{ key: '1', action: 'up' }] } });
    expect(keys.down).toEqual(['up']);
    expect(keys.releaseAll()).toEqual([{ key: 'up', action: 'up' }]);
    expect(keys.down).toEqual([]);
  });

  it('counts usages outside the table and keeps state through roll-over', () => {
    const keys = new KeyTracker(table);
    keys.push(report('2'));
    expect(keys.push(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1))).toEqual({ ok: true, value: { changes: [], unknownUsages: 0 } });
    expect(keys.push(encodeBootKeyboardReport({ modifiers: 0, keys: [DEFAULT_CODE_TABLE['2'], 0x04] }))).toEqual({ ok: true, value: { changes: [], unknownUsages: 1 } });
    expect(keys.push(encodeBootKeyboardReport(NO_KEYS))).toMatchObject({ ok: true, value: { changes: [{ key: '2', action: 'up' }] } });
    expect(keys.push(Uint8Array.of(0))).toMatchObject({ ok: false });
  });

  it('property: every down has a matching up, whatever the reports; garbage never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 200 }), (reports) => {
        const keys = new KeyTracker(table);
        const held = new Set<string>();
        for (const data of reports) {
          const result = keys.push(data);
          if (!result.ok) continue;
          for (const change of result.value.changes) {
            if (change.action === 'down') {
              expect(held.has(change.key)).toBe(false);
              held.add(change.key);
            } else {
              expect(held.delete(change.key)).toBe(true);
            }
          }
        }
        for (const change of keys.releaseAll()) expect(held.delete(change.key)).toBe(true);
        expect(held.size).toBe(0);
      }),
    );
  });
});
