/**
 * A bounded FIFO that hands out one item per interval on the injected clock.
 *
 * Why: a USB HID device cannot push reports whenever it likes. The host polls
 * its interrupt IN endpoint once per bInterval (1–10 ms for full-speed HID,
 * 8 ms is common for scanners and keypads) and takes at most one report per
 * poll; the device buffers the rest in a small FIFO and loses reports when it
 * overflows. Emulating that here makes the simulated link behave like the
 * real one: a 20-character keyboard-wedge scan takes 40 reports × 8 ms.
 *
 * interval 0 delivers each item on its own microtask, in order (unit tests).
 * At most one timer is pending at any time, and none once the queue is empty
 * or cleared, so no timer outlives the link.
 */
import type { DeviceClock } from '../contract/clock.ts';

export class PacedQueue<T> {
  readonly #clock: DeviceClock;
  readonly #intervalMs: number;
  readonly #capacity: number;
  readonly #deliver: (item: T) => void;
  #items: T[] = [];
  #timer: unknown = null;
  #microtaskPending = false;
  #closed = false;
  #dropped = 0;

  constructor(options: { clock: DeviceClock; intervalMs: number; capacity: number; deliver: (item: T) => void }) {
    if (!(options.intervalMs >= 0) || !Number.isFinite(options.intervalMs)) throw new RangeError(`interval must be >= 0 ms, got ${options.intervalMs}`);
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${options.capacity}`);
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs;
    this.#capacity = options.capacity;
    this.#deliver = options.deliver;
  }

  /** False when the item was dropped (queue full or closed). */
  push(item: T): boolean {
    if (this.#closed) return false;
    if (this.#items.length >= this.#capacity) {
      this.#dropped++;
      return false;
    }
    this.#items.push(item);
    this.#schedule();
    return true;
  }

  /** Drop everything and stop; later pushes are refused. */
  close(): void {
    this.#closed = true;
    this.#items = [];
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  get length(): number {
    return this.#items.length;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get hasPendingTimer(): boolean {
    return this.#timer !== null;
  }

  #schedule(): void {
    if (this.#intervalMs === 0) {
      if (this.#microtaskPending) return;
      this.#microtaskPending = true;
      queueMicrotask(() => {
        this.#microtaskPending = false;
        this.#drainAll();
      });
      return;
    }
    if (this.#timer !== null) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#deliverOne();
      if (this.#items.length > 0 && !this.#closed) this.#schedule();
    }, this.#intervalMs);
  }

  #drainAll(): void {
    while (this.#items.length > 0 && !this.#closed) this.#deliverOne();
  }

  #deliverOne(): void {
    const item = this.#items.shift();
    if (item !== undefined && !this.#closed) this.#deliver(item);
  }
}
