import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeypadSimulator } from '../../../native-mocks/keypad/keypad-simulator.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { UnsolicitedEventSchema, type UnsolicitedEvent } from '../contract/events.ts';
import { DeviceCapabilitiesSchema, DeviceCountersSchema, DeviceStatusSchema } from '../contract/status.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { advance, settle, watchUnhandledRejections } from '../hid/testing/drive-clock.ts';
import { KeypadDriver, type KeypadDriverOptions, type KeypadEvent } from './keypad-driver.ts';

let rejections: ReturnType<typeof watchUnhandledRejections>;
beforeEach(() => {
  rejections = watchUnhandledRejections();
});
afterEach(() => {
  rejections.stop();
  expect(rejections.count()).toBe(0);
});

async function setup(options: Partial<KeypadDriverOptions> = {}) {
  const clock = createFakeClock(1_700_000_000_000);
  const sim = new KeypadSimulator({ clock });
  const connector = simulatorConnector(sim, { clock, reportIntervalMs: 8 });
  const logs: unknown[] = [];
  const log = { info: (f: object, m: string) => logs.push({ ...f, m }), warn: (f: object, m: string) => logs.push({ ...f, m }) };
  const driver = new KeypadDriver({ connect: connector.connect, clock, reconnectIntervalMs: 1000, log, ...options });
  const events: KeypadEvent[] = [];
  const unsolicited: UnsolicitedEvent[] = [];
  driver.onEvent((e) => events.push(e));
  driver.onUnsolicited((e) => unsolicited.push(e));
  expect(await settle(clock, driver.open())).toMatchObject({ completionCode: 'success', payload: { firmware: '1.7', headphones: false } });
  const expectNoLeaks = async () => {
    // What crosses to the core and the technician screen must match the contract's schemas.
    DeviceStatusSchema.parse(driver.status());
    DeviceCountersSchema.parse(driver.counters());
    DeviceCapabilitiesSchema.parse(driver.capabilities());
    for (const event of unsolicited) UnsolicitedEventSchema.parse(event);
    await advance(clock, 300);
    await driver.close();
    expect(driver.pendingWaits).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    expect(sim.device.pendingTimers).toBe(0);
    expect(connector.current()?.stats()).toMatchObject({ hostListeners: 0, deviceListeners: 0, pendingTimers: 0 });
  };
  return { clock, sim, driver, events, unsolicited, logs, expectNoLeaks };
}

describe('keypad driver against the simulator', () => {
  it('reports key down/up and the normalised input for each press', async () => {
    const { clock, sim, events, driver, expectNoLeaks } = await setup();
    sim.press('4');
    await advance(clock, 200);
    sim.press('enter');
    await advance(clock, 200);
    expect(events).toEqual([
      { type: 'key', key: '4', action: 'down' },
      { type: 'input', input: { kind: 'digit', digit: '4' }, secure: false },
      { type: 'key', key: '4', action: 'up' },
      { type: 'key', key: 'enter', action: 'down' },
      { type: 'input', input: { kind: 'confirm' }, secure: false },
      { type: 'key', key: 'enter', action: 'up' },
    ]);
    expect(driver.counters().counters.keyPresses).toBe(2);
    await expectNoLeaks();
  });

  it('navigation by keypad alone: arrows, help, volume, cancel', async () => {
    const { clock, sim, events, expectNoLeaks } = await setup();
    for (const key of ['down', 'down', 'right', 'help', 'volumeUp', 'cancel'] as const) {
      sim.press(key);
      await advance(clock, 150);
    }
    expect(events.flatMap((e) => (e.type === 'input' ? [e.input] : []))).toEqual([
      { kind: 'navigate', direction: 'down' },
      { kind: 'navigate', direction: 'down' },
      { kind: 'navigate', direction: 'right' },
      { kind: 'help' },
      { kind: 'volume', change: 1 },
      { kind: 'cancel' },
    ]);
    await expectNoLeaks();
  });

  it('PIN entry marks digits secure and never logs which key was pressed', async () => {
    const { clock, sim, driver, events, logs, expectNoLeaks } = await setup();
    driver.setSecureEntry(true);
    for (const key of ['1', '9', '8', '4', 'enter'] as const) {
      sim.press(key);
      await advance(clock, 150);
    }
    driver.setSecureEntry(false);
    const inputs = events.flatMap((e) => (e.type === 'input' ? [e] : []));
    expect(inputs.map((e) => e.secure)).toEqual([true, true, true, true, false]);
    expect(JSON.stringify(logs)).not.toMatch(/"[0-9]"|1984/);
    await expectNoLeaks();
  });

  it('headphone jack plugged/unplugged events; state known after open', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup();
    expect(driver.headphonesPlugged).toBe(false);
    sim.plugHeadphones(true);
    await advance(clock, 50);
    sim.plugHeadphones(false);
    await advance(clock, 50);
    expect(events).toEqual([
      { type: 'headphones', plugged: true },
      { type: 'headphones', plugged: false },
    ]);
    expect(driver.counters().counters.headphonePlugs).toBe(1);
    await expectNoLeaks();
  });

  it('beep and refreshStatus are commands with completions', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    expect(await settle(clock, driver.beep(200))).toMatchObject({ completionCode: 'success', requestId: expect.stringMatching(/^keypad-/) });
    expect(sim.state()).toMatchObject({ beeps: 1 });
    sim.plugHeadphones(true);
    expect(await settle(clock, driver.refreshStatus())).toMatchObject({ completionCode: 'success', payload: { headphones: true } });
    await expectNoLeaks();
  });

  it('a cancelled command completes canceled and leaves no listener on the caller signal', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.setFault('slow', { factor: 100 });
    const caller = new AbortController();
    const beep = driver.beep(100, { signal: caller.signal });
    await advance(clock, 20);
    caller.abort();
    expect(await settle(clock, beep)).toMatchObject({ completionCode: 'canceled' });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    await advance(clock, 1000);
    expect(driver.counters().counters.staleReplies).toBe(1);
    await expectNoLeaks();
  });

  it('self-test passes; a held key fails the key check', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    expect(await settle(clock, driver.selfTest())).toMatchObject({ passed: true });
    sim.keyDown('5');
    const failed = await settle(clock, driver.selfTest());
    expect(failed.passed).toBe(false);
    expect(failed.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['keys']);
    sim.keyUp('5');
    await expectNoLeaks();
  });
});

describe('keypad fault matrix', () => {
  it.each(['unplugged', 'power-cut'])('%s: status noDevice, held keys released, headphones gone; commands deviceNotReady; comes back by itself', async (fault) => {
    const { clock, sim, driver, events, unsolicited, expectNoLeaks } = await setup();
    sim.plugHeadphones(true);
    sim.keyDown('up');
    await advance(clock, 50);
    events.length = 0;
    sim.setFault(fault);
    await advance(clock, 10);
    expect(driver.status().device).toBe('noDevice');
    expect(unsolicited.at(-1)).toMatchObject({ type: 'statusChanged', deviceClass: 'keypad', status: { device: 'noDevice' } });
    expect(events).toEqual([
      { type: 'key', key: 'up', action: 'up' },
      { type: 'headphones', plugged: false },
    ]);
    expect(await settle(clock, driver.beep(100))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'noDevice' });
    sim.setFault(null);
    await advance(clock, 1200);
    expect(driver.status().device).toBe('online');
    // The keypad reports its jack after enumeration: the headphones are still plugged.
    expect(driver.headphonesPlugged).toBe(true);
    sim.keyUp('up');
    await advance(clock, 50);
    events.length = 0;
    sim.press('9');
    await advance(clock, 200);
    expect(events.filter((e) => e.type === 'key')).toHaveLength(2);
    await expectNoLeaks();
  });

  it('no-answer: commands time out, status offline; keys pressed meanwhile are lost', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup();
    sim.setFault('no-answer');
    expect(await settle(clock, driver.beep(100, { timeoutMs: 500 }))).toMatchObject({ completionCode: 'timeOut' });
    expect(driver.status()).toMatchObject({ device: 'offline' });
    sim.press('1');
    await advance(clock, 200);
    expect(events).toEqual([]);
    sim.setFault(null);
    sim.press('1');
    await advance(clock, 200);
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('garbage: random key reports never throw, produce only table keys, and replies fail with protocolError', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup();
    sim.setFault('garbage');
    for (let i = 0; i < 30; i++) {
      sim.press('1', 10);
      await advance(clock, 40);
    }
    for (const event of events) if (event.type === 'key') expect(typeof event.key).toBe('string');
    expect(driver.counters().counters.unknownReports).toBeGreaterThan(0);
    expect(await settle(clock, driver.beep(100))).toMatchObject({ completionCode: 'hardwareError', errorCode: 'protocolError' });
    expect(driver.status().device).toBe('hardwareError');
    sim.setFault(null);
    await settle(clock, driver.beep(100));
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('slow: answers late but within the timeout', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.setFault('slow', { factor: 50 });
    const start = clock.now();
    expect(await settle(clock, driver.beep(100))).toMatchObject({ completionCode: 'success' });
    expect(clock.now() - start).toBeGreaterThanOrEqual(250);
    await expectNoLeaks();
  });

  it('stuck-key: after stuckKeyMs a stuckKey event, a deviceError and hardwareError; released → online', async () => {
    const { clock, sim, driver, events, unsolicited, expectNoLeaks } = await setup({ stuckKeyMs: 5000 });
    sim.setFault('stuck-key', { key: 'enter' });
    await advance(clock, 4900);
    expect(events.some((e) => e.type === 'stuckKey')).toBe(false);
    await advance(clock, 200);
    expect(events.at(-1)).toEqual({ type: 'stuckKey', key: 'enter' });
    expect(unsolicited.some((e) => e.type === 'deviceError' && e.detail === 'key stuck: enter')).toBe(true);
    expect(driver.status()).toEqual({ device: 'hardwareError', detail: ['key stuck: enter'] });
    sim.press('2');
    await advance(clock, 200);
    expect(driver.status().device).toBe('hardwareError');
    sim.setFault(null);
    await advance(clock, 50);
    expect(driver.status()).toEqual({ device: 'online' });
    expect(driver.counters().counters.stuckKeys).toBe(1);
    await expectNoLeaks();
  });
});
