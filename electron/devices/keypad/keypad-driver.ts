/**
 * Tactile keypad driver (audio-navigation keypad with headphone jack).
 *
 * Events (onEvent), in the order a listener needs them:
 *  - key {key, action: down|up} — raw, for key-hold handling;
 *  - input {input, secure} — on key down, what the key means (digit, confirm,
 *    navigate…); `secure` is true during PIN entry so speech output says
 *    "digit entered" instead of the digit;
 *  - headphones {plugged} — jack changes (speech goes to headphones only);
 *  - stuckKey {key} — a key held longer than `stuckKeyMs` (also a contract
 *    deviceError and status hardwareError until released).
 * The driver never logs which key was pressed.
 *
 * Commands (runCommand): open (identity + jack state), beep, refreshStatus, selfTest.
 */
import type { Completion } from '../contract/completion.ts';
import type { DeviceClock } from '../contract/clock.ts';
import type { UnsolicitedEvent } from '../contract/events.ts';
import { createRequestIdFactory } from '../contract/run-command.ts';
import type { DeviceCapabilities, DeviceCounters, DeviceStatus, SelfTestResult } from '../contract/status.ts';
import type { DeviceLog } from '../hid/device-log.ts';
import { HidDriverCore, type CommandOptions, type CoreErrorCode } from '../hid/hid-driver-core.ts';
import type { HidReport } from '../hid/hid-report.ts';
import type { HidConnector } from '../hid/hid-transport.ts';
import { ListenerSet } from '../hid/listener-set.ts';
import { VENDOR_COMMAND, type VendorChannelReports } from '../hid/vendor-channel.ts';
import { DEFAULT_CODE_TABLE, inputFor, isDigitKey, keysByUsage, type KeypadInput, type KeypadKey } from './keypad-keys.ts';
import { decodeJackReport, KeyTracker, type KeyChange } from './keypad-reports.ts';

export type KeypadErrorCode = CoreErrorCode;

export interface KeypadReports {
  readonly keyboardReportId: number;
  readonly jackReportId: number;
  readonly vendor: VendorChannelReports | null;
}

export const DEFAULT_KEYPAD_REPORTS: KeypadReports = { keyboardReportId: 0x01, jackReportId: 0x03, vendor: { commandReportId: 0x04, replyReportId: 0x05 } };

export type KeypadEvent =
  | { readonly type: 'key'; readonly key: KeypadKey; readonly action: 'down' | 'up' }
  | { readonly type: 'input'; readonly input: KeypadInput; readonly secure: boolean }
  | { readonly type: 'headphones'; readonly plugged: boolean }
  | { readonly type: 'stuckKey'; readonly key: KeypadKey };

export interface KeypadDriverOptions {
  connect: HidConnector;
  clock: DeviceClock;
  reports?: KeypadReports;
  codeTable?: Readonly<Record<KeypadKey, number>>;
  /** A key down longer than this is stuck (a jammed key cap, something wedged in). */
  stuckKeyMs?: number;
  commandTimeoutMs?: number;
  reconnectIntervalMs?: number;
  model?: string;
  log?: DeviceLog;
}

const COUNTERS = ['keyPresses', 'headphonePlugs', 'stuckKeys', 'beeps'] as const;
const SELF_TEST_CHECKS = ['keys', 'audio', 'beeper'] as const;

export class KeypadDriver {
  readonly #options: KeypadDriverOptions;
  readonly #reports: KeypadReports;
  readonly #core: HidDriverCore<(typeof COUNTERS)[number]>;
  readonly #keys: KeyTracker;
  readonly #events = new ListenerSet<KeypadEvent>();
  readonly #nextRequestId = createRequestIdFactory('keypad');
  readonly #stuckTimers = new Map<KeypadKey, unknown>();
  #headphones: boolean | null = null;
  #secure = false;
  #firmware: string | null = null;

  constructor(options: KeypadDriverOptions) {
    this.#options = options;
    this.#reports = options.reports ?? DEFAULT_KEYPAD_REPORTS;
    this.#keys = new KeyTracker(keysByUsage(options.codeTable ?? DEFAULT_CODE_TABLE));
    this.#core = new HidDriverCore({
      deviceClass: 'keypad',
      connect: options.connect,
      clock: options.clock,
      reconnectIntervalMs: options.reconnectIntervalMs ?? 2000,
      vendor: this.#reports.vendor,
      counters: COUNTERS,
      ...(options.log ? { log: options.log } : {}),
      onInputReport: (report) => this.#onReport(report),
      onDisconnected: () => {
        // The keypad is gone: nothing is held any more, and its jack is gone with it.
        this.#applyChanges(this.#keys.releaseAll());
        this.#setHeadphones(false);
      },
    });
  }

  open(options: CommandOptions = {}): Promise<Completion<{ firmware: string | null; headphones: boolean | null }, KeypadErrorCode>> {
    return this.#core.run<{ firmware: string | null; headphones: boolean | null }, never>(this.#nextRequestId(), options, this.#options.commandTimeoutMs ?? 2000, async (ctx) => {
      const transport = await this.#core.ensureOpen();
      if (!transport) return { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: this.#core.lastError ?? 'keypad not available' };
      if (!this.#reports.vendor) return { completionCode: 'success', payload: { firmware: null, headphones: this.#headphones } };
      const info = await this.#core.vendorCall(VENDOR_COMMAND.getInfo, [], ctx);
      if (info.kind !== 'reply') return this.#core.vendorFailure(info);
      this.#firmware = `${info.reply.data[0] ?? 0}.${info.reply.data[1] ?? 0}`;
      const status = await this.#core.vendorCall(VENDOR_COMMAND.getStatus, [], ctx);
      if (status.kind !== 'reply') return this.#core.vendorFailure(status);
      this.#setHeadphones(((status.reply.data[0] ?? 0) & 1) === 1);
      return { completionCode: 'success', payload: { firmware: this.#firmware, headphones: this.#headphones } };
    });
  }

  /** Audible feedback, e.g. on a refused key; 10 ms steps up to 2.5 s. */
  beep(durationMs: number, options: CommandOptions = {}): Promise<Completion<undefined, KeypadErrorCode>> {
    return this.#core.run<undefined, never>(this.#nextRequestId(), options, this.#options.commandTimeoutMs ?? 2000, async (ctx) => {
      const tens = Math.max(1, Math.min(255, Math.round(durationMs / 10)));
      const result = await this.#core.vendorCall(VENDOR_COMMAND.beep, [tens], ctx);
      if (result.kind !== 'reply') return this.#core.vendorFailure(result);
      this.#core.counters.increment('beeps');
      return { completionCode: 'success', payload: undefined };
    });
  }

  /** Ask the keypad for its jack state again (after a missed report). */
  refreshStatus(options: CommandOptions = {}): Promise<Completion<{ headphones: boolean }, KeypadErrorCode>> {
    return this.#core.run<{ headphones: boolean }, never>(this.#nextRequestId(), options, this.#options.commandTimeoutMs ?? 2000, async (ctx) => {
      const result = await this.#core.vendorCall(VENDOR_COMMAND.getStatus, [], ctx);
      if (result.kind !== 'reply') return this.#core.vendorFailure(result);
      const plugged = ((result.reply.data[0] ?? 0) & 1) === 1;
      this.#setHeadphones(plugged);
      return { completionCode: 'success', payload: { headphones: plugged } };
    });
  }

  selfTest(options: CommandOptions = {}): Promise<SelfTestResult> {
    return this.#core.selfTest(this.#nextRequestId(), SELF_TEST_CHECKS, options);
  }

  /** PIN entry on (digits are marked secure for speech output) or off. */
  setSecureEntry(on: boolean): void {
    this.#secure = on;
  }

  get headphonesPlugged(): boolean | null {
    return this.#headphones;
  }

  status(): DeviceStatus {
    return this.#core.currentStatus();
  }

  capabilities(): DeviceCapabilities {
    return { deviceClass: 'keypad', model: this.#options.model ?? 'HID audio keypad', ...(this.#firmware ? { firmwareVersion: this.#firmware } : {}) };
  }

  counters(): DeviceCounters {
    return this.#core.snapshotCounters();
  }

  onEvent(listener: (event: KeypadEvent) => void): () => void {
    return this.#events.add(listener);
  }

  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#core.unsolicited.add(listener);
  }

  get pendingWaits(): number {
    return this.#core.pendingWaits + this.#stuckTimers.size;
  }

  async close(): Promise<void> {
    this.#clearStuckTimers();
    await this.#core.close();
    this.#events.clear();
  }

  #onReport(report: HidReport): void {
    if (report.reportId === this.#reports.keyboardReportId) {
      const result = this.#keys.push(report.data);
      if (!result.ok) return this.#garbage(result.error);
      if (result.value.unknownUsages > 0) this.#core.counters.increment('unknownReports', result.value.unknownUsages);
      this.#markAlive();
      this.#applyChanges(result.value.changes);
    } else if (report.reportId === this.#reports.jackReportId) {
      const jack = decodeJackReport(report.data);
      if (!jack.ok) return this.#garbage(jack.error);
      this.#markAlive();
      this.#setHeadphones(jack.value.plugged);
    } else {
      this.#core.counters.increment('unknownReports');
    }
  }

  #applyChanges(changes: readonly KeyChange[]): void {
    for (const { key, action } of changes) {
      this.#events.emit({ type: 'key', key, action });
      if (action === 'down') {
        this.#core.counters.increment('keyPresses');
        this.#events.emit({ type: 'input', input: inputFor(key), secure: this.#secure && isDigitKey(key) });
        this.#watchStuck(key);
      } else {
        this.#releaseStuck(key);
      }
    }
  }

  /** A well-formed report: the keypad is alive — but a stuck key keeps it in hardwareError. */
  #markAlive(): void {
    if (![...this.#stuckTimers.values()].some((t) => t === null)) this.#core.markAlive();
  }

  #watchStuck(key: KeypadKey): void {
    const clock = this.#options.clock;
    const timer = clock.setTimeout(() => {
      this.#stuckTimers.set(key, null);
      this.#core.counters.increment('stuckKeys');
      // A digit's identity could be part of a PIN: say only that a digit key is stuck.
      const name = isDigitKey(key) ? 'a digit key' : key;
      this.#core.log.warn({ key: name }, 'keypad key stuck');
      this.#events.emit({ type: 'stuckKey', key });
      this.#core.unsolicited.emit({ type: 'deviceError', deviceClass: 'keypad', at: Math.floor(clock.now()), detail: `key stuck: ${name}` });
      this.#core.status.update({ device: 'hardwareError', detail: [`key stuck: ${name}`] });
    }, this.#options.stuckKeyMs ?? 15_000);
    this.#stuckTimers.set(key, timer);
  }

  #releaseStuck(key: KeypadKey): void {
    if (!this.#stuckTimers.has(key)) return;
    const timer = this.#stuckTimers.get(key);
    this.#stuckTimers.delete(key);
    if (timer === null) {
      // It was reported stuck and is free again.
      const stillStuck = [...this.#stuckTimers.values()].some((t) => t === null);
      if (!stillStuck && this.#core.connected) this.#core.status.update({ device: 'online', detail: undefined });
    } else {
      this.#options.clock.clearTimeout(timer);
    }
  }

  #clearStuckTimers(): void {
    for (const timer of this.#stuckTimers.values()) if (timer !== null) this.#options.clock.clearTimeout(timer);
    this.#stuckTimers.clear();
  }

  #setHeadphones(plugged: boolean): void {
    if (this.#headphones === plugged) return;
    const wasKnown = this.#headphones !== null;
    this.#headphones = plugged;
    if (plugged) this.#core.counters.increment('headphonePlugs');
    // The first report after start only tells the state; it is still an event, so speech can start.
    if (wasKnown || plugged) this.#events.emit({ type: 'headphones', plugged });
  }

  #garbage(error: string): void {
    this.#core.counters.increment('protocolErrors');
    this.#core.log.warn({ error }, 'keypad sent a malformed report');
  }
}
