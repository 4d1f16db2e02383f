/**
 * Discrete-event time for tests and benchmarks of driver + simulator: nothing
 * waits for real time; `runUntil` lets promises settle, then jumps straight to
 * the next timer, so a 180 s T4 costs microseconds. It also counts pending
 * timers, so a test can prove nothing was left behind.
 */
import type { DeviceClock } from '../../../contract/clock.ts';

export interface VirtualClock extends DeviceClock {
  pendingTimers(): number;
  /** Let pending promise work run (setImmediate turns: microtasks and resolved I/O callbacks). */
  flush(): Promise<void>;
  /** Run the world until `promise` settles; fails if it would take more than `maxMs` of virtual time. */
  runUntil<T>(promise: Promise<T>, maxMs?: number): Promise<T>;
  /** Run the world for `ms` of virtual time. */
  runFor(ms: number): Promise<void>;
}

export function createVirtualClock(start = Date.UTC(2026, 10, 23, 9, 0, 0)): VirtualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
  const flush = async () => {
    for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const nextDue = (): { id: number; due: number } | undefined => {
    let best: { id: number; due: number } | undefined;
    for (const [id, t] of timers) if (!best || t.due < best.due || (t.due === best.due && id < best.id)) best = { id, due: t.due };
    return best;
  };
  const fireNext = (limit: number): boolean => {
    const next = nextDue();
    if (!next || next.due > limit) return false;
    const timer = timers.get(next.id);
    timers.delete(next.id);
    now = Math.max(now, next.due);
    timer?.fn();
    return true;
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, Number.isFinite(ms) ? ms : 0), fn });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    pendingTimers: () => timers.size,
    flush,
    async runUntil(promise, maxMs = 3_600_000) {
      let settled = false;
      let failed = false;
      let value: unknown;
      let error: unknown;
      promise.then(
        (v) => {
          settled = true;
          value = v;
        },
        (e: unknown) => {
          settled = true;
          failed = true;
          error = e;
        },
      );
      const limit = now + maxMs;
      for (;;) {
        await flush();
        if (settled) break;
        if (!fireNext(limit)) {
          throw new Error(nextDue() ? `still running after ${maxMs} ms of virtual time` : 'deadlock: nothing scheduled and the promise has not settled');
        }
      }
      if (failed) throw error;
      return value as Awaited<typeof promise>;
    },
    async runFor(ms) {
      const limit = now + ms;
      for (;;) {
        await flush();
        if (!fireNext(limit)) break;
      }
      now = Math.max(now, limit);
      await flush();
    },
  };
}
