/**
 * The motorised ID-card reader driver (Sankyo ICT3K5 family) on the device contract.
 *
 * Every public command is an XFS4IoT-style command through runCommand: a requestId,
 * a per-command timeout, cancel through an AbortSignal, intermediate events, exactly
 * one completion that never rejects. Commands run one at a time (CommandQueue); the
 * Sankyo link layer does ACK/NAK, retries and DLE EOT. Status, counters and the
 * event stream live in ReaderState.
 *
 * Failure rules (each has a test in the fault matrix):
 *  - reader silent → `timeOut`/noAnswer, device offline, later commands
 *    `deviceNotReady`/notInitialised until an initialise gets through;
 *  - garbage or bad CRCs → NAK and retries, then `hardwareError`/protocolError;
 *  - link lost → `deviceNotReady`/linkDown; the next initialise reconnects;
 *  - card pulled during an operation → `userError`/mediaRemoved, media notPresent;
 *  - jam → `hardwareError`/mediaJam, media jammed, until an initialise clears it;
 *  - a reply to a cancelled command is acknowledged and ignored (SankyoLink).
 */
import type { CommandApdu, ResponseApdu } from '../../chip/apdu.ts';
import { parseAtr } from '../../chip/atr.ts';
import type { DeviceClock } from '../../contract/clock.ts';
import type { CommandOutcome, Completion } from '../../contract/completion.ts';
import type { IntermediateEvent, UnsolicitedEvent } from '../../contract/events.ts';
import { createRequestIdFactory, runCommand, type CommandContext } from '../../contract/run-command.ts';
import type { DeviceCounters, DeviceStatus, MediaState, SelfTestResult } from '../../contract/status.ts';
import { CardReaderCapabilitiesSchema } from '../../contract/status.ts';
import type { ByteTransport } from '../../transport/byte-transport.ts';
import type { z } from 'zod';
import { type CardReaderCommand, DEFAULT_INITIALISE, encodeCommand, mediaFromStatus } from '../codec.ts';
import { CommandQueue } from './command-queue.ts';
import { abortableSleep } from './abortable-sleep.ts';
import {
  type CaptureReason,
  type CardReaderDriverErrorCode,
  type CardReaderDriverOptions,
  type CardReaderIntermediateEvent,
  type CardReaderTimeouts,
  resolveTimeouts,
} from './options.ts';
import { CARD_REMOVED_CODES, type DriverFailure, JAM_CODES, linkFailureOutcome, negativeReplyOutcome } from './outcomes.ts';
import { exchangeThroughReader, type Step, transmitRaw } from './reader-apdu.ts';
import { ReaderState } from './reader-state.ts';
import { type LinkFailure, SankyoLink } from './sankyo-link.ts';
import { TakenWatch, type WatchOutcome } from './taken-watch.ts';

export type CardReaderCapabilities = z.infer<typeof CardReaderCapabilitiesSchema>;
export type CardReaderCompletion<T> = Completion<T, CardReaderDriverErrorCode>;
type Outcome<T> = CommandOutcome<T, CardReaderDriverErrorCode>;
type Ctx = CommandContext<CardReaderIntermediateEvent>;

export interface CommandOptions {
  readonly signal?: AbortSignal;
  /** Override this command's default timeout. */
  readonly timeoutMs?: number;
  readonly onEvent?: (event: IntermediateEvent<CardReaderIntermediateEvent>) => void;
}

export interface ChipPowerOnPayload {
  readonly atr: Uint8Array;
  readonly protocols: readonly number[];
  readonly historicalBytes: Uint8Array;
}

const never = new AbortController().signal;

export class CardReaderDevice {
  readonly #o: CardReaderDriverOptions;
  readonly #clock: DeviceClock;
  readonly #timeouts: CardReaderTimeouts;
  readonly #queue = new CommandQueue();
  readonly #state: ReaderState;
  readonly #nextId = createRequestIdFactory('cardReader');
  readonly #binCapacity: number;
  #transport: ByteTransport | null = null;
  #link: SankyoLink | null = null;
  #watch: TakenWatch | null = null;
  /** Why the taken watch gave up, for waitForTaken's completion. */
  #watchFailure: DriverFailure | null = null;
  #closed = false;

  constructor(options: CardReaderDriverOptions) {
    this.#o = options;
    this.#clock = options.clock;
    this.#timeouts = resolveTimeouts(options.timeouts);
    this.#binCapacity = options.binCapacity ?? 50;
    this.#state = new ReaderState({
      clock: options.clock,
      binCapacity: this.#binCapacity,
      binHighThreshold: options.binHighThreshold ?? Math.ceil(this.#binCapacity * 0.8),
    });
  }

  // ---------------------------------------------------------------- read-only views

  status(): DeviceStatus {
    return this.#state.snapshot();
  }

  capabilities(): CardReaderCapabilities {
    return CardReaderCapabilitiesSchema.parse({
      deviceClass: 'cardReader',
      model: this.#o.model ?? 'Sankyo ICT3K5-compatible',
      motorised: true,
      chipProtocols: ['T0'],
      retainBinCapacity: this.#binCapacity,
      magneticTracks: [],
    });
  }

  counters(): DeviceCounters {
    return this.#state.counters();
  }

  onEvent(listener: (event: UnsolicitedEvent) => void): () => void {
    return this.#state.onEvent(listener);
  }

  /** Is a card anywhere in the reader (for the session wipe: never keep a card silently)? */
  hasCard(): boolean {
    return this.#state.media === 'present' || this.#state.media === 'latched' || this.#state.media === 'entering' || this.#state.media === 'jammed';
  }

  /** For tests and the technician screen: listeners this driver holds on its transport (0 or 2). */
  get transportListeners(): number {
    return this.#link ? 2 : 0;
  }

  // ---------------------------------------------------------------- commands

  initialise(options: CommandOptions = {}): Promise<CardReaderCompletion<DeviceStatus>> {
    this.#stopWatch();
    return this.#command('initialise', this.#timeouts.initialise, options, false, async (ctx) => {
      const init = await this.#transact(ctx.signal, DEFAULT_INITIALISE);
      if (!init.ok) return init.failure;
      this.#state.initialised = true;
      this.#state.update({ device: 'online', chip: this.#state.media === 'notPresent' ? 'noCard' : 'poweredOff', detail: null });
      // The ICT3K5 keeps its retract counter in EEPROM: the bin count survives our restarts.
      const counter = await this.#transact(ctx.signal, { kind: 'retainCounterRead' });
      if (counter.ok) {
        const digits = new TextDecoder().decode(counter.reply.data);
        if (/^\d{1,4}$/.test(digits)) this.#state.update({ binCount: Number(digits) });
      }
      if (this.#state.media === 'entering') {
        // Initialise ejected a card found inside (DEFAULT_INITIALISE): its owner must take it.
        this.#state.count('cardsEjected');
        this.#startWatch(this.#defaultRetainAfterMs);
      }
      return { completionCode: 'success', payload: this.#state.snapshot() };
    });
  }

  /** Ask the reader (rather than the cached `status()`); works before initialise, as a probe. */
  refreshStatus(options: CommandOptions = {}): Promise<CardReaderCompletion<DeviceStatus>> {
    return this.#command('status', this.#timeouts.status, options, false, async (ctx) => {
      const step = await this.#transact(ctx.signal, { kind: 'status' });
      return step.ok ? { completionCode: 'success', payload: this.#state.snapshot() } : step.failure;
    });
  }

  /** Open the slot and wait until a card is drawn in; the slot is closed again after. */
  acceptCard(options: CommandOptions = {}): Promise<CardReaderCompletion<{ media: MediaState }>> {
    return this.#command('acceptCard', this.#timeouts.insertion, options, true, async (ctx) => {
      if (this.#watch?.active) return { completionCode: 'sequenceError', description: 'the previous card is still at the gate' };
      if (this.#state.media === 'present' || this.#state.media === 'latched') return { completionCode: 'success', payload: { media: this.#state.media } };
      const enable = await this.#transact(ctx.signal, { kind: 'enableEntry' });
      if (!enable.ok) return enable.failure;
      ctx.emit('insertCard');
      let announcedGate = false;
      while (await abortableSleep(this.#clock, this.#pollInterval, ctx.signal)) {
        const poll = await this.#transact(ctx.signal, { kind: 'status' });
        if (!poll.ok) {
          if (ctx.signal.aborted) break;
          await this.#tidyAfterAccept();
          return poll.failure;
        }
        // Read afresh: every poll changes the media state (TS would narrow the earlier check).
        const media: MediaState = this.status().media ?? 'unknown';
        if (media === 'entering' && !announcedGate) {
          announcedGate = true;
          ctx.emit('cardAtGate');
        }
        if (media === 'present') {
          await this.#transact(never, { kind: 'disableEntry' }, this.#timeouts.entry);
          this.#cardCameIn();
          return { completionCode: 'success', payload: { media: 'present' } };
        }
      }
      await this.#tidyAfterAccept();
      return { completionCode: 'canceled' };
    });
  }

  refuseEntry(options: CommandOptions = {}): Promise<CardReaderCompletion<undefined>> {
    return this.#command('refuseEntry', this.#timeouts.entry, options, true, async (ctx) => {
      const step = await this.#transact(ctx.signal, { kind: 'disableEntry' });
      return step.ok ? { completionCode: 'success', payload: undefined } : step.failure;
    });
  }

  /**
   * Move the card to the gate and start watching for it to be taken. A card left
   * there `retainAfterMs` (default from the options, 30 s) is captured as "notTaken".
   */
  ejectCard(options: CommandOptions & { retainAfterMs?: number | null } = {}): Promise<CardReaderCompletion<{ media: MediaState }>> {
    return this.#command('eject', this.#timeouts.eject, options, true, async (ctx) => {
      const retainAfterMs = options.retainAfterMs === undefined ? this.#defaultRetainAfterMs : options.retainAfterMs;
      if (this.#state.media === 'notPresent') return { completionCode: 'commandErrorCode', errorCode: 'noMedia', description: 'no card to eject' };
      if (this.#state.media !== 'entering') {
        if (this.#state.chip === 'poweredOn') {
          const off = await this.#chipOff(ctx.signal);
          if (!off.ok) return off.failure;
        }
        const eject = await this.#transact(ctx.signal, { kind: 'eject' });
        if (!eject.ok) return eject.failure;
        this.#state.count('cardsEjected');
      }
      ctx.emit('takeCard');
      if (this.#state.media === 'entering' && !this.#watch?.active) this.#startWatch(retainAfterMs);
      return { completionCode: 'success', payload: { media: this.#state.media } };
    });
  }

  /**
   * Wait for the ejected card to be taken. Success when taken; userError/mediaNotTaken
   * when the retain policy captured it. Not queued: the watch's own polls need the queue.
   */
  waitForTaken(options: CommandOptions = {}): Promise<CardReaderCompletion<{ outcome: 'taken' }>> {
    return this.#command('waitForTaken', this.#timeouts.taken, options, false, async () => {
      const watch = this.#watch;
      if (!watch?.active) {
        return this.#state.media === 'notPresent'
          ? { completionCode: 'success', payload: { outcome: 'taken' } }
          : { completionCode: 'sequenceError', description: 'no card is waiting at the gate' };
      }
      return this.#watchOutcome(await watch.outcome);
    }, false);
  }

  captureCard(reason: CaptureReason, options: CommandOptions = {}): Promise<CardReaderCompletion<{ binCount: number }>> {
    this.#stopWatch();
    return this.#command('capture', this.#timeouts.capture, options, true, async (ctx) => {
      const step = await this.#capture(ctx.signal, reason);
      return step.ok ? { completionCode: 'success', payload: { binCount: this.#state.binCount } } : step.failure;
    });
  }

  chipPowerOn(options: CommandOptions = {}): Promise<CardReaderCompletion<ChipPowerOnPayload>> {
    return this.#command('chipPowerOn', this.#timeouts.chipPowerOn, options, true, async (ctx) => {
      if (this.#state.media !== 'present' && this.#state.media !== 'latched') {
        return { completionCode: 'commandErrorCode', errorCode: 'noMedia', description: 'no card inside the reader' };
      }
      const contact = await this.#transact(ctx.signal, { kind: 'chipContact', action: 'set' });
      if (!contact.ok) return contact.failure;
      const activate = await this.#transact(ctx.signal, { kind: 'chipActivate', voltage: 'emv' });
      if (!activate.ok) {
        await this.#transact(never, { kind: 'chipContact', action: 'release' }, this.#timeouts.chipPowerOff);
        return activate.failure;
      }
      const atr = parseAtr(activate.reply.data);
      if (!atr.ok) {
        await this.#chipOff(never);
        return { completionCode: 'commandErrorCode', errorCode: 'atrNotObtained', description: `unreadable ATR: ${atr.error}` };
      }
      this.#state.update({ chip: 'poweredOn', media: 'latched' });
      this.#state.count('chipActivations');
      return { completionCode: 'success', payload: { atr: activate.reply.data, protocols: atr.value.protocols, historicalBytes: atr.value.historicalBytes } };
    });
  }

  /** One raw APDU (no T=0 procedure handling): for diagnostics. */
  transmitApdu(apdu: Uint8Array, options: CommandOptions = {}): Promise<CardReaderCompletion<Uint8Array>> {
    return this.#command('apdu', this.#timeouts.apdu, options, true, async (ctx) => {
      if (this.#state.chip !== 'poweredOn') return { completionCode: 'sequenceError', errorCode: 'chipNotActivated', description: 'chip not powered' };
      const raw = await transmitRaw((command) => this.#transact(ctx.signal, command), apdu);
      return raw.ok ? { completionCode: 'success', payload: raw.response } : raw.failure;
    });
  }

  /** A command APDU with T=0 61xx/6Cxx handled; status words are returned, not judged. */
  chipExchange(command: CommandApdu, options: CommandOptions = {}): Promise<CardReaderCompletion<ResponseApdu>> {
    return this.#command('apdu', this.#timeouts.apdu, options, true, async (ctx) => {
      if (this.#state.chip !== 'poweredOn') return { completionCode: 'sequenceError', errorCode: 'chipNotActivated', description: 'chip not powered' };
      const result = await exchangeThroughReader((c) => this.#transact(ctx.signal, c), command);
      if (!result.ok) return result.failure;
      this.#state.count('apdus');
      return { completionCode: 'success', payload: result.response };
    });
  }

  chipPowerOff(options: CommandOptions = {}): Promise<CardReaderCompletion<undefined>> {
    return this.#command('chipPowerOff', this.#timeouts.chipPowerOff, options, true, async (ctx) => {
      if (this.#state.chip !== 'poweredOn') return { completionCode: 'success', payload: undefined };
      const off = await this.#chipOff(ctx.signal);
      return off.ok ? { completionCode: 'success', payload: undefined } : off.failure;
    });
  }

  /**
   * Technician self-test: initialise, status, an entry open/close cycle and the
   * reader's retract counter against ours. Each step is an ordinary command.
   */
  async selfTest(): Promise<SelfTestResult> {
    const checks: SelfTestResult['checks'] = [];
    const record = (name: string, completion: Completion<unknown, string>): boolean => {
      const passed = completion.completionCode === 'success';
      checks.push({ name, passed, ...(passed ? {} : { detail: `${completion.completionCode}${completion.errorCode ? ` ${completion.errorCode}` : ''}` }) });
      return passed;
    };
    if (record('initialise', await this.initialise())) {
      record('status', await this.refreshStatus());
      const cycle = await this.#command('entryCycle', this.#timeouts.entry * 2, {}, true, async (ctx) => {
        if (this.hasCard()) return { completionCode: 'success', payload: undefined, description: 'skipped: a card is in the reader' };
        const open = await this.#transact(ctx.signal, { kind: 'enableEntry' });
        if (!open.ok) return open.failure;
        const close = await this.#transact(ctx.signal, { kind: 'disableEntry' });
        return close.ok ? { completionCode: 'success', payload: undefined } : close.failure;
      });
      record('entryCycle', cycle);
      const bin = this.#state.snapshot().bins?.[0];
      checks.push({ name: 'retainBin', passed: bin?.state !== 'full', detail: `${bin?.count ?? 0}/${bin?.capacity ?? 0}` });
    }
    const result: SelfTestResult = { deviceClass: 'cardReader', at: Math.max(0, Math.floor(this.#clock.now())), passed: checks.every((c) => c.passed), checks };
    this.#state.count(result.passed ? 'selfTestsPassed' : 'selfTestsFailed');
    return result;
  }

  /** Stop everything: the watch, the link, the transport. Later commands end in deviceNotReady. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopWatch();
    this.#dropLink();
    const transport = this.#transport;
    this.#transport = null;
    await transport?.close().catch(() => {});
  }

  // ---------------------------------------------------------------- command plumbing

  get #pollInterval(): number {
    return this.#o.pollIntervalMs ?? 200;
  }

  get #defaultRetainAfterMs(): number | null {
    return this.#o.retainAfterMs === undefined ? 30_000 : this.#o.retainAfterMs;
  }

  #command<T>(name: string, defaultTimeout: number, options: CommandOptions, requiresInitialised: boolean, body: (ctx: Ctx) => Promise<Outcome<T>>, queued = true): Promise<CardReaderCompletion<T>> {
    const requestId = this.#nextId();
    const start = (): { result: Promise<CardReaderCompletion<T>>; settled: Promise<unknown> } => {
      let settled: Promise<unknown> = Promise.resolve();
      const result = runCommand<T, CardReaderDriverErrorCode, CardReaderIntermediateEvent>({
        requestId,
        timeoutMs: options.timeoutMs ?? defaultTimeout,
        clock: this.#clock,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        execute: (ctx) => {
          const run = (async (): Promise<Outcome<T>> => {
            if (this.#closed) return { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: 'driver closed' };
            if (requiresInitialised && !this.#state.initialised) {
              return this.#state.device === 'noDevice'
                ? { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: 'reader not connected; initialise reconnects' }
                : { completionCode: 'deviceNotReady', errorCode: 'notInitialised', description: 'reader needs initialise' };
            }
            return body(ctx);
          })();
          settled = run.catch(() => undefined);
          return run;
        },
      }).then((completion) => {
        this.#logCompletion(name, completion);
        return completion;
      });
      return { result, settled: result.then(() => settled) };
    };
    if (!queued) return start().result;
    return this.#queue.enqueue(start, options.signal, () => ({ requestId, completionCode: 'canceled', description: 'canceled while queued' }));
  }

  async #transact(signal: AbortSignal, command: CardReaderCommand, replyTimeoutMs?: number): Promise<Step> {
    const link = await this.#ensureLink();
    if (!link.ok) return link;
    const result = await link.link.exchange(encodeCommand(command), signal, replyTimeoutMs);
    if (!result.ok) {
      this.#onLinkFailure(result.failure);
      return { ok: false, failure: linkFailureOutcome(result.failure) };
    }
    const reply = result.reply;
    if (reply.kind === 'negative') {
      this.#onReaderError(reply.error);
      return { ok: false, failure: negativeReplyOutcome(reply.error) };
    }
    const media = mediaFromStatus(reply.status);
    const chip = media === 'notPresent' ? 'noCard' : this.#state.chip === 'noCard' || this.#state.chip === 'unknown' ? 'poweredOff' : this.#state.chip;
    this.#state.update({
      device: 'online',
      media: media === 'present' && chip === 'poweredOn' ? 'latched' : media,
      chip,
      ...(this.#state.initialised ? { detail: null } : {}),
    });
    return { ok: true, reply };
  }

  async #ensureLink(): Promise<{ ok: true; link: SankyoLink } | { ok: false; failure: DriverFailure }> {
    if (this.#link?.isOpen) return { ok: true, link: this.#link };
    this.#dropLink();
    if (this.#closed) return { ok: false, failure: { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: 'driver closed' } };
    try {
      const transport = await this.#o.connect();
      if (this.#closed) {
        await transport.close().catch(() => {});
        return { ok: false, failure: { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: 'driver closed' } };
      }
      this.#transport = transport;
      const l = this.#o.link ?? {};
      this.#link = new SankyoLink({
        transport,
        clock: this.#clock,
        baud: this.#o.baud ?? 115_200,
        ackTimeoutMs: l.ackTimeoutMs ?? 300,
        charTimeoutMs: l.charTimeoutMs ?? 250,
        commandRetries: l.commandRetries ?? 3,
        replyRetries: l.replyRetries ?? 3,
        drainTimeoutMs: l.drainTimeoutMs ?? 500,
        onTrace: (trace) => this.#state.count(`link.${trace.kind}`),
        // Lost while idle (cable pulled between commands): say so now, not at the next command.
        onClosed: (reason) => this.#onLinkFailure({ kind: 'closed', reason }),
      });
      this.#log('info', `link open on ${transport.description}`);
      return { ok: true, link: this.#link };
    } catch (error) {
      this.#state.initialised = false;
      this.#state.update({ device: 'noDevice', media: 'unknown', chip: 'unknown', detail: 'cannot open the reader port' });
      return { ok: false, failure: { completionCode: 'deviceNotReady', errorCode: 'linkDown', description: `cannot open: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  #dropLink(): void {
    this.#link?.dispose();
    this.#link = null;
  }

  #onLinkFailure(failure: LinkFailure): void {
    switch (failure.kind) {
      case 'noAnswer':
        this.#state.initialised = false;
        this.#state.count('errors.noAnswer');
        this.#state.update({ device: 'offline', detail: 'reader does not answer' });
        this.#state.emit('deviceError', 'noAnswer');
        return;
      case 'garbled':
        this.#state.initialised = false;
        this.#state.count('errors.protocolError');
        this.#state.update({ device: 'hardwareError', detail: 'unreadable answers from the reader' });
        this.#state.emit('deviceError', 'protocolError');
        return;
      case 'closed': {
        this.#state.initialised = false;
        this.#state.count('errors.linkDown');
        this.#dropLink();
        const transport = this.#transport;
        this.#transport = null;
        void transport?.close().catch(() => {});
        this.#state.update({ device: 'noDevice', media: 'unknown', chip: 'unknown', detail: 'reader link lost' });
        this.#state.emit('deviceError', 'linkDown');
        return;
      }
      case 'aborted':
      case 'canceledByReader':
        return;
    }
  }

  #onReaderError(code: string): void {
    const mapped = negativeReplyOutcome(code);
    this.#state.count(`errors.${mapped.errorCode ?? mapped.completionCode}`);
    if (JAM_CODES.has(code)) {
      this.#stopWatch();
      this.#state.initialised = false;
      this.#state.update({ device: 'hardwareError', media: 'jammed', detail: 'card jammed' });
      this.#state.emit('deviceError', 'mediaJam');
    } else if (CARD_REMOVED_CODES.has(code)) {
      this.#state.update({ media: 'notPresent', chip: 'noCard' });
      this.#state.emit('mediaRemoved', 'card removed during an operation');
    } else if (code === 'B0' || code === '30') {
      // B0: the reader lost power (or was reset) and wants Initialise before anything else.
      this.#state.initialised = false;
      this.#state.update({ device: 'offline', chip: 'unknown', detail: code === 'B0' ? 'reader needs initialise' : 'reader reports power down' });
    } else if (code === '50') {
      this.#state.update({ binCount: Math.max(this.#state.binCount, this.#binCapacity) });
    } else if (/^6[0-6]$/.test(code)) {
      this.#state.update({ chip: 'poweredOff', ...(this.#state.media === 'latched' ? { media: 'present' } : {}) });
    }
  }

  // ---------------------------------------------------------------- shared steps

  async #chipOff(signal: AbortSignal): Promise<Step | { ok: true }> {
    const off = await this.#transact(signal, { kind: 'chipDeactivate' });
    if (!off.ok && off.failure.errorCode !== 'chipNotActivated') return off;
    const release = await this.#transact(signal, { kind: 'chipContact', action: 'release' });
    if (!release.ok) return release;
    this.#state.update({ chip: this.#state.media === 'notPresent' ? 'noCard' : 'poweredOff', ...(this.#state.media === 'latched' ? { media: 'present' } : {}) });
    return { ok: true };
  }

  async #capture(signal: AbortSignal, reason: CaptureReason): Promise<Step | { ok: true }> {
    if (this.#state.media === 'notPresent') return { ok: false, failure: { completionCode: 'commandErrorCode', errorCode: 'noMedia', description: 'no card to capture' } };
    if (this.#state.chip === 'poweredOn') {
      const off = await this.#chipOff(signal);
      if (!off.ok) return off;
    }
    if (this.#state.media === 'entering') {
      // A card waiting at the gate must be pulled back in before it can go to the bin.
      const retrieve = await this.#transact(signal, { kind: 'retrieve' });
      if (!retrieve.ok) return retrieve;
    }
    const capture = await this.#transact(signal, { kind: 'capture' });
    if (!capture.ok) return capture;
    this.#state.update({ binCount: this.#state.binCount + 1, media: 'notPresent', chip: 'noCard' });
    this.#state.count('cardsCaptured');
    this.#state.count(`captured.${reason}`);
    this.#state.emit('mediaRetained', reason);
    return { ok: true };
  }

  #cardCameIn(): void {
    this.#state.count('cardsInserted');
    this.#state.emit('mediaInserted');
  }

  /** After an accept ended early: close the slot, and never lose a card that came in meanwhile. */
  async #tidyAfterAccept(): Promise<void> {
    const before = this.#state.media;
    await this.#transact(never, { kind: 'disableEntry' }, this.#timeouts.entry);
    const status = await this.#transact(never, { kind: 'status' }, this.#timeouts.status);
    if (status.ok && this.#state.media === 'present' && before !== 'present') this.#cardCameIn();
  }

  #startWatch(retainAfterMs: number | null): void {
    this.#stopWatch();
    this.#watchFailure = null;
    const noteFailure = (step: Step | { ok: true }): boolean => {
      if (!step.ok) this.#watchFailure = step.failure;
      return step.ok;
    };
    this.#watch = new TakenWatch({
      clock: this.#clock,
      pollIntervalMs: this.#pollInterval,
      retainAfterMs,
      poll: (signal) =>
        this.#queue.enqueue(
          () => {
            const result = this.#transact(signal, { kind: 'status' }, this.#timeouts.status).then((step) => (noteFailure(step) ? this.#state.media : null));
            return { result, settled: result };
          },
          signal,
          () => null,
        ),
      retain: (signal) =>
        this.#queue.enqueue(
          () => {
            const result = this.#capture(signal, 'notTaken').then(noteFailure);
            return { result, settled: result };
          },
          signal,
          () => false,
        ),
      onTaken: () => {
        this.#state.count('cardsTaken');
        this.#state.emit('mediaTaken');
      },
    });
  }

  #stopWatch(): void {
    this.#watch?.stop();
  }

  #watchOutcome(outcome: WatchOutcome): Outcome<{ outcome: 'taken' }> {
    switch (outcome) {
      case 'taken':
        return { completionCode: 'success', payload: { outcome: 'taken' } };
      case 'retained':
        return { completionCode: 'userError', errorCode: 'mediaNotTaken', description: 'card not taken in time; captured' };
      case 'stopped':
        return { completionCode: 'sequenceError', description: 'another command took over the card' };
      case 'failed':
        return this.#watchFailure ?? { completionCode: 'hardwareError', errorCode: 'unknownError', description: 'the reader failed while the card was at the gate' };
    }
  }

  #logCompletion(name: string, completion: Completion<unknown, string>): void {
    const level = completion.completionCode === 'success' || completion.completionCode === 'canceled' ? 'info' : completion.completionCode === 'userError' || completion.completionCode === 'commandErrorCode' || completion.completionCode === 'sequenceError' ? 'warn' : 'error';
    this.#log(level, `${name} ${completion.completionCode}${completion.errorCode ? ` ${completion.errorCode}` : ''}`, completion.requestId);
  }

  #log(level: 'info' | 'warn' | 'error', message: string, requestId?: string): void {
    try {
      this.#o.log?.({ level, message, ...(requestId ? { requestId } : {}) });
    } catch {
      // Logging must never break a command.
    }
  }
}
