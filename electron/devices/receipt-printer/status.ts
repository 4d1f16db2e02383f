/**
 * ESC/POS printer status, pure: real-time status (DLE EOT n) replies, Automatic
 * Status Back (GS a) blocks, and a decoder that tells them apart in the byte stream
 * coming back from the printer. @point-of-sale/receipt-printer-encoder only builds
 * print jobs; it has no status side, so this is ours.
 *
 * Follows the Epson "ESC/POS Command Reference" (download4.epson.biz/sec_pubs/pos/
 * reference_en/escpos/dle_eot.html and gs_la.html); bit tables cross-checked with the
 * public TM-L60II / TM-U220 technical references (DLE EOT, GS a chapters), Citizen
 * CT-S2000 and Samsung/Bixolon SRP-350 manuals, which print the same bits:
 *
 *   DLE EOT 1 printer:      bit2 drawer pin 3 high, bit3 offline, bit5 waiting for online
 *                           recovery, bit6 paper feed button pressed
 *   DLE EOT 2 offline cause: bit2 cover open, bit3 paper being fed by the button,
 *                           bit5 printing stopped by paper end, bit6 error occurred
 *   DLE EOT 3 error cause:  bit2 recoverable (mechanical) error, bit3 autocutter error,
 *                           bit5 unrecoverable error, bit6 auto-recoverable error
 *   DLE EOT 4 roll paper:   bits 2,3 near end, bits 5,6 paper end
 *   every DLE EOT reply:    bit1 = 1, bit4 = 1, bits 0,7 = 0   → (b & 93h) = 12h
 *
 *   ASB (4 bytes) byte 1:   bit2 drawer, bit3 offline, bit5 cover open, bit6 feed button;
 *                           bits 0,1 = 0, bit4 = 1, bit7 = 0    → (b & 93h) = 10h
 *   byte 2 (errors):        bit0 waiting for online recovery, bit2 mechanical error,
 *                           bit3 autocutter error, bit5 unrecoverable, bit6 auto-recoverable
 *   byte 3 (paper):         bits 0,1 near end, bits 2,3 paper end
 *   byte 4:                 reserved; bytes 2-4 have bits 4 and 7 = 0
 *
 * These fixed bits are what Epson's "identification of send status" uses to keep
 * DLE EOT replies and ASB apart, and what we use. A DLE EOT reply does not say which
 * n it answers, so the decoder is told what it asked, in order.
 */
import type { DeviceStatus } from '../contract/status.ts';
import { type DecodeResult, fail, ok } from '../shared/result.ts';

export const DLE = 0x10;
export const EOT = 0x04;

export type RealtimeStatusKind = 1 | 2 | 3 | 4;

export function realtimeStatusRequest(n: RealtimeStatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** GS a n: which changes the printer reports by itself (Epson gs_la: bit0 drawer, bit1 online, bit2 errors, bit3 roll paper). */
export function automaticStatusBackCommand(report: { drawer?: boolean; online?: boolean; errors?: boolean; paper?: boolean }): Uint8Array {
  const n = (report.drawer ? 1 : 0) | (report.online ? 2 : 0) | (report.errors ? 4 : 0) | (report.paper ? 8 : 0);
  return Uint8Array.of(0x1d, 0x61, n);
}

export interface PrinterState {
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly waitingForOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
}
export interface OfflineCause {
  readonly coverOpen: boolean;
  readonly feedingByButton: boolean;
  readonly paperEndStop: boolean;
  readonly errorOccurred: boolean;
}
export interface ErrorCause {
  readonly recoverableError: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
}
export interface RollPaperState {
  readonly nearEnd: boolean;
  readonly paperEnd: boolean;
}

export type RealtimeStatus =
  | { readonly n: 1; readonly status: PrinterState }
  | { readonly n: 2; readonly status: OfflineCause }
  | { readonly n: 3; readonly status: ErrorCause }
  | { readonly n: 4; readonly status: RollPaperState };

const bit = (b: number, i: number): boolean => ((b >> i) & 1) === 1;

export function isRealtimeStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export function decodeRealtimeStatus(n: RealtimeStatusKind, b: number): DecodeResult<RealtimeStatus> {
  if (!isRealtimeStatusByte(b)) return fail(`0x${b.toString(16)} is not a DLE EOT reply (fixed bits 1 and 4 must be on, 0 and 7 off)`);
  switch (n) {
    case 1:
      return ok({ n, status: { drawerPin3High: bit(b, 2), offline: bit(b, 3), waitingForOnlineRecovery: bit(b, 5), feedButtonPressed: bit(b, 6) } });
    case 2:
      return ok({ n, status: { coverOpen: bit(b, 2), feedingByButton: bit(b, 3), paperEndStop: bit(b, 5), errorOccurred: bit(b, 6) } });
    case 3:
      return ok({ n, status: { recoverableError: bit(b, 2), autocutterError: bit(b, 3), unrecoverableError: bit(b, 5), autoRecoverableError: bit(b, 6) } });
    case 4:
      // Two bits each, both set by the printer; either one means the condition.
      return ok({ n, status: { nearEnd: (b & 0x0c) !== 0, paperEnd: (b & 0x60) !== 0 } });
  }
}

/** The reply byte a printer sends (the simulator's side). */
export function encodeRealtimeStatus(reply: RealtimeStatus): number {
  const b = (on: boolean, i: number): number => (on ? 1 << i : 0);
  let value = 0x12;
  switch (reply.n) {
    case 1:
      value |= b(reply.status.drawerPin3High, 2) | b(reply.status.offline, 3) | b(reply.status.waitingForOnlineRecovery, 5) | b(reply.status.feedButtonPressed, 6);
      break;
    case 2:
      value |= b(reply.status.coverOpen, 2) | b(reply.status.feedingByButton, 3) | b(reply.status.paperEndStop, 5) | b(reply.status.errorOccurred, 6);
      break;
    case 3:
      value |= b(reply.status.recoverableError, 2) | b(reply.status.autocutterError, 3) | b(reply.status.unrecoverableError, 5) | b(reply.status.autoRecoverableError, 6);
      break;
    case 4:
      value |= (reply.status.nearEnd ? 0x0c : 0) | (reply.status.paperEnd ? 0x60 : 0);
      break;
  }
  return value;
}

export interface AsbStatus {
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly feedButtonPressed: boolean;
  readonly waitingForOnlineRecovery: boolean;
  readonly mechanicalError: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export function isAsbFirstByte(b: number): boolean {
  return (b & 0x93) === 0x10;
}
function isAsbFollowingByte(b: number): boolean {
  return (b & 0x90) === 0x00;
}

export function decodeAsb(bytes: Uint8Array): DecodeResult<AsbStatus> {
  if (bytes.length !== 4) return fail('ASB is 4 bytes');
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = bytes;
  if (!isAsbFirstByte(b1) || !isAsbFollowingByte(b2) || !isAsbFollowingByte(b3) || !isAsbFollowingByte(b4)) return fail('not an ASB block (fixed bits)');
  return ok({
    drawerPin3High: bit(b1, 2),
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    feedButtonPressed: bit(b1, 6),
    waitingForOnlineRecovery: bit(b2, 0),
    mechanicalError: bit(b2, 2),
    autocutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperEnd: (b3 & 0x0c) !== 0,
  });
}

export function encodeAsb(s: AsbStatus): Uint8Array {
  const b = (on: boolean, i: number): number => (on ? 1 << i : 0);
  return Uint8Array.of(
    0x10 | b(s.drawerPin3High, 2) | b(s.offline, 3) | b(s.coverOpen, 5) | b(s.feedButtonPressed, 6),
    b(s.waitingForOnlineRecovery, 0) | b(s.mechanicalError, 2) | b(s.autocutterError, 3) | b(s.unrecoverableError, 5) | b(s.autoRecoverableError, 6),
    (s.paperNearEnd ? 0x03 : 0) | (s.paperEnd ? 0x0c : 0),
    0x00,
  );
}

/** The printer's condition in contract terms (XFS4IoT Printer status: device, paper, cover). */
export function asbToDeviceStatus(s: AsbStatus): DeviceStatus {
  const detail: string[] = [];
  if (s.autocutterError) detail.push('autocutter error');
  if (s.mechanicalError) detail.push('mechanical error');
  if (s.unrecoverableError) detail.push('unrecoverable error');
  if (s.autoRecoverableError) detail.push('auto-recoverable error (e.g. head overheat)');
  if (s.waitingForOnlineRecovery) detail.push('waiting for online recovery');
  const device = s.unrecoverableError || s.autocutterError || s.mechanicalError ? 'hardwareError' : s.offline || s.coverOpen || s.paperEnd ? 'offline' : 'online';
  return {
    device,
    paper: s.paperEnd ? 'out' : s.paperNearEnd ? 'low' : 'full',
    cover: s.coverOpen ? 'open' : 'closed',
    ...(detail.length > 0 ? { detail } : {}),
  };
}

export type PrinterReplyEvent =
  | { readonly kind: 'realtimeStatus'; readonly reply: RealtimeStatus }
  | { readonly kind: 'automaticStatusBack'; readonly status: AsbStatus }
  /** A byte we did not ask for or cannot place (GS r replies, XON/XOFF, noise). */
  | { readonly kind: 'unexpected'; readonly byte: number };

export interface PrinterReplyDecoder {
  /** Tell the decoder a DLE EOT n has been sent; replies are matched in order. */
  expectRealtimeStatus(n: RealtimeStatusKind): void;
  push(chunk: Uint8Array): PrinterReplyEvent[];
  /** Forget outstanding requests and a half ASB (after a reply timeout). */
  reset(): void;
  readonly pendingRequests: number;
}

const MAX_PENDING_REQUESTS = 16;

export function createPrinterReplyDecoder(): PrinterReplyDecoder {
  const expected: RealtimeStatusKind[] = [];
  const asb: number[] = [];
  return {
    expectRealtimeStatus(n) {
      // Bounded: a printer that never answers must not make us grow forever.
      if (expected.length >= MAX_PENDING_REQUESTS) expected.shift();
      expected.push(n);
    },
    push(chunk) {
      const out: PrinterReplyEvent[] = [];
      const feed = (b: number): void => {
        if (asb.length > 0) {
          if (isAsbFollowingByte(b)) {
            asb.push(b);
            if (asb.length === 4) {
              const decoded = decodeAsb(Uint8Array.from(asb));
              asb.length = 0;
              if (decoded.ok) out.push({ kind: 'automaticStatusBack', status: decoded.value });
            }
            return;
          }
          // Broken ASB: report what we held and look at this byte afresh.
          for (const held of asb) out.push({ kind: 'unexpected', byte: held });
          asb.length = 0;
        }
        if (isRealtimeStatusByte(b) && expected.length > 0) {
          const n = expected.shift() as RealtimeStatusKind;
          const decoded = decodeRealtimeStatus(n, b);
          if (decoded.ok) out.push({ kind: 'realtimeStatus', reply: decoded.value });
          return;
        }
        if (isAsbFirstByte(b)) {
          asb.push(b);
          return;
        }
        out.push({ kind: 'unexpected', byte: b });
      };
      for (const b of chunk) feed(b);
      return out;
    },
    reset() {
      expected.length = 0;
      asb.length = 0;
    },
    get pendingRequests() {
      return expected.length;
    },
  };
}
