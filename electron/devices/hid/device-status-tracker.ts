/**
 * A driver's current status (contract DeviceStatus), and a `statusChanged`
 * unsolicited event whenever it really changes — not on every poll — so the
 * core and the technician screen see transitions, not noise.
 *
 * Not HID-specific; it lives here because the HID drivers and the A4 printer
 * driver share it.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { UnsolicitedEvent } from '../contract/events.ts';
import type { DeviceClass, DeviceStatus } from '../contract/status.ts';

export class DeviceStatusTracker {
  readonly #deviceClass: DeviceClass;
  readonly #clock: DeviceClock;
  readonly #emit: (event: UnsolicitedEvent) => void;
  #status: DeviceStatus;

  constructor(options: { deviceClass: DeviceClass; clock: DeviceClock; initial: DeviceStatus; emit: (event: UnsolicitedEvent) => void }) {
    this.#deviceClass = options.deviceClass;
    this.#clock = options.clock;
    this.#emit = options.emit;
    this.#status = options.initial;
  }

  get current(): DeviceStatus {
    return this.#status;
  }

  /** Merge `patch` into the status; `detail: undefined` in the patch clears the detail list. */
  update(patch: Partial<DeviceStatus>): void {
    const next: DeviceStatus = { ...this.#status, ...patch };
    if ('detail' in patch && patch.detail === undefined) delete (next as { detail?: unknown }).detail;
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    this.#emit({ type: 'statusChanged', deviceClass: this.#deviceClass, at: Math.max(0, Math.floor(this.#clock.now())), status: next });
  }
}
