import type { DeviceClock } from '../../contract/clock.ts';

/**
 * Wait `ms` on the injected clock. Resolves true after the wait, false at once if
 * `signal` aborts (before or during). Never rejects, never leaves a timer behind.
 */
export function abortableSleep(clock: DeviceClock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
