/**
 * What the driver knows about the reader right now (XFS4IoT-style status: device,
 * media, chip, retain bin), its counters, and its unsolicited event stream.
 *
 * Status is kept here and updated from every reply (each Sankyo positive reply
 * carries the card position), so `status()` is a cheap synchronous read and the
 * core can poll it without touching the wire. A change of status is itself an
 * event (`statusChanged`), so the diagnostics page can simply listen.
 */
import type { DeviceClock } from '../../contract/clock.ts';
import type { UnsolicitedEvent } from '../../contract/events.ts';
import type { DeviceCounters, DeviceState, DeviceStatus, MediaState } from '../../contract/status.ts';

export type ChipState = NonNullable<DeviceStatus['chip']>;
export type ReaderEventType = UnsolicitedEvent['type'];

export interface ReaderStateOptions {
  readonly clock: DeviceClock;
  readonly binCapacity: number;
  readonly binHighThreshold: number;
}

export class ReaderState {
  readonly #o: ReaderStateOptions;
  readonly #since: number;
  // Not yet opened: offline (not noDevice, which means the port is known to be gone).
  #device: DeviceState = 'offline';
  #media: MediaState = 'unknown';
  #chip: ChipState = 'unknown';
  #binCount = 0;
  #detail: string | null = null;
  #lastEmitted = '';
  readonly #counters = new Map<string, number>();
  readonly #listeners = new Set<(event: UnsolicitedEvent) => void>();
  /** The reader accepted Initialise since it last lost power or the link. */
  initialised = false;

  constructor(options: ReaderStateOptions) {
    this.#o = options;
    this.#since = Math.max(0, Math.floor(options.clock.now()));
    this.#lastEmitted = JSON.stringify(this.snapshot());
  }

  get device(): DeviceState {
    return this.#device;
  }
  get media(): MediaState {
    return this.#media;
  }
  get chip(): ChipState {
    return this.#chip;
  }
  get binCount(): number {
    return this.#binCount;
  }
  get binFull(): boolean {
    return this.#binCount >= this.#o.binCapacity;
  }

  snapshot(): DeviceStatus {
    const capacity = this.#o.binCapacity;
    const binState = this.#binCount >= capacity ? 'full' : this.#binCount >= this.#o.binHighThreshold ? 'high' : 'ok';
    return {
      device: this.#device,
      media: this.#media,
      chip: this.#chip,
      bins: [{ id: 'retain', state: binState, count: this.#binCount, capacity }],
      ...(this.#detail ? { detail: [this.#detail] } : {}),
    };
  }

  update(change: { device?: DeviceState; media?: MediaState; chip?: ChipState; binCount?: number; detail?: string | null }): void {
    if (change.device !== undefined) this.#device = change.device;
    if (change.media !== undefined) this.#media = change.media;
    if (change.chip !== undefined) this.#chip = change.chip;
    if (change.binCount !== undefined) this.#binCount = Math.max(0, change.binCount);
    if (change.detail !== undefined) this.#detail = change.detail === null ? null : change.detail.slice(0, 120);
    const now = JSON.stringify(this.snapshot());
    if (now !== this.#lastEmitted) {
      this.#lastEmitted = now;
      this.emit('statusChanged');
    }
  }

  count(name: string, by = 1): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + by);
  }

  counters(): DeviceCounters {
    return { deviceClass: 'cardReader', since: this.#since, counters: Object.fromEntries(this.#counters) };
  }

  onEvent(listener: (event: UnsolicitedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  emit(type: ReaderEventType, detail?: string): void {
    const event: UnsolicitedEvent = {
      type,
      deviceClass: 'cardReader',
      at: Math.max(0, Math.floor(this.#o.clock.now())),
      ...(type === 'statusChanged' ? { status: this.snapshot() } : {}),
      ...(detail ? { detail: detail.slice(0, 200) } : {}),
    };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the driver or the other listeners.
      }
    }
  }
}
