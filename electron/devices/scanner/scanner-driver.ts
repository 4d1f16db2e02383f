/**
 * Barcode/QR scanner driver: reads application references from a HID
 * scanner in keyboard-wedge or HID-POS mode (or both, on a composite device).
 *
 * Two ways scans reach the core:
 *  - read(): a runCommand that ends with the next valid reference. A bad scan
 *    is an intermediate `scanRejected` event and the read keeps waiting, so
 *    the citizen can try again; after `maxRejects` bad scans in a row the read
 *    ends with commandErrorCode and the last reason as errorCode.
 *  - onEvent(): scans that arrive while no read runs (a citizen scanning at the
 *    start screen) as `scanned` / `scanRejected` events.
 * The scanned text is never logged (only the outcome and the reason).
 */
import type { Completion } from '../contract/completion.ts';
import type { DeviceClock } from '../contract/clock.ts';
import type { UnsolicitedEvent } from '../contract/events.ts';
import { createRequestIdFactory } from '../contract/run-command.ts';
import type { DeviceCapabilities, DeviceCounters, DeviceStatus, SelfTestResult } from '../contract/status.ts';
import type { DeviceLog } from '../hid/device-log.ts';
import { HidDriverCore, type CommandOptions } from '../hid/hid-driver-core.ts';
import type { HidConnector } from '../hid/hid-transport.ts';
import { ListenerSet } from '../hid/listener-set.ts';
import { VENDOR_COMMAND, type VendorChannelReports } from '../hid/vendor-channel.ts';
import { waitFor, isAborted } from '../hid/wait-for.ts';
import { DEFAULT_SYMBOLOGIES } from './hid-pos-report.ts';
import { ScanPipeline, type ScanOutcome } from './scan-pipeline.ts';
import { DEFAULT_MAX_SCAN_LENGTH, type ScanRejectReason } from './scan-validation.ts';
import type { ScannerErrorCode } from './scanner-errors.ts';
import type { WedgeTerminator } from './wedge-assembler.ts';

export interface ScannerReports {
  readonly keyboardReportId: number | null;
  readonly posReportId: number | null;
  readonly vendor: VendorChannelReports | null;
}

/** Our simulated composite scanner; a real one is described in config. */
export const DEFAULT_SCANNER_REPORTS: ScannerReports = { keyboardReportId: 0x01, posReportId: 0x02, vendor: { commandReportId: 0x04, replyReportId: 0x05 } };

export interface ScannerDriverOptions {
  connect: HidConnector;
  clock: DeviceClock;
  reports?: ScannerReports;
  /** Keyboard-wedge settings as programmed into the scanner. */
  terminator?: WedgeTerminator;
  prefix?: string;
  suffix?: string;
  maxLength?: number;
  /** AIM prefixes accepted in HID-POS mode. */
  symbologies?: readonly string[];
  /** A scan that pauses longer than this is partial (wedge scanners type a character every few ms). */
  interCharTimeoutMs?: number;
  maxRejects?: number;
  readTimeoutMs?: number;
  commandTimeoutMs?: number;
  reconnectIntervalMs?: number;
  model?: string;
  log?: DeviceLog;
}

export interface ScanPayload {
  readonly reference: string;
  readonly symbology: string | null;
  readonly mode: ScanOutcome['mode'];
}

export type ScannerEvent = ScanOutcome;
export type ReadEvent = { readonly type: 'scanRejected'; readonly reason: ScanRejectReason };

const COUNTERS = ['scansAccepted', 'scansRejected', 'partialScans', 'garbledScans', 'wrongFormatScans', 'scansWhileDisabled'] as const;
const SELF_TEST_CHECKS = ['imager', 'illumination', 'beeper'] as const;

export class ScannerDriver {
  readonly #options: ScannerDriverOptions;
  readonly #reports: ScannerReports;
  readonly #core: HidDriverCore<(typeof COUNTERS)[number]>;
  readonly #pipeline: ScanPipeline;
  readonly #events = new ListenerSet<ScannerEvent>();
  /** Outcomes for a running read; when nobody reads, they go to #events. */
  readonly #forRead = new ListenerSet<ScanOutcome | { type: 'closed'; reason: string }>();
  readonly #nextRequestId = createRequestIdFactory('scanner');
  #enabled = true;
  #firmware: string | null = null;

  constructor(options: ScannerDriverOptions) {
    this.#options = options;
    const reports = (this.#reports = options.reports ?? DEFAULT_SCANNER_REPORTS);
    this.#pipeline = new ScanPipeline({
      clock: options.clock,
      keyboardReportId: reports.keyboardReportId,
      posReportId: reports.posReportId,
      wedge: { terminator: options.terminator ?? 'enter', prefix: options.prefix ?? '', suffix: options.suffix ?? '', maxLength: options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH },
      symbologies: options.symbologies ?? DEFAULT_SYMBOLOGIES,
      interCharTimeoutMs: options.interCharTimeoutMs ?? 100,
      onOutcome: (outcome) => this.#onOutcome(outcome),
    });
    this.#core = new HidDriverCore({
      deviceClass: 'scanner',
      connect: options.connect,
      clock: options.clock,
      reconnectIntervalMs: options.reconnectIntervalMs ?? 2000,
      vendor: reports.vendor,
      counters: COUNTERS,
      ...(options.log ? { log: options.log } : {}),
      onInputReport: (report) => {
        if (!this.#pipeline.handleReport(report)) this.#core.counters.increment('unknownReports');
      },
      onDisconnected: (reason) => {
        this.#pipeline.reset();
        this.#forRead.emit({ type: 'closed', reason });
      },
    });
  }

  /** Connect and read the firmware version (when the scanner has a vendor channel). */
  open(options: CommandOptions = {}): Promise<Completion<{ firmware: string | null }, ScannerErrorCode>> {
    return this.#core.run<{ firmware: string | null }, ScannerErrorCode>(this.#nextRequestId(), options, this.#options.commandTimeoutMs ?? 2000, async (ctx) => {
      const transport = await this.#core.ensureOpen();
      if (!transport) return { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: this.#core.lastError ?? 'scanner not available' };
      if (!this.#reports.vendor) return { completionCode: 'success', payload: { firmware: null } };
      const result = await this.#core.vendorCall(VENDOR_COMMAND.getInfo, [], ctx);
      if (result.kind !== 'reply') return this.#core.vendorFailure(result);
      this.#firmware = `${result.reply.data[0] ?? 0}.${result.reply.data[1] ?? 0}`;
      return { completionCode: 'success', payload: { firmware: this.#firmware } };
    });
  }

  /** Wait for the next valid application reference. */
  read(options: CommandOptions<ReadEvent> = {}): Promise<Completion<ScanPayload, ScannerErrorCode>> {
    const maxRejects = this.#options.maxRejects ?? 3;
    return this.#core.run<ScanPayload, ScannerErrorCode, ReadEvent>(this.#nextRequestId(), options, this.#options.readTimeoutMs ?? 60_000, async (ctx) => {
      const transport = await this.#core.ensureOpen();
      if (!transport) return { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: this.#core.lastError ?? 'scanner not available' };
      if (!this.#enabled) return { completionCode: 'sequenceError', description: 'scanner is disabled' };
      let rejects = 0;
      type ReadEnd = { kind: 'scanned'; payload: ScanPayload } | { kind: 'closed'; reason: string } | { kind: 'gaveUp'; reason: ScanRejectReason };
      const waiting = waitFor<ScanOutcome | { type: 'closed'; reason: string }, ReadEnd>(
        (listener) => this.#forRead.add(listener),
        (outcome) => {
          if (outcome.type === 'closed') return { kind: 'closed', reason: outcome.reason };
          if (outcome.type === 'scanned') return { kind: 'scanned', payload: { reference: outcome.reference, symbology: outcome.symbology, mode: outcome.mode } };
          ctx.emit({ type: 'scanRejected', reason: outcome.reason });
          return ++rejects >= maxRejects ? { kind: 'gaveUp', reason: outcome.reason } : undefined;
        },
        ctx.signal,
      );
      const end = await waiting.result;
      if (isAborted(end)) return { completionCode: 'canceled', description: 'aborted' };
      if (end.kind === 'closed') return { completionCode: 'hardwareError', errorCode: 'linkDown', description: end.reason };
      if (end.kind === 'gaveUp') return { completionCode: 'commandErrorCode', errorCode: end.reason, description: `${maxRejects} unusable scans in a row` };
      return { completionCode: 'success', payload: end.payload };
    });
  }

  /**
   * Turn scanning on or off (illumination off outside a scan step). Scans that
   * still arrive while disabled are dropped and counted.
   */
  setEnabled(enabled: boolean, options: CommandOptions = {}): Promise<Completion<undefined, ScannerErrorCode>> {
    return this.#core.run<undefined, ScannerErrorCode>(this.#nextRequestId(), options, this.#options.commandTimeoutMs ?? 2000, async (ctx) => {
      this.#enabled = enabled;
      const result = await this.#core.vendorCall(VENDOR_COMMAND.setEnabled, [enabled ? 1 : 0], ctx);
      if (result.kind === 'noVendorChannel') return { completionCode: 'success', payload: undefined };
      if (result.kind !== 'reply') return this.#core.vendorFailure(result);
      return { completionCode: 'success', payload: undefined };
    });
  }

  selfTest(options: CommandOptions = {}): Promise<SelfTestResult> {
    return this.#core.selfTest(this.#nextRequestId(), SELF_TEST_CHECKS, options);
  }

  status(): DeviceStatus {
    return this.#core.currentStatus();
  }

  capabilities(): DeviceCapabilities {
    return { deviceClass: 'scanner', model: this.#options.model ?? 'HID barcode/QR scanner', ...(this.#firmware ? { firmwareVersion: this.#firmware } : {}) };
  }

  counters(): DeviceCounters {
    return this.#core.snapshotCounters();
  }

  onEvent(listener: (event: ScannerEvent) => void): () => void {
    return this.#events.add(listener);
  }

  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#core.unsolicited.add(listener);
  }

  /** Listeners and timers held beyond idle (leak tests): 0 when nothing runs. */
  get pendingWaits(): number {
    return this.#core.pendingWaits + this.#forRead.size + Number(this.#pipeline.hasTimer);
  }

  async close(): Promise<void> {
    this.#pipeline.reset();
    await this.#core.close();
    this.#events.clear();
  }

  #onOutcome(outcome: ScanOutcome): void {
    const counters = this.#core.counters;
    this.#core.markAlive();
    if (!this.#enabled) {
      counters.increment('scansWhileDisabled');
      return;
    }
    if (outcome.type === 'scanned') counters.increment('scansAccepted');
    else {
      counters.increment('scansRejected');
      if (outcome.reason === 'partialScan') counters.increment('partialScans');
      if (outcome.reason === 'nonPrintable' || outcome.reason === 'malformedReport') counters.increment('garbledScans');
      if (outcome.reason === 'wrongFormat') counters.increment('wrongFormatScans');
    }
    this.#core.log.info({ outcome: outcome.type, mode: outcome.mode, ...(outcome.type === 'scanRejected' ? { reason: outcome.reason } : {}) }, 'scan');
    if (this.#forRead.size > 0) this.#forRead.emit(outcome);
    else this.#events.emit(outcome);
  }
}
