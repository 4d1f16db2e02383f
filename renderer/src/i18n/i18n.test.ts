import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n } from './i18n.ts';
import ar from '../../../resources/locales/ar.json';
import en from '../../../resources/locales/en.json';

describe('UI strings', () => {
  const i18n = initI18n({ ar: { translation: ar }, en: { translation: en } }, i18next.createInstance(), false);

  it('numbers inside strings follow the language, plurals follow the number', () => {
    expect(i18n.getFixedT('en')('frame.step', { current: 2, total: 4 })).toBe('Step 2 of 4');
    expect(i18n.getFixedT('ar')('frame.step', { current: 2, total: 4 })).toBe('الخطوة ٢ من ٤');
    expect(i18n.getFixedT('en')('pin.triesLeft', { count: 1 })).toBe('1 try left');
    expect(i18n.getFixedT('en')('pin.triesLeft', { count: 2 })).toBe('2 tries left');
    expect(i18n.getFixedT('ar')('pin.triesLeft', { count: 2 })).toBe('محاولتان متبقيتان');
    expect(i18n.getFixedT('ar')('pin.triesLeft', { count: 3 })).toBe('٣ محاولات متبقية');
    expect(i18n.getFixedT('ar')('idle.announce', { count: 30 })).toBe('بقيت ٣٠ ثانية');
    expect(i18n.getFixedT('ar')('idle.seconds', { count: 5 })).toBe('ثوانٍ');
  });

  it('every Arabic plural form exists wherever a string has plurals', () => {
    const forms = ['zero', 'one', 'two', 'few', 'many', 'other'];
    const walk = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? walk(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const keys = walk(ar);
    const plural = new Set(keys.filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, '')));
    for (const base of plural) for (const form of forms) expect(keys, `${base}_${form}`).toContain(`${base}_${form}`);
  });
});
