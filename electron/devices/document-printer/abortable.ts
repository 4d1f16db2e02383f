/**
 * Waiting that a command's abort signal can end: a print-system call that
 * never answers (cupsd hung, the simulator's no-answer fault) must not hold
 * a driver command past its timeout, and a poll delay must not outlive it.
 * Every path removes the abort listener and clears the timer.
 */
import type { DeviceClock } from '../contract/clock.ts';

export interface Aborted {
  readonly aborted: true;
}
export const ABORTED: Aborted = { aborted: true };

export function isAborted(value: unknown): value is Aborted {
  return value === ABORTED;
}

/** The promise's value, or ABORTED as soon as the signal aborts. A later rejection is swallowed. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | Aborted> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.resolve(ABORTED);
  }
  return new Promise<T | Aborted>((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve(ABORTED);
        else reject(error);
      },
    );
  });
}

/** Resolve after `ms` on the injected clock, or ABORTED when the signal aborts first. */
export function sleep(clock: DeviceClock, ms: number, signal: AbortSignal): Promise<undefined | Aborted> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(undefined);
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(ABORTED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
