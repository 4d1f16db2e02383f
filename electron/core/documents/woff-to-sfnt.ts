/**
 * WOFF 1.0 -> plain OpenType/TrueType (sfnt) bytes, once, when fonts load.
 *
 * Why: fontkit reads WOFF by inflating a table (in pure JavaScript) every time
 * it opens the table, and shaping plus subsetting open `glyf`, `hmtx`, `GSUB`
 * and `GPOS` thousands of times per page: a one-page statement took 3-7 s of
 * CPU. The same font unpacked to sfnt renders in a fraction of that. The
 * @fontsource packages ship WOFF and WOFF2 only, and WOFF2 would need brotli
 * plus a glyf transform; WOFF is zlib per table, which node:zlib undoes.
 *
 * Format: https://www.w3.org/TR/WOFF/ (header 44 bytes, then 20-byte table
 * directory entries: tag, offset, compLength, origLength, origChecksum).
 */
import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

interface Table {
  readonly tag: number;
  readonly checksum: number;
  readonly data: Uint8Array;
}

/** The sfnt checksum: sum of big-endian uint32 words, zero-padded at the end. */
export function sfntChecksum(data: Uint8Array): number {
  let sum = 0;
  const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  const view = new DataView(padded.buffer);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || view.getUint32(0) !== WOFF_SIGNATURE) throw new Error('not a WOFF 1.0 font');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: Table[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    // A table is stored uncompressed when deflating would not make it smaller.
    const data = compLength < origLength ? new Uint8Array(inflateSync(stored)) : stored;
    if (data.length !== origLength) throw new Error(`WOFF table ${i}: expected ${origLength} bytes, got ${data.length}`);
    tables.push({ tag: view.getUint32(entry), checksum: view.getUint32(entry + 16), data });
  }

  const headerLength = 12 + 16 * numTables;
  const total = tables.reduce((sum, t) => sum + Math.ceil(t.data.length / 4) * 4, headerLength);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  outView.setUint32(0, flavor);
  outView.setUint16(4, numTables);
  outView.setUint16(6, searchRange);
  outView.setUint16(8, entrySelector);
  outView.setUint16(10, numTables * 16 - searchRange);
  let offset = headerLength;
  // WOFF keeps the directory sorted by tag, as sfnt requires.
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    outView.setUint32(record, table.tag);
    outView.setUint32(record + 4, table.checksum);
    outView.setUint32(record + 8, offset);
    outView.setUint32(record + 12, table.data.length);
    out.set(table.data, offset);
    offset += Math.ceil(table.data.length / 4) * 4;
  });
  return out;
}
