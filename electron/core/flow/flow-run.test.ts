import { describe, expect, it } from 'vitest';
import { serviceOf, startFlow } from './testing/flow-harness.ts';
import type { fakePorts } from './testing/fake-ports.ts';
import { settle, testCard } from './testing/fake-ports.ts';

const t = (en: string) => ({ ar: `ع ${en}`, en });

const defineService = (steps: unknown[], feeFils = 0) => serviceOf(steps, { feeFils });

const CARD_IN = { id: 'card', kind: 'card-in', title: t('Insert'), eligibility: [{ fact: 'citizen.age', op: 'gte', value: 15, message: t('Too young') }] };
const PIN = { id: 'pin', kind: 'pin', title: t('PIN'), mode: 'verify' };
const REVIEW = { id: 'review', kind: 'review', title: t('Review'), rows: [{ label: t('Name'), value: 'card.nameEn' }] };
const SUBMIT = { id: 'submit', kind: 'submit', title: t('Submit'), applicationType: 'ID_STATEMENT', include: ['card.cpr'] };
const CARD_OUT = { id: 'out', kind: 'card-out', title: t('Take'), waitSeconds: 30 };
const RATING = { id: 'rate', kind: 'rating', title: t('Rate'), reasons: [] };
const DONE = { id: 'done', kind: 'done', title: t('Done'), body: t('All done') };

function setup(steps: unknown[], before: (fake: ReturnType<typeof fakePorts>) => void = () => {}) {
  return startFlow(defineService(steps), { before, idempotencyKey: 'idem-test-0001' });
}

describe('FlowRun', () => {
  it('runs a card service end to end and gives the card back', async () => {
    const f = setup([CARD_IN, PIN, REVIEW, SUBMIT, CARD_OUT, RATING, DONE]);
    expect(f.step().kind).toBe('insert-card');
    await settle();
    expect(f.step()).toMatchObject({ kind: 'pin', mode: 'verify' });
    await f.submit({ pin: '1234' });
    expect(f.step()).toMatchObject({ kind: 'review', rows: [{ value: 'Test Person' }] });
    await f.submit();
    expect(f.run.data.application?.reference).toBe('APP-2026-000123');
    expect(f.fake.submitted).toEqual([{ idempotencyKey: 'idem-test-0001', data: { 'card.cpr': '000000018' } }]);
    expect(f.step().kind).toBe('rating');
    expect(f.fake.cardInside()).toBe(false);
    await f.submit({ score: 5 });
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'success' });
    await f.submit();
    expect(f.ended).toEqual(['completed']);
    expect(f.fake.calls).toEqual(['readCard', 'verifyPin', 'submit', 'release', 'rating']);
  });

  it('a minor is refused by the eligibility rule, told why, and gets the card back', async () => {
    const f = setup([CARD_IN, PIN, SUBMIT, CARD_OUT, DONE], (fake) => fake.queues.read.push({ kind: 'read', card: testCard({ dateOfBirth: '2015-01-01' }) }));
    const before = f.changes();
    await settle();
    expect(f.step()).toMatchObject({ kind: 'message', tone: 'error', body: { en: 'Too young' } });
    // The page must be told: the failure pushes a new view.
    expect(f.changes()).toBeGreaterThan(before);
    expect(f.run.view().frame.canCancel).toBe(false);
    await f.submit();
    expect(f.fake.calls).toContain('release');
    expect(f.ended).toEqual(['failed']);
    expect(f.fake.calls).not.toContain('submit');
  });

  it('three wrong PINs: tries left shown, then blocked and the card returned', async () => {
    const f = setup([CARD_IN, PIN, SUBMIT, CARD_OUT, DONE]);
    await settle();
    await f.submit({ pin: '0000' });
    expect(f.step()).toMatchObject({ kind: 'pin', triesLeft: 2, error: { en: 'That PIN is not correct.' } });
    await f.submit({ pin: '1111' });
    expect(f.step()).toMatchObject({ triesLeft: 1 });
    await f.submit({ pin: '2222' });
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('blocked') } });
    await f.submit();
    expect(f.ended).toEqual(['failed']);
    expect(f.fake.calls.filter((c) => c === 'release')).toHaveLength(1);
  });

  it('PINs are accepted in Arabic-Indic digits and malformed PINs never reach the card', async () => {
    const f = setup([CARD_IN, PIN, SUBMIT, CARD_OUT, DONE]);
    await settle();
    await f.submit({ pin: '12' });
    expect(f.fake.calls).not.toContain('verifyPin');
    expect(f.step()).toMatchObject({ error: { en: 'A PIN has 4 to 8 digits.' } });
    await f.submit({ pin: '١٢٣٤' });
    expect(f.fake.calls).toContain('verifyPin');
    expect(f.fake.calls).toContain('submit');
  });

  it('cancel before the submit gives the card back and ends; after the submit there is no cancel', async () => {
    const f = setup([CARD_IN, PIN, REVIEW, SUBMIT, CARD_OUT, DONE]);
    await settle();
    expect(f.run.cancel().ok).toBe(true);
    await settle();
    expect(f.ended).toEqual(['cancelled']);
    expect(f.fake.calls).toEqual(['readCard', 'release']);

    const g = setup([CARD_IN, SUBMIT, { ...CARD_OUT }, DONE]);
    g.fake.queues.submit.push(new Promise(() => {}) as never);
    await settle();
    expect(g.run.view().frame.canCancel).toBe(false);
    expect(g.run.cancel()).toMatchObject({ ok: false });
    expect(g.run.back()).toMatchObject({ ok: false });
  });

  it('gateway down at submit: the citizen is told nothing was submitted and gets the card back', async () => {
    const f = setup([CARD_IN, SUBMIT, CARD_OUT, DONE]);
    f.fake.queues.submit.push({ ok: false, failure: { kind: 'unavailable' } });
    await settle();
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('Nothing was submitted') } });
    await f.submit();
    expect(f.ended).toEqual(['failed']);
    expect(f.fake.cardInside()).toBe(false);
  });

  it('a card pulled during reading asks for it again', async () => {
    const f = setup([CARD_IN, CARD_OUT, DONE], (fake) => fake.queues.read.push({ kind: 'removed' }));
    await settle();
    expect(f.fake.calls.filter((c) => c === 'readCard')).toHaveLength(2);
    expect(f.run.currentStep.kind).not.toBe('card-in');
  });

  it('no card inserted within the step timeout ends the service in words', async () => {
    const f = setup([CARD_IN, CARD_OUT, DONE], (fake) => fake.queues.read.push(new Promise(() => {}) as never));
    f.clock.advance(90_000);
    await settle();
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('No card was inserted') } });
  });

  it('fingerprint fails three times → the alternative path, never a dead end', async () => {
    const ALT = { id: 'counter', kind: 'info', title: t('Counter'), body: t('Visit the counter'), next: 'out' };
    const FP = { id: 'finger', kind: 'fingerprint', title: t('Finger'), maxAttempts: 3, alternative: 'counter' };
    const f = setup([CARD_IN, FP, { ...DONE, id: 'ok-done' }, ALT, CARD_OUT, DONE]);
    f.fake.queues.finger.push({ kind: 'no-match' }, { kind: 'poor-quality' }, { kind: 'no-match' });
    await settle();
    expect(f.fake.calls.filter((c) => c === 'fingerprint')).toHaveLength(3);
    expect(f.step()).toMatchObject({ kind: 'info', body: { en: 'Visit the counter' } });
  });

  it('the alternative is available at any time on the fingerprint step', async () => {
    const ALT = { id: 'counter', kind: 'info', title: t('Counter'), body: t('Visit the counter'), next: 'out' };
    const FP = { id: 'finger', kind: 'fingerprint', title: t('Finger'), maxAttempts: 3, alternative: 'counter' };
    const f = setup([CARD_IN, FP, { ...DONE, id: 'ok-done' }, ALT, CARD_OUT, DONE]);
    f.fake.queues.finger.push(new Promise(() => {}) as never);
    await settle();
    expect(f.step()).toMatchObject({ kind: 'fingerprint', alternativeLabel: { en: 'I cannot use my fingerprint' } });
    await f.submit({ alternative: true });
    expect(f.step()).toMatchObject({ kind: 'info', body: { en: 'Visit the counter' } });
  });

  it('OTP: wrong code shows attempts left; three wrong codes end the service', async () => {
    const FORM = { id: 'contact', kind: 'form', title: t('Contact'), fields: [{ id: 'mobile', label: t('Mobile'), type: 'mobile', required: true, maxLength: 12 }] };
    const OTP = { id: 'otp', kind: 'otp', title: t('Code'), mobile: 'values.contact.mobile' };
    const f = setup([FORM, OTP, DONE]);
    await f.submit({ mobile: '36001234' });
    expect(f.step()).toMatchObject({ kind: 'otp', sentTo: '••••1234', attemptsLeft: 3 });
    f.fake.queues.verifyOtp.push(
      { ok: true, value: { verified: false, attemptsLeft: 2, expired: false } },
      { ok: true, value: { verified: false, attemptsLeft: 1, expired: false } },
      { ok: true, value: { verified: false, attemptsLeft: 0, expired: false } },
    );
    await f.submit({ code: '000000' });
    expect(f.step()).toMatchObject({ kind: 'otp', attemptsLeft: 2 });
    await f.submit({ code: '000001' });
    await f.submit({ code: '000002' });
    expect(f.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('too many times') } });
  });

  it('an expired OTP can be resent', async () => {
    const FORM = { id: 'contact', kind: 'form', title: t('Contact'), fields: [{ id: 'mobile', label: t('Mobile'), type: 'mobile', required: true, maxLength: 12 }] };
    const OTP = { id: 'otp', kind: 'otp', title: t('Code'), mobile: 'values.contact.mobile' };
    const f = setup([FORM, OTP, DONE]);
    await f.submit({ mobile: '36001234' });
    f.fake.queues.verifyOtp.push({ ok: true, value: { verified: false, attemptsLeft: 3, expired: true } });
    await f.submit({ code: '123456' });
    expect(f.step()).toMatchObject({ kind: 'otp', canResend: true, error: { en: expect.stringContaining('expired') } });
    await f.submit({ resend: true });
    expect(f.fake.calls.filter((c) => c === 'sendOtp')).toHaveLength(2);
    await f.submit({ code: '123456' });
    expect(f.step().kind).toBe('message');
  });

  it('the page cannot answer a step that is not on screen', async () => {
    const f = setup([CARD_IN, PIN, SUBMIT, CARD_OUT, DONE]);
    await settle();
    expect(f.run.submit('submit', {})).toMatchObject({ ok: false });
    expect(f.fake.calls).not.toContain('submit');
  });

  it('wiping the session mid-service returns (or retains) the card, journals the possible capture, and stops all step work', async () => {
    const f = setup([CARD_IN, PIN, SUBMIT, CARD_OUT, DONE]);
    await settle();
    f.run.dispose('idle-timeout');
    await settle();
    expect(f.fake.calls).toContain('release');
    expect(f.journal.search({ action: 'capture' })[0]).toMatchObject({ outcome: { result: 'canceled', detail: { result: 'taken' } } });
    await f.submit({ pin: '1234' });
    expect(f.fake.calls).not.toContain('verifyPin');
  });

  it('back walks to the previous answered step, skipping automatic ones, then leaves', async () => {
    const f = setup([CARD_IN, PIN, REVIEW, SUBMIT, CARD_OUT, DONE]);
    await settle();
    await f.submit({ pin: '1234' });
    expect(f.step().kind).toBe('review');
    f.run.back();
    expect(f.step().kind).toBe('pin');
    f.run.back();
    await settle();
    expect(f.ended).toEqual(['back']);
    expect(f.fake.cardInside()).toBe(false);
  });

  it('application status lookup: found and not found', async () => {
    const FORM = { id: 'ref', kind: 'form', title: t('Reference'), fields: [{ id: 'reference', label: t('Ref'), type: 'reference', required: true, maxLength: 20 }] };
    const LOOKUP = { id: 'lookup', kind: 'lookup', title: t('Looking'), query: { call: 'application-status', reference: 'values.ref.reference' } };
    const SHOW = { id: 'show', kind: 'review', title: t('Status'), rows: [{ label: t('Status'), value: 'lookup.status' }] };
    const f = setup([FORM, LOOKUP, SHOW, DONE]);
    await f.submit({ reference: 'app-2026-000123' });
    expect(f.step()).toMatchObject({ kind: 'review', rows: [{ value: { en: 'Ready for collection', ar: 'جاهزة للاستلام' } }] });
    await f.submit();
    // No card, no typed number: the e-receipt names the application and the SMS goes to its applicant's registered number.
    expect(f.step()).toMatchObject({ kind: 'message', qrPayload: expect.stringContaining('APP-2026-000123'), smsReceipt: 'offer' });
    await f.submit({ sendSms: true });
    expect(f.fake.smsSent).toMatchObject([{ to: { applicationReference: 'APP-2026-000123' }, reference: 'APP-2026-000123' }]);
    expect(f.step()).toMatchObject({ smsReceipt: 'sent' });
    const g = setup([FORM, LOOKUP, SHOW, DONE]);
    await g.submit({ reference: 'APP-2026-999999' });
    expect(g.step()).toMatchObject({ kind: 'message', body: { en: expect.stringContaining('found no application') } });
  });
});

describe('scanner input', () => {
  it('a scanned reference answers the reference form; elsewhere it is ignored', async () => {
    const FORM = { id: 'ref', kind: 'form', title: t('Reference'), fields: [{ id: 'reference', label: t('Ref'), type: 'reference', required: true, maxLength: 20 }] };
    const LOOKUP = { id: 'lookup', kind: 'lookup', title: t('Looking'), query: { call: 'application-status', reference: 'values.ref.reference' } };
    const SHOW = { id: 'show', kind: 'review', title: t('Status'), rows: [{ label: t('Status'), value: 'lookup.status' }] };
    const f = setup([FORM, LOOKUP, SHOW, DONE]);
    expect(f.run.acceptScan('APP-2026-000123')).toBe(true);
    await settle();
    expect(f.step()).toMatchObject({ kind: 'review', rows: [{ value: { en: 'Ready for collection', ar: 'جاهزة للاستلام' } }] });
    expect(f.run.acceptScan('APP-2026-000123')).toBe(false);
  });
});
