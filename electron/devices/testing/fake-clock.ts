/**
 * A DeviceClock that moves only when a test says so, and can tell how many timers
 * are still pending (so tests can prove nothing leaks). Test-only; simulators and
 * adapters get the real clock or the core's manual clock.
 */
import type { DeviceClock } from '../contract/clock.ts';

export interface FakeClock extends DeviceClock {
  /** Move time forward, firing due timers in due order (ties in creation order). */
  advance(ms: number): void;
  pendingTimers(): number;
  /** ms until the next timer is due, or null when none is pending (jump there instead of ticking). */
  nextDueIn(): number | null;
}

export function createFakeClock(start = 0): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
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
      for (;;) {
        let dueId: number | undefined;
        let dueAt = Infinity;
        for (const [id, timer] of timers) {
          if (timer.due <= target && timer.due < dueAt) {
            dueAt = timer.due;
            dueId = id;
          }
        }
        if (dueId === undefined) break;
        const timer = timers.get(dueId);
        timers.delete(dueId);
        now = dueAt;
        timer?.fn();
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
