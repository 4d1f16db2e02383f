import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { advance, settle } from '../hid/testing/drive-clock.ts';
import { ScannerDriver, type ScannerEvent } from './scanner-driver.ts';
import { startControlServer, type ControlServer } from '../../../native-mocks/control/control-server.ts';
import { SimulatorRegistry } from '../../../native-mocks/control/simulator-control.ts';
import { ScannerSimulator } from '../../../native-mocks/scanner/scanner-simulator.ts';

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('scanner simulator through the control API', () => {
  it('a scan from the control panel reaches the driver as a reference; faults and bad arguments are checked', async () => {
    const clock = createFakeClock(0);
    const sim = new ScannerSimulator({ clock });
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const call = (path: string, body?: unknown) =>
      fetch(`${server!.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'x-control-token': server!.token, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

    const driver = new ScannerDriver({ connect: simulatorConnector(sim, { clock, reportIntervalMs: 8 }).connect, clock });
    const events: ScannerEvent[] = [];
    driver.onEvent((e) => events.push(e));
    await settle(clock, driver.open());

    const list = (await (await call('/api/simulators')).json()) as { simulators: Array<{ id: string; faults: string[]; actions: Record<string, string> }> };
    expect(list.simulators[0]).toMatchObject({ id: 'scanner', faults: expect.arrayContaining(['unplugged', 'partial-scan']), actions: { scan: expect.any(String) } });
    expect(list.simulators[0]!.faults).not.toContain('bad-crc');

    const scanned = await call('/api/simulators/scanner/actions/scan', { args: { text: 'APP-2026-000123', mode: 'hid-pos' } });
    expect(await scanned.json()).toMatchObject({ result: { accepted: true }, state: { scans: 1 } });
    await advance(clock, 500);
    expect(events).toEqual([{ type: 'scanned', reference: 'APP-2026-000123', symbology: ']Q1', mode: 'hidPos' }]);

    expect((await call('/api/simulators/scanner/actions/scan', { args: { text: 'x', mode: 'laser' } })).status).toBe(400);
    expect((await call('/api/simulators/scanner/fault', { fault: 'partial-scan' })).status).toBe(200);
    await call('/api/simulators/scanner/actions/scan', { args: { text: 'APP-2026-000124' } });
    await advance(clock, 1000);
    expect(events.at(-1)).toEqual({ type: 'scanRejected', reason: 'partialScan', mode: 'wedge' });
    await driver.close();
  });
});
