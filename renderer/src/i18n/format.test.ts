import { describe, expect, it } from 'vitest';
import { displayValue, formatMoney, localDigits } from './format.ts';
import { throttle } from '../platform/throttle.ts';
import ar from '../../../resources/locales/ar.json';
import en from '../../../resources/locales/en.json';

describe('formatting for citizens', () => {
  it('BHD always has three decimals, in the citizen’s digits', () => {
    expect(formatMoney(1000, 'en')).toBe('BD 1.000');
    expect(formatMoney(2500, 'ar')).toBe('٢٫٥٠٠ د.ب.');
    expect(formatMoney(5, 'en')).toBe('BD 0.005');
    expect(formatMoney(1000, 'ar')).toBe('١٫٠٠٠ د.ب.');
    expect(formatMoney(12_345_678, 'en')).toBe('BD 12345.678');
  });

  it('values from the core: numbers and dates in the citizen’s digits, codes as printed', () => {
    expect(displayValue('2031-05-14', 'ar')).toBe('٢٠٣١-٠٥-١٤');
    expect(displayValue('REF-2031-0042', 'ar')).toBe('REF-2031-0042');
    expect(displayValue('36123456', 'en')).toBe('36123456');
  });

  it('Arabic screens show Arabic-Indic digits', () => {
    expect(localDigits('Step 2 of 10', 'ar')).toBe('Step ٢ of ١٠');
    expect(localDigits(30, 'en')).toBe('30');
  });

  it('the touch signal is throttled to once a second', () => {
    let now = 0;
    let calls = 0;
    const touch = throttle(() => (calls += 1), 1000, () => now);
    touch();
    now = 500;
    touch();
    now = 1000;
    touch();
    expect(calls).toBe(2);
  });

  it('every UI string exists in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`]));
    expect(new Set(keys(ar))).toEqual(new Set(keys(en)));
  });
});
