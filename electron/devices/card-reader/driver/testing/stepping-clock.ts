/**
 * Drive the devices' fake clock from a test: jump to the next due timer
 * instead of ticking millisecond by millisecond, and tell a wedged driver
 * (nothing scheduled, promise still pending) from a slow one. Test-only.
 */
import { createFakeClock, type FakeClock } from '../../../testing/fake-clock.ts';

/** The devices' fake clock, started at a realistic date (card expiry checks read it). */
export type SteppingClock = FakeClock;

export function createSteppingClock(start = Date.UTC(2026, 10, 23, 9, 0, 0)): SteppingClock {
  return createFakeClock(start);
}

/** Let promise callbacks run: the clock is synchronous, promises are not. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Drive the clock until `promise` settles, one due timer at a time. Throws if nothing
 * is scheduled while the promise is still pending (a wedge), or after `limitMs` of
 * simulated time.
 */
export async function settle<T>(promise: Promise<T>, clock: SteppingClock, limitMs = 10 * 60_000): Promise<T> {
  let done = false;
  let value: T | undefined;
  let failure: unknown;
  let failed = false;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (e: unknown) => {
      failed = true;
      failure = e;
    },
  );
  const start = clock.now();
  for (;;) {
    await flush();
    if (done) return value as T;
    if (failed) throw failure;
    const next = clock.nextDueIn();
    if (next === null) throw new Error('wedged: the promise is pending and no timer is scheduled');
    if (clock.now() - start > limitMs) throw new Error(`not settled within ${limitMs} ms of simulated time`);
    clock.advance(next);
  }
}

/** Run the clock forward `ms`, letting promises run between timers. */
export async function elapse(clock: SteppingClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  for (;;) {
    await flush();
    const next = clock.nextDueIn();
    if (next === null || clock.now() + next > target) break;
    clock.advance(next);
  }
  clock.advance(target - clock.now());
  await flush();
}
