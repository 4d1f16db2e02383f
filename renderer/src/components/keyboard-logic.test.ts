import { describe, expect, it } from 'vitest';
import { applyKey } from './keyboard-logic.ts';
import { initialLayout, LAYOUTS, switchableLayouts } from './keyboard-layouts.ts';

describe('on-screen keyboard logic', () => {
  it('types characters up to the field maximum and no further', () => {
    let value = '';
    for (const char of 'abcdef') value = applyKey(value, { type: 'char', char }, 4);
    expect(value).toBe('abcd');
  });

  it('backspace removes one whole character, Arabic included', () => {
    expect(applyKey('سارة', { type: 'backspace' }, 10)).toBe('سار');
    expect(applyKey('', { type: 'backspace' }, 10)).toBe('');
  });

  it('space never leads or doubles, clear empties', () => {
    expect(applyKey('', { type: 'space' }, 10)).toBe('');
    expect(applyKey('a', { type: 'space' }, 10)).toBe('a ');
    expect(applyKey('a ', { type: 'space' }, 10)).toBe('a ');
    expect(applyKey('abc', { type: 'clear' }, 10)).toBe('');
  });

  it('fields open on the layout that fits them', () => {
    expect(initialLayout('text', 'ar')).toBe('arabic');
    expect(initialLayout('text', 'en')).toBe('english');
    expect(initialLayout('phone', 'ar')).toBe('numeric');
    expect(initialLayout('email', 'ar')).toBe('email');
    expect(switchableLayouts('text')).toEqual(['arabic', 'english']);
  });

  it('the email layout has @ and the numeric pad has every digit once', () => {
    expect(LAYOUTS.email.flat()).toContain('@');
    expect(LAYOUTS.numeric.flat().sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const arabic = LAYOUTS.arabic.flat();
    expect(new Set(arabic).size).toBe(arabic.length);
  });
});
