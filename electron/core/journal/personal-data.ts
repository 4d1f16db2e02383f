import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The journal keeps no CPR in clear: a keyed hash (HMAC-SHA-256 with a
 * per-kiosk secret) lets a technician or auditor match a citizen's case when
 * the citizen gives their CPR, but a stolen journal alone reveals nothing.
 */
export function cprHasher(key: Uint8Array): (cpr: string) => string {
  return (cpr) => createHmac('sha256', key).update(cpr).digest('base64url').slice(0, 32);
}

/** Loads the kiosk's journal key, creating it (mode 0600) on first start. */
export function loadOrCreateJournalKey(file: string): Uint8Array {
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`journal key ${file} must be 32 bytes`);
    return new Uint8Array(key);
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  chmodSync(file, 0o600);
  return new Uint8Array(key);
}

/** 4111111111111111 → 411111******1111: never more than the first six and last four digits. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 10) return '*'.repeat(Math.max(8, digits.length));
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** Field names that must never appear in journal detail, whatever the caller meant. */
export const FORBIDDEN_DETAIL_KEYS = /^(cpr|pin|newpin|password|newpassword|otp|pan|cardnumber|track2|name|namear|nameen|fullname|mobile|email|address|dateofbirth|fingerprint|template)$/i;
