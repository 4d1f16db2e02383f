/**
 * `wire` mode: the simulator on the device end of a socat pseudo-terminal pair,
 * while the kiosk's real serialport adapter opens the host end.
 *
 * A pseudo-terminal passes bytes as fast as it can and ignores the baud rate, so
 * the simulator paces its own output: each write leaves when the previous one
 * would have finished on a real line (10 bits a byte, 11 with parity, at `baud`).
 * The host's bytes arrive unpaced; the reader's think times dominate anyway.
 */
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { openPtyDeviceEnd } from '../wire/pty-device-end.ts';
import type { CardReaderSimulator } from './card-reader-simulator.ts';
import type { SimPort } from './sim-wire.ts';

export interface PtyAttachment {
  close(): Promise<void>;
}

/** Wrap a port so writes take their wire time (queued like a UART's transmit buffer). */
export function pacedPort(port: SimPort, clock: DeviceClock, baud: number, bitsPerByte = 11): SimPort & { pending(): number } {
  let busyUntil = 0;
  const timers = new Set<unknown>();
  return {
    onData: (listener) => port.onData(listener),
    write(bytes) {
      const copy = bytes.slice();
      const now = clock.now();
      const start = Math.max(now, busyUntil);
      busyUntil = start + (copy.length * bitsPerByte * 1000) / baud;
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        port.write(copy);
      }, busyUntil - now);
      timers.add(timer);
    },
    pending: () => timers.size,
  };
}

export async function attachToPty(simulator: CardReaderSimulator, devicePath: string, clock: DeviceClock, baud = simulator.baud): Promise<PtyAttachment> {
  const end = await openPtyDeviceEnd(devicePath);
  const detach = simulator.attach(pacedPort(end, clock, baud));
  return {
    close: async () => {
      detach();
      await end.close();
    },
  };
}
