import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { AuditEntry } from './audit-log.ts';

/**
 * Keeps the technician audit chain's heads off the machine. The chain alone
 * shows a line changed, removed or reordered; it cannot show a file cut short
 * at the end, or rewritten from scratch with a fresh chain, because what is
 * left is still a valid chain. The gateway keeps every head (sequence number
 * and hash) this kiosk sent; a chain that no longer holds one of them, or
 * holds it with another hash, has been cut or rewritten. Checking all of
 * them, not only the newest, also catches a log cut short and then extended
 * with made-up lines past the newest head.
 *
 * Heads are sent shortly after each append (batched: a technician session
 * writes several lines in a few seconds) and retried on the clock while the
 * gateway is unreachable. Only the newest unsent head is kept: sending it
 * covers every entry before it.
 */
export interface AuditHead {
  seq: number;
  hash: string;
  at: string;
}

export type AnchorPortResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** What the kiosk needs from the gateway for this (gateway/audit-anchor-port.ts adapts the client). */
export interface AuditAnchorPort {
  record(head: AuditHead, signal: AbortSignal): Promise<AnchorPortResult<null>>;
  /** The heads the gateway holds for this kiosk (any order). */
  anchors(signal: AbortSignal): Promise<AnchorPortResult<{ seq: number; hash: string }[]>>;
}

/** The local chain against the gateway's heads. `seq`: the newest head that matches, or the first that does not. */
export type AnchorCheck =
  | { state: 'matches'; seq: number }
  | { state: 'none' }
  | { state: 'truncated'; seq: number; localEntries: number }
  | { state: 'rewritten'; seq: number }
  | { state: 'unreachable' };

/** Pure: does the chain hold every head the gateway holds? The oldest disagreement is the one reported. */
export function compareWithAnchors(entries: readonly AuditEntry[], anchors: readonly { seq: number; hash: string }[]): AnchorCheck {
  if (anchors.length === 0) return { state: 'none' };
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  const ascending = [...anchors].sort((a, b) => a.seq - b.seq);
  for (const anchor of ascending) {
    const hash = bySeq.get(anchor.seq);
    if (hash === undefined) return { state: 'truncated', seq: anchor.seq, localEntries: entries.length };
    if (hash !== anchor.hash) return { state: 'rewritten', seq: anchor.seq };
  }
  return { state: 'matches', seq: ascending.at(-1)!.seq };
}

export interface AuditAnchoring {
  /** Tell it of a new head (the audit log's onAppend). */
  headChanged(entry: AuditEntry): void;
  /** Sends the pending head now (tests, and before a planned shutdown). */
  flush(): Promise<void>;
  /** Fetches the gateway's heads and compares the chain with them. */
  check(entries: readonly AuditEntry[]): Promise<AnchorCheck>;
  stop(): void;
}

export interface AuditAnchoringDeps {
  port: AuditAnchorPort;
  clock: Clock;
  logger: Logger;
  /** Wait after an append before sending, so one session's lines go as one head. */
  batchMs?: number;
  /** Wait before trying again after the gateway did not take the head. */
  retryMs?: number;
  timeoutMs?: number;
}

export function createAuditAnchoring(deps: AuditAnchoringDeps): AuditAnchoring {
  const { port, clock } = deps;
  const logger = deps.logger.child({ component: 'audit-anchor' });
  const batchMs = deps.batchMs ?? 2_000;
  const retryMs = deps.retryMs ?? 60_000;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  let pending: AuditHead | null = null;
  let timer: TimerHandle | null = null;
  let sending: Promise<void> | null = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped || timer) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void flush();
    }, ms);
  };

  const sendOnce = async () => {
    const head = pending;
    if (!head) return;
    const result = await port.record(head, AbortSignal.timeout(timeoutMs)).catch((error: Error) => ({ ok: false as const, reason: error.message }));
    if (result.ok) {
      // A newer head may have arrived while this one was on its way: keep that one.
      if (pending?.seq === head.seq) pending = null;
      logger.debug({ seq: head.seq }, 'audit head anchored at the gateway');
    } else {
      logger.warn({ seq: head.seq, reason: result.reason }, 'audit head not anchored; will try again');
    }
  };

  const flush = async () => {
    while (sending) await sending;
    if (!pending) return;
    sending = sendOnce().finally(() => (sending = null));
    await sending;
    if (pending) schedule(retryMs);
  };

  return {
    headChanged(entry) {
      if (stopped) return;
      if (!pending || entry.seq > pending.seq) pending = { seq: entry.seq, hash: entry.hash, at: entry.at };
      schedule(batchMs);
    },
    flush,
    async check(entries) {
      const held = await port.anchors(AbortSignal.timeout(timeoutMs)).catch((error: Error) => ({ ok: false as const, reason: error.message }));
      if (!held.ok) return { state: 'unreachable' };
      // Heads not yet got across are newer than any the gateway holds: the comparison is with what it holds.
      return compareWithAnchors(entries, held.value);
    },
    stop() {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * At start: compare the chain with the gateway's heads first, and only then
 * send the current head (sent first, a cut-short log's head would sit next
 * to the older, longer one and the check would still find the cut, but the
 * report belongs before any new line). A disagreement is reported through
 * `onMismatch` (the kiosk writes it to its log and to the audit chain).
 */
export async function startAnchoring(anchoring: AuditAnchoring, entries: () => AuditEntry[], onMismatch: (check: Extract<AnchorCheck, { state: 'truncated' | 'rewritten' }>) => void): Promise<AnchorCheck> {
  const check = await anchoring.check(entries());
  if (check.state === 'truncated' || check.state === 'rewritten') onMismatch(check);
  const head = entries().at(-1);
  if (head) anchoring.headChanged(head);
  return check;
}
