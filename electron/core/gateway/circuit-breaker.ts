import type { Clock } from '../clock/clock.ts';

/**
 * A circuit breaker on the injected clock. Closed: calls go through and
 * consecutive failures are counted. After `failureThreshold` failures in a row
 * it opens: calls fail at once (the citizen hears "the service is not
 * available" in a second, not after N timeouts) and the gateway gets room to
 * recover. After `resetAfterMs` it is half-open: exactly one trial call goes
 * through; success closes the circuit, failure opens it for another period.
 *
 * The state is computed from the clock when asked, so no timer has to run
 * (and a manual clock in tests drives it by `advance`).
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Permission for one attempt; report how it went exactly once. */
export interface CircuitPermit {
  succeeded(): void;
  failed(): void;
  /** The attempt said nothing about the gateway's health (the caller aborted it). */
  released(): void;
}

export interface CircuitBreaker {
  state(): CircuitState;
  /** A permit, or null when the circuit is open (or half-open with its one trial already running). */
  tryAcquire(): CircuitPermit | null;
}

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetAfterMs: number;
  clock: Clock;
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { failureThreshold, resetAfterMs, clock } = options;
  let stored: 'closed' | 'open' = 'closed';
  let consecutiveFailures = 0;
  let openedAt = 0;
  let trialRunning = false;
  // What the outside world last saw, so transitions are reported once each.
  let reported: CircuitState = 'closed';

  const current = (): CircuitState => {
    if (stored === 'closed') return 'closed';
    return clock.now() - openedAt >= resetAfterMs ? 'half-open' : 'open';
  };
  const report = () => {
    const now = current();
    if (now !== reported) {
      const from = reported;
      reported = now;
      options.onStateChange?.(from, now);
    }
  };
  const open = () => {
    stored = 'open';
    openedAt = clock.now();
    consecutiveFailures = 0;
    report();
  };
  const close = () => {
    stored = 'closed';
    consecutiveFailures = 0;
    report();
  };

  const permit = (trial: boolean): CircuitPermit => {
    let settled = false;
    const settle = (outcome: 'succeeded' | 'failed' | 'released') => {
      if (settled) return;
      settled = true;
      if (trial) {
        trialRunning = false;
        if (outcome === 'succeeded') close();
        else if (outcome === 'failed') open();
        return;
      }
      // An attempt let through while closed. If the circuit opened meanwhile
      // (other attempts failed), its late outcome does not change that.
      if (stored !== 'closed') return;
      if (outcome === 'succeeded') consecutiveFailures = 0;
      else if (outcome === 'failed') {
        consecutiveFailures += 1;
        if (consecutiveFailures >= failureThreshold) open();
      }
    };
    return { succeeded: () => settle('succeeded'), failed: () => settle('failed'), released: () => settle('released') };
  };

  return {
    state: () => {
      report();
      return current();
    },
    tryAcquire() {
      report();
      const state = current();
      if (state === 'closed') return permit(false);
      if (state === 'open' || trialRunning) return null;
      trialRunning = true;
      return permit(true);
    },
  };
}
