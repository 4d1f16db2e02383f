/**
 * Monotonic counters for the technician screen (contract DeviceCounters).
 * The names are fixed per device class at construction, so a typo is a type
 * error and the screen always shows every counter, zeros included.
 */
import type { DeviceClass, DeviceCounters } from '../contract/status.ts';

export class DeviceCounterSet<TName extends string> {
  readonly #deviceClass: DeviceClass;
  readonly #since: number;
  readonly #values: Map<TName, number>;

  constructor(deviceClass: DeviceClass, names: readonly TName[], since: number) {
    this.#deviceClass = deviceClass;
    this.#since = Math.max(0, Math.floor(since));
    this.#values = new Map(names.map((name) => [name, 0]));
  }

  increment(name: TName, by = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + Math.max(0, Math.floor(by)));
  }

  get(name: TName): number {
    return this.#values.get(name) ?? 0;
  }

  snapshot(): DeviceCounters {
    return { deviceClass: this.#deviceClass, since: this.#since, counters: Object.fromEntries(this.#values) };
  }
}
