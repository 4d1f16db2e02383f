import { appendFileSync } from 'node:fs';
import type { JournalStore } from './journal-store.ts';

/**
 * Test-only crash injection for the crash harness (scripts/crash-harness):
 *
 *   KIOSK_CRASH_AFTER_JOURNAL_WRITES=N   SIGKILL this process right after the Nth journal write is on disk
 *   KIOSK_CRASH_BEFORE_JOURNAL_WRITE=N   SIGKILL it just before the Nth write (the action it records has happened, the write has not)
 *   KIOSK_JOURNAL_WRITE_LOG=file         append one JSON line per write (n, kind, action/result/type) — how the harness learns the writes of a run
 *
 * A write is recordIntent, recordOutcome or recordEvent. With none of these
 * set, the store is returned untouched.
 */
export function withCrashPoint(store: JournalStore, env: NodeJS.ProcessEnv = process.env): JournalStore {
  const after = Number(env.KIOSK_CRASH_AFTER_JOURNAL_WRITES ?? 0);
  const before = Number(env.KIOSK_CRASH_BEFORE_JOURNAL_WRITE ?? 0);
  const log = env.KIOSK_JOURNAL_WRITE_LOG;
  if (!(after > 0) && !(before > 0) && !log) return store;
  let writes = 0;
  const die = (why: string) => {
    process.stderr.write(`crash-point: SIGKILL ${why}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
  const write = <A extends unknown[], R>(kind: string, fn: (...args: A) => R, describe: (...args: A) => Record<string, unknown>) =>
    (...args: A): R => {
      const n = writes + 1;
      if (n === before) die(`before journal write ${n} (${kind})`);
      const result = fn(...args);
      writes = n;
      if (log) appendFileSync(log, `${JSON.stringify({ n, kind, ...describe(...args) })}\n`);
      if (n === after) die(`after journal write ${n} (${kind})`);
      return result;
    };
  return {
    ...store,
    recordIntent: write('intent', store.recordIntent, (i) => ({ action: i.action, key: i.idempotencyKey })),
    recordOutcome: write('outcome', store.recordOutcome, (id, result) => ({ intentId: id, result })),
    recordEvent: write('event', store.recordEvent, (e) => ({ type: e.type })),
  };
}
