/**
 * What the kiosk knows about the citizen from the ID card's chip. Lives only
 * in the citizen's session; never logged, never journaled in clear.
 */
export interface BahrainiAddress {
  flat: string | null;
  building: string;
  road: string;
  block: string;
}

export interface CitizenCard {
  cpr: string;
  nameAr: string;
  nameEn: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3, e.g. BHR. */
  nationality: string;
  /** ISO date the card expires. */
  expiry: string;
  cardSerial: string;
  address: BahrainiAddress;
}

const DAY_MS = 86_400_000;

/** Whole years between the date of birth and `now` (birthday counted on the day). */
export function ageOn(dateOfBirth: string, now: number): number {
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  const today = new Date(now);
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Days from today (UTC) until the expiry date; negative once expired. */
export function daysToExpiry(expiry: string, now: number): number {
  const end = Date.parse(`${expiry}T00:00:00Z`);
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Math.round((end - today) / DAY_MS);
}
