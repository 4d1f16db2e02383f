/**
 * One command at a time on the reader's wire.
 *
 * runCommand completes a command the moment it times out or is cancelled, but the
 * executor may still be busy tidying the device (DLE EOT, waiting for the reader's
 * answer, disabling entry). The next command must wait for that tidying, or its
 * bytes would interleave with the cancel. So the queue holds the executor's own
 * promise, while the caller already has its completion.
 *
 * A caller that cancels while still waiting in the queue gets its answer at once,
 * not when its turn comes; the job then starts, sees the aborted signal and does nothing.
 */
export class CommandQueue {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;

  /** Commands queued or running (for the technician screen and tests). */
  get depth(): number {
    return this.#waiting;
  }

  /**
   * Run `job` after everything queued before it has fully finished. `job` returns the
   * caller's result and a promise for its own clean-up; the queue waits for both.
   */
  enqueue<T>(job: () => { result: Promise<T>; settled: Promise<unknown> }, signal?: AbortSignal, onCanceledWhileQueued?: () => T): Promise<T> {
    this.#waiting++;
    let release: () => void = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = done;
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const onAbort = (): void => {
        if (!started && onCanceledWhileQueued) resolve(onCanceledWhileQueued());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void previous.then(() => {
        started = true;
        signal?.removeEventListener('abort', onAbort);
        let handle: { result: Promise<T>; settled: Promise<unknown> };
        try {
          handle = job();
        } catch (error) {
          handle = { result: Promise.reject(error), settled: Promise.resolve() };
        }
        // resolve() is a no-op if the caller was already answered while queued.
        handle.result.then(resolve, reject);
        void Promise.allSettled([handle.result, handle.settled]).then(() => {
          this.#waiting--;
          release();
        });
      });
    });
  }
}
