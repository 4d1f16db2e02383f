/**
 * In-process wiring of the receipt printer driver to its simulator over the
 * in-memory link (`sim` mode), for tests and the benchmark — the shape the
 * core's sim-mode wiring takes.
 */
import type { DeviceClock } from '../../contract/clock.ts';
import { createMemoryLink } from '../../transport/memory-transport.ts';
import { ReceiptPrinterSimulator, type ReceiptPrinterSimOptions } from '../../../../native-mocks/receipt-printer/receipt-printer-sim.ts';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './receipt-printer.ts';

export interface PrinterRig {
  readonly printer: ReceiptPrinter;
  readonly sim: ReceiptPrinterSimulator;
  unplug(): void;
  dispose(): void;
}

export interface PrinterRigOptions {
  readonly clock: DeviceClock;
  /** Kiosk printers on USB-serial or RS-232 typically run at 115200 baud. */
  readonly baud?: number;
  readonly sim?: Partial<Omit<ReceiptPrinterSimOptions, 'clock'>>;
  readonly driver?: Partial<Omit<ReceiptPrinterOptions, 'clock' | 'transport'>>;
}

export function createPrinterSimRig(options: PrinterRigOptions): PrinterRig {
  const baud = options.baud ?? 115_200;
  const link = createMemoryLink({ baud, clock: options.clock, label: 'printer-sim' });
  const sim = new ReceiptPrinterSimulator({ clock: options.clock, ...options.sim });
  const detach = sim.attach(link.device, { unplug: () => link.unplug() });
  const printer = new ReceiptPrinter({ clock: options.clock, transport: link.host, baud, ...options.driver });
  return {
    printer,
    sim,
    unplug: () => link.unplug(),
    dispose: () => {
      printer.dispose();
      detach();
      void link.host.close();
    },
  };
}
