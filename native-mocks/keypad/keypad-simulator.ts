/**
 * A simulated audio-navigation keypad: 12 keys, function keys and a
 * headphone jack, on USB HID — boot keyboard reports (report ID 1) from the
 * default code table, jack status reports (ID 3) and our vendor command
 * channel (4 out / 5 in) for info, beep, status and self-test.
 *
 * Actions: press {key, holdMs}, keyDown {key}, keyUp {key}, plugHeadphones {plugged}.
 * Faults: the common ones except bad-crc, plus stuck-key (options.key, default
 * "enter": pressed and never released). garbage sends random keyboard reports
 * and wrong-size replies.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { encodeBootKeyboardReport } from '../../electron/devices/hid/boot-keyboard-report.ts';
import type { HidDeviceEnd } from '../../electron/devices/hid/hid-device-end.ts';
import type { HidReport } from '../../electron/devices/hid/hid-report.ts';
import { KEY } from '../../electron/devices/hid/keyboard-usages.ts';
import { SimulatedHidDevice } from '../../electron/devices/hid/simulated-hid-device.ts';
import { VENDOR_COMMAND } from '../../electron/devices/hid/vendor-channel.ts';
import { decodeVendorCommand, encodeVendorReply } from '../../electron/devices/hid/vendor-command-report.ts';
import { DEFAULT_CODE_TABLE, KEYPAD_KEYS, type KeypadKey } from '../../electron/devices/keypad/keypad-keys.ts';
import { encodeJackReport } from '../../electron/devices/keypad/keypad-reports.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';

export const KEYPAD_FAULTS = [...COMMON_FAULTS.filter((f) => f !== 'bad-crc'), 'stuck-key'] as const;

const REPORT = { keyboard: 0x01, jack: 0x03, vendorCommand: 0x04, vendorReply: 0x05 } as const;
const KEY_SLOTS = 6;

export interface KeypadSimulatorOptions {
  clock: DeviceClock;
  usbId?: string;
}

export class KeypadSimulator implements SimulatorControl {
  readonly id = 'keypad';
  readonly label = 'Tactile keypad';
  readonly faults: readonly string[] = KEYPAD_FAULTS;
  readonly actions;
  readonly device: SimulatedHidDevice;
  #down: KeypadKey[] = [];
  #headphones = false;
  #stats = { presses: 0, beeps: 0 };

  constructor(options: KeypadSimulatorOptions) {
    this.device = new SimulatedHidDevice({
      clock: options.clock,
      usbId: options.usbId ?? '2047:0a14',
      onHostReport: (_kind, report) => this.#onHostReport(report),
      onPowerLoss: () => {
        this.#down = [];
      },
    });
    const key = z.enum(KEYPAD_KEYS);
    this.actions = {
      press: defineAction({
        description: 'Press and release a key: {key, holdMs?}',
        args: z.object({ key, holdMs: z.number().int().min(0).max(60_000).default(80) }).strict(),
        run: ({ key, holdMs }) => this.press(key, holdMs),
      }),
      keyDown: defineAction({ description: 'Hold a key down: {key}', args: z.object({ key }).strict(), run: ({ key }) => this.keyDown(key) }),
      keyUp: defineAction({ description: 'Release a key: {key}', args: z.object({ key }).strict(), run: ({ key }) => this.keyUp(key) }),
      plugHeadphones: defineAction({
        description: 'Plug or unplug headphones: {plugged}',
        args: z.object({ plugged: z.boolean() }).strict(),
        run: ({ plugged }) => this.plugHeadphones(plugged),
      }),
    };
  }

  state(): Record<string, unknown> {
    return {
      present: this.device.isPresent(),
      connected: this.device.connected,
      fault: this.device.fault,
      keysDown: [...this.#down],
      headphones: this.#headphones,
      ...this.#stats,
    };
  }

  setFault(fault: string | null, options: Record<string, unknown> = {}): void {
    if (fault !== null && !this.faults.includes(fault)) throw new Error(`unknown fault ${fault}`);
    const wasStuck = this.device.fault === 'stuck-key' ? this.#stuckKey() : null;
    this.device.setFault(fault, options);
    if (wasStuck && fault !== 'stuck-key') this.keyUp(wasStuck);
    if (fault === 'stuck-key') this.keyDown(this.#stuckKey());
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
    // After enumeration the keypad reports its jack, so the host knows without asking.
    if (this.device.connected) this.#send({ reportId: REPORT.jack, data: encodeJackReport(this.#headphones) });
  }

  press(key: KeypadKey, holdMs = 80): { key: KeypadKey } {
    this.#stats.presses++;
    this.keyDown(key);
    this.device.later(holdMs, () => this.keyUp(key));
    return { key };
  }

  keyDown(key: KeypadKey): { keysDown: KeypadKey[] } {
    if (!this.#down.includes(key)) this.#down.push(key);
    this.#sendKeys();
    return { keysDown: [...this.#down] };
  }

  keyUp(key: KeypadKey): { keysDown: KeypadKey[] } {
    // A stuck key stays down whatever the person does.
    if (this.device.fault === 'stuck-key' && key === this.#stuckKey()) return { keysDown: [...this.#down] };
    this.#down = this.#down.filter((k) => k !== key);
    this.#sendKeys();
    return { keysDown: [...this.#down] };
  }

  plugHeadphones(plugged: boolean): { headphones: boolean } {
    this.#headphones = plugged;
    this.#send({ reportId: REPORT.jack, data: encodeJackReport(plugged) });
    this.device.changed();
    return { headphones: plugged };
  }

  #stuckKey(): KeypadKey {
    const wanted = this.device.faultOptions.key;
    return typeof wanted === 'string' && (KEYPAD_KEYS as readonly string[]).includes(wanted) ? (wanted as KeypadKey) : 'enter';
  }

  #sendKeys(): void {
    const usages = this.#down.map((k) => DEFAULT_CODE_TABLE[k]);
    const data =
      usages.length > KEY_SLOTS
        ? Uint8Array.of(0, 0, ...new Array<number>(KEY_SLOTS).fill(KEY.ERROR_ROLL_OVER))
        : encodeBootKeyboardReport({ modifiers: 0, keys: usages });
    this.#send({ reportId: REPORT.keyboard, data: this.device.fault === 'garbage' ? this.device.noise(8) : data });
    this.device.changed();
  }

  #send(report: HidReport): void {
    this.device.send(report);
  }

  #onHostReport(report: HidReport): void {
    if (report.reportId !== REPORT.vendorCommand) return;
    const command = decodeVendorCommand(report.data);
    if (!command.ok) return;
    const { seq } = command.value;
    const reply = (status: number, data: number[] = []) =>
      this.device.later(5, () => {
        const bytes = this.device.fault === 'garbage' ? this.device.noise(3) : encodeVendorReply({ seq, command: command.value.command, status, data });
        this.#send({ reportId: REPORT.vendorReply, data: bytes });
      });
    switch (command.value.command) {
      case VENDOR_COMMAND.getInfo:
        return void reply(0, [1, 7]);
      case VENDOR_COMMAND.getStatus:
        return void reply(0, [this.#headphones ? 1 : 0]);
      case VENDOR_COMMAND.beep:
        this.#stats.beeps++;
        return void reply(0);
      case VENDOR_COMMAND.selfTest: {
        // A held key fails the key matrix check (bit 0), as real keypad self-tests do.
        const keysOk = this.#down.length === 0;
        return void reply(keysOk ? 0 : 1, [(keysOk ? 1 : 0) | 0b110]);
      }
      default:
        return void reply(0xff);
    }
  }
}
