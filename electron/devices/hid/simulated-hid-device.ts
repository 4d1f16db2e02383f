/**
 * What every simulated HID device has in common, for the simulators in
 * native-mocks/{fingerprint,scanner,keypad}: being on the bus or not, taking
 * a fresh link on each open, think times on the injected clock, and the
 * common faults. Pure (no I/O), so it sits beside the HID codecs; simulators
 * import it, never the transports.
 *
 * Common faults, as a person at the control panel means them:
 *  - unplugged:  the USB cable is out. The link closes; opens fail until cleared.
 *  - power-cut:  the device loses power: like unplugged, and it forgets its
 *                state (onPowerLoss), so it comes back fresh when cleared.
 *  - no-answer:  firmware hung: host reports are swallowed, nothing is sent.
 *  - garbage:    the device sends noise instead of answers (class decides the noise).
 *  - slow:       every think time × options.factor (default 10).
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { HidDeviceEnd, HidSimulatorPort } from './hid-device-end.ts';
import type { HidReport, HostReportKind } from './hid-report.ts';
import { ListenerSet } from './listener-set.ts';

export interface SimulatedHidDeviceOptions {
  clock: DeviceClock;
  usbId: string;
  /** Host reports arrive here (not while no-answer). */
  onHostReport(kind: HostReportKind, report: HidReport): void;
  /** Forget everything a power cut erases. */
  onPowerLoss(): void;
  /** The link went away (unplug, host closed, reopened): drop per-link state such as a running command. */
  onDetached?(): void;
  /** Seed for the garbage generator, so a failing test replays the same noise. */
  seed?: number;
}

export class SimulatedHidDevice implements HidSimulatorPort {
  readonly usbId: string;
  readonly #options: SimulatedHidDeviceOptions;
  readonly #changes = new ListenerSet<void>();
  readonly #timers = new Set<unknown>();
  #end: HidDeviceEnd | null = null;
  #offEnd: Array<() => void> = [];
  #fault: string | null = null;
  #faultOptions: Record<string, unknown> = {};
  #random: number;

  constructor(options: SimulatedHidDeviceOptions) {
    this.usbId = options.usbId;
    this.#options = options;
    this.#random = (options.seed ?? 0x2f6b) >>> 0 || 1;
  }

  get fault(): string | null {
    return this.#fault;
  }

  get faultOptions(): Readonly<Record<string, unknown>> {
    return this.#faultOptions;
  }

  get connected(): boolean {
    return this.#end?.isOpen ?? false;
  }

  isPresent(): boolean {
    return this.#fault !== 'unplugged' && this.#fault !== 'power-cut';
  }

  attach(end: HidDeviceEnd): void {
    this.#detach('reopened by host');
    if (!this.isPresent()) {
      end.disconnect('device not present');
      return;
    }
    this.#end = end;
    this.#offEnd = [
      end.onHostReport((kind, report) => {
        if (this.#fault === 'no-answer') return;
        this.#options.onHostReport(kind, report);
      }),
      end.onClose(() => {
        if (this.#end === end) this.#detach('link closed');
        this.changed();
      }),
    ];
    this.changed();
  }

  /** Set the common part of a fault; the class handles its own faults before or after. */
  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    const wasPowered = this.#fault !== 'power-cut';
    this.#fault = fault;
    this.#faultOptions = options;
    if (fault === 'unplugged' || fault === 'power-cut') this.#detach(fault === 'unplugged' ? 'unplugged' : 'power lost');
    if (fault === 'power-cut' && wasPowered) {
      this.cancelTimers();
      this.#options.onPowerLoss();
    }
    this.changed();
  }

  /** Send an input report now; false when nobody is listening or the device is hung. */
  send(report: HidReport): boolean {
    if (this.#fault === 'no-answer' || !this.#end?.isOpen) return false;
    return this.#end.sendInputReport(report);
  }

  /**
   * Run `fn` after a think time (× factor while `slow`, unless `scaled` is false,
   * e.g. for the device's own timeouts). Cancelled by power loss, unplug and
   * link close; the returned function cancels it earlier.
   */
  later(ms: number, fn: () => void, scaled = true): () => void {
    const factor = scaled && this.#fault === 'slow' ? Number(this.#faultOptions.factor ?? 10) || 10 : 1;
    const handle = this.#options.clock.setTimeout(() => {
      this.#timers.delete(handle);
      fn();
    }, ms * factor);
    this.#timers.add(handle);
    return () => {
      if (this.#timers.delete(handle)) this.#options.clock.clearTimeout(handle);
    };
  }

  cancelTimers(): void {
    for (const handle of this.#timers) this.#options.clock.clearTimeout(handle);
    this.#timers.clear();
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Deterministic noise (xorshift32): reproducible garbage for fault tests. */
  noise(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      let x = this.#random;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.#random = x >>> 0;
      out[i] = this.#random & 0xff;
    }
    return out;
  }

  onChange(listener: () => void): () => void {
    return this.#changes.add(listener);
  }

  changed(): void {
    this.#changes.emit();
  }

  #detach(reason: string): void {
    const end = this.#end;
    for (const off of this.#offEnd) off();
    this.#offEnd = [];
    this.#end = null;
    this.cancelTimers();
    if (end?.isOpen) end.disconnect(reason);
    if (end) this.#options.onDetached?.();
  }
}
