/**
 * What the scanner and keypad drivers share: the HID connection with
 * automatic reconnect, the vendor command channel, one-command-at-a-time
 * runCommand with timeout/cancel accounting, status and counters, and the
 * unsolicited (contract) event stream. The class drivers add their own
 * reports (scans, keys) on top through `onInputReport`.
 *
 * Status rules, the same for both classes (and the fingerprint reader):
 * noDevice while the device is missing; offline after a command that heard
 * nothing at all from the device; hardwareError after garbage on the vendor
 * channel; online again on the next well-formed report.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { CommandOutcome, Completion } from '../contract/completion.ts';
import type { IntermediateEvent, UnsolicitedEvent } from '../contract/events.ts';
import { runCommand, type CommandContext } from '../contract/run-command.ts';
import type { DeviceClass, DeviceCounters, DeviceStatus, SelfTestResult } from '../contract/status.ts';
import { DeviceCounterSet } from './device-counters.ts';
import { SILENT_LOG, type DeviceLog } from './device-log.ts';
import { DeviceStatusTracker } from './device-status-tracker.ts';
import { HidConnection } from './hid-connection.ts';
import type { HidReport } from './hid-report.ts';
import type { HidConnector, HidTransport } from './hid-transport.ts';
import { ListenerSet } from './listener-set.ts';
import { VENDOR_COMMAND, VendorChannel, type VendorCallResult, type VendorChannelReports } from './vendor-channel.ts';

export const COMMON_HID_COUNTERS = ['commands', 'timeouts', 'cancels', 'disconnects', 'staleReplies', 'protocolErrors', 'unknownReports'] as const;
export type CommonHidCounter = (typeof COMMON_HID_COUNTERS)[number];
export type CoreErrorCode = 'noDevice' | 'linkDown' | 'protocolError' | 'selfTestFailed';

export interface CommandOptions<TEvent = never> {
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: IntermediateEvent<TEvent>) => void;
}

export interface HidDriverCoreOptions<TCounter extends string> {
  deviceClass: DeviceClass;
  connect: HidConnector;
  clock: DeviceClock;
  reconnectIntervalMs: number;
  /** null when the device has no vendor channel (a plain keyboard-wedge scanner). */
  vendor: VendorChannelReports | null;
  counters: readonly TCounter[];
  log?: DeviceLog;
  /** Input reports that are not vendor replies. */
  onInputReport(report: HidReport): void;
  onConnected?(transport: HidTransport): void;
  onDisconnected?(reason: string): void;
}

export type VendorOutcome = VendorCallResult | { readonly kind: 'noDevice'; readonly reason: string } | { readonly kind: 'noVendorChannel' };

export class HidDriverCore<TCounter extends string> {
  readonly clock: DeviceClock;
  readonly log: DeviceLog;
  readonly status: DeviceStatusTracker;
  readonly counters: DeviceCounterSet<TCounter | CommonHidCounter>;
  readonly unsolicited = new ListenerSet<UnsolicitedEvent>();
  readonly #options: HidDriverCoreOptions<TCounter>;
  readonly #connection: HidConnection;
  readonly #vendor: VendorChannel | null;
  #busy = false;
  #lastHeardAt = Number.NEGATIVE_INFINITY;

  constructor(options: HidDriverCoreOptions<TCounter>) {
    this.#options = options;
    this.clock = options.clock;
    this.log = options.log ?? SILENT_LOG;
    this.counters = new DeviceCounterSet(options.deviceClass, [...COMMON_HID_COUNTERS, ...options.counters], options.clock.now());
    this.status = new DeviceStatusTracker({ deviceClass: options.deviceClass, clock: options.clock, initial: { device: 'noDevice' }, emit: (e) => this.unsolicited.emit(e) });
    this.#vendor = options.vendor ? new VendorChannel(options.vendor, () => this.counters.increment('staleReplies')) : null;
    this.#connection = new HidConnection({
      connect: options.connect,
      clock: options.clock,
      reconnectIntervalMs: options.reconnectIntervalMs,
      onInputReport: (report) => this.#onReport(report),
      onConnected: (transport) => {
        this.log.info({ deviceClass: options.deviceClass, device: transport.description }, 'HID device connected');
        this.status.update({ device: 'online', detail: undefined });
        options.onConnected?.(transport);
      },
      onDisconnected: (reason) => {
        this.counters.increment('disconnects');
        this.log.warn({ deviceClass: options.deviceClass, reason }, 'HID device disconnected');
        this.status.update({ device: 'noDevice', detail: [reason.slice(0, 120)] });
        this.#vendor?.linkClosed(reason);
        options.onDisconnected?.(reason);
      },
    });
  }

  get connected(): boolean {
    return this.#connection.transport !== null;
  }

  get lastError(): string | null {
    return this.#connection.lastError;
  }

  /** Listeners held by running vendor calls (leak tests). */
  get pendingWaits(): number {
    return this.#vendor?.waiting ?? 0;
  }

  ensureOpen(): Promise<HidTransport | null> {
    return this.#connection.ensureOpen();
  }

  /** A report of the class's own kind arrived well-formed: the device is alive. */
  markAlive(): void {
    if (this.status.current.device !== 'online' && this.connected) this.status.update({ device: 'online', detail: undefined });
  }

  run<T, E extends string, TEvent = never>(
    requestId: string,
    options: CommandOptions<TEvent>,
    defaultTimeoutMs: number,
    body: (ctx: CommandContext<TEvent>) => Promise<CommandOutcome<T, E | CoreErrorCode>>,
  ): Promise<Completion<T, E | CoreErrorCode>> {
    this.counters.increment('commands');
    const completion = runCommand<T, E | CoreErrorCode, TEvent>({
      requestId,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      clock: this.clock,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      execute: async (ctx) => {
        if (this.#busy) return { completionCode: 'sequenceError', description: `another ${this.#options.deviceClass} command is running` };
        this.#busy = true;
        try {
          return await body(ctx);
        } finally {
          this.#busy = false;
          if (ctx.signal.aborted) this.#afterAbort(ctx.signal.reason);
        }
      },
    });
    void completion.then((c) => this.log.info({ requestId, completionCode: c.completionCode, errorCode: c.errorCode }, `${this.#options.deviceClass} command completed`));
    return completion;
  }

  /**
   * Send a vendor command and wait for its reply. A timeout with nothing at
   * all heard from the device since the command went out marks it offline
   * (a scan read that times out does not: it waits for a person, not the device).
   */
  async vendorCall(command: number, args: readonly number[], ctx: CommandContext<unknown>): Promise<VendorOutcome> {
    if (!this.#vendor) return { kind: 'noVendorChannel' };
    const transport = await this.#connection.ensureOpen();
    if (!transport) return { kind: 'noDevice', reason: this.#connection.lastError ?? 'device not available' };
    const sentAt = this.clock.now();
    const result = await this.#vendor.call(transport, command, args, ctx.signal);
    if (result.kind === 'aborted' && ctx.signal.reason === 'timeOut' && this.#lastHeardAt < sentAt && this.status.current.device === 'online') {
      this.status.update({ device: 'offline', detail: ['no answer from the device'] });
      this.log.warn({ requestId: ctx.requestId }, `${this.#options.deviceClass} did not answer`);
    }
    if (result.kind === 'reply') this.markAlive();
    if (result.kind === 'protocolError') {
      this.counters.increment('protocolErrors');
      this.status.update({ device: 'hardwareError', detail: ['device sends malformed replies'] });
    }
    return result;
  }

  /** The completion for a vendor call that got no usable reply. */
  vendorFailure(result: Exclude<VendorOutcome, { kind: 'reply' }>): CommandOutcome<never, CoreErrorCode> {
    switch (result.kind) {
      case 'noDevice':
        return { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: result.reason };
      case 'closed':
        return { completionCode: 'hardwareError', errorCode: 'linkDown', description: result.reason };
      case 'protocolError':
        return { completionCode: 'hardwareError', errorCode: 'protocolError', description: result.error };
      case 'noVendorChannel':
        return { completionCode: 'commandErrorCode', errorCode: 'protocolError', description: 'device has no vendor command channel' };
      case 'aborted':
        return { completionCode: 'canceled', description: 'aborted' };
    }
  }

  /**
   * Self-test through the vendor channel: the device replies status 0 (pass)
   * or a failure with check bits in data[0]. Without a vendor channel only
   * the link can be checked.
   */
  async selfTest(requestId: string, checkNames: readonly string[], options: CommandOptions = {}): Promise<SelfTestResult> {
    const completion = await this.run<number, never>(requestId, options, 3000, async (ctx) => {
      if (!this.#vendor) {
        const transport = await this.ensureOpen();
        return transport ? { completionCode: 'success', payload: (1 << checkNames.length) - 1 } : { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: this.lastError ?? 'device not available' };
      }
      const result = await this.vendorCall(VENDOR_COMMAND.selfTest, [], ctx);
      if (result.kind !== 'reply') return this.vendorFailure(result);
      const bits = result.reply.data[0] ?? 0;
      return result.reply.status === 0 ? { completionCode: 'success', payload: bits } : { completionCode: 'hardwareError', errorCode: 'selfTestFailed', payload: bits, description: 'self-test failed' };
    });
    const bits = completion.payload;
    const linkOk = bits !== undefined;
    const checks = [
      { name: 'link', passed: linkOk, ...(linkOk ? {} : { detail: `${completion.completionCode}: ${completion.description ?? ''}`.slice(0, 200) }) },
      ...checkNames.map((name, i) => ({ name, passed: linkOk && (bits & (1 << i)) !== 0 })),
    ];
    return { deviceClass: this.#options.deviceClass, at: Math.floor(this.clock.now()), passed: checks.every((c) => c.passed), checks };
  }

  snapshotCounters(): DeviceCounters {
    return this.counters.snapshot();
  }

  currentStatus(): DeviceStatus {
    return this.status.current;
  }

  async close(): Promise<void> {
    await this.#connection.close();
    this.status.update({ device: 'noDevice', detail: ['closed'] });
    this.unsolicited.clear();
  }

  #onReport(report: HidReport): void {
    this.#lastHeardAt = this.clock.now();
    if (this.#vendor?.handleReport(report)) return;
    this.#options.onInputReport(report);
  }

  #afterAbort(reason: unknown): void {
    this.counters.increment(reason === 'timeOut' ? 'timeouts' : 'cancels');
  }
}
