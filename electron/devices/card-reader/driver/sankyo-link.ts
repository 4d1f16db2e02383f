/**
 * The Sankyo "RS-232C 8bit protocol" link layer: one command frame out, one reply
 * frame back, with the acknowledgements, retries and cancel the reader expects.
 * Pure logic over a ByteTransport and the injected clock (no I/O module imported).
 *
 * Follows the ICT3Q8 interface specification ASL-NP-09256-01 chapter 2
 * ("Transmission / control protocol") and chapter 3 (state transition matrix), as
 * Sankyo's own library Prtcl_RS232C_8.c implements it:
 *  - host sends the command frame and waits for ACK (300 ms); on ACK timeout or NAK
 *    it sends the frame again, at most 3 more times;
 *  - after ACK the reader executes and sends the reply frame; a reply with a bad CRC
 *    (or cut short by the inter-character timeout) is answered with NAK and the
 *    reader sends it again, at most 3 times; a good reply is answered with ACK;
 *  - DLE EOT from the host cancels the running command; the reader answers DLE EOT.
 *
 * What we add: after a cancel we "drain" until the reader's DLE EOT (or a short
 * quiet time), acknowledging and discarding any reply that was already on its way,
 * so a late reply can never be taken for the next command's. Replies whose command
 * code does not match the command we sent are acknowledged and discarded too.
 */
import type { DeviceClock } from '../../contract/clock.ts';
import type { ByteTransport } from '../../transport/byte-transport.ts';
import { wireTimeMs } from '../../transport/byte-transport.ts';
import { type CardReaderReply, decodeReply, replyMatchesCommand } from '../codec.ts';
import { ACK_BYTES, type CardReaderWireEvent, createFrameDecoder, DLE_EOT_BYTES, encodeFrame, NAK_BYTES } from '../frame.ts';

export interface SankyoLinkOptions {
  readonly transport: ByteTransport;
  readonly clock: DeviceClock;
  /** Line speed, only to allow for the time our own frame spends on the wire. 0 = ignore. */
  readonly baud: number;
  readonly ackTimeoutMs: number;
  /** Sankyo: 250 ms between characters of one frame. */
  readonly charTimeoutMs: number;
  /** Extra sends after the first when the reader NAKs or does not ACK (spec: 3). */
  readonly commandRetries: number;
  /** NAKs we send for a bad reply before giving up (spec: 3). */
  readonly replyRetries: number;
  /** How long to wait for the reader's DLE EOT after we cancelled. */
  readonly drainTimeoutMs: number;
  readonly onTrace?: (event: LinkTrace) => void;
  /** The transport closed (port lost); called once, whether or not an exchange was running. */
  readonly onClosed?: (reason: string) => void;
}

/** Why an exchange did not produce a reply. */
export type LinkFailure =
  /** Nothing at all came back: the reader is silent (power, cable, hung). */
  | { readonly kind: 'noAnswer' }
  /** Bytes came back, but never an ACK or a reply we could read (garbage, bad CRC, NAKs). */
  | { readonly kind: 'garbled'; readonly detail: string }
  | { readonly kind: 'closed'; readonly reason: string }
  /** We cancelled (caller abort or reply timeout); `confirmed` = the reader answered DLE EOT. */
  | { readonly kind: 'aborted'; readonly confirmed: boolean }
  /** The reader itself sent DLE EOT instead of a reply. */
  | { readonly kind: 'canceledByReader' };

export type LinkResult = { readonly ok: true; readonly reply: CardReaderReply } | { readonly ok: false; readonly failure: LinkFailure };

/** For counters and the technician log; never carries frame contents. */
export type LinkTrace =
  | { readonly kind: 'resend'; readonly reason: 'nak' | 'ackTimeout' }
  | { readonly kind: 'replyNak'; readonly reason: string }
  | { readonly kind: 'strayReply' }
  | { readonly kind: 'garbage'; readonly bytes: number };

interface Exchange {
  handle(event: CardReaderWireEvent): void;
  charTimeout(): void;
  closed(reason: string): void;
}

export class SankyoLink {
  readonly #o: SankyoLinkOptions;
  readonly #decoder = createFrameDecoder();
  #active: Exchange | null = null;
  #charTimer: unknown = null;
  readonly #unsubscribe: Array<() => void> = [];
  #closedReason: string | null = null;

  constructor(options: SankyoLinkOptions) {
    this.#o = options;
    this.#unsubscribe.push(options.transport.onData((chunk) => this.#onData(chunk)));
    this.#unsubscribe.push(options.transport.onClose((reason) => this.#onClose(reason)));
    if (!options.transport.isOpen) this.#closedReason = 'closed';
  }

  get isOpen(): boolean {
    return this.#closedReason === null && this.#o.transport.isOpen;
  }

  get busy(): boolean {
    return this.#active !== null;
  }

  /**
   * Send one command TEXT and wait for its reply. Never rejects. `signal` aborting
   * cancels with DLE EOT; `replyTimeoutMs` is a backstop for callers that are not
   * under a runCommand timeout (clean-up after a cancel).
   */
  exchange(commandText: Uint8Array, signal: AbortSignal, replyTimeoutMs?: number): Promise<LinkResult> {
    if (this.#active) throw new Error('SankyoLink: one exchange at a time (the command queue must serialise)');
    if (!this.isOpen) return Promise.resolve({ ok: false, failure: { kind: 'closed', reason: this.#closedReason ?? 'closed' } });
    if (signal.aborted) return Promise.resolve({ ok: false, failure: { kind: 'aborted', confirmed: false } });
    return new Promise<LinkResult>((resolve) => {
      const o = this.#o;
      const clock = o.clock;
      const frame = encodeFrame(commandText);
      // Our frame (and the one-byte answer) spend time on the wire before the reader can ACK.
      const ackWait = o.ackTimeoutMs + (o.baud > 0 ? wireTimeMs(frame.length + 1, o.baud, 11) : 0);
      let phase: 'ack' | 'reply' | 'drain' | 'done' = 'ack';
      let sends = 0;
      let replyNaks = 0;
      let sawBytes = false;
      let timer: unknown = null;
      let replyTimer: unknown = null;

      const setTimer = (ms: number, fn: () => void): void => {
        if (timer !== null) clock.clearTimeout(timer);
        timer = clock.setTimeout(() => {
          timer = null;
          fn();
        }, ms);
      };
      const finish = (result: LinkResult): void => {
        if (phase === 'done') return;
        phase = 'done';
        if (timer !== null) clock.clearTimeout(timer);
        if (replyTimer !== null) clock.clearTimeout(replyTimer);
        timer = replyTimer = null;
        signal.removeEventListener('abort', onAbort);
        this.#active = null;
        resolve(result);
      };
      const write = (bytes: Uint8Array): void => {
        // A failed write means the link is gone; onClose (or the next send) reports it.
        o.transport.write(bytes).catch((error: unknown) => {
          if (phase !== 'done') finish({ ok: false, failure: { kind: 'closed', reason: error instanceof Error ? error.message : String(error) } });
        });
      };
      const send = (): void => {
        sends++;
        write(frame);
        setTimer(ackWait, onAckTimeout);
      };
      const giveUpOrResend = (reason: 'nak' | 'ackTimeout'): void => {
        if (sends > o.commandRetries) {
          finish({ ok: false, failure: sawBytes ? { kind: 'garbled', detail: reason === 'nak' ? 'reader kept answering NAK' : 'no ACK among the bytes received' } : { kind: 'noAnswer' } });
          return;
        }
        o.onTrace?.({ kind: 'resend', reason });
        send();
      };
      function onAckTimeout(): void {
        if (phase === 'ack') giveUpOrResend('ackTimeout');
      }
      const startDrain = (): void => {
        phase = 'drain';
        write(DLE_EOT_BYTES);
        setTimer(o.drainTimeoutMs + (o.baud > 0 ? wireTimeMs(4, o.baud, 11) : 0), () => finish({ ok: false, failure: { kind: 'aborted', confirmed: false } }));
      };
      const onAbort = (): void => {
        if (phase === 'ack' || phase === 'reply') startDrain();
      };
      const nakReply = (reason: string): void => {
        replyNaks++;
        if (replyNaks > o.replyRetries) {
          finish({ ok: false, failure: { kind: 'garbled', detail: `reply unreadable after ${o.replyRetries} NAKs (${reason})` } });
          return;
        }
        o.onTrace?.({ kind: 'replyNak', reason });
        write(NAK_BYTES);
      };

      const exchange: Exchange = {
        handle: (event) => {
          if (event.kind !== 'error') sawBytes = true;
          switch (event.kind) {
            case 'ack':
              if (phase === 'ack') {
                phase = 'reply';
                if (timer !== null) clock.clearTimeout(timer);
                timer = null;
              }
              return;
            case 'nak':
              if (phase === 'ack') giveUpOrResend('nak');
              return;
            case 'cancel':
              if (phase === 'drain') finish({ ok: false, failure: { kind: 'aborted', confirmed: true } });
              else finish({ ok: false, failure: { kind: 'canceledByReader' } });
              return;
            case 'error':
              sawBytes = true;
              if (event.reason === 'garbage') o.onTrace?.({ kind: 'garbage', bytes: event.bytes });
              if (phase === 'reply' && event.reason === 'badCrc') nakReply('bad CRC');
              return;
            case 'frame': {
              const decoded = decodeReply(event.text);
              if (phase === 'drain' || phase === 'ack') {
                // A reply to a cancelled or earlier command: acknowledge so the reader
                // stops repeating it, then forget it.
                write(ACK_BYTES);
                o.onTrace?.({ kind: 'strayReply' });
                return;
              }
              if (!decoded.ok) {
                nakReply(decoded.error);
                return;
              }
              write(ACK_BYTES);
              if (!replyMatchesCommand(decoded.value, commandText)) {
                o.onTrace?.({ kind: 'strayReply' });
                return;
              }
              finish({ ok: true, reply: decoded.value });
              return;
            }
          }
        },
        charTimeout: () => {
          // Half a frame and then silence: the spec's receiver drops it and NAKs.
          if (phase === 'reply') nakReply('inter-character timeout');
        },
        closed: (reason) => finish({ ok: false, failure: { kind: 'closed', reason } }),
      };
      this.#active = exchange;
      signal.addEventListener('abort', onAbort, { once: true });
      if (replyTimeoutMs !== undefined) {
        replyTimer = clock.setTimeout(() => {
          replyTimer = null;
          onAbort();
        }, replyTimeoutMs);
      }
      send();
    });
  }

  #onData(chunk: Uint8Array): void {
    const events = this.#decoder.push(chunk);
    this.#armCharTimer();
    for (const event of events) {
      if (this.#active) {
        this.#active.handle(event);
      } else if (event.kind === 'frame') {
        // Nobody asked: a reply that outlived its command. ACK it so the reader goes idle.
        void this.#o.transport.write(ACK_BYTES).catch(() => {});
        this.#o.onTrace?.({ kind: 'strayReply' });
      }
    }
  }

  #armCharTimer(): void {
    if (this.#charTimer !== null) this.#o.clock.clearTimeout(this.#charTimer);
    this.#charTimer = null;
    if (this.#decoder.bufferedBytes === 0) return;
    this.#charTimer = this.#o.clock.setTimeout(() => {
      this.#charTimer = null;
      this.#decoder.reset();
      this.#active?.charTimeout();
    }, this.#o.charTimeoutMs);
  }

  #onClose(reason: string): void {
    if (this.#closedReason !== null) return;
    this.#closedReason = reason;
    if (this.#active) this.#active.closed(reason);
    else this.#o.onClosed?.(reason);
  }

  /** Stop listening and clear timers; the transport itself belongs to the caller. */
  dispose(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#charTimer !== null) this.#o.clock.clearTimeout(this.#charTimer);
    this.#charTimer = null;
    this.#closedReason ??= 'disposed';
    this.#active?.closed('link disposed');
  }
}
