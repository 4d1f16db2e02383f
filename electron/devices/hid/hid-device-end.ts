/**
 * The device's side of a simulated HID link: what a simulator in native-mocks
 * holds. It is a separate, I/O-free interface (not the host's HidTransport)
 * because simulators must not import the adapters they imitate.
 */
import type { HidReport, HostReportKind } from './hid-report.ts';

export interface HidDeviceEnd {
  /**
   * Queue an input report for the host (delivered at the next USB poll).
   * Returns false when the report was dropped: link closed or the device's
   * report FIFO full (a real device loses reports the same way).
   */
  sendInputReport(report: HidReport): boolean;
  /** Output and feature reports from the host. */
  onHostReport(listener: (kind: HostReportKind, report: HidReport) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  /** The device leaves the bus: unplugged, power lost. Closes both ends. */
  disconnect(reason: string): void;
  readonly isOpen: boolean;
}

/**
 * What the host-side connector needs from a simulator to "enumerate" it:
 * whether it is on the bus, and a way to hand it a fresh link on each open
 * (after an unplug the host opens the device again, as with a real replug).
 */
export interface HidSimulatorPort {
  /** "vid:pid", for descriptions and errors. */
  readonly usbId: string;
  isPresent(): boolean;
  attach(end: HidDeviceEnd): void;
}
