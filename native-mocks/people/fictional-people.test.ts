import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPIRED_DAYS_AGO, EXPIRING_SOON_DAYS, MINOR_AGE_YEARS, fictionalPeople, fictionalPerson, type FictionalScenario } from './fictional-people.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
const DAY_MS = 86_400_000;

const SCENARIOS: FictionalScenario[] = [
  'valid-adult',
  'card-expiring-soon',
  'card-expired',
  'card-pin-blocked',
  'minor',
  'ekey-basic-registered',
  'ekey-locked',
  'foreign-resident',
];

function daysFromToday(iso: string, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - start) / DAY_MS);
}

function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

describe('fictional people', () => {
  const people = fictionalPeople(TODAY);

  it('covers every scenario exactly once', () => {
    expect(people.map((p) => p.scenario).sort()).toEqual([...SCENARIOS].sort());
  });

  it('is obviously fictional: fake CPR range, test names, reserved email domain, 3000 000x mobiles', () => {
    for (const p of people) {
      expect(p.cpr).toMatch(/^999\d{6}$/);
      expect(p.nameEn).toMatch(/^Test Person /);
      expect(p.nameAr).toMatch(/^شخص تجريبي /);
      expect(p.mobile).toMatch(/^3000000\d$/);
      if (p.email !== null) expect(p.email).toMatch(/@example\.com$/);
    }
    expect(new Set(people.map((p) => p.cpr)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.card.serial)).size).toBe(people.length);
  });

  it('fits the formats the chip layout and the kiosk forms accept', () => {
    for (const p of people) {
      expect(p.card.serial).toMatch(/^[A-Z0-9]{1,16}$/);
      expect(p.nationality).toMatch(/^[A-Z]{3}$/);
      expect(p.mobile).toMatch(/^[36]\d{7}$/);
      expect(p.address.block).toMatch(/^\d{3,4}$/);
      expect(p.address.road).toMatch(/^\d{1,4}$/);
      expect(p.address.building).toMatch(/^\d{1,4}[A-Z]?$/);
      if (p.address.flat !== null) expect(p.address.flat).toMatch(/^\d{1,4}[A-Z]?$/);
      for (const date of [p.dateOfBirth, p.card.expiry]) expect(Number.isNaN(Date.parse(`${date}T00:00:00Z`))).toBe(false);
    }
  });

  it('puts each card on the right side of today', () => {
    expect(daysFromToday(fictionalPerson(TODAY, 'card-expiring-soon').card.expiry, TODAY)).toBe(EXPIRING_SOON_DAYS);
    expect(daysFromToday(fictionalPerson(TODAY, 'card-expired').card.expiry, TODAY)).toBe(-EXPIRED_DAYS_AGO);
    expect(daysFromToday(fictionalPerson(TODAY, 'valid-adult').card.expiry, TODAY)).toBeGreaterThan(365);
    expect(fictionalPerson(TODAY, 'card-pin-blocked').card.pinTriesLeft).toBe(0);
    expect(fictionalPerson(TODAY, 'valid-adult').card.pinTriesLeft).toBe(3);
  });

  it('keeps every scenario true on any day, leap days and year ends included', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2060-12-31T23:59:59Z'), noInvalidDate: true }), (today) => {
        const all = fictionalPeople(today);
        const by = (s: FictionalScenario) => all.find((p) => p.scenario === s)!;
        expect(ageOn(by('minor').dateOfBirth, today)).toBe(MINOR_AGE_YEARS);
        for (const p of all.filter((x) => x.scenario !== 'minor')) expect(ageOn(p.dateOfBirth, today)).toBeGreaterThanOrEqual(18);
        expect(daysFromToday(by('card-expiring-soon').card.expiry, today)).toBe(EXPIRING_SOON_DAYS);
        expect(daysFromToday(by('card-expired').card.expiry, today)).toBe(-EXPIRED_DAYS_AGO);
        expect(daysFromToday(by('valid-adult').card.expiry, today)).toBeGreaterThan(1000);
      }),
      { numRuns: 300 },
    );
  });

  it('has the eKey states the scenarios promise', () => {
    expect(fictionalPerson(TODAY, 'valid-adult').ekey.status).toBe('not-registered');
    expect(fictionalPerson(TODAY, 'ekey-basic-registered').ekey).toMatchObject({ status: 'active', level: 'basic' });
    expect(fictionalPerson(TODAY, 'ekey-locked').ekey).toMatchObject({ status: 'locked' });
    expect(fictionalPerson(TODAY, 'foreign-resident').nationality).not.toBe('BHR');
  });

  it('returns fresh objects, so one test cannot change another test’s people', () => {
    const first = fictionalPeople(TODAY);
    first[0]!.address.block = '000';
    expect(fictionalPeople(TODAY)[0]!.address.block).toBe('999');
    expect(() => fictionalPerson(TODAY, 'nobody' as FictionalScenario)).toThrow(/no fictional person/);
  });
});
