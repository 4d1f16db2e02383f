import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../electron/core/clock/clock.ts';
import { startControlServer, type ControlServer } from '../control/control-server.ts';
import { SimulatorRegistry } from '../control/simulator-control.ts';
import { gatewaySimulatorControl } from './gateway-simulator-control.ts';
import { startGatewaySimulator, type GatewaySimulator } from './gateway-simulator.ts';

/** The gateway on the simulators' control panel, driven through the generic control API. */
let sim: GatewaySimulator;
let panel: ControlServer;
let changes = 0;

beforeEach(async () => {
  sim = await startGatewaySimulator({ latencyMs: 0, clock: createManualClock() });
  const registry = new SimulatorRegistry();
  registry.add(gatewaySimulatorControl(sim));
  registry.onChange(() => (changes += 1));
  panel = await startControlServer(registry);
});
afterEach(async () => {
  await panel.close();
  await sim.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${panel.url}/api/simulators/gateway/${path}`, { method: 'POST', headers: { 'x-control-token': panel.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const apiHeaders = { 'x-kiosk-id': 'KIOSK-TEST-01', 'x-session-id': 'session-00000001', 'content-type': 'application/json' };

describe('gateway on the control panel', () => {
  it('shows the newest SMS code, lets a person pay the QR on screen, and reports changes', async () => {
    const before = changes;
    await fetch(`${sim.url}/otp`, { method: 'POST', headers: apiHeaders, body: JSON.stringify({ cpr: '999000001', mobile: null, purpose: 'identity-check' }) });
    await fetch(`${sim.url}/payments/qr`, { method: 'POST', headers: { ...apiHeaders, 'idempotency-key': 'panel-qr-00001' }, body: JSON.stringify({ serviceId: 'renew-id-card', amountFils: 2000, description: 'Renewal' }) });
    const listed = (await (await fetch(`${panel.url}/api/simulators`, { headers: { 'x-control-token': panel.token } })).json()) as { simulators: { id: string; state: Record<string, unknown>; faults: string[] }[] };
    const gateway = listed.simulators.find((s) => s.id === 'gateway')!;
    expect(gateway.faults).toEqual(['http500', 'timeout', 'malformed-json', 'slow', 'wrong-shape', 'down']);
    expect(gateway.state.recentOtps).toEqual([expect.objectContaining({ code: sim.ledger().otps[0]!.code })]);
    expect(gateway.state.pendingQrPayments).toHaveLength(1);
    expect(changes).toBeGreaterThan(before);

    const paid = await post('actions/payQr', { args: {} });
    expect(await paid.json()).toMatchObject({ result: { status: 'paid' } });
    expect(sim.ledger().qrPayments[0]!.status).toBe('paid');
  });

  it('sets and clears faults, moves time and locks accounts', async () => {
    expect((await post('fault', { fault: 'http500', options: { endpoints: ['getFeeSchedule'], count: 1 } })).status).toBe(200);
    expect(sim.ledger().faults).toMatchObject({ mode: 'http500', remaining: 1 });
    expect((await post('fault', { fault: null })).status).toBe(200);
    expect(sim.ledger().faults.mode).toBe('none');
    const before = Date.parse(sim.ledger().now);
    await post('actions/advanceClock', { args: { minutes: 5 } });
    expect(Date.parse(sim.ledger().now) - before).toBe(300_000);
    expect((await post('actions/lockEkey', { args: { cpr: '999000006' } })).status).toBe(200);
    expect(sim.ledger().ekeyAccounts.find((a) => a.cpr === '999000006')!.status).toBe('locked');
    expect((await post('actions/lockEkey', { args: { cpr: 'nobody' } })).status).toBe(400);
  });
});
