import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../shared/bytes.ts';
import { createEscPosSplitter, type EscPosCommand } from './command-splitter.ts';
import { buildRasterPrintJob, PAPER_WIDTH_DOTS, type RasterBitmap } from './print-job.ts';
import {
  type AsbStatus,
  asbToDeviceStatus,
  automaticStatusBackCommand,
  createPrinterReplyDecoder,
  decodeAsb,
  decodeRealtimeStatus,
  encodeAsb,
  encodeRealtimeStatus,
  type RealtimeStatus,
  realtimeStatusRequest,
} from './status.ts';

function bitmapOf(width: number, height: number, dot: (x: number, y: number) => boolean): RasterBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (dot(x, y)) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
  return { width, height, bytesPerRow, data };
}

function splitAll(bytes: Uint8Array, chunk = bytes.length || 1): EscPosCommand[] {
  const splitter = createEscPosSplitter();
  const out: EscPosCommand[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...splitter.push(bytes.subarray(i, i + chunk)));
  return out;
}

describe('raster print job (built with @point-of-sale/receipt-printer-encoder)', () => {
  const receipt = bitmapOf(PAPER_WIDTH_DOTS, 300, (x, y) => (x + y) % 7 === 0 || y === 0);

  it('starts with ESC @ and a GS v 0 raster of 72 bytes x 255 rows, ends with feed and GS V 0 (full cut)', () => {
    const job = buildRasterPrintJob(receipt);
    expect(toHex(job.subarray(0, 15))).toBe('1B 40 1C 2E 1B 4D 00 1D 76 30 00 48 00 FF 00');
    expect(toHex(job.subarray(job.length - 9))).toBe('0A 0A 0A 0A 0A 1D 56 00 0A');
  });

  it('the simulator side gets the same dots back: split the job and reassemble the raster', () => {
    for (const chunk of [1, 7, 4096]) {
      const commands = splitAll(buildRasterPrintJob(receipt), chunk);
      const rasters = commands.filter((c): c is Extract<EscPosCommand, { kind: 'rasterImage' }> => c.kind === 'rasterImage');
      // 300 rows padded to 304 (a multiple of 8), in chunks of at most 255 rows.
      expect(rasters.map((r) => [r.widthBytes, r.height])).toEqual([
        [72, 255],
        [72, 49],
      ]);
      const rows = concatBytes(...rasters.map((r) => r.data));
      expect(toHex(rows.subarray(0, 300 * 72))).toBe(toHex(receipt.data));
      expect(rows.subarray(300 * 72).every((b) => b === 0)).toBe(true);
      expect(commands[0]).toEqual({ kind: 'initialize' });
      expect(commands.at(-2)).toEqual({ kind: 'cut', partial: false });
    }
  });

  it('partial cut, no cut, narrow images, and refuses images wider than the paper', () => {
    const small = bitmapOf(100, 10, (x) => x === 99);
    expect(splitAll(buildRasterPrintJob(small, { cut: 'partial' })).some((c) => c.kind === 'cut' && c.partial)).toBe(true);
    expect(splitAll(buildRasterPrintJob(small, { cut: 'none' })).some((c) => c.kind === 'cut')).toBe(false);
    const raster = splitAll(buildRasterPrintJob(small)).find((c) => c.kind === 'rasterImage');
    // 100 dots padded to 104 = 13 bytes; dot 99 is bit 3 of byte 12.
    expect(raster && raster.kind === 'rasterImage' && [raster.widthBytes, raster.data[12]]).toEqual([13, 0x10]);
    expect(() => buildRasterPrintJob(bitmapOf(PAPER_WIDTH_DOTS + 8, 1, () => false))).toThrow(RangeError);
    expect(() => buildRasterPrintJob({ width: 8, height: 2, bytesPerRow: 1, data: new Uint8Array(1) })).toThrow(RangeError);
  });
});

describe('ESC/POS command splitter', () => {
  it('recognises the commands the simulator acts on, byte for byte', () => {
    const stream = fromHex(
      '1B 40 1B 61 01 48 69 0A 10 04 01 10 04 04 1D 61 0F 1D 56 42 03 1D 56 31 1B 64 05 1D 76 30 00 01 00 02 00 F0 0F 1C 2E 1B 4D 00',
    );
    expect(splitAll(stream)).toEqual([
      { kind: 'initialize' },
      { kind: 'justify', justification: 'center' },
      { kind: 'text', bytes: fromHex('48 69') },
      { kind: 'lineFeed' },
      { kind: 'realtimeStatusRequest', n: 1 },
      { kind: 'realtimeStatusRequest', n: 4 },
      { kind: 'setAutomaticStatusBack', flags: 0x0f },
      { kind: 'cut', partial: true, feedBefore: 3 },
      { kind: 'cut', partial: true },
      { kind: 'feedLines', lines: 5 },
      { kind: 'rasterImage', mode: 0, widthBytes: 1, height: 2, data: fromHex('F0 0F') },
      { kind: 'other', name: 'FS . cancel Kanji mode', bytes: fromHex('1C 2E') },
      { kind: 'other', name: 'ESC M font', bytes: fromHex('1B 4D 00') },
    ]);
  });

  it('is tolerant: unknown commands and stray control bytes are reported, splitting goes on', () => {
    expect(splitAll(fromHex('1B 99 41 01 1D FE 0A'))).toEqual([
      { kind: 'unknown', bytes: fromHex('1B 99') },
      { kind: 'text', bytes: fromHex('41') },
      { kind: 'unknown', bytes: fromHex('01') },
      { kind: 'unknown', bytes: fromHex('1D FE') },
      { kind: 'lineFeed' },
    ]);
  });

  it('column images, barcodes with NUL or length, and GS ( commands are skipped whole', () => {
    const stream = fromHex('1B 2A 21 02 00 01 02 03 04 05 06 1D 6B 04 31 32 00 1D 6B 49 02 41 42 1D 28 6B 03 00 31 43 06 0A');
    expect(splitAll(stream, 3).map((c) => c.kind)).toEqual(['columnImage', 'other', 'other', 'other', 'lineFeed']);
  });

  it('skips an oversize raster without storing it, then carries on', () => {
    const splitter = createEscPosSplitter({ maxCommandBytes: 1000 });
    const huge = concatBytes(fromHex('1D 76 30 00 48 00 20 00'), new Uint8Array(72 * 32).fill(0x1b));
    const events = [...splitter.push(huge.subarray(0, 100)), ...splitter.push(huge.subarray(100)), ...splitter.push(fromHex('1B 40'))];
    expect(events).toEqual([{ kind: 'error', reason: 'oversize', bytes: 8 + 72 * 32 }, { kind: 'initialize' }]);
    expect(splitter.bufferedBytes).toBe(0);
  });

  const commandBytesArb = fc.oneof(
    fc.constantFrom('1B 40', '1B 61 00', '1B 61 32', '10 04 02', '10 05 01', '1D 61 00', '1D 56 00', '1D 56 41 10', '0A', '0D', '1C 2E', '1B 45 01', '1D 21 11').map(fromHex),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map((b) => b.map((x) => 0x20 + (x % 0x5f))),
    fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([w, h]) =>
      fc.uint8Array({ minLength: w * h, maxLength: w * h }).map((data) => concatBytes(Uint8Array.of(0x1d, 0x76, 0x30, 0, w, 0, h, 0), data)),
    ),
  );
  const normalise = (commands: EscPosCommand[]): EscPosCommand[] => {
    const out: EscPosCommand[] = [];
    for (const c of commands) {
      const last = out.at(-1);
      if (c.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', bytes: concatBytes(last.bytes, c.bytes) };
      else out.push(c);
    }
    return out;
  };
  it('property: the same commands come out however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(commandBytesArb, { maxLength: 15 }), fc.integer({ min: 1, max: 40 }), (parts, chunk) => {
        const stream = concatBytes(...parts);
        expect(normalise(splitAll(stream, chunk))).toEqual(normalise(splitAll(stream)));
        expect(splitAll(stream).some((c) => c.kind === 'unknown' || c.kind === 'error')).toBe(false);
      }),
    );
  });
  it('property: arbitrary bytes never throw, never spin and keep the buffer bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const splitter = createEscPosSplitter({ maxCommandBytes: 512 });
        for (const c of chunks) {
          expect(splitter.push(c).length).toBeLessThanOrEqual(c.length + 1);
          expect(splitter.bufferedBytes).toBeLessThanOrEqual(512);
        }
      }),
    );
  });
});

describe('real-time status DLE EOT n (Epson ESC/POS reference)', () => {
  it('requests are DLE EOT n; GS a n enables automatic status back', () => {
    expect(toHex(realtimeStatusRequest(4))).toBe('10 04 04');
    expect(toHex(automaticStatusBackCommand({ online: true, errors: true, paper: true }))).toBe('1D 61 0E');
  });
  it('an out-of-paper printer: 1A / 32 / 7E (the replies from the docs.rs hardless-http-dialects example)', () => {
    expect(decodeRealtimeStatus(1, 0x1a)).toEqual({ ok: true, value: { n: 1, status: { drawerPin3High: false, offline: true, waitingForOnlineRecovery: false, feedButtonPressed: false } } });
    expect(decodeRealtimeStatus(2, 0x32)).toEqual({ ok: true, value: { n: 2, status: { coverOpen: false, feedingByButton: false, paperEndStop: true, errorOccurred: false } } });
    expect(decodeRealtimeStatus(4, 0x7e)).toEqual({ ok: true, value: { n: 4, status: { nearEnd: true, paperEnd: true } } });
  });
  it('cover open, autocutter error, paper near end only; bytes without the fixed bits are refused', () => {
    expect(decodeRealtimeStatus(2, 0x16)).toMatchObject({ ok: true, value: { status: { coverOpen: true } } });
    expect(decodeRealtimeStatus(3, 0x1a)).toMatchObject({ ok: true, value: { status: { autocutterError: true, unrecoverableError: false } } });
    expect(decodeRealtimeStatus(4, 0x1e)).toMatchObject({ ok: true, value: { status: { nearEnd: true, paperEnd: false } } });
    expect(decodeRealtimeStatus(1, 0x00).ok).toBe(false);
    expect(decodeRealtimeStatus(1, 0x10).ok).toBe(false);
  });
  it('property: encode → decode round trip for every n', () => {
    const replyArb: fc.Arbitrary<RealtimeStatus> = fc.oneof(
      fc.record({ drawerPin3High: fc.boolean(), offline: fc.boolean(), waitingForOnlineRecovery: fc.boolean(), feedButtonPressed: fc.boolean() }).map((status) => ({ n: 1 as const, status })),
      fc.record({ coverOpen: fc.boolean(), feedingByButton: fc.boolean(), paperEndStop: fc.boolean(), errorOccurred: fc.boolean() }).map((status) => ({ n: 2 as const, status })),
      fc.record({ recoverableError: fc.boolean(), autocutterError: fc.boolean(), unrecoverableError: fc.boolean(), autoRecoverableError: fc.boolean() }).map((status) => ({ n: 3 as const, status })),
      fc.record({ nearEnd: fc.boolean(), paperEnd: fc.boolean() }).map((status) => ({ n: 4 as const, status })),
    );
    fc.assert(
      fc.property(replyArb, (reply) => {
        expect(decodeRealtimeStatus(reply.n, encodeRealtimeStatus(reply))).toEqual({ ok: true, value: reply });
      }),
    );
  });
});

const asbArb: fc.Arbitrary<AsbStatus> = fc.record({
  drawerPin3High: fc.boolean(),
  offline: fc.boolean(),
  coverOpen: fc.boolean(),
  feedButtonPressed: fc.boolean(),
  waitingForOnlineRecovery: fc.boolean(),
  mechanicalError: fc.boolean(),
  autocutterError: fc.boolean(),
  unrecoverableError: fc.boolean(),
  autoRecoverableError: fc.boolean(),
  paperNearEnd: fc.boolean(),
  paperEnd: fc.boolean(),
});

describe('automatic status back (GS a, 4 bytes)', () => {
  it('cover open while out of paper: 38 00 0C 00 → offline, paper out, cover open', () => {
    const decoded = decodeAsb(fromHex('38 00 0C 00'));
    expect(decoded.ok && decoded.value).toMatchObject({ offline: true, coverOpen: true, paperEnd: true, paperNearEnd: false });
    expect(decoded.ok && asbToDeviceStatus(decoded.value)).toEqual({ device: 'offline', paper: 'out', cover: 'open' });
  });
  it('autocutter error is a hardware error; near end is paper low', () => {
    const decoded = decodeAsb(fromHex('10 08 03 00'));
    expect(decoded.ok && asbToDeviceStatus(decoded.value)).toEqual({ device: 'hardwareError', paper: 'low', cover: 'closed', detail: ['autocutter error'] });
    expect(decodeAsb(fromHex('12 00 00 00')).ok).toBe(false);
    expect(decodeAsb(fromHex('10 80 00 00')).ok).toBe(false);
  });
  it('property: encode → decode round trip', () => {
    fc.assert(
      fc.property(asbArb, (s) => {
        expect(decodeAsb(encodeAsb(s))).toEqual({ ok: true, value: s });
      }),
    );
  });
});

describe('printer reply decoder', () => {
  it('tells DLE EOT replies and ASB blocks apart in one stream, answering requests in order', () => {
    const decoder = createPrinterReplyDecoder();
    decoder.expectRealtimeStatus(1);
    decoder.expectRealtimeStatus(4);
    const events = decoder.push(fromHex('16 38 00 0C 00 7E 11'));
    expect(events.map((e) => e.kind)).toEqual(['realtimeStatus', 'automaticStatusBack', 'realtimeStatus', 'unexpected']);
    expect(events[2]).toEqual({ kind: 'realtimeStatus', reply: { n: 4, status: { nearEnd: true, paperEnd: true } } });
    expect(decoder.pendingRequests).toBe(0);
  });
  it('a broken ASB is reported byte by byte and the decoder recovers', () => {
    const decoder = createPrinterReplyDecoder();
    expect(decoder.push(fromHex('10 00 90 10 00 00 00'))).toEqual([
      { kind: 'unexpected', byte: 0x10 },
      { kind: 'unexpected', byte: 0x00 },
      { kind: 'unexpected', byte: 0x90 },
      expect.objectContaining({ kind: 'automaticStatusBack' }),
    ]);
  });
  it('an unrequested DLE EOT-looking byte is unexpected; pending requests stay bounded', () => {
    const decoder = createPrinterReplyDecoder();
    expect(decoder.push(fromHex('12'))).toEqual([{ kind: 'unexpected', byte: 0x12 }]);
    for (let i = 0; i < 100; i++) decoder.expectRealtimeStatus(1);
    expect(decoder.pendingRequests).toBe(16);
  });
  it('property: replies and ASB blocks, split anywhere, decode to what the printer meant', () => {
    const item = fc.oneof(
      asbArb.map((status) => ({ kind: 'asb' as const, status })),
      fc.record({ nearEnd: fc.boolean(), paperEnd: fc.boolean() }).map((status) => ({ kind: 'rt' as const, reply: { n: 4 as const, status } })),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.integer({ min: 1, max: 5 }), (items, chunk) => {
        const decoder = createPrinterReplyDecoder();
        for (const it of items) if (it.kind === 'rt') decoder.expectRealtimeStatus(4);
        const stream = concatBytes(...items.map((it) => (it.kind === 'asb' ? encodeAsb(it.status) : Uint8Array.of(encodeRealtimeStatus(it.reply)))));
        const events = [];
        for (let i = 0; i < stream.length; i += chunk) events.push(...decoder.push(stream.subarray(i, i + chunk)));
        expect(events).toEqual(items.map((it) => (it.kind === 'asb' ? { kind: 'automaticStatusBack', status: it.status } : { kind: 'realtimeStatus', reply: it.reply })));
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void createPrinterReplyDecoder().push(bytes)));
  });
});
