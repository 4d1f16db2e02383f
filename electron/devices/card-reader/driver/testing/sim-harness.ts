/**
 * Test wiring for `sim` mode: driver ↔ in-memory link (with emulated wire time) ↔
 * simulator, all on one stepping clock, with every transport counted so tests can
 * prove no listener outlives its driver. Test-only.
 */
import { CardReaderSimulator, type CardReaderSimulatorOptions } from '../../../../../native-mocks/card-reader/card-reader-simulator.ts';
import { inProcessConnector } from '../../../../../native-mocks/card-reader/in-process.ts';
import type { ByteTransport } from '../../../transport/byte-transport.ts';
import { createMemoryLink } from '../../../transport/memory-transport.ts';
import { CardReaderDevice } from '../card-reader-device.ts';
import type { CardReaderDriverOptions } from '../options.ts';
import { createSteppingClock, elapse, settle, type SteppingClock } from './stepping-clock.ts';

export interface CountedTransport extends ByteTransport {
  readonly listeners: () => number;
}

/** A transport that counts its subscribed listeners. */
export function counted(inner: ByteTransport): CountedTransport {
  let listeners = 0;
  const track = (off: () => void): (() => void) => {
    listeners++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      listeners--;
      off();
    };
  };
  return {
    get description() {
      return inner.description;
    },
    get isOpen() {
      return inner.isOpen;
    },
    write: (bytes) => inner.write(bytes),
    close: () => inner.close(),
    onData: (listener) => track(inner.onData(listener)),
    onClose: (listener) => track(inner.onClose(listener)),
    listeners: () => listeners,
  };
}

export interface SimHarness {
  readonly clock: SteppingClock;
  readonly sim: CardReaderSimulator;
  readonly driver: CardReaderDevice;
  readonly transports: CountedTransport[];
  run<T>(promise: Promise<T>): Promise<T>;
  /** Close the driver and the simulator; then no timer and no listener may remain. */
  shutdown(): Promise<{ timers: number; listeners: number }>;
}

export function createSimHarness(
  options: { baud?: number; driver?: Partial<Omit<CardReaderDriverOptions, 'connect' | 'clock'>>; sim?: Partial<Omit<CardReaderSimulatorOptions, 'clock'>> } = {},
): SimHarness {
  const baud = options.baud ?? 115_200;
  const clock = createSteppingClock();
  const sim = new CardReaderSimulator({ clock, baud, ...options.sim });
  const transports: CountedTransport[] = [];
  const connect = inProcessConnector(sim, () => {
    // 8E1: 11 bits a byte on the wire.
    const link = createMemoryLink({ baud, bitsPerByte: 11, clock, label: 'card-reader sim' });
    const host = counted(link.host);
    transports.push(host);
    return { host, device: link.device };
  });
  const driver = new CardReaderDevice({ connect, clock, baud, ...options.driver });
  return {
    clock,
    sim,
    driver,
    transports,
    run: (promise) => settle(promise, clock),
    async shutdown() {
      await driver.close();
      sim.dispose();
      // Bytes still "on the wire" when the link closed land (and are dropped) within a
      // second; any timer still pending after that is a leak (a poll or retry re-arming).
      await elapse(clock, 1_000);
      return { timers: clock.pendingTimers(), listeners: transports.reduce((n, t) => n + t.listeners(), 0) };
    },
  };
}
