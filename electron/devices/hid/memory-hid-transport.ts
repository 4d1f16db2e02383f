/**
 * The in-memory HID link between a driver (host end, a HidTransport) and an
 * in-process simulator (device end, a HidDeviceEnd). `sim` mode for HID
 * devices: there is no hidraw/uhid on these machines, so this is where the
 * hardware is cut off.
 *
 * Reports are paced like USB polling (see paced-queue.ts): input reports reach
 * the host one per `reportIntervalMs`, output/feature reports reach the device
 * after one interval. Data is copied at the boundary, so neither side can
 * change what the other already received.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { HidDeviceEnd, HidSimulatorPort } from './hid-device-end.ts';
import type { HidReport, HostReportKind } from './hid-report.ts';
import type { HidConnector, HidTransport } from './hid-transport.ts';
import { ListenerSet } from './listener-set.ts';
import { PacedQueue } from './paced-queue.ts';

export interface MemoryHidLinkOptions {
  clock: DeviceClock;
  /** USB polling interval (bInterval); 0 delivers at once (unit tests). 8 ms is typical. */
  reportIntervalMs: number;
  /** The device's report FIFO; reports beyond it are dropped and counted. */
  maxQueuedReports?: number;
  label?: string;
}

export interface MemoryHidLink {
  readonly host: HidTransport;
  readonly device: HidDeviceEnd;
  /** Pull the cable: both ends close with `reason`. */
  unplug(reason?: string): void;
  /** For leak tests and the technician screen. */
  stats(): { hostListeners: number; deviceListeners: number; queuedInput: number; queuedOutput: number; droppedInputReports: number; pendingTimers: number };
}

const copyReport = (report: HidReport): HidReport => ({ reportId: report.reportId, data: report.data.slice() });

export function createMemoryHidLink(options: MemoryHidLinkOptions): MemoryHidLink {
  const label = options.label ?? 'hid (sim)';
  const capacity = options.maxQueuedReports ?? 1024;
  let open = true;

  const hostInput = new ListenerSet<HidReport>();
  const hostClose = new ListenerSet<string>();
  const deviceHostReport = new ListenerSet<{ kind: HostReportKind; report: HidReport }>();
  const deviceClose = new ListenerSet<string>();

  const toHost = new PacedQueue<HidReport>({ clock: options.clock, intervalMs: options.reportIntervalMs, capacity, deliver: (r) => hostInput.emit(r) });
  const toDevice = new PacedQueue<{ kind: HostReportKind; report: HidReport }>({
    clock: options.clock,
    intervalMs: options.reportIntervalMs,
    capacity,
    deliver: (m) => deviceHostReport.emit(m),
  });

  function hangUp(reason: string): void {
    if (!open) return;
    open = false;
    toHost.close();
    toDevice.close();
    // Tell both sides, then forget every listener: a closed link holds nothing.
    hostClose.emit(reason);
    deviceClose.emit(reason);
    hostInput.clear();
    hostClose.clear();
    deviceHostReport.clear();
    deviceClose.clear();
  }

  async function hostSend(kind: HostReportKind, report: HidReport): Promise<void> {
    if (!open) throw new Error(`${label}: ${kind} report on a closed link`);
    if (!toDevice.push({ kind, report: copyReport(report) })) throw new Error(`${label}: device is not taking reports (FIFO full)`);
  }

  const host: HidTransport = {
    description: label,
    get isOpen() {
      return open;
    },
    sendOutputReport: (report) => hostSend('output', report),
    sendFeatureReport: (report) => hostSend('feature', report),
    onInputReport: (listener) => (open ? hostInput.add(listener) : () => {}),
    onClose: (listener) => (open ? hostClose.add(listener) : () => {}),
    close: async () => hangUp('closed by host'),
  };

  const device: HidDeviceEnd = {
    get isOpen() {
      return open;
    },
    sendInputReport: (report) => open && toHost.push(copyReport(report)),
    onHostReport: (listener) => (open ? deviceHostReport.add(({ kind, report }) => listener(kind, report)) : () => {}),
    onClose: (listener) => (open ? deviceClose.add(listener) : () => {}),
    disconnect: (reason) => hangUp(reason),
  };

  return {
    host,
    device,
    unplug: (reason = 'unplugged') => hangUp(reason),
    stats: () => ({
      hostListeners: hostInput.size + hostClose.size,
      deviceListeners: deviceHostReport.size + deviceClose.size,
      queuedInput: toHost.length,
      queuedOutput: toDevice.length,
      droppedInputReports: toHost.dropped,
      pendingTimers: Number(toHost.hasPendingTimer) + Number(toDevice.hasPendingTimer),
    }),
  };
}

export interface SimulatorConnector {
  /** Give this to the driver: each call "enumerates" the simulator and opens a fresh link. */
  readonly connect: HidConnector;
  /** The link opened last (tests count its listeners). */
  current(): MemoryHidLink | null;
}

/**
 * Connects a driver to an in-process HID simulator, the way opening a device
 * by VID:PID works: it fails while the simulator is unplugged or without
 * power, and each successful open gets a new link.
 */
export function simulatorConnector(simulator: HidSimulatorPort, options: MemoryHidLinkOptions): SimulatorConnector {
  let last: MemoryHidLink | null = null;
  return {
    connect: async () => {
      if (!simulator.isPresent()) throw new Error(`HID device ${simulator.usbId} not found (simulated device is unplugged or without power)`);
      const link = createMemoryHidLink({ ...options, label: options.label ?? `hid ${simulator.usbId} (sim)` });
      last = link;
      simulator.attach(link.device);
      return link.host;
    },
    current: () => last,
  };
}
