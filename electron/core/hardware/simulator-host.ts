import type { ByteTransport } from '../../devices/transport/byte-transport.ts';
import type { HidSimulatorPort } from '../../devices/hid/hid-device-end.ts';
import type { PrintSpooler } from '../../devices/document-printer/print-spooler.ts';

/** The HID devices a simulator can stand in for (no pseudo-terminal equivalent: `sim` only). */
export type SimulatedHidDevice = 'fingerprint' | 'scanner' | 'keypad';

/** The serial devices a simulator can stand in for. */
export type SimulatedSerialDevice = 'cardReader' | 'paymentTerminal' | 'receiptPrinter';

/**
 * What the kiosk needs from the simulators, when any device (or the
 * gateway) is configured as `sim` or `wire`. Implemented in native-mocks
 * (`native-mocks/simulator-host.ts`) and handed in by the entry point, so the
 * core itself never imports a simulator.
 */
export interface SimulatorHost {
  /** `sim`: attach the simulator to the device end of an in-memory link made by the kiosk. Returns detach. */
  attachInProcess(device: SimulatedSerialDevice, end: ByteTransport, hooks: { unplug(): void }): () => void;
  /** Is the simulated device plugged in (the "unplugged" fault refuses connections)? */
  pluggedIn(device: SimulatedSerialDevice): boolean;
  /** `wire`: put the simulator behind a socat pseudo-terminal pair; returns the path the kiosk opens. */
  attachWire(device: SimulatedSerialDevice, baud: number): Promise<string>;
  /** The simulated HID device, for the kiosk's in-memory HID link. */
  hidDevice(device: SimulatedHidDevice): HidSimulatorPort;
  /** The PDF-sink that stands in for CUPS and the A4 printer. */
  documentSpooler(): PrintSpooler;
  /** The gateway simulator's base URL (…/kiosk/v1). */
  gatewayBaseUrl: string;
  /** The control panel's address with its token, and the control API token. */
  controlPanelUrl: string;
  controlUrl: string;
  controlToken: string;
  close(): Promise<void>;
}

export type SimulatorHostFactory = (options: { baud: Record<SimulatedSerialDevice, number>; controlPort: number; today: () => Date }) => Promise<SimulatorHost>;
