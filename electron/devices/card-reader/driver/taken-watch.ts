/**
 * After an eject: watch the gate until the citizen takes the card, and capture it
 * if they leave it there too long (the retain-on-timeout policy: a forgotten ID card
 * must not wait at an unattended kiosk for the next passer-by).
 *
 * The Sankyo reader sends nothing unsolicited, so "taken" is found by polling the
 * status; each poll goes through the command queue like any command, so it never
 * interleaves with the core's own commands. The watch runs in the background; the
 * core learns the result from the event stream or by awaiting `outcome`.
 */
import type { DeviceClock } from '../../contract/clock.ts';
import type { MediaState } from '../../contract/status.ts';
import { abortableSleep } from './abortable-sleep.ts';

export type WatchOutcome = 'taken' | 'retained' | 'stopped' | 'failed';

export interface TakenWatchHooks {
  readonly clock: DeviceClock;
  readonly pollIntervalMs: number;
  /** null: never capture, wait for the citizen forever (until stopped). */
  readonly retainAfterMs: number | null;
  /** One status poll through the queue; resolves the media state, or null if it failed. */
  poll(signal: AbortSignal): Promise<MediaState | null>;
  /** Capture the card for not being taken; true if it is in the bin. */
  retain(signal: AbortSignal): Promise<boolean>;
  onTaken(): void;
}

export class TakenWatch {
  readonly outcome: Promise<WatchOutcome>;
  readonly #controller = new AbortController();

  constructor(hooks: TakenWatchHooks) {
    this.outcome = this.#run(hooks);
  }

  get active(): boolean {
    return !this.#controller.signal.aborted;
  }

  stop(): void {
    this.#controller.abort();
  }

  async #run(h: TakenWatchHooks): Promise<WatchOutcome> {
    const signal = this.#controller.signal;
    const deadline = h.retainAfterMs === null ? null : h.clock.now() + h.retainAfterMs;
    try {
      for (;;) {
        const wait = deadline === null ? h.pollIntervalMs : Math.max(0, Math.min(h.pollIntervalMs, deadline - h.clock.now()));
        if (!(await abortableSleep(h.clock, wait, signal))) return 'stopped';
        const media = await h.poll(signal);
        if (signal.aborted) return 'stopped';
        if (media === null) return 'failed';
        if (media === 'notPresent') {
          h.onTaken();
          return 'taken';
        }
        // Anything but "at the gate" (pushed back in, jammed): not ours to decide any more.
        if (media !== 'entering') return 'stopped';
        if (deadline !== null && h.clock.now() >= deadline) return (await h.retain(signal)) ? 'retained' : 'failed';
      }
    } finally {
      this.#controller.abort();
    }
  }
}
