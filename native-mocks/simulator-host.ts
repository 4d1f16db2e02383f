import type { SimulatorHost, SimulatorHostFactory, SimulatedSerialDevice } from '../electron/core/hardware/simulator-host.ts';
import { systemDeviceClock } from '../electron/devices/contract/clock.ts';
import { SimulatorRegistry } from './control/simulator-control.ts';
import { startControlServer } from './control/control-server.ts';
import { CardReaderSimulator } from './card-reader/card-reader-simulator.ts';
import { attachToPty, pacedPort } from './card-reader/pty-attach.ts';
import { PaymentTerminalSimulator } from './payment-terminal/payment-terminal-sim.ts';
import { startGatewaySimulator } from './gateway/gateway-simulator.ts';
import { gatewaySimulatorControl } from './gateway/gateway-simulator-control.ts';
import { createPtyPair, type PtyPair } from './wire/pty-pair.ts';
import { FingerprintSimulator } from './fingerprint/fingerprint-simulator.ts';
import { ScannerSimulator } from './scanner/scanner-simulator.ts';
import { KeypadSimulator } from './keypad/keypad-simulator.ts';
import { PdfSinkSimulator } from './document-printer/pdf-sink-simulator.ts';
import { ReceiptPrinterSimulator } from './receipt-printer/receipt-printer-sim.ts';
import { openPtyDeviceEnd } from './wire/pty-device-end.ts';

/**
 * Every simulator a kiosk on simulated hardware needs, their control API and
 * panel, and the gateway simulator — started together by the shell's entry
 * point and handed to the core as a SimulatorHost.
 */
export const startSimulatorHost: SimulatorHostFactory = async (options) => {
  // Simulators run on real time: they stand in for hardware, which does not wait for a test's clock.
  const clock = systemDeviceClock();
  const registry = new SimulatorRegistry();
  const cardReader = new CardReaderSimulator({ clock, baud: options.baud.cardReader, today: options.today });
  const terminal = new PaymentTerminalSimulator({ clock, linkKind: 'serial' });
  const receiptPrinter = new ReceiptPrinterSimulator({ clock });
  const gateway = await startGatewaySimulator({ port: 0 });
  registry.add(cardReader);
  registry.add(terminal);
  registry.add(receiptPrinter);
  const fingerprint = new FingerprintSimulator({ clock });
  const scanner = new ScannerSimulator({ clock });
  const keypad = new KeypadSimulator({ clock });
  const documentPrinter = new PdfSinkSimulator({ clock });
  registry.add(fingerprint);
  registry.add(scanner);
  registry.add(keypad);
  registry.add(documentPrinter);
  registry.add(gatewaySimulatorControl(gateway));
  const control = await startControlServer(registry, { port: options.controlPort });
  const pairs: PtyPair[] = [];
  const closers: (() => Promise<void>)[] = [];

  const host: SimulatorHost = {
    attachInProcess(device, end, hooks) {
      switch (device) {
        case 'cardReader':
          return cardReader.attach(end, { hangUp: hooks.unplug });
        case 'paymentTerminal':
          return terminal.attach(end, { unplug: hooks.unplug });
        case 'receiptPrinter':
          return receiptPrinter.attach(end, { unplug: hooks.unplug });
      }
    },
    pluggedIn(device: SimulatedSerialDevice) {
      return device === 'cardReader' ? cardReader.pluggedIn : true;
    },
    async attachWire(device, baud) {
      const pair = await createPtyPair(device);
      pairs.push(pair);
      if (device === 'cardReader') {
        const attachment = await attachToPty(cardReader, pair.devicePath, clock, baud);
        closers.push(() => attachment.close());
      } else {
        // Terminal and printer speak 8N1 (10 bits a byte); one paced pty end serves either.
        const simulator = device === 'paymentTerminal' ? terminal : receiptPrinter;
        const end = await openPtyDeviceEnd(pair.devicePath);
        const paced = pacedPort(end, clock, baud, 10);
        const detach = simulator.attach({ write: (bytes) => void paced.write(bytes), onData: (listener) => paced.onData(listener) });
        closers.push(async () => {
          detach();
          await end.close();
        });
      }
      return pair.hostPath;
    },
    hidDevice(device) {
      return device === 'fingerprint' ? fingerprint.device : device === 'scanner' ? scanner.device : keypad.device;
    },
    documentSpooler: () => documentPrinter,
    gatewayBaseUrl: gateway.url,
    controlPanelUrl: control.panelUrl,
    controlUrl: control.url,
    controlToken: control.token,
    async close() {
      for (const close of closers) await close().catch(() => {});
      for (const pair of pairs) await pair.close().catch(() => {});
      await control.close();
      await gateway.close();
    },
  };
  return host;
};
