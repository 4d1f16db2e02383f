import { describe, expect, it } from 'vitest';
import { hasArabicLetter, isArabicScript, visualRuns, visualString } from './bidi-runs.ts';
import { resolveBidiFactory } from './bidi.ts';

const reverse = (s: string) => [...s].reverse().join('');

describe('visualRuns', () => {
  it('keeps a pure Arabic line as one right-to-left Arabic run in logical order', () => {
    expect(visualRuns('شخص تجريبي واحد', 'rtl')).toEqual([{ text: 'شخص تجريبي واحد', source: 'شخص تجريبي واحد', rtl: true, script: 'arabic' }]);
  });

  it('puts an Arabic phrase inside an English line right to left, in place', () => {
    const runs = visualRuns('Name: شخص تجريبي', 'ltr');
    expect(runs.map((r) => [r.text, r.rtl, r.script])).toEqual([
      ['Name: ', false, 'latin'],
      ['شخص تجريبي', true, 'arabic'],
    ]);
    expect(visualString(runs)).toBe(`Name: ${reverse('شخص تجريبي')}`);
  });

  it('keeps Latin digits left to right inside an Arabic line and orders the parts right to left', () => {
    const runs = visualRuns('شقة 12، مبنى 345', 'rtl');
    // On paper, left to right: 345, then "مبنى ،", then 12, then "شقة".
    expect(runs.map((r) => r.text)).toEqual(['345', '، مبنى ', '12', 'شقة ']);
    expect(runs.map((r) => r.script)).toEqual(['latin', 'arabic', 'latin', 'arabic']);
    expect(runs.map((r) => r.rtl)).toEqual([false, true, false, true]);
  });

  it('puts a Latin reference after an Arabic label on the left, with the colon between', () => {
    const runs = visualRuns('الرقم المرجعي: STM-2026-000042', 'rtl');
    expect(visualString(runs)).toBe(`STM-2026-000042 :${reverse('الرقم المرجعي')}`);
  });

  it('mirrors brackets that resolve right to left, each as a run of its own keeping its real character', () => {
    const runs = visualRuns('الاسم (بالعربية)', 'rtl');
    expect(runs).toEqual([
      { text: '(', source: ')', rtl: true, script: 'latin' },
      { text: 'بالعربية', source: 'بالعربية', rtl: true, script: 'arabic' },
      { text: ')', source: '(', rtl: true, script: 'latin' },
      { text: 'الاسم ', source: 'الاسم ', rtl: true, script: 'arabic' },
    ]);
    expect(visualString(runs)).toBe(`(${reverse('بالعربية')}) ${reverse('الاسم')}`);
  });

  it('does not mirror brackets in left-to-right text', () => {
    const runs = visualRuns('Bahraini (BHR)', 'ltr');
    expect(runs).toEqual([{ text: 'Bahraini (BHR)', source: 'Bahraini (BHR)', rtl: false, script: 'latin' }]);
  });

  it('keeps a Latin line in an Arabic paragraph left to right', () => {
    expect(visualString(visualRuns('KSK-0142', 'rtl'))).toBe('KSK-0142');
  });

  it('gives Arabic-Indic digits to the Arabic font, left to right', () => {
    const runs = visualRuns('صفحة ١ من ٢', 'rtl');
    expect(runs.filter((r) => /[١٢]/.test(r.text)).every((r) => !r.rtl && r.script === 'arabic')).toBe(true);
    expect(visualString(runs)).toBe(`٢ ${reverse('من')} ١ ${reverse('صفحة')}`);
  });

  it('returns nothing for an empty line', () => {
    expect(visualRuns('', 'rtl')).toEqual([]);
  });
});

describe('script helpers', () => {
  it('knows Arabic script from Latin', () => {
    expect(isArabicScript('ش'.codePointAt(0)!)).toBe(true);
    expect(isArabicScript('،'.codePointAt(0)!)).toBe(true);
    expect(isArabicScript('A'.codePointAt(0)!)).toBe(false);
    expect(isArabicScript('1'.codePointAt(0)!)).toBe(false);
  });

  it('tells runs fontkit will reverse (with an Arabic letter) from punctuation-only ones', () => {
    expect(hasArabicLetter('، مبنى ')).toBe(true);
    expect(hasArabicLetter('، ')).toBe(false);
    expect(hasArabicLetter('١٢')).toBe(false);
    expect(hasArabicLetter('abc')).toBe(false);
  });
});

describe('bidi-js import', () => {
  it('accepts the factory itself or a module object holding it, and refuses anything else', () => {
    const factory = () => ({}) as never;
    expect(resolveBidiFactory(factory)).toBe(factory);
    expect(resolveBidiFactory({ default: factory })).toBe(factory);
    expect(() => resolveBidiFactory({})).toThrow(TypeError);
    expect(() => resolveBidiFactory(undefined)).toThrow(TypeError);
  });
});
