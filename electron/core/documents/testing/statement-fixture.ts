/** A fictional citizen and a fixed issue moment for the document tests. No real person. */
import type { StatementInput } from '../statement-input.ts';

/** 23 November 2026, 09:00 UTC = 12:00 in Bahrain: the injected clock's value. */
export const ISSUED_AT = Date.UTC(2026, 10, 23, 9, 0, 0);

export function statementInput(overrides: Partial<StatementInput> = {}): StatementInput {
  return {
    card: {
      cpr: '000000018',
      nameAr: 'شخص تجريبي واحد',
      nameEn: 'Test Person One',
      dateOfBirth: '1990-03-14',
      nationality: 'BHR',
      expiry: '2029-11-23',
      cardSerial: 'TST000001',
      address: { flat: '12', building: '345', road: '678', block: '901' },
    },
    issuedAt: ISSUED_AT,
    reference: 'STM-2026-000042',
    verificationUrl: 'https://verify.example.invalid/s/STM-2026-000042',
    kiosk: { id: 'KSK-0142', location: { ar: 'مركز خدمات مدينة عيسى', en: 'Isa Town service centre' } },
    ...overrides,
  };
}

/** A second fictional person: what a golden test must tell apart from the first. */
export function otherPersonInput(): StatementInput {
  const base = statementInput();
  return {
    ...base,
    card: { ...base.card, cpr: '000000026', nameAr: 'شخص تجريبي اثنان', nameEn: 'Test Person Two', dateOfBirth: '1985-07-02' },
  };
}
