import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedService, startFlow } from './testing/flow-harness.ts';
import { FLOW_TEXT } from './flow-texts.ts';
import type { fakePorts } from './testing/fake-ports.ts';
import { settle, testCard } from './testing/fake-ports.ts';

/**
 * The shipped eKey services (resources/services/ekey-*.json), run through the
 * flow runtime with scriptable ports: the paths a citizen can take, the
 * refusals they must understand, and what the kiosk keeps (no secret).
 */
const GOOD = 'Harbour-Lamp7!';

function setup(serviceId: string, before: (fake: ReturnType<typeof fakePorts>) => void = () => {}) {
  const f = startFlow(shippedService(serviceId), { before });
  /** Card in, PIN, and on to whatever follows. */
  const cardAndPin = async () => {
    await settle();
    expect(f.step()).toMatchObject({ kind: 'pin' });
    await f.submit({ pin: '1234' });
  };
  const journalBytes = () => {
    f.journal.close();
    return readFileSync(f.journalFile).toString('latin1') + readFileSync(`${f.journalFile}-wal`, { flag: 'a+' }).toString('latin1');
  };
  return { ...f, cardAndPin, journalBytes };
}

/** Card taken, rating skipped: the final screen. */
async function toFinalScreen(f: ReturnType<typeof setup>) {
  expect(f.step()).toMatchObject({ kind: 'rating' });
  await f.submit({ skip: true });
  expect(f.step()).toMatchObject({ kind: 'message', tone: 'success' });
}

describe('register for eKey', () => {
  it('card, PIN, mobile, SMS code, password: registered; the password went to the gateway once and is kept nowhere', async () => {
    const f = setup('ekey-register');
    await f.cardAndPin();
    expect(f.step()).toMatchObject({ kind: 'form' });
    await f.submit({ mobile: '36001234' });
    expect(f.fake.otpRequests).toEqual([{ mobile: '36001234', purpose: 'ekey-register' }]);
    await f.submit({ code: '123456' });
    expect(f.step()).toMatchObject({ kind: 'password', rules: { minLength: 10, requireSymbol: true } });
    await f.submit({ password: GOOD, confirm: GOOD });
    expect(f.fake.ekey.changes).toEqual([expect.objectContaining({ action: 'register', mobile: '36001234', otpId: 'otp-1', password: GOOD })]);
    expect(f.run.data.secrets.password).toBeNull();
    await toFinalScreen(f);
    expect(f.step()).toMatchObject({ body: { en: expect.stringMatching(/Reference: KSK-2026-/) }, qrPayload: expect.stringContaining('KSK-2026-'), smsReceipt: 'offer' });
    await f.submit({ sendSms: true });
    expect(f.step()).toMatchObject({ smsReceipt: 'sent' });
    expect(f.fake.smsSent[0]).toMatchObject({ to: { mobile: '36001234' }, reference: expect.stringMatching(/^KSK-2026-/) });
    await f.submit();
    expect(f.ended).toEqual(['completed']);
    const rows = f.journal.search({ limit: 50 });
    expect(rows.find((r) => r.action === 'ekey')).toMatchObject({ detail: { change: 'register', attempt: 1 }, outcome: { result: 'success', detail: { level: 'basic' } } });
    expect(rows.find((r) => r.action === 'sms')?.outcome?.result).toBe('success');
    const bytes = f.journalBytes();
    expect(bytes).not.toContain(GOOD);
    expect(bytes).not.toContain('36001234');
    expect(bytes).not.toContain('1234"');
    expect(f.log.text()).not.toContain(GOOD);
  });

  it('someone who already has an eKey is told so, with the way forward, and gets the card back', async () => {
    const f = setup('ekey-register', (fake) => (fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0006' }));
    await f.cardAndPin();
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: FLOW_TEXT.ekeyAlreadyRegistered });
    expect(f.fake.otpRequests).toEqual([]);
  });

  it('a password that breaks the policy, contains the name on the card, or is typed differently twice is refused in words, and nothing is sent', async () => {
    const f = setup('ekey-register');
    await f.cardAndPin();
    await f.submit({ mobile: '36001234' });
    await f.submit({ code: '123456' });
    await f.submit({ password: 'short', confirm: 'short' });
    expect(f.step()).toMatchObject({ kind: 'password', violations: expect.arrayContaining(['too-short', 'no-upper', 'no-digit']), error: FLOW_TEXT.passwordBreaksRules });
    await f.submit({ password: 'Person-Lamp77', confirm: 'Person-Lamp77' });
    expect(f.step()).toMatchObject({ kind: 'password', violations: ['contains-name'] });
    await f.submit({ password: GOOD, confirm: `${GOOD}x` });
    expect(f.step()).toMatchObject({ kind: 'password', violations: ['mismatch'], error: FLOW_TEXT.passwordMismatch });
    expect(f.fake.ekey.changes).toEqual([]);
  });

  it('a recent password refused by the gateway sends the citizen back to choose another; the new try has a new key', async () => {
    const f = setup('ekey-register', (fake) => fake.queues.ekeyChange.push({ ok: false, failure: { kind: 'rejected', code: 'password-reused', violations: ['reused'] } }));
    await f.cardAndPin();
    await f.submit({ mobile: '36001234' });
    await f.submit({ code: '123456' });
    await f.submit({ password: GOOD, confirm: GOOD });
    expect(f.step()).toMatchObject({ kind: 'password', violations: ['reused'], error: FLOW_TEXT.passwordReused });
    await f.submit({ password: 'Quiet-Orbit42?', confirm: 'Quiet-Orbit42?' });
    expect(f.step()).toMatchObject({ kind: 'rating' });
    const tries = f.journal.search({ action: 'ekey', limit: 10 }).sort((a, b) => a.id - b.id);
    expect(tries.map((t) => [t.idempotencyKey.split(':').slice(3).join(':'), t.outcome?.result])).toEqual([
      ['ekey-register:1', 'failed'],
      ['ekey-register:2', 'success'],
    ]);
  });

  it('the gateway down midway: a clear message, the change journaled as failed, the card returned', async () => {
    const f = setup('ekey-register', (fake) => fake.queues.ekeyChange.push({ ok: false, failure: { kind: 'unavailable' } }));
    await f.cardAndPin();
    await f.submit({ mobile: '36001234' });
    await f.submit({ code: '123456' });
    await f.submit({ password: GOOD, confirm: GOOD });
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: FLOW_TEXT.gatewayDown });
    expect(f.journal.search({ action: 'ekey', limit: 10 })[0]?.outcome?.result).toBe('failed');
    await f.submit();
    expect(f.fake.cardInside()).toBe(false);
  });
});

describe('upgrade eKey to advanced', () => {
  it('a matching fingerprint upgrades a basic eKey', async () => {
    const f = setup('ekey-upgrade', (fake) => (fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0001' }));
    await f.cardAndPin();
    await settle();
    expect(f.fake.ekey.changes).toEqual([expect.objectContaining({ action: 'upgrade', fingerprintVerified: true, cardSerial: 'TST000001' })]);
    await toFinalScreen(f);
    expect(f.run.data.ekey?.level).toBe('advanced');
  });

  it('a card holder under 15 is refused with the reason before anything else', async () => {
    const f = setup('ekey-upgrade', (fake) => fake.queues.read.push({ kind: 'read', card: testCard({ dateOfBirth: '2014-01-01' }) }));
    await settle();
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: { en: expect.stringContaining('aged 15 and over') } });
    expect(f.fake.calls).not.toContain('ekeyAccount');
  });

  it('three fingerprint mismatches lead to the alternative: a reference for a counter or a video call, never a dead end', async () => {
    const f = setup('ekey-upgrade', (fake) => {
      fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0001' };
      fake.queues.finger.push({ kind: 'no-match' }, { kind: 'no-match' }, { kind: 'no-match' });
    });
    await f.cardAndPin();
    await settle();
    expect(f.step()).toMatchObject({ kind: 'info', body: { en: expect.stringContaining('video call') } });
    await f.submit();
    await toFinalScreen(f);
    expect(f.run.currentStep.id).toBe('alt-done');
    expect(f.step()).toMatchObject({ body: { en: expect.stringContaining('Reference: KSK-') }, qrPayload: expect.stringContaining('KSK-') });
    expect(f.fake.ekey.changes).toEqual([]);
  });

  it('an account the gateway locks mid-flow: the citizen is told to unlock it first', async () => {
    const f = setup('ekey-upgrade', (fake) => {
      fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0001' };
      fake.queues.ekeyChange.push({ ok: false, failure: { kind: 'rejected', code: 'account-locked' } });
    });
    await f.cardAndPin();
    await settle();
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: FLOW_TEXT.ekeyLocked });
  });
});

describe('reset password, unlock, status', () => {
  it('reset: the code goes to the number on record, the new password replaces the old', async () => {
    const f = setup('ekey-reset-password', (fake) => (fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0006' }));
    await f.cardAndPin();
    await settle();
    expect(f.fake.otpRequests).toEqual([{ mobile: null, purpose: 'ekey-reset' }]);
    await f.submit({ code: '123456' });
    await f.submit({ password: GOOD, confirm: GOOD });
    expect(f.fake.ekey.changes).toEqual([expect.objectContaining({ action: 'reset-password', otpId: 'otp-1', password: GOOD })]);
    await toFinalScreen(f);
    // No typed mobile: the e-receipt SMS goes to the number registered for the CPR.
    await f.submit({ sendSms: true });
    expect(f.fake.smsSent[0]).toMatchObject({ to: { cpr: '000000018' } });
  });

  it('unlock: an account that is not locked needs no unlocking, and the citizen is told so', async () => {
    const f = setup('ekey-unlock', (fake) => (fake.ekey.account = { status: 'active', level: 'basic', maskedMobile: '****0006' }));
    await f.cardAndPin();
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: FLOW_TEXT.ekeyNotLocked });
  });

  it('unlock: a locked account is unlocked after the code', async () => {
    const f = setup('ekey-unlock', (fake) => (fake.ekey.account = { status: 'locked', level: 'basic', maskedMobile: '****0007' }));
    await f.cardAndPin();
    await settle();
    await f.submit({ code: '123456' });
    expect(f.fake.ekey.changes).toEqual([expect.objectContaining({ action: 'unlock', otpId: 'otp-1' })]);
    expect(f.run.data.ekey?.status).toBe('active');
  });

  it('status: the account in words', async () => {
    const f = setup('ekey-status', (fake) => (fake.ekey.account = { status: 'locked', level: 'basic', maskedMobile: '****0007' }));
    await f.cardAndPin();
    expect(f.step()).toMatchObject({
      kind: 'review',
      rows: [{ value: { en: 'Locked after wrong login attempts' } }, { value: { en: 'Basic' } }, { value: '****0007' }],
    });
  });
});
