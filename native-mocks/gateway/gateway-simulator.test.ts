import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../electron/core/clock/clock.ts';
import { handledOperations } from './api-dispatch.ts';
import { startGatewaySimulator, type GatewaySimulator } from './gateway-simulator.ts';
import { gatewayContract } from './openapi-contract.ts';

/**
 * The simulator over HTTP, as the e2e suite and the crash harness use it:
 * routing and request checks by the contract, the control API and its
 * token, faults with count/endpoints/phase, clock, latency, reset.
 */
const HEADERS = { 'x-kiosk-id': 'KIOSK-TEST-01', 'x-session-id': 'session-00000001' };
let sim: GatewaySimulator;
let clock: ManualClock;

beforeEach(async () => {
  clock = createManualClock();
  sim = await startGatewaySimulator({ latencyMs: 0, clock, controlToken: 'test-control-token' });
});
afterEach(() => sim.close());

const api = (path: string, init: RequestInit = {}) => fetch(`${sim.url}${path}`, { ...init, headers: { ...HEADERS, ...(init.headers as Record<string, string>) } });
const control = (path: string, body?: unknown, token = 'test-control-token') =>
  fetch(`${sim.controlUrl}/__control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-control-token': token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('gateway simulator: the contract', () => {
  it('implements every operation in the OpenAPI document', () => {
    const documented = gatewayContract().routes.map((r) => r.operationId);
    expect(documented.filter((id) => !handledOperations().includes(id))).toEqual([]);
    expect(handledOperations().filter((id) => !documented.includes(id))).toEqual([]);
  });

  it('answers unknown paths and methods with problem documents', async () => {
    const unknown = await api('/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(await unknown.json()).toMatchObject({ code: 'not-found' });
    expect((await api('/fees', { method: 'POST' })).status).toBe(405);
  });

  it('demands the kiosk and session headers and the idempotency key', async () => {
    const noSession = await fetch(`${sim.url}/fees`, { headers: { 'x-kiosk-id': 'KIOSK-TEST-01' } });
    expect(await noSession.json()).toMatchObject({ status: 400, code: 'missing-header' });
    const noKey = await api('/ratings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'renew-id-card', score: 5, reason: null, applicationReference: null }) });
    expect(await noKey.json()).toMatchObject({ code: 'missing-header', detail: 'header parameter Idempotency-Key is required' });
    const badKiosk = await api('/fees', { headers: { 'x-kiosk-id': 'kiosk one' } });
    expect(await badKiosk.json()).toMatchObject({ code: 'validation-failed' });
  });

  it('refuses bodies that are not JSON, too large, or not the contract shape', async () => {
    const post = (body: string) => api('/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(await (await post('{not json')).json()).toMatchObject({ code: 'validation-failed', detail: 'body is not JSON' });
    expect(await (await post(JSON.stringify({ cpr: '999000001', mobile: null, purpose: 'x'.repeat(70_000) }))).json()).toMatchObject({ detail: 'body too large' });
    expect(await (await post(JSON.stringify({ cpr: '999000001', mobile: null, purpose: 'ekey-register', extra: 1 }))).json()).toMatchObject({ code: 'validation-failed' });
    expect(sim.ledger().otps).toHaveLength(0);
  });

  it('records nothing as a contract violation on a tour of every kind of answer', async () => {
    await api('/citizens/999000001');
    await api('/citizens/999000001/eligibility/renew-id-card');
    await api('/citizens/999000002/eligibility/renew-id-card');
    await api('/addresses?block=999&road=9901&building=11');
    await api('/applications/KH25-000043');
    await api('/ekey/accounts/999000007');
    await api('/ekey/accounts/999000006/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'Kiosk#Current60' }) });
    await api('/ekey/accounts/999000006/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'nope' }) });
    await api('/ekey/accounts/999000001/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'nope' }) });
    expect(sim.ledger().contractViolations).toEqual([]);
    expect(sim.ledger().requests).toMatchObject({ getCitizen: 1, checkEligibility: 2, lookupAddress: 1, getApplicationStatus: 1, getEkeyAccount: 1, ekeyLogin: 3 });
  });

  it('judges eligibility for renewal by the renewal window', async () => {
    const renew = async (cpr: string) => (await (await api(`/citizens/${cpr}/eligibility/renew-id-card`)).json()) as { eligible: boolean; reasons: { code: string }[] };
    expect(await renew('999000001')).toMatchObject({ eligible: false, reasons: [{ code: 'not-in-renewal-window' }] });
    expect(await renew('999000002')).toMatchObject({ eligible: true, reasons: [] });
    expect(await renew('999000003')).toMatchObject({ eligible: true });
    // A service the back end has no rule for is open to everyone (services are data on the kiosk).
    expect(await (await api('/citizens/999000001/eligibility/brand-new-service')).json()).toMatchObject({ eligible: true });
  });
});

describe('gateway simulator: control API', () => {
  it('needs the token and our exact host', async () => {
    expect((await control('/ledger', undefined, 'wrong')).status).toBe(401);
    expect((await fetch(`${sim.controlUrl}/__control/ledger`)).status).toBe(401);
    expect((await control('/ledger')).status).toBe(200);
    // A page that reached us through DNS rebinding names its own host.
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${sim.controlUrl}/__control/ledger`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example.invalid', 'x-control-token': 'test-control-token' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('sets faults with a count, after which the gateway is healthy again', async () => {
    const set = await control('/faults', { mode: 'http500', endpoints: ['getFeeSchedule'], count: 2 });
    expect(await set.json()).toMatchObject({ faults: { mode: 'http500', endpoints: ['getFeeSchedule'], remaining: 2 } });
    expect((await api('/citizens/999000001')).status).toBe(200);
    expect([(await api('/fees')).status, (await api('/fees')).status, (await api('/fees')).status]).toEqual([500, 500, 200]);
    const ledger = (await (await control('/ledger')).json()) as { faults: { mode: string }; faultsInjected: unknown[] };
    expect(ledger.faults.mode).toBe('none');
    expect(ledger.faultsInjected).toEqual([
      { operationId: 'getFeeSchedule', mode: 'http500', phase: 'before' },
      { operationId: 'getFeeSchedule', mode: 'http500', phase: 'before' },
    ]);
  });

  it('refuses unknown fault modes and stray fields', async () => {
    expect((await control('/faults', { mode: 'explode' })).status).toBe(400);
    expect((await control('/faults', { mode: 'none', colour: 'red' })).status).toBe(400);
    expect((await control('/nothing', {})).status).toBe(404);
  });

  it('"after" lets the request take effect and then loses the answer', async () => {
    await control('/faults', { mode: 'down', phase: 'after', count: 1 });
    const lost = api('/ratings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'rating-lost-0001' },
      body: JSON.stringify({ serviceId: 'renew-id-card', score: 5, reason: null, applicationReference: null }),
    });
    await expect(lost).rejects.toThrow();
    expect(sim.ledger().ratings).toHaveLength(1);
  });

  it('moves the simulator clock, pays and expires QR payments, locks eKey accounts, and resets', async () => {
    const before = Date.parse(sim.ledger().now);
    expect((await control('/clock', { advanceMs: 60_000 })).status).toBe(200);
    expect(Date.parse(sim.ledger().now) - before).toBe(60_000);

    const created = (await (
      await api('/payments/qr', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'qr-control-0001' }, body: JSON.stringify({ serviceId: 'update-card-chip', amountFils: 1000, description: 'Chip' }) })
    ).json()) as { paymentId: string };
    expect(await (await control(`/payments/${created.paymentId}`, { action: 'pay' })).json()).toEqual({ paymentId: created.paymentId, status: 'paid' });
    expect((await control(`/payments/${created.paymentId}`, { action: 'expire' })).status).toBe(409);
    expect((await control('/payments/qr-999999', { action: 'pay' })).status).toBe(404);

    expect((await control('/ekey/999000006', { status: 'locked' })).status).toBe(200);
    expect(sim.ledger().ekeyAccounts.find((a) => a.cpr === '999000006')).toMatchObject({ status: 'locked' });
    expect((await control('/ekey/999000001', { status: 'locked' })).status).toBe(404);

    await control('/faults', { mode: 'timeout' });
    expect((await control('/reset', {})).status).toBe(200);
    const ledger = sim.ledger();
    expect(ledger.qrPayments).toHaveLength(0);
    expect(ledger.faults.mode).toBe('none');
    expect(ledger.ekeyAccounts.find((a) => a.cpr === '999000006')).toMatchObject({ status: 'active' });
  });

  it('adds the configured latency to every answer', async () => {
    await control('/latency', { minMs: 40, maxMs: 40 });
    const started = Date.now();
    await api('/fees');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect((await control('/latency', { minMs: 50, maxMs: 10 })).status).toBe(400);
  });

  it('closes even while a request is being held by the timeout fault', async () => {
    sim.setFaults({ mode: 'timeout' });
    const held = api('/fees').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sim.close();
    expect(await held).toBeInstanceOf(Error);
    sim = await startGatewaySimulator({ latencyMs: 0 });
  });
});
