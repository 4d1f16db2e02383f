import { toLatinDigits, type LocalizedText } from '../../contract/index.ts';
import type { FieldDefinition } from '../catalogue/service-schema.ts';

/** The outcome of checking one typed value: the cleaned value or a message in every language. */
export type FieldCheck = { ok: true; value: string } | { ok: false; error: LocalizedText };

const MESSAGES = {
  required: { ar: 'هذا الحقل مطلوب.', en: 'This field is required.' },
  tooLong: { ar: 'النص أطول من المسموح.', en: 'This is longer than allowed.' },
  invalidChars: { ar: 'يحتوي على رموز غير مسموح بها.', en: 'This contains characters that are not allowed.' },
  digits: { ar: 'أدخل أرقامًا فقط.', en: 'Enter digits only.' },
  email: { ar: 'أدخل بريدًا إلكترونيًا صحيحًا، مثل name@example.com.', en: 'Enter a valid email address, like name@example.com.' },
  mobile: { ar: 'أدخل رقم هاتف بحريني من ٨ أرقام يبدأ بـ ٣ أو ٦.', en: 'Enter an 8-digit Bahraini mobile number starting with 3 or 6.' },
  reference: { ar: 'أدخل رقم مرجع صحيح (٦ إلى ٢٠ حرفًا أو رقمًا).', en: 'Enter a valid reference (6 to 20 letters or digits).' },
  block: { ar: 'رقم المجمع من ٣ أو ٤ أرقام.', en: 'A block number has 3 or 4 digits.' },
  road: { ar: 'رقم الطريق من ١ إلى ٤ أرقام.', en: 'A road number has 1 to 4 digits.' },
  building: { ar: 'رقم المبنى من ١ إلى ٤ أرقام، وقد يتبعه حرف.', en: 'A building number has 1 to 4 digits, possibly followed by a letter.' },
  flat: { ar: 'رقم الشقة من ١ إلى ٤ أرقام، وقد يتبعه حرف.', en: 'A flat number has 1 to 4 digits, possibly followed by a letter.' },
} satisfies Record<string, LocalizedText>;

// Control characters, bidi overrides and other invisible formatting have no place in a form value.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>]/;

/** Checks and normalises one field value (Arabic-Indic digits are folded to Latin). */
export function checkField(field: FieldDefinition, input: unknown): FieldCheck {
  const raw = typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '';
  const value = toLatinDigits(raw).trim();
  if (value.length === 0) return field.required ? { ok: false, error: MESSAGES.required } : { ok: true, value: '' };
  if (value.length > field.maxLength) return { ok: false, error: MESSAGES.tooLong };
  if (FORBIDDEN.test(value)) return { ok: false, error: MESSAGES.invalidChars };
  switch (field.type) {
    case 'text':
      return { ok: true, value };
    case 'digits':
      return /^\d+$/.test(value) ? { ok: true, value } : { ok: false, error: MESSAGES.digits };
    case 'email':
      return /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/.test(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, error: MESSAGES.email };
    case 'mobile': {
      const compact = value.replace(/[\s-]/g, '').replace(/^(\+|00)973/, '');
      return /^[36]\d{7}$/.test(compact) ? { ok: true, value: compact } : { ok: false, error: MESSAGES.mobile };
    }
    case 'reference': {
      const upper = value.toUpperCase();
      return /^[A-Z0-9-]{6,20}$/.test(upper) ? { ok: true, value: upper } : { ok: false, error: MESSAGES.reference };
    }
    // Bahraini addresses: block (3–4 digits), road (1–4), building (1–4 + optional letter), flat.
    case 'block':
      return /^\d{3,4}$/.test(value) ? { ok: true, value } : { ok: false, error: MESSAGES.block };
    case 'road':
      return /^\d{1,4}$/.test(value) ? { ok: true, value } : { ok: false, error: MESSAGES.road };
    case 'building':
    case 'flat': {
      const upper = value.toUpperCase();
      return /^\d{1,4}[A-Z]?$/.test(upper) ? { ok: true, value: upper } : { ok: false, error: MESSAGES[field.type] };
    }
  }
}
