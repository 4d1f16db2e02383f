import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { cprHasher } from './personal-data.ts';
import { openSqliteJournal } from './sqlite-journal-store.ts';
import { scheduleJournalRetention } from './journal-retention.ts';

const DAY = 86_400_000;

function setup() {
  const clock = createManualClock();
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'retention-')), 'j.sqlite'), now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  const record = (action: 'authorise' | 'print' | 'settlement', result: 'success' | 'failed' | null, key: string) => {
    const id = journal.recordIntent({ action, sessionId: 's', serviceId: 'renew-id-card', idempotencyKey: `${key}-0000`, amountFils: action === 'authorise' ? 2000 : null, cpr: null, maskedPan: null, detail: {} });
    if (result) journal.recordOutcome(id, result, {});
    return id;
  };
  const keys = () => journal.search({ limit: 1000 }).map((r) => r.idempotencyKey.slice(0, -5)).sort();
  return { clock, journal, record, keys };
}

describe('journal retention', () => {
  it('deletes finished records older than the retention once they are settled, daily, and says so in the journal', () => {
    const { clock, journal, record, keys } = setup();
    record('authorise', 'success', 'old-charge');
    record('print', 'success', 'old-print');
    clock.advance(DAY);
    record('settlement', 'success', 'settled-day-1');
    clock.advance(100 * DAY);
    record('authorise', 'success', 'recent-charge');
    const retention = scheduleJournalRetention({ journal, clock, retentionDays: 90, logger: createMemoryLogger().logger });
    expect(keys()).toEqual(['recent-charge', 'settled-day-1']);
    expect(journal.events({ type: 'journal-pruned' })[0]?.detail).toMatchObject({ intents: 2, retentionDays: 90 });
    clock.advance(95 * DAY);
    // The daily run: day-1's settlement is now old, but it starts the period of the next settlement, so it stays.
    expect(keys()).toEqual(['recent-charge', 'settled-day-1']);
    retention.stop();
  });

  it('keeps money records no settlement has covered, however old (a kiosk whose settlement keeps failing)', () => {
    const { clock, journal, record, keys } = setup();
    record('print', 'success', 'old-print');
    clock.advance(DAY);
    record('authorise', 'success', 'unsettled-charge');
    record('settlement', 'failed', 'failed-settlement');
    clock.advance(200 * DAY);
    scheduleJournalRetention({ journal, clock, retentionDays: 90, logger: createMemoryLogger().logger }).stop();
    expect(keys()).toEqual(['failed-settlement', 'unsettled-charge']);
  });

  it('never deletes an unfinished intent', () => {
    const { clock, journal, record, keys } = setup();
    record('authorise', null, 'in-doubt-charge');
    clock.advance(DAY);
    record('settlement', 'success', 'settled');
    clock.advance(400 * DAY);
    record('settlement', 'success', 'settled-again');
    scheduleJournalRetention({ journal, clock, retentionDays: 90, logger: createMemoryLogger().logger }).stop();
    expect(keys()).toContain('in-doubt-charge');
    expect(keys()).not.toContain('settled');
  });
});
