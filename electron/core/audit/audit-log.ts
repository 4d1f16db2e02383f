import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The technician audit log: one JSON line per action (entry, failed PIN,
 * lockout, out-of-service, self-test …), append-only, each line carrying the
 * hash of the line before it, so removing, changing or reordering any line
 * breaks the chain at that point. `verifyAuditFile` finds the first broken
 * link (scripts/verify-audit.ts, and the technician screen). A chain proves
 * tampering after the fact; it does not catch a file rewritten from scratch
 * or cut short at the end — for that, each new head goes off the machine to
 * the gateway (audit-anchor.ts) and the chain is checked against it.
 * Never a PIN, never citizens' data: `detail` is short technician text.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  role: 'technician' | 'supervisor' | 'none' | 'system';
  action: string;
  detail: string;
  /** The staff number when the technician came in with a staff card (absent: a role PIN, or the system). */
  staff?: string;
  prev: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash of an entry: over the previous hash and the entry's fields in a fixed order. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  // The staff number joined later: entries without one hash as they always did.
  const fields = [entry.seq, entry.at, entry.role, entry.action, entry.detail, entry.prev];
  const canonical = JSON.stringify(entry.staff === undefined ? fields : [...fields, entry.staff]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface AuditLog {
  append(input: { role: AuditEntry['role']; action: string; detail?: string; staff?: string }): AuditEntry;
  /** Newest first. */
  recent(limit: number): AuditEntry[];
  readonly file: string;
}

/** `onAppend` hears of each new head after it is on disk (the anchoring sends it off the machine). */
export function openAuditLog(file: string, now: () => number, onAppend: (entry: AuditEntry) => void = () => {}): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  const existing = existsSync(file) ? parseLines(readFileSync(file, 'utf8')) : [];
  let last = existing.at(-1)?.entry ?? null;
  return {
    file,
    append({ role, action, detail = '', staff }) {
      const base = { seq: (last?.seq ?? 0) + 1, at: new Date(now()).toISOString(), role, action: action.slice(0, 64), detail: detail.slice(0, 300), ...(staff === undefined ? {} : { staff: staff.slice(0, 16) }), prev: last?.hash ?? GENESIS };
      const entry: AuditEntry = { ...base, hash: entryHash(base) };
      // Appended and synced before the action is reported done: the log is evidence, not a cache.
      const fd = openSync(file, 'a');
      try {
        appendFileSync(fd, `${JSON.stringify(entry)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      last = entry;
      onAppend(entry);
      return entry;
    },
    recent(limit) {
      return readAuditEntries(file).slice(-limit).reverse();
    },
  };
}

/** The entries of the file in order (lines that are not entries left out); none when there is no file. */
export function readAuditEntries(file: string): AuditEntry[] {
  if (!existsSync(file)) return [];
  return parseLines(readFileSync(file, 'utf8')).flatMap((l) => (l.entry ? [l.entry] : []));
}

interface ParsedLine {
  line: number;
  entry: AuditEntry | null;
}

function parseLines(text: string): ParsedLine[] {
  return text
    .split('\n')
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter(({ raw }) => raw.trim().length > 0)
    .map(({ raw, line }) => {
      try {
        const value = JSON.parse(raw) as AuditEntry;
        return { line, entry: typeof value.hash === 'string' && typeof value.seq === 'number' ? value : null };
      } catch {
        return { line, entry: null };
      }
    });
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; line: number; seq: number | null; reason: string };

/** Walks the chain from the start; reports the first line that does not follow from the one before. */
export function verifyAuditText(text: string): AuditVerification {
  const lines = parseLines(text);
  let prev = GENESIS;
  let seq = 0;
  for (const { line, entry } of lines) {
    if (!entry) return { ok: false, entries: seq, line, seq: null, reason: 'not an audit entry' };
    const { hash, ...rest } = entry;
    if (entry.seq !== seq + 1) return { ok: false, entries: seq, line, seq: entry.seq, reason: `expected entry ${seq + 1}, found ${entry.seq} (a line was removed or moved)` };
    if (entry.prev !== prev) return { ok: false, entries: seq, line, seq: entry.seq, reason: 'does not follow the entry before it' };
    if (entryHash(rest) !== hash) return { ok: false, entries: seq, line, seq: entry.seq, reason: 'its content was changed' };
    prev = hash;
    seq = entry.seq;
  }
  return { ok: true, entries: seq };
}

export function verifyAuditFile(file: string): AuditVerification {
  return verifyAuditText(existsSync(file) ? readFileSync(file, 'utf8') : '');
}
