/**
 * Input reports → scan outcomes (an application reference, or a rejection
 * with its reason), for both HID modes at once: a composite scanner can send
 * keyboard-wedge reports on one report ID and HID-POS reports on another,
 * and a scanner reconfigured in the field switches between them.
 *
 * Owns the inter-character timer (one at most, on the injected clock): a
 * scan that stops mid-way — the wedge terminator or the last HID-POS report
 * never comes — is rejected as `partialScan` after `interCharTimeoutMs`.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { HidReport } from '../hid/hid-report.ts';
import { latin1String } from '../shared/bytes.ts';
import { PosAssembler, type PosResult } from './hid-pos-report.ts';
import { checkScanText, type ScanRejectReason } from './scan-validation.ts';
import { WedgeAssembler, type WedgeConfig, type WedgeResult } from './wedge-assembler.ts';

export type ScanMode = 'wedge' | 'hidPos';

export type ScanOutcome =
  | { readonly type: 'scanned'; readonly reference: string; readonly symbology: string | null; readonly mode: ScanMode }
  | { readonly type: 'scanRejected'; readonly reason: ScanRejectReason; readonly mode: ScanMode };

export interface ScanPipelineOptions {
  clock: DeviceClock;
  /** Report ID of boot keyboard reports (0 for an unnumbered keyboard interface); null = none. */
  keyboardReportId: number | null;
  /** Report ID of HID-POS scanned-data reports; null = none. */
  posReportId: number | null;
  wedge: WedgeConfig;
  /** AIM prefixes ("]Q") accepted in HID-POS mode. */
  symbologies: readonly string[];
  interCharTimeoutMs: number;
  onOutcome(outcome: ScanOutcome): void;
}

export class ScanPipeline {
  readonly #options: ScanPipelineOptions;
  #wedge: WedgeAssembler;
  #pos: PosAssembler;
  #timer: unknown = null;

  constructor(options: ScanPipelineOptions) {
    this.#options = options;
    this.#wedge = new WedgeAssembler(options.wedge);
    this.#pos = new PosAssembler(options.wedge.maxLength);
  }

  /** Offer an input report; false when it is not a scan report (the caller counts it). */
  handleReport(report: HidReport): boolean {
    if (report.reportId === this.#options.keyboardReportId) {
      for (const result of this.#wedge.push(report.data)) this.#wedgeResult(result);
    } else if (report.reportId === this.#options.posReportId) {
      const result = this.#pos.push(report.data);
      if (result) this.#posResult(result);
    } else {
      return false;
    }
    this.#rearm();
    return true;
  }

  /** Drop a half-received scan (link lost, driver closed). */
  reset(): void {
    this.#clearTimer();
    this.#wedge = new WedgeAssembler(this.#options.wedge);
    this.#pos = new PosAssembler(this.#options.wedge.maxLength);
  }

  get hasTimer(): boolean {
    return this.#timer !== null;
  }

  #rearm(): void {
    this.#clearTimer();
    if (!this.#wedge.active && !this.#pos.active) return;
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null;
      const wedge = this.#wedge.expire();
      if (wedge) this.#wedgeResult(wedge);
      const pos = this.#pos.expire();
      if (pos) this.#posResult(pos);
    }, this.#options.interCharTimeoutMs);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #wedgeResult(result: WedgeResult): void {
    if (result.kind === 'rejected') return this.#options.onOutcome({ type: 'scanRejected', reason: result.reason, mode: 'wedge' });
    this.#check(result.text, null, 'wedge');
  }

  #posResult(result: PosResult): void {
    if (result.kind === 'rejected') return this.#options.onOutcome({ type: 'scanRejected', reason: result.reason, mode: 'hidPos' });
    if (!this.#options.symbologies.some((prefix) => result.symbology.startsWith(prefix))) {
      return this.#options.onOutcome({ type: 'scanRejected', reason: 'unsupportedSymbology', mode: 'hidPos' });
    }
    this.#check(latin1String(result.data), result.symbology, 'hidPos');
  }

  #check(text: string, symbology: string | null, mode: ScanMode): void {
    const checked = checkScanText(text, this.#options.wedge.maxLength);
    this.#options.onOutcome(checked.ok ? { type: 'scanned', reference: checked.value.reference, symbology, mode } : { type: 'scanRejected', reason: checked.reason, mode });
  }
}
