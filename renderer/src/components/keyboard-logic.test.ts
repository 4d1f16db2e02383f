import { describe, expect, it } from 'vitest';
import { applyKey } from './keyboard-logic.ts';
import { hasShift, initialLayout, LAYOUTS, nextLayout, switchableLayouts, toggleShift } from './keyboard-layouts.ts';

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

  it('the switch key cycles Arabic ⇄ English for text, and shift is part of English', () => {
    expect(nextLayout('arabic', 'text')).toBe('english');
    expect(nextLayout('english', 'text')).toBe('arabic');
    expect(nextLayout('englishShift', 'text')).toBe('arabic');
    expect(nextLayout('numeric', 'phone')).toBe('numeric');
    expect(nextLayout('email', 'email')).toBe('email');
    expect(toggleShift('english')).toBe('englishShift');
    expect(toggleShift('englishShift')).toBe('english');
    expect(toggleShift('arabic')).toBe('arabic');
    expect(hasShift('arabic')).toBe(false);
    expect(LAYOUTS.englishShift.flat().join('')).toBe(LAYOUTS.english.flat().join('').toUpperCase());
  });

  it('a password keyboard has Latin letters with shift, digits and the symbols a policy counts, and no Arabic layout', () => {
    expect(initialLayout('password', 'ar')).toBe('password');
    expect(switchableLayouts('password')).toEqual(['password']);
    expect(hasShift('password')).toBe(true);
    expect(toggleShift('password')).toBe('passwordShift');
    expect(toggleShift('passwordShift')).toBe('password');
    const keys = LAYOUTS.password.flat().join('');
    for (const needed of ['a', 'z', '0', '9', '!', '@', '#', '?']) expect(keys).toContain(needed);
    expect(LAYOUTS.passwordShift.flat().join('')).toBe(keys.toUpperCase());
  });

  it('maxLength counts characters, not UTF-16 units, and a full field ignores more keys but not backspace', () => {
    const full = applyKey(applyKey('', { type: 'char', char: 'أ' }, 2), { type: 'char', char: 'ب' }, 2);
    expect(full).toBe('أب');
    expect(applyKey(full, { type: 'char', char: 'ت' }, 2)).toBe('أب');
    expect(applyKey(full, { type: 'space' }, 2)).toBe('أب');
    expect(applyKey(full, { type: 'backspace' }, 2)).toBe('أ');
  });

  it('every key of every layout is a single character (what data-key and the value carry)', () => {
    for (const rows of Object.values(LAYOUTS)) for (const key of rows.flat()) expect(Array.from(key)).toHaveLength(1);
  });
});
