import { describe, expect, it } from 'vitest';
import { shouldBlockKey, type KeyLike } from './page-hygiene.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('page hygiene: keys that would leave the kiosk', () => {
  it('blocks navigation, reload, zoom, print and devtools keys', () => {
    expect(shouldBlockKey(key('Backspace'), false)).toBe(true);
    expect(shouldBlockKey(key('ArrowLeft', { altKey: true }), false)).toBe(true);
    expect(shouldBlockKey(key('ArrowRight', { altKey: true }), true)).toBe(true);
    for (const k of ['r', 'R', '+', '-', '0', 'p', 'w']) expect(shouldBlockKey(key(k, { ctrlKey: true }), false), k).toBe(true);
    for (const k of ['F5', 'F11', 'F12', 'BrowserBack']) expect(shouldBlockKey(key(k), false), k).toBe(true);
  });

  it('keeps what keypad navigation and typing need', () => {
    expect(shouldBlockKey(key('Backspace'), true)).toBe(false);
    for (const k of ['Tab', 'Enter', ' ', 'ArrowLeft', 'ArrowDown', 'Escape', 'a', '٣']) expect(shouldBlockKey(key(k), false), k).toBe(false);
  });
});
