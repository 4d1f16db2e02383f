import type { FictionalPerson } from '../people/fictional-people.ts';
import type { LocalizedText } from './address-register.ts';

/**
 * What the simulated back end knows about services: fees and eligibility
 * rules for the ID-card and eKey services. A service id it does not know is
 * eligible and free: services are data on the kiosk, and a new one must not
 * need a simulator change to be tried out.
 */
export const FEE_SCHEDULE_EFFECTIVE_FROM = '2026-01-01';

/** Fictional fees in fils. The chip update is BD 1, as the authority publishes. */
export const FEES_FILS: Record<string, number> = {
  'renew-id-card': 2000,
  'replace-id-card': 5000,
  'update-address': 0,
  'update-contact': 0,
  'update-card-chip': 1000,
  'id-data-statement': 500,
  'application-status': 0,
  'reset-card-pin': 0,
  'ekey-register': 0,
  'ekey-upgrade': 0,
  'ekey-reset-password': 0,
  'ekey-unlock': 0,
  'ekey-status': 0,
};

/** Days before expiry from which a card may be renewed. */
export const RENEWAL_WINDOW_DAYS = 90;
export const MINIMUM_AGE_ADVANCED_EKEY = 15;

export interface Reason {
  code: string;
  text: LocalizedText;
}

const REASONS = {
  notInRenewalWindow: {
    code: 'not-in-renewal-window',
    text: { ar: 'لا يمكن تجديد البطاقة قبل ٩٠ يومًا من انتهائها.', en: 'A card can be renewed from 90 days before it expires.' },
  },
  ekeyAlreadyRegistered: { code: 'already-registered', text: { ar: 'لديك مفتاح إلكتروني مسجل.', en: 'You already have an eKey.' } },
  ekeyNotRegistered: { code: 'not-registered', text: { ar: 'ليس لديك مفتاح إلكتروني بعد.', en: 'You do not have an eKey yet.' } },
  underAge: {
    code: 'under-age',
    text: { ar: 'المستوى المتقدم متاح لمن بلغ ١٥ عامًا فأكثر.', en: 'The advanced level is for people aged 15 and over.' },
  },
  alreadyAdvanced: { code: 'already-advanced', text: { ar: 'مفتاحك الإلكتروني في المستوى المتقدم.', en: 'Your eKey is already at the advanced level.' } },
  notLocked: { code: 'not-locked', text: { ar: 'حسابك غير مقفل.', en: 'Your account is not locked.' } },
} satisfies Record<string, Reason>;

const DAY_MS = 86_400_000;

export function ageOn(dateOfBirth: string, now: number): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const today = new Date(now);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

export function daysToExpiry(expiry: string, now: number): number {
  const t = new Date(now);
  return Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate())) / DAY_MS);
}

export interface EkeyFacts {
  status: 'not-registered' | 'active' | 'locked';
  level: 'basic' | 'advanced' | null;
}

/** The reasons the person may not use the service now; empty when eligible. */
export function ineligibilityReasons(serviceId: string, person: FictionalPerson, ekey: EkeyFacts, now: number): Reason[] {
  switch (serviceId) {
    case 'renew-id-card':
      return daysToExpiry(person.card.expiry, now) > RENEWAL_WINDOW_DAYS ? [REASONS.notInRenewalWindow] : [];
    case 'ekey-register':
      return ekey.status === 'not-registered' ? [] : [REASONS.ekeyAlreadyRegistered];
    case 'ekey-upgrade': {
      const reasons: Reason[] = [];
      if (ageOn(person.dateOfBirth, now) < MINIMUM_AGE_ADVANCED_EKEY) reasons.push(REASONS.underAge);
      if (ekey.status === 'not-registered') reasons.push(REASONS.ekeyNotRegistered);
      else if (ekey.level === 'advanced') reasons.push(REASONS.alreadyAdvanced);
      return reasons;
    }
    case 'ekey-reset-password':
    case 'ekey-status':
      return ekey.status === 'not-registered' ? [REASONS.ekeyNotRegistered] : [];
    case 'ekey-unlock':
      if (ekey.status === 'not-registered') return [REASONS.ekeyNotRegistered];
      return ekey.status === 'locked' ? [] : [REASONS.notLocked];
    default:
      return [];
  }
}
