/**
 * Fingerprint reader driver: the device contract over our fingerprint
 * protocol. One command at a time; each is a runCommand with a requestId, a
 * timeout, cancel, intermediate events ("place finger", "lift finger") and
 * exactly one completion.
 *
 * Status rules (XFS4IoT Common.Status.device):
 *  - noDevice while the device cannot be opened or was unplugged;
 *  - offline after a command that heard nothing at all from the device;
 *  - hardwareError after repeated garbage or a sensor fault;
 *  - online again as soon as a well-formed frame arrives.
 * The reference template is never logged and never kept after the command.
 */
import type { DeviceClock } from '../contract/clock.ts';
import type { CommandOutcome, Completion } from '../contract/completion.ts';
import type { IntermediateEvent, UnsolicitedEvent } from '../contract/events.ts';
import { createRequestIdFactory, runCommand, type CommandContext } from '../contract/run-command.ts';
import type { DeviceCapabilities, DeviceCounters, DeviceStatus, SelfTestResult } from '../contract/status.ts';
import { DeviceCounterSet } from '../hid/device-counters.ts';
import { SILENT_LOG, type DeviceLog } from '../hid/device-log.ts';
import { DeviceStatusTracker } from '../hid/device-status-tracker.ts';
import type { HidConnector } from '../hid/hid-transport.ts';
import { ListenerSet } from '../hid/listener-set.ts';
import { FINGERPRINT_ERROR_CODES, mapReplyStatus, type FingerprintErrorCode } from './fingerprint-errors.ts';
import { FingerprintLink, type ExchangeResult, type FingerprintReportFormat } from './fingerprint-link.ts';
import type { FingerprintCommand, FingerprintDeviceEvent, FingerprintInfo, ReplyStatus } from './fingerprint-messages.ts';
import { decodeInfo, decodePercent, MAX_TEMPLATE, SELF_TEST_BITS } from './fingerprint-messages.ts';

export { FINGERPRINT_ERROR_CODES, type FingerprintErrorCode };

export interface MatchResult {
  readonly matched: boolean;
  /** Similarity 0–100 as the reader reports it. */
  readonly score: number;
  /** Image quality 0–100 of the capture that was compared. */
  readonly quality: number;
}

export type FingerprintEvent = { readonly type: FingerprintDeviceEvent } | { readonly type: 'captured'; readonly quality: number };

export interface CommandOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: IntermediateEvent<FingerprintEvent>) => void;
}

export interface FingerprintDriverOptions {
  connect: HidConnector;
  clock: DeviceClock;
  reports?: FingerprintReportFormat;
  /** How long the reader waits for a finger (its own timeout, reported as noFinger). */
  captureTimeoutSeconds?: number;
  /** Captures below this quality are refused by the reader. */
  minQuality?: number;
  /** Whole capture-and-match command; longer than the reader's capture timeout. */
  commandTimeoutMs?: number;
  /** Short commands (info, self-test). */
  shortCommandTimeoutMs?: number;
  /** Reopen the device this often while it is missing; 0 = only on the next command. */
  reconnectIntervalMs?: number;
  log?: DeviceLog;
}

const COUNTERS = [
  'commands',
  'captures',
  'matches',
  'noMatches',
  'poorQuality',
  'fingerRemoved',
  'noFinger',
  'timeouts',
  'cancels',
  'protocolErrors',
  'staleFrames',
  'disconnects',
] as const;

type Outcome<T> = CommandOutcome<T, FingerprintErrorCode>;
type FailedExchange = Exclude<ExchangeResult, { kind: 'reply' }>;

export class FingerprintDriver {
  readonly #options: FingerprintDriverOptions;
  readonly #clock: DeviceClock;
  readonly #log: DeviceLog;
  readonly #link: FingerprintLink;
  readonly #unsolicited = new ListenerSet<UnsolicitedEvent>();
  readonly #status: DeviceStatusTracker;
  readonly #counters: DeviceCounterSet<(typeof COUNTERS)[number]>;
  readonly #nextRequestId = createRequestIdFactory('fingerprint');
  #info: FingerprintInfo | null = null;
  #busy = false;

  constructor(options: FingerprintDriverOptions) {
    this.#options = options;
    this.#clock = options.clock;
    this.#log = options.log ?? SILENT_LOG;
    this.#counters = new DeviceCounterSet('fingerprint', COUNTERS, options.clock.now());
    this.#status = new DeviceStatusTracker({
      deviceClass: 'fingerprint',
      clock: options.clock,
      initial: { device: 'noDevice' },
      emit: (event) => this.#unsolicited.emit(event),
    });
    this.#link = new FingerprintLink({
      connect: options.connect,
      clock: options.clock,
      reconnectIntervalMs: options.reconnectIntervalMs ?? 5000,
      ...(options.reports ? { reports: options.reports } : {}),
      onConnected: (transport) => {
        this.#log.info({ device: transport.description }, 'fingerprint reader connected');
        this.#status.update({ device: 'online', detail: undefined });
      },
      onDisconnected: (reason) => {
        this.#counters.increment('disconnects');
        this.#log.warn({ reason }, 'fingerprint reader disconnected');
        this.#status.update({ device: 'noDevice', detail: [reason.slice(0, 120)] });
      },
      onFrame: () => {
        if (this.#status.current.device !== 'online') this.#status.update({ device: 'online', detail: undefined });
      },
      onProtocolError: (error) => {
        this.#counters.increment('protocolErrors');
        this.#log.warn({ error }, 'fingerprint reader sent garbage');
      },
      onStaleFrame: () => this.#counters.increment('staleFrames'),
    });
  }

  /** Open the device and read its identity; also what the technician's "reconnect" does. */
  open(options: CommandOptions = {}): Promise<Completion<FingerprintInfo, FingerprintErrorCode>> {
    return this.#run<FingerprintInfo>(options, this.#options.shortCommandTimeoutMs ?? 3000, async (ctx) => {
      const result = await this.#exchange({ op: 'getInfo' }, ctx);
      if (result.kind !== 'reply') return this.#failedExchange(result);
      if (result.reply.status !== 'ok' && result.reply.status !== 'noMatch') return mapReplyStatus(result.reply.status);
      const info = decodeInfo(result.reply.data);
      if (!info.ok) return this.#protocolFailure(info.error);
      this.#info = info.value;
      return { completionCode: 'success', payload: info.value };
    });
  }

  /**
   * Capture a finger and compare it with `reference` (the template from the
   * ID card chip). No match is a success with `matched: false`.
   */
  captureAndMatch(reference: Uint8Array, options: CommandOptions = {}): Promise<Completion<MatchResult, FingerprintErrorCode>> {
    return this.#run<MatchResult>(options, this.#options.commandTimeoutMs ?? 30_000, async (ctx) => {
      if (reference.length < 1 || reference.length > MAX_TEMPLATE) {
        return { completionCode: 'commandErrorCode', errorCode: 'invalidReference', description: `reference must be 1..${MAX_TEMPLATE} bytes` };
      }
      const capture = await this.#exchange(
        { op: 'capture', timeoutSeconds: this.#options.captureTimeoutSeconds ?? 20, minQuality: this.#options.minQuality ?? 40 },
        ctx,
      );
      if (capture.kind !== 'reply') return this.#failedExchange(capture);
      this.#counters.increment('captures');
      if (capture.reply.status !== 'ok') return this.#captureFailure(capture.reply.status);
      const quality = decodePercent(capture.reply.data);
      if (!quality.ok) return this.#protocolFailure(quality.error);
      ctx.emit({ type: 'captured', quality: quality.value });

      // A private copy: the caller may reuse its buffer; we drop ours with the command.
      const match = await this.#exchange({ op: 'match', template: reference.slice() }, ctx);
      if (match.kind !== 'reply') return this.#failedExchange(match);
      const { status, data } = match.reply;
      if (status !== 'ok' && status !== 'noMatch') return mapReplyStatus(status);
      const score = decodePercent(data);
      if (!score.ok) return this.#protocolFailure(score.error);
      this.#counters.increment(status === 'ok' ? 'matches' : 'noMatches');
      return { completionCode: 'success', payload: { matched: status === 'ok', score: score.value, quality: quality.value } };
    });
  }

  /** Technician self-test: the reader checks sensor, LED ring and memory. Never rejects. */
  async selfTest(options: CommandOptions = {}): Promise<SelfTestResult> {
    const completion = await this.#run<number>(options, this.#options.shortCommandTimeoutMs ?? 3000, async (ctx) => {
      const result = await this.#exchange({ op: 'selfTest' }, ctx);
      if (result.kind !== 'reply') return this.#failedExchange(result);
      const bits = result.reply.data[0] ?? 0;
      if (result.reply.status === 'ok') return { completionCode: 'success', payload: bits };
      if (result.reply.status === 'sensorFault') return { completionCode: 'hardwareError', errorCode: 'selfTestFailed', payload: bits, description: 'self-test failed' };
      return mapReplyStatus(result.reply.status === 'noMatch' ? 'badCommand' : result.reply.status);
    });
    const bits = completion.payload;
    const linkOk = bits !== undefined;
    const check = (name: keyof typeof SELF_TEST_BITS) => ({ name, passed: linkOk && (bits & SELF_TEST_BITS[name]) !== 0 });
    const checks = [
      { name: 'link', passed: linkOk, ...(linkOk ? {} : { detail: `${completion.completionCode}: ${completion.description ?? ''}`.slice(0, 200) }) },
      check('sensor'),
      check('led'),
      check('memory'),
    ];
    return { deviceClass: 'fingerprint', at: Math.floor(this.#clock.now()), passed: checks.every((c) => c.passed), checks };
  }

  status(): DeviceStatus {
    return this.#status.current;
  }

  capabilities(): DeviceCapabilities {
    return {
      deviceClass: 'fingerprint',
      model: this.#info?.model || 'unknown fingerprint reader',
      ...(this.#info ? { firmwareVersion: this.#info.firmware } : {}),
    };
  }

  counters(): DeviceCounters {
    return this.#counters.snapshot();
  }

  onUnsolicited(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#unsolicited.add(listener);
  }

  /** Listeners and exchanges still held (leak tests). */
  get pendingWaits(): number {
    return this.#link.waiting;
  }

  async close(): Promise<void> {
    await this.#link.close();
    this.#status.update({ device: 'noDevice', detail: ['closed'] });
    this.#unsolicited.clear();
  }

  #run<T>(options: CommandOptions, defaultTimeoutMs: number, body: (ctx: CommandContext<FingerprintEvent>) => Promise<Outcome<T>>): Promise<Completion<T, FingerprintErrorCode>> {
    const requestId = this.#nextRequestId();
    this.#counters.increment('commands');
    const completion = runCommand<T, FingerprintErrorCode, FingerprintEvent>({
      requestId,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      clock: this.#clock,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      execute: async (ctx) => {
        if (this.#busy) return { completionCode: 'sequenceError', errorCode: 'deviceBusy', description: 'another fingerprint command is running' };
        this.#busy = true;
        const startedAt = this.#clock.now();
        try {
          return await body(ctx);
        } finally {
          this.#busy = false;
          if (ctx.signal.aborted) this.#afterAbort(ctx.signal.reason, startedAt);
        }
      },
    });
    void completion.then((c) => this.#log.info({ requestId, completionCode: c.completionCode, errorCode: c.errorCode }, 'fingerprint command completed'));
    return completion;
  }

  async #exchange(command: FingerprintCommand, ctx: CommandContext<FingerprintEvent>): Promise<ExchangeResult> {
    return this.#link.exchange(command, ctx.signal, (event) => ctx.emit({ type: event }));
  }

  #afterAbort(reason: unknown, startedAt: number): void {
    this.#counters.increment(reason === 'timeOut' ? 'timeouts' : 'cancels');
    // Stop the reader: otherwise its LED stays on and a late finger is captured for nobody.
    this.#link.sendCancel();
    if (reason === 'timeOut' && this.#link.lastHeardAt < startedAt && this.#status.current.device === 'online') {
      this.#status.update({ device: 'offline', detail: ['no answer from the reader'] });
    }
  }

  #captureFailure(status: Exclude<ReplyStatus, 'ok'>): Outcome<never> {
    if (status === 'poorQuality') this.#counters.increment('poorQuality');
    if (status === 'fingerRemoved') this.#counters.increment('fingerRemoved');
    if (status === 'noFinger') this.#counters.increment('noFinger');
    if (status === 'sensorFault') this.#status.update({ device: 'hardwareError', detail: ['sensor fault'] });
    return mapReplyStatus(status === 'noMatch' ? 'badCommand' : status);
  }

  #failedExchange(result: FailedExchange): Outcome<never> {
    switch (result.kind) {
      case 'noDevice':
        return { completionCode: 'deviceNotReady', errorCode: 'noDevice', description: result.reason };
      case 'closed':
        return { completionCode: 'hardwareError', errorCode: 'linkDown', description: result.reason };
      case 'protocolError':
        return this.#protocolFailure(result.error);
      case 'aborted':
        // runCommand has already completed with timeOut or canceled; this outcome is ignored.
        return { completionCode: 'canceled', description: 'aborted' };
    }
  }

  #protocolFailure(error: string): Outcome<never> {
    this.#status.update({ device: 'hardwareError', detail: ['reader sends malformed data'] });
    return { completionCode: 'hardwareError', errorCode: 'protocolError', description: error };
  }
}

/** The flow runtime's words for a completion (electron/core/flow/flow-ports.ts FingerprintMatch). */
export function matchOutcomeKind(completion: Completion<MatchResult, FingerprintErrorCode>): 'match' | 'no-match' | 'poor-quality' | 'removed' | 'timeout' | 'device-fault' {
  if (completion.completionCode === 'success') return completion.payload?.matched ? 'match' : 'no-match';
  if (completion.errorCode === 'poorQuality') return 'poor-quality';
  if (completion.errorCode === 'fingerRemoved') return 'removed';
  if (completion.completionCode === 'timeOut') return 'timeout';
  return 'device-fault';
}
