import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteJournal } from '../journal/sqlite-journal-store.ts';
import { cprHasher } from '../journal/personal-data.ts';
import { createMemoryLogger } from '../testing/memory-logger.ts';
import { fakePorts } from '../flow/testing/fake-ports.ts';
import type { JournalStore } from '../journal/journal-store.ts';
import { recoverUnfinishedWork, runKeyOf } from './startup-recovery.ts';

const RUN = 'session-1:renew-id-card:run-1';
const TX = { receiptNo: '0042', trace: '004200', amountFils: 2000, maskedPan: '411111******1111', authCode: 'A1' };

function setup() {
  const journal = openSqliteJournal({ file: join(mkdtempSync(join(tmpdir(), 'recovery-')), 'j.sqlite'), now: () => 1, hashCpr: cprHasher(new Uint8Array(32)) });
  const fake = fakePorts();
  const recover = () => recoverUnfinishedWork({ journal, terminal: fake.ports.terminal, gateway: fake.ports.gateway, logger: createMemoryLogger().logger });
  return { journal, fake, recover };
}

const intent = (journal: JournalStore, action: 'authorise' | 'submit' | 'reversal' | 'print' | 'capture', key: string, detail: Record<string, string> = {}) =>
  journal.recordIntent({ action, sessionId: 'session-1', serviceId: 'renew-id-card', idempotencyKey: key, amountFils: 2000, cpr: null, maskedPan: null, detail });

/** Every approved charge has exactly one application or exactly one reversal. */
function expectInvariant(journal: JournalStore) {
  const rows = journal.search({ limit: 1000 });
  for (const charge of rows.filter((r) => r.action === 'authorise' && r.outcome?.result === 'success')) {
    const run = rows.filter((r) => runKeyOf(r.idempotencyKey) === runKeyOf(charge.idempotencyKey));
    const submits = run.filter((r) => r.action === 'submit' && r.outcome?.result === 'success').length;
    const reversals = run.filter((r) => r.action === 'reversal' && r.outcome?.result === 'success').length;
    expect(submits + reversals).toBe(1);
  }
  expect(journal.unfinished()).toEqual([]);
}

describe('start-up recovery', () => {
  it('run keys group a run’s intents, whatever step wrote them', () => {
    expect(runKeyOf(`${RUN}:pay:2`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:reversal:0042`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:print:receipt`)).toBe(RUN);
    expect(runKeyOf(`${RUN}:qr`)).toBe(RUN);
    expect(runKeyOf(RUN)).toBe(RUN);
  });

  it('crash during the receipt print after a paid, submitted run: completed, payment kept, the print case recorded', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    const submit = intent(journal, 'submit', RUN);
    journal.recordOutcome(submit, 'success', { reference: 'KH26-000001' });
    intent(journal, 'print', `${RUN}:print:receipt`);
    const results = await recover();
    expect(results).toEqual([expect.objectContaining({ runKey: RUN, result: 'completed' })]);
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
    expect(journal.search({ action: 'print' })[0]?.outcome).toMatchObject({ result: 'resolved', detail: { citizenCase: expect.stringContaining('print') } });
  });

  it('crash during the charge; the terminal approved it; no application → the money is reversed', async () => {
    const { journal, fake, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    fake.queues.lastTransaction.push({ kind: 'found', state: 'approved', transaction: TX });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded', amountFils: 2000 });
    expect(fake.reversed).toEqual(['0042']);
    expectInvariant(journal);
  });

  it('crash during the submit after payment; the gateway has it → completed, payment kept', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'submit', RUN);
    fake.queues.findSubmission.push({ ok: true, value: { found: true, receipt: { reference: 'APP-2026-000555', status: 'received' } } });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'completed' });
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
  });

  it('crash during the submit after payment; the gateway never got it → reversed', async () => {
    const { journal, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'submit', RUN);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expectInvariant(journal);
  });

  it('crash between the approved charge and the submit intent → reversed', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expect(fake.reversed).toEqual(['0042']);
    expectInvariant(journal);
  });

  it('the terminal is unreachable → left unresolved for the technician, nothing reversed blindly', async () => {
    const { journal, fake, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    fake.queues.lastTransaction.push({ kind: 'unreachable' });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'unresolved' });
    expect(fake.reversed).toEqual([]);
    expect(journal.unfinished()).toHaveLength(1);
    expect(journal.events({ type: 'recovery' })[0]?.detail).toMatchObject({ result: 'unresolved' });
  });

  it('the terminal shows no such charge → nothing taken', async () => {
    const { journal, recover } = setup();
    intent(journal, 'authorise', `${RUN}:pay:1`);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'nothing-taken' });
    expectInvariant(journal);
  });

  it('a reversal cut short that the terminal did complete is recorded, not repeated', async () => {
    const { journal, fake, recover } = setup();
    const charge = intent(journal, 'authorise', `${RUN}:pay:1`);
    journal.recordOutcome(charge, 'success', { receiptNo: '0042', trace: '004200' });
    intent(journal, 'reversal', `${RUN}:reversal:0042`, { receiptNo: '0042' });
    fake.queues.lastTransaction.push({ kind: 'found', state: 'reversed', transaction: TX });
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'refunded' });
    expect(fake.reversed).toEqual([]);
    expectInvariant(journal);
  });

  it('a card-out cut short is left as a case for the technician (the card may be in the bin)', async () => {
    const { journal, recover } = setup();
    intent(journal, 'capture', `${RUN}:capture:card-out`);
    const [result] = await recover();
    expect(result).toMatchObject({ result: 'nothing-taken' });
    expect(journal.search({ action: 'capture' })[0]?.outcome).toMatchObject({ result: 'resolved', detail: { citizenCase: expect.stringContaining('bin') } });
    expect(journal.unfinished()).toEqual([]);
  });

  it('nothing to do on a clean journal', async () => {
    const { recover } = setup();
    expect(await recover()).toEqual([]);
  });
});
