/**
 * The kiosk staff card: a smart card issued to technicians and supervisors,
 * with its own application (not the national ID's), holding the staff
 * number and role. It identifies who is at the machine; the PIN typed next
 * proves it is them (checked against that staff member's PIN hash in the
 * kiosk configuration, not on the card: the card never learns the PIN).
 *
 * Layout (our own, like the ID card's): application AID
 * F0 4B 48 49 44 4D 41 02 ("KHIDMA" + 02), one transparent EF 0101 holding
 * a BER-TLV template 70 { 80 staff number (ASCII, 4-16 of A-Z 0-9 -),
 * 81 role (01 technician, 02 supervisor) }.
 *
 *   70 0F 80 0A 53 54 41 46 46 2D 30 30 30 31 81 01 01   → STAFF-0001, technician
 */
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { selectByAid, selectEf } from './commands.ts';
import { readTransparentFile } from './read-file.ts';
import { decodeTlv, encodeTlv } from '../shared/ber-tlv.ts';
import { asciiBytes, fromHex } from '../shared/bytes.ts';
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export const STAFF_CARD_AID: Uint8Array = fromHex('F0 4B 48 49 44 4D 41 02');
export const STAFF_CARD_FILE = { fid: 0x0101, maxSize: 64 } as const;

export type StaffRole = 'technician' | 'supervisor';
export interface StaffCardData {
  readonly staffId: string;
  readonly role: StaffRole;
}

const TEMPLATE = 0x70;
const TAG_STAFF_ID = 0x80;
const TAG_ROLE = 0x81;
const ROLE_CODES: Record<StaffRole, number> = { technician: 0x01, supervisor: 0x02 };
const STAFF_ID = /^[A-Z0-9-]{4,16}$/;

export function encodeStaffCard(data: StaffCardData): Uint8Array {
  if (!STAFF_ID.test(data.staffId)) throw new RangeError('a staff number is 4-16 of A-Z, 0-9 and -');
  return encodeTlv([{ tag: TEMPLATE, children: [{ tag: TAG_STAFF_ID, value: asciiBytes(data.staffId) }, { tag: TAG_ROLE, value: Uint8Array.of(ROLE_CODES[data.role]) }] }]);
}

export function decodeStaffCard(bytes: Uint8Array): DecodeResult<StaffCardData> {
  const nodes = decodeTlv(bytes);
  if (!nodes.ok) return nodes;
  const template = nodes.value.find((n) => n.tag === TEMPLATE);
  if (!template || !('children' in template)) return fail('no staff card template (70)');
  const value = (tag: number) => {
    const node = template.children.find((c) => c.tag === tag);
    return node && 'value' in node ? node.value : null;
  };
  const id = value(TAG_STAFF_ID);
  const role = value(TAG_ROLE);
  if (!id || !role || role.length !== 1) return fail('staff number or role missing');
  const staffId = String.fromCharCode(...id);
  if (!STAFF_ID.test(staffId)) return fail('staff number malformed');
  const named = (Object.keys(ROLE_CODES) as StaffRole[]).find((r) => ROLE_CODES[r] === role[0]);
  if (!named) return fail(`unknown role ${role[0]}`);
  return ok({ staffId, role: named });
}

export type StaffCardRead =
  | { readonly kind: 'staff'; readonly card: StaffCardData }
  /** The card answers, but has no staff application (a citizen's ID card, a bank card). */
  | { readonly kind: 'not-staff' }
  /** The reader failed, or the card's answer made no sense. */
  | { readonly kind: 'failed'; readonly reason: string };

/** Reads the staff card through an APDU channel (the reader's chip exchange). */
export async function readStaffCard(exchange: (command: CommandApdu) => Promise<ResponseApdu | null>): Promise<StaffCardRead> {
  const send = async (command: CommandApdu): Promise<DecodeResult<ResponseApdu>> => {
    const response = await exchange(command);
    return response ? ok(response) : fail('the reader failed');
  };
  const selected = await send(selectByAid(STAFF_CARD_AID));
  if (!selected.ok) return { kind: 'failed', reason: selected.error };
  const sw = (r: ResponseApdu) => (r.sw1 << 8) | r.sw2;
  if (sw(selected.value) === 0x6a82) return { kind: 'not-staff' };
  if (sw(selected.value) !== 0x9000) return { kind: 'failed', reason: `SELECT answered ${sw(selected.value).toString(16)}` };
  const file = await send(selectEf(STAFF_CARD_FILE.fid));
  if (!file.ok) return { kind: 'failed', reason: file.error };
  if (sw(file.value) !== 0x9000) return { kind: 'failed', reason: `SELECT EF answered ${sw(file.value).toString(16)}` };
  const bytes = await readTransparentFile(send, STAFF_CARD_FILE.maxSize);
  if (!bytes.ok) return { kind: 'failed', reason: bytes.error };
  const decoded = decodeStaffCard(bytes.value);
  return decoded.ok ? { kind: 'staff', card: decoded.value } : { kind: 'failed', reason: decoded.error };
}
