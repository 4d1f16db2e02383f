/**
 * The host's view of one HID device: input reports in, output and feature
 * reports out, and a close event when the device leaves the bus.
 *
 * This machine (and CI) has no hidraw/uhid, so HID is simulated at this
 * boundary: drivers and codecs run unchanged whether the other side is a real
 * device through node-hid (`node-hid-transport.ts`) or an in-process simulator
 * through a memory link that paces reports like USB polling
 * (`memory-hid-transport.ts`).
 */
import type { HidReport } from './hid-report.ts';

export interface HidTransport {
  /** Interrupt OUT / SET_REPORT(Output). Resolves when the report has been handed over. */
  sendOutputReport(report: HidReport): Promise<void>;
  /** SET_REPORT(Feature): configuration the device keeps (LED brightness, beeper). */
  sendFeatureReport(report: HidReport): Promise<void>;
  /** Every input report, in order. */
  onInputReport(listener: (report: HidReport) => void): () => void;
  /** The device went away (unplugged, powered off, read error) or was closed. Fires once. */
  onClose(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
  /** For logs and the technician screen: "hid 2fe3:0101 (sim)", "/dev/hidraw3"… */
  readonly description: string;
}

/** How a driver gets (and, after an unplug, gets again) its transport. */
export type HidConnector = () => Promise<HidTransport>;
