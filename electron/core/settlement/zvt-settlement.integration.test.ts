import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createZvtSimRig, type ZvtRig } from '../../devices/payment/zvt/driver/sim-rig.ts';
import { createVirtualClock } from '../../devices/payment/zvt/driver/virtual-clock.ts';
import { terminalPortFor } from '../hardware/terminal-port-adapter.ts';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { chargeCard, reverseCharge, type ChargeRequest } from '../payments/card-payment.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { countFromReceipt, zvtSettlementPort } from './zvt-settlement-adapter.ts';
import { settle } from './settlement.ts';
import { settlementReportText } from './settlement-text.ts';

let rig: ZvtRig | undefined;
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

describe('settlement against the real ZVT driver and the terminal simulator (in-memory link, virtual time)', () => {
  it('authorise twice, reverse one, settle: the terminal batch and the journal agree', async () => {
    const clock = createVirtualClock(Date.UTC(2026, 10, 23, 17, 0)); // 20:00 in Bahrain
    rig = createZvtSimRig({ clock });
    const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'settlement-zvt-')), 'journal.sqlite'), now: clock.now, hashCpr: cprHasher(new Uint8Array(32).fill(1)) });
    const logger = createMemoryLogger().logger;
    const payDeps = { terminal: terminalPortFor(rig.terminal), journal, logger };
    const signal = new AbortController().signal;
    const request = (n: number, amountFils: number): ChargeRequest => ({ amountFils, idempotencyKey: `session-${n}:renew-id-card:run-${n}`, attempt: 1, sessionId: `session-${n}`, serviceId: 'renew-id-card', cpr: '000000018' });

    const first = await clock.runUntil(chargeCard(payDeps, request(1, 2000), () => {}, signal));
    const second = await clock.runUntil(chargeCard(payDeps, request(2, 3500), () => {}, signal));
    expect(first.kind).toBe('approved');
    expect(second.kind).toBe('approved');
    if (first.kind !== 'approved') throw new Error('unreachable');
    const { attempt: _attempt, ...firstRun } = request(1, 2000);
    expect(await clock.runUntil(reverseCharge(payDeps, { ...firstRun, transaction: first.transaction }, signal))).toBe('reversed');

    const result = await clock.runUntil(settle({ journal, terminal: zvtSettlementPort(rig.terminal), clock, logger, timeZone: 'Asia/Bahrain' }, { reason: 'on-demand' }));
    if (result.status === 'refused') throw new Error(`refused: ${result.why}`);
    expect(result).toMatchObject({
      status: 'settled',
      businessDay: '2026-11-23',
      matched: true,
      discrepancies: [],
      terminal: { count: 1, amountFils: 3500 },
      journal: { count: 1, amountFils: 3500, approved: { count: 2, amountFils: 5500 }, reversed: { count: 1, amountFils: 2000 } },
    });
    expect(result.terminalReceipt).toContain('TOTAL BHD 3.500');
    expect(rig.sim.ledger.entries.every((e) => e.settled)).toBe(true);
    expect(journal.unfinished()).toEqual([]);
    expect(settlementReportText(result, { timeZone: 'Asia/Bahrain', kioskId: 'KIOSK-DEV-001' })).toContain('RESULT: MATCHED');

    // The batch is closed: settling the next day with no payments is matched at zero.
    await clock.runFor(24 * 3600_000);
    const next = await clock.runUntil(settle({ journal, terminal: zvtSettlementPort(rig.terminal), clock, logger, timeZone: 'Asia/Bahrain' }, { reason: 'scheduled' }));
    expect(next).toMatchObject({ status: 'settled', businessDay: '2026-11-24', matched: true, terminal: { count: 0, amountFils: 0 }, journal: { count: 0, amountFils: 0 } });
  });

  it('reads the count from the terminal printout, or reports none', () => {
    expect(countFromReceipt(['END OF DAY', 'BATCH 3', 'COUNT 12', 'TOTAL BHD 1.000'])).toBe(12);
    expect(countFromReceipt(['TOTAL COUNT: 4'])).toBe(4);
    expect(countFromReceipt(['END OF DAY', 'TOTAL BHD 1.000'])).toBeNull();
  });

  it('an unplugged terminal: end-of-day fails and the outcome is journaled failed', async () => {
    const clock = createVirtualClock(Date.UTC(2026, 10, 23, 17, 0));
    rig = createZvtSimRig({ clock });
    const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'settlement-zvt-')), 'journal.sqlite'), now: clock.now, hashCpr: cprHasher(new Uint8Array(32).fill(1)) });
    rig.unplug();
    const result = await clock.runUntil(settle({ journal, terminal: zvtSettlementPort(rig.terminal), clock, logger: createMemoryLogger().logger, timeZone: 'Asia/Bahrain' }, { reason: 'scheduled' }));
    if (result.status === 'refused') throw new Error(`refused: ${result.why}`);
    expect(result).toMatchObject({ status: 'terminal-failed', matched: false, terminal: null });
    expect(journal.intent(result.intentId)!.outcome).toMatchObject({ result: 'failed', detail: { batchMayBeClosed: false } });
  });
});
