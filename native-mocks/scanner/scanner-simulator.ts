/**
 * A simulated composite USB barcode/QR scanner: a keyboard-wedge interface
 * (boot keyboard reports, report ID 1), a HID-POS interface (scanned-data
 * reports, report ID 2) and our vendor command channel (4 out / 5 in).
 * `scan {text, mode}` sends a code the way a real scanner would:
 *
 *  - wedge: press/release reports per character at the scanner's keystroke
 *    pace, then the terminator; characters no US key types (Arabic, controls)
 *    go out as Alt+keypad codes, as real wedge scanners do, which the driver
 *    refuses as non-printable;
 *  - hid-pos: the UTF-8 bytes in 56-byte chunks with the continuation flag.
 *
 * Faults: the common ones except bad-crc (keyboard reports have no checksum),
 * plus partial-scan (the terminator / last report is lost). garbage sends
 * random reports instead of the code; slow stretches the keystroke pace.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { encodeBootKeyboardReport, NO_KEYS } from '../../electron/devices/hid/boot-keyboard-report.ts';
import type { HidDeviceEnd } from '../../electron/devices/hid/hid-device-end.ts';
import type { HidReport } from '../../electron/devices/hid/hid-report.ts';
import { charToUsage, KEY, MODIFIER } from '../../electron/devices/hid/keyboard-usages.ts';
import { SimulatedHidDevice } from '../../electron/devices/hid/simulated-hid-device.ts';
import { VENDOR_COMMAND } from '../../electron/devices/hid/vendor-channel.ts';
import { decodeVendorCommand, encodeVendorReply } from '../../electron/devices/hid/vendor-command-report.ts';
import { encodePosReports, POS_REPORT_SIZE } from '../../electron/devices/scanner/hid-pos-report.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';

export const SCANNER_FAULTS = [...COMMON_FAULTS.filter((f) => f !== 'bad-crc'), 'partial-scan'] as const;
export const SCAN_MODES = ['wedge', 'hid-pos'] as const;
export type ScanMode = (typeof SCAN_MODES)[number];

export interface ScannerSimulatorOptions {
  clock: DeviceClock;
  usbId?: string;
  /** As programmed into the scanner; the driver must be configured the same way. */
  terminator?: 'enter' | 'tab';
  prefix?: string;
  suffix?: string;
  /** Gap between keyboard reports beyond USB polling (real wedge scanners: a few ms). */
  keystrokeMs?: number;
}

const REPORT = { keyboard: 0x01, pos: 0x02, vendorCommand: 0x04, vendorReply: 0x05 } as const;
const SYMBOLOGY = { qr: ']Q1', code128: ']C0', dataMatrix: ']d2', ean13: ']E0' } as const;

export class ScannerSimulator implements SimulatorControl {
  readonly id = 'scanner';
  readonly label = 'Barcode / QR scanner';
  readonly faults: readonly string[] = SCANNER_FAULTS;
  readonly actions;
  readonly device: SimulatedHidDevice;
  readonly #options: Required<Omit<ScannerSimulatorOptions, 'usbId' | 'clock'>>;
  #enabled = true;
  #scans = 0;
  #lastScan: { text: string; mode: ScanMode } | null = null;
  #sending = false;

  constructor(options: ScannerSimulatorOptions) {
    this.#options = { terminator: options.terminator ?? 'enter', prefix: options.prefix ?? '', suffix: options.suffix ?? '', keystrokeMs: options.keystrokeMs ?? 4 };
    this.device = new SimulatedHidDevice({
      clock: options.clock,
      usbId: options.usbId ?? '0c2e:0b61',
      onHostReport: (_kind, report) => this.#onHostReport(report),
      onPowerLoss: () => {
        this.#enabled = true;
      },
      onDetached: () => {
        this.#sending = false;
      },
    });
    this.actions = {
      scan: defineAction({
        description: 'Scan a code: {text, mode: wedge | hid-pos, symbology?: qr | code128 | dataMatrix | ean13}',
        args: z
          .object({
            text: z.string().max(2000),
            mode: z.enum(SCAN_MODES).default('wedge'),
            symbology: z.enum(['qr', 'code128', 'dataMatrix', 'ean13']).default('qr'),
          })
          .strict(),
        run: ({ text, mode, symbology }) => this.scan(text, mode, symbology),
      }),
    };
  }

  state(): Record<string, unknown> {
    return {
      present: this.device.isPresent(),
      connected: this.device.connected,
      fault: this.device.fault,
      enabled: this.#enabled,
      scanning: this.#sending,
      scans: this.#scans,
      lastScan: this.#lastScan,
      terminator: this.#options.terminator,
    };
  }

  setFault(fault: string | null, options?: Record<string, unknown>): void {
    if (fault !== null && !this.faults.includes(fault)) throw new Error(`unknown fault ${fault}`);
    this.device.setFault(fault, options);
  }

  onChange(listener: () => void): () => void {
    return this.device.onChange(listener);
  }

  get usbId(): string {
    return this.device.usbId;
  }
  isPresent(): boolean {
    return this.device.isPresent();
  }
  attach(end: HidDeviceEnd): void {
    this.device.attach(end);
  }

  /** Returns whether the scanner read the code (a disabled or disconnected scanner does not). */
  scan(text: string, mode: ScanMode = 'wedge', symbology: keyof typeof SYMBOLOGY = 'qr'): { accepted: boolean; reports: number } {
    if (!this.#enabled || !this.device.connected || this.#sending) return { accepted: false, reports: 0 };
    this.#scans++;
    this.#lastScan = { text, mode };
    const reports = this.device.fault === 'garbage' ? this.#garbageReports(mode) : mode === 'wedge' ? this.#wedgeReports(text) : this.#posReports(text, SYMBOLOGY[symbology]);
    this.#sendPaced(reports);
    this.device.changed();
    return { accepted: true, reports: reports.length };
  }

  #wedgeReports(text: string): HidReport[] {
    const typed = this.#options.prefix + text + this.#options.suffix;
    const keys: Array<{ usage: number; modifiers: number }> = [];
    for (const char of typed) {
      const key = charToUsage(char);
      if (key) keys.push(key);
      // Alt + keypad digits: how wedge scanners type characters outside the layout.
      else for (const digit of String(char.codePointAt(0))) keys.push({ usage: digit === '0' ? KEY.KP_0 : KEY.KP_1 + Number(digit) - 1, modifiers: MODIFIER.LEFT_ALT });
    }
    if (this.device.fault !== 'partial-scan') keys.push({ usage: this.#options.terminator === 'enter' ? KEY.ENTER : KEY.TAB, modifiers: 0 });
    return keys.flatMap((key) => [
      { reportId: REPORT.keyboard, data: encodeBootKeyboardReport({ modifiers: key.modifiers, keys: [key.usage] }) },
      { reportId: REPORT.keyboard, data: encodeBootKeyboardReport(NO_KEYS) },
    ]);
  }

  #posReports(text: string, symbology: string): HidReport[] {
    const chunks = encodePosReports(new TextEncoder().encode(text), symbology);
    if (this.device.fault === 'partial-scan') {
      // The last report is lost: what arrived still says "more data follows".
      if (chunks.length > 1) chunks.pop();
      else chunks[0]![62] = 0x01;
    }
    return chunks.map((data) => ({ reportId: REPORT.pos, data }));
  }

  #garbageReports(mode: ScanMode): HidReport[] {
    const count = 6;
    return Array.from({ length: count }, () =>
      mode === 'wedge' ? { reportId: REPORT.keyboard, data: this.device.noise(8) } : { reportId: REPORT.pos, data: this.device.noise(POS_REPORT_SIZE) },
    );
  }

  #sendPaced(reports: HidReport[]): void {
    this.#sending = true;
    const next = (i: number) => {
      const report = reports[i];
      if (report === undefined || !this.device.connected) {
        this.#sending = false;
        this.device.changed();
        return;
      }
      this.device.send(report);
      this.device.later(this.#options.keystrokeMs, () => next(i + 1));
    };
    next(0);
  }

  #onHostReport(report: HidReport): void {
    if (report.reportId !== REPORT.vendorCommand) return;
    const command = decodeVendorCommand(report.data);
    if (!command.ok) return;
    const { seq } = command.value;
    const reply = (status: number, data: number[] = []) =>
      this.device.later(5, () => {
        // Garbage on this channel: a reply of the wrong size (what broken firmware sends).
        const bytes = this.device.fault === 'garbage' ? this.device.noise(3) : encodeVendorReply({ seq, command: command.value.command, status, data });
        this.device.send({ reportId: REPORT.vendorReply, data: bytes });
      });
    switch (command.value.command) {
      case VENDOR_COMMAND.getInfo:
        return void reply(0, [3, 1]);
      case VENDOR_COMMAND.selfTest:
        return void reply(0, [0b111]);
      case VENDOR_COMMAND.beep:
        return void reply(0);
      case VENDOR_COMMAND.setEnabled:
        this.#enabled = command.value.args[0] === 1;
        this.device.changed();
        return void reply(0);
      default:
        return void reply(0xff);
    }
  }
}
