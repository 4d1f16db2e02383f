/**
 * The fingerprint reader's message layer over a HID transport: opens the
 * device (and reopens it after an unplug), turns input reports into frames,
 * and runs one command/reply exchange at a time, matched by sequence number.
 *
 * A reply or event whose seq is not the running command's is stale (the
 * answer to a command that was cancelled or timed out) and is dropped — the
 * "reply to a cancelled request" case of the bad-input list.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { HidReport } from '../hid/hid-report.ts';
import type { HidConnector, HidTransport } from '../hid/hid-transport.ts';
import { HidConnection } from '../hid/hid-connection.ts';
import { ListenerSet } from '../hid/listener-set.ts';
import { decodeStreamReport, encodeStreamReports, type StreamReportFormat } from '../hid/stream-reports.ts';
import { nextSeq } from '../hid/vendor-command-report.ts';
import { isAborted, waitFor } from '../hid/wait-for.ts';
import { encodeFrame, FingerprintFrameDecoder, PID, type FingerprintFrame } from './fingerprint-frame.ts';
import type { FingerprintCommand, FingerprintDeviceEvent, FingerprintReply } from './fingerprint-messages.ts';
import { decodeEvent, decodeReply, encodeCommand, OPCODE } from './fingerprint-messages.ts';

export interface FingerprintReportFormat {
  /** Output report carrying host → device stream bytes. */
  readonly outReportId: number;
  /** Input report carrying device → host stream bytes. */
  readonly inReportId: number;
  /** Report data size, count byte included (64 for a full-speed interrupt endpoint). */
  readonly reportSize: number;
}

export const DEFAULT_FINGERPRINT_REPORTS: FingerprintReportFormat = { outReportId: 0x01, inReportId: 0x02, reportSize: 64 };

/** Garbage tolerated during one exchange before giving up on the device. */
const MAX_PROTOCOL_ERRORS = 3;

export type ExchangeResult =
  | { readonly kind: 'reply'; readonly reply: FingerprintReply }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'noDevice'; readonly reason: string }
  | { readonly kind: 'closed'; readonly reason: string }
  | { readonly kind: 'protocolError'; readonly error: string };

type LinkEvent = { kind: 'frame'; frame: FingerprintFrame } | { kind: 'error'; error: string } | { kind: 'closed'; reason: string };

export interface FingerprintLinkOptions {
  connect: HidConnector;
  clock: DeviceClock;
  reconnectIntervalMs: number;
  reports?: FingerprintReportFormat;
  onConnected(transport: HidTransport): void;
  onDisconnected(reason: string): void;
  /** A well-formed frame arrived (the device is alive and speaking our protocol). */
  onFrame(): void;
  onProtocolError(error: string): void;
  onStaleFrame(): void;
}

export class FingerprintLink {
  readonly #options: FingerprintLinkOptions;
  readonly #reports: FingerprintReportFormat;
  readonly #in: StreamReportFormat;
  readonly #out: StreamReportFormat;
  readonly #decoder = new FingerprintFrameDecoder();
  readonly #events = new ListenerSet<LinkEvent>();
  readonly #connection: HidConnection;
  #seq = 0;
  /** Seq of the running exchange; frames with any other seq are stale. */
  #activeSeq: number | null = null;
  #lastHeardAt = Number.NEGATIVE_INFINITY;

  constructor(options: FingerprintLinkOptions) {
    this.#options = options;
    this.#reports = options.reports ?? DEFAULT_FINGERPRINT_REPORTS;
    this.#in = { reportId: this.#reports.inReportId, reportSize: this.#reports.reportSize };
    this.#out = { reportId: this.#reports.outReportId, reportSize: this.#reports.reportSize };
    this.#connection = new HidConnection({
      connect: options.connect,
      clock: options.clock,
      reconnectIntervalMs: options.reconnectIntervalMs,
      onInputReport: (report) => this.#onReport(report),
      onConnected: (transport) => {
        this.#decoder.reset();
        options.onConnected(transport);
      },
      onDisconnected: (reason) => {
        this.#decoder.reset();
        this.#events.emit({ kind: 'closed', reason });
        options.onDisconnected(reason);
      },
    });
  }

  /** Clock time of the last input report of any kind (garbage included). */
  get lastHeardAt(): number {
    return this.#lastHeardAt;
  }

  get lastError(): string | null {
    return this.#connection.lastError;
  }

  /** Listeners held for running exchanges (0 when idle: the leak tests check it). */
  get waiting(): number {
    return this.#events.size;
  }

  ensureOpen(): Promise<HidTransport | null> {
    return this.#connection.ensureOpen();
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  /**
   * Send one command and wait for its reply. Events for this command go to
   * `onEvent` until the reply. Ends early on abort, unplug, or repeated garbage.
   */
  async exchange(command: FingerprintCommand, signal: AbortSignal, onEvent: (event: FingerprintDeviceEvent) => void): Promise<ExchangeResult> {
    const transport = await this.#connection.ensureOpen();
    if (!transport) return { kind: 'noDevice', reason: this.#connection.lastError ?? 'device not available' };
    const seq = (this.#seq = nextSeq(this.#seq));
    const opcode = OPCODE[command.op];
    let protocolErrors = 0;
    const protocolError = (error: string): ExchangeResult | undefined => {
      protocolErrors++;
      return protocolErrors >= MAX_PROTOCOL_ERRORS ? { kind: 'protocolError', error } : undefined;
    };
    const waiting = waitFor<LinkEvent, ExchangeResult>(
      (listener) => this.#events.add(listener),
      (event) => {
        if (event.kind === 'closed') return { kind: 'closed', reason: event.reason };
        if (event.kind === 'error') return protocolError(event.error);
        const { frame } = event;
        if (frame.pid === PID.event) {
          const decoded = decodeEvent(frame.payload);
          if (!decoded.ok) return protocolError(decoded.error);
          onEvent(decoded.value);
          return undefined;
        }
        if (frame.pid !== PID.reply) return protocolError('device sent a command frame');
        const reply = decodeReply(frame.payload);
        if (!reply.ok) return protocolError(reply.error);
        if (reply.value.opcode !== opcode) return protocolError(`reply for opcode ${reply.value.opcode}, expected ${opcode}`);
        return { kind: 'reply', reply: reply.value };
      },
      signal,
    );
    this.#activeSeq = seq;
    try {
      await this.#send(transport, { pid: PID.command, seq, payload: encodeCommand(command) });
    } catch (error) {
      waiting.cancel();
      return { kind: 'closed', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      void waiting.result.then(() => {
        if (this.#activeSeq === seq) this.#activeSeq = null;
      });
    }
    const result = await waiting.result;
    return isAborted(result) ? { kind: 'aborted' } : result;
  }

  /** Tell the reader to stop (LED off, capture ended); its replies arrive stale and are dropped. */
  sendCancel(): void {
    const transport = this.#connection.transport;
    if (!transport) return;
    const seq = (this.#seq = nextSeq(this.#seq));
    this.#send(transport, { pid: PID.command, seq, payload: encodeCommand({ op: 'cancel' }) }).catch(() => {
      // The link is gone; the close handler has already reported it.
    });
  }

  async #send(transport: HidTransport, frame: FingerprintFrame): Promise<void> {
    for (const report of encodeStreamReports(encodeFrame(frame), this.#out)) await transport.sendOutputReport(report);
  }

  #onReport(report: HidReport): void {
    this.#lastHeardAt = this.#options.clock.now();
    const bytes = decodeStreamReport(report, this.#in);
    if (!bytes.ok) {
      this.#options.onProtocolError(bytes.error);
      this.#events.emit({ kind: 'error', error: bytes.error });
      return;
    }
    for (const event of this.#decoder.push(bytes.value)) {
      if (event.kind === 'error') this.#options.onProtocolError(event.error);
      else {
        this.#options.onFrame();
        if (event.frame.seq !== this.#activeSeq) {
          // The answer to a command that was cancelled or timed out: drop it.
          this.#options.onStaleFrame();
          continue;
        }
      }
      this.#events.emit(event);
    }
  }
}
