/**
 * Keyboard-wedge scans: a scanner in USB keyboard mode "types" the code as
 * boot keyboard reports (press, release, press, release…) followed by a
 * configured terminator key, with optional configured prefix/suffix text.
 * This turns those reports into whole scan texts. Pure: the driver calls
 * expire() from its inter-character timer, so a scan without its terminator
 * ends as `partialScan` instead of hanging.
 *
 * Bounded: at most `maxLength` + prefix + suffix characters are kept; more
 * marks the scan `tooLong` and the rest is dropped until the terminator.
 */
import { decodeBootKeyboardReport, diffKeys, NO_KEYS, type KeyboardState } from '../hid/boot-keyboard-report.ts';
import { KEY, usageToChar } from '../hid/keyboard-usages.ts';
import type { ScanRejectReason } from './scan-validation.ts';

export const WEDGE_TERMINATORS = { enter: [KEY.ENTER, KEY.KP_ENTER], tab: [KEY.TAB] } as const;
export type WedgeTerminator = keyof typeof WEDGE_TERMINATORS;

export interface WedgeConfig {
  readonly terminator: WedgeTerminator;
  /** Text the scanner is configured to send before / after the code; stripped, and required. */
  readonly prefix: string;
  readonly suffix: string;
  readonly maxLength: number;
}

export type WedgeResult = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'rejected'; readonly reason: ScanRejectReason };

export class WedgeAssembler {
  readonly #config: WedgeConfig;
  readonly #capacity: number;
  #keys: KeyboardState = NO_KEYS;
  #text = '';
  #started = false;
  #nonPrintable = false;
  #overflow = false;

  constructor(config: WedgeConfig) {
    this.#config = config;
    this.#capacity = config.maxLength + config.prefix.length + config.suffix.length;
  }

  /** A scan is under way (characters seen, no terminator yet). */
  get active(): boolean {
    return this.#started;
  }

  /** Characters held; never more than maxLength + prefix + suffix. */
  get buffered(): number {
    return this.#text.length;
  }

  push(data: Uint8Array): WedgeResult[] {
    const decoded = decodeBootKeyboardReport(data);
    if (!decoded.ok) {
      // A broken report inside a scan spoils the scan; it cannot be typed text.
      this.#started = true;
      this.#nonPrintable = true;
      return [];
    }
    if (decoded.value.kind === 'rollOver') return [];
    const state = decoded.value.state;
    const { pressed } = diffKeys(this.#keys, state);
    this.#keys = state;
    const results: WedgeResult[] = [];
    for (const usage of pressed) {
      if ((WEDGE_TERMINATORS[this.#config.terminator] as readonly number[]).includes(usage)) {
        results.push(this.#finish());
        continue;
      }
      this.#started = true;
      const char = usageToChar(usage, state.modifiers);
      if (char === null) this.#nonPrintable = true;
      else if (this.#text.length < this.#capacity) this.#text += char;
      else this.#overflow = true;
    }
    return results;
  }

  /** The inter-character timeout passed: an unfinished scan is partial. */
  expire(): WedgeResult | null {
    if (!this.#started) {
      this.#keys = NO_KEYS;
      return null;
    }
    this.#reset();
    return { kind: 'rejected', reason: 'partialScan' };
  }

  #finish(): WedgeResult {
    const { prefix, suffix } = this.#config;
    const text = this.#text;
    const result: WedgeResult = this.#nonPrintable
      ? { kind: 'rejected', reason: 'nonPrintable' }
      : this.#overflow
        ? { kind: 'rejected', reason: 'tooLong' }
        : !this.#started || !text.startsWith(prefix) || !text.endsWith(suffix) || text.length < prefix.length + suffix.length
          ? { kind: 'rejected', reason: 'wrongFormat' }
          : { kind: 'text', text: text.slice(prefix.length, text.length - suffix.length) };
    this.#reset();
    return result;
  }

  #reset(): void {
    this.#text = '';
    this.#started = false;
    this.#nonPrintable = false;
    this.#overflow = false;
    // Key state is kept: the terminator's release report is still to come.
  }
}
