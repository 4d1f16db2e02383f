import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import type { GatewayPort } from '../flow/flow-ports.ts';
import { createFlowGatewayPort } from './flow-gateway-port.ts';

/** The flow runtime's GatewayPort, backed by the client and the simulator. */
let kit: GatewayTestKit;
let port: GatewayPort;
const signal = new AbortController().signal;
const sessionId = TEST_SESSION.sessionId;

beforeEach(async () => {
  kit = await startGatewayTestKit();
  port = createFlowGatewayPort({ client: kit.client, clock: kit.clock });
});
afterEach(async () => {
  expect(kit.simulator.ledger().contractViolations).toEqual([]);
  await kit.close();
});

const submit = () =>
  port.submitApplication({ serviceId: 'update-address', applicationType: 'ADDRESS_UPDATE', cpr: '999000001', data: {}, idempotencyKey: `${sessionId}:update-address:1`, sessionId, payment: null }, signal);

describe('flow gateway port', () => {
  it('submits, finds the submission by key, and reads the status', async () => {
    const submitted = await submit();
    expect(submitted).toEqual({ ok: true, value: { reference: expect.stringMatching(/^KH\d\d-\d{6}$/), status: 'received' } });
    const reference = submitted.ok ? submitted.value.reference : '';
    expect(await port.findSubmission(`${sessionId}:update-address:1`, signal)).toEqual({ ok: true, value: { found: true, receipt: { reference, status: 'received' } } });
    expect(await port.findSubmission('never-used-key-1', signal)).toEqual({ ok: true, value: { found: false } });
    expect(await port.applicationStatus(reference, signal)).toMatchObject({ ok: true, value: { reference, status: 'received' } });
  });

  it('narrows failures to kind and code', async () => {
    expect(await port.applicationStatus('KH99-999999', signal)).toEqual({ ok: false, failure: { kind: 'rejected', code: 'not-found' } });
    kit.simulator.setFaults({ mode: 'wrong-shape', endpoints: ['getApplicationStatus'] });
    expect(await port.applicationStatus('KH25-000042', signal)).toEqual({ ok: false, failure: { kind: 'invalid-response' } });
  });

  it('a paid service needs the payment proof; without it the gateway refuses rather than serving for free', async () => {
    const key = `${sessionId}:update-card-chip:1`;
    const base = { serviceId: 'update-card-chip', applicationType: 'CHIP_UPDATE', cpr: '999000001', data: {}, idempotencyKey: key, sessionId, payment: null };
    expect(await port.submitApplication(base, signal)).toEqual({ ok: false, failure: { kind: 'rejected', code: 'payment-required' } });
    const withProof = { ...base, payment: { method: 'card' as const, amountFils: 1000, transactionRef: 'ZVT-000777' } };
    expect(await port.submitApplication(withProof, signal)).toMatchObject({ ok: true, value: { status: 'received' } });
  });

  it('checks addresses and reads the registered one', async () => {
    expect(await port.addressExists({ block: '997', road: '9971', building: '12A' }, signal)).toEqual({ ok: true, value: { exists: true } });
    expect(await port.addressExists({ block: '997', road: '9971', building: '404' }, signal)).toEqual({ ok: true, value: { exists: false } });
    expect(await port.registeredAddress('999000002', signal)).toEqual({ ok: true, value: { block: '999', road: '9902', building: '22A', flat: null } });
  });

  it('sends and verifies an OTP', async () => {
    const sent = await port.sendOtp({ cpr: '999000001', mobile: '30000009', sessionId }, signal);
    expect(sent).toMatchObject({ ok: true, value: { expiresInSeconds: 300 } });
    const otpId = sent.ok ? sent.value.otpId : '';
    const code = kit.simulator.ledger().otps.find((o) => o.otpId === otpId)!.code;
    expect(kit.simulator.ledger().otps[0]).toMatchObject({ purpose: 'identity-check' });
    expect(await port.verifyOtp({ otpId, code }, signal)).toEqual({ ok: true, value: { verified: true, attemptsLeft: 3, expired: false } });
  });

  it('creates a QR payment and polls it to paid', async () => {
    const created = await port.createQrPayment({ amountFils: 2000, idempotencyKey: `${sessionId}:qr:1`, sessionId }, signal);
    expect(created).toMatchObject({ ok: true, value: { expiresInSeconds: 300, qrPayload: expect.stringMatching(/^000201/) } });
    const paymentId = created.ok ? created.value.paymentId : '';
    expect(await port.qrPaymentStatus(paymentId, signal)).toEqual({ ok: true, value: { status: 'pending', reference: null } });
    kit.simulator.payQr(paymentId);
    expect(await port.qrPaymentStatus(paymentId, signal)).toEqual({ ok: true, value: { status: 'paid', reference: expect.stringMatching(/^BP-TEST-/) } });
  });

  it('sends one rating per session and service, however often it is sent', async () => {
    expect(await port.submitRating({ serviceId: 'renew-id-card', sessionId, score: 5, reason: null }, signal)).toEqual({ ok: true, value: null });
    expect(await port.submitRating({ serviceId: 'renew-id-card', sessionId, score: 5, reason: null }, signal)).toEqual({ ok: true, value: null });
    expect(kit.simulator.ledger().ratings).toHaveLength(1);
  });
});
