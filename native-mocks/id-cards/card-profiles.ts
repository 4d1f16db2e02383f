/**
 * The simulated ID cards a tester can insert, built from the shared fictional
 * people (native-mocks/people), so the gateway simulator knows the same citizens.
 *
 * One profile per fictional scenario (valid adult, expiring within the renewal
 * window, expired, PIN blocked, minor under 15, eKey cases, foreign resident) plus
 * two cards that are not readable ID cards: a damaged chip (no answer to reset) and
 * a foreign card (another issuer's application: SELECT of ours gives 6A82), and
 * two kiosk staff cards (technician STAFF-0001, supervisor STAFF-0002) for
 * technician mode; their PINs are in the development configuration.
 *
 * Nothing marks a card as "expired" or "minor": the dates in the chip say so, and
 * the kiosk has to work it out, as it would with a real card.
 */
import { encodeAtr } from '../../electron/devices/chip/atr.ts';
import { encodeAddress, encodeFingerprintReference, encodePersonalData, ID_CARD_FILES, NATIONAL_ID_AID } from '../../electron/devices/chip/id-card-layout.ts';
import { asciiBytes, fromHex } from '../../electron/devices/shared/bytes.ts';
import { encodeStaffCard, STAFF_CARD_AID, STAFF_CARD_FILE } from '../../electron/devices/chip/staff-card.ts';
import { type FictionalPerson, type FictionalScenario, fictionalPerson } from '../people/fictional-people.ts';
import { type ChipImage, SimulatedIdCardChip } from './id-card-chip.ts';

export const CARD_PROFILES = [
  'valid-adult',
  'card-expiring-soon',
  'card-expired',
  'card-pin-blocked',
  'minor',
  'ekey-basic-registered',
  'ekey-locked',
  'foreign-resident',
  'damaged-chip',
  'foreign-card',
  'technician-card',
  'supervisor-card',
] as const;
export type CardProfile = (typeof CARD_PROFILES)[number];

/** The address EF is a fixed-size file (rewritable); the others are as long as their data. */
export const ADDRESS_EF_SIZE = 128;

/** T=0 only, TA1 = 13 (Fi 372, Di 4), historical bytes naming the card. No TCK (T=0 only). */
function atrFor(name: string): Uint8Array {
  return encodeAtr({ convention: 'direct', groups: [{ ta: 0x13 }], historicalBytes: asciiBytes(name) });
}

/** Another issuer's application identifier (proprietary 'F' category, "FOREIGN"). */
export const FOREIGN_AID: Uint8Array = fromHex('F0 46 4F 52 45 49 47 4E');

export interface SimulatedCard {
  readonly profile: CardProfile;
  /** For the control panel: fictional name and scenario, never the PIN. */
  readonly label: string;
  readonly chip: SimulatedIdCardChip;
}

function imageOf(person: FictionalPerson, atr: Uint8Array | null): ChipImage {
  const address = new Uint8Array(ADDRESS_EF_SIZE);
  address.set(encodeAddress({ ...person.address, flat: person.address.flat ?? undefined }), 0);
  return {
    atr,
    aid: NATIONAL_ID_AID,
    files: new Map([
      [
        ID_CARD_FILES.personalData.fid,
        encodePersonalData({
          cprNumber: person.cpr,
          nameEnglish: person.nameEn,
          nameArabic: person.nameAr,
          dateOfBirth: person.dateOfBirth,
          nationality: person.nationality,
          expiryDate: person.card.expiry,
          cardSerial: person.card.serial,
        }),
      ],
      [ID_CARD_FILES.address.fid, address],
      [
        ID_CARD_FILES.fingerprint.fid,
        // The reference is opaque to the kiosk; the fingerprint simulator matches on this id.
        encodeFingerprintReference({ fingerIndex: person.card.fingerprint.fingerIndex, reference: new TextEncoder().encode(person.card.fingerprint.templateId) }),
      ],
    ]),
    pin: person.card.pin,
    puk: person.card.puk,
    pinTriesLeft: person.card.pinTriesLeft,
  };
}

/** A fresh card for `profile`, with dates relative to `today`. */
export function createSimulatedCard(profile: CardProfile, today: Date): SimulatedCard {
  if (profile === 'foreign-card') {
    return {
      profile,
      label: 'Foreign ID card (other issuer)',
      chip: new SimulatedIdCardChip({ atr: atrFor('FOREIGN-ID'), aid: FOREIGN_AID, files: new Map(), pin: '0000', puk: '00000000', pinTriesLeft: 3 }),
    };
  }
  if (profile === 'technician-card' || profile === 'supervisor-card') {
    const staff = profile === 'technician-card' ? { staffId: 'STAFF-0001', role: 'technician' as const } : { staffId: 'STAFF-0002', role: 'supervisor' as const };
    return {
      profile,
      label: `Kiosk staff card ${staff.staffId} (${staff.role})`,
      // No citizen PIN on a staff card: the staff PIN is checked by the kiosk against its configuration.
      chip: new SimulatedIdCardChip({ atr: atrFor('KHIDMA-STAFF'), aid: STAFF_CARD_AID, files: new Map([[STAFF_CARD_FILE.fid, encodeStaffCard(staff)]]), pin: '0000', puk: '00000000', pinTriesLeft: 3 }),
    };
  }
  if (profile === 'damaged-chip') {
    const person = fictionalPerson(today, 'valid-adult');
    return { profile, label: `${person.nameEn} (damaged chip)`, chip: new SimulatedIdCardChip(imageOf(person, null)) };
  }
  const person = fictionalPerson(today, profile satisfies FictionalScenario);
  return { profile, label: `${person.nameEn} (${profile})`, chip: new SimulatedIdCardChip(imageOf(person, atrFor('KHIDMA-ID'))) };
}
