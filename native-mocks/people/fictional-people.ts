/**
 * The fictional citizens every simulator shares: the simulated ID cards
 * (native-mocks/card-reader) are built from this list and the gateway
 * simulator (native-mocks/gateway) answers about the same people, so a card
 * inserted in an e2e test is known to the back end with the same data.
 *
 * Everything here is invented and meant to look invented:
 *  - names are "Test Person One … Eight" / "شخص تجريبي ١ … ٨";
 *  - CPR numbers are 999000001 … 999000008 (a range no real CPR uses: a real
 *    CPR starts with the holder's birth year and month, and "9990" is no month);
 *  - mobiles are 3000 000x and emails are @example.com (RFC 2606, reserved);
 *    the gateway simulator never sends a real SMS;
 *  - addresses are in blocks 998/999 on roads 99xx, our invented test area;
 *  - PINs, PUKs and eKey passwords are test values printed in the docs.
 *
 * Dates that matter for a scenario (card expiry, a minor's birthday) are
 * relative to the `today` passed in, so the scenarios hold on any day the
 * tests run. Fixed birth dates are used only where the exact day does not
 * matter (adults stay adults).
 */

export type FictionalScenario =
  | 'valid-adult'
  | 'card-expiring-soon'
  | 'card-expired'
  | 'card-pin-blocked'
  | 'minor'
  | 'ekey-basic-registered'
  | 'ekey-locked'
  | 'foreign-resident';

export interface FictionalAddress {
  /** 3–4 digits. */
  block: string;
  /** 1–4 digits. */
  road: string;
  /** 1–4 digits and an optional capital letter. */
  building: string;
  flat: string | null;
}

export interface FictionalIdCard {
  /** Card serial printed on the card and stored in the chip (A–Z, 0–9, ≤ 16). */
  serial: string;
  /** ISO date YYYY-MM-DD. */
  expiry: string;
  /** Card PIN (test value). */
  pin: string;
  /** PIN tries left, 0..3; 0 means the PIN is blocked. */
  pinTriesLeft: number;
  /** PIN unblocking key (test value). */
  puk: string;
  /** Which finger the card's reference template is for, and an opaque id the fingerprint simulator matches on. */
  fingerprint: { fingerIndex: number; templateId: string };
}

export type FictionalEkey =
  | { status: 'not-registered' }
  | {
      status: 'active' | 'locked';
      level: 'basic' | 'advanced';
      /** The current password (test value). */
      password: string;
      /** Earlier passwords, newest first; the gateway refuses any of the last five (this and the current one). */
      previousPasswords: string[];
    };

export interface FictionalPerson {
  scenario: FictionalScenario;
  /** What this person is for, in one line (shown in the control panel). */
  description: string;
  /** 9 digits, 999000001 … */
  cpr: string;
  nameEn: string;
  nameAr: string;
  /** ISO date YYYY-MM-DD. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3. */
  nationality: string;
  /** Bahraini mobile, 8 digits, the number on record at the gateway. */
  mobile: string;
  email: string | null;
  address: FictionalAddress;
  card: FictionalIdCard;
  ekey: FictionalEkey;
}

/** The card PIN and PUK of every fictional card (a blocked card has the same PIN, but no tries left). */
export const FICTIONAL_PIN = '1234';
export const FICTIONAL_PUK = '12345678';

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the given day, so "today + n days" never depends on the hour the tests run. */
function startOfDayUtc(today: Date): number {
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** The same calendar day `years` earlier or later (29 Feb falls back to 28 Feb). */
function shiftYears(dayMs: number, years: number): number {
  const d = new Date(dayMs);
  const target = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  if (target.getUTCDate() !== d.getUTCDate()) target.setUTCDate(0);
  return target.getTime();
}

/**
 * Days before expiry that put a card inside any renewal window we expect to
 * configure (the window comes from config; 30 days is inside every sensible one).
 */
export const EXPIRING_SOON_DAYS = 30;
/** How long ago the expired card expired. */
export const EXPIRED_DAYS_AGO = 20;
/** The minor's age in whole years (under the eKey advanced minimum of 15). */
export const MINOR_AGE_YEARS = 12;

const NUMBERS_EN = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'] as const;
const NUMBERS_AR = ['١', '٢', '٣', '٤', '٥', '٦', '٧', '٨'] as const;

function basics(n: number): Pick<FictionalPerson, 'cpr' | 'nameEn' | 'nameAr' | 'mobile' | 'email'> {
  return {
    cpr: `99900000${n}`,
    nameEn: `Test Person ${NUMBERS_EN[n - 1]}`,
    nameAr: `شخص تجريبي ${NUMBERS_AR[n - 1]}`,
    mobile: `3000000${n}`,
    email: `test.person.${n}@example.com`,
  };
}

function card(n: number, expiry: string, pinTriesLeft = 3): FictionalIdCard {
  return {
    serial: `TEST0000000${n}`,
    expiry,
    pin: FICTIONAL_PIN,
    pinTriesLeft,
    puk: FICTIONAL_PUK,
    fingerprint: { fingerIndex: 2, templateId: `fictional-finger-${n}` },
  };
}

/**
 * The fictional people as of `today`. Pure: the same `today` always gives the
 * same list, and every call returns fresh objects the caller may change.
 */
export function fictionalPeople(today: Date): FictionalPerson[] {
  const day = startOfDayUtc(today);
  const validExpiry = isoDate(shiftYears(day, 3));
  return [
    {
      ...basics(1),
      scenario: 'valid-adult',
      description: 'Adult citizen, valid card, no eKey yet: the happy path for every service.',
      dateOfBirth: '1990-03-14',
      nationality: 'BHR',
      address: { block: '999', road: '9901', building: '11', flat: '1' },
      card: card(1, validExpiry),
      ekey: { status: 'not-registered' },
    },
    {
      ...basics(2),
      scenario: 'card-expiring-soon',
      description: `Card expires in ${EXPIRING_SOON_DAYS} days: inside the renewal window.`,
      dateOfBirth: '1985-07-02',
      nationality: 'BHR',
      address: { block: '999', road: '9902', building: '22A', flat: null },
      card: card(2, isoDate(day + EXPIRING_SOON_DAYS * DAY_MS)),
      ekey: { status: 'not-registered' },
    },
    {
      ...basics(3),
      scenario: 'card-expired',
      description: `Card expired ${EXPIRED_DAYS_AGO} days ago.`,
      dateOfBirth: '1978-11-23',
      nationality: 'BHR',
      address: { block: '999', road: '9903', building: '303', flat: '12' },
      card: card(3, isoDate(day - EXPIRED_DAYS_AGO * DAY_MS)),
      ekey: { status: 'not-registered' },
    },
    {
      ...basics(4),
      scenario: 'card-pin-blocked',
      description: 'Card PIN blocked (no tries left): the PIN unblock service.',
      dateOfBirth: '1992-01-30',
      nationality: 'BHR',
      address: { block: '999', road: '9904', building: '4', flat: null },
      card: card(4, validExpiry, 0),
      ekey: { status: 'not-registered' },
    },
    {
      ...basics(5),
      scenario: 'minor',
      description: `A ${MINOR_AGE_YEARS}-year-old with eKey basic: refused the advanced level (age 15+).`,
      // Born MINOR_AGE_YEARS years and 40 days ago: a minor on any day the tests run.
      dateOfBirth: isoDate(shiftYears(day, -MINOR_AGE_YEARS) - 40 * DAY_MS),
      nationality: 'BHR',
      address: { block: '998', road: '9905', building: '55', flat: null },
      card: card(5, validExpiry),
      ekey: { status: 'active', level: 'basic', password: 'Kiosk#Minor2030', previousPasswords: [] },
    },
    {
      ...basics(6),
      scenario: 'ekey-basic-registered',
      description: 'eKey basic already registered, with a password history of five.',
      dateOfBirth: '1988-05-09',
      nationality: 'BHR',
      address: { block: '998', road: '9906', building: '606', flat: '6B' },
      card: card(6, validExpiry),
      ekey: {
        status: 'active',
        level: 'basic',
        password: 'Kiosk#Current60',
        previousPasswords: ['Kiosk#Earlier61', 'Kiosk#Earlier62', 'Kiosk#Earlier63', 'Kiosk#Earlier64', 'Kiosk#Oldest6500'],
      },
    },
    {
      ...basics(7),
      scenario: 'ekey-locked',
      description: 'eKey basic locked after too many failed logins: the unlock service.',
      dateOfBirth: '1995-09-17',
      nationality: 'BHR',
      address: { block: '998', road: '9907', building: '7', flat: '70' },
      card: card(7, validExpiry),
      ekey: { status: 'locked', level: 'basic', password: 'Kiosk#Locked700', previousPasswords: [] },
    },
    {
      ...basics(8),
      scenario: 'foreign-resident',
      description: 'Foreign resident (not Bahraini) with an advanced eKey.',
      dateOfBirth: '1982-12-01',
      nationality: 'GBR',
      address: { block: '998', road: '9908', building: '8', flat: '801' },
      card: card(8, validExpiry),
      ekey: { status: 'active', level: 'advanced', password: 'Kiosk#Resident8', previousPasswords: [] },
    },
  ];
}

/** One person by scenario; throws for an unknown scenario (a typo in a test should fail loudly). */
export function fictionalPerson(today: Date, scenario: FictionalScenario): FictionalPerson {
  const person = fictionalPeople(today).find((p) => p.scenario === scenario);
  if (!person) throw new Error(`no fictional person for scenario ${scenario}`);
  return person;
}
