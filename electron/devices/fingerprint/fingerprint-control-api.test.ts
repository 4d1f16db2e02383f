import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { settle } from '../hid/testing/drive-clock.ts';
import { FingerprintDriver } from './fingerprint-driver.ts';
import { startControlServer, type ControlServer } from '../../../native-mocks/control/control-server.ts';
import { SimulatorRegistry } from '../../../native-mocks/control/simulator-control.ts';
import { FingerprintSimulator } from '../../../native-mocks/fingerprint/fingerprint-simulator.ts';

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('fingerprint simulator through the control API', () => {
  it('the finger placed from the control panel decides the match; no template ever shows in the state', async () => {
    const clock = createFakeClock(0);
    const sim = new FingerprintSimulator({ clock });
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'x-control-token': server!.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const driver = new FingerprintDriver({ connect: simulatorConnector(sim, { clock, reportIntervalMs: 8 }).connect, clock });
    const reference = Uint8Array.from({ length: 64 }, (_, i) => (i * 13) & 0xff);

    expect((await post('/api/simulators/fingerprint/actions/placeFinger', { args: { finger: 'non-matching' } })).status).toBe(200);
    expect(await settle(clock, driver.captureAndMatch(reference))).toMatchObject({ completionCode: 'success', payload: { matched: false } });
    await post('/api/simulators/fingerprint/actions/placeFinger', { args: { finger: 'matching' } });
    expect(await settle(clock, driver.captureAndMatch(reference))).toMatchObject({ completionCode: 'success', payload: { matched: true } });
    expect((await post('/api/simulators/fingerprint/actions/placeFinger', { args: { finger: 'thumb' } })).status).toBe(400);
    expect((await post('/api/simulators/fingerprint/fault', { fault: 'sensor-fault' })).status).toBe(200);
    expect(await settle(clock, driver.captureAndMatch(reference))).toMatchObject({ completionCode: 'hardwareError', errorCode: 'sensorFault' });
    const state = JSON.stringify(registry.snapshot());
    expect(state).not.toContain(Array.from(reference.subarray(0, 6)).join(','));
    expect(state).not.toMatch(/template/i);
    await driver.close();
  });
});
