/**
 * The printer's condition, from whichever source told us last (the four DLE EOT
 * replies, or an Automatic Status Back block), in one shape — the codec's
 * AsbStatus — and what changed between two conditions as contract events.
 * Pure.
 */
import type { UnsolicitedEvent } from '../../contract/events.ts';
import type { DeviceStatus } from '../../contract/status.ts';
import { type AsbStatus, asbToDeviceStatus, type RealtimeStatus } from '../status.ts';

export const UNKNOWN_CONDITION: AsbStatus = {
  drawerPin3High: false,
  offline: false,
  coverOpen: false,
  feedButtonPressed: false,
  waitingForOnlineRecovery: false,
  mechanicalError: false,
  autocutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  paperNearEnd: false,
  paperEnd: false,
};

/** Fold DLE EOT 1-4 replies into a condition (fields a reply does not cover keep their old value). */
export function applyRealtime(previous: AsbStatus, replies: readonly RealtimeStatus[]): AsbStatus {
  let c = { ...previous };
  for (const r of replies) {
    switch (r.n) {
      case 1:
        c = { ...c, drawerPin3High: r.status.drawerPin3High, offline: r.status.offline, waitingForOnlineRecovery: r.status.waitingForOnlineRecovery, feedButtonPressed: r.status.feedButtonPressed };
        break;
      case 2:
        c = { ...c, coverOpen: r.status.coverOpen, paperEnd: c.paperEnd || r.status.paperEndStop };
        break;
      case 3:
        c = { ...c, mechanicalError: r.status.recoverableError, autocutterError: r.status.autocutterError, unrecoverableError: r.status.unrecoverableError, autoRecoverableError: r.status.autoRecoverableError };
        break;
      case 4:
        c = { ...c, paperNearEnd: r.status.nearEnd, paperEnd: r.status.paperEnd };
        break;
    }
  }
  return c;
}

export type PrinterProblem = 'paperOut' | 'coverOpen' | 'cutterJam' | 'mechanicalError' | 'offline';

/** What stops printing now, most specific first. */
export function blockingProblem(c: AsbStatus): PrinterProblem | undefined {
  if (c.autocutterError) return 'cutterJam';
  if (c.unrecoverableError || c.mechanicalError) return 'mechanicalError';
  if (c.paperEnd) return 'paperOut';
  if (c.coverOpen) return 'coverOpen';
  if (c.offline || c.waitingForOnlineRecovery) return 'offline';
  return undefined;
}

export function conditionStatus(c: AsbStatus): DeviceStatus {
  return asbToDeviceStatus(c);
}

/** Unsolicited events for the transition previous → next. */
export function conditionEvents(previous: AsbStatus, next: AsbStatus, at: number): UnsolicitedEvent[] {
  const events: UnsolicitedEvent[] = [];
  const ev = (type: UnsolicitedEvent['type'], detail?: string) => events.push({ type, deviceClass: 'printer', at, ...(detail ? { detail } : {}) });
  if (!previous.paperEnd && next.paperEnd) ev('paperOut');
  else if (!previous.paperNearEnd && next.paperNearEnd && !next.paperEnd) ev('paperLow');
  if ((previous.paperEnd || previous.paperNearEnd) && !next.paperEnd && !next.paperNearEnd) ev('paperReplenished');
  if (!previous.coverOpen && next.coverOpen) ev('coverOpened');
  if (previous.coverOpen && !next.coverOpen) ev('coverClosed');
  if (!previous.autocutterError && next.autocutterError) ev('deviceError', 'autocutter error (cutter jam)');
  if (!previous.mechanicalError && next.mechanicalError) ev('deviceError', 'mechanical error');
  if (!previous.unrecoverableError && next.unrecoverableError) ev('deviceError', 'unrecoverable error');
  const before = conditionStatus(previous);
  const after = conditionStatus(next);
  if (JSON.stringify(before) !== JSON.stringify(after)) events.push({ type: 'statusChanged', deviceClass: 'printer', at, status: after });
  return events;
}
