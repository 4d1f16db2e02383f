/**
 * A small vendor command channel for HID devices whose real protocol is
 * "keyboard reports only" (wedge scanners, audio keypads) but which, like the
 * Storm AudioNav's "HID-HID data pipe" or Honeywell's FD-preamble commands,
 * also take configuration commands on a vendor-defined collection.
 *
 * Ours (documented in docs/devices-hid-a4.md):
 *   output report (8 bytes): seq | command | arg0 … arg5
 *   reply input report (8 bytes): seq | command | status | data0 … data4
 * `seq` (1–255) pairs a reply with its command, so a late reply to a cancelled
 * command is recognised and dropped. status 0 = done; non-zero is command-
 * specific (e.g. a failed self-test).
 */
import type { DecodeResult } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';

export const VENDOR_REPORT_SIZE = 8;
const ARGS = VENDOR_REPORT_SIZE - 2;
const REPLY_DATA = VENDOR_REPORT_SIZE - 3;

export interface VendorCommand {
  readonly seq: number;
  readonly command: number;
  readonly args: readonly number[];
}

export interface VendorReply {
  readonly seq: number;
  readonly command: number;
  readonly status: number;
  readonly data: readonly number[];
}

const isByte = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xff;

export function encodeVendorCommand(command: VendorCommand): Uint8Array {
  if (!isByte(command.seq) || command.seq === 0) throw new RangeError(`seq must be 1..255, got ${command.seq}`);
  if (!isByte(command.command)) throw new RangeError(`command must be a byte, got ${command.command}`);
  if (command.args.length > ARGS || !command.args.every(isByte)) throw new RangeError(`at most ${ARGS} byte arguments`);
  return Uint8Array.of(command.seq, command.command, ...command.args, ...new Array<number>(ARGS - command.args.length).fill(0));
}

export function decodeVendorCommand(data: Uint8Array): DecodeResult<VendorCommand> {
  if (data.length < VENDOR_REPORT_SIZE) return fail(`vendor command is ${VENDOR_REPORT_SIZE} bytes, got ${data.length}`);
  if (data[0] === 0) return fail('vendor command with seq 0');
  return ok({ seq: data[0]!, command: data[1]!, args: Array.from(data.subarray(2, VENDOR_REPORT_SIZE)) });
}

export function encodeVendorReply(reply: VendorReply): Uint8Array {
  if (!isByte(reply.seq) || reply.seq === 0) throw new RangeError(`seq must be 1..255, got ${reply.seq}`);
  if (!isByte(reply.command) || !isByte(reply.status)) throw new RangeError('command and status must be bytes');
  if (reply.data.length > REPLY_DATA || !reply.data.every(isByte)) throw new RangeError(`at most ${REPLY_DATA} data bytes`);
  return Uint8Array.of(reply.seq, reply.command, reply.status, ...reply.data, ...new Array<number>(REPLY_DATA - reply.data.length).fill(0));
}

export function decodeVendorReply(data: Uint8Array): DecodeResult<VendorReply> {
  if (data.length < VENDOR_REPORT_SIZE) return fail(`vendor reply is ${VENDOR_REPORT_SIZE} bytes, got ${data.length}`);
  if (data[0] === 0) return fail('vendor reply with seq 0');
  return ok({ seq: data[0]!, command: data[1]!, status: data[2]!, data: Array.from(data.subarray(3, VENDOR_REPORT_SIZE)) });
}

/** 1..255, wrapping past 0 (0 is never a valid seq, so an all-zero report is never a reply). */
export function nextSeq(seq: number): number {
  return seq >= 0xff ? 1 : seq + 1;
}
