import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fictionalPerson } from '../../../native-mocks/people/fictional-people.ts';
import { startGatewayTestKit, TEST_KIOSK_ID, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import type { OtpPurpose } from './gateway-client.ts';

/**
 * eKey rules through the client against the simulator: the age limit for the
 * advanced level, "already registered", lockout after failed logins and the
 * ways out of it, the password policy and the password history.
 */
let kit: GatewayTestKit;
let today: Date;
let keyCounter = 0;
const key = () => `ekey-test-key-${String(++keyCounter).padStart(6, '0')}`;

beforeEach(async () => {
  kit = await startGatewayTestKit();
  today = new Date(kit.clock.now());
});
afterEach(async () => {
  expect(kit.simulator.ledger().contractViolations).toEqual([]);
  await kit.close();
});

/** An OTP sent and verified, as the kiosk's OTP step would leave it. */
async function verifiedOtp(cpr: string, purpose: OtpPurpose, mobile: string | null = null): Promise<string> {
  const sent = await kit.client.sendOtp({ ...TEST_SESSION, cpr, mobile, purpose });
  if (!sent.ok) throw new Error(sent.failure.kind);
  const code = kit.simulator.ledger().otps.find((o) => o.otpId === sent.value.otpId)!.code;
  const verified = await kit.client.verifyOtp({ ...TEST_SESSION, otpId: sent.value.otpId, code });
  expect(verified).toMatchObject({ ok: true, value: { verified: true } });
  return sent.value.otpId;
}

/** The portal's login, which the kiosk never calls: it is how accounts get locked. */
async function portalLogin(cpr: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${kit.simulator.url}/ekey/accounts/${cpr}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-id': TEST_KIOSK_ID, 'x-session-id': TEST_SESSION.sessionId },
    body: JSON.stringify({ password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('eKey status and registration', () => {
  it('reports not-registered, basic, advanced and locked accounts', async () => {
    const status = async (scenario: Parameters<typeof fictionalPerson>[1]) => kit.client.getEkeyAccount({ ...TEST_SESSION, cpr: fictionalPerson(today, scenario).cpr });
    expect(await status('valid-adult')).toEqual({ ok: true, value: { status: 'not-registered', level: null, maskedMobile: null } });
    expect(await status('ekey-basic-registered')).toMatchObject({ ok: true, value: { status: 'active', level: 'basic', maskedMobile: '****0006' } });
    expect(await status('foreign-resident')).toMatchObject({ ok: true, value: { level: 'advanced' } });
    expect(await status('ekey-locked')).toMatchObject({ ok: true, value: { status: 'locked' } });
  });

  it('registers basic with a verified OTP to the new number and a good password; the OTP works once', async () => {
    const person = fictionalPerson(today, 'valid-adult');
    const otpId = await verifiedOtp(person.cpr, 'ekey-register', '30000019');
    const registered = await kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, mobile: '30000019', otpId, password: 'Harbour#Lamp42' });
    expect(registered).toEqual({ ok: true, value: { value: { status: 'active', level: 'basic', maskedMobile: '****0019' }, replayed: false } });
    const again = await kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, mobile: '30000019', otpId, password: 'Harbour#Lamp42' });
    expect(again).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'already-registered', status: 409 } });
  });

  it('says "already registered" to someone who has an eKey', async () => {
    const person = fictionalPerson(today, 'ekey-basic-registered');
    const otpId = await verifiedOtp(person.cpr, 'ekey-register', person.mobile);
    const result = await kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, mobile: person.mobile, otpId, password: 'Harbour#Lamp42' });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'already-registered' } });
  });

  it('refuses registration without a verified OTP, or with one sent to another number or for another purpose', async () => {
    const person = fictionalPerson(today, 'valid-adult');
    const sent = await kit.client.sendOtp({ ...TEST_SESSION, cpr: person.cpr, mobile: '30000019', purpose: 'ekey-register' });
    const unverified = sent.ok ? sent.value.otpId : '';
    const attempt = (otpId: string, mobile = '30000019') => kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, mobile, otpId, password: 'Harbour#Lamp42' });
    expect(await attempt(unverified)).toMatchObject({ ok: false, failure: { code: 'otp-not-verified', status: 403 } });
    const otherNumber = await verifiedOtp(person.cpr, 'ekey-register', '30000029');
    expect(await attempt(otherNumber)).toMatchObject({ ok: false, failure: { code: 'otp-not-verified' } });
    const otherPurpose = await verifiedOtp(person.cpr, 'contact-update', '30000019');
    expect(await attempt(otherPurpose)).toMatchObject({ ok: false, failure: { code: 'otp-not-verified' } });
  });

  it('refuses a password that breaks the policy, names every rule broken, and keeps the OTP for the corrected one', async () => {
    const person = fictionalPerson(today, 'valid-adult');
    const otpId = await verifiedOtp(person.cpr, 'ekey-register', '30000019');
    const register = (password: string) => kit.client.registerEkey({ ...TEST_SESSION, idempotencyKey: 'ekey-register-same-key', cpr: person.cpr, mobile: '30000019', otpId, password });
    const weak = await register('short');
    expect(weak).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'password-policy', status: 422 } });
    expect(!weak.ok && weak.failure.kind === 'rejected' && weak.failure.problem.violations).toEqual(['too-short', 'no-upper', 'no-digit', 'no-symbol']);
    const personal = await register(`Pass#${person.cpr}x`);
    expect(!personal.ok && personal.failure.kind === 'rejected' && personal.failure.problem.violations).toEqual(['contains-cpr']);
    const named = await register('MyPerson#2030');
    expect(!named.ok && named.failure.kind === 'rejected' && named.failure.problem.violations).toEqual(['contains-name']);
    expect(await register('Harbour#Lamp42')).toMatchObject({ ok: true, value: { value: { level: 'basic' } } });
  });
});

describe('eKey advanced level', () => {
  it('refuses a minor with under-age, even with a matched fingerprint', async () => {
    const minor = fictionalPerson(today, 'minor');
    const result = await kit.client.upgradeEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: minor.cpr, fingerprintVerified: true, cardSerial: minor.card.serial });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'under-age', status: 422 } });
    const eligibility = await kit.client.checkEligibility({ ...TEST_SESSION, cpr: minor.cpr, serviceId: 'ekey-upgrade' });
    expect(eligibility).toMatchObject({ ok: true, value: { eligible: false, reasons: [{ code: 'under-age' }] } });
  });

  it('needs a matched fingerprint, a basic account, and is refused when already advanced', async () => {
    const basic = fictionalPerson(today, 'ekey-basic-registered');
    const upgrade = (cpr: string, fingerprintVerified: boolean, idempotencyKey = key()) =>
      kit.client.upgradeEkey({ ...TEST_SESSION, idempotencyKey, cpr, fingerprintVerified, cardSerial: basic.card.serial });
    expect(await upgrade(basic.cpr, false)).toMatchObject({ ok: false, failure: { code: 'fingerprint-not-verified' } });
    expect(await upgrade(fictionalPerson(today, 'valid-adult').cpr, true)).toMatchObject({ ok: false, failure: { code: 'not-registered', status: 409 } });
    expect(await upgrade(fictionalPerson(today, 'foreign-resident').cpr, true)).toMatchObject({ ok: false, failure: { code: 'already-advanced' } });
    const upgradeKey = key();
    expect(await upgrade(basic.cpr, true, upgradeKey)).toMatchObject({ ok: true, value: { level: 'advanced' } });
    // The same request again (a retry after a lost answer) is a replay, not "already advanced".
    expect(await upgrade(basic.cpr, true, upgradeKey)).toMatchObject({ ok: true, value: { level: 'advanced' } });
  });
});

describe('eKey lockout, unlock and password reset', () => {
  it('locks after five failed logins; a locked account cannot be upgraded; unlock with an OTP opens it', async () => {
    const person = fictionalPerson(today, 'ekey-basic-registered');
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await portalLogin(person.cpr, 'Wrong#Password1'));
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 401, 423]);
    expect(tries[3]!.body).toMatchObject({ code: 'invalid-credentials', attemptsLeft: 1 });
    expect((await portalLogin(person.cpr, 'Kiosk#Current60')).status).toBe(423);
    expect(await kit.client.getEkeyAccount({ ...TEST_SESSION, cpr: person.cpr })).toMatchObject({ ok: true, value: { status: 'locked' } });
    expect(await kit.client.upgradeEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, fingerprintVerified: true, cardSerial: person.card.serial })).toMatchObject({
      ok: false,
      failure: { code: 'account-locked', status: 423 },
    });

    const otpId = await verifiedOtp(person.cpr, 'ekey-unlock');
    expect(await kit.client.unlockEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, otpId })).toMatchObject({ ok: true, value: { status: 'active' } });
    expect((await portalLogin(person.cpr, 'Kiosk#Current60')).status).toBe(200);
    const again = await verifiedOtp(person.cpr, 'ekey-unlock');
    expect(await kit.client.unlockEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, otpId: again })).toMatchObject({ ok: false, failure: { code: 'not-locked' } });
  });

  it('a successful login in between starts the failed-login count again', async () => {
    const person = fictionalPerson(today, 'ekey-basic-registered');
    for (let i = 0; i < 4; i++) await portalLogin(person.cpr, 'Wrong#Password1');
    expect((await portalLogin(person.cpr, 'Kiosk#Current60')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await portalLogin(person.cpr, 'Wrong#Password1')).status).toBe(401);
  });

  it('unlock needs an OTP verified for unlocking', async () => {
    const locked = fictionalPerson(today, 'ekey-locked');
    const otpId = await verifiedOtp(locked.cpr, 'ekey-reset');
    expect(await kit.client.unlockEkey({ ...TEST_SESSION, idempotencyKey: key(), cpr: locked.cpr, otpId })).toMatchObject({ ok: false, failure: { code: 'otp-not-verified' } });
  });

  it('reset refuses any of the last five passwords, accepts an older one, and lifts a lockout', async () => {
    const person = fictionalPerson(today, 'ekey-basic-registered');
    if (person.ekey.status === 'not-registered') throw new Error('scenario changed');
    const otpId = await verifiedOtp(person.cpr, 'ekey-reset');
    const reset = (newPassword: string) => kit.client.resetEkeyPassword({ ...TEST_SESSION, idempotencyKey: key(), cpr: person.cpr, otpId, newPassword });
    const recent = [person.ekey.password, ...person.ekey.previousPasswords.slice(0, 4)];
    for (const password of recent) {
      const result = await reset(password);
      expect(result, password).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'password-reused', problem: { violations: ['reused'] } } });
    }
    expect(await reset('weakpassword')).toMatchObject({ ok: false, failure: { code: 'password-policy' } });
    kit.simulator.core.setEkeyStatus(person.cpr, 'locked');
    // The sixth-newest password has left the history.
    expect(await reset(person.ekey.previousPasswords[4]!)).toMatchObject({ ok: true, value: { status: 'active' } });
    expect((await portalLogin(person.cpr, person.ekey.previousPasswords[4]!)).status).toBe(200);
    // The OTP was used up by the successful reset.
    expect(await reset('Another#Lamp77')).toMatchObject({ ok: false, failure: { code: 'otp-not-verified' } });
  });

  it('the published policy is the one enforced', async () => {
    expect(await kit.client.getEkeyPasswordPolicy(TEST_SESSION)).toEqual({
      ok: true,
      value: { minLength: 10, maxLength: 128, requireUpper: true, requireLower: true, requireDigit: true, requireSymbol: true, forbidPersonalData: true, historySize: 5 },
    });
  });
});
