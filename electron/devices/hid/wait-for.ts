/**
 * Wait for the first item on a stream that `pick` accepts, or for the abort
 * signal, or until cancel(). Used by drivers to wait for "the reply with my
 * seq" inside a runCommand executor: the signal is the executor's, so a
 * timeout or cancel ends the wait. The stream subscription and the abort
 * listener are removed on every path (the leak tests count them).
 *
 * Subscribe before sending the command: a fast device can answer before the
 * send resolves.
 */
export type Subscribe<T> = (listener: (item: T) => void) => () => void;
export interface Aborted {
  readonly aborted: true;
}
export interface Waiting<R> {
  readonly result: Promise<R | Aborted>;
  /** Stop waiting now; the result becomes `{aborted: true}` unless already settled. */
  cancel(): void;
}

export function waitFor<T, R>(subscribe: Subscribe<T>, pick: (item: T) => R | undefined, signal: AbortSignal): Waiting<R> {
  let cancel: () => void = () => {};
  const result = new Promise<R | Aborted>((resolve) => {
    if (signal.aborted) {
      resolve({ aborted: true });
      return;
    }
    let done = false;
    let unsubscribe: (() => void) | null = null;
    const finish = (value: R | Aborted) => {
      if (done) return;
      done = true;
      unsubscribe?.();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish({ aborted: true });
    cancel = onAbort;
    signal.addEventListener('abort', onAbort, { once: true });
    // A stream may deliver during subscribe; then finish() ran before we hold the unsubscribe.
    const off = subscribe((item) => {
      if (done) return;
      const picked = pick(item);
      if (picked !== undefined) finish(picked);
    });
    if (done) off();
    else unsubscribe = off;
  });
  return { result, cancel: () => cancel() };
}

export function isAborted(value: unknown): value is Aborted {
  return typeof value === 'object' && value !== null && (value as { aborted?: unknown }).aborted === true;
}
