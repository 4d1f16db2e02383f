/**
 * In-process wiring of the ZVT driver to the terminal simulator over the
 * in-memory link (`sim` mode), for tests and the benchmark — and the shape the
 * core's sim-mode wiring takes: link with wire time at the configured baud,
 * simulator on the device end, driver on the host end, unplug hook.
 */
import type { DeviceClock } from '../../../contract/clock.ts';
import { createMemoryLink } from '../../../transport/memory-transport.ts';
import { PaymentTerminalSimulator, type PaymentTerminalSimOptions } from '../../../../../native-mocks/payment-terminal/payment-terminal-sim.ts';
import { ZvtTerminal, type ZvtTerminalOptions } from './zvt-terminal.ts';

export interface ZvtRig {
  readonly terminal: ZvtTerminal;
  readonly sim: PaymentTerminalSimulator;
  /** Pull the cable (both ends see the link close). */
  unplug(): void;
  dispose(): void;
}

export interface ZvtRigOptions {
  readonly clock: DeviceClock;
  /** ZVT serial links run at 9600 baud on most terminals (PA00P016 3.1). */
  readonly baud?: number;
  readonly sim?: Partial<Omit<PaymentTerminalSimOptions, 'clock' | 'linkKind'>>;
  readonly driver?: Partial<Omit<ZvtTerminalOptions, 'clock' | 'transport' | 'linkKind'>>;
}

export function createZvtSimRig(options: ZvtRigOptions): ZvtRig {
  const link = createMemoryLink({ baud: options.baud ?? 9600, clock: options.clock, label: 'zvt-sim' });
  const sim = new PaymentTerminalSimulator({ clock: options.clock, linkKind: 'serial', ...options.sim });
  const detach = sim.attach(link.device, { unplug: () => link.unplug() });
  const terminal = new ZvtTerminal({ clock: options.clock, transport: link.host, linkKind: 'serial', ...options.driver });
  return {
    terminal,
    sim,
    unplug: () => link.unplug(),
    dispose: () => {
      terminal.dispose();
      detach();
      void link.host.close();
    },
  };
}
