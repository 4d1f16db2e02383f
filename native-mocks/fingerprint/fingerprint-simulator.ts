/**
 * A simulated USB fingerprint reader speaking our KFP protocol over HID
 * reports (electron/devices/fingerprint codecs, the same bytes a real module
 * would carry). A person or a test says which finger "is placed":
 *
 *   matching        compares as a match with any usable reference
 *   non-matching    a good image of someone else's finger
 *   poor-quality    smudged or dry: the capture is refused
 *   lifted-too-soon lifted before the image is taken (once; then no finger)
 *   (none)          nobody touches the sensor: the capture times out
 *
 * `liftFinger` during a capture also ends it with "finger removed".
 * Faults: the common ones (see hid/simulated-hid-device.ts), bad-crc (replies
 * with a broken checksum) and sensor-fault. Templates are never kept or shown.
 */
import { z } from 'zod';
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import type { HidDeviceEnd } from '../../electron/devices/hid/hid-device-end.ts';
import type { HidReport } from '../../electron/devices/hid/hid-report.ts';
import { SimulatedHidDevice } from '../../electron/devices/hid/simulated-hid-device.ts';
import { decodeStreamReport, encodeStreamReports, type StreamReportFormat } from '../../electron/devices/hid/stream-reports.ts';
import { encodeFrame, FingerprintFrameDecoder, PID } from '../../electron/devices/fingerprint/fingerprint-frame.ts';
import {
  decodeCommand,
  encodeEvent,
  encodeInfo,
  encodeReply,
  OPCODE,
  SELF_TEST_BITS,
  type FingerprintCommand,
  type FingerprintDeviceEvent,
  type ReplyStatus,
} from '../../electron/devices/fingerprint/fingerprint-messages.ts';
import { COMMON_FAULTS, defineAction, type SimulatorControl } from '../control/simulator-control.ts';

export const FINGERS = ['matching', 'non-matching', 'poor-quality', 'lifted-too-soon'] as const;
export type Finger = (typeof FINGERS)[number];

export const FINGERPRINT_FAULTS = [...COMMON_FAULTS, 'sensor-fault'] as const;

export interface FingerprintSimulatorOptions {
  clock: DeviceClock;
  usbId?: string;
  reportSize?: number;
  outReportId?: number;
  inReportId?: number;
  /** Think times in ms; tests shorten them. */
  timing?: Partial<typeof DEFAULT_TIMING>;
}

const DEFAULT_TIMING = { reply: 20, capture: 600, match: 150, selfTest: 200 };
const GOOD_QUALITY = 82;
const POOR_QUALITY = 23;
const MATCH_SCORE = 87;
const NO_MATCH_SCORE = 12;
/** Shorter than any real minutiae template: the reader refuses it. */
const MIN_TEMPLATE = 8;

interface RunningCapture {
  readonly seq: number;
  readonly minQuality: number;
  phase: 'waiting' | 'imaging';
  cancelTimeout: () => void;
}

export class FingerprintSimulator implements SimulatorControl {
  readonly id = 'fingerprint';
  readonly label = 'Fingerprint reader';
  readonly faults: readonly string[] = FINGERPRINT_FAULTS;
  readonly actions;
  readonly device: SimulatedHidDevice;
  readonly #timing: typeof DEFAULT_TIMING;
  readonly #in: StreamReportFormat;
  readonly #out: StreamReportFormat;
  readonly #decoder = new FingerprintFrameDecoder();
  #finger: Finger | null = null;
  #captured: 'match' | 'other' | null = null;
  #capture: RunningCapture | null = null;
  #stats = { captures: 0, matches: 0, commands: 0, badFrames: 0 };

  constructor(options: FingerprintSimulatorOptions) {
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    const reportSize = options.reportSize ?? 64;
    this.#in = { reportId: options.outReportId ?? 0x01, reportSize };
    this.#out = { reportId: options.inReportId ?? 0x02, reportSize };
    this.device = new SimulatedHidDevice({
      clock: options.clock,
      usbId: options.usbId ?? '2fe3:0501',
      onHostReport: (_kind, report) => this.#onHostReport(report),
      onPowerLoss: () => this.#powerLoss(),
      onDetached: () => {
        // A new link starts clean: no half-received frame, no capture for a host that left.
        this.#decoder.reset();
        this.#capture = null;
      },
    });
    this.actions = {
      placeFinger: defineAction({
        description: 'Put a finger on the sensor: matching, non-matching, poor-quality or lifted-too-soon',
        args: z.object({ finger: z.enum(FINGERS) }).strict(),
        run: ({ finger }) => this.placeFinger(finger),
      }),
      liftFinger: defineAction({
        description: 'Take the finger off the sensor',
        args: z.object({}).strict(),
        run: () => this.liftFinger(),
      }),
    };
  }

  // -- SimulatorControl ------------------------------------------------------

  state(): Record<string, unknown> {
    return {
      present: this.device.isPresent(),
      connected: this.device.connected,
      fault: this.device.fault,
      finger: this.#finger ?? 'none',
      capturing: this.#capture !== null,
      imageHeld: this.#captured !== null,
      ...this.#stats,
    };
  }

  setFault(fault: string | null, options?: Record<string, unknown>): void {
    if (fault !== null && !this.faults.includes(fault)) throw new Error(`unknown fault ${fault}`);
    this.device.setFault(fault, options);
  }

  onChange(listener: () => void): () => void {
    return this.device.onChange(listener);
  }

  /** For the connector: the simulator is the HID device. */
  isPresent(): boolean {
    return this.device.isPresent();
  }
  get usbId(): string {
    return this.device.usbId;
  }
  attach(end: HidDeviceEnd): void {
    this.device.attach(end);
  }

  // -- actions ---------------------------------------------------------------

  placeFinger(finger: Finger): { finger: Finger } {
    this.#finger = finger;
    if (this.#capture?.phase === 'waiting') this.#startImaging(this.#capture);
    this.device.changed();
    return { finger };
  }

  liftFinger(): { finger: 'none' } {
    this.#finger = null;
    const capture = this.#capture;
    if (capture?.phase === 'imaging') this.#endCapture(capture, 'fingerRemoved', []);
    this.device.changed();
    return { finger: 'none' };
  }

  // -- protocol --------------------------------------------------------------

  #onHostReport(report: HidReport): void {
    const bytes = decodeStreamReport(report, this.#in);
    if (!bytes.ok) {
      this.#stats.badFrames++;
      return;
    }
    for (const event of this.#decoder.push(bytes.value)) {
      if (event.kind === 'error' || event.frame.pid !== PID.command) {
        this.#stats.badFrames++;
        continue;
      }
      const { seq, payload } = event.frame;
      const command = decodeCommand(payload);
      this.#stats.commands++;
      if (!command.ok) this.#reply(seq, payload[0] ?? 0, 'badCommand', []);
      else this.#execute(seq, command.value);
    }
    this.device.changed();
  }

  #execute(seq: number, command: FingerprintCommand): void {
    const opcode = OPCODE[command.op];
    if (command.op === 'cancel') {
      if (this.#capture) this.#endCapture(this.#capture, 'canceled', []);
      this.#reply(seq, opcode, 'ok', []);
      return;
    }
    if (this.#capture) {
      this.#reply(seq, opcode, 'busy', []);
      return;
    }
    const sensorFault = this.device.fault === 'sensor-fault';
    switch (command.op) {
      case 'getInfo':
        this.device.later(this.#timing.reply, () =>
          this.#reply(seq, opcode, 'ok', encodeInfo({ firmware: '2.4', dpi: 500, model: 'KFP-500 (simulated)' })),
        );
        return;
      case 'selfTest':
        this.device.later(this.#timing.selfTest, () =>
          sensorFault
            ? this.#reply(seq, opcode, 'sensorFault', [SELF_TEST_BITS.led | SELF_TEST_BITS.memory])
            : this.#reply(seq, opcode, 'ok', [SELF_TEST_BITS.sensor | SELF_TEST_BITS.led | SELF_TEST_BITS.memory]),
        );
        return;
      case 'capture': {
        if (sensorFault) {
          this.device.later(this.#timing.reply, () => this.#reply(seq, opcode, 'sensorFault', []));
          return;
        }
        this.#captured = null;
        const capture: RunningCapture = { seq, minQuality: command.minQuality, phase: 'waiting', cancelTimeout: () => {} };
        this.#capture = capture;
        capture.cancelTimeout = this.device.later(command.timeoutSeconds * 1000, () => this.#endCapture(capture, 'noFinger', []), false);
        if (this.#finger === null) this.#event(seq, 'placeFinger');
        else this.#startImaging(capture);
        return;
      }
      case 'match': {
        const captured = this.#captured;
        this.device.later(this.#timing.match, () => {
          if (captured === null) return this.#reply(seq, opcode, 'noCapture', []);
          if (command.template.length < MIN_TEMPLATE) return this.#reply(seq, opcode, 'badTemplate', []);
          // The image is used once: a second match needs a second capture.
          this.#captured = null;
          if (captured === 'match') this.#stats.matches++;
          this.#reply(seq, opcode, captured === 'match' ? 'ok' : 'noMatch', [captured === 'match' ? MATCH_SCORE : NO_MATCH_SCORE]);
        });
        return;
      }
    }
  }

  #startImaging(capture: RunningCapture): void {
    capture.phase = 'imaging';
    this.#event(capture.seq, 'fingerDetected');
    this.device.later(this.#timing.capture, () => {
      if (this.#capture !== capture) return;
      const finger = this.#finger;
      if (finger === null) return this.#endCapture(capture, 'fingerRemoved', []);
      if (finger === 'lifted-too-soon') {
        this.#finger = null;
        return this.#endCapture(capture, 'fingerRemoved', []);
      }
      const quality = finger === 'poor-quality' ? POOR_QUALITY : GOOD_QUALITY;
      if (quality < capture.minQuality) return this.#endCapture(capture, 'poorQuality', [quality]);
      this.#captured = finger === 'matching' ? 'match' : 'other';
      this.#stats.captures++;
      // "Lift your finger" comes before the result, while the host still waits on this seq.
      this.#event(capture.seq, 'liftFinger');
      this.#endCapture(capture, 'ok', [quality]);
    });
  }

  #endCapture(capture: RunningCapture, status: ReplyStatus, data: number[]): void {
    if (this.#capture !== capture) return;
    capture.cancelTimeout();
    this.#capture = null;
    this.#reply(capture.seq, OPCODE.capture, status, data);
    this.device.changed();
  }

  #reply(seq: number, opcode: number, status: ReplyStatus, data: readonly number[] | Uint8Array): void {
    this.#sendFrame(seq, PID.reply, encodeReply({ opcode, status, data: Uint8Array.from(data) }));
  }

  #event(seq: number, event: FingerprintDeviceEvent): void {
    this.#sendFrame(seq, PID.event, encodeEvent(event));
  }

  #sendFrame(seq: number, pid: number, payload: Uint8Array): void {
    let bytes = encodeFrame({ pid: pid as typeof PID.reply, seq, payload });
    if (this.device.fault === 'garbage') bytes = this.device.noise(bytes.length + 7);
    if (this.device.fault === 'bad-crc') bytes[bytes.length - 1] = (bytes[bytes.length - 1]! ^ 0x5a) & 0xff;
    for (const report of encodeStreamReports(bytes, this.#out)) this.device.send(report);
  }

  #powerLoss(): void {
    this.#capture = null;
    this.#captured = null;
    this.#decoder.reset();
  }
}
