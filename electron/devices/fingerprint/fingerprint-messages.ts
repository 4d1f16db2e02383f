/**
 * Messages of our fingerprint protocol (payloads of the frames in
 * fingerprint-frame.ts). Commands after the usual module flow — capture an
 * image, then compare it with a stored template — with the template supplied
 * by the host each time (it comes from the ID card chip; the reader stores
 * nothing about a citizen).
 *
 *   command payload: opcode | parameters
 *   reply payload:   opcode | status | data
 *   event payload:   event code | data
 *
 *   01 GET_INFO                  reply data: fw major, fw minor, dpi (2, BE), model (ASCII)
 *   02 CAPTURE  timeout s, min q reply data: quality 0–100 (ok and poorQuality)
 *   03 MATCH    template bytes   reply data: score 0–100 (ok = match, noMatch)
 *   04 CANCEL                    reply: ok (the running command then replies `canceled`)
 *   05 SELF_TEST                 reply data: check bits (1 sensor, 2 LED ring, 4 memory)
 *
 * Templates are opaque bytes to everyone but the reader; never logged.
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import { latin1String } from '../shared/bytes.ts';
import { MAX_PAYLOAD } from './fingerprint-frame.ts';

export const OPCODE = { getInfo: 0x01, capture: 0x02, match: 0x03, cancel: 0x04, selfTest: 0x05 } as const;
export type Opcode = (typeof OPCODE)[keyof typeof OPCODE];

export const REPLY_STATUSES = [
  'ok',
  'noFinger',
  'poorQuality',
  'fingerRemoved',
  'noMatch',
  'badTemplate',
  'noCapture',
  'canceled',
  'busy',
  'badCommand',
  'badChecksum',
  'sensorFault',
] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export const EVENT_CODES = ['placeFinger', 'fingerDetected', 'liftFinger'] as const;
export type FingerprintDeviceEvent = (typeof EVENT_CODES)[number];

/** Longest template we pass on (ISO/IEC 19794-2 minutiae templates are a few hundred bytes). */
export const MAX_TEMPLATE = MAX_PAYLOAD - 1;
export const SELF_TEST_BITS = { sensor: 0x01, led: 0x02, memory: 0x04 } as const;

export type FingerprintCommand =
  | { readonly op: 'getInfo' }
  | { readonly op: 'capture'; readonly timeoutSeconds: number; readonly minQuality: number }
  | { readonly op: 'match'; readonly template: Uint8Array }
  | { readonly op: 'cancel' }
  | { readonly op: 'selfTest' };

export interface FingerprintReply {
  readonly opcode: number;
  readonly status: ReplyStatus;
  readonly data: Uint8Array;
}

export interface FingerprintInfo {
  readonly firmware: string;
  readonly dpi: number;
  readonly model: string;
}

const OP_BY_CODE = new Map<number, FingerprintCommand['op']>(Object.entries(OPCODE).map(([name, code]) => [code, name as FingerprintCommand['op']]));

export function encodeCommand(command: FingerprintCommand): Uint8Array {
  switch (command.op) {
    case 'capture':
      if (!Number.isInteger(command.timeoutSeconds) || command.timeoutSeconds < 1 || command.timeoutSeconds > 60) {
        throw new RangeError(`capture timeout must be 1..60 s, got ${command.timeoutSeconds}`);
      }
      if (!Number.isInteger(command.minQuality) || command.minQuality < 0 || command.minQuality > 100) {
        throw new RangeError(`minimum quality must be 0..100, got ${command.minQuality}`);
      }
      return Uint8Array.of(OPCODE.capture, command.timeoutSeconds, command.minQuality);
    case 'match': {
      if (command.template.length < 1 || command.template.length > MAX_TEMPLATE) {
        throw new RangeError(`template must be 1..${MAX_TEMPLATE} bytes, got ${command.template.length}`);
      }
      const out = new Uint8Array(1 + command.template.length);
      out[0] = OPCODE.match;
      out.set(command.template, 1);
      return out;
    }
    default:
      return Uint8Array.of(OPCODE[command.op]);
  }
}

export function decodeCommand(payload: Uint8Array): DecodeResult<FingerprintCommand> {
  const op = payload[0] === undefined ? undefined : OP_BY_CODE.get(payload[0]);
  if (op === undefined) return fail(`unknown opcode ${payload[0] ?? 'none'}`);
  switch (op) {
    case 'capture': {
      const [, timeoutSeconds, minQuality] = payload;
      if (payload.length !== 3 || timeoutSeconds === undefined || minQuality === undefined) return fail('CAPTURE takes 2 parameter bytes');
      if (timeoutSeconds < 1 || timeoutSeconds > 60 || minQuality > 100) return fail('CAPTURE parameters out of range');
      return ok({ op, timeoutSeconds, minQuality });
    }
    case 'match':
      if (payload.length < 2) return fail('MATCH without a template');
      return ok({ op, template: payload.slice(1) });
    default:
      if (payload.length !== 1) return fail(`${op} takes no parameters`);
      return ok({ op });
  }
}

export function encodeReply(reply: FingerprintReply): Uint8Array {
  const status = REPLY_STATUSES.indexOf(reply.status);
  if (status < 0) throw new RangeError(`unknown status ${reply.status}`);
  if (reply.data.length > MAX_PAYLOAD - 2) throw new RangeError('reply data too long');
  const out = new Uint8Array(2 + reply.data.length);
  out[0] = reply.opcode;
  out[1] = status;
  out.set(reply.data, 2);
  return out;
}

export function decodeReply(payload: Uint8Array): DecodeResult<FingerprintReply> {
  const [opcode, statusCode] = payload;
  if (opcode === undefined || statusCode === undefined) return fail('reply shorter than opcode + status');
  const status = REPLY_STATUSES[statusCode];
  if (status === undefined) return fail(`unknown reply status ${statusCode}`);
  return ok({ opcode, status, data: payload.slice(2) });
}

export function encodeEvent(event: FingerprintDeviceEvent): Uint8Array {
  return Uint8Array.of(EVENT_CODES.indexOf(event) + 1);
}

export function decodeEvent(payload: Uint8Array): DecodeResult<FingerprintDeviceEvent> {
  const code = payload[0];
  const event = code === undefined ? undefined : EVENT_CODES[code - 1];
  return event === undefined ? fail(`unknown event code ${code ?? 'none'}`) : ok(event);
}

/** The 0–100 quality or score in byte 0 of a CAPTURE or MATCH reply. */
export function decodePercent(data: Uint8Array): DecodeResult<number> {
  const value = data[0];
  if (value === undefined) return fail('reply carries no value');
  if (value > 100) return fail(`value ${value} outside 0..100`);
  return ok(value);
}

export function encodeInfo(info: FingerprintInfo): Uint8Array {
  const [major = 0, minor = 0] = info.firmware.split('.').map((part) => Number.parseInt(part, 10));
  const model = Array.from(info.model.slice(0, 32), (c) => c.charCodeAt(0) & 0x7f);
  return Uint8Array.of(major & 0xff, minor & 0xff, (info.dpi >> 8) & 0xff, info.dpi & 0xff, ...model);
}

export function decodeInfo(data: Uint8Array): DecodeResult<FingerprintInfo> {
  if (data.length < 4) return fail('GET_INFO reply too short');
  const model = latin1String(data.subarray(4)).replace(/[^\x20-\x7e]/g, '?');
  return ok({ firmware: `${data[0]}.${data[1]}`, dpi: (data[2]! << 8) | data[3]!, model });
}
