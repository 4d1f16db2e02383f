/**
 * ZVT messages we send and receive, as typed values, pure.
 *
 * Follows PA00P015_13.08 ("ECR-Interface ZVT-Protocol — Commands, Bitmaps, Error
 * Messages"): 2.1 Registration (06 00), 2.2 Authorization (06 01), 2.9 Reversal
 * (06 30), 2.16 End-of-Day (06 50), 2.20 Repeat Receipt (06 20), 2.23 Abort (06 B0),
 * 2.24 Log-Off (06 02), 2.56 Status-Enquiry (05 01); from the terminal: 3.1
 * Status-Information (04 0F), 3.2 Completion (06 0F), 3.3 Abort (06 1E), 3.5 Print
 * Line (06 D1), 3.6 Print Text-Block (06 D3), 3.7 Intermediate Status-Information
 * (04 FF); and PA00P016_04 5.2.3 for the acknowledgements 80 00 (positive) and 84 XX
 * (negative, XX = error; "84 00" also counts as positive).
 *
 * Completion (06 0F) has two layouts: bitmaps after most commands, and after a
 * Status-Enquiry "[<SW-version LLLVAR>] <terminal status-code> [06 <TLV>]". decode
 * tells them apart by the first byte: an LLLVAR starts with F0-F9, and the bitmap
 * form only ever starts with one of 27, 0C, AA, 19, 29, 49, 06 — none of which is a
 * terminal status code in PA00P015 chapter 11. The encoder is told explicitly.
 */
import { decodeBcd, encodeBcd } from '../../shared/bcd.ts';
import { concatBytes } from '../../shared/bytes.ts';
import type { TlvNode } from '../../shared/ber-tlv.ts';
import { type DecodeResult, fail, ok } from '../../shared/result.ts';
import type { ZvtApdu } from './apdu.ts';
import { amountField, type BmpField, byteField, currencyField, decodeBmpFields, encodeBmpFields, encodeVarLength } from './bmp.ts';

/** ZVT passwords are 6 digits, sent as 3 bytes BCD (PA00P015 1.2). */
const passwordBytes = (password: string): Uint8Array => {
  if (!/^\d{6}$/.test(password)) throw new RangeError('ZVT password must be 6 digits');
  return encodeBcd(password, 3);
};

export type ZvtMessage =
  // ECR → PT
  | { readonly type: 'registration'; readonly password: string; readonly configByte: number; readonly currencyCode?: number; readonly serviceByte?: number; readonly tlv?: readonly TlvNode[] }
  | { readonly type: 'authorisation'; readonly fields: readonly BmpField[] }
  | { readonly type: 'reversal'; readonly password: string; readonly fields: readonly BmpField[] }
  | { readonly type: 'repeatReceipt'; readonly password: string; readonly fields: readonly BmpField[] }
  | { readonly type: 'statusEnquiry'; readonly password?: string; readonly fields: readonly BmpField[] }
  | { readonly type: 'endOfDay'; readonly password: string; readonly fields: readonly BmpField[] }
  | { readonly type: 'abortCommand'; readonly fields: readonly BmpField[] }
  | { readonly type: 'logOff' }
  // PT → ECR
  | { readonly type: 'intermediateStatus'; readonly status: number; readonly timeoutMinutes?: number; readonly fields: readonly BmpField[] }
  | { readonly type: 'statusInformation'; readonly fields: readonly BmpField[] }
  | { readonly type: 'completion'; readonly fields: readonly BmpField[] }
  | { readonly type: 'statusEnquiryCompletion'; readonly softwareVersion?: Uint8Array; readonly terminalStatus: number; readonly fields: readonly BmpField[] }
  | { readonly type: 'abort'; readonly resultCode: number; readonly fields: readonly BmpField[] }
  | { readonly type: 'printLine'; readonly attribute: number; readonly text: Uint8Array }
  | { readonly type: 'printTextBlock'; readonly fields: readonly BmpField[] }
  // either direction
  | { readonly type: 'ack'; readonly data: Uint8Array }
  | { readonly type: 'negativeAck'; readonly errorCode: number; readonly data: Uint8Array }
  | { readonly type: 'other'; readonly cls: number; readonly instr: number; readonly data: Uint8Array };

/** Control fields (CLASS INSTR) of the messages above. */
export const ZVT = {
  registration: [0x06, 0x00],
  authorisation: [0x06, 0x01],
  logOff: [0x06, 0x02],
  repeatReceipt: [0x06, 0x20],
  reversal: [0x06, 0x30],
  endOfDay: [0x06, 0x50],
  abortCommand: [0x06, 0xb0],
  statusEnquiry: [0x05, 0x01],
  intermediateStatus: [0x04, 0xff],
  statusInformation: [0x04, 0x0f],
  completion: [0x06, 0x0f],
  abort: [0x06, 0x1e],
  printLine: [0x06, 0xd1],
  printTextBlock: [0x06, 0xd3],
} as const;


const apdu = (control: readonly [number, number], data: Uint8Array): ZvtApdu => ({ cls: control[0], instr: control[1], data });

export function encodeMessage(message: ZvtMessage): ZvtApdu {
  switch (message.type) {
    case 'registration': {
      const parts = [passwordBytes(message.password), Uint8Array.of(message.configByte)];
      if (message.currencyCode !== undefined) parts.push(encodeBcd(message.currencyCode, 2));
      else if (message.serviceByte !== undefined || message.tlv !== undefined) throw new RangeError('registration: service byte and TLV need a currency code');
      const optional: BmpField[] = [];
      if (message.serviceByte !== undefined) optional.push(byteField(0x03, message.serviceByte));
      if (message.tlv !== undefined) optional.push({ bmp: 0x06, tlv: message.tlv });
      parts.push(encodeBmpFields(optional));
      return apdu(ZVT.registration, concatBytes(...parts));
    }
    case 'authorisation':
      return apdu(ZVT.authorisation, encodeBmpFields(message.fields));
    case 'reversal':
      return apdu(ZVT.reversal, concatBytes(passwordBytes(message.password), encodeBmpFields(message.fields)));
    case 'repeatReceipt':
      return apdu(ZVT.repeatReceipt, concatBytes(passwordBytes(message.password), encodeBmpFields(message.fields)));
    case 'statusEnquiry':
      if (message.password === undefined && message.fields.length > 0) throw new RangeError('status enquiry: fields need the password');
      return apdu(ZVT.statusEnquiry, message.password === undefined ? new Uint8Array() : concatBytes(passwordBytes(message.password), encodeBmpFields(message.fields)));
    case 'endOfDay':
      return apdu(ZVT.endOfDay, concatBytes(passwordBytes(message.password), encodeBmpFields(message.fields)));
    case 'abortCommand':
      return apdu(ZVT.abortCommand, encodeBmpFields(message.fields));
    case 'logOff':
      return apdu(ZVT.logOff, new Uint8Array());
    case 'intermediateStatus': {
      const timeout = message.timeoutMinutes === undefined ? new Uint8Array() : encodeBcd(message.timeoutMinutes, 1);
      if (message.timeoutMinutes === undefined && message.fields.length > 0) throw new RangeError('intermediate status: TLV needs the timeout');
      return apdu(ZVT.intermediateStatus, concatBytes(Uint8Array.of(message.status), timeout, encodeBmpFields(message.fields)));
    }
    case 'statusInformation':
      return apdu(ZVT.statusInformation, encodeBmpFields(message.fields));
    case 'completion':
      return apdu(ZVT.completion, encodeBmpFields(message.fields));
    case 'statusEnquiryCompletion': {
      const version = message.softwareVersion === undefined ? new Uint8Array() : concatBytes(encodeVarLength(message.softwareVersion.length, 3), message.softwareVersion);
      return apdu(ZVT.completion, concatBytes(version, Uint8Array.of(message.terminalStatus), encodeBmpFields(message.fields)));
    }
    case 'abort':
      return apdu(ZVT.abort, concatBytes(Uint8Array.of(message.resultCode), encodeBmpFields(message.fields)));
    case 'printLine':
      return apdu(ZVT.printLine, concatBytes(Uint8Array.of(message.attribute), message.text));
    case 'printTextBlock':
      return apdu(ZVT.printTextBlock, encodeBmpFields(message.fields));
    case 'ack':
      return { cls: 0x80, instr: 0x00, data: message.data };
    case 'negativeAck':
      return { cls: 0x84, instr: message.errorCode, data: message.data };
    case 'other':
      return { cls: message.cls, instr: message.instr, data: message.data };
  }
}

const BITMAP_COMPLETION_FIRST_BYTES = new Set([0x27, 0x0c, 0xaa, 0x19, 0x29, 0x49, 0x06]);

function readPassword(data: Uint8Array): DecodeResult<string> {
  if (data.length < 3) return fail('password missing');
  const digits = decodeBcd(data.subarray(0, 3));
  return digits === undefined ? fail('password is not BCD') : ok(digits);
}

function withFields<T>(data: Uint8Array, make: (fields: BmpField[]) => T): DecodeResult<T> {
  const fields = decodeBmpFields(data);
  return fields.ok ? ok(make(fields.value)) : fields;
}

export function decodeMessage(a: ZvtApdu): DecodeResult<ZvtMessage> {
  const { cls, instr, data } = a;
  const is = (control: readonly [number, number]) => cls === control[0] && instr === control[1];
  if (cls === 0x80) return instr === 0x00 ? ok({ type: 'ack', data }) : fail(`positive completion with APRC ${instr.toString(16)}`);
  if (cls === 0x84) return ok({ type: 'negativeAck', errorCode: instr, data });
  if (is(ZVT.registration)) {
    const password = readPassword(data);
    if (!password.ok) return fail(`registration: ${password.error}`);
    if (data.length < 4) return fail('registration: config byte missing');
    const configByte = data[3] ?? 0;
    if (data.length === 4) return ok({ type: 'registration', password: password.value, configByte });
    if (data.length < 6) return fail('registration: currency code truncated');
    const currency = decodeBcd(data.subarray(4, 6));
    if (currency === undefined) return fail('registration: currency code is not BCD');
    const optional = decodeBmpFields(data.subarray(6));
    if (!optional.ok) return fail(`registration: ${optional.error}`);
    let serviceByte: number | undefined;
    let tlv: readonly TlvNode[] | undefined;
    for (const f of optional.value) {
      if (f.bmp === 0x03 && 'value' in f) serviceByte = f.value[0];
      else if ('tlv' in f) tlv = f.tlv;
      else return fail(`registration: unexpected BMP ${f.bmp.toString(16)}`);
    }
    return ok({
      type: 'registration',
      password: password.value,
      configByte,
      currencyCode: Number(currency),
      ...(serviceByte === undefined ? {} : { serviceByte }),
      ...(tlv === undefined ? {} : { tlv }),
    });
  }
  if (is(ZVT.authorisation)) return withFields(data, (fields) => ({ type: 'authorisation', fields }));
  for (const [type, control] of [['reversal', ZVT.reversal], ['repeatReceipt', ZVT.repeatReceipt], ['endOfDay', ZVT.endOfDay]] as const) {
    if (!is(control)) continue;
    const password = readPassword(data);
    if (!password.ok) return fail(`${type}: ${password.error}`);
    return withFields(data.subarray(3), (fields) => ({ type, password: password.value, fields }));
  }
  if (is(ZVT.statusEnquiry)) {
    if (data.length === 0) return ok({ type: 'statusEnquiry', fields: [] });
    const password = readPassword(data);
    if (!password.ok) return fail(`status enquiry: ${password.error}`);
    return withFields(data.subarray(3), (fields) => ({ type: 'statusEnquiry', password: password.value, fields }));
  }
  if (is(ZVT.abortCommand)) return withFields(data, (fields) => ({ type: 'abortCommand', fields }));
  if (is(ZVT.logOff)) return data.length === 0 ? ok({ type: 'logOff' }) : fail('log-off carries no data');
  if (is(ZVT.intermediateStatus)) {
    if (data.length < 1) return fail('intermediate status: status byte missing');
    const status = data[0] ?? 0;
    if (data.length === 1) return ok({ type: 'intermediateStatus', status, fields: [] });
    const timeout = decodeBcd(data.subarray(1, 2));
    if (timeout === undefined) return fail('intermediate status: timeout is not BCD');
    return withFields(data.subarray(2), (fields) => ({ type: 'intermediateStatus', status, timeoutMinutes: Number(timeout), fields }));
  }
  if (is(ZVT.statusInformation)) return withFields(data, (fields) => ({ type: 'statusInformation', fields }));
  if (is(ZVT.completion)) {
    const first = data[0];
    if (first === undefined || BITMAP_COMPLETION_FIRST_BYTES.has(first)) return withFields(data, (fields) => ({ type: 'completion', fields }));
    let i = 0;
    let softwareVersion: Uint8Array | undefined;
    if ((first & 0xf0) === 0xf0) {
      const length = lllvarLength(data);
      if (length === undefined) return fail('completion: bad software-version LLLVAR');
      if (3 + length + 1 > data.length) return fail('completion: software version truncated');
      softwareVersion = data.slice(3, 3 + length);
      i = 3 + length;
    }
    const terminalStatus = data[i] ?? 0;
    return withFields(data.subarray(i + 1), (fields) => ({
      type: 'statusEnquiryCompletion' as const,
      ...(softwareVersion === undefined ? {} : { softwareVersion }),
      terminalStatus,
      fields,
    }));
  }
  if (is(ZVT.abort)) {
    if (data.length < 1) return fail('abort: result code missing');
    const resultCode = data[0] ?? 0;
    return withFields(data.subarray(1), (fields) => ({ type: 'abort', resultCode, fields }));
  }
  if (is(ZVT.printLine)) {
    if (data.length < 1) return fail('print line: attribute missing');
    return ok({ type: 'printLine', attribute: data[0] ?? 0, text: data.slice(1) });
  }
  if (is(ZVT.printTextBlock)) return withFields(data, (fields) => ({ type: 'printTextBlock', fields }));
  return ok({ type: 'other', cls, instr, data });
}

function lllvarLength(data: Uint8Array): number | undefined {
  let n = 0;
  for (let k = 0; k < 3; k++) {
    const b = data[k];
    if (b === undefined || (b & 0xf0) !== 0xf0 || (b & 0x0f) > 9) return undefined;
    n = n * 10 + (b & 0x0f);
  }
  return n;
}

// ---- convenience builders for the messages the kiosk sends ----

export interface AuthorisationRequest {
  /** Minor currency units: fils for BHD. */
  readonly amount: number;
  readonly currencyCode?: number;
  readonly paymentType?: number;
  readonly tlv?: readonly TlvNode[];
}

export function authorisation(request: AuthorisationRequest): ZvtMessage {
  const fields: BmpField[] = [amountField(request.amount)];
  if (request.currencyCode !== undefined) fields.push(currencyField(request.currencyCode));
  if (request.paymentType !== undefined) fields.push(byteField(0x19, request.paymentType));
  if (request.tlv !== undefined) fields.push({ bmp: 0x06, tlv: request.tlv });
  return { type: 'authorisation', fields };
}

export function reversal(password: string, receiptNumber: number, amount?: number, currencyCode?: number): ZvtMessage {
  const fields: BmpField[] = [{ bmp: 0x87, value: encodeBcd(receiptNumber, 2) }];
  if (amount !== undefined) fields.push(amountField(amount));
  if (currencyCode !== undefined) fields.push(currencyField(currencyCode));
  return { type: 'reversal', password, fields };
}

/**
 * Registration config byte (PA00P015 table 1). The kiosk prints its own receipts
 * (bitmap, Arabic) from the Status-Information, wants intermediate status, and keeps
 * the amount and the admin functions off the terminal's keypad.
 */
export const CONFIG = {
  ecrPrintsPaymentReceipt: 0x02,
  ecrPrintsAdministrationReceipt: 0x04,
  intermediateStatusWanted: 0x08,
  amountInputOnPtNotPossible: 0x10,
  adminFunctionsOnPtNotPossible: 0x20,
  ecrPrintTypePrintLines: 0x80,
} as const;

export const KIOSK_CONFIG_BYTE =
  CONFIG.ecrPrintsPaymentReceipt | CONFIG.ecrPrintsAdministrationReceipt | CONFIG.intermediateStatusWanted | CONFIG.amountInputOnPtNotPossible | CONFIG.adminFunctionsOnPtNotPossible;

/** Print Line (06 D1) attribute (PA00P015 table 16): FF = "linefeeds, count follows in the text byte". */
export type PrintAttribute =
  | { readonly kind: 'linefeeds' }
  | { readonly kind: 'text'; readonly lastLine: boolean; readonly centred: boolean; readonly doubleWidth: boolean; readonly doubleHeight: boolean; readonly indent: number };

export function describePrintAttribute(attribute: number): PrintAttribute {
  if (attribute === 0xff) return { kind: 'linefeeds' };
  // 1xxx xxxx (not 80): last line of a receipt; the other bits are not formatting then.
  const lastLine = (attribute & 0x80) !== 0 && attribute !== 0x80;
  if (lastLine) return { kind: 'text', lastLine, centred: false, doubleWidth: false, doubleHeight: false, indent: 0 };
  return {
    kind: 'text',
    lastLine,
    centred: (attribute & 0x40) !== 0,
    doubleWidth: (attribute & 0x20) !== 0,
    doubleHeight: (attribute & 0x10) !== 0,
    indent: attribute & 0x0f,
  };
}
