import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared/bytes.ts';
import type { HidReport } from './hid-report.ts';
import { HidOpenError, openNodeHidTransport, realHidConnector, type HidDeviceHandle } from './node-hid-transport.ts';

describe('node-hid adapter against the real node-hid (no HID device on this machine)', () => {
  it('opening a missing VID:PID fails cleanly with the device named', async () => {
    const attempt = openNodeHidTransport({ target: { kind: 'usb', vendorId: 0x2fe3, productId: 0x7e57 }, usesReportIds: true });
    await expect(attempt).rejects.toBeInstanceOf(HidOpenError);
    await expect(attempt).rejects.toThrow(/^cannot open HID device 2fe3:7e57: .+/);
  });

  it('the real-mode connector fails the same way, so a driver reports noDevice and retries', async () => {
    await expect(realHidConnector({ kind: 'usb', vendorId: 0x2047, productId: 0x0a14 }, true)()).rejects.toThrow(/cannot open HID device 2047:0a14/);
  });

  it('opening a missing hidraw path fails cleanly with the path named', async () => {
    const attempt = openNodeHidTransport({ target: { kind: 'path', path: '/dev/hidraw-khidma-missing' }, usesReportIds: false });
    await expect(attempt).rejects.toThrow(/cannot open HID device \/dev\/hidraw-khidma-missing: /);
  });
});

/** A stand-in for HIDAsync: records writes, lets the test emit data and errors. */
class FakeHandle extends EventEmitter implements HidDeviceHandle {
  writes: string[] = [];
  features: string[] = [];
  closed = 0;
  failWrites = false;
  async write(values: number[] | Buffer): Promise<number> {
    if (this.failWrites) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    this.writes.push(toHex(Uint8Array.from(values)));
    return values.length;
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.features.push(toHex(Uint8Array.from(data)));
    return data.length;
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

async function openFake(usesReportIds: boolean) {
  const handle = new FakeHandle();
  const transport = await openNodeHidTransport({ target: { kind: 'usb', vendorId: 1, productId: 2 }, usesReportIds, open: async () => handle });
  return { handle, transport };
}

describe('node-hid adapter behaviour (fake HIDAsync handle)', () => {
  it('splits the report ID off numbered input reports and prepends it on writes', async () => {
    const { handle, transport } = await openFake(true);
    const seen: HidReport[] = [];
    transport.onInputReport((r) => seen.push(r));
    handle.emit('data', Buffer.from([0x02, 0x10, 0x20]));
    await transport.sendOutputReport({ reportId: 1, data: fromHex('AA BB') });
    await transport.sendFeatureReport({ reportId: 3, data: fromHex('01') });
    expect(seen).toEqual([{ reportId: 2, data: fromHex('10 20') }]);
    expect(handle.writes).toEqual(['01 AA BB']);
    expect(handle.features).toEqual(['03 01']);
    expect(transport.description).toBe('hid 0001:0002');
  });

  it('unnumbered reports keep every byte and write a 0 report ID', async () => {
    const { handle, transport } = await openFake(false);
    const seen: HidReport[] = [];
    transport.onInputReport((r) => seen.push(r));
    handle.emit('data', Buffer.from([0x02, 0x10]));
    await transport.sendOutputReport({ reportId: 0, data: fromHex('05') });
    expect(seen).toEqual([{ reportId: 0, data: fromHex('02 10') }]);
    expect(handle.writes).toEqual(['00 05']);
  });

  it('a read error (device unplugged) closes the transport once and frees the handle', async () => {
    const { handle, transport } = await openFake(true);
    const reasons: string[] = [];
    transport.onClose((r) => reasons.push(r));
    handle.emit('error', new Error('could not read from HID device'));
    handle.emit('error', new Error('again'));
    expect(reasons).toEqual(['read error: could not read from HID device']);
    expect(transport.isOpen).toBe(false);
    expect(handle.closed).toBe(1);
    expect(handle.listenerCount('data')).toBe(0);
    await expect(transport.sendOutputReport({ reportId: 1, data: fromHex('00') })).rejects.toThrow(/closed device/);
  });

  it('a failed write closes the transport and rejects with the cause', async () => {
    const { handle, transport } = await openFake(true);
    handle.failWrites = true;
    await expect(transport.sendOutputReport({ reportId: 1, data: fromHex('00') })).rejects.toThrow(/output report failed: LIBUSB_ERROR_NO_DEVICE/);
    expect(transport.isOpen).toBe(false);
  });

  it('adds a udev hint when the device exists but access is denied', async () => {
    const attempt = openNodeHidTransport({
      target: { kind: 'path', path: '/dev/hidraw0' },
      usesReportIds: false,
      open: async () => {
        throw new Error("Failed to open a device with path '/dev/hidraw0': Permission denied");
      },
    });
    await expect(attempt).rejects.toThrow(/udev rule/);
  });
});
