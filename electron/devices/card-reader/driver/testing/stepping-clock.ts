/**
 * A fake DeviceClock that can also say when its next timer is due, so a test can
 * jump straight there instead of ticking millisecond by millisecond — and can tell
 * a wedged driver (nothing scheduled, promise still pending) from a slow one.
 * Test-only.
 */
import type { DeviceClock } from '../../../contract/clock.ts';

export interface SteppingClock extends DeviceClock {
  advance(ms: number): void;
  pendingTimers(): number;
  /** ms until the next timer is due, or null when none is pending. */
  nextDueIn(): number | null;
}

export function createSteppingClock(start = Date.UTC(2026, 10, 23, 9, 0, 0)): SteppingClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
  const nextDue = (limit: number): number | undefined => {
    let dueId: number | undefined;
    let dueAt = Infinity;
    for (const [id, timer] of timers) {
      if (timer.due <= limit && timer.due < dueAt) {
        dueAt = timer.due;
        dueId = id;
      }
    }
    return dueId;
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance(ms) {
      const target = now + ms;
      for (let id = nextDue(target); id !== undefined; id = nextDue(target)) {
        const timer = timers.get(id)!;
        timers.delete(id);
        now = Math.max(now, timer.due);
        timer.fn();
      }
      now = target;
    },
    pendingTimers: () => timers.size,
    nextDueIn() {
      let dueAt = Infinity;
      for (const timer of timers.values()) dueAt = Math.min(dueAt, timer.due);
      return dueAt === Infinity ? null : Math.max(0, dueAt - now);
    },
  };
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
