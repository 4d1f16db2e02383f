import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkField } from './field-validation.ts';
import type { FieldDefinition } from '../catalogue/service-schema.ts';

const field = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'f',
  label: { ar: 'حقل', en: 'Field' },
  type,
  required: true,
  maxLength: 40,
  ...extra,
});

describe('checkField', () => {
  it('accepts a Bahraini mobile typed in Arabic-Indic digits and stores Latin digits', () => {
    expect(checkField(field('mobile'), '٣٦١٢٣٤٥٦')).toEqual({ ok: true, value: '36123456' });
    expect(checkField(field('mobile'), '+973 6612 3456')).toEqual({ ok: true, value: '66123456' });
  });

  it('refuses a mobile that is not Bahraini, in both languages', () => {
    const result = checkField(field('mobile'), '12345678');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.en).toMatch(/Bahraini/);
      expect(result.error.ar).toMatch(/بحريني/);
    }
  });

  it('refuses script injection characters and over-long text', () => {
    expect(checkField(field('text'), '<script>alert(1)</script>').ok).toBe(false);
    expect(checkField(field('text'), 'x'.repeat(10_000)).ok).toBe(false);
    expect(checkField(field('text'), 'abc\u202edef').ok).toBe(false);
  });

  it('required vs optional empty values', () => {
    expect(checkField(field('text'), '   ').ok).toBe(false);
    expect(checkField(field('text', { required: false }), '').ok).toBe(true);
  });

  it('emails and references are normalised', () => {
    expect(checkField(field('email'), 'Test.Person@Example.org')).toEqual({ ok: true, value: 'test.person@example.org' });
    expect(checkField(field('email'), 'not-an-email').ok).toBe(false);
    expect(checkField(field('reference'), 'app-2026-٠٠١')).toEqual({ ok: true, value: 'APP-2026-001' });
  });

  it('never throws and never returns an unchecked over-long value, whatever arrives', () => {
    fc.assert(
      fc.property(fc.constantFrom<FieldDefinition['type']>('text', 'digits', 'email', 'mobile', 'reference'), fc.anything(), (type, input) => {
        const result = checkField(field(type), input);
        if (result.ok) expect(result.value.length).toBeLessThanOrEqual(40);
      }),
    );
  });
});
