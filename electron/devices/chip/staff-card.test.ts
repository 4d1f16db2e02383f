import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared/bytes.ts';
import { decodeStaffCard, encodeStaffCard, type StaffRole } from './staff-card.ts';

describe('staff card file (EF 0101 of the staff application)', () => {
  it('encodes the documented example byte for byte, and decodes it back', () => {
    const bytes = encodeStaffCard({ staffId: 'STAFF-0001', role: 'technician' });
    expect(toHex(bytes)).toBe('70 0F 80 0A 53 54 41 46 46 2D 30 30 30 31 81 01 01');
    expect(decodeStaffCard(fromHex('70 0F 80 0A 53 54 41 46 46 2D 30 30 30 31 81 01 02'))).toEqual({ ok: true, value: { staffId: 'STAFF-0001', role: 'supervisor' } });
  });

  it('refuses a staff number it could not print, an unknown role, and a file without the template', () => {
    expect(() => encodeStaffCard({ staffId: 'staff 1', role: 'technician' })).toThrow(RangeError);
    expect(decodeStaffCard(fromHex('70 0F 80 0A 53 54 41 46 46 2D 30 30 30 31 81 01 07'))).toMatchObject({ ok: false, error: 'unknown role 7' });
    expect(decodeStaffCard(fromHex('71 03 80 01 41'))).toMatchObject({ ok: false });
    expect(decodeStaffCard(fromHex('70 06 80 04 61 62 63 64'))).toMatchObject({ ok: false });
  });

  it('round-trips any valid staff number and role (property)', () => {
    const staffId = fc.stringMatching(/^[A-Z0-9-]{4,16}$/);
    const role = fc.constantFrom<StaffRole>('technician', 'supervisor');
    fc.assert(
      fc.property(staffId, role, (id, r) => {
        expect(decodeStaffCard(encodeStaffCard({ staffId: id, role: r }))).toEqual({ ok: true, value: { staffId: id, role: r } });
      }),
    );
  });

  it('never throws on garbage, and never accepts a staff number outside the alphabet (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const decoded = decodeStaffCard(bytes);
        if (decoded.ok) expect(decoded.value.staffId).toMatch(/^[A-Z0-9-]{4,16}$/);
      }),
    );
  });
});
