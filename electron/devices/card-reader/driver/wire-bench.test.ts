/**
 * The wire-mode benchmark runs (one short round each) and its figures hold together:
 * with both directions paced at the line speed, nothing can beat the wire, so the
 * measured time is at least the emulated wire time of the bytes it counted.
 */
import { describe, expect, it } from 'vitest';
import { cardReaderWireBench } from '../../../../native-mocks/card-reader/bench.ts';
import { openSerialTransport } from '../../transport/serial-transport.ts';

describe('card reader wire-mode benchmark', () => {
  it('reports insert → ATR + personal data against the emulated wire time, ratio ≥ 1', async () => {
    const rows = await cardReaderWireBench({ openSerialTransport, rounds: 1, realisticRounds: 1 });
    expect(rows.map((r) => r.unit)).toEqual(['ms', 'ms', 'ms', 'bytes', 'ms']);
    const [insert, readOnly, wire, bytes, realistic] = rows;
    expect(bytes!.value).toBeGreaterThan(200);
    expect(wire!.value).toBeCloseTo((bytes!.value * 11 * 1000) / 115_200, 6);
    expect(insert!.ratio!.value).toBeGreaterThanOrEqual(1);
    expect(readOnly!.ratio!.value).toBeGreaterThanOrEqual(1);
    expect(realistic!.value).toBeGreaterThan(300);
  });
});
