import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayTestKit, TEST_KIOSK_ID, TEST_SESSION, type GatewayTestKit } from '../../../native-mocks/gateway/testing/gateway-test-kit.ts';
import type { ApplicationInput } from './gateway-client.ts';

/**
 * The client against the gateway simulator, fault by fault: what is retried
 * (only idempotent calls), what each fault becomes in the error union, and
 * the circuit breaker on the shared manual clock.
 */
const CPR = '999000001';
const citizenCall = { ...TEST_SESSION, cpr: CPR };

function application(idempotencyKey: string, overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    ...TEST_SESSION,
    idempotencyKey,
    serviceId: 'update-address',
    applicationType: 'ADDRESS_CHANGE',
    cpr: CPR,
    data: { 'values.address.block': '997', 'values.address.road': '9971', 'values.address.building': '12A' },
    payment: null,
    ...overrides,
  };
}

/** Lets the client's attempts time out one by one on the manual clock. */
async function expireAttempts(kit: GatewayTestKit, operationId: string, attempts: number, timeoutMs = kit.config.timeoutMs): Promise<void> {
  for (let n = 1; n <= attempts; n++) {
    await kit.waitForRequests(operationId, n);
    kit.clock.advance(timeoutMs);
  }
}

let kit: GatewayTestKit;
beforeEach(async () => {
  kit = await startGatewayTestKit();
});
afterEach(async () => {
  expect(kit.simulator.ledger().contractViolations).toEqual([]);
  await kit.close();
});

describe('gateway client: answers', () => {
  it('reads a citizen through the contract and leaves no timer behind', async () => {
    const result = await kit.client.getCitizen(citizenCall);
    expect(result).toMatchObject({ ok: true, value: { cpr: CPR, nameEn: 'Test Person One', maskedMobile: '****0001' } });
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('turns a problem document into rejected with its code, without retrying', async () => {
    const result = await kit.client.getCitizen({ ...TEST_SESSION, cpr: '999999999' });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'not-found', status: 404 } });
    expect(kit.requests('getCitizen')).toBe(1);
  });

  it('sends the kiosk id and session id the gateway records', async () => {
    await kit.client.submitApplication(application('key-headers-0001'));
    const recorded = kit.simulator.ledger().applications.find((a) => a.idempotencyKey === 'key-headers-0001');
    expect(recorded).toMatchObject({ kioskId: TEST_KIOSK_ID, sessionId: TEST_SESSION.sessionId });
  });
});

describe('gateway client: faults', () => {
  it('500 on a GET: retried with exponential backoff, then unavailable', async () => {
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['getCitizen'] });
    const result = await kit.client.getCitizen(citizenCall);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable', status: 500, code: 'internal-error' } });
    expect(kit.requests('getCitizen')).toBe(1 + kit.config.retries);
    expect(kit.sleeps).toEqual([250, 500]);
  });

  it('500 once on a GET: the retry succeeds', async () => {
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['getCitizen'], count: 1 });
    expect((await kit.client.getCitizen(citizenCall)).ok).toBe(true);
    expect(kit.requests('getCitizen')).toBe(2);
  });

  it('500 on a POST without an idempotency key (send OTP): never retried', async () => {
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['sendOtp'], count: 1 });
    const result = await kit.client.sendOtp({ ...TEST_SESSION, cpr: CPR, mobile: null, purpose: 'identity-check' });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable', status: 500 } });
    expect(kit.requests('sendOtp')).toBe(1);
    expect(kit.sleeps).toEqual([]);
    expect(kit.simulator.ledger().otps).toHaveLength(0);
  });

  it('500 on a keyed POST (submit): retried, and still exactly one application', async () => {
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['submitApplication'], count: 2 });
    const result = await kit.client.submitApplication(application('key-retry-00001'));
    expect(result).toMatchObject({ ok: true, value: { replayed: false } });
    expect(kit.requests('submitApplication')).toBe(3);
    expect(kit.simulator.ledger().applications.filter((a) => a.idempotencyKey === 'key-retry-00001')).toHaveLength(1);
  });

  it('a submit that took effect but whose answer was lost: the retry gets the original application as a replay', async () => {
    kit.simulator.setFaults({ mode: 'http500', endpoints: ['submitApplication'], count: 1, phase: 'after' });
    const result = await kit.client.submitApplication(application('key-lost-answer1'));
    expect(result).toMatchObject({ ok: true, value: { replayed: true } });
    const ledger = kit.simulator.ledger();
    const created = ledger.applications.filter((a) => a.idempotencyKey === 'key-lost-answer1');
    expect(created).toHaveLength(1);
    expect(result.ok && result.value.value.reference).toBe(created[0]!.reference);
    expect(ledger.duplicateSubmits).toBe(1);
  });

  it('no answer on a GET: each attempt times out on the clock, then timeout', async () => {
    kit.simulator.setFaults({ mode: 'timeout', endpoints: ['getCitizen'] });
    const pending = kit.client.getCitizen(citizenCall);
    await expireAttempts(kit, 'getCitizen', 3);
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    expect(kit.requests('getCitizen')).toBe(3);
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('no answer to a verify OTP: one attempt only (a repeat would use up a try), then timeout', async () => {
    const sent = await kit.client.sendOtp({ ...TEST_SESSION, cpr: CPR, mobile: null, purpose: 'identity-check' });
    expect(sent.ok).toBe(true);
    kit.simulator.setFaults({ mode: 'timeout', endpoints: ['verifyOtp'] });
    const pending = kit.client.verifyOtp({ ...TEST_SESSION, otpId: sent.ok ? sent.value.otpId : '', code: '000000' });
    await expireAttempts(kit, 'verifyOtp', 1);
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    expect(kit.requests('verifyOtp')).toBe(1);
  });

  it('a per-call timeout replaces the configured one', async () => {
    kit.simulator.setFaults({ mode: 'timeout', endpoints: ['getFeeSchedule'], count: 1 });
    let settled = false;
    const pending = kit.client.getFeeSchedule(TEST_SESSION, { timeoutMs: 200 }).finally(() => (settled = true));
    await kit.waitForRequests('getFeeSchedule', 1);
    kit.clock.advance(199);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    kit.clock.advance(1);
    // The retry finds the simulator healthy again.
    expect(await pending).toMatchObject({ ok: true });
    expect(kit.requests('getFeeSchedule')).toBe(2);
  });

  it('a call the caller aborts ends as timeout/aborted, is not retried and does not count against the gateway', async () => {
    kit.simulator.setFaults({ mode: 'timeout', endpoints: ['getCitizen'] });
    const controller = new AbortController();
    const pending = kit.client.getCitizen(citizenCall, { signal: controller.signal });
    await kit.waitForRequests('getCitizen', 1);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'timeout', code: 'aborted' } });
    expect(kit.requests('getCitizen')).toBe(1);
    expect(kit.client.circuitState()).toBe('closed');
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('malformed JSON: invalid-response, not retried, nothing passed on', async () => {
    kit.simulator.setFaults({ mode: 'malformed-json', endpoints: ['getCitizen'] });
    const result = await kit.client.getCitizen(citizenCall);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid-response' } });
    expect(kit.requests('getCitizen')).toBe(1);
  });

  it('the wrong shape: invalid-response, never passed on', async () => {
    kit.simulator.setFaults({ mode: 'wrong-shape', endpoints: ['getApplicationStatus'] });
    const result = await kit.client.getApplicationStatus({ ...TEST_SESSION, reference: 'KH25-000042' });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ failure: { kind: 'invalid-response' } });
    expect(JSON.stringify(result)).not.toContain('unexpected');
  });

  it('slow but within the timeout: the answer arrives', async () => {
    kit.simulator.setFaults({ mode: 'slow', endpoints: ['getEkeyPasswordPolicy'], slowMs: 40 });
    const started = Date.now();
    const result = await kit.client.getEkeyPasswordPolicy(TEST_SESSION);
    expect(result).toMatchObject({ ok: true, value: { minLength: 10, historySize: 5 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('down (connection dropped): unavailable after the retries', async () => {
    kit.simulator.setFaults({ mode: 'down' });
    const result = await kit.client.getCitizen(citizenCall);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(kit.requests('getCitizen')).toBe(3);
  });

  it('a gateway that is not there at all: unavailable', async () => {
    await kit.simulator.close();
    const result = await kit.client.getFeeSchedule(TEST_SESSION);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    kit = await startGatewayTestKit();
  });
});

describe('gateway client: circuit breaker', () => {
  beforeEach(async () => {
    await kit.close();
    kit = await startGatewayTestKit({ config: { retries: 0, circuitBreaker: { failureThreshold: 3, resetAfterMs: 10_000 } } });
  });

  it('opens after N failures and then refuses without calling the gateway', async () => {
    kit.simulator.setFaults({ mode: 'http500' });
    for (let i = 0; i < 3; i++) expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(kit.client.circuitState()).toBe('open');
    expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'circuit-open' } });
    expect(kit.requests('getFeeSchedule')).toBe(3);
    expect(kit.logLines().some((l) => l.msg === 'gateway circuit opened')).toBe(true);
  });

  it('half-opens after the delay on the fake clock; a good trial closes it', async () => {
    kit.simulator.setFaults({ mode: 'http500', count: 3 });
    for (let i = 0; i < 3; i++) await kit.client.getFeeSchedule(TEST_SESSION);
    kit.clock.advance(9_999);
    expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'circuit-open' } });
    kit.clock.advance(1);
    expect(kit.client.circuitState()).toBe('half-open');
    expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: true });
    expect(kit.client.circuitState()).toBe('closed');
    expect(kit.requests('getFeeSchedule')).toBe(4);
  });

  it('a failed trial opens it again for a full period', async () => {
    kit.simulator.setFaults({ mode: 'http500' });
    for (let i = 0; i < 3; i++) await kit.client.getFeeSchedule(TEST_SESSION);
    kit.clock.advance(10_000);
    expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(kit.client.circuitState()).toBe('open');
    kit.clock.advance(5_000);
    expect(await kit.client.getFeeSchedule(TEST_SESSION)).toMatchObject({ ok: false, failure: { kind: 'circuit-open' } });
  });

  it('refusals (4xx) are the gateway working: they never open the circuit', async () => {
    for (let i = 0; i < 5; i++) expect(await kit.client.getCitizen({ ...TEST_SESSION, cpr: '999999999' })).toMatchObject({ failure: { kind: 'rejected' } });
    expect(kit.client.circuitState()).toBe('closed');
  });

  it('answers of the wrong shape count as failures', async () => {
    kit.simulator.setFaults({ mode: 'wrong-shape' });
    for (let i = 0; i < 3; i++) await kit.client.getFeeSchedule(TEST_SESSION);
    expect(kit.client.circuitState()).toBe('open');
  });
});

describe('gateway client: idempotent submit', () => {
  it('the same key again returns the same application and creates no second one', async () => {
    const first = await kit.client.submitApplication(application('key-same-000001'));
    const second = await kit.client.submitApplication(application('key-same-000001'));
    expect(first).toMatchObject({ ok: true, value: { replayed: false } });
    expect(second).toMatchObject({ ok: true, value: { replayed: true } });
    expect(first.ok && second.ok && second.value.value).toEqual(first.ok && first.value.value);
    const ledger = kit.simulator.ledger();
    expect(ledger.applications.filter((a) => a.idempotencyKey === 'key-same-000001')).toMatchObject([{ submitCount: 2 }]);
    expect(ledger.duplicateSubmits).toBe(1);
  });

  it('the same key with a different body is rejected, and nothing changes', async () => {
    await kit.client.submitApplication(application('key-conflict-001'));
    const other = await kit.client.submitApplication(application('key-conflict-001', { data: { 'values.address.block': '998' } }));
    expect(other).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'idempotency-key-conflict', status: 409 } });
    expect(kit.simulator.ledger().applications.filter((a) => a.idempotencyKey === 'key-conflict-001')).toHaveLength(1);
  });

  it('a fee-bearing service needs proof of exactly its fee before it is submitted', async () => {
    const unpaid = await kit.client.submitApplication(application('key-unpaid-0001', { serviceId: 'update-card-chip', applicationType: 'CHIP_UPDATE' }));
    expect(unpaid).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'payment-required' } });
    // A refusal is not remembered: the same key may come again, corrected.
    const paid = await kit.client.submitApplication(
      application('key-unpaid-0001', { serviceId: 'update-card-chip', applicationType: 'CHIP_UPDATE', payment: { method: 'card', amountFils: 1000, transactionRef: 'ZVT-000123' } }),
    );
    expect(paid).toMatchObject({ ok: true, value: { replayed: false } });
  });

  it('an ineligible citizen is refused at submit too (the back end does not trust the kiosk)', async () => {
    const result = await kit.client.submitApplication(application('key-inelig-0001', { serviceId: 'renew-id-card', applicationType: 'ID_RENEWAL', payment: { method: 'card', amountFils: 2000, transactionRef: 'ZVT-000124' } }));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'not-eligible' } });
  });

  it('crash recovery: the key finds the application, or says it never arrived', async () => {
    kit.simulator.setFaults({ mode: 'down', endpoints: ['submitApplication'], phase: 'after', count: 1 });
    const lost = await kit.client.submitApplication(application('key-recover-001'), {});
    // Retried after the dropped connection: a replay.
    expect(lost).toMatchObject({ ok: true, value: { replayed: true } });
    const found = await kit.client.findSubmission({ ...TEST_SESSION, idempotencyKey: 'key-recover-001' });
    expect(found).toMatchObject({ ok: true, value: { found: true, value: { serviceId: 'update-address', status: 'received' } } });
    expect(await kit.client.findSubmission({ ...TEST_SESSION, idempotencyKey: 'key-never-seen-1' })).toEqual({ ok: true, value: { found: false } });
  });

  it('application status by reference, and not-found for an unknown one', async () => {
    expect(await kit.client.getApplicationStatus({ ...TEST_SESSION, reference: 'KH25-000042' })).toMatchObject({ ok: true, value: { status: 'ready-for-collection' } });
    expect(await kit.client.getApplicationStatus({ ...TEST_SESSION, reference: 'KH99-999999' })).toMatchObject({ ok: false, failure: { kind: 'rejected', code: 'not-found' } });
  });
});
