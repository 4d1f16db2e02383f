/**
 * Sankyo ICT3K5 / ICT3Q8 serial framing ("RS-232C 8bit protocol"), pure.
 *
 * Follows: Sankyo "Interface Specification ICT3Q8-3A0264 / MCT3Q8-3A0264",
 * ASL-NP-09256-01 (2004), chapters 1.3 "Transmission format", 2 "Transmission /
 * control protocol", 3 "State transition matrix" and annex 1 "Calculation method
 * of CRCC" (public copy: github.com/dd5xl/Sankyo_Reader, Docs/MCT3Q8-3A0264 I.pdf).
 * Cross-checked against Sankyo's own Linux library source Prtcl_RS232C_8.c (frame
 * build and reply parsing) and two ICT3K5 drivers (Filuet.Hardware.CardReaders, C#;
 * smartware ICT3K5 driver, Ruby), which use the same framing at 115200 8E1.
 *
 *   frame = STX(F2) | LEN (2 bytes, big-endian, = length of TEXT) | TEXT | CRCC (2 bytes, high first)
 *   CRCC  = CRC-16/XMODEM (X16+X12+X5+1, initial 0000) over STX + LEN + TEXT
 *   ACK 06 / NAK 15 are single bytes outside frames; "DLE EOT" (10 04) cancels a running
 *   command and the reader answers DLE EOT.
 *
 * The decoder takes chunks split anywhere, yields frames, ACK, NAK, DLE EOT and
 * errors (bad CRC, oversize LEN, garbage between frames), resynchronises on the next
 * STX, and never holds more than one maximum frame. Timing (250 ms between
 * characters, 300 ms for ACK, 20 s for a reply) is the adapter's business: on an
 * inter-character timeout it calls reset(), as the spec's state machine does.
 *
 * Deviations: on a bad CRC we discard the whole LEN-delimited frame (as the spec's
 * receiver does: it reads LEN bytes, then the CRCC, then NAKs). On an oversize LEN we
 * cannot trust LEN, so we report it and rescan the two LEN bytes for a new STX.
 */
import { wireEventSink } from '../shared/wire-events.ts';
import { crc16Xmodem } from '../shared/crc16.ts';

export const STX = 0xf2;
export const ACK = 0x06;
export const NAK = 0x15;
export const DLE = 0x10;
export const EOT = 0x04;

/** The spec limits a frame to 1024 bytes: 1024 - STX - LEN(2) - CRCC(2). */
export const MAX_TEXT_LENGTH = 1019;

export const ACK_BYTES: Uint8Array = Uint8Array.of(ACK);
export const NAK_BYTES: Uint8Array = Uint8Array.of(NAK);
export const DLE_EOT_BYTES: Uint8Array = Uint8Array.of(DLE, EOT);

export function encodeFrame(text: Uint8Array): Uint8Array {
  if (text.length === 0 || text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`Sankyo frame text must be 1..${MAX_TEXT_LENGTH} bytes, got ${text.length}`);
  }
  const frame = new Uint8Array(text.length + 5);
  frame[0] = STX;
  frame[1] = text.length >> 8;
  frame[2] = text.length & 0xff;
  frame.set(text, 3);
  const crc = crc16Xmodem(frame.subarray(0, text.length + 3));
  frame[text.length + 3] = crc >> 8;
  frame[text.length + 4] = crc & 0xff;
  return frame;
}

export type CardReaderWireEvent =
  | { readonly kind: 'frame'; readonly text: Uint8Array }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'error'; readonly reason: 'badCrc' | 'oversize' | 'garbage'; readonly bytes: number };

export interface CardReaderFrameDecoder {
  push(chunk: Uint8Array): CardReaderWireEvent[];
  /** Drop a half-received frame (inter-character timeout, port reopened). */
  reset(): void;
  /** Bytes held for an incomplete frame; never more than MAX_TEXT_LENGTH + 5. */
  readonly bufferedBytes: number;
}

export interface FrameDecoderOptions {
  maxTextLength?: number;
}

export function createFrameDecoder(options: FrameDecoderOptions = {}): CardReaderFrameDecoder {
  const maxText = options.maxTextLength ?? MAX_TEXT_LENGTH;
  // Whole frame (STX..CRC) is collected here; allocated once, so memory is bounded.
  const frame = new Uint8Array(maxText + 5);
  let state: 'idle' | 'dle' | 'length' | 'body' = 'idle';
  let filled = 0;
  let needed = 0;
  const sink = wireEventSink<CardReaderWireEvent>((bytes) => ({ kind: 'error', reason: 'garbage', bytes }));
  const { emit, flushGarbage } = sink;

  const feedIdle = (byte: number): void => {
    switch (byte) {
      case STX:
        flushGarbage();
        frame[0] = STX;
        filled = 1;
        state = 'length';
        return;
      case ACK:
        emit({ kind: 'ack' });
        return;
      case NAK:
        emit({ kind: 'nak' });
        return;
      case DLE:
        state = 'dle';
        return;
      default:
        sink.garbage();
    }
  };

  const feed = (byte: number): void => {
    switch (state) {
      case 'idle':
        feedIdle(byte);
        return;
      case 'dle':
        state = 'idle';
        if (byte === EOT) {
          emit({ kind: 'cancel' });
        } else {
          sink.garbage(); // the lone DLE
          feedIdle(byte);
        }
        return;
      case 'length': {
        frame[filled++] = byte;
        if (filled < 3) return;
        const length = ((frame[1] ?? 0) << 8) | (frame[2] ?? 0);
        if (length === 0 || length > maxText) {
          emit({ kind: 'error', reason: 'oversize', bytes: 1 });
          state = 'idle';
          filled = 0;
          // LEN was not a length after all: look for a real STX in those two bytes.
          const rescan = [frame[1] ?? 0, frame[2] ?? 0];
          for (const b of rescan) feed(b);
          return;
        }
        needed = 3 + length + 2;
        state = 'body';
        return;
      }
      case 'body': {
        frame[filled++] = byte;
        if (filled < needed) return;
        const textEnd = needed - 2;
        const expected = crc16Xmodem(frame.subarray(0, textEnd));
        const received = ((frame[textEnd] ?? 0) << 8) | (frame[textEnd + 1] ?? 0);
        if (expected === received) {
          emit({ kind: 'frame', text: frame.slice(3, textEnd) });
        } else {
          emit({ kind: 'error', reason: 'badCrc', bytes: needed });
        }
        state = 'idle';
        filled = 0;
        return;
      }
    }
  };

  return {
    push(chunk) {
      for (const byte of chunk) feed(byte);
      return sink.take();
    },
    reset() {
      state = 'idle';
      filled = 0;
      sink.reset();
    },
    get bufferedBytes() {
      return state === 'length' || state === 'body' ? filled : 0;
    },
  };
}
