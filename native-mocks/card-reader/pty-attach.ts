/**
 * `wire` mode: the simulator on the device end of a socat pseudo-terminal pair,
 * while the kiosk's real serialport adapter opens the host end.
 *
 * A pseudo-terminal passes bytes as fast as it can and ignores the baud rate, so
 * the simulator paces the line itself, both ways: each write leaves when the
 * previous one would have finished on a real line, and bytes from the host are
 * heard only when they would have finished arriving (11 bits a byte at 8E1).
 */
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { openPtyDeviceEnd } from '../wire/pty-device-end.ts';
import type { CardReaderSimulator } from './card-reader-simulator.ts';
import type { SimPort } from './sim-wire.ts';

export interface PtyAttachment {
  close(): Promise<void>;
}

/** Wrap a port so bytes take their wire time both ways (queued like a UART's buffers). */
export function pacedPort(port: SimPort, clock: DeviceClock, baud: number, bitsPerByte = 11): SimPort & { pending(): number } {
  const timers = new Set<unknown>();
  const lane = () => {
    let busyUntil = 0;
    return (bytes: Uint8Array, deliver: (bytes: Uint8Array) => void): void => {
      const copy = bytes.slice();
      const now = clock.now();
      busyUntil = Math.max(now, busyUntil) + (copy.length * bitsPerByte * 1000) / baud;
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        deliver(copy);
      }, busyUntil - now);
      timers.add(timer);
    };
  };
  const transmit = lane();
  const receive = lane();
  return {
    onData: (listener) => port.onData((chunk) => receive(chunk, listener)),
    write: (bytes) => transmit(bytes, (copy) => port.write(copy)),
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
