import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiBytes, concatBytes, fromHex, toHex } from '../shared/bytes.ts';
import {
  ACK_BYTES,
  type CardReaderWireEvent,
  createFrameDecoder,
  DLE_EOT_BYTES,
  encodeFrame,
  MAX_TEXT_LENGTH,
  NAK_BYTES,
} from './frame.ts';

describe('Sankyo frame encoding', () => {
  it('matches the worked example of ICT3Q8 spec annex 1 (Initialize "C0032400" → CRCC FACE)', () => {
    expect(toHex(encodeFrame(asciiBytes('C0032400')))).toBe('F2 00 08 43 30 30 33 32 34 30 30 FA CE');
  });
  it('rejects empty and oversize texts', () => {
    expect(() => encodeFrame(new Uint8Array())).toThrow(RangeError);
    expect(() => encodeFrame(new Uint8Array(MAX_TEXT_LENGTH + 1))).toThrow(RangeError);
    expect(encodeFrame(new Uint8Array(MAX_TEXT_LENGTH)).length).toBe(1024);
  });
});

describe('Sankyo streaming decoder', () => {
  const example = fromHex('F2 00 08 43 30 30 33 32 34 30 30 FA CE');

  it('decodes the spec example, and ACK / NAK / DLE EOT between frames', () => {
    const decoder = createFrameDecoder();
    const events = decoder.push(concatBytes(ACK_BYTES, example, NAK_BYTES, DLE_EOT_BYTES));
    expect(events).toEqual([{ kind: 'ack' }, { kind: 'frame', text: asciiBytes('C0032400') }, { kind: 'nak' }, { kind: 'cancel' }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('reports a bad CRC, skips that frame and carries on with the next one', () => {
    const broken = example.slice();
    broken[12] = 0xcf;
    const decoder = createFrameDecoder();
    expect(decoder.push(concatBytes(broken, example))).toEqual([
      { kind: 'error', reason: 'badCrc', bytes: 13 },
      { kind: 'frame', text: asciiBytes('C0032400') },
    ]);
  });

  it('reports an impossible LEN and resynchronises on the next STX', () => {
    const decoder = createFrameDecoder();
    // F2 FF F2: LEN FFF2 is too big; the second F2 inside "LEN" starts the real frame.
    const events = decoder.push(concatBytes(fromHex('F2 FF'), example));
    expect(events).toEqual([
      { kind: 'error', reason: 'oversize', bytes: 1 },
      { kind: 'error', reason: 'garbage', bytes: 1 },
      { kind: 'frame', text: asciiBytes('C0032400') },
    ]);
  });

  it('counts garbage, including a DLE not followed by EOT', () => {
    const decoder = createFrameDecoder();
    expect(decoder.push(fromHex('41 42 10 43 06'))).toEqual([{ kind: 'error', reason: 'garbage', bytes: 4 }, { kind: 'ack' }]);
  });

  it('reset() drops a half frame (inter-character timeout)', () => {
    const decoder = createFrameDecoder();
    decoder.push(example.subarray(0, 7));
    expect(decoder.bufferedBytes).toBe(7);
    decoder.reset();
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoder.push(example)).toEqual([{ kind: 'frame', text: asciiBytes('C0032400') }]);
  });

  type Token = { kind: 'frame'; text: Uint8Array } | { kind: 'ack' } | { kind: 'nak' } | { kind: 'cancel' };
  const tokenArb: fc.Arbitrary<Token> = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((text) => ({ kind: 'frame' as const, text })),
    fc.constant({ kind: 'ack' as const }),
    fc.constant({ kind: 'nak' as const }),
    fc.constant({ kind: 'cancel' as const }),
  );
  const wire = (t: Token): Uint8Array => (t.kind === 'frame' ? encodeFrame(t.text) : t.kind === 'ack' ? ACK_BYTES : t.kind === 'nak' ? NAK_BYTES : DLE_EOT_BYTES);

  /** Split bytes at the given cut points (sorted, deduplicated, in range). */
  const split = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let start = 0;
    for (const p of points) {
      chunks.push(bytes.subarray(start, p));
      start = p;
    }
    chunks.push(bytes.subarray(start));
    return chunks;
  };

  it('property: encode → decode round trip however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(tokenArb, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (tokens, cuts) => {
        const decoder = createFrameDecoder();
        const events: CardReaderWireEvent[] = [];
        for (const chunk of split(concatBytes(...tokens.map(wire)), cuts)) events.push(...decoder.push(chunk));
        expect(events).toEqual(tokens);
        expect(decoder.bufferedBytes).toBe(0);
      }),
    );
  });

  it('property: garbage between tokens is reported and never eats a token', () => {
    const garbageByte = fc.integer({ min: 0, max: 255 }).filter((b) => ![0xf2, 0x06, 0x15, 0x10].includes(b));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(garbageByte, { maxLength: 5 }), tokenArb), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (pairs, cuts) => {
          const decoder = createFrameDecoder();
          const stream = concatBytes(...pairs.flatMap(([junk, token]) => [Uint8Array.from(junk), wire(token)]));
          const events: CardReaderWireEvent[] = [];
          for (const chunk of split(stream, cuts)) events.push(...decoder.push(chunk));
          expect(events.filter((e) => e.kind !== 'error')).toEqual(pairs.map(([, token]) => token));
          const garbage = events.reduce((n, e) => n + (e.kind === 'error' && e.reason === 'garbage' ? e.bytes : 0), 0);
          expect(garbage).toBe(pairs.reduce((n, [junk]) => n + junk.length, 0));
        },
      ),
    );
  });

  it('property: arbitrary bytes in arbitrary chunks never throw and keep the buffer bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 30 }), (chunks) => {
        const decoder = createFrameDecoder();
        for (const chunk of chunks) {
          const events = decoder.push(chunk);
          // Each byte produces at most one event, so the decoder cannot spin.
          expect(events.length).toBeLessThanOrEqual(chunk.length + 1);
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(MAX_TEXT_LENGTH + 5);
        }
      }),
    );
  });

  it('property: after any junk, reset() brings the decoder back to a clean frame boundary', () => {
    // An unfinished junk "frame" can swallow what follows (it is LEN-delimited);
    // reset() (the adapter's inter-character timeout) always gets us back.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 50 }), (junk, text) => {
        const decoder = createFrameDecoder();
        decoder.push(junk);
        decoder.reset();
        expect(decoder.push(encodeFrame(text))).toEqual([{ kind: 'frame', text }]);
      }),
    );
  });
});
