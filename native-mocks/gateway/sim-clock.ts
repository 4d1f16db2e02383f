/**
 * The simulator's notion of "now": a base time source (the system clock, or
 * a test's manual clock) plus an offset the control API can move forward.
 * OTP expiry, QR payment expiry, rate-limit windows and ages all use it, so
 * an e2e test can say "five minutes pass" without waiting five minutes.
 */
export interface TimeSource {
  now(): number;
}

export interface SimClock extends TimeSource {
  advance(ms: number): void;
}

export function createSimClock(base: TimeSource = { now: () => Date.now() }): SimClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('time only moves forward');
      offset += ms;
    },
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();
