/**
 * BER-TLV as used by ISO/IEC 7816-4 (chapter 5.2, "BER-TLV data objects", which
 * follows ISO/IEC 8825-1 / X.690) and by the ZVT TLV-container (PA00P015 chapter 9.3:
 * same tag classes, '1F' multi-byte tags, lengths 00-7F, 81 xx, 82 xx xx).
 *
 * - Tags are kept as numbers made of their bytes: '5F 20' is 0x5F20, '1F 71' is 0x1F71.
 * - Bit 6 of the first tag byte marks a constructed object; its value is parsed into children.
 * - Lengths: short form up to 127, long form 81/82/83 (we never need more than 16 MiB);
 *   indefinite length (80) is rejected, as ISO 7816-4 does not use it.
 * - Optional padding skip: ISO 7816-4 allows '00'/'FF' bytes before, between and after
 *   data objects (a READ BINARY past the end of our data returns them). ZVT does not.
 */
import { concatBytes } from './bytes.ts';
import { type DecodeResult, fail, ok } from './result.ts';

export type TlvNode = TlvPrimitive | TlvConstructed;
export interface TlvPrimitive {
  readonly tag: number;
  readonly value: Uint8Array;
}
export interface TlvConstructed {
  readonly tag: number;
  readonly children: readonly TlvNode[];
}

export function isConstructedTag(tag: number): boolean {
  const bytes = tagToBytes(tag);
  return ((bytes[0] ?? 0) & 0x20) !== 0;
}

/** The bytes of a tag number, validated against the BER tag rules. */
export function tagToBytes(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffffff) throw new RangeError(`bad tag ${tag}`);
  const bytes: number[] = [];
  let rest = tag;
  do {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  const first = bytes[0] ?? 0;
  const multiByte = (first & 0x1f) === 0x1f;
  if (!multiByte && bytes.length !== 1) throw new RangeError(`tag ${tag.toString(16)}: first byte does not announce more tag bytes`);
  if (multiByte) {
    if (bytes.length < 2) throw new RangeError(`tag ${tag.toString(16)}: '1F' needs a following tag byte`);
    for (let i = 1; i < bytes.length; i++) {
      const more = ((bytes[i] ?? 0) & 0x80) !== 0;
      if (more !== (i < bytes.length - 1)) throw new RangeError(`tag ${tag.toString(16)}: bad continuation bits`);
    }
  }
  return Uint8Array.from(bytes);
}

export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`bad TLV length ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  if (length <= 0xffffff) return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  throw new RangeError(`TLV length ${length} too large`);
}

export function encodeTlv(nodes: readonly TlvNode[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const node of nodes) {
    const tagBytes = tagToBytes(node.tag);
    const constructed = ((tagBytes[0] ?? 0) & 0x20) !== 0;
    let value: Uint8Array;
    if ('children' in node) {
      if (!constructed) throw new RangeError(`tag ${node.tag.toString(16)} is primitive but has children`);
      value = encodeTlv(node.children);
    } else {
      value = node.value;
    }
    parts.push(tagBytes, encodeLength(value.length), value);
  }
  return concatBytes(...parts);
}

export interface TlvDecodeOptions {
  /** Skip ISO 7816-4 filler bytes '00' and 'FF' between objects. Default false. */
  skipPadding?: boolean;
  /** Parse constructed values into children. Default true. */
  parseConstructed?: boolean;
  /** Guard against hostile nesting. Default 8. */
  maxDepth?: number;
}

export function decodeTlv(bytes: Uint8Array, options: TlvDecodeOptions = {}): DecodeResult<TlvNode[]> {
  return decodeLevel(bytes, options, 0);
}

function decodeLevel(bytes: Uint8Array, options: TlvDecodeOptions, depth: number): DecodeResult<TlvNode[]> {
  const maxDepth = options.maxDepth ?? 8;
  if (depth > maxDepth) return fail(`TLV nested deeper than ${maxDepth}`);
  const nodes: TlvNode[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] ?? 0;
    if (options.skipPadding && (first === 0x00 || first === 0xff)) {
      i++;
      continue;
    }
    // Tag
    let tag = first;
    i++;
    if ((first & 0x1f) === 0x1f) {
      let more = true;
      let count = 0;
      while (more) {
        const next = bytes[i];
        if (next === undefined) return fail(`TLV tag truncated at offset ${i}`);
        tag = tag * 256 + next;
        more = (next & 0x80) !== 0;
        i++;
        if (++count > 3) return fail('TLV tag longer than 4 bytes');
      }
    }
    // Length
    const lengthByte = bytes[i];
    if (lengthByte === undefined) return fail(`TLV length missing for tag ${tag.toString(16)}`);
    i++;
    let length: number;
    if (lengthByte < 0x80) {
      length = lengthByte;
    } else if (lengthByte === 0x80) {
      return fail('TLV indefinite length is not supported');
    } else {
      const count = lengthByte & 0x7f;
      if (count > 3) return fail(`TLV length field of ${count} bytes is not supported`);
      if (i + count > bytes.length) return fail('TLV length truncated');
      length = 0;
      for (let k = 0; k < count; k++) length = length * 256 + (bytes[i + k] ?? 0);
      i += count;
    }
    if (i + length > bytes.length) return fail(`TLV value of tag ${tag.toString(16)} truncated (needs ${length}, has ${bytes.length - i})`);
    const value = bytes.slice(i, i + length);
    i += length;
    const constructed = (first & 0x20) !== 0;
    if (constructed && options.parseConstructed !== false) {
      const children = decodeLevel(value, options, depth + 1);
      if (!children.ok) return children;
      nodes.push({ tag, children: children.value });
    } else {
      nodes.push({ tag, value });
    }
  }
  return ok(nodes);
}

/** First primitive value with this tag at the top level (no descent). */
export function findTlvValue(nodes: readonly TlvNode[], tag: number): Uint8Array | undefined {
  for (const node of nodes) if (node.tag === tag && 'value' in node) return node.value;
  return undefined;
}
