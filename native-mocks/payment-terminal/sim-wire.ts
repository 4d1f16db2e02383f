/**
 * The terminal's side of the ZVT link, written from the PT's point of view with
 * the codec's framing (never the kiosk driver's link): it ACKs good frames, NAKs
 * bad ones, and sends its own frames with up to three transmissions, repeating on
 * NAK and on T2 silence as PA00P016 3.5 tells a sender to.
 *
 * Wire faults live here because they are about bytes: deaf (no answer, power cut,
 * unplugged), garbage (instead of, or between, real frames), corrupted CRCs, and
 * pacing at the configured baud for `wire` and `tcp` modes, where nothing else
 * emulates the line speed (pseudo-terminals deliver at memory speed).
 */
import type { DeviceClock } from '../../electron/devices/contract/clock.ts';
import { ACK_BYTES, createSerialFrameDecoder, createTcpApduDecoder, encodeSerialFrame, NAK_BYTES } from '../../electron/devices/payment/zvt/framing.ts';
import type { SimPort } from './sim-port.ts';

export interface WireFaultView {
  /** Hear nothing, say nothing. */
  readonly deaf: boolean;
  /**
   * 'replace': every answer is random bytes; 'interleave': random bytes (never 06,
   * 10, 15) before each serial transmission (TCP has no resynchronisation, so no
   * interleaving there: a real TCP stream does not pick up noise).
   */
  readonly garbage?: 'replace' | 'interleave';
  /** Remaining transmissions to send with a corrupted CRC (serial only). */
  badCrcLeft: number;
  readonly random: () => number;
}

export interface SimWireOptions {
  readonly kind: 'serial' | 'tcp';
  readonly clock: DeviceClock;
  /** Emulated line speed for writes; 0 when the link itself emulates it (in-memory `sim`). */
  readonly paceBaud: number;
  readonly faults: WireFaultView;
  readonly t2AckMs?: number;
  readonly maxTransmissions?: number;
}

export interface SimWireCounters {
  framesIn: number;
  framesOut: number;
  retransmissions: number;
  naksSent: number;
  badCrcIn: number;
  garbageOut: number;
}

interface Outgoing {
  frame: Uint8Array;
  transmissions: number;
  timer: unknown;
  resolve(ok: boolean): void;
}

export class SimWire {
  readonly #o: SimWireOptions;
  #port: SimPort | undefined;
  #offPort: (() => void) | undefined;
  #serial = createSerialFrameDecoder();
  #tcp = createTcpApduDecoder();
  #queue: Outgoing[] = [];
  #current: Outgoing | undefined;
  #writeChain: Promise<void> = Promise.resolve();
  #listener: ((apdu: Uint8Array) => void) | undefined;
  #rxBusyUntil = 0;
  readonly counters: SimWireCounters = { framesIn: 0, framesOut: 0, retransmissions: 0, naksSent: 0, badCrcIn: 0, garbageOut: 0 };

  constructor(options: SimWireOptions) {
    this.#o = options;
  }

  get kind(): 'serial' | 'tcp' {
    return this.#o.kind;
  }

  attach(port: SimPort): void {
    this.detach();
    this.#port = port;
    this.#offPort = port.onData((chunk) => this.#receive(chunk));
  }

  detach(): void {
    this.#offPort?.();
    this.#offPort = undefined;
    this.#port = undefined;
    this.reset();
  }

  onApdu(listener: (apdu: Uint8Array) => void): void {
    this.#listener = listener;
  }

  /** Power cut: everything in flight is forgotten. */
  reset(): void {
    this.#serial.reset();
    this.#tcp.reset();
    if (this.#current) {
      this.#o.clock.clearTimeout(this.#current.timer);
      this.#current.resolve(false);
      this.#current = undefined;
    }
    for (const p of this.#queue.splice(0)) p.resolve(false);
  }

  /** Resolves true once the ECR acknowledged the frame (serial) or it was written (tcp). */
  sendApdu(apdu: Uint8Array): Promise<boolean> {
    if (this.#o.kind === 'tcp') {
      if (this.#o.faults.deaf || !this.#port) return Promise.resolve(false);
      this.counters.framesOut++;
      this.#write(this.#o.faults.garbage === 'replace' ? this.#garbage(apdu.length, true) : apdu);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      this.#queue.push({ frame: encodeSerialFrame(apdu), transmissions: 0, timer: undefined, resolve });
      this.#next();
    });
  }

  #next(): void {
    if (this.#current) return;
    this.#current = this.#queue.shift();
    if (this.#current) this.#transmit(this.#current);
  }

  #finish(ok: boolean): void {
    const p = this.#current;
    if (!p) return;
    this.#o.clock.clearTimeout(p.timer);
    this.#current = undefined;
    p.resolve(ok);
    this.#next();
  }

  #transmit(p: Outgoing): void {
    if (this.#o.faults.deaf || !this.#port) {
      this.#finish(false);
      return;
    }
    p.transmissions++;
    this.counters.framesOut++;
    if (p.transmissions > 1) this.counters.retransmissions++;
    let frame = p.frame;
    if (this.#o.faults.badCrcLeft > 0) {
      this.#o.faults.badCrcLeft--;
      frame = frame.slice();
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xa5;
    }
    this.#write(this.#o.faults.garbage === 'replace' ? this.#garbage(frame.length, true) : frame);
    p.timer = this.#o.clock.setTimeout(() => {
      if (this.#current !== p) return;
      if (p.transmissions < (this.#o.maxTransmissions ?? 3)) this.#transmit(p);
      else this.#finish(false);
    }, this.#o.t2AckMs ?? 5000);
  }

  #receive(chunk: Uint8Array): void {
    if (this.#o.faults.deaf) return;
    if (this.#o.paceBaud > 0) {
      // A pseudo-terminal delivers at memory speed: hold each chunk for its time on the wire.
      const now = this.#o.clock.now();
      this.#rxBusyUntil = Math.max(now, this.#rxBusyUntil) + (chunk.length * 10 * 1000) / this.#o.paceBaud;
      const copy = chunk.slice();
      this.#o.clock.setTimeout(() => this.#arrived(copy), this.#rxBusyUntil - now);
      return;
    }
    this.#arrived(chunk);
  }

  #arrived(chunk: Uint8Array): void {
    if (this.#o.faults.deaf) return;
    if (this.#o.kind === 'tcp') {
      for (const e of this.#tcp.push(chunk)) if (e.kind === 'apdu') this.#deliver(e.apdu);
      return;
    }
    for (const e of this.#serial.push(chunk)) {
      switch (e.kind) {
        case 'apdu':
          this.#write(this.#o.faults.garbage === 'replace' ? this.#garbage(1, true) : ACK_BYTES);
          this.#deliver(e.apdu);
          break;
        case 'ack':
          if (this.#current) this.#finish(true);
          break;
        case 'nak':
          if (this.#current) {
            this.#o.clock.clearTimeout(this.#current.timer);
            if (this.#current.transmissions < (this.#o.maxTransmissions ?? 3)) this.#transmit(this.#current);
            else this.#finish(false);
          }
          break;
        case 'error':
          if (e.reason !== 'garbage') {
            this.counters.badCrcIn++;
            this.counters.naksSent++;
            this.#write(NAK_BYTES);
          }
          break;
      }
    }
  }

  #deliver(apdu: Uint8Array): void {
    this.counters.framesIn++;
    this.#listener?.(apdu);
  }

  #garbage(length: number, anyByte: boolean): Uint8Array {
    const out = new Uint8Array(Math.max(1, length));
    for (let i = 0; i < out.length; i++) {
      let b = Math.floor(this.#o.faults.random() * 256);
      // Interleaved garbage avoids DLE, ACK and NAK so the test of "garbage between
      // frames is skipped" is deterministic; replacing garbage may be anything.
      while (!anyByte && (b === 0x10 || b === 0x06 || b === 0x15)) b = Math.floor(this.#o.faults.random() * 256);
      out[i] = b;
    }
    this.counters.garbageOut += out.length;
    return out;
  }

  #write(bytes: Uint8Array): void {
    const port = this.#port;
    if (!port) return;
    const parts = this.#o.kind === 'serial' && this.#o.faults.garbage === 'interleave' && bytes.length > 1 ? [this.#garbage(1 + Math.floor(this.#o.faults.random() * 4), false), bytes] : [bytes];
    for (const part of parts) {
      const baud = this.#o.paceBaud;
      if (baud <= 0) {
        void Promise.resolve(port.write(part)).catch(() => {});
        continue;
      }
      // Pace like a UART: each chunk leaves after the previous one plus its own wire time.
      this.#writeChain = this.#writeChain.then(
        () =>
          new Promise<void>((resolve) => {
            this.#o.clock.setTimeout(() => {
              if (this.#port === port) void Promise.resolve(port.write(part)).catch(() => {});
              resolve();
            }, (part.length * 10 * 1000) / baud);
          }),
      );
    }
  }
}
