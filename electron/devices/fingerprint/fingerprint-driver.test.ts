import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FingerprintSimulator, type Finger } from '../../../native-mocks/fingerprint/fingerprint-simulator.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { simulatorConnector } from '../hid/memory-hid-transport.ts';
import { realHidConnector } from '../hid/node-hid-transport.ts';
import { advance, settle, watchUnhandledRejections } from '../hid/testing/drive-clock.ts';
import { UnsolicitedEventSchema, type UnsolicitedEvent } from '../contract/events.ts';
import { DeviceCapabilitiesSchema, DeviceCountersSchema, DeviceStatusSchema } from '../contract/status.ts';
import { FingerprintDriver, matchOutcomeKind, type FingerprintDriverOptions } from './fingerprint-driver.ts';

/** A fictional reference template: opaque bytes, as the card chip would hand them over. */
const REFERENCE = Uint8Array.from({ length: 96 }, (_, i) => (i * 37 + 11) & 0xff);

let rejections: ReturnType<typeof watchUnhandledRejections>;
beforeEach(() => {
  rejections = watchUnhandledRejections();
});
afterEach(() => {
  rejections.stop();
  expect(rejections.count()).toBe(0);
});

async function setup(options: Partial<FingerprintDriverOptions> = {}) {
  const clock = createFakeClock(1_700_000_000_000);
  const sim = new FingerprintSimulator({ clock });
  const connector = simulatorConnector(sim, { clock, reportIntervalMs: 8 });
  const logs: unknown[] = [];
  const log = { info: (fields: object, msg: string) => logs.push({ ...fields, msg }), warn: (fields: object, msg: string) => logs.push({ ...fields, msg }) };
  const driver = new FingerprintDriver({ connect: connector.connect, clock, reconnectIntervalMs: 1000, log, ...options });
  const unsolicited: UnsolicitedEvent[] = [];
  driver.onUnsolicited((e) => unsolicited.push(e));
  const opened = await settle(clock, driver.open());
  expect(opened.completionCode).toBe('success');
  /** Everything the driver, the link and the simulator hold must be gone after close. */
  const expectNoLeaks = async () => {
    // What crosses to the core and the technician screen must match the contract's schemas.
    DeviceStatusSchema.parse(driver.status());
    DeviceCountersSchema.parse(driver.counters());
    DeviceCapabilitiesSchema.parse(driver.capabilities());
    for (const event of unsolicited) UnsolicitedEventSchema.parse(event);
    await advance(clock, 200);
    expect(driver.pendingWaits).toBe(0);
    await driver.close();
    expect(clock.pendingTimers()).toBe(0);
    expect(sim.device.pendingTimers).toBe(0);
    expect(connector.current()?.stats()).toMatchObject({ hostListeners: 0, deviceListeners: 0, pendingTimers: 0 });
  };
  return { clock, sim, connector, driver, logs, unsolicited, expectNoLeaks };
}

describe('fingerprint driver against the simulator', () => {
  it('reads the reader identity on open and reports it as capabilities', async () => {
    const { driver, expectNoLeaks } = await setup();
    expect(driver.capabilities()).toEqual({ deviceClass: 'fingerprint', model: 'KFP-500 (simulated)', firmwareVersion: '2.4' });
    expect(driver.status()).toEqual({ device: 'online' });
    await expectNoLeaks();
  });

  it('matches a matching finger, with intermediate events in order', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const events: unknown[] = [];
    const completion = driver.captureAndMatch(REFERENCE, { onEvent: (e) => events.push(e.event) });
    await advance(clock, 500);
    sim.placeFinger('matching');
    const result = await settle(clock, completion);
    expect(result).toMatchObject({ completionCode: 'success', payload: { matched: true, score: 87, quality: 82 } });
    expect(result.requestId).toMatch(/^fingerprint-\d+$/);
    expect(events).toEqual([{ type: 'placeFinger' }, { type: 'fingerDetected' }, { type: 'liftFinger' }, { type: 'captured', quality: 82 }]);
    expect(matchOutcomeKind(result)).toBe('match');
    expect(driver.counters().counters).toMatchObject({ captures: 1, matches: 1, noMatches: 0 });
    await expectNoLeaks();
  });

  const outcomes: Array<[Finger, string, string | undefined, string]> = [
    ['non-matching', 'success', undefined, 'no-match'],
    ['poor-quality', 'commandErrorCode', 'poorQuality', 'poor-quality'],
    ['lifted-too-soon', 'userError', 'fingerRemoved', 'removed'],
  ];
  it.each(outcomes)('a %s finger ends in %s/%s (%s)', async (finger, completionCode, errorCode, kind) => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.placeFinger(finger);
    const result = await settle(clock, driver.captureAndMatch(REFERENCE));
    expect(result.completionCode).toBe(completionCode);
    expect(result.errorCode).toBe(errorCode);
    expect(matchOutcomeKind(result)).toBe(kind);
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('a finger lifted while the image is taken ends in userError/fingerRemoved', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.placeFinger('matching');
    const completion = driver.captureAndMatch(REFERENCE);
    await advance(clock, 200);
    expect(sim.state()).toMatchObject({ capturing: true });
    sim.liftFinger();
    expect(await settle(clock, completion)).toMatchObject({ completionCode: 'userError', errorCode: 'fingerRemoved' });
    await expectNoLeaks();
  });

  it("no finger: the reader's own capture timeout ends in timeOut/noFinger", async () => {
    const { clock, driver, expectNoLeaks } = await setup({ captureTimeoutSeconds: 3, commandTimeoutMs: 10_000 });
    const completion = driver.captureAndMatch(REFERENCE);
    await advance(clock, 2900);
    const result = await settle(clock, completion);
    expect(result).toMatchObject({ completionCode: 'timeOut', errorCode: 'noFinger' });
    expect(clock.now() - 1_700_000_000_000).toBeLessThan(3500 + 200);
    expect(matchOutcomeKind(result)).toBe('timeout');
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('the command timeout wins when it is shorter, and the reader is told to stop', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup({ captureTimeoutSeconds: 20 });
    const result = await settle(clock, driver.captureAndMatch(REFERENCE, { timeoutMs: 4000 }));
    expect(result).toMatchObject({ completionCode: 'timeOut', description: 'no completion within 4000 ms' });
    await advance(clock, 100);
    expect(sim.state()).toMatchObject({ capturing: false });
    // The reader heard us all along (it asked for a finger), so it is not "offline".
    expect(driver.status().device).toBe('online');
    expect(driver.counters().counters.timeouts).toBe(1);
    await expectNoLeaks();
  });

  it('cancel from the caller: canceled, the reader stops, its late replies are dropped as stale', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const caller = new AbortController();
    const completion = driver.captureAndMatch(REFERENCE, { signal: caller.signal });
    await advance(clock, 300);
    caller.abort();
    expect(await settle(clock, completion)).toMatchObject({ completionCode: 'canceled' });
    await advance(clock, 100);
    expect(sim.state()).toMatchObject({ capturing: false });
    expect(driver.counters().counters.staleFrames).toBeGreaterThanOrEqual(1);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    // And the next command works normally.
    sim.placeFinger('matching');
    expect(await settle(clock, driver.captureAndMatch(REFERENCE))).toMatchObject({ completionCode: 'success' });
    await expectNoLeaks();
  });

  it('a second command while one runs is a sequenceError, the first is unaffected', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const first = driver.captureAndMatch(REFERENCE);
    const second = await settle(clock, driver.captureAndMatch(REFERENCE));
    expect(second).toMatchObject({ completionCode: 'sequenceError', errorCode: 'deviceBusy' });
    sim.placeFinger('matching');
    expect(await settle(clock, first)).toMatchObject({ completionCode: 'success' });
    await expectNoLeaks();
  });

  it('refuses an empty reference without touching the device, and the reader refuses a truncated one', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    expect(await settle(clock, driver.captureAndMatch(new Uint8Array(0)))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'invalidReference' });
    expect(sim.state()).toMatchObject({ commands: 1 }); // only GET_INFO from open()
    sim.placeFinger('matching');
    expect(await settle(clock, driver.captureAndMatch(REFERENCE.subarray(0, 4)))).toMatchObject({ completionCode: 'commandErrorCode', errorCode: 'invalidReference' });
    await expectNoLeaks();
  });

  it('never logs the reference template', async () => {
    const { clock, sim, driver, logs, expectNoLeaks } = await setup();
    sim.placeFinger('matching');
    await settle(clock, driver.captureAndMatch(REFERENCE));
    const text = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/template|reference/i);
    expect(text).not.toContain(Array.from(REFERENCE.subarray(0, 8)).join(','));
    await expectNoLeaks();
  });

  it('self-test passes on a healthy reader and names the failed check on a sensor fault', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const good = await settle(clock, driver.selfTest());
    expect(good).toMatchObject({ deviceClass: 'fingerprint', passed: true });
    expect(good.checks.map((c) => c.name)).toEqual(['link', 'sensor', 'led', 'memory']);
    sim.setFault('sensor-fault');
    const bad = await settle(clock, driver.selfTest());
    expect(bad.passed).toBe(false);
    expect(bad.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['sensor']);
    await expectNoLeaks();
  });
});

describe('fingerprint fault matrix', () => {
  // Fault set before the command: completion, errorCode, device status afterwards.
  const matrix: Array<[string, string, string | undefined, string]> = [
    ['unplugged', 'deviceNotReady', 'noDevice', 'noDevice'],
    ['power-cut', 'deviceNotReady', 'noDevice', 'noDevice'],
    ['no-answer', 'timeOut', undefined, 'offline'],
    ['garbage', 'hardwareError', 'protocolError', 'hardwareError'],
    ['bad-crc', 'hardwareError', 'protocolError', 'hardwareError'],
    ['sensor-fault', 'hardwareError', 'sensorFault', 'hardwareError'],
  ];
  it.each(matrix)('%s → %s/%s, status %s', async (fault, completionCode, errorCode, device) => {
    const { clock, sim, driver, unsolicited, expectNoLeaks } = await setup();
    sim.placeFinger('matching');
    sim.setFault(fault);
    const caller = new AbortController();
    const result = await settle(clock, driver.captureAndMatch(REFERENCE, { timeoutMs: 8000, signal: caller.signal }));
    expect(result.completionCode).toBe(completionCode);
    expect(result.errorCode).toBe(errorCode);
    expect(driver.status().device).toBe(device);
    expect(unsolicited.at(-1)).toMatchObject({ type: 'statusChanged', deviceClass: 'fingerprint', status: { device } });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(matchOutcomeKind(result)).toBe(completionCode === 'timeOut' ? 'timeout' : 'device-fault');
    // Clearing the fault brings the reader back (reconnecting by itself after an unplug).
    sim.setFault(null);
    await advance(clock, 1500);
    expect(await settle(clock, driver.captureAndMatch(REFERENCE))).toMatchObject({ completionCode: 'success', payload: { matched: true } });
    expect(driver.status().device).toBe('online');
    await expectNoLeaks();
  });

  it('slow: still succeeds within the timeout, later; times out when the timeout is shorter', async () => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    sim.placeFinger('matching');
    sim.setFault('slow');
    const start = clock.now();
    expect(await settle(clock, driver.captureAndMatch(REFERENCE))).toMatchObject({ completionCode: 'success' });
    expect(clock.now() - start).toBeGreaterThan(6000);
    expect(await settle(clock, driver.captureAndMatch(REFERENCE, { timeoutMs: 2000 }))).toMatchObject({ completionCode: 'timeOut' });
    await expectNoLeaks();
  });

  it.each(['unplugged', 'power-cut'])('%s in the middle of a capture → hardwareError/linkDown, then recovers', async (fault) => {
    const { clock, sim, driver, expectNoLeaks } = await setup();
    const completion = driver.captureAndMatch(REFERENCE);
    await advance(clock, 300);
    sim.setFault(fault);
    expect(await settle(clock, completion)).toMatchObject({ completionCode: 'hardwareError', errorCode: 'linkDown' });
    expect(driver.status().device).toBe('noDevice');
    sim.setFault(null);
    await advance(clock, 1500);
    expect(driver.status().device).toBe('online');
    sim.placeFinger('matching');
    expect(await settle(clock, driver.captureAndMatch(REFERENCE))).toMatchObject({ completionCode: 'success' });
    expect(driver.counters().counters.disconnects).toBe(1);
    await expectNoLeaks();
  });
});

describe('fingerprint driver in real mode without a reader attached', () => {
  it('open and capture end in deviceNotReady/noDevice naming the device, status noDevice, nothing left running after close', async () => {
    const clock = createFakeClock(0);
    const driver = new FingerprintDriver({ connect: realHidConnector({ kind: 'usb', vendorId: 0x2fe3, productId: 0x0501 }, true), clock, reconnectIntervalMs: 5000 });
    const opened = await settle(clock, driver.open());
    expect(opened).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'noDevice', description: expect.stringContaining('2fe3:0501') });
    expect(await settle(clock, driver.captureAndMatch(REFERENCE))).toMatchObject({ completionCode: 'deviceNotReady', errorCode: 'noDevice' });
    expect(driver.status().device).toBe('noDevice');
    await driver.close();
    expect(clock.pendingTimers()).toBe(0);
  });
});
