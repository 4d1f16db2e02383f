import type { KioskConfig } from '../config/config-schema.ts';
import type { Logger } from '../log/logger.ts';
import { createSystemClock, type Clock } from '../clock/clock.ts';
import type { ByteTransport } from '../../devices/transport/byte-transport.ts';
import { createMemoryLink } from '../../devices/transport/memory-transport.ts';
import { openSerialTransport } from '../../devices/transport/serial-transport.ts';
import { openTcpTransport } from '../../devices/transport/tcp-transport.ts';
import { CardReaderDevice, IdCardReader } from '../../devices/card-reader/driver/index.ts';
import { ZvtTerminal } from '../../devices/payment/zvt/driver/zvt-terminal.ts';
import { createGatewayClient, type GatewayClient } from '../gateway/gateway-client.ts';
import { createFlowGatewayPort } from '../gateway/flow-gateway-port.ts';
import type { FlowPorts } from '../flow/step-context.ts';
import type { Capability } from '../flow/service-needs.ts';
import { cardPortFor } from './card-port-adapter.ts';
import { printerPortFor } from './printer-port-adapter.ts';
import { ReceiptPrinter } from '../../devices/receipt-printer/driver/receipt-printer.ts';
import { FingerprintDriver, matchOutcomeKind } from '../../devices/fingerprint/fingerprint-driver.ts';
import { ScannerDriver } from '../../devices/scanner/scanner-driver.ts';
import { KeypadDriver } from '../../devices/keypad/keypad-driver.ts';
import { DocumentPrinterDriver } from '../../devices/document-printer/document-printer-driver.ts';
import { createCupsSpooler } from '../../devices/document-printer/cups-spooler-adapter.ts';
import { simulatorConnector } from '../../devices/hid/memory-hid-transport.ts';
import { realHidConnector } from '../../devices/hid/node-hid-transport.ts';
import { parseHidTarget } from '../../devices/hid/hid-target.ts';
import type { HidTransport } from '../../devices/hid/hid-transport.ts';
import { terminalPortFor } from './terminal-port-adapter.ts';
import type { SimulatedSerialDevice, SimulatorHost } from './simulator-host.ts';

/**
 * The kiosk's devices and gateway, built from the configuration: for each
 * device `sim` (the simulator on an in-memory link in this process), `wire`
 * (the simulator behind a pseudo-terminal, reached through the real serial
 * adapter) or `real` (the configured port). Devices and the gateway run on
 * the system clock even when the session clock is the tests' manual one:
 * their timeouts protect the kiosk, they are not part of the citizen's time.
 */
export interface KioskHardware {
  ports: FlowPorts;
  capabilities(): ReadonlySet<Capability>;
  cardReader: CardReaderDevice;
  terminal: ZvtTerminal;
  receiptPrinter: ReceiptPrinter;
  fingerprint: FingerprintDriver;
  scanner: ScannerDriver;
  keypad: KeypadDriver;
  documentPrinter: DocumentPrinterDriver;
  gateway: GatewayClient;
  /** Called when a device's availability may have changed (menu refresh). */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The driver behind a technician-facing device id (each has status() and selfTest()). */
export function driverFor(hardware: KioskHardware, id: 'cardReader' | 'paymentTerminal' | 'receiptPrinter' | 'documentPrinter' | 'fingerprint' | 'scanner' | 'keypad') {
  const drivers = {
    cardReader: hardware.cardReader,
    paymentTerminal: hardware.terminal,
    receiptPrinter: hardware.receiptPrinter,
    documentPrinter: hardware.documentPrinter,
    fingerprint: hardware.fingerprint,
    scanner: hardware.scanner,
    keypad: hardware.keypad,
  };
  return drivers[id];
}

export interface HardwareDeps {
  config: KioskConfig;
  logger: Logger;
  /** Present when any device or the gateway is simulated. */
  host: SimulatorHost | null;
}

function needHost(host: SimulatorHost | null, what: string): SimulatorHost {
  if (!host) throw new Error(`${what} is configured as simulated, but this shell started no simulators`);
  return host;
}

/** A serial device's link by mode. `connect` may be called again after the link was lost. */
async function serialConnector(
  device: SimulatedSerialDevice,
  settings: { mode: 'sim' | 'wire' | 'real'; port: string | null; baud: number },
  serial: { parity: 'none' | 'even'; rtscts: boolean },
  clock: Clock,
  host: SimulatorHost | null,
): Promise<() => Promise<ByteTransport>> {
  switch (settings.mode) {
    case 'sim': {
      const sims = needHost(host, device);
      let detach: (() => void) | null = null;
      return async () => {
        if (!sims.pluggedIn(device)) throw new Error(`${device} not connected (simulated unplug)`);
        detach?.();
        const link = createMemoryLink({ baud: settings.baud, bitsPerByte: serial.parity === 'none' ? 10 : 11, clock, label: `${device}-sim` });
        detach = sims.attachInProcess(device, link.device, { unplug: () => link.unplug() });
        return link.host;
      };
    }
    case 'wire': {
      const path = await needHost(host, device).attachWire(device, settings.baud);
      return () => openSerialTransport({ path, baudRate: settings.baud, parity: serial.parity, rtscts: serial.rtscts });
    }
    case 'real':
      return () => openSerialTransport({ path: settings.port!, baudRate: settings.baud, parity: serial.parity, rtscts: serial.rtscts });
  }
}

export async function startKioskHardware(deps: HardwareDeps): Promise<KioskHardware> {
  const { config, logger, host } = deps;
  const clock = createSystemClock();
  const devices = config.devices;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  // Card reader: Sankyo framing at 8E1 with RTS/CTS.
  const cardLog = logger.child({ device: 'cardReader' });
  const cardReader = new CardReaderDevice({
    connect: await serialConnector('cardReader', devices.cardReader, { parity: 'even', rtscts: true }, clock, host),
    clock,
    baud: devices.cardReader.baud,
    retainAfterMs: devices.cardReader.retainAfterSeconds * 1000,
    binCapacity: devices.cardReader.binCapacity,
    log: (line) => cardLog[line.level]({ requestId: line.requestId ?? null }, line.message),
  });
  cardReader.onEvent(() => changed());
  const initialised = await cardReader.initialise();
  if (initialised.completionCode !== 'success') cardLog.error({ completion: initialised.completionCode, errorCode: initialised.errorCode ?? null }, 'card reader did not initialise');

  // Payment terminal: ZVT over serial (8N1) or TCP.
  const t = devices.paymentTerminal;
  const terminalTransport =
    t.mode === 'real' && t.tcp
      ? await openTcpTransport({ host: t.tcp.host, port: t.tcp.port, connectTimeoutMs: 5000 })
      : await (await serialConnector('paymentTerminal', t, { parity: 'none', rtscts: false }, clock, host))();
  const terminal = new ZvtTerminal({ transport: terminalTransport, linkKind: t.mode === 'real' && t.tcp ? 'tcp' : 'serial', clock, password: t.password });
  terminal.onEvent(() => changed());
  const registered = await terminal.register();
  if (registered.completionCode !== 'success') logger.error({ device: 'paymentTerminal', completion: registered.completionCode }, 'payment terminal did not register');

  // Receipt printer: ESC/POS over serial (8N1).
  const receiptTransport = await (await serialConnector('receiptPrinter', devices.receiptPrinter, { parity: 'none', rtscts: false }, clock, host))();
  const receiptPrinter = new ReceiptPrinter({ transport: receiptTransport, clock, baud: devices.receiptPrinter.baud });
  receiptPrinter.onEvent(() => changed());
  const printerReady = await receiptPrinter.initialise();
  if (printerReady.completionCode !== 'success') logger.error({ device: 'receiptPrinter', completion: printerReady.completionCode }, 'receipt printer did not initialise');

  // HID devices: the simulator's in-memory HID link in `sim`, node-hid by VID:PID in `real`.
  const hidConnect = (device: 'fingerprint' | 'scanner' | 'keypad'): (() => Promise<HidTransport>) => {
    const settings = devices[device];
    if (settings.mode === 'real') {
      const target = parseHidTarget(settings.usb!);
      if ('error' in target) throw new Error(target.error);
      return realHidConnector(target, true);
    }
    return simulatorConnector(needHost(host, device).hidDevice(device), { clock, reportIntervalMs: 8 }).connect;
  };
  const fingerprint = new FingerprintDriver({ connect: hidConnect('fingerprint'), clock });
  const scanner = new ScannerDriver({ connect: hidConnect('scanner'), clock });
  const keypad = new KeypadDriver({ connect: hidConnect('keypad'), clock });
  const a4 = devices.documentPrinter;
  const documentPrinter = new DocumentPrinterDriver({ spooler: a4.mode === 'real' ? createCupsSpooler({ queue: a4.queue! }) : needHost(host, 'the A4 printer').documentSpooler(), clock });
  for (const driver of [fingerprint, scanner, keypad, documentPrinter]) driver.onUnsolicited(() => changed());
  // The A4 printer says nothing by itself: ask now, then every 30 s so paper-out shows while idle.
  await documentPrinter.refreshStatus();
  const stopWatchingA4 = documentPrinter.watchStatus(30_000);
  for (const [name, opened] of await Promise.all([
    ['fingerprint', fingerprint.open()] as const,
    ['scanner', scanner.open()] as const,
    ['keypad', keypad.open()] as const,
  ].map(async ([name, pending]) => [name, await pending] as const))) {
    if (opened.completionCode !== 'success') logger.error({ device: name, completion: opened.completionCode }, 'device did not open');
  }

  // Government gateway.
  const gatewayConfig = config.gateway.mode === 'sim' ? { ...config.gateway.client, baseUrl: needHost(host, 'the gateway').gatewayBaseUrl } : config.gateway.client;
  const gateway = createGatewayClient({ config: gatewayConfig, kioskId: config.kiosk.id, clock, logger });

  const ports: FlowPorts = {
    card: cardPortFor(new IdCardReader(cardReader)),
    fingerprint: {
      captureAndMatch: async (reference, signal) => ({ kind: matchOutcomeKind(await fingerprint.captureAndMatch(reference, { signal })) }),
    },
    gateway: createFlowGatewayPort({ client: gateway, clock }),
    terminal: terminalPortFor(terminal),
    printer: printerPortFor({ receiptPrinter, documentPrinter, kiosk: config.kiosk, logger }),
  };

  return {
    ports,
    cardReader,
    terminal,
    receiptPrinter,
    fingerprint,
    scanner,
    keypad,
    documentPrinter,
    gateway,
    capabilities() {
      const up = new Set<Capability>(['gateway']);
      if (cardReader.status().device === 'online') up.add('cardReader');
      if (terminal.status().device === 'online') up.add('payment');
      if (documentPrinter.status().device === 'online') up.add('documentPrinter');
      if (receiptPrinter.status().device === 'online') up.add('receiptPrinter');
      return up;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopWatchingA4();
      terminal.dispose();
      await receiptTransport.close().catch(() => {});
      await cardReader.close();
      await terminalTransport.close().catch(() => {});
    },
  };
}
