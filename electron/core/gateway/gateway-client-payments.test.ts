import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';

/** QR payments, SMS e-receipts, ratings and address lookup through the client. */
let kit: GatewayTestKit;
beforeEach(async () => {
  kit = await startGatewayTestKit();
});
afterEach(async () => {
  expect(kit.simulator.ledger().contractViolations).toEqual([]);
  await kit.close();
});

const qr = (idempotencyKey: string, amountFils = 1000) => kit.client.createQrPayment({ ...TEST_SESSION, idempotencyKey, serviceId: 'update-card-chip', amountFils, description: 'Card chip update' });

describe('QR payment', () => {
  it('is created pending with an EMV payload for the amount, polled, paid, and found again by its key', async () => {
    const created = await qr('qr-key-00000001');
    expect(created).toMatchObject({ ok: true, value: { replayed: false, value: { status: 'pending', amountFils: 1000, paidAt: null, transactionRef: null } } });
    if (!created.ok) return;
    const { paymentId, qrPayload } = created.value.value;
    expect(qrPayload).toMatch(/^000201/);
    expect(qrPayload).toContain('5303048'); // BHD
    expect(qrPayload).toContain('54051.000'); // BD 1.000
    expect(await kit.client.getQrPayment({ ...TEST_SESSION, paymentId })).toMatchObject({ ok: true, value: { status: 'pending' } });
    kit.simulator.payQr(paymentId);
    expect(await kit.client.getQrPayment({ ...TEST_SESSION, paymentId })).toMatchObject({ ok: true, value: { status: 'paid', transactionRef: expect.stringMatching(/^BP-TEST-/) } });
    expect(await kit.client.findQrPayment({ ...TEST_SESSION, idempotencyKey: 'qr-key-00000001' })).toMatchObject({ ok: true, value: { found: true, value: { paymentId, status: 'paid' } } });
    expect(await kit.client.findQrPayment({ ...TEST_SESSION, idempotencyKey: 'qr-key-unknown-1' })).toEqual({ ok: true, value: { found: false } });
  });

  it('a replayed create returns the same payment as it is now, and creates no second one', async () => {
    const first = await qr('qr-key-00000002');
    if (!first.ok) throw new Error('create failed');
    kit.simulator.payQr(first.value.value.paymentId);
    const again = await qr('qr-key-00000002');
    expect(again).toMatchObject({ ok: true, value: { replayed: true, value: { paymentId: first.value.value.paymentId, status: 'paid' } } });
    expect(kit.simulator.ledger().qrPayments).toHaveLength(1);
    expect(await qr('qr-key-00000002', 2000)).toMatchObject({ ok: false, failure: { code: 'idempotency-key-conflict' } });
  });

  it('expires after five minutes unpaid; an expired or cancelled payment cannot be paid', async () => {
    const created = await qr('qr-key-00000003');
    if (!created.ok) throw new Error('create failed');
    kit.clock.advance(5 * 60_000);
    expect(await kit.client.getQrPayment({ ...TEST_SESSION, paymentId: created.value.value.paymentId })).toMatchObject({ ok: true, value: { status: 'expired' } });
    expect(() => kit.simulator.payQr(created.value.value.paymentId)).toThrow(/expired/);
  });

  it('is cancelled while pending (twice is harmless), but a paid one cannot be cancelled', async () => {
    const a = await qr('qr-key-00000004');
    const b = await qr('qr-key-00000005');
    if (!a.ok || !b.ok) throw new Error('create failed');
    const cancel = (paymentId: string, idempotencyKey: string) => kit.client.cancelQrPayment({ ...TEST_SESSION, paymentId, idempotencyKey });
    expect(await cancel(a.value.value.paymentId, 'qr-cancel-0000001')).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(await cancel(a.value.value.paymentId, 'qr-cancel-0000002')).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    kit.simulator.payQr(b.value.value.paymentId);
    expect(await cancel(b.value.value.paymentId, 'qr-cancel-0000003')).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'payment-not-pending' } });
  });

  it('a simulated citizen can pay automatically after a delay', async () => {
    kit.simulator.core.setQrAutoPay(20_000);
    const created = await qr('qr-key-00000006');
    if (!created.ok) throw new Error('create failed');
    kit.clock.advance(19_999);
    expect(await kit.client.getQrPayment({ ...TEST_SESSION, paymentId: created.value.value.paymentId })).toMatchObject({ ok: true, value: { status: 'pending' } });
    kit.clock.advance(1);
    expect(await kit.client.getQrPayment({ ...TEST_SESSION, paymentId: created.value.value.paymentId })).toMatchObject({ ok: true, value: { status: 'paid' } });
  });
});

describe('SMS e-receipt and rating', () => {
  it('sends one SMS per key, however often it is retried', async () => {
    const send = () => kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'sms-key-0000001', mobile: '30000001', language: 'ar', reference: 'KH26-000001', text: 'تم استلام طلبك KH26-000001' });
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['sendSmsReceipt'], phase: 'after', count: 1 });
    expect(await send()).toMatchObject({ ok: true, value: { replayed: true, value: { status: 'queued' } } });
    expect(await send()).toMatchObject({ ok: true, value: { replayed: true } });
    expect(kit.simulator.ledger().smsReceipts).toHaveLength(1);
  });

  it('sends to the mobile registered for a CPR, so the kiosk never needs the number; refuses an unknown person', async () => {
    const byCpr = await kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'sms-key-0000002', cpr: '999000001', language: 'en', reference: 'KH26-000002', text: 'Receipt KH26-000002' });
    expect(byCpr).toMatchObject({ ok: true, value: { value: { status: 'queued' } } });
    expect(kit.simulator.ledger().smsReceipts.at(-1)).toMatchObject({ mobile: '30000001', reference: 'KH26-000002' });
    const nobody = await kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'sms-key-0000003', cpr: '999999999', language: 'en', reference: 'KH26-000003', text: 'Receipt KH26-000003' });
    expect(nobody).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'no-registered-mobile' } });
  });

  it("sends a status check's e-receipt to the mobile registered for the application's applicant; refuses an unknown application", async () => {
    const owner = kit.simulator.ledger().applications.find((a) => a.reference === 'KH25-000042')!;
    const byApplication = await kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'sms-key-0000004', applicationReference: 'KH25-000042', language: 'ar', reference: 'KH25-000042', text: 'KH25-000042' });
    expect(byApplication).toMatchObject({ ok: true, value: { value: { status: 'queued' } } });
    const registered = kit.simulator.core.state().people.get(owner.cpr)!.mobile;
    expect(kit.simulator.ledger().smsReceipts.at(-1)).toMatchObject({ mobile: registered, reference: 'KH25-000042' });
    const unknown = await kit.client.sendSmsReceipt({ ...TEST_SESSION, idempotencyKey: 'sms-key-0000005', applicationReference: 'KH25-999999', language: 'en', reference: 'KH25-999999', text: 'KH25-999999' });
    expect(unknown).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'not-found' } });
    expect(kit.simulator.ledger().contractViolations).toEqual([]);
  });

  it('records a rating with its optional reason', async () => {
    const rated = await kit.client.submitRating({ ...TEST_SESSION, idempotencyKey: 'rating-key-00001', serviceId: 'renew-id-card', score: 4, reason: null, applicationReference: null });
    expect(rated).toMatchObject({ ok: true, value: { replayed: false } });
    expect(kit.simulator.ledger().ratings).toMatchObject([{ serviceId: 'renew-id-card', score: 4, reason: null }]);
    const bad = await kit.client.submitRating({ ...TEST_SESSION, idempotencyKey: 'rating-key-00002', serviceId: 'renew-id-card', score: 6, reason: null, applicationReference: null });
    expect(bad).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'validation-failed' } });
  });
});

describe('address lookup and fees', () => {
  it('finds a building and its flats, one flat, a house, and nothing for an unknown building', async () => {
    const find = (block: string, road: string, building: string, flat: string | null = null) => kit.client.lookupAddress({ ...TEST_SESSION, block, road, building, flat });
    const building = await find('997', '9971', '12A');
    expect(building.ok && building.value.matches.map((m) => m.flat)).toEqual(['1', '2', '3', '21']);
    expect(building.ok && building.value.matches[0]!.area).toEqual({ ar: 'المنطقة التجريبية الشرقية', en: 'Test Area East' });
    expect(await find('997', '9971', '12A', '21')).toMatchObject({ ok: true, value: { matches: [{ flat: '21' }] } });
    expect(await find('997', '9971', '14')).toMatchObject({ ok: true, value: { matches: [{ flat: null }] } });
    expect(await find('997', '9971', '99')).toEqual({ ok: true, value: { matches: [] } });
    expect(await find('12', '9971', '12A')).toMatchObject({ ok: false, failure: { code: 'validation-failed' } });
  });

  it('gives the fee schedule in fils, whole or for one service', async () => {
    expect(await kit.client.getFeeSchedule({ ...TEST_SESSION, serviceId: 'update-card-chip' })).toEqual({
      ok: true,
      value: { currency: 'BHD', effectiveFrom: '2026-01-01', fees: [{ serviceId: 'update-card-chip', feeFils: 1000 }] },
    });
    const all = await kit.client.getFeeSchedule(TEST_SESSION);
    expect(all.ok && all.value.fees.length).toBeGreaterThan(5);
  });
});
