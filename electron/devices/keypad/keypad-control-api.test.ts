import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { advance, settle } from '../hid/testing/drive-clock.ts';
import { KeypadDriver, type KeypadEvent } from './keypad-driver.ts';
import { startControlServer, type ControlServer } from '../../../native-mocks/control/control-server.ts';
import { SimulatorRegistry } from '../../../native-mocks/control/simulator-control.ts';
import { KeypadSimulator } from '../../../native-mocks/keypad/keypad-simulator.ts';

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('keypad simulator through the control API', () => {
  it('press and plugHeadphones from the control panel reach the driver', async () => {
    const clock = createFakeClock(0);
    const sim = new KeypadSimulator({ clock });
    const registry = new SimulatorRegistry();
    registry.add(sim);
    server = await startControlServer(registry);
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'x-control-token': server!.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const driver = new KeypadDriver({ connect: simulatorConnector(sim, { clock, reportIntervalMs: 8 }).connect, clock });
    const events: KeypadEvent[] = [];
    driver.onEvent((e) => events.push(e));
    await settle(clock, driver.open());

    expect((await post('/api/simulators/keypad/actions/press', { args: { key: 'down' } })).status).toBe(200);
    await advance(clock, 200);
    expect(await (await post('/api/simulators/keypad/actions/plugHeadphones', { args: { plugged: true } })).json()).toMatchObject({ state: { headphones: true } });
    await advance(clock, 50);
    expect(events).toEqual([
      { type: 'key', key: 'down', action: 'down' },
      { type: 'input', input: { kind: 'navigate', direction: 'down' }, secure: false },
      { type: 'key', key: 'down', action: 'up' },
      { type: 'headphones', plugged: true },
    ]);
    expect((await post('/api/simulators/keypad/actions/press', { args: { key: 'F13' } })).status).toBe(400);
    expect((await post('/api/simulators/keypad/fault', { fault: 'stuck-key', options: { key: 'help' } })).status).toBe(200);
    expect(sim.state()).toMatchObject({ keysDown: ['help'], fault: 'stuck-key' });
    await driver.close();
  });
});
