import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared/bytes.ts';
import { decodeFrame, encodeFrame, FingerprintFrameDecoder, MAX_FRAME, MAX_PAYLOAD, PID, type FingerprintFrame } from './fingerprint-frame.ts';

describe('fingerprint frame', () => {
  it('encodes a CAPTURE command byte for byte (header, PID, seq, length, payload, additive checksum)', () => {
    // payload 02 14 28 = CAPTURE, 20 s, min quality 40
    // sum = 01 + 05 + 00 + 03 + 02 + 14 + 28 = 0x47
    const bytes = encodeFrame({ pid: PID.command, seq: 5, payload: fromHex('02 14 28') });
    expect(toHex(bytes)).toBe('EF 01 01 05 00 03 02 14 28 00 47');
  });

  it('carries the checksum over 16 bits, big-endian', () => {
    const payload = new Uint8Array(300).fill(0xff); // 300 × 255 = 76500 → + 07 + 01 + 01 + 2C
    const bytes = encodeFrame({ pid: PID.reply, seq: 1, payload });
    const sum = (0x07 + 0x01 + 0x01 + 0x2c + 300 * 0xff) & 0xffff;
    expect(bytes.length).toBe(6 + 300 + 2);
    expect([bytes[306], bytes[307]]).toEqual([sum >> 8, sum & 0xff]);
    expect(decodeFrame(bytes)).toMatchObject({ ok: true, value: { pid: PID.reply, seq: 1 } });
  });

  it('refuses to encode what the protocol cannot carry', () => {
    expect(() => encodeFrame({ pid: PID.command, seq: 256, payload: new Uint8Array(1) })).toThrow(RangeError);
    expect(() => encodeFrame({ pid: PID.command, seq: 1, payload: new Uint8Array(MAX_PAYLOAD + 1) })).toThrow(RangeError);
    expect(() => encodeFrame({ pid: 0x02 as typeof PID.command, seq: 1, payload: new Uint8Array(1) })).toThrow(RangeError);
  });

  it('reports a bad checksum and finds the next good frame', () => {
    const good = encodeFrame({ pid: PID.event, seq: 9, payload: fromHex('01') });
    const bad = encodeFrame({ pid: PID.reply, seq: 8, payload: fromHex('02 00 52') });
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    const events = new FingerprintFrameDecoder().push(Uint8Array.of(...bad, ...good));
    expect(events[0]).toEqual({ kind: 'error', error: 'bad checksum' });
    expect(events.filter((e) => e.kind === 'frame')).toEqual([{ kind: 'frame', frame: { pid: PID.event, seq: 9, payload: fromHex('01') } }]);
  });

  it('rejects an oversize length and an unknown PID without waiting for bytes that will never come', () => {
    const decoder = new FingerprintFrameDecoder();
    expect(decoder.push(fromHex('EF 01 07 01 FF FF'))).toEqual([
      { kind: 'error', error: 'frame length 65535 over the 1024-byte limit' },
      { kind: 'error', error: '4 bytes of garbage skipped' },
    ]);
    expect(decoder.push(fromHex('EF 01 02 01 00 00'))[0]).toEqual({ kind: 'error', error: 'unknown PID 0x2' });
    expect(decoder.buffered).toBe(0);
  });

  it('keeps a trailing EF, which may start a header split across reports', () => {
    const frame = encodeFrame({ pid: PID.reply, seq: 3, payload: fromHex('01 00') });
    const decoder = new FingerprintFrameDecoder();
    expect(decoder.push(Uint8Array.of(0x55, frame[0]!))).toEqual([{ kind: 'error', error: '1 bytes of garbage skipped' }]);
    expect(decoder.buffered).toBe(1);
    expect(decoder.push(frame.subarray(1))).toEqual([{ kind: 'frame', frame: { pid: PID.reply, seq: 3, payload: fromHex('01 00') } }]);
  });
});

const frameArb: fc.Arbitrary<FingerprintFrame> = fc.record({
  pid: fc.constantFrom(PID.command, PID.reply, PID.event),
  seq: fc.integer({ min: 0, max: 255 }),
  payload: fc.uint8Array({ maxLength: 300 }),
});

/** Split bytes at the given cut points (report boundaries mean nothing). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe('fingerprint frame properties', () => {
  it('round trip: frames split anywhere come back whole and in order', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 }), (frames, cuts) => {
        const stream = Uint8Array.from(frames.flatMap((f) => [...encodeFrame(f)]));
        const decoder = new FingerprintFrameDecoder();
        const events = split(stream, cuts).flatMap((chunk) => decoder.push(chunk));
        expect(events).toEqual(frames.map((frame) => ({ kind: 'frame', frame: { ...frame, payload: Uint8Array.from(frame.payload) } })));
        expect(decoder.buffered).toBe(0);
      }),
    );
  });

  it('garbage never throws, never buffers more than one frame, and a good frame after it still decodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 6 }), frameArb, (garbage, frame) => {
        const decoder = new FingerprintFrameDecoder();
        for (const chunk of garbage) {
          decoder.push(chunk);
          expect(decoder.buffered).toBeLessThan(MAX_FRAME);
        }
        // Whatever the garbage left half-parsed, at most one frame's worth of bytes can be
        // swallowed by it; after that the decoder is back in sync.
        const encoded = encodeFrame(frame);
        const frames = [...decoder.push(new Uint8Array(MAX_FRAME)), ...decoder.push(encoded), ...decoder.push(encoded)].filter((e) => e.kind === 'frame');
        expect(frames.length).toBeGreaterThanOrEqual(1);
        expect(frames.at(-1)).toEqual({ kind: 'frame', frame: { ...frame, payload: Uint8Array.from(frame.payload) } });
      }),
      { numRuns: 200 },
    );
  });

  it('one huge garbage chunk is processed in bounded slices', () => {
    const decoder = new FingerprintFrameDecoder();
    const huge = new Uint8Array(1_000_000).map((_, i) => (i * 7919) & 0xff);
    const events = decoder.push(huge);
    expect(decoder.buffered).toBeLessThan(MAX_FRAME);
    expect(events.every((e) => e.kind === 'error' || e.kind === 'frame')).toBe(true);
  });
});
