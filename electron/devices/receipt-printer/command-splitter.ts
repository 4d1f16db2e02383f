/**
 * Splits an ESC/POS byte stream into commands, pure — the printer simulator's
 * front end (it renders raster images and cuts, answers status requests).
 *
 * Command lengths follow the Epson "ESC/POS Command Reference" (TM printers):
 *  ESC @ initialize; ESC a n justification; ESC d n / ESC J n feed; ESC ! n, ESC E n,
 *  ESC - n, ESC G n, ESC M n, ESC R n, ESC t n, ESC { n, ESC V n, ESC 3 n, ESC SP n,
 *  ESC = n, ESC % n, ESC ? n, ESC T n, ESC c 3/4/5 n, ESC p m t1 t2, ESC $ / ESC \ nL nH,
 *  ESC W (8 bytes), ESC * m nL nH data (column bit image: nL+nH*256 columns, 1 or 3 bytes
 *  each), ESC D n1..nk NUL, ESC ( fn pL pH data;
 *  GS v 0 m xL xH yL yH data (raster: (xL+xH*256)*(yL+yH*256) bytes); GS V m [n] cut
 *  (m 0/1/48/49 without n; 65/66/97/98/103/104 with n); GS a n (ASB); GS ! n, GS B n,
 *  GS H/h/w/f n, GS r n, GS I n, GS L / GS W / GS P (2 bytes), GS k barcode (m 0-6 NUL
 *  terminated, m 65-79 with length n), GS ( fn pL pH data, GS 8 L p1..p4 data;
 *  FS . / FS &, FS p n m, FS ( fn pL pH data; DLE EOT n, DLE ENQ n, DLE DC4 fn ...
 *
 * Tolerant: an unknown ESC/GS/FS command is reported as two unknown bytes (its length
 * cannot be known), an unknown control byte as one, and splitting goes on. Bounded:
 * a command announcing more than maxCommandBytes (a huge raster) is reported and its
 * bytes are skipped without being stored; a half command waits in a buffer that never
 * exceeds maxCommandBytes.
 */

export type Justification = 'left' | 'center' | 'right';

export type EscPosCommand =
  | { readonly kind: 'text'; readonly bytes: Uint8Array }
  | { readonly kind: 'lineFeed' }
  | { readonly kind: 'carriageReturn' }
  | { readonly kind: 'horizontalTab' }
  | { readonly kind: 'formFeed' }
  | { readonly kind: 'initialize' }
  | { readonly kind: 'justify'; readonly justification: Justification }
  | { readonly kind: 'feedLines'; readonly lines: number }
  | { readonly kind: 'feedDots'; readonly dots: number }
  | { readonly kind: 'rasterImage'; readonly mode: number; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array }
  | { readonly kind: 'columnImage'; readonly mode: number; readonly columns: number; readonly data: Uint8Array }
  | { readonly kind: 'cut'; readonly partial: boolean; readonly feedBefore?: number }
  | { readonly kind: 'realtimeStatusRequest'; readonly n: number }
  | { readonly kind: 'realtimeRequest'; readonly n: number }
  | { readonly kind: 'setAutomaticStatusBack'; readonly flags: number }
  /** A recognised command the renderer may ignore (fonts, emphasis, barcodes…), kept whole. */
  | { readonly kind: 'other'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'unknown'; readonly bytes: Uint8Array }
  | { readonly kind: 'error'; readonly reason: 'oversize'; readonly bytes: number };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const NUL_SCAN_LIMIT = 256;

/** Either "need at least this many bytes to know", or the command's total length and how to read it. */
type Measure = { readonly need: number } | { readonly length: number; readonly build: (bytes: Uint8Array) => EscPosCommand };

const at = (buf: Uint8Array, i: number): number => buf[i] ?? 0;
const word = (buf: Uint8Array, i: number): number => at(buf, i) | (at(buf, i + 1) << 8);
const other = (name: string, length: number): Measure => ({ length, build: (bytes) => ({ kind: 'other', name, bytes: bytes.slice() }) });
const unknown = (length: number): Measure => ({ length, build: (bytes) => ({ kind: 'unknown', bytes: bytes.slice() }) });

/** "fn pL pH data" commands (ESC ( / GS ( / FS (): 5 header bytes incl. prefix and '('. */
function parenthesised(buf: Uint8Array, i: number, available: number, name: string): Measure {
  if (available < 5) return { need: 5 };
  return other(`${name} ${String.fromCharCode(at(buf, i + 2))}`, 5 + word(buf, i + 3));
}

function nulTerminated(buf: Uint8Array, i: number, available: number, start: number, name: string): Measure {
  for (let k = start; k < Math.min(available, start + NUL_SCAN_LIMIT); k++) {
    if (at(buf, i + k) === 0) return other(name, k + 1);
  }
  if (available >= start + NUL_SCAN_LIMIT) return unknown(2); // no NUL in sight: give up on it
  return { need: available + 1 };
}

function measureEsc(buf: Uint8Array, i: number, available: number): Measure {
  if (available < 2) return { need: 2 };
  const cmd = at(buf, i + 1);
  const withN = (name: string): Measure => (available < 3 ? { need: 3 } : other(name, 3));
  switch (cmd) {
    case 0x40: // @
      return { length: 2, build: () => ({ kind: 'initialize' }) };
    case 0x61: // a n
      if (available < 3) return { need: 3 };
      return {
        length: 3,
        build: (b) => {
          const n = at(b, 2);
          const justification: Justification = n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left';
          return { kind: 'justify', justification };
        },
      };
    case 0x64: // d n
      if (available < 3) return { need: 3 };
      return { length: 3, build: (b) => ({ kind: 'feedLines', lines: at(b, 2) }) };
    case 0x4a: // J n
      if (available < 3) return { need: 3 };
      return { length: 3, build: (b) => ({ kind: 'feedDots', dots: at(b, 2) }) };
    case 0x21:
      return withN('ESC ! print mode');
    case 0x45:
      return withN('ESC E emphasis');
    case 0x2d:
      return withN('ESC - underline');
    case 0x47:
      return withN('ESC G double-strike');
    case 0x4d:
      return withN('ESC M font');
    case 0x52:
      return withN('ESC R character set');
    case 0x74:
      return withN('ESC t code table');
    case 0x7b:
      return withN('ESC { upside-down');
    case 0x56:
      return withN('ESC V rotate');
    case 0x33:
      return withN('ESC 3 line spacing');
    case 0x20:
      return withN('ESC SP right spacing');
    case 0x3d:
      return withN('ESC = peripheral');
    case 0x25:
      return withN('ESC % user characters');
    case 0x3f:
      return withN('ESC ? cancel user character');
    case 0x54:
      return withN('ESC T print direction');
    case 0x32:
      return other('ESC 2 default line spacing', 2);
    case 0x4c:
      return other('ESC L page mode', 2);
    case 0x53:
      return other('ESC S standard mode', 2);
    case 0x0c:
      return other('ESC FF print page', 2);
    case 0x69:
      return { length: 2, build: () => ({ kind: 'cut', partial: true }) }; // ESC i (obsolete partial cut)
    case 0x6d:
      return { length: 2, build: () => ({ kind: 'cut', partial: true }) }; // ESC m
    case 0x63: // c 3/4/5 n
      return available < 4 ? { need: 4 } : other('ESC c paper sensor / panel', 4);
    case 0x70: // p m t1 t2
      return available < 5 ? { need: 5 } : other('ESC p drawer pulse', 5);
    case 0x24:
      return available < 4 ? { need: 4 } : other('ESC $ absolute position', 4);
    case 0x5c:
      return available < 4 ? { need: 4 } : other('ESC \\ relative position', 4);
    case 0x57:
      return available < 10 ? { need: 10 } : other('ESC W print area', 10);
    case 0x2a: {
      // * m nL nH d1..dk: 8-dot modes (0, 1) one byte per column, 24-dot modes (32, 33) three.
      if (available < 5) return { need: 5 };
      const mode = at(buf, i + 2);
      const columns = word(buf, i + 3);
      const perColumn = mode === 32 || mode === 33 ? 3 : 1;
      return { length: 5 + columns * perColumn, build: (b) => ({ kind: 'columnImage', mode, columns, data: b.slice(5) }) };
    }
    case 0x44:
      return nulTerminated(buf, i, available, 2, 'ESC D tab positions');
    case 0x28:
      return parenthesised(buf, i, available, 'ESC (');
    default:
      return unknown(2);
  }
}

function measureGs(buf: Uint8Array, i: number, available: number): Measure {
  if (available < 2) return { need: 2 };
  const cmd = at(buf, i + 1);
  const withN = (name: string): Measure => (available < 3 ? { need: 3 } : other(name, 3));
  switch (cmd) {
    case 0x76: {
      // v 0 m xL xH yL yH d1..dk, k = (xL + xH*256) * (yL + yH*256)
      if (available < 8) return { need: 8 };
      if (at(buf, i + 2) !== 0x30) return unknown(3);
      const mode = at(buf, i + 3);
      const widthBytes = word(buf, i + 4);
      const height = word(buf, i + 6);
      return { length: 8 + widthBytes * height, build: (b) => ({ kind: 'rasterImage', mode, widthBytes, height, data: b.slice(8) }) };
    }
    case 0x56: {
      // V m [n]
      if (available < 3) return { need: 3 };
      const m = at(buf, i + 2);
      if (m === 0 || m === 1 || m === 0x30 || m === 0x31) return { length: 3, build: () => ({ kind: 'cut', partial: m === 1 || m === 0x31 }) };
      if ([65, 66, 97, 98, 103, 104].includes(m)) {
        if (available < 4) return { need: 4 };
        return { length: 4, build: (b) => ({ kind: 'cut', partial: m % 2 === 0, feedBefore: at(b, 3) }) };
      }
      return unknown(3);
    }
    case 0x61:
      if (available < 3) return { need: 3 };
      return { length: 3, build: (b) => ({ kind: 'setAutomaticStatusBack', flags: at(b, 2) }) };
    case 0x21:
      return withN('GS ! character size');
    case 0x42:
      return withN('GS B reverse');
    case 0x48:
      return withN('GS H HRI position');
    case 0x68:
      return withN('GS h barcode height');
    case 0x77:
      return withN('GS w barcode width');
    case 0x66:
      return withN('GS f HRI font');
    case 0x72:
      return withN('GS r transmit status');
    case 0x49:
      return withN('GS I printer id');
    case 0x4c:
      return available < 4 ? { need: 4 } : other('GS L left margin', 4);
    case 0x57:
      return available < 4 ? { need: 4 } : other('GS W print width', 4);
    case 0x50:
      return available < 4 ? { need: 4 } : other('GS P motion units', 4);
    case 0x6b: {
      // k m d1..dk NUL (m 0-6) or k m n d1..dn (m 65-79)
      if (available < 3) return { need: 3 };
      const m = at(buf, i + 2);
      if (m <= 6) return nulTerminated(buf, i, available, 3, 'GS k barcode');
      if (m >= 65 && m <= 79) return available < 4 ? { need: 4 } : other('GS k barcode', 4 + at(buf, i + 3));
      return unknown(3);
    }
    case 0x28:
      return parenthesised(buf, i, available, 'GS (');
    case 0x38: {
      // 8 L p1 p2 p3 p4 m fn ... : 4-byte length
      if (available < 7) return { need: 7 };
      if (at(buf, i + 2) !== 0x4c) return unknown(3);
      const length = at(buf, i + 3) + at(buf, i + 4) * 0x100 + at(buf, i + 5) * 0x10000 + at(buf, i + 6) * 0x1000000;
      return other('GS 8 L graphics', 7 + length);
    }
    default:
      return unknown(2);
  }
}

function measureFs(buf: Uint8Array, i: number, available: number): Measure {
  if (available < 2) return { need: 2 };
  switch (at(buf, i + 1)) {
    case 0x2e:
      return other('FS . cancel Kanji mode', 2);
    case 0x26:
      return other('FS & Kanji mode', 2);
    case 0x70:
      return available < 4 ? { need: 4 } : other('FS p NV bit image', 4);
    case 0x28:
      return parenthesised(buf, i, available, 'FS (');
    default:
      return unknown(2);
  }
}

function measureDle(buf: Uint8Array, i: number, available: number): Measure {
  if (available < 2) return { need: 2 };
  const cmd = at(buf, i + 1);
  if (cmd === 0x04 || cmd === 0x05) {
    if (available < 3) return { need: 3 };
    const n = at(buf, i + 2);
    // DLE EOT 7/8/18 take one more byte (ink, peeler, interface status).
    if (cmd === 0x04 && (n === 7 || n === 8 || n === 18)) return available < 4 ? { need: 4 } : { length: 4, build: () => ({ kind: 'realtimeStatusRequest', n }) };
    return { length: 3, build: () => (cmd === 0x04 ? { kind: 'realtimeStatusRequest', n } : { kind: 'realtimeRequest', n }) };
  }
  if (cmd === 0x14) {
    if (available < 3) return { need: 3 };
    const fn = at(buf, i + 2);
    if (fn === 1 || fn === 2) return available < 5 ? { need: 5 } : other('DLE DC4 real-time request', 5);
    if (fn === 7) return available < 4 ? { need: 4 } : other('DLE DC4 real-time status', 4);
    if (fn === 8) return available < 10 ? { need: 10 } : other('DLE DC4 clear buffer', 10);
    return unknown(3);
  }
  return unknown(1);
}

function measure(buf: Uint8Array, i: number, available: number): Measure {
  const b = at(buf, i);
  switch (b) {
    case ESC:
      return measureEsc(buf, i, available);
    case GS:
      return measureGs(buf, i, available);
    case FS:
      return measureFs(buf, i, available);
    case DLE:
      return measureDle(buf, i, available);
    case 0x0a:
      return { length: 1, build: () => ({ kind: 'lineFeed' }) };
    case 0x0d:
      return { length: 1, build: () => ({ kind: 'carriageReturn' }) };
    case 0x09:
      return { length: 1, build: () => ({ kind: 'horizontalTab' }) };
    case 0x0c:
      return { length: 1, build: () => ({ kind: 'formFeed' }) };
    default:
      return unknown(1);
  }
}

const isText = (b: number): boolean => b >= 0x20 && b !== 0x7f;

export interface EscPosSplitter {
  push(chunk: Uint8Array): EscPosCommand[];
  reset(): void;
  /** Bytes held for an incomplete command; never more than maxCommandBytes. */
  readonly bufferedBytes: number;
}

export interface EscPosSplitterOptions {
  /** Largest single command kept (a raster is one command). Default 256 KiB. */
  maxCommandBytes?: number;
}

export function createEscPosSplitter(options: EscPosSplitterOptions = {}): EscPosSplitter {
  const max = options.maxCommandBytes ?? 256 * 1024;
  // A command header (or NUL-terminated command) that has not fully arrived.
  let carry = new Uint8Array(0);
  // A long command whose length is known, being filled without re-parsing.
  let collecting: { buffer: Uint8Array; filled: number; build: (bytes: Uint8Array) => EscPosCommand } | undefined;
  let skipping = 0;

  return {
    push(chunk) {
      const out: EscPosCommand[] = [];
      let buf: Uint8Array;
      if (carry.length > 0) {
        buf = new Uint8Array(carry.length + chunk.length);
        buf.set(carry, 0);
        buf.set(chunk, carry.length);
        carry = new Uint8Array(0);
      } else {
        buf = chunk;
      }
      let i = 0;
      while (i < buf.length) {
        if (skipping > 0) {
          const n = Math.min(skipping, buf.length - i);
          skipping -= n;
          i += n;
          continue;
        }
        if (collecting) {
          const n = Math.min(collecting.buffer.length - collecting.filled, buf.length - i);
          collecting.buffer.set(buf.subarray(i, i + n), collecting.filled);
          collecting.filled += n;
          i += n;
          if (collecting.filled === collecting.buffer.length) {
            out.push(collecting.build(collecting.buffer));
            collecting = undefined;
          }
          continue;
        }
        if (isText(buf[i] ?? 0)) {
          let end = i + 1;
          while (end < buf.length && isText(buf[end] ?? 0)) end++;
          out.push({ kind: 'text', bytes: buf.slice(i, end) });
          i = end;
          continue;
        }
        const available = buf.length - i;
        const m = measure(buf, i, available);
        if ('need' in m) {
          // Header incomplete: keep it (bounded: headers are short, NUL scans stop at 256).
          carry = buf.slice(i);
          break;
        }
        if (m.length > max) {
          out.push({ kind: 'error', reason: 'oversize', bytes: m.length });
          const n = Math.min(m.length, available);
          skipping = m.length - n;
          i += n;
          continue;
        }
        if (m.length <= available) {
          out.push(m.build(buf.subarray(i, i + m.length)));
          i += m.length;
          continue;
        }
        collecting = { buffer: new Uint8Array(m.length), filled: 0, build: m.build };
      }
      return out;
    },
    reset() {
      carry = new Uint8Array(0);
      collecting = undefined;
      skipping = 0;
    },
    get bufferedBytes() {
      return carry.length + (collecting?.filled ?? 0);
    },
  };
}
