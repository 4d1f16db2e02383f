import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteJournal } from '../electron/core/journal/sqlite-journal-store.ts';
import { cprHasher } from '../electron/core/journal/personal-data.ts';
import { median, type BenchRow } from './stats.ts';

const PAYMENTS = 200;

/** One payment's journal cost: intent + outcome, each durably committed (WAL, synchronous=FULL). */
export async function journalBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-bench-'));
  const journal = openSqliteJournal({ file: join(dir, 'journal.sqlite'), now: () => Date.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  const samples: number[] = [];
  try {
    for (let i = 0; i < PAYMENTS; i++) {
      const t0 = performance.now();
      const id = journal.recordIntent({ action: 'authorise', sessionId: 's', serviceId: 'renew-id-card', idempotencyKey: `bench-run-${i}:pay:1`, amountFils: 2000, cpr: '000000018', maskedPan: null, detail: { attempt: 1 } });
      journal.recordOutcome(id, 'success', { receiptNo: String(i), trace: String(i) });
      samples.push(performance.now() - t0);
    }
  } finally {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return [
    { name: 'journal intent + outcome per payment (median)', value: median(samples), unit: 'ms', samples: PAYMENTS },
    { name: 'journal intent + outcome per payment (p95)', value: sorted[Math.floor(sorted.length * 0.95)]!, unit: 'ms', samples: PAYMENTS },
  ];
}
