import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Technician PINs are stored as scrypt hashes with a per-PIN salt (in the
 * machine's configuration), never in clear. scrypt makes guessing a short
 * PIN from a stolen config slow; the lockout (5 tries, 15 minutes) makes
 * guessing at the screen slow.
 */
const KEY_LENGTH = 32;
const COST = { N: 1 << 14, r: 8, p: 1 };

export interface PinHash {
  salt: string;
  hash: string;
}

export function hashPin(pin: string, salt = randomBytes(16).toString('base64url')): PinHash {
  return { salt, hash: scryptSync(pin, salt, KEY_LENGTH, COST).toString('base64url') };
}

export function pinMatches(pin: string, stored: PinHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64url');
  const actual = scryptSync(pin, stored.salt, KEY_LENGTH, COST);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
