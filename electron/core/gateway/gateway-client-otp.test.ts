import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import type { OtpPurpose } from './gateway-client.ts';

/** One-time codes through the client: expiry on the simulator's clock, three tries, and the send rate limit. */
const CPR = '999000001';
let kit: GatewayTestKit;

beforeEach(async () => {
  kit = await startGatewayTestKit();
});
afterEach(async () => {
  expect(kit.simulator.ledger().contractViolations).toEqual([]);
  await kit.close();
});

async function send(purpose: OtpPurpose = 'contact-update', mobile: string | null = '30000009') {
  const result = await kit.client.sendOtp({ ...TEST_SESSION, cpr: CPR, mobile, purpose });
  if (!result.ok) throw new Error(`sendOtp failed: ${result.failure.kind}`);
  const code = kit.simulator.ledger().otps.find((o) => o.otpId === result.value.otpId)!.code;
  return { ...result.value, code };
}

const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('OTP', () => {
  it('sends to the number given, or to the number on record, and says where (masked)', async () => {
    expect(await send('contact-update', '30000009')).toMatchObject({ expiresInSeconds: 300, maskedMobile: '****0009', sendsLeft: 2 });
    expect(await send('identity-check', null)).toMatchObject({ maskedMobile: '****0001', sendsLeft: 1 });
  });

  it('verifies the right code', async () => {
    const otp = await send();
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: otp.otpId, code: otp.code })).toEqual({ ok: true, value: { verified: true, attemptsLeft: 3, expired: false } });
  });

  it('allows three tries: after three wrong codes even the right one fails', async () => {
    const otp = await send();
    const tries = [];
    for (let i = 0; i < 3; i++) tries.push(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: otp.otpId, code: wrong(otp.code) }));
    expect(tries.map((t) => t.ok && t.value.attemptsLeft)).toEqual([2, 1, 0]);
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: otp.otpId, code: otp.code })).toEqual({ ok: true, value: { verified: false, attemptsLeft: 0, expired: false } });
  });

  it('expires after five minutes on the simulator clock, not a millisecond earlier', async () => {
    const early = await send();
    const late = await send();
    kit.clock.advance(5 * 60_000 - 1);
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: early.otpId, code: early.code })).toMatchObject({ ok: true, value: { verified: true } });
    kit.clock.advance(1);
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: late.otpId, code: late.code })).toEqual({ ok: true, value: { verified: false, attemptsLeft: 3, expired: true } });
  });

  it('allows three codes per CPR in ten minutes, then refuses with a time to wait', async () => {
    for (let i = 0; i < 3; i++) await send();
    const refused = await kit.client.sendOtp({ ...TEST_SESSION, cpr: CPR, mobile: null, purpose: 'identity-check' });
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'otp-rate-limited', status: 429, problem: { retryAfterSeconds: 600 } } });
    // Another citizen is not affected.
    expect((await kit.client.sendOtp({ ...TEST_SESSION, cpr: '999000002', mobile: null, purpose: 'identity-check' })).ok).toBe(true);
    kit.clock.advance(10 * 60_000);
    expect((await kit.client.sendOtp({ ...TEST_SESSION, cpr: CPR, mobile: null, purpose: 'identity-check' })).ok).toBe(true);
  });

  it('an unknown OTP id is not found; a malformed code is refused by the contract', async () => {
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: 'otp-999999', code: '123456' })).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'not-found' } });
    const otp = await send();
    expect(await kit.client.verifyOtp({ ...TEST_SESSION, otpId: otp.otpId, code: '12ab' })).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'validation-failed' } });
  });
});
