import { describe, expect, it } from 'vitest';
import { nextIndex, stepFor } from './keypad-navigation.ts';

describe('keypad navigation order', () => {
  it('up and down are back and forward in every language; left and right follow the page direction', () => {
    expect([stepFor('up', 'ltr'), stepFor('down', 'ltr'), stepFor('left', 'ltr'), stepFor('right', 'ltr')]).toEqual([-1, 1, -1, 1]);
    // On an Arabic page the reading order runs right to left: right goes back.
    expect([stepFor('up', 'rtl'), stepFor('down', 'rtl'), stepFor('left', 'rtl'), stepFor('right', 'rtl')]).toEqual([-1, 1, 1, -1]);
  });

  it('wraps at both ends, and starts at the first or the last control when nothing has focus', () => {
    expect(nextIndex(-1, 4, 1)).toBe(0);
    expect(nextIndex(-1, 4, -1)).toBe(3);
    expect(nextIndex(3, 4, 1)).toBe(0);
    expect(nextIndex(0, 4, -1)).toBe(3);
    expect(nextIndex(1, 4, 1)).toBe(2);
    expect(nextIndex(-1, 0, 1)).toBe(-1);
  });
});
