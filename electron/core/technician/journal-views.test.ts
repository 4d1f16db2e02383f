import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/clock.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { acknowledgementDetail, countersFrom, RECEIPTS_PER_ROLL, searchJournal } from './journal-views.ts';

const TZ = 'Asia/Bahrain';

function setup() {
  const clock = createManualClock(Date.UTC(2026, 10, 23, 6)); // 09:00 in Bahrain
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'views-')), 'j.sqlite'), now: () => clock.now(), hashCpr: cprHasher(new Uint8Array(32)) });
  let n = 0;
  const intent = (action: 'authorise' | 'print' | 'reversal', result: 'success' | 'failed', extra: { detail?: Record<string, string>; amountFils?: number; reference?: string } = {}) => {
    n += 1;
    const id = journal.recordIntent({ action, sessionId: 's', serviceId: 'renew-id-card', idempotencyKey: `sess-${n}:renew-id-card:run-${n}abcdef`, amountFils: extra.amountFils ?? null, cpr: '999000002', maskedPan: action === 'authorise' ? '411111******1111' : null, detail: extra.detail ?? {} });
    journal.recordOutcome(id, result, extra.reference ? { reference: extra.reference } : {});
  };
  const counters = () => countersFrom(journal, { now: clock.now(), timeZone: TZ, binCapacity: 50, title: (id) => ({ ar: id, en: id }) });
  return { clock, journal, intent, counters };
}

describe('technician counters from the journal', () => {
  it('receipts since the last refill, captures since the bin was emptied, services and payments of the local day', () => {
    const t = setup();
    t.intent('print', 'success', { detail: { document: 'receipt' } });
    t.intent('print', 'failed', { detail: { document: 'receipt' } });
    t.intent('print', 'success', { detail: { document: 'statement' } });
    t.journal.recordEvent({ type: 'card-retained', sessionId: 's', serviceId: 'renew-id-card', detail: { reason: 'notTaken' } });
    t.intent('authorise', 'success', { amountFils: 5000 });
    t.intent('authorise', 'success', { amountFils: 1000 });
    t.intent('reversal', 'success', { amountFils: 1000 });
    t.journal.recordEvent({ type: 'service-completed', sessionId: 's', serviceId: 'renew-id-card', detail: { reference: 'KH26-1' } });
    expect(t.counters()).toEqual({
      receiptsPrinted: 1,
      paperLeftEstimate: RECEIPTS_PER_ROLL - 1,
      cardsCaptured: 1,
      captureBinCapacity: 50,
      captureReasons: [{ reason: 'notTaken', count: 1 }],
      servicesToday: [{ serviceId: 'renew-id-card', title: { ar: 'renew-id-card', en: 'renew-id-card' }, count: 1 }],
      paymentsToday: { count: 2, totalFils: 6000, reversedCount: 1, reversedFils: 1000 },
    });
    // Same millisecond on purpose: the acknowledgement counts by record, not by time.
    t.journal.recordEvent({ type: 'paper-refilled', sessionId: null, serviceId: null, detail: acknowledgementDetail(t.journal, 'paper-refilled') });
    t.journal.recordEvent({ type: 'capture-bin-emptied', sessionId: null, serviceId: null, detail: acknowledgementDetail(t.journal, 'capture-bin-emptied') });
    expect(t.counters()).toMatchObject({ receiptsPrinted: 0, paperLeftEstimate: RECEIPTS_PER_ROLL, cardsCaptured: 0 });
    t.intent('print', 'success', { detail: { document: 'receipt' } });
    expect(t.counters()).toMatchObject({ receiptsPrinted: 1 });
    // The next local day starts a new count of services and payments.
    t.clock.advance(24 * 3_600_000);
    expect(t.counters()).toMatchObject({ servicesToday: [], paymentsToday: { count: 0 } });
  });
});

describe('technician journal search', () => {
  it('finds by reference and by local date, newest first, with nothing personal in the rows', () => {
    const t = setup();
    t.intent('authorise', 'success', { amountFils: 5000 });
    t.intent('print', 'success', { detail: { document: 'receipt' }, reference: 'KH26-000777' });
    const all = searchJournal(t.journal, { from: '2026-11-23', to: '2026-11-23' }, TZ, t.clock.now());
    expect(all.entries.map((e) => e.type)).toEqual(['print', 'authorise']);
    expect(all.entries[1]?.summary).toBe('renew-id-card · success · BHD 5.000 · 411111******1111');
    expect(JSON.stringify(all)).not.toMatch(/999000002|cprHash/);
    const hash = cprHasher(new Uint8Array(32))('999000002');
    expect(JSON.stringify(all)).not.toContain(hash);
    expect(searchJournal(t.journal, { reference: 'kh26-000777' }, TZ, t.clock.now()).entries.map((e) => e.reference)).toEqual(['KH26-000777']);
    expect(searchJournal(t.journal, { from: '2026-11-24' }, TZ, t.clock.now()).entries).toEqual([]);
  });
});
