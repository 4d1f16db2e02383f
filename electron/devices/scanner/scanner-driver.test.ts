import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScannerSimulator, type ScannerSimulatorOptions } from '../../../native-mocks/scanner/scanner-simulator.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { UnsolicitedEventSchema, type UnsolicitedEvent } from '../contract/events.ts';
import { DeviceCapabilitiesSchema, DeviceCountersSchema, DeviceStatusSchema } from '../contract/status.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { advance, settle, watchUnhandledRejections } from '../hid/testing/drive-clock.ts';
import { ScannerDriver, type ScannerDriverOptions, type ScannerEvent } from './scanner-driver.ts';

let rejections: ReturnType<typeof watchUnhandledRejections>;
beforeEach(() => {
  rejections = watchUnhandledRejections();
});
afterEach(() => {
  rejections.stop();
  expect(rejections.count()).toBe(0);
});

async function setup(driverOptions: Partial<ScannerDriverOptions> = {}, simOptions: Partial<ScannerSimulatorOptions> = {}) {
  const clock = createFakeClock(1_700_000_000_000);
  const sim = new ScannerSimulator({ clock, ...simOptions });
  const connector = simulatorConnector(sim, { clock, reportIntervalMs: 8 });
  const driver = new ScannerDriver({ connect: connector.connect, clock, reconnectIntervalMs: 1000, ...driverOptions });
  const events: ScannerEvent[] = [];
  const unsolicited: UnsolicitedEvent[] = [];
  driver.onEvent((e) => events.push(e));
  driver.onUnsolicited((e) => unsolicited.push(e));
  expect(await settle(clock, driver.open())).toMatchObject({ completionCode: 'success', payload: { firmware: '3.1' } });
  const expectNoLeaks = async () => {
    // What crosses to the core and the technician screen must match the contract's schemas.
    DeviceStatusSchema.parse(driver.status());
    DeviceCountersSchema.parse(driver.counters());
    DeviceCapabilitiesSchema.parse(driver.capabilities());
    for (const event of unsolicited) UnsolicitedEventSchema.parse(event);
    await advance(clock, 500);
    expect(driver.pendingWaits).toBe(0);
    await driver.close();
    expect(clock.pendingTimers()).toBe(0);
    expect(sim.device.pendingTimers).toBe(0);
    expect(connector.current()?.stats()).toMatchObject({ hostListeners: 0, deviceListeners: 0, pendingTimers: 0 });
  };
  return { clock, sim, driver, events, unsolicited, expectNoLeaks };
}

describe('scanner driver against the simulator', () => {
  it.each(['wedge', 'hid-pos'] as const)('read() returns the reference scanned in %s mode', async (mode) => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const read = driver.read();
    await advance(clock, 50);
    expect(sim.scan('APP-2026-000123', mode).accepted).toBe(true);
    const result = await settle(clock, read);
    expect(result).toMatchObject({ completionCode: 'success', payload: { reference: 'APP-2026-000123', mode: mode === 'wedge' ? 'wedge' : 'hidPos', symbology: mode === 'wedge' ? null : ']Q1' } });
    expect(driver.counters().counters).toMatchObject({ scansAccepted: 1, scansRejected: 0 });
    await expectNoLeaks();
  });

  it('scans while nobody reads become events (start-screen scan)', async () => {
    const { clock, sim, events, expectNoLeaks } = await setup();
    sim.scan('APP-2026-000777', 'wedge');
    await advance(clock, 1500);
    sim.scan('hello', 'hid-pos');
    await advance(clock, 500);
    expect(events).toEqual([
      { type: 'scanned', reference: 'APP-2026-000777', symbology: null, mode: 'wedge' },
      { type: 'scanRejected', reason: 'wrongFormat', mode: 'hidPos' },
    ]);
    await expectNoLeaks();
  });

  it('a bad scan during a read is an intermediate event; the read keeps waiting for a good one', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const intermediate: unknown[] = [];
    const read = driver.read({ onEvent: (e) => intermediate.push(e.event) });
    sim.scan('https://example.invalid/app', 'hid-pos');
    await advance(clock, 300);
    sim.scan('مرحبا', 'wedge');
    await advance(clock, 2000);
    sim.scan('APP-2026-000321', 'wedge');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'success', payload: { reference: 'APP-2026-000321' } });
    expect(intermediate).toEqual([
      { type: 'scanRejected', reason: 'wrongFormat' },
      { type: 'scanRejected', reason: 'nonPrintable' },
    ]);
    await expectNoLeaks();
  });

  it('gives up after maxRejects bad scans with the last reason as errorCode', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup({ maxRejects: 2 });
    const read = driver.read();
    sim.scan('4006381333931', 'hid-pos', 'ean13');
    await advance(clock, 300);
    sim.scan('A'.repeat(100), 'hid-pos');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'tooLong', description: '2 unusable scans in a row' });
    await expectNoLeaks();
  });

  it('wedge prefix/suffix and Tab terminator as configured on both sides', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup({ terminator: 'tab', prefix: ']Q', suffix: '!' }, { terminator: 'tab', prefix: ']Q', suffix: '!' });
    const read = driver.read();
    sim.scan('APP-2027-000042', 'wedge');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'success', payload: { reference: 'APP-2027-000042' } });
    await expectNoLeaks();
  });

  it('partial scans (terminator lost, last HID-POS report lost) are rejected after the inter-character timeout', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup({ interCharTimeoutMs: 150 });
    sim.setFault('partial-scan');
    sim.scan('APP-2026-000123', 'wedge');
    await advance(clock, 1000);
    sim.scan('APP-2026-000123', 'hid-pos');
    await advance(clock, 1000);
    expect(events).toEqual([
      { type: 'scanRejected', reason: 'partialScan', mode: 'wedge' },
      { type: 'scanRejected', reason: 'partialScan', mode: 'hidPos' },
    ]);
    expect(driver.counters().counters.partialScans).toBe(2);
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('a disabled scanner reads nothing; enabling again works', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup();
    expect(await settle(clock, driver.setEnabled(false))).toMatchObject({ completionCode: 'success' });
    expect(sim.state()).toMatchObject({ enabled: false });
    expect(sim.scan('APP-2026-000123').accepted).toBe(false);
    expect(await settle(clock, driver.read({ timeoutMs: 1000 }))).toMatchObject({ completionCode: 'sequenceError' });
    expect(await settle(clock, driver.setEnabled(true))).toMatchObject({ completionCode: 'success' });
    sim.scan('APP-2026-000123');
    await advance(clock, 1000);
    expect(events).toHaveLength(1);
    await expectNoLeaks();
  });

  it('cancel ends a read with canceled and leaves nothing subscribed', async () => {
    const { clock, driver, expectNoLeaks } = await setup();
    const caller = new AbortController();
    const read = driver.read({ signal: caller.signal });
    await advance(clock, 100);
    caller.abort();
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'canceled' });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(driver.pendingWaits).toBe(0);
    await expectNoLeaks();
  });

  it('a read with nobody scanning times out; the scanner is not blamed', async () => {
    const { clock, driver, expectNoLeaks } = await setup();
    expect(await settle(clock, driver.read({ timeoutMs: 5000 }))).toMatchObject({ completionCode: 'timeOut' });
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('self-test passes and reports its checks', async () => {
    const { clock, driver, expectNoLeaks } = await setup();
    const result = await settle(clock, driver.selfTest());
    expect(result).toMatchObject({ deviceClass: 'scanner', passed: true });
    expect(result.checks.map((c) => c.name)).toEqual(['link', 'imager', 'illumination', 'beeper']);
    await expectNoLeaks();
  });
});

describe('scanner fault matrix', () => {
  it.each([
    ['unplugged', 'deviceNotReady', 'noDevice', 'noDevice'],
    ['power-cut', 'deviceNotReady', 'noDevice', 'noDevice'],
  ])('%s → read ends %s/%s, status %s; clearing it reconnects by itself', async (fault, completionCode, errorCode, device) => {
    const { clock, sim, driver, unsolicited, expectNoLeaks } = await setup();
    sim.setFault(fault);
    await advance(clock, 10);
    expect(driver.status().device).toBe(device);
    expect(await settle(clock, driver.read({ timeoutMs: 2000 }))).toMatchObject({ completionCode, errorCode });
    expect(unsolicited.at(-1)).toMatchObject({ type: 'statusChanged', deviceClass: 'scanner', status: { device } });
    sim.setFault(null);
    await advance(clock, 1200);
    expect(driver.status().device).toBe('online');
    const read = driver.read();
    sim.scan('APP-2026-000123');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'success' });
    await expectNoLeaks();
  });

  it('unplug during a read → hardwareError/linkDown', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const read = driver.read();
    await advance(clock, 100);
    sim.setFault('unplugged');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'hardwareError', errorCode: 'linkDown' });
    await expectNoLeaks();
  });

  it('no-answer: a command times out and the scanner is marked offline; a later answer brings it back', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.setFault('no-answer');
    expect(await settle(clock, driver.setEnabled(true, { timeoutMs: 1000 }))).toMatchObject({ completionCode: 'timeOut' });
    expect(driver.status()).toMatchObject({ device: 'offline', detail: ['no answer from the device'] });
    const test = await settle(clock, driver.selfTest({ timeoutMs: 1000 }));
    expect(test.passed).toBe(false);
    expect(test.checks[0]).toMatchObject({ name: 'link', passed: false, detail: expect.stringContaining('timeOut') });
    sim.setFault(null);
    expect(await settle(clock, driver.setEnabled(true))).toMatchObject({ completionCode: 'success' });
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('garbage: malformed vendor replies → hardwareError/protocolError; garbage scans never yield a reference', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup();
    sim.setFault('garbage');
    expect(await settle(clock, driver.setEnabled(true))).toMatchObject({ completionCode: 'hardwareError', errorCode: 'protocolError' });
    expect(driver.status().device).toBe('hardwareError');
    for (const mode of ['wedge', 'hid-pos', 'wedge', 'hid-pos'] as const) {
      sim.scan('APP-2026-000123', mode);
      await advance(clock, 1000);
    }
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type === 'scanRejected')).toBe(true);
    sim.setFault(null);
    const read = driver.read();
    sim.scan('APP-2026-000123', 'hid-pos');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'success' });
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('slow: a little slower still reads; much slower breaks the scan into partials', async () => {
    const { clock, sim, driver, events, expectNoLeaks } = await setup({ interCharTimeoutMs: 100 }, { keystrokeMs: 4 });
    sim.setFault('slow', { factor: 5 });
    const read = driver.read();
    sim.scan('APP-2026-000123');
    expect(await settle(clock, read)).toMatchObject({ completionCode: 'success' });
    await advance(clock, 500);
    sim.setFault('slow', { factor: 40 });
    expect(sim.scan('APP-2026-000123').accepted).toBe(true);
    await advance(clock, 10_000);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type === 'scanRejected' && e.reason !== undefined)).toBe(true);
    expect(events.some((e) => e.type === 'scanRejected' && e.reason === 'partialScan')).toBe(true);
    await expectNoLeaks();
  });
});
