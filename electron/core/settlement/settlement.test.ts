import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../clock/clock.ts';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher, maskPan } from '../journal/personal-data.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import type { EndOfDayResult, SettlementPort } from './settlement-port.ts';
import { settle, settlementKey, type SettlementReport, type SettlementResult } from './settlement.ts';
import { settlementReportText } from './settlement-text.ts';

const TZ = 'Asia/Bahrain';
const CPR = '000000018';
const PAN = maskPan('4111111111111111');

/** 2026-11-23 12:00 in Bahrain (09:00 UTC). */
function setup() {
  const clock = createManualClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'settlement-')), 'journal.sqlite'), now: clock.now, hashCpr: cprHasher(new Uint8Array(32).fill(3)) });
  const answers: EndOfDayResult[] = [];
  let calls = 0;
  const terminal: SettlementPort = {
    endOfDay() {
      calls++;
      const next = answers.shift();
      if (!next) throw new Error('fake terminal: no end-of-day answer scripted');
      return Promise.resolve(next);
    },
  };
  const log = createMemoryLogger();
  const deps = { journal, terminal, clock, logger: log.logger, timeZone: TZ };
  return { clock, journal, deps, answers, calls: () => calls, log };
}

let run = 0;
/** A card charge as chargeCard journals it: intent, then the given outcome. Returns the intent id. */
function charge(journal: JournalStore, clock: ManualClock, amountFils: number, result: 'success' | 'declined' | 'in-doubt' | null, receiptNo: string, serviceId = 'renew-id-card') {
  clock.advance(60_000);
  run++;
  const id = journal.recordIntent({
    action: 'authorise',
    sessionId: `session-${run}`,
    serviceId,
    idempotencyKey: `session-${run}:${serviceId}:run-${run}:pay:1`,
    amountFils,
    cpr: CPR,
    maskedPan: null,
    detail: { attempt: 1 },
  });
  if (result === 'success') journal.recordOutcome(id, 'success', { receiptNo, trace: `00${receiptNo}`, authCode: 'A1B2C3', maskedPan: PAN });
  else if (result === 'declined') journal.recordOutcome(id, 'declined', { reason: 'declined', resultCode: '5' });
  else if (result === 'in-doubt') journal.recordOutcome(id, 'in-doubt', { trace: null });
  return id;
}

function reversal(journal: JournalStore, clock: ManualClock, amountFils: number, receiptNo: string, result: 'success' | 'failed' | null) {
  clock.advance(60_000);
  const id = journal.recordIntent({
    action: 'reversal',
    sessionId: 'session-r',
    serviceId: 'renew-id-card',
    idempotencyKey: `session-r:renew-id-card:run-r:reversal:${receiptNo}`,
    amountFils,
    cpr: CPR,
    maskedPan: PAN,
    detail: { receiptNo },
  });
  if (result) journal.recordOutcome(id, result);
  return id;
}

const ok = (count: number | null, amountFils: number): EndOfDayResult => ({ kind: 'ok', totals: { count, amountFils }, terminalReceipt: ['END OF DAY', `COUNT ${count}`] });

function report(result: SettlementResult): SettlementReport {
  if (result.status === 'refused') throw new Error(`expected a report, got a refusal: ${result.why}`);
  return result;
}

describe('settle', () => {
  it('a matched day: totals by service, intent before and outcome after, report journaled', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    charge(journal, clock, 5000, 'success', '0002', 'passport-fee');
    charge(journal, clock, 3000, 'declined', '');
    answers.push(ok(2, 7000));
    const r = report(await settle(deps, { reason: 'on-demand' }));
    expect(r).toMatchObject({ status: 'settled', businessDay: '2026-11-23', matched: true, discrepancies: [], inDoubtOpen: 0 });
    expect(r.journal).toEqual({
      count: 2,
      amountFils: 7000,
      approved: { count: 2, amountFils: 7000 },
      reversed: { count: 0, amountFils: 0 },
      byService: [
        { serviceId: 'passport-fee', count: 1, amountFils: 5000 },
        { serviceId: 'renew-id-card', count: 1, amountFils: 2000 },
      ],
    });
    expect(r.period).toMatchObject({ fromIntentId: 0, from: null, toIntentId: r.intentId });

    const intent = journal.intent(r.intentId)!;
    expect(intent).toMatchObject({ action: 'settlement', idempotencyKey: settlementKey('2026-11-23'), detail: { reason: 'on-demand', businessDay: '2026-11-23' } });
    expect(intent.outcome).toMatchObject({ result: 'success', detail: { terminalCount: 2, terminalAmountFils: 7000 } });
    const events = journal.events({ type: 'settlement-report' });
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ intentId: r.intentId, matched: true, journalCount: 2, journalAmountFils: 7000, terminalCount: 2, terminalAmountFils: 7000, status: 'settled' });
  });

  it('the terminal shows one more approval than the journal: the report names the count and amount differences', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    answers.push(ok(2, 4500));
    const r = report(await settle(deps, { reason: 'scheduled' }));
    expect(r.matched).toBe(false);
    expect(r.discrepancies).toEqual([
      { kind: 'count', journal: 1, terminal: 2, difference: 1 },
      { kind: 'amount', journalFils: 2000, terminalFils: 4500, differenceFils: 2500 },
    ]);
    expect(journal.events({ type: 'settlement-report' })[0]!.detail).toMatchObject({ matched: false, discrepancies: 2, kinds: 'count,amount' });
    const text = settlementReportText(r, { timeZone: TZ });
    expect(text).toContain('Count: terminal 2, kiosk 1 (+1)');
    expect(text).toContain('Amount: terminal BHD 4.500, kiosk BHD 2.000 (+BHD 2.500)');
  });

  it('a reversal takes back its own approval (matched by receipt number); a failed reversal takes back nothing', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    charge(journal, clock, 3000, 'success', '0002');
    charge(journal, clock, 1500, 'success', '0003');
    reversal(journal, clock, 3000, '0002', 'success');
    reversal(journal, clock, 1500, '0003', 'failed');
    answers.push(ok(2, 3500));
    const r = report(await settle(deps, { reason: 'on-demand' }));
    expect(r.journal).toMatchObject({ count: 2, amountFils: 3500, approved: { count: 3, amountFils: 6500 }, reversed: { count: 1, amountFils: 3000 } });
    expect(r.matched).toBe(true);
  });

  it('a reversal of a payment settled on an earlier day is not taken from this day, and is listed', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    answers.push(ok(1, 2000));
    expect(report(await settle(deps, { reason: 'scheduled' })).matched).toBe(true);
    clock.advance(24 * 3600_000);
    charge(journal, clock, 1000, 'success', '0002');
    const rev = reversal(journal, clock, 2000, '0001', 'success');
    answers.push(ok(1, 1000));
    const r = report(await settle(deps, { reason: 'scheduled' }));
    expect(r.journal).toMatchObject({ count: 1, amountFils: 1000 });
    expect(r.discrepancies).toEqual([{ kind: 'unmatched-reversal', intentId: rev, receiptNo: '0001', amountFils: 2000 }]);
    expect(r.matched).toBe(false);
  });

  it('an in-doubt authorisation and one with no outcome are listed as open; they explain the mismatch', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    const doubt = charge(journal, clock, 3000, 'in-doubt', '');
    const cut = charge(journal, clock, 4000, null, '', 'passport-fee');
    answers.push(ok(2, 5000));
    const r = report(await settle(deps, { reason: 'on-demand' }));
    expect(r.inDoubtOpen).toBe(2);
    expect(r.openItems).toEqual([
      { intentId: doubt, action: 'authorise', serviceId: 'renew-id-card', amountFils: 3000, at: expect.any(Number), state: 'in-doubt' },
      { intentId: cut, action: 'authorise', serviceId: 'passport-fee', amountFils: 4000, at: expect.any(Number), state: 'no-outcome' },
    ]);
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['count', 'amount', 'in-doubt-open', 'in-doubt-open']);
    expect(r.matched).toBe(false);
    // No personal data in the report: no CPR (or its hash), no card number, no session.
    const json = JSON.stringify(r);
    expect(json).not.toContain(CPR);
    expect(json).not.toContain(cprHasher(new Uint8Array(32).fill(3))(CPR));
    expect(json).not.toContain(PAN);
    expect(json).not.toContain('session-');
    const text = settlementReportText(r, { timeZone: TZ }).join('\n');
    expect(text).toContain(`Open #${doubt} payment renew-id-card BHD 3.000 2026-11-23 12:02 (in doubt)`);
    expect(text).toContain('معلقة رقم');
  });

  it('settles once per business day: a second run the same day is refused without touching the terminal; the next day runs', async () => {
    const { clock, journal, deps, answers, calls } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    answers.push(ok(1, 2000), ok(1, 1000));
    const first = report(await settle(deps, { reason: 'on-demand' }));
    const again = await settle(deps, { reason: 'scheduled' });
    expect(again).toMatchObject({ status: 'refused', why: 'already-settled', businessDay: '2026-11-23', settledBy: first.intentId });
    expect(calls()).toBe(1);
    expect(journal.intentsByKey(settlementKey('2026-11-23'))).toHaveLength(1);

    clock.advance(24 * 3600_000);
    charge(journal, clock, 1000, 'success', '0002');
    const next = report(await settle(deps, { reason: 'scheduled' }));
    expect(next).toMatchObject({ businessDay: '2026-11-24', matched: true, period: { fromIntentId: first.intentId, from: journal.intent(first.intentId)!.at } });
    expect(next.journal.count).toBe(1);
  });

  it('the guard is in the journal: after a restart the same day is still refused', async () => {
    const { clock, deps } = setup();
    const path = join(mkdtempSync(join(tmpdir(), 'settlement-restart-')), 'journal.sqlite');
    const open = () => openSqliteJournal({ file: path, now: clock.now, hashCpr: cprHasher(new Uint8Array(32)) });
    const before = open();
    report(await settle({ ...deps, journal: before, terminal: { endOfDay: () => Promise.resolve(ok(0, 0)) } }, { reason: 'scheduled' }));
    before.close();
    const after = open();
    let reached = false;
    const refused = await settle({ ...deps, journal: after, terminal: { endOfDay: () => ((reached = true), Promise.resolve(ok(0, 0))) } }, { reason: 'scheduled' });
    expect(refused).toMatchObject({ status: 'refused', why: 'already-settled', businessDay: '2026-11-23' });
    expect(reached).toBe(false);
  });

  it('two runs at once: the second is refused as in progress', async () => {
    const { deps } = setup();
    let answer!: (r: EndOfDayResult) => void;
    const slow = { endOfDay: () => new Promise<EndOfDayResult>((resolve) => (answer = resolve)) };
    const first = settle({ ...deps, terminal: slow }, { reason: 'scheduled' });
    expect(await settle({ ...deps, terminal: slow }, { reason: 'on-demand' })).toMatchObject({ status: 'refused', why: 'in-progress' });
    answer(ok(0, 0));
    expect((await first).status).toBe('settled');
  });

  it('terminal end-of-day failure: the report says so, the outcome is journaled failed, and a retry the same day is allowed', async () => {
    const { clock, journal, deps, answers } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    answers.push({ kind: 'failed', reason: 'deviceNotReady/terminalNotReady: endOfDay: link down', batchMayBeClosed: false });
    const failed = report(await settle(deps, { reason: 'scheduled' }));
    expect(failed).toMatchObject({ status: 'terminal-failed', matched: false, terminal: null, discrepancies: [{ kind: 'terminal-failed', reason: 'deviceNotReady/terminalNotReady: endOfDay: link down' }] });
    expect(failed.journal.amountFils).toBe(2000);
    expect(journal.intent(failed.intentId)!.outcome).toMatchObject({ result: 'failed', detail: { why: 'deviceNotReady/terminalNotReady: endOfDay: link down', batchMayBeClosed: false } });
    expect(journal.events({ type: 'settlement-report' })[0]!.detail).toMatchObject({ status: 'terminal-failed', matched: false, terminalAmountFils: null });
    expect(settlementReportText(failed, { timeZone: TZ })).toContain('RESULT: TERMINAL END-OF-DAY FAILED');

    answers.push(ok(1, 2000));
    const retry = report(await settle(deps, { reason: 'on-demand' }));
    expect(retry).toMatchObject({ status: 'settled', matched: true, period: { fromIntentId: 0 } });
  });

  it('a terminal that throws, or times out after sending, leaves a note on the next report that a batch may have closed unseen', async () => {
    const { clock, journal, deps } = setup();
    charge(journal, clock, 2000, 'success', '0001');
    const throwing: SettlementPort = { endOfDay: () => Promise.reject(new Error('socket reset')) };
    const failed = report(await settle({ ...deps, terminal: throwing }, { reason: 'scheduled' }));
    expect(journal.intent(failed.intentId)!.outcome).toMatchObject({ result: 'failed', detail: { batchMayBeClosed: true } });
    const r = report(await settle({ ...deps, terminal: { endOfDay: () => Promise.resolve(ok(0, 0)) } }, { reason: 'on-demand' }));
    expect(r.discrepancies).toEqual([
      { kind: 'count', journal: 1, terminal: 0, difference: -1 },
      { kind: 'amount', journalFils: 2000, terminalFils: 0, differenceFils: -2000 },
      { kind: 'earlier-end-of-day-unknown', intentId: failed.intentId, at: journal.intent(failed.intentId)!.at },
    ]);
  });

  it('a settlement cut short by a crash (intent, no outcome) is closed as failed before the next one runs', async () => {
    const { journal, deps, answers } = setup();
    const cut = journal.recordIntent({ action: 'settlement', sessionId: null, serviceId: null, idempotencyKey: settlementKey('2026-11-23'), amountFils: null, cpr: null, maskedPan: null, detail: {} });
    answers.push(ok(0, 0));
    const r = report(await settle(deps, { reason: 'on-demand' }));
    expect(journal.intent(cut)!.outcome).toMatchObject({ result: 'failed', detail: { batchMayBeClosed: true } });
    expect(r.discrepancies).toEqual([{ kind: 'earlier-end-of-day-unknown', intentId: cut, at: expect.any(Number) }]);
    expect(journal.unfinished()).toEqual([]);
  });

  it('an unwritable journal refuses before the terminal is asked', async () => {
    const { journal, deps } = setup();
    journal.close();
    let reached = false;
    const r = await settle({ ...deps, terminal: { endOfDay: () => ((reached = true), Promise.resolve(ok(0, 0))) } }, { reason: 'scheduled' });
    expect(r).toMatchObject({ status: 'refused', why: 'journal-unavailable' });
    expect(reached).toBe(false);
  });

  it('counts the amount the terminal actually approved when it differed from the request', async () => {
    const { clock, journal, deps, answers } = setup();
    const id = journal.recordIntent({ action: 'authorise', sessionId: 's', serviceId: 'renew-id-card', idempotencyKey: 's:renew-id-card:r:pay:1', amountFils: 2000, cpr: null, maskedPan: null, detail: {} });
    journal.recordOutcome(id, 'success', { receiptNo: '0009', amountMismatch: 2500 });
    clock.advance(1000);
    reversal(journal, clock, 2500, '0009', 'success');
    answers.push(ok(0, 0));
    const r = report(await settle(deps, { reason: 'on-demand' }));
    expect(r.journal).toMatchObject({ count: 0, amountFils: 0, approved: { count: 1, amountFils: 2500 }, reversed: { count: 1, amountFils: 2500 } });
    expect(r.matched).toBe(true);
  });
});
