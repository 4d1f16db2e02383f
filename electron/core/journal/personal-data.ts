import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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

/**
 * The CPR sealed with AES-256-GCM under a key derived from the journal key
 * (HKDF, its own label, so hashing and sealing never share a key). Kept only
 * on money intents, for one purpose: telling the citizen by SMS, through the
 * gateway, what became of a payment a crash interrupted. A stolen journal
 * without the key file reveals nothing; a tampered value does not open.
 */
export interface CprSealer {
  seal(cpr: string): string;
  /** The CPR, or null when the value is not one this kiosk sealed. */
  open(sealed: string): string | null;
}

export function cprSealer(journalKey: Uint8Array): CprSealer {
  const key = Buffer.from(hkdfSync('sha256', journalKey, new Uint8Array(0), 'khidma-journal-cpr-seal-v1', 32));
  return {
    seal(cpr) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < 12 + 16 + 1) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const cpr = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        return /^\d{9}$/.test(cpr) ? cpr : null;
      } catch {
        return null;
      }
    },
  };
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
