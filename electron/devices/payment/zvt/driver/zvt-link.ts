/**
 * The ZVT link layer between the driver and a ByteTransport: whole APDUs in and
 * out, whatever the wire.
 *
 *  - serial (PA00P016 chapter 3): every APDU goes in a DLE STX … DLE ETX CRC frame;
 *    the receiver answers ACK (06) or NAK (15). We ACK every good frame at once,
 *    NAK a bad one (bad CRC, malformed, oversize, or left half-received for T1), and
 *    repeat our own frame on NAK up to `maxTransmissions` in all. On silence (T2)
 *    the frame is repeated only when the caller says it is safe (`repeatOnSilence`):
 *    money frames are never repeated blindly, the PT may have taken the first.
 *  - tcp (PA00P016 chapter 4): APDUs back to back, TCP does the rest. A send is
 *    done once the bytes are written; the APDU-level 80 00 00 confirms receipt.
 *
 * The link never throws into its caller: a closed transport or a failed write
 * comes back as a SendResult.
 */
import type { DeviceClock } from '../../../contract/clock.ts';
import type { ByteTransport } from '../../../transport/byte-transport.ts';
import { ACK_BYTES, createSerialFrameDecoder, createTcpApduDecoder, encodeSerialFrame, NAK_BYTES } from '../framing.ts';
import type { ZvtTiming } from './zvt-timing.ts';

export type SendResult =
  | { readonly ok: true; readonly transmissions: number }
  /** `notSent`: the link was down before the first byte went out — the PT cannot have acted on it. */
  | { readonly ok: false; readonly reason: 'notSent' | 'nak' | 'noAck' | 'closed'; readonly transmissions: number };

export interface LinkCounters {
  framesSent: number;
  framesReceived: number;
  retransmissions: number;
  naksReceived: number;
  naksSent: number;
  ackTimeouts: number;
  badCrc: number;
  malformedFrames: number;
  garbageBytes: number;
  interByteTimeouts: number;
  strayAcks: number;
}

export interface SendOptions {
  /** Repeat the frame when T2 passes without ACK/NAK. False for money frames. */
  readonly repeatOnSilence: boolean;
}

export interface ZvtLink {
  readonly kind: 'serial' | 'tcp';
  readonly isOpen: boolean;
  readonly description: string;
  send(apdu: Uint8Array, options: SendOptions): Promise<SendResult>;
  onApdu(listener: (apdu: Uint8Array) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  readonly counters: Readonly<LinkCounters>;
  /** Stop listening and clear timers; the transport itself is closed by its owner. */
  dispose(): void;
}

export function newLinkCounters(): LinkCounters {
  return {
    framesSent: 0,
    framesReceived: 0,
    retransmissions: 0,
    naksReceived: 0,
    naksSent: 0,
    ackTimeouts: 0,
    badCrc: 0,
    malformedFrames: 0,
    garbageBytes: 0,
    interByteTimeouts: 0,
    strayAcks: 0,
  };
}

interface Pending {
  frame: Uint8Array;
  options: SendOptions;
  transmissions: number;
  timer: unknown;
  resolve(result: SendResult): void;
}

/** Listener sets and close fan-out shared by both link kinds. */
function linkBase(transport: ByteTransport) {
  const apduListeners = new Set<(apdu: Uint8Array) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let closed = !transport.isOpen;
  const emitApdu = (apdu: Uint8Array) => {
    for (const l of [...apduListeners]) l(apdu);
  };
  const emitClose = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const l of [...closeListeners]) l(reason);
  };
  return {
    apduListeners,
    closeListeners,
    emitApdu,
    emitClose,
    isClosed: () => closed,
    onApdu(listener: (apdu: Uint8Array) => void) {
      apduListeners.add(listener);
      return () => apduListeners.delete(listener);
    },
    onClose(listener: (reason: string) => void) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}

export function createSerialZvtLink(transport: ByteTransport, clock: DeviceClock, timing: ZvtTiming): ZvtLink {
  const base = linkBase(transport);
  const counters = newLinkCounters();
  const decoder = createSerialFrameDecoder();
  const queue: Pending[] = [];
  let current: Pending | undefined;
  let t1: unknown;

  const write = (bytes: Uint8Array): Promise<boolean> =>
    transport.isOpen
      ? transport.write(bytes).then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);

  const finish = (result: SendResult) => {
    const p = current;
    if (!p) return;
    clock.clearTimeout(p.timer);
    current = undefined;
    p.resolve(result);
    startNext();
  };

  const transmit = (p: Pending) => {
    if (!transport.isOpen) {
      finish({ ok: false, reason: p.transmissions === 0 ? 'notSent' : 'closed', transmissions: p.transmissions });
      return;
    }
    p.transmissions++;
    counters.framesSent++;
    if (p.transmissions > 1) counters.retransmissions++;
    p.timer = clock.setTimeout(() => onAckTimeout(p), timing.t2AckMs);
    // A write that fails after the port was open may have put some bytes on the wire: 'closed', not 'notSent'.
    void write(p.frame).then((written) => {
      if (!written && current === p) finish({ ok: false, reason: 'closed', transmissions: p.transmissions });
    });
  };

  const onAckTimeout = (p: Pending) => {
    if (current !== p) return;
    counters.ackTimeouts++;
    if (p.options.repeatOnSilence && p.transmissions < timing.maxTransmissions) transmit(p);
    else finish({ ok: false, reason: 'noAck', transmissions: p.transmissions });
  };

  function startNext(): void {
    if (current || queue.length === 0) return;
    current = queue.shift();
    if (current) transmit(current);
  }

  const nak = () => {
    counters.naksSent++;
    void write(NAK_BYTES);
  };

  const offData = transport.onData((chunk) => {
    clock.clearTimeout(t1);
    for (const event of decoder.push(chunk)) {
      switch (event.kind) {
        case 'apdu':
          counters.framesReceived++;
          void write(ACK_BYTES);
          base.emitApdu(event.apdu);
          break;
        case 'ack':
          if (current) finish({ ok: true, transmissions: current.transmissions });
          else counters.strayAcks++;
          break;
        case 'nak':
          if (current) {
            counters.naksReceived++;
            clock.clearTimeout(current.timer);
            if (current.transmissions < timing.maxTransmissions) transmit(current);
            else finish({ ok: false, reason: 'nak', transmissions: current.transmissions });
          } else {
            counters.strayAcks++;
          }
          break;
        case 'error':
          if (event.reason === 'garbage') {
            counters.garbageBytes += event.bytes;
          } else {
            if (event.reason === 'badCrc') counters.badCrc++;
            else counters.malformedFrames++;
            nak();
          }
          break;
      }
    }
    // A message left half-received: T1 later it is dropped and NAKed (PA00P016 3.4).
    if (decoder.bufferedBytes > 0) {
      t1 = clock.setTimeout(() => {
        decoder.reset();
        counters.interByteTimeouts++;
        nak();
      }, timing.t1InterByteMs);
    }
  });

  const offClose = transport.onClose((reason) => {
    clock.clearTimeout(t1);
    if (current) finish({ ok: false, reason: 'closed', transmissions: current.transmissions });
    for (const p of queue.splice(0)) p.resolve({ ok: false, reason: 'notSent', transmissions: 0 });
    base.emitClose(reason);
  });

  return {
    kind: 'serial',
    get isOpen() {
      return transport.isOpen && !base.isClosed();
    },
    description: `ZVT serial over ${transport.description}`,
    send(apdu, options) {
      return new Promise<SendResult>((resolve) => {
        queue.push({ frame: encodeSerialFrame(apdu), options, transmissions: 0, timer: undefined, resolve });
        startNext();
      });
    },
    onApdu: base.onApdu,
    onClose: base.onClose,
    counters,
    dispose() {
      offData();
      offClose();
      clock.clearTimeout(t1);
      if (current) finish({ ok: false, reason: 'closed', transmissions: current.transmissions });
      for (const p of queue.splice(0)) p.resolve({ ok: false, reason: 'notSent', transmissions: 0 });
      base.apduListeners.clear();
      base.closeListeners.clear();
    },
  };
}

export function createTcpZvtLink(transport: ByteTransport): ZvtLink {
  const base = linkBase(transport);
  const counters = newLinkCounters();
  const decoder = createTcpApduDecoder();
  const offData = transport.onData((chunk) => {
    for (const event of decoder.push(chunk)) {
      if (event.kind === 'apdu') {
        counters.framesReceived++;
        base.emitApdu(event.apdu);
      } else {
        counters.malformedFrames++;
      }
    }
  });
  const offClose = transport.onClose((reason) => base.emitClose(reason));
  return {
    kind: 'tcp',
    get isOpen() {
      return transport.isOpen && !base.isClosed();
    },
    description: `ZVT over ${transport.description}`,
    async send(apdu) {
      if (!transport.isOpen) return { ok: false, reason: 'notSent', transmissions: 0 };
      counters.framesSent++;
      try {
        await transport.write(apdu);
        return { ok: true, transmissions: 1 };
      } catch {
        return { ok: false, reason: 'closed', transmissions: 1 };
      }
    },
    onApdu: base.onApdu,
    onClose: base.onClose,
    counters,
    dispose() {
      offData();
      offClose();
      base.apduListeners.clear();
      base.closeListeners.clear();
    },
  };
}
