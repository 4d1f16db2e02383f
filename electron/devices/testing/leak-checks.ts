/**
 * What every fault-matrix test proves besides the completion codes: the
 * driver removes every transport listener it adds, and no promise is left
 * rejected with nobody listening. Test-only.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { ByteTransport } from '../transport/byte-transport.ts';

/** Wraps a transport and counts live onData/onClose subscriptions. */
export function countingTransport(inner: ByteTransport): ByteTransport & { live(): number } {
  let live = 0;
  const track = (off: () => void) => {
    live++;
    let done = false;
    return () => {
      if (!done) live--;
      done = true;
      off();
    };
  };
  return {
    get isOpen() {
      return inner.isOpen;
    },
    description: inner.description,
    write: (b) => inner.write(b),
    close: () => inner.close(),
    onData: (l) => track(inner.onData(l)),
    onClose: (l) => track(inner.onClose(l)),
    live: () => live,
  };
}

/** Fails the file if any promise was rejected unhandled while its tests ran. */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}
