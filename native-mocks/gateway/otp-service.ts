/**
 * One-time codes as the simulated back end handles them: 6 digits, valid for
 * 5 minutes on the simulator's clock, 3 tries, at most 3 codes per CPR in any
 * 10 minutes. Codes are deterministic (a function of the sequence number)
 * and listed in the control ledger, so e2e tests can "read the SMS".
 * A verified code may be used once, by one eKey call, within 15 minutes.
 */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_ATTEMPTS = 3;
export const OTP_RATE_WINDOW_MS = 10 * 60_000;
export const OTP_MAX_SENDS_PER_WINDOW = 3;
export const OTP_USE_WITHIN_MS = 15 * 60_000;

export type OtpPurpose = 'ekey-register' | 'ekey-reset' | 'ekey-unlock' | 'contact-update' | 'identity-check';

export interface OtpRecord {
  otpId: string;
  cpr: string;
  mobile: string;
  purpose: OtpPurpose;
  code: string;
  createdAt: number;
  expiresAt: number;
  attemptsLeft: number;
  verified: boolean;
  consumed: boolean;
}

export type OtpSendResult = { ok: true; record: OtpRecord; sendsLeft: number } | { ok: false; retryAfterSeconds: number };
export interface OtpVerdict {
  verified: boolean;
  attemptsLeft: number;
  expired: boolean;
}

export interface OtpService {
  send(input: { cpr: string; mobile: string; purpose: OtpPurpose }, now: number): OtpSendResult;
  verify(otpId: string, code: string, now: number): OtpVerdict | null;
  /** Uses up a verified code for an eKey call; false when it does not fit (wrong person, purpose, number, unverified, used, stale). */
  consume(otpId: string, expect: { cpr: string; purpose: OtpPurpose; mobile?: string }, now: number): boolean;
  /** Checks like consume, without using it up (so a refused password does not burn the code). */
  usable(otpId: string, expect: { cpr: string; purpose: OtpPurpose; mobile?: string }, now: number): boolean;
  records(): OtpRecord[];
}

/** Spread over 100000..999999 so consecutive codes do not look alike. */
export function deterministicOtpCode(sequence: number): string {
  return String(100_000 + ((sequence * 271_829 + 104_729) % 900_000));
}

export function createOtpService(): OtpService {
  const records = new Map<string, OtpRecord>();
  let sequence = 0;

  const fits = (record: OtpRecord | undefined, expect: { cpr: string; purpose: OtpPurpose; mobile?: string }, now: number): record is OtpRecord =>
    record !== undefined &&
    record.verified &&
    !record.consumed &&
    record.cpr === expect.cpr &&
    record.purpose === expect.purpose &&
    (expect.mobile === undefined || record.mobile === expect.mobile) &&
    now < record.createdAt + OTP_USE_WITHIN_MS;

  return {
    send(input, now) {
      const recent = [...records.values()].filter((r) => r.cpr === input.cpr && r.createdAt > now - OTP_RATE_WINDOW_MS).map((r) => r.createdAt);
      if (recent.length >= OTP_MAX_SENDS_PER_WINDOW) {
        const oldest = Math.min(...recent);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + OTP_RATE_WINDOW_MS - now) / 1000)) };
      }
      sequence += 1;
      const record: OtpRecord = {
        otpId: `otp-${String(sequence).padStart(6, '0')}`,
        ...input,
        code: deterministicOtpCode(sequence),
        createdAt: now,
        expiresAt: now + OTP_TTL_MS,
        attemptsLeft: OTP_ATTEMPTS,
        verified: false,
        consumed: false,
      };
      records.set(record.otpId, record);
      return { ok: true, record: { ...record }, sendsLeft: OTP_MAX_SENDS_PER_WINDOW - recent.length - 1 };
    },
    verify(otpId, code, now) {
      const record = records.get(otpId);
      if (!record) return null;
      if (record.verified && !record.consumed) return { verified: true, attemptsLeft: record.attemptsLeft, expired: false };
      if (record.consumed) return { verified: false, attemptsLeft: 0, expired: false };
      if (now >= record.expiresAt) return { verified: false, attemptsLeft: record.attemptsLeft, expired: true };
      if (record.attemptsLeft === 0) return { verified: false, attemptsLeft: 0, expired: false };
      if (code === record.code) {
        record.verified = true;
        return { verified: true, attemptsLeft: record.attemptsLeft, expired: false };
      }
      record.attemptsLeft -= 1;
      return { verified: false, attemptsLeft: record.attemptsLeft, expired: false };
    },
    consume(otpId, expect, now) {
      const record = records.get(otpId);
      if (!fits(record, expect, now)) return false;
      record.consumed = true;
      return true;
    },
    usable: (otpId, expect, now) => fits(records.get(otpId), expect, now),
    records: () => [...records.values()].map((r) => ({ ...r })),
  };
}
