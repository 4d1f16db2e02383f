/**
 * Framing of our fingerprint reader protocol ("KFP", documented in
 * docs/devices-hid-a4.md). It is our own, modelled on the packet format of
 * the common optical fingerprint modules (ZhianTec ZFM-20 / R30x family, whose
 * public datasheet gives `EF 01 | address | PID | length | contents | checksum`
 * with a 16-bit additive checksum): we keep the EF 01 header, the packet
 * identifier and the additive checksum, drop the 4-byte module address (USB
 * addresses the device) and add a sequence number so replies and events can
 * be matched to the command that caused them.
 *
 *   frame = EF 01 | PID | SEQ | LEN (2, big-endian) | payload (LEN) | SUM (2, big-endian)
 *   SUM   = (PID + SEQ + LEN_hi + LEN_lo + Σ payload) mod 65536
 *   PID   = 01 command (host → device), 07 reply, 09 event (device → host)
 *
 * Frames travel as a byte stream in HID reports (hid/stream-reports.ts).
 * The decoder accepts chunks split anywhere, resynchronises on the next
 * EF 01 after garbage, an unknown PID, an oversize LEN or a bad checksum, and
 * never buffers more than one maximum frame.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';

export const HEADER_0 = 0xef;
export const HEADER_1 = 0x01;
export const PID = { command: 0x01, reply: 0x07, event: 0x09 } as const;
export type FramePid = (typeof PID)[keyof typeof PID];

/** Largest payload: a 1000-byte template plus the opcode, rounded up. */
export const MAX_PAYLOAD = 1024;
const HEADER_LENGTH = 6;
const SUM_LENGTH = 2;
export const MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + SUM_LENGTH;

export interface FingerprintFrame {
  readonly pid: FramePid;
  readonly seq: number;
  readonly payload: Uint8Array;
}

export type FrameDecoderEvent = { readonly kind: 'frame'; readonly frame: FingerprintFrame } | { readonly kind: 'error'; readonly error: string };

const isPid = (value: number): value is FramePid => value === PID.command || value === PID.reply || value === PID.event;

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xffff;
  return sum;
}

export function encodeFrame(frame: FingerprintFrame): Uint8Array {
  if (!isPid(frame.pid)) throw new RangeError(`unknown PID ${frame.pid}`);
  if (!Number.isInteger(frame.seq) || frame.seq < 0 || frame.seq > 0xff) throw new RangeError(`seq must be a byte, got ${frame.seq}`);
  if (frame.payload.length > MAX_PAYLOAD) throw new RangeError(`payload is ${frame.payload.length} bytes, the limit is ${MAX_PAYLOAD}`);
  const out = new Uint8Array(HEADER_LENGTH + frame.payload.length + SUM_LENGTH);
  out[0] = HEADER_0;
  out[1] = HEADER_1;
  out[2] = frame.pid;
  out[3] = frame.seq;
  out[4] = frame.payload.length >> 8;
  out[5] = frame.payload.length & 0xff;
  out.set(frame.payload, HEADER_LENGTH);
  const sum = checksum(out.subarray(2, HEADER_LENGTH + frame.payload.length));
  out[HEADER_LENGTH + frame.payload.length] = sum >> 8;
  out[HEADER_LENGTH + frame.payload.length + 1] = sum & 0xff;
  return out;
}

/** Decode exactly one whole frame (tests and the simulator's single-frame path). */
export function decodeFrame(bytes: Uint8Array): DecodeResult<FingerprintFrame> {
  const decoder = new FingerprintFrameDecoder();
  const events = decoder.push(bytes);
  const first = events[0];
  if (events.length !== 1 || first === undefined || decoder.buffered !== 0) {
    return fail(first?.kind === 'error' ? first.error : 'not exactly one frame');
  }
  return first.kind === 'frame' ? ok(first.frame) : fail(first.error);
}

export class FingerprintFrameDecoder {
  #buffer = new Uint8Array(0);

  /** Bytes held for an incomplete frame; never more than MAX_FRAME - 1. */
  get buffered(): number {
    return this.#buffer.length;
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): FrameDecoderEvent[] {
    const events: FrameDecoderEvent[] = [];
    // Work through the chunk in slices small enough that the buffer stays bounded
    // even when one huge chunk of garbage arrives.
    for (let offset = 0; offset < chunk.length; offset += MAX_FRAME) {
      this.#append(chunk.subarray(offset, offset + MAX_FRAME));
      this.#drain(events);
    }
    return events;
  }

  #append(bytes: Uint8Array): void {
    const next = new Uint8Array(this.#buffer.length + bytes.length);
    next.set(this.#buffer);
    next.set(bytes, this.#buffer.length);
    this.#buffer = next;
  }

  #drain(events: FrameDecoderEvent[]): void {
    for (;;) {
      const buffer = this.#buffer;
      const start = findHeader(buffer);
      if (start < 0) {
        // Keep a trailing EF: it may be the first half of a header.
        const keep = buffer.length > 0 && buffer[buffer.length - 1] === HEADER_0 ? 1 : 0;
        if (buffer.length - keep > 0) events.push({ kind: 'error', error: `${buffer.length - keep} bytes of garbage skipped` });
        this.#buffer = buffer.slice(buffer.length - keep);
        return;
      }
      if (start > 0) {
        events.push({ kind: 'error', error: `${start} bytes of garbage skipped` });
        this.#buffer = buffer.slice(start);
        continue;
      }
      if (buffer.length < HEADER_LENGTH) return;
      const pid = buffer[2]!;
      const length = (buffer[4]! << 8) | buffer[5]!;
      if (!isPid(pid)) {
        events.push({ kind: 'error', error: `unknown PID 0x${pid.toString(16)}` });
        this.#buffer = buffer.slice(2);
        continue;
      }
      if (length > MAX_PAYLOAD) {
        events.push({ kind: 'error', error: `frame length ${length} over the ${MAX_PAYLOAD}-byte limit` });
        this.#buffer = buffer.slice(2);
        continue;
      }
      const total = HEADER_LENGTH + length + SUM_LENGTH;
      if (buffer.length < total) return;
      const expected = checksum(buffer.subarray(2, HEADER_LENGTH + length));
      const received = (buffer[HEADER_LENGTH + length]! << 8) | buffer[HEADER_LENGTH + length + 1]!;
      if (expected !== received) {
        // LEN may be corrupt too, so do not trust it to skip: rescan after the header.
        events.push({ kind: 'error', error: 'bad checksum' });
        this.#buffer = buffer.slice(2);
        continue;
      }
      events.push({ kind: 'frame', frame: { pid, seq: buffer[3]!, payload: buffer.slice(HEADER_LENGTH, HEADER_LENGTH + length) } });
      this.#buffer = buffer.slice(total);
    }
  }
}

function findHeader(buffer: Uint8Array): number {
  for (let i = 0; i + 1 < buffer.length; i++) {
    if (buffer[i] === HEADER_0 && buffer[i + 1] === HEADER_1) return i;
  }
  return -1;
}
