/**
 * Every time source in the core goes through a Clock, so tests (and the e2e
 * "advance the clock" hook) can drive idle timeouts without real waiting.
 * Same idea as VotingWorks' hardware state machines with an injected clock.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The real clock: wall time and Node timers. */
export function createSystemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      if (!handle) return;
      const timer = timers.get(handle.id);
      if (timer) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}

/** A clock that moves only when told to. Used by unit tests and by the e2e test hooks. */
export interface ManualClock extends Clock {
  /** Move time forward, firing every timer that falls due, in order. */
  advance(ms: number): void;
  pendingTimers(): number;
}

export function createManualClock(startMs = Date.UTC(2026, 10, 23, 9, 0, 0)): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, ms), fn });
      return { id };
    },
    clearTimeout(handle) {
      if (handle) timers.delete(handle.id);
    },
    advance(ms) {
      const target = now + Math.max(0, ms);
      // Fire timers one at a time in due order; a timer may schedule another
      // that also falls due before the target, which then fires too.
      for (;;) {
        let nextKey: number | undefined;
        let nextDue = Infinity;
        for (const [key, timer] of timers) {
          if (timer.due <= target && (timer.due < nextDue || (timer.due === nextDue && key < (nextKey ?? Infinity)))) {
            nextDue = timer.due;
            nextKey = key;
          }
        }
        if (nextKey === undefined) break;
        const timer = timers.get(nextKey)!;
        timers.delete(nextKey);
        now = Math.max(now, timer.due);
        timer.fn();
      }
      now = target;
    },
    pendingTimers: () => timers.size,
  };
}
