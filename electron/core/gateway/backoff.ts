import type { Clock } from '../clock/clock.ts';

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half
 * and all of min(maxMs, initialMs·2^(n-1)). The jitter keeps a row of kiosks
 * that lost the gateway at the same moment from retrying in lockstep.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 4000 };

/** Delay before retry number `retry` (1 = the first retry). `random` is in [0, 1). */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, retry - 1));
  const half = ceiling / 2;
  return Math.round(half + half * Math.min(1, Math.max(0, random())));
}

/** Waits `ms` on the injected clock; resolves early (without error) when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export function sleepOnClock(clock: Clock): Sleep {
  return (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = clock.setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
}
