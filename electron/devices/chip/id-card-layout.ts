/**
 * The national ID card application as our simulated cards and the kiosk see it.
 * It is OUR OWN layout — fictional, but shaped the way ISO/IEC 7816 cards are:
 *
 *  - AID F0 4B 48 49 44 4D 41 01 ("F0" + "KHIDMA" + version 01). A first nibble 'F'
 *    is the ISO/IEC 7816-5 category for proprietary, non-registered application
 *    identifiers, so it cannot collide with a registered RID.
 *  - Transparent EFs under the application DF, selected by file identifier:
 *      0101 EF.PersonalData   BER-TLV, template '65'
 *      0102 EF.Address        BER-TLV, template 'E1'
 *      0103 EF.Fingerprint    BER-TLV, template 'E2' (opaque reference template)
 *  - PIN: local reference '81' (P2 of VERIFY), 3 tries; PUK (resetting code) '82', 10 tries.
 *
 * Tags: ISO/IEC 7816-6 interindustry tags where one exists ('65' cardholder related
 * data, '5F20' cardholder name, '5F2B' date of birth, '5F2C' nationality, '5F24'
 * expiry date), private-class 'DFxx' for the rest. Dates are 4-byte packed BCD
 * YYYYMMDD (7816-6 prints dates as YYMMDD; we keep the century, a deviation).
 * Text is UTF-8 (Arabic names included). Files may be padded with '00'/'FF' after
 * the template, which decoding skips (ISO/IEC 7816-4 5.2).
 */
import { decodeBcd, encodeBcd } from '../shared/bcd.ts';
import { decodeTlv, encodeTlv, findTlvValue, type TlvNode } from '../shared/ber-tlv.ts';
import { fromHex } from '../shared/bytes.ts';
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export const NATIONAL_ID_AID: Uint8Array = fromHex('F0 4B 48 49 44 4D 41 01');

export const ID_CARD_FILES = {
  personalData: { fid: 0x0101, maxSize: 512 },
  address: { fid: 0x0102, maxSize: 256 },
  fingerprint: { fid: 0x0103, maxSize: 1024 },
} as const;

export const PIN_REFERENCE = 0x81;
export const PUK_REFERENCE = 0x82;
export const PIN_MAX_TRIES = 3;
export const PUK_MAX_TRIES = 10;

export const ID_CARD_TAGS = {
  personalDataTemplate: 0x65,
  cprNumber: 0xdf01,
  nameEnglish: 0x5f20,
  nameArabic: 0xdf02,
  dateOfBirth: 0x5f2b,
  nationality: 0x5f2c,
  expiryDate: 0x5f24,
  cardSerial: 0xdf03,
  addressTemplate: 0xe1,
  block: 0xdf11,
  road: 0xdf12,
  building: 0xdf13,
  flat: 0xdf14,
  fingerprintTemplate: 0xe2,
  fingerIndex: 0xdf21,
  fingerprintReference: 0xdf22,
} as const;

export interface PersonalData {
  /** Personal number, 9 digits (Bahrain CPR style). */
  readonly cprNumber: string;
  readonly nameEnglish: string;
  readonly nameArabic: string;
  /** ISO date, YYYY-MM-DD. */
  readonly dateOfBirth: string;
  /** ISO 3166-1 alpha-3, e.g. "BHR". */
  readonly nationality: string;
  readonly expiryDate: string;
  readonly cardSerial: string;
}

export interface Address {
  readonly block: string;
  readonly road: string;
  readonly building: string;
  readonly flat?: string;
}

export interface FingerprintReference {
  /** ISO/IEC 19794 finger position 1..10. */
  readonly fingerIndex: number;
  /** Opaque reference template; the kiosk never interprets it. */
  readonly reference: Uint8Array;
}

const utf8Encoder = new TextEncoder();
const utf8 = (text: string, field: string, max: number): Uint8Array => {
  const bytes = utf8Encoder.encode(text);
  if (bytes.length === 0 || bytes.length > max) throw new RangeError(`${field} must be 1..${max} UTF-8 bytes`);
  return bytes;
};
const readUtf8 = (bytes: Uint8Array | undefined): string | undefined => {
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};
const ascii = (text: string, field: string, pattern: RegExp): Uint8Array => {
  if (!pattern.test(text)) throw new RangeError(`${field} has the wrong format: "${text}"`);
  return utf8Encoder.encode(text);
};

function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function encodeDate(iso: string): Uint8Array {
  if (!isCalendarDate(iso)) throw new RangeError(`not a calendar date: "${iso}"`);
  return encodeBcd(iso.replaceAll('-', ''), 4);
}

export function decodeDate(bytes: Uint8Array | undefined): string | undefined {
  if (bytes?.length !== 4) return undefined;
  const digits = decodeBcd(bytes);
  if (digits === undefined) return undefined;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return isCalendarDate(iso) ? iso : undefined;
}

const CPR = /^\d{9}$/;
const NATIONALITY = /^[A-Z]{3}$/;
const SERIAL = /^[A-Z0-9]{1,16}$/;
const ADDRESS_PART = /^[0-9A-Za-z]{1,8}$/;

const prim = (tag: number, value: Uint8Array): TlvNode => ({ tag, value });

export function encodePersonalData(p: PersonalData): Uint8Array {
  const T = ID_CARD_TAGS;
  return encodeTlv([
    {
      tag: T.personalDataTemplate,
      children: [
        prim(T.cprNumber, ascii(p.cprNumber, 'CPR number', CPR)),
        prim(T.nameEnglish, utf8(p.nameEnglish, 'English name', 120)),
        prim(T.nameArabic, utf8(p.nameArabic, 'Arabic name', 160)),
        prim(T.dateOfBirth, encodeDate(p.dateOfBirth)),
        prim(T.nationality, ascii(p.nationality, 'nationality', NATIONALITY)),
        prim(T.expiryDate, encodeDate(p.expiryDate)),
        prim(T.cardSerial, ascii(p.cardSerial, 'card serial', SERIAL)),
      ],
    },
  ]);
}

function template(bytes: Uint8Array, tag: number, name: string): DecodeResult<readonly TlvNode[]> {
  const decoded = decodeTlv(bytes, { skipPadding: true });
  if (!decoded.ok) return decoded;
  const node = decoded.value.find((n) => n.tag === tag);
  if (!node || !('children' in node)) return fail(`${name}: template ${tag.toString(16)} missing`);
  return ok(node.children);
}

export function decodePersonalData(bytes: Uint8Array): DecodeResult<PersonalData> {
  const T = ID_CARD_TAGS;
  const children = template(bytes, T.personalDataTemplate, 'personal data');
  if (!children.ok) return children;
  const get = (tag: number) => findTlvValue(children.value, tag);
  const value = {
    cprNumber: readUtf8(get(T.cprNumber)),
    nameEnglish: readUtf8(get(T.nameEnglish)),
    nameArabic: readUtf8(get(T.nameArabic)),
    dateOfBirth: decodeDate(get(T.dateOfBirth)),
    nationality: readUtf8(get(T.nationality)),
    expiryDate: decodeDate(get(T.expiryDate)),
    cardSerial: readUtf8(get(T.cardSerial)),
  };
  for (const [key, v] of Object.entries(value)) if (v === undefined) return fail(`personal data: ${key} missing or malformed`);
  const p = value as PersonalData;
  if (!CPR.test(p.cprNumber) || !NATIONALITY.test(p.nationality) || !SERIAL.test(p.cardSerial)) return fail('personal data: field format');
  return ok(p);
}

export function encodeAddress(a: Address): Uint8Array {
  const T = ID_CARD_TAGS;
  const children = [
    prim(T.block, ascii(a.block, 'block', ADDRESS_PART)),
    prim(T.road, ascii(a.road, 'road', ADDRESS_PART)),
    prim(T.building, ascii(a.building, 'building', ADDRESS_PART)),
  ];
  if (a.flat !== undefined) children.push(prim(T.flat, ascii(a.flat, 'flat', ADDRESS_PART)));
  return encodeTlv([{ tag: T.addressTemplate, children }]);
}

export function decodeAddress(bytes: Uint8Array): DecodeResult<Address> {
  const T = ID_CARD_TAGS;
  const children = template(bytes, T.addressTemplate, 'address');
  if (!children.ok) return children;
  const get = (tag: number) => readUtf8(findTlvValue(children.value, tag));
  const block = get(T.block);
  const road = get(T.road);
  const building = get(T.building);
  const flat = get(T.flat);
  if (block === undefined || road === undefined || building === undefined) return fail('address: block, road and building are required');
  if (![block, road, building, ...(flat === undefined ? [] : [flat])].every((part) => ADDRESS_PART.test(part))) return fail('address: field format');
  return ok(flat === undefined ? { block, road, building } : { block, road, building, flat });
}

export function encodeFingerprintReference(f: FingerprintReference): Uint8Array {
  if (!Number.isInteger(f.fingerIndex) || f.fingerIndex < 1 || f.fingerIndex > 10) throw new RangeError('finger index must be 1..10');
  if (f.reference.length === 0 || f.reference.length > 900) throw new RangeError('fingerprint reference must be 1..900 bytes');
  const T = ID_CARD_TAGS;
  return encodeTlv([{ tag: T.fingerprintTemplate, children: [prim(T.fingerIndex, Uint8Array.of(f.fingerIndex)), prim(T.fingerprintReference, f.reference)] }]);
}

export function decodeFingerprintReference(bytes: Uint8Array): DecodeResult<FingerprintReference> {
  const T = ID_CARD_TAGS;
  const children = template(bytes, T.fingerprintTemplate, 'fingerprint');
  if (!children.ok) return children;
  const index = findTlvValue(children.value, T.fingerIndex);
  const reference = findTlvValue(children.value, T.fingerprintReference);
  const fingerIndex = index?.length === 1 ? index[0] : undefined;
  if (fingerIndex === undefined || fingerIndex < 1 || fingerIndex > 10 || reference === undefined || reference.length === 0) {
    return fail('fingerprint: finger index or reference missing');
  }
  return ok({ fingerIndex, reference });
}
