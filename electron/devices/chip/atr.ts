/**
 * Answer-to-Reset parser, pure.
 *
 * Follows ISO/IEC 7816-3:2006 chapter 8 "Answer-to-reset": 8.1 TS (3B direct,
 * 3F inverse convention), 8.2 T0 (Y1 = interface-byte indicator, K = number of
 * historical bytes), 8.2.3 interface bytes TAi TBi TCi TDi (TDi's high nibble
 * announces the next group, its low nibble a protocol T), 8.2.5 TCK (present
 * unless only T=0 is indicated; XOR of T0..TCK is zero), and tables 7/8 for Fi/Di
 * from TA1. At most 32 bytes after TS (8.1).
 *
 * The Sankyo reader hands over the ATR after decoding the convention, so the
 * bytes are always in direct form; TS only tells which convention the card used.
 */
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export interface InterfaceByteGroup {
  /** i in TAi/TBi/TCi/TDi, from 1. */
  readonly index: number;
  readonly ta?: number;
  readonly tb?: number;
  readonly tc?: number;
  readonly td?: number;
}

export interface Atr {
  readonly convention: 'direct' | 'inverse';
  readonly t0: number;
  readonly groups: readonly InterfaceByteGroup[];
  /** Protocols offered by TD bytes in order of appearance; [0] when there is no TD1. */
  readonly protocols: readonly number[];
  readonly historicalBytes: Uint8Array;
  /** Present unless only T=0 is indicated. */
  readonly tck?: number;
  /** TA1-derived rates when TA1 is present and both values are defined (tables 7, 8). */
  readonly fi?: number;
  readonly di?: number;
}

const FI_TABLE = [372, 372, 558, 744, 1116, 1488, 1860, undefined, undefined, 512, 768, 1024, 1536, 2048, undefined, undefined];
const DI_TABLE = [undefined, 1, 2, 4, 8, 16, 32, 64, 12, 20, undefined, undefined, undefined, undefined, undefined, undefined];

export function parseAtr(bytes: Uint8Array): DecodeResult<Atr> {
  if (bytes.length < 2) return fail('ATR shorter than TS T0');
  if (bytes.length > 33) return fail(`ATR longer than 33 bytes (${bytes.length})`);
  const ts = bytes[0];
  if (ts !== 0x3b && ts !== 0x3f) return fail(`invalid TS ${ts?.toString(16)}`);
  const t0 = bytes[1] ?? 0;
  const historicalLength = t0 & 0x0f;
  const groups: InterfaceByteGroup[] = [];
  const protocols: number[] = [];
  let indicator = t0 >> 4;
  let i = 2;
  let index = 1;
  for (;;) {
    const group: { index: number; ta?: number; tb?: number; tc?: number; td?: number } = { index };
    for (const [bit, key] of [[0x1, 'ta'], [0x2, 'tb'], [0x4, 'tc'], [0x8, 'td']] as const) {
      if (indicator & bit) {
        const value = bytes[i++];
        if (value === undefined) return fail(`ATR truncated in interface bytes (T${key.slice(1).toUpperCase()}${index})`);
        group[key] = value;
      }
    }
    groups.push(group);
    if (group.td === undefined) break;
    protocols.push(group.td & 0x0f);
    indicator = group.td >> 4;
    index++;
  }
  if (protocols.length === 0) protocols.push(0);
  const historicalEnd = i + historicalLength;
  if (historicalEnd > bytes.length) return fail('ATR truncated in historical bytes');
  const historicalBytes = bytes.slice(i, historicalEnd);
  const needsTck = protocols.some((t) => t !== 0);
  let tck: number | undefined;
  if (needsTck) {
    tck = bytes[historicalEnd];
    if (tck === undefined) return fail('ATR is missing TCK');
    let xor = 0;
    for (let k = 1; k <= historicalEnd; k++) xor ^= bytes[k] ?? 0;
    if (xor !== 0) return fail('ATR TCK check failed');
    if (bytes.length !== historicalEnd + 1) return fail('extra bytes after TCK');
  } else if (bytes.length !== historicalEnd) {
    return fail('extra bytes after the historical bytes (no TCK expected for T=0 only)');
  }
  const ta1 = groups[0]?.ta;
  const fi = ta1 === undefined ? undefined : FI_TABLE[ta1 >> 4];
  const di = ta1 === undefined ? undefined : DI_TABLE[ta1 & 0x0f];
  return ok({
    convention: ts === 0x3b ? 'direct' : 'inverse',
    t0,
    groups,
    protocols,
    historicalBytes,
    ...(tck === undefined ? {} : { tck }),
    ...(fi !== undefined && di !== undefined ? { fi, di } : {}),
  });
}

/** Build ATR bytes (for simulated cards): computes T0's Y1/K and TCK. */
export function encodeAtr(atr: {
  convention: 'direct' | 'inverse';
  groups: readonly Omit<InterfaceByteGroup, 'index'>[];
  historicalBytes: Uint8Array;
}): Uint8Array {
  if (atr.historicalBytes.length > 15) throw new RangeError('at most 15 historical bytes');
  const indicatorOf = (g: Omit<InterfaceByteGroup, 'index'> | undefined): number =>
    g === undefined ? 0 : (g.ta !== undefined ? 1 : 0) | (g.tb !== undefined ? 2 : 0) | (g.tc !== undefined ? 4 : 0) | (g.td !== undefined ? 8 : 0);
  const out: number[] = [atr.convention === 'direct' ? 0x3b : 0x3f, (indicatorOf(atr.groups[0]) << 4) | atr.historicalBytes.length];
  const protocols: number[] = [];
  atr.groups.forEach((g, n) => {
    const next = atr.groups[n + 1];
    if ((g.td === undefined) !== (next === undefined)) throw new RangeError('TD must be present exactly when another group follows');
    if (g.td !== undefined && g.td >> 4 !== indicatorOf(next)) throw new RangeError('TD high nibble must announce the next group');
    for (const v of [g.ta, g.tb, g.tc, g.td]) if (v !== undefined) out.push(v);
    if (g.td !== undefined) protocols.push(g.td & 0x0f);
  });
  out.push(...atr.historicalBytes);
  if (protocols.some((t) => t !== 0)) {
    let xor = 0;
    for (const b of out.slice(1)) xor ^= b;
    out.push(xor);
  }
  if (out.length > 33) throw new RangeError('ATR longer than 33 bytes');
  return Uint8Array.from(out);
}
