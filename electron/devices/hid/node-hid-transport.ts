/**
 * The real HID adapter: a HidTransport over node-hid 3 (`HIDAsync`, hidapi's
 * hidraw backend on Linux). Used in `real` mode; there is no `wire` mode for
 * HID because these machines have no uhid to fake a device with.
 *
 * node-hid facts this relies on (node_modules/node-hid/nodehid.js, .d.ts):
 *  - `HIDAsync.open(path)` or `HIDAsync.open(vid, pid)` rejects when no such
 *    device exists or it cannot be opened (permissions: a udev rule is needed
 *    for non-root access to /dev/hidraw*);
 *  - adding a 'data' listener starts a read thread; each 'data' is one input
 *    report as a Buffer, with the report ID in byte 0 for numbered reports;
 *  - 'error' is emitted when reading fails, which is how an unplug shows up;
 *  - `write()` and `sendFeatureReport()` take the report ID as byte 0.
 */
import { HIDAsync } from 'node-hid';
import type { HidReport } from './hid-report.ts';
import { fromHidapiBytes, toHidapiBytes } from './hid-report.ts';
import type { HidTarget } from './hid-target.ts';
import { describeHidTarget } from './hid-target.ts';
import type { HidTransport } from './hid-transport.ts';
import { ListenerSet } from './listener-set.ts';

/** The part of node-hid's HIDAsync we use; tests substitute a fake. */
export interface HidDeviceHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(): unknown;
  write(values: number[] | Buffer): Promise<number>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface NodeHidTransportOptions {
  target: HidTarget;
  /** Whether the device's report descriptor numbers its reports (then byte 0 of every read is the ID). */
  usesReportIds: boolean;
  /** Replaces node-hid's HIDAsync.open (tests). */
  open?: (target: HidTarget) => Promise<HidDeviceHandle>;
}

/** Opening failed: the message says which device and why, for the technician. */
export class HidOpenError extends Error {
  override readonly name = 'HidOpenError';
}

const openWithNodeHid = (target: HidTarget): Promise<HidDeviceHandle> =>
  target.kind === 'path' ? HIDAsync.open(target.path) : HIDAsync.open(target.vendorId, target.productId);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openNodeHidTransport(options: NodeHidTransportOptions): Promise<HidTransport> {
  const name = describeHidTarget(options.target);
  let handle: HidDeviceHandle;
  try {
    handle = await (options.open ?? openWithNodeHid)(options.target);
  } catch (error) {
    const reason = messageOf(error);
    const hint = /permission|EACCES/i.test(reason) ? ' — is there a udev rule giving the kiosk user access to /dev/hidraw*?' : '';
    throw new HidOpenError(`cannot open HID device ${name}: ${reason}${hint}`, { cause: error });
  }

  const inputListeners = new ListenerSet<HidReport>();
  const closeListeners = new ListenerSet<string>();
  let open = true;
  let closing: Promise<void> = Promise.resolve();

  const markClosed = (reason: string): Promise<void> => {
    if (!open) return closing;
    open = false;
    handle.removeAllListeners();
    // An 'error' without a listener would throw out of the EventEmitter; late errors mean nothing now.
    handle.on('error', () => {});
    // A failed read usually means the device is gone; closing frees hidapi's read thread.
    closing = handle.close().catch(() => {});
    closeListeners.emit(reason);
    inputListeners.clear();
    closeListeners.clear();
    return closing;
  };

  handle.on('data', (data: Buffer) => {
    if (!open) return;
    const report = fromHidapiBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(), options.usesReportIds);
    if (report) inputListeners.emit(report);
  });
  handle.on('error', (error: unknown) => void markClosed(`read error: ${messageOf(error)}`));

  const send = async (kind: 'output' | 'feature', report: HidReport): Promise<void> => {
    if (!open) throw new Error(`${name}: ${kind} report on a closed device`);
    const bytes = Buffer.from(toHidapiBytes(report));
    try {
      await (kind === 'output' ? handle.write(bytes) : handle.sendFeatureReport(bytes));
    } catch (error) {
      void markClosed(`write error: ${messageOf(error)}`);
      throw new Error(`${name}: ${kind} report failed: ${messageOf(error)}`, { cause: error });
    }
  };

  return {
    description: `hid ${name}`,
    get isOpen() {
      return open;
    },
    sendOutputReport: (report) => send('output', report),
    sendFeatureReport: (report) => send('feature', report),
    onInputReport: (listener) => (open ? inputListeners.add(listener) : () => {}),
    onClose: (listener) => (open ? closeListeners.add(listener) : () => {}),
    close: () => markClosed('closed by host'),
  };
}

/**
 * `real` mode: a connector that opens the configured device each time the
 * driver (re)connects, e.g. `realHidConnector(parseHidTarget('0c2e:0b61'), true)`.
 */
export function realHidConnector(target: HidTarget, usesReportIds: boolean): () => Promise<HidTransport> {
  return () => openNodeHidTransport({ target, usesReportIds });
}
