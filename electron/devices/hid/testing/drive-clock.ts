/**
 * Test helpers for drivers running on a fake clock. The fake clock fires
 * timers synchronously, but drivers chain promises between timers (send →
 * await → next report), so tests move time in small steps and let promise
 * callbacks run after each step.
 */
import type { FakeClock } from '../../testing/fake-clock.ts';

/** Let pending promise callbacks and microtasks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Advance `ms` in steps of `stepMs`, flushing promises after each step. */
export async function advance(clock: FakeClock, ms: number, stepMs = 5): Promise<void> {
  let left = ms;
  await flush();
  while (left > 0) {
    const step = Math.min(stepMs, left);
    clock.advance(step);
    left -= step;
    await flush();
  }
}

/**
 * Drive the clock until `promise` settles; fails the test if it does not
 * within `maxMs` of fake time (a driver that waits forever is a bug).
 */
export async function settle<T>(clock: FakeClock, promise: Promise<T>, options: { stepMs?: number; maxMs?: number } = {}): Promise<T> {
  const stepMs = options.stepMs ?? 5;
  const maxMs = options.maxMs ?? 120_000;
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await flush();
  for (let waited = 0; !settled; waited += stepMs) {
    if (waited > maxMs) throw new Error(`promise still pending after ${maxMs} ms of fake time`);
    clock.advance(stepMs);
    await flush();
  }
  return promise;
}

/** Counts unhandled rejections between start() and count(); tests assert 0. */
export function watchUnhandledRejections(): { count(): number; stop(): void } {
  let seen = 0;
  const listener = () => seen++;
  process.on('unhandledRejection', listener);
  return { count: () => seen, stop: () => process.off('unhandledRejection', listener) };
}
