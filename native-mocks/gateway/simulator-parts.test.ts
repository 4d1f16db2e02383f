import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, emvQrPayload, filsToEmvAmount } from './emv-qr.ts';
import { createFaultPlan } from './fault-plan.ts';
import { canonicalJson, createIdempotencyStore } from './idempotency-store.ts';
import { createOtpService, deterministicOtpCode, OTP_TTL_MS, OTP_USE_WITHIN_MS } from './otp-service.ts';

/** The simulator's small parts, each on its own. */

/** Splits an EMV payload into its top-level fields. */
function emvFields(payload: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (let i = 0; i < payload.length; ) {
    const id = payload.slice(i, i + 2);
    const length = Number(payload.slice(i + 2, i + 4));
    fields.set(id, payload.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  return fields;
}

describe('EMV QR payload', () => {
  it('uses CRC-16/CCITT-FALSE (check value 29B1 for "123456789")', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
  });

  it('writes BHD with three decimals', () => {
    expect([1, 1000, 2500, 123456].map(filsToEmvAmount)).toEqual(['0.001', '1.000', '2.500', '123.456']);
  });

  it('is a well-formed TLV string whose CRC covers everything before it', () => {
    const payload = emvQrPayload({ amountFils: 2500, paymentId: 'qr-000042' });
    const fields = emvFields(payload);
    expect(fields.get('00')).toBe('01');
    expect(fields.get('53')).toBe('048');
    expect(fields.get('54')).toBe('2.500');
    expect(fields.get('58')).toBe('BH');
    expect(fields.get('62')).toBe('0509qr-000042');
    expect(fields.get('63')).toBe(crc16CcittFalse(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0'));
  });
});

describe('idempotency store', () => {
  it('sees the same request in any key order, and a different one as a conflict', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const store = createIdempotencyStore();
    expect(store.lookup('submitApplication', 'k1', { a: 1, b: 2 })).toEqual({ kind: 'new' });
    store.remember('submitApplication', 'k1', { a: 1, b: 2 }, { status: 201, body: { reference: 'R1' } });
    expect(store.lookup('submitApplication', 'k1', { b: 2, a: 1 })).toMatchObject({ kind: 'replay', answer: { body: { reference: 'R1' } } });
    expect(store.lookup('submitApplication', 'k1', { a: 1, b: 3 })).toEqual({ kind: 'conflict' });
  });

  it('scopes keys by operation', () => {
    const store = createIdempotencyStore();
    store.remember('submitApplication', 'k1', {}, { status: 201, body: {} });
    expect(store.lookup('submitRating', 'k1', {})).toEqual({ kind: 'new' });
  });
});

describe('fault plan', () => {
  it('hits only the named operations, for `count` requests, then is healthy', () => {
    const plan = createFaultPlan();
    plan.set({ mode: 'http500', endpoints: ['submitApplication'], count: 2 });
    expect(plan.take('getCitizen')).toBeNull();
    expect(plan.take('submitApplication')).toMatchObject({ mode: 'http500', phase: 'before' });
    expect(plan.take('submitApplication')).toMatchObject({ mode: 'http500' });
    expect(plan.take('submitApplication')).toBeNull();
    expect(plan.state().mode).toBe('none');
  });

  it('without a count or endpoints it hits everything until changed', () => {
    const plan = createFaultPlan();
    plan.set({ mode: 'slow', slowMs: 10, phase: 'after' });
    for (let i = 0; i < 5; i++) expect(plan.take(`op${i}`)).toEqual({ mode: 'slow', phase: 'after', slowMs: 10 });
    plan.set({ mode: 'none' });
    expect(plan.take('op')).toBeNull();
  });
});

describe('OTP service', () => {
  it('gives deterministic six-digit codes that differ from one to the next', () => {
    const codes = Array.from({ length: 50 }, (_, i) => deterministicOtpCode(i + 1));
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(50);
    expect(deterministicOtpCode(7)).toBe(deterministicOtpCode(7));
  });

  it('lets a verified code be used once, by the right person, for the right purpose, within 15 minutes', () => {
    const otp = createOtpService();
    const sent = otp.send({ cpr: '999000001', mobile: '30000001', purpose: 'ekey-unlock' }, 0);
    if (!sent.ok) throw new Error('rate limited');
    const expect1 = { cpr: '999000001', purpose: 'ekey-unlock' as const };
    expect(otp.usable(sent.record.otpId, expect1, 1)).toBe(false);
    expect(otp.verify(sent.record.otpId, sent.record.code, OTP_TTL_MS - 1)).toEqual({ verified: true, attemptsLeft: 3, expired: false });
    expect(otp.usable(sent.record.otpId, { ...expect1, cpr: '999000002' }, 2)).toBe(false);
    expect(otp.usable(sent.record.otpId, { ...expect1, purpose: 'ekey-reset' }, 2)).toBe(false);
    expect(otp.usable(sent.record.otpId, expect1, OTP_USE_WITHIN_MS)).toBe(false);
    expect(otp.consume(sent.record.otpId, expect1, 3)).toBe(true);
    expect(otp.consume(sent.record.otpId, expect1, 4)).toBe(false);
    expect(otp.verify(sent.record.otpId, sent.record.code, 5)).toEqual({ verified: false, attemptsLeft: 0, expired: false });
  });
});
