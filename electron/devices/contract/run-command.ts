/**
 * runCommand: the one place that turns "send something to a device and wait" into
 * an XFS4IoT-style command with a requestId, a per-command timeout, cancellation
 * through an AbortSignal, intermediate events, and exactly one completion.
 *
 * Guarantees (each has a unit test with a fake clock):
 *  - the returned promise settles exactly once and never rejects;
 *  - the timer fires → `timeOut`; the caller's signal aborts → `canceled`;
 *    an already-aborted signal → `canceled` without starting the command;
 *  - whichever comes first wins; a reply that arrives later is ignored, and so are
 *    intermediate events emitted after the completion;
 *  - the executor learns about timeout/cancel through `context.signal`, so it can
 *    tidy the device (Sankyo DLE EOT, ZVT Abort 06 B0);
 *  - the timer is cleared and the abort listener removed on every path: no leaks;
 *  - an exception from the executor (port closed, codec bug) becomes `hardwareError`.
 *
 * It is not a queue: one device runs one command at a time, and serialising
 * commands is the adapter's job.
 */
import type { DeviceClock } from './clock.ts';
import type { CommandOutcome, Completion } from './completion.ts';
import type { IntermediateEvent } from './events.ts';

export interface CommandContext<TEvent> {
  readonly requestId: string;
  /** Aborted when the command has already ended by timeout or cancel. */
  readonly signal: AbortSignal;
  /** Report progress; ignored once the command has completed. */
  emit(event: TEvent): void;
}

export interface RunCommandOptions<TPayload, TErrorCode extends string, TEvent> {
  readonly requestId: string;
  readonly timeoutMs: number;
  readonly clock: DeviceClock;
  /** Cancellation from the caller (session ended, citizen pressed Cancel). */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: IntermediateEvent<TEvent>) => void;
  readonly execute: (context: CommandContext<TEvent>) => Promise<CommandOutcome<TPayload, TErrorCode>>;
}

export function runCommand<TPayload, TErrorCode extends string = string, TEvent = never>(
  options: RunCommandOptions<TPayload, TErrorCode, TEvent>,
): Promise<Completion<TPayload, TErrorCode>> {
  const { requestId, timeoutMs, clock, signal, onEvent, execute } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`command ${requestId}: timeout must be a positive number of ms, got ${timeoutMs}`);
  }
  if (requestId.length === 0) throw new RangeError('command requestId must not be empty');

  return new Promise<Completion<TPayload, TErrorCode>>((resolve) => {
    if (signal?.aborted) {
      resolve({ requestId, completionCode: 'canceled', description: 'canceled before start' });
      return;
    }

    let settled = false;
    const internal = new AbortController();
    const timer = clock.setTimeout(() => endEarly('timeOut', `no completion within ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener('abort', onCallerAbort, { once: true });

    function finish(completion: Completion<TPayload, TErrorCode>): void {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
      resolve(completion);
    }

    // Ended from outside the executor: complete first, then tell the executor.
    function endEarly(completionCode: 'timeOut' | 'canceled', description: string): void {
      if (settled) return;
      finish({ requestId, completionCode, description });
      internal.abort(completionCode);
    }

    function onCallerAbort(): void {
      endEarly('canceled', 'canceled by caller');
    }

    const context: CommandContext<TEvent> = {
      requestId,
      signal: internal.signal,
      emit(event) {
        if (!settled) onEvent?.({ requestId, event });
      },
    };

    let pending: Promise<CommandOutcome<TPayload, TErrorCode>>;
    try {
      pending = execute(context);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (outcome) => finish({ ...outcome, requestId }),
      (error: unknown) =>
        finish({
          requestId,
          completionCode: 'hardwareError',
          description: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}

/** requestIds that are unique per process and say which device they belong to. */
export function createRequestIdFactory(prefix: string): () => string {
  let counter = 0;
  return () => `${prefix}-${++counter}`;
}
