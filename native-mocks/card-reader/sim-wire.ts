/**
 * The reader's side of the Sankyo "RS-232C 8bit protocol", over whatever byte port
 * the simulator is attached to (an in-memory link in `sim` mode, a pseudo-terminal
 * in `wire` mode). Uses the codec for frames and texts, never the driver.
 *
 *   command frame in → ACK (or NAK if its CRC is bad) → think time → reply frame →
 *   wait for the host's ACK; on NAK send the reply again (at most 3 times);
 *   DLE EOT in → drop the running command, answer DLE EOT.
 *
 * Wire faults are played here: no-answer (hears nothing, says nothing), garbage (a
 * burst of bytes instead of an ACK), bad-crc (replies whose CRC is wrong, every time),
 * slow (think times multiplied).
 */
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { type CardReaderCommand, type CardReaderReply, decodeCommand, encodeReply } from '../../electron/devices/card-reader/codec.ts';
import { ACK_BYTES, createFrameDecoder, DLE_EOT_BYTES, encodeFrame, NAK_BYTES } from '../../electron/devices/card-reader/frame.ts';

/** What the simulator needs from a byte link: the memory link's device end and PtyDeviceEnd both fit. */
export interface SimPort {
  write(bytes: Uint8Array): unknown;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface WireBehaviour {
  /** Hear nothing and say nothing (no-answer, unplugged, power cut). */
  readonly silent: boolean;
  readonly garbage: boolean;
  readonly badCrc: boolean;
  readonly slowFactor: number;
}

export interface SimWireHooks {
  readonly clock: DeviceClock;
  behaviour(): WireBehaviour;
  thinkTime(command: CardReaderCommand): number;
  execute(command: CardReaderCommand, cm: number, pm: number): CardReaderReply;
  /** Something worth showing on the panel happened. */
  changed(): void;
}

const MAX_REPLY_SENDS = 4;
/** Bytes that are never a Sankyo control character, so garbage cannot pass for an ACK. */
const GARBAGE_ALPHABET = Array.from({ length: 256 }, (_, i) => i).filter((b) => ![0x06, 0x15, 0xf2, 0x10, 0x04].includes(b));

export class SimWireEnd {
  readonly #port: SimPort;
  readonly #h: SimWireHooks;
  readonly #decoder = createFrameDecoder();
  readonly #off: () => void;
  #thinking: unknown = null;
  #lastReply: Uint8Array | null = null;
  #replySends = 0;
  #seed = 0x5eed;
  commandsSeen = 0;
  /** Think time scheduled so far (for the benchmark's "wire + think" baseline). */
  thinkMsTotal = 0;

  constructor(port: SimPort, hooks: SimWireHooks) {
    this.#port = port;
    this.#h = hooks;
    this.#off = port.onData((chunk) => this.#onData(chunk));
  }

  /** Forget a command in progress (power cut, detach): its reply never goes out. */
  abandon(): void {
    if (this.#thinking !== null) this.#h.clock.clearTimeout(this.#thinking);
    this.#thinking = null;
    this.#lastReply = null;
    this.#decoder.reset();
  }

  detach(): void {
    this.abandon();
    this.#off();
  }

  #write(bytes: Uint8Array): void {
    try {
      const result = this.#port.write(bytes);
      // The memory link rejects writes once unplugged; a lost write is what a cable pull does.
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      // Same: the port is gone.
    }
  }

  #garbage(): Uint8Array {
    const out = new Uint8Array(12);
    for (let i = 0; i < out.length; i++) {
      this.#seed = (this.#seed * 1103515245 + 12345) & 0x7fffffff;
      out[i] = GARBAGE_ALPHABET[this.#seed % GARBAGE_ALPHABET.length] ?? 0x41;
    }
    return out;
  }

  #onData(chunk: Uint8Array): void {
    const behaviour = this.#h.behaviour();
    if (behaviour.silent) {
      this.#decoder.reset();
      return;
    }
    for (const event of this.#decoder.push(chunk)) {
      switch (event.kind) {
        case 'frame':
          this.#onCommand(event.text, behaviour);
          break;
        case 'error':
          // The spec's receiver NAKs a frame whose CRC is wrong; stray bytes are ignored.
          if (event.reason === 'badCrc') this.#write(NAK_BYTES);
          break;
        case 'cancel':
          this.abandon();
          this.#write(DLE_EOT_BYTES);
          this.#h.changed();
          break;
        case 'ack':
          this.#lastReply = null;
          break;
        case 'nak':
          this.#resendReply();
          break;
      }
    }
  }

  #onCommand(text: Uint8Array, behaviour: WireBehaviour): void {
    this.commandsSeen++;
    if (behaviour.garbage) {
      this.#write(this.#garbage());
      return;
    }
    // Busy with the previous command (the host should not do this): no ACK, it will retry.
    if (this.#thinking !== null) return;
    this.#write(ACK_BYTES);
    const cm = text[1] ?? 0;
    const pm = text[2] ?? 0;
    const decoded = decodeCommand(text);
    if (!decoded.ok) {
      this.#sendReply({ kind: 'negative', cm, pm, error: '00', data: new Uint8Array() });
      return;
    }
    const command = decoded.value;
    const think = this.#h.thinkTime(command) * Math.max(1, behaviour.slowFactor);
    this.thinkMsTotal += think;
    this.#thinking = this.#h.clock.setTimeout(() => {
      this.#thinking = null;
      // Power may have gone while the motor ran: then there is no reply.
      if (this.#h.behaviour().silent) return;
      this.#sendReply(this.#h.execute(command, cm, pm));
      this.#h.changed();
    }, think);
  }

  #sendReply(reply: CardReaderReply): void {
    const frame = encodeFrame(encodeReply(reply));
    this.#lastReply = frame;
    this.#replySends = 0;
    this.#sendLast();
  }

  #sendLast(): void {
    const frame = this.#lastReply;
    if (!frame) return;
    this.#replySends++;
    if (this.#h.behaviour().badCrc) {
      const bad = frame.slice();
      bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0x5a;
      this.#write(bad);
    } else {
      this.#write(frame);
    }
  }

  #resendReply(): void {
    if (!this.#lastReply) return;
    if (this.#replySends >= MAX_REPLY_SENDS) {
      this.#lastReply = null;
      return;
    }
    this.#sendLast();
  }
}
