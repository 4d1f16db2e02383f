/**
 * ZVT framing, pure: the serial block structure with DLE transparency and CRC, and
 * the plain APDU stream used over TCP/IP.
 *
 * Follows PA00P016_04 (ECR-Interface ZVT-Protocol, Transport-Protocol and
 * Application-Protocol) chapter 3 "Serial Transport-Protocol" and chapter 4
 * "Transport-Protocol TCP/IP":
 *
 *   serial message = DLE STX | APDU, every 10 (DLE) doubled | DLE ETX | CRC low | CRC high
 *   CRC            = over the APDU without the doubling, plus ETX (03); not over DLE STX,
 *                    the DLE of DLE ETX, or the inserted DLEs
 *   acknowledgement: ACK 06 / NAK 15, single bytes, not packed as a message
 *   TCP/IP         = the APDUs back to back, no DLE/STX/ETX/CRC (the receiver must cope with
 *                    arbitrarily split data)
 *
 * The CRC is CRC-16/KERMIT (see shared/crc16.ts for why, given the spec's wording);
 * the public example `10 02 80 00 00 10 03 F5 1F` is a unit test.
 *
 * Timeouts T1 (200 ms between bytes → NAK) and T2 (5 s for ACK/NAK → repeat, at most
 * two repeats, PA00P016 3.4/3.5) are the adapter's; on T1 it calls reset().
 *
 * Decoder resynchronisation: inside a message, DLE must be followed by DLE or ETX; a
 * DLE STX starts a new message (the old one is reported malformed); anything else is
 * malformed and we go back to hunting for DLE STX. An oversize message is skipped up
 * to its DLE ETX + CRC, so bytes inside it are never mistaken for ACK or NAK.
 */
import { wireEventSink } from '../../shared/wire-events.ts';
import { crc16Kermit } from '../../shared/crc16.ts';
import { apduTotalLength, DEFAULT_MAX_APDU_LENGTH } from './apdu.ts';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

export const ACK_BYTES: Uint8Array = Uint8Array.of(ACK);
export const NAK_BYTES: Uint8Array = Uint8Array.of(NAK);

/** CRC of a ZVT serial message: KERMIT over the (unescaped) APDU followed by ETX. */
export function zvtCrc(apdu: Uint8Array): number {
  const withEtx = new Uint8Array(apdu.length + 1);
  withEtx.set(apdu, 0);
  withEtx[apdu.length] = ETX;
  return crc16Kermit(withEtx);
}

export function encodeSerialFrame(apdu: Uint8Array): Uint8Array {
  let dles = 0;
  for (const b of apdu) if (b === DLE) dles++;
  const out = new Uint8Array(apdu.length + dles + 6);
  let i = 0;
  out[i++] = DLE;
  out[i++] = STX;
  for (const b of apdu) {
    out[i++] = b;
    if (b === DLE) out[i++] = DLE;
  }
  out[i++] = DLE;
  out[i++] = ETX;
  const crc = zvtCrc(apdu);
  out[i++] = crc & 0xff;
  out[i] = crc >> 8;
  return out;
}

export type ZvtSerialEvent =
  | { readonly kind: 'apdu'; readonly apdu: Uint8Array }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak' }
  | { readonly kind: 'error'; readonly reason: 'badCrc' | 'oversize' | 'malformed' | 'garbage'; readonly bytes: number };

export interface ZvtSerialDecoder {
  push(chunk: Uint8Array): ZvtSerialEvent[];
  reset(): void;
  /** Unescaped APDU bytes held for an incomplete message; never more than maxApduLength. */
  readonly bufferedBytes: number;
}

export interface ZvtDecoderOptions {
  maxApduLength?: number;
}

export function createSerialFrameDecoder(options: ZvtDecoderOptions = {}): ZvtSerialDecoder {
  const max = options.maxApduLength ?? DEFAULT_MAX_APDU_LENGTH;
  const body = new Uint8Array(max);
  type State = 'idle' | 'idleDle' | 'body' | 'bodyDle' | 'crcLow' | 'crcHigh' | 'skip' | 'skipDle' | 'skipCrc';
  let state: State = 'idle';
  let length = 0;
  let consumed = 0; // bytes on the wire of the current message, for error reports
  let crcLow = 0;
  let skipCrcLeft = 0;
  const sink = wireEventSink<ZvtSerialEvent>((bytes) => ({ kind: 'error', reason: 'garbage', bytes }));
  const { emit, flushGarbage } = sink;
  const startMessage = (): void => {
    flushGarbage();
    state = 'body';
    length = 0;
    consumed = 2;
  };

  const feed = (byte: number): void => {
    switch (state) {
      case 'idle':
        if (byte === DLE) state = 'idleDle';
        else if (byte === ACK) emit({ kind: 'ack' });
        else if (byte === NAK) emit({ kind: 'nak' });
        else sink.garbage();
        return;
      case 'idleDle':
        if (byte === STX) {
          startMessage();
        } else {
          sink.garbage(); // the DLE
          state = 'idle';
          feed(byte);
        }
        return;
      case 'body':
        consumed++;
        if (byte === DLE) {
          state = 'bodyDle';
          return;
        }
        append(byte);
        return;
      case 'bodyDle':
        consumed++;
        if (byte === DLE) {
          state = 'body';
          append(DLE);
        } else if (byte === ETX) {
          state = 'crcLow';
        } else if (byte === STX) {
          emit({ kind: 'error', reason: 'malformed', bytes: consumed - 2 });
          startMessage();
        } else {
          emit({ kind: 'error', reason: 'malformed', bytes: consumed - 1 });
          state = 'idle';
          feed(byte);
        }
        return;
      case 'crcLow':
        crcLow = byte;
        state = 'crcHigh';
        return;
      case 'crcHigh': {
        const received = crcLow | (byte << 8);
        const apdu = body.slice(0, length);
        state = 'idle';
        if (received !== zvtCrc(apdu)) {
          emit({ kind: 'error', reason: 'badCrc', bytes: consumed + 2 });
        } else if (apduTotalLength(apdu) !== apdu.length) {
          // CRC fine but the APDU's own length field disagrees: a sender bug, not line noise.
          emit({ kind: 'error', reason: 'malformed', bytes: consumed + 2 });
        } else {
          emit({ kind: 'apdu', apdu });
        }
        return;
      }
      case 'skip':
        if (byte === DLE) state = 'skipDle';
        return;
      case 'skipDle':
        if (byte === ETX) {
          state = 'skipCrc';
          skipCrcLeft = 2;
        } else if (byte === STX) {
          startMessage();
        } else {
          state = 'skip';
        }
        return;
      case 'skipCrc':
        if (--skipCrcLeft === 0) state = 'idle';
        return;
    }
  };

  function append(byte: number): void {
    if (length >= max) {
      emit({ kind: 'error', reason: 'oversize', bytes: consumed });
      state = 'skip';
      length = 0;
      return;
    }
    body[length++] = byte;
  }

  return {
    push(chunk) {
      for (const byte of chunk) feed(byte);
      return sink.take();
    },
    reset() {
      state = 'idle';
      length = 0;
      sink.reset();
    },
    get bufferedBytes() {
      return state === 'body' || state === 'bodyDle' || state === 'crcLow' || state === 'crcHigh' ? length : 0;
    },
  };
}

export type ZvtTcpEvent =
  | { readonly kind: 'apdu'; readonly apdu: Uint8Array }
  | { readonly kind: 'error'; readonly reason: 'oversize'; readonly bytes: number };

export interface ZvtTcpDecoder {
  push(chunk: Uint8Array): ZvtTcpEvent[];
  reset(): void;
  readonly bufferedBytes: number;
}

/**
 * APDUs back to back over TCP/IP (PA00P016 chapter 4). An APDU announcing more than
 * maxApduLength is reported and its bytes are skipped without being stored.
 */
export function createTcpApduDecoder(options: ZvtDecoderOptions = {}): ZvtTcpDecoder {
  const max = options.maxApduLength ?? DEFAULT_MAX_APDU_LENGTH;
  const buffer = new Uint8Array(max);
  let filled = 0;
  let skipping = 0;
  return {
    push(chunk) {
      const out: ZvtTcpEvent[] = [];
      let i = 0;
      while (i < chunk.length) {
        if (skipping > 0) {
          const n = Math.min(skipping, chunk.length - i);
          skipping -= n;
          i += n;
          continue;
        }
        // Take bytes until the header is complete, then until the APDU is.
        const total = apduTotalLength(buffer.subarray(0, filled));
        const want = total === undefined ? (filled < 3 ? 3 : 5) : total;
        if (total !== undefined && total > max) {
          out.push({ kind: 'error', reason: 'oversize', bytes: total });
          skipping = total - filled;
          filled = 0;
          continue;
        }
        const n = Math.min(want - filled, chunk.length - i);
        buffer.set(chunk.subarray(i, i + n), filled);
        filled += n;
        i += n;
        if (total !== undefined && filled === total) {
          out.push({ kind: 'apdu', apdu: buffer.slice(0, total) });
          filled = 0;
        }
      }
      // A complete APDU may be waiting if the header arrived with its last byte.
      const total = apduTotalLength(buffer.subarray(0, filled));
      if (total !== undefined && filled === total && total <= max) {
        out.push({ kind: 'apdu', apdu: buffer.slice(0, total) });
        filled = 0;
      }
      return out;
    },
    reset() {
      filled = 0;
      skipping = 0;
    },
    get bufferedBytes() {
      return filled;
    },
  };
}
