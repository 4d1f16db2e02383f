import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.ts';
import type { HidDeviceEnd, HidSimulatorPort } from './hid-device-end.ts';
import { HidConnection } from './hid-connection.ts';
import type { HidReport } from './hid-report.ts';
import { createMemoryHidLink, simulatorConnector } from './memory-hid-transport.ts';
import { PacedQueue } from './paced-queue.ts';
import { flush } from './testing/drive-clock.ts';

const report = (n: number): HidReport => ({ reportId: 1, data: Uint8Array.of(n) });

describe('paced queue (USB polling)', () => {
  it('hands out one item per interval, in order, and holds one timer at most', () => {
    const clock = createFakeClock();
    const out: number[] = [];
    const queue = new PacedQueue<number>({ clock, intervalMs: 8, capacity: 10, deliver: (n) => out.push(n) });
    [1, 2, 3].forEach((n) => queue.push(n));
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(7);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out).toEqual([1]);
    clock.advance(16);
    expect(out).toEqual([1, 2, 3]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('drops and counts what does not fit, and close() stops everything', () => {
    const clock = createFakeClock();
    const out: number[] = [];
    const queue = new PacedQueue<number>({ clock, intervalMs: 8, capacity: 2, deliver: (n) => out.push(n) });
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
    expect(queue.dropped).toBe(1);
    queue.close();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(100);
    expect(out).toEqual([]);
    expect(queue.push(4)).toBe(false);
  });

  it('interval 0 delivers on microtasks, in order', async () => {
    const clock = createFakeClock();
    const out: number[] = [];
    const queue = new PacedQueue<number>({ clock, intervalMs: 0, capacity: 5, deliver: (n) => out.push(n) });
    queue.push(1);
    queue.push(2);
    expect(out).toEqual([]);
    await flush();
    expect(out).toEqual([1, 2]);
    expect(() => new PacedQueue({ clock, intervalMs: -1, capacity: 1, deliver: () => {} })).toThrow(RangeError);
  });
});

describe('memory HID link', () => {
  it('carries input reports to the host and output/feature reports to the device, paced and copied', async () => {
    const clock = createFakeClock();
    const link = createMemoryHidLink({ clock, reportIntervalMs: 8 });
    const atHost: number[] = [];
    const atDevice: string[] = [];
    link.host.onInputReport((r) => atHost.push(r.data[0]!));
    link.device.onHostReport((kind, r) => atDevice.push(`${kind}:${r.data[0]}`));
    const sent = report(5);
    link.device.sendInputReport(sent);
    link.device.sendInputReport(report(6));
    sent.data[0] = 99; // the link took a copy
    await link.host.sendOutputReport(report(1));
    await link.host.sendFeatureReport(report(2));
    clock.advance(8);
    expect(atHost).toEqual([5]);
    clock.advance(16);
    expect(atHost).toEqual([5, 6]);
    expect(atDevice).toEqual(['output:1', 'feature:2']);
    expect(link.stats().pendingTimers).toBe(0);
  });

  it('unplug closes both ends once, drops queued reports, refuses writes, and forgets all listeners', async () => {
    const clock = createFakeClock();
    const link = createMemoryHidLink({ clock, reportIntervalMs: 8 });
    const reasons: string[] = [];
    link.host.onClose((r) => reasons.push(`host ${r}`));
    link.device.onClose((r) => reasons.push(`device ${r}`));
    link.host.onInputReport(() => reasons.push('late report'));
    link.device.sendInputReport(report(1));
    link.unplug();
    link.unplug('twice');
    clock.advance(100);
    expect(reasons).toEqual(['host unplugged', 'device unplugged']);
    expect(link.host.isOpen).toBe(false);
    expect(link.device.sendInputReport(report(2))).toBe(false);
    await expect(link.host.sendOutputReport(report(3))).rejects.toThrow(/closed link/);
    expect(link.stats()).toMatchObject({ hostListeners: 0, deviceListeners: 0, pendingTimers: 0 });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('the device end can pull the plug itself (power cut)', () => {
    const clock = createFakeClock();
    const link = createMemoryHidLink({ clock, reportIntervalMs: 0 });
    const reasons: string[] = [];
    link.host.onClose((r) => reasons.push(r));
    link.device.disconnect('power lost');
    expect(reasons).toEqual(['power lost']);
  });
});

/** A stand-in simulator that can be unplugged. */
function fakeDevice(): HidSimulatorPort & { present: boolean; ends: HidDeviceEnd[] } {
  return {
    usbId: '2fe3:0001',
    present: true,
    ends: [],
    isPresent() {
      return this.present;
    },
    attach(end) {
      this.ends.push(end);
    },
  };
}

describe('simulator connector and HID connection', () => {
  it('fails like a missing device while unplugged and opens a fresh link each time', async () => {
    const clock = createFakeClock();
    const device = fakeDevice();
    const connector = simulatorConnector(device, { clock, reportIntervalMs: 0 });
    device.present = false;
    await expect(connector.connect()).rejects.toThrow('HID device 2fe3:0001 not found');
    device.present = true;
    const first = await connector.connect();
    const second = await connector.connect();
    expect(first).not.toBe(second);
    expect(device.ends).toHaveLength(2);
    expect(first.description).toBe('hid 2fe3:0001 (sim)');
  });

  it('reconnects by itself after an unplug, with one retry timer while disconnected and none after close', async () => {
    const clock = createFakeClock();
    const device = fakeDevice();
    const connector = simulatorConnector(device, { clock, reportIntervalMs: 0 });
    const log: string[] = [];
    const connection = new HidConnection({
      connect: connector.connect,
      clock,
      reconnectIntervalMs: 1000,
      onInputReport: (r) => log.push(`report ${r.data[0]}`),
      onConnected: () => log.push('connected'),
      onDisconnected: (reason) => log.push(`disconnected: ${reason}`),
    });
    expect(await connection.ensureOpen()).not.toBeNull();
    device.ends[0]!.sendInputReport(report(7));
    await flush();
    device.present = false;
    connector.current()!.unplug();
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(1000);
    await flush();
    expect(connection.lastError).toMatch(/not found/);
    expect(clock.pendingTimers()).toBe(1);
    device.present = true;
    clock.advance(1000);
    await flush();
    expect(connection.transport).not.toBeNull();
    expect(clock.pendingTimers()).toBe(0);
    expect(log).toEqual(['connected', 'report 7', 'disconnected: unplugged', 'connected']);
    await connection.close();
    expect(connector.current()!.stats()).toMatchObject({ hostListeners: 0 });
    expect(clock.pendingTimers()).toBe(0);
    expect(await connection.ensureOpen()).toBeNull();
  });

  it('concurrent opens share one attempt; an open that finishes after close is closed again', async () => {
    const clock = createFakeClock();
    const device = fakeDevice();
    const connector = simulatorConnector(device, { clock, reportIntervalMs: 0 });
    const connection = new HidConnection({ connect: connector.connect, clock, reconnectIntervalMs: 0, onInputReport: () => {}, onConnected: () => {}, onDisconnected: () => {} });
    const [a, b] = await Promise.all([connection.ensureOpen(), connection.ensureOpen()]);
    expect(a).toBe(b);
    expect(device.ends).toHaveLength(1);

    const late = new HidConnection({ connect: connector.connect, clock, reconnectIntervalMs: 0, onInputReport: () => {}, onConnected: () => {}, onDisconnected: () => {} });
    const opening = late.ensureOpen();
    await late.close();
    expect(await opening).toBeNull();
    expect(device.ends.at(-1)!.isOpen).toBe(false);
  });
});
